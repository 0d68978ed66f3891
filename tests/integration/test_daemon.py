"""The daemon as an operator runs it: prompt pick-up, a clean stop on SIGTERM, and no lost or doubled
referral when it is killed with SIGKILL at any moment and started again."""
from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from intake.maildir import deliver

from tests.conftest import LOCAL_CONFIG, PDF, ROOT, invented_referral, referral_email


def _start(home: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, str(ROOT / "run.py"), "--config", str(LOCAL_CONFIG), "--home", str(home),
                             "run"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _started(home: Path, daemon: subprocess.Popen[bytes]) -> bool:
    """The daemon holds its lock file with its pid in it once it is up."""
    lock = home / "marac.lock"
    return lock.exists() and lock.read_text().strip() == str(daemon.pid)


def _wait_for(predicate, limit: float = 60.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def _outbox(home: Path) -> list[Path]:
    folder = home / "outbox"
    return sorted(folder.glob("*.eml")) if folder.exists() else []


def test_daemon_picks_up_new_mail_and_stops_cleanly_on_sigterm(tmp_path, rng, pdf_referral):
    home = tmp_path / "var"
    daemon = _start(home)
    try:
        assert _wait_for(lambda: _started(home, daemon))
        raw = referral_email("pc@exampleshire.police.uk", [("r.pdf", pdf_referral(invented_referral(rng)), PDF)])
        deliver(home / "inbox", raw, "live")
        # The rescan interval is 30 s: a copy within that proves the watcher woke the daemon.
        assert _wait_for(lambda: len(_outbox(home)) == 1, limit=25), "IDVA copy did not appear"
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=30) == 0
    finally:
        if daemon.poll() is None:
            daemon.kill()
    stderr = daemon.stderr.read().decode() if daemon.stderr else ""
    assert "service.stopped" in stderr and "Traceback" not in stderr


def test_sigkill_at_random_moments_loses_nothing_and_doubles_nothing(tmp_path, pdf_referral, docx_referral):
    home = tmp_path / "var"
    rng = random.Random(7)
    total = 40
    raws = []
    for i in range(total):
        values = invented_referral(rng, children=i % 3)
        form = (pdf_referral(values), "r.pdf", PDF) if i % 2 else (docx_referral(values), "r.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        raws.append(referral_email("pc@exampleshire.police.uk", [(form[1], form[0], form[2])]))
    for i, raw in enumerate(raws):
        deliver(home / "inbox", raw, f"m{i}")

    kills = 0
    while kills < 8 and len(list((home / "inbox" / "new").iterdir())) > 0:
        daemon = _start(home)
        time.sleep(rng.uniform(0.6, 2.5))
        daemon.send_signal(signal.SIGKILL)
        daemon.wait(timeout=30)
        kills += 1
    daemon = _start(home)
    try:
        assert _wait_for(lambda: _started(home, daemon))
        assert _wait_for(lambda: not any((home / "inbox" / "new").iterdir()) and len(_outbox(home)) == total, 120)
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=30) == 0
    finally:
        if daemon.poll() is None:
            daemon.kill()

    conn = sqlite3.connect(home / "marac.db")
    assert conn.execute("SELECT count(*) FROM messages").fetchone()[0] == total
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == total
    sent = conn.execute("SELECT count(*), count(DISTINCT case_number) FROM audit WHERE event='disclosure'").fetchone()
    assert sent == (total, total)  # one recorded disclosure to the IDVA per case, never two
    assert conn.execute("SELECT count(*) FROM outbox WHERE state != 'sent'").fetchone()[0] == 0
    assert len(_outbox(home)) == total
    assert sorted(p.read_bytes() for p in (home / "inbox" / "cur").iterdir()) == sorted(raws)
    assert not [p for p in (home / "outbox").iterdir() if p.suffix == ".tmp"]
    assert kills >= 1


def test_a_coordinator_approves_a_corrected_exception_while_the_daemon_runs(tmp_path, rng, pdf_referral):
    import json
    import shutil
    home = tmp_path / "var"
    values = {k: v for k, v in invented_referral(rng).items() if k != "referral.victim.dob"}
    daemon = _start(home)
    try:
        assert _wait_for(lambda: _started(home, daemon))
        deliver(home / "inbox", referral_email("pc@exampleshire.police.uk", [("r.pdf", pdf_referral(values), PDF)]))
        desk = home / "exceptions"
        found = lambda: [p for p in desk.iterdir() if p.is_dir() and p.name[0].isdigit()]  # noqa: E731
        assert _wait_for(lambda: len(found()) == 1, limit=25)
        folder = found()[0]
        fields = json.loads((folder / "fields.json").read_text())
        fields["referral"]["victim"]["dob"] = "1987-05-14"  # the coordinator's correction
        (folder / "fields.json").write_text(json.dumps(fields))
        shutil.move(str(folder), str(desk / "approved" / folder.name))
        assert _wait_for(lambda: (desk / "done" / folder.name).exists(), limit=25)
        conn = sqlite3.connect(home / "marac.db")
        assert conn.execute("SELECT status, meeting IS NOT NULL FROM cases").fetchall() == [("listed", 1)]
        assert conn.execute("SELECT victim_dob FROM referrals").fetchall() == [("1987-05-14",)]
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=30) == 0
    finally:
        if daemon.poll() is None:
            daemon.kill()
