"""Several areas on one daemon, SQLite: a referral sent to the wrong area's mailbox is handed, without
email, to the area where the victim lives. That area opens the case, with its own case number, and its
IDVA service gets the copy. The area that received the message records the handover in its audit."""
from __future__ import annotations

import email
import email.policy
import json
import sqlite3
from pathlib import Path

import pytest

from generators.fake_referrals import PDF, invented_referral, referral_email
from intake.maildir import deliver

from tests.conftest import ROOT, run_cli

pytestmark = pytest.mark.integration
AREAS = ROOT / "mailbox_config" / "areas.toml"


def _referral(rng, pdf_referral, postcode: str, tag: str) -> bytes:
    values = invented_referral(rng)
    values["referral.victim.postcode"] = postcode
    values["referral.referrer.agency"] = "Midshire Police (Northam)"
    values["referral.referrer.email"] = "pc.lark@northam.midshire.police.uk"
    return referral_email("pc.lark@northam.midshire.police.uk",
                          [("MARAC referral.pdf", pdf_referral(values), PDF)],
                          message_id=f"<handover-{tag}@northam.midshire.police.uk>")


def _copies(folder: Path) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
            for p in sorted(folder.glob("*.eml"))] if folder.is_dir() else []


def test_a_referral_for_a_victim_in_another_area_is_handed_over_once_without_email(tmp_path, rng, pdf_referral):
    home = tmp_path / "var"
    assert run_cli(home, "init", config=AREAS).returncode == 0
    inbox = home / "areas" / "NOR" / "inbox"
    deliver(inbox, _referral(rng, pdf_referral, "SO2 4TQ", "south"), "south")
    deliver(inbox, _referral(rng, pdf_referral, "NO1 2AB", "north"), "north")

    first = run_cli(home, "process-once", config=AREAS)
    assert first.returncode == 0, first.stderr
    assert "2 referral(s) accepted" in first.stdout
    again = run_cli(home, "process-once", config=AREAS)
    assert "0 referral(s) accepted" in again.stdout  # nothing left, nothing done twice

    # Southam opened the handed-over case under its own numbering and sent the copy to its own IDVA.
    south = json.loads(run_cli(home, "--area", "SOU", "cases", "--json", config=AREAS).stdout)
    assert [c["case_number"].split("-")[0] for c in south] == ["SOU"]
    assert south[0]["transferred_from"] == "Northam MARAC"
    south_copies = _copies(home / "areas" / "SOU" / "outbox")
    assert [m["To"] for m in south_copies] == ["idva@idva.southam.gov.uk"]
    assert south[0]["case_number"] in south_copies[0]["Subject"]

    # Northam kept its own victim, and sent its IDVA only that one: no email crossed between the areas.
    north = json.loads(run_cli(home, "--area", "NOR", "cases", "--json", config=AREAS).stdout)
    assert [c["case_number"].split("-")[0] for c in north] == ["NOR"]
    north_copies = _copies(home / "areas" / "NOR" / "outbox")
    assert [m["To"] for m in north_copies] == ["idva@idva.northam.gov.uk"]
    assert not any("southam" in str(m["To"]) for m in north_copies)
    assert not _copies(home / "areas" / "WES" / "outbox")

    # The message itself is moved once, in the mailbox it came to, and Northam's audit says where it went.
    assert not list((inbox / "new").iterdir()) and len(list((inbox / "cur").iterdir())) == 2
    conn = sqlite3.connect(home / "areas" / "NOR" / "marac.db")
    rows = conn.execute("SELECT event, recipient FROM audit WHERE event = 'handover'").fetchall()
    assert rows == [("handover", "Southam MARAC")]
