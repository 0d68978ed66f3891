"""The whole service on PostgreSQL: a referral through the real command line, with state in a schema of
the session's private cluster instead of marac.db. Invented data."""
from __future__ import annotations

import email
import email.policy
import json
import random
from collections.abc import Callable
from pathlib import Path

from intake.maildir import deliver
from marac.store import db

from tests.conftest import PDF, invented_referral, referral_email, run_cli, write_config
from tests.pg import fresh_database


def test_a_referral_goes_through_on_postgresql(tmp_path: Path, pg_url: str,
                                               pdf_referral: Callable[[dict], bytes]) -> None:
    url = fresh_database(pg_url)
    config = write_config(tmp_path, append='\n[store]\nurl = { env = "MARAC_DATABASE_URL" }\n')
    home = tmp_path / "var"
    form = invented_referral(random.Random(7))
    deliver(home / "inbox", referral_email("pc.one@exampleshire.police.uk",
                                           [("referral.pdf", pdf_referral(form), PDF)]), "one")
    env = {"MARAC_DATABASE_URL": url}

    result = run_cli(home, "process-once", config=config, env=env)
    assert result.returncode == 0, result.stderr
    assert "1 referral(s) accepted" in result.stdout
    assert not (home / "marac.db").exists()  # the state is on the server
    [copy] = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
              for p in (home / "outbox").glob("*.eml")]
    listed = run_cli(home, "cases", "--json", config=config, env=env)
    assert listed.returncode == 0, listed.stderr
    [case] = json.loads(listed.stdout)
    assert case["case_number"] in copy["Subject"] and case["status"] == "listed"
    for output in (result.stdout, result.stderr, listed.stdout, listed.stderr):
        assert url not in output and "postgresql://" not in output

    conn = db.connect_url(url, "marac_exm")
    try:
        assert [r["case_number"] for r in conn.execute("SELECT case_number FROM cases")] == [case["case_number"]]
        assert [r["event"] for r in conn.execute("SELECT event FROM audit ORDER BY id")] == ["disclosure"]
        assert conn.execute("SELECT state FROM outbox").fetchone()[0] == "sent"
    finally:
        conn.close()

    # A wrong password or an unreachable server: one plain sentence, never the url.
    port = int(pg_url.rsplit(":", 1)[1].split("/")[0])
    wrong = f"postgresql://marac:not-the-password-9f@127.0.0.1:{port + 1}/postgres"
    refused = run_cli(home, "process-once", config=config, env={"MARAC_DATABASE_URL": wrong})
    assert refused.returncode != 0
    assert "not-the-password-9f" not in refused.stderr + refused.stdout and "postgresql://" not in refused.stderr
    assert f"127.0.0.1:{port + 1}" in refused.stderr, refused.stderr
