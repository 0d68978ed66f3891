"""A soak test: a thousand messages, valid, hostile and duplicated, through the daemon while it is
killed with SIGKILL at random moments and while its home folder's disk fills up and is freed again.

The home folder is a small tmpfs of its own, so "disk full" is real (ENOSPC from the kernel), not a
stand-in. At the end every message has exactly one outcome in the ledger, every accepted referral has
exactly one IDVA copy (one file, one Message-ID), every original is in cur/, the daemon never exited
on its own, and no half-written `.tmp-*` file or folder is left. All people are invented.
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generators.fake_referrals import PDF, invented_referral, referral_email
from generators.forms.pdf_fill import fill_referral_pdf
from intake.identity import key_of
from intake.maildir import deliver
from tests.conftest import LOCAL_CONFIG, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]
AGENCIES = ("pc.one@exampleshire.police.uk", "hv@nhs.net", "housing@housing.exampleshire.gov.uk")


def _mailbag(rng: random.Random, blank_pdf: bytes, count: int) -> list[bytes]:
    forms = [fill_referral_pdf(blank_pdf, invented_referral(random.Random(seed))) for seed in range(40)]
    bag: list[bytes] = []
    while len(bag) < count:
        kind = rng.random()
        form = rng.choice(forms)
        sender = rng.choice(AGENCIES)
        if kind < 0.55:
            bag.append(referral_email(sender, [("referral.pdf", form, PDF)]))
        elif kind < 0.65 and bag:
            bag.append(rng.choice(bag))  # delivered twice
        elif kind < 0.75:
            bag.append(referral_email("someone@gmail.com", [("referral.pdf", form, PDF)]))
        elif kind < 0.80:
            bag.append(b"Authentication-Results: mx.exampleshire.gov.uk; dmarc=fail\r\n"
                       + referral_email(sender, [("referral.pdf", form, PDF)]))
        elif kind < 0.85:
            bag.append(b"\x00\xff not an email \x00" * rng.randint(1, 200))
        elif kind < 0.88:
            bag.append(b"Subject: " + b"\r\n ".join([b"x" * 60] * 5000) + b"\r\n"
                       + referral_email(sender, [("referral.pdf", form, PDF)]))
        elif kind < 0.93:
            bag.append(referral_email(sender, [("referral.pdf", form, PDF),
                                               ("tool\u202ecod.exe", b"MZ" + os.urandom(200), "application/octet-stream")]))
        else:
            bag.append(referral_email(sender, [], body="Form to follow.\n"))
    return bag


def _start(home: Path, log_path: Path) -> subprocess.Popen[bytes]:
    log = open(log_path, "ab")  # outside the small disk, so the log survives it filling up
    return subprocess.Popen([sys.executable, str(ROOT / "run.py"), "--config", str(LOCAL_CONFIG), "--home",
                             str(home), "run"], cwd=ROOT, stdout=log, stderr=log)


def _fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 65536):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def _settled(home: Path) -> bool:
    new = home / "inbox" / "new"
    if any(new.iterdir()):
        return False
    try:
        conn = sqlite3.connect(home / "marac.db", timeout=1)
        return conn.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0] == 0
    except sqlite3.Error:
        return False


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs for the home folder needs root")
def test_a_thousand_messages_through_kills_and_a_full_disk(tmp_path: Path, blank_pdf: bytes) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    # Room for the thousand messages, their copies, desk folders and the store, and no more.
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=900m", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("tmpfs could not be mounted here")
    home = disk / "var"
    try:
        rng = random.Random(20261130)
        bag = _mailbag(rng, blank_pdf, int(os.environ.get("MARAC_SOAK_COUNT", "1000")))
        log = tmp_path / "daemon.log"
        kill_at = set(rng.sample(range(len(bag)), 8))  # eight kills, at random moments
        daemon = _start(home, log)
        kills = exits = 0
        filled = freed = False
        filled_at = 0.0
        for i, raw in enumerate(bag):
            try:
                deliver(home / "inbox", raw, f"m{i}")
            except OSError:  # the disk is full for the sender too: it delivers again later, as an MTA does
                assert filled, "the disk filled up before the test filled it: make the tmpfs larger"
                while True:
                    time.sleep(0.2)
                    if (disk / "filler").exists() and time.monotonic() - filled_at > 4:
                        (disk / "filler").unlink()
                        freed = True
                    try:
                        deliver(home / "inbox", raw, f"m{i}")
                        break
                    except OSError:
                        continue
            if i == len(bag) * 3 // 10:
                _fill(disk)
                filled, filled_at = True, time.monotonic()
            if filled and not freed and time.monotonic() - filled_at > 4:
                (disk / "filler").unlink(missing_ok=True)
                freed = True
            if i in kill_at:
                time.sleep(rng.random() * 0.5)
                daemon.send_signal(signal.SIGKILL)
                daemon.wait()
                kills += 1
                daemon = _start(home, log)
            elif daemon.poll() is not None:
                exits += 1
                daemon = _start(home, log)
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and not _settled(home):
            if daemon.poll() is not None:
                exits += 1
                daemon = _start(home, log)
            time.sleep(1)
        alive = daemon.poll() is None
        daemon.terminate()
        daemon.wait(120)

        assert filled and freed and kills >= 3
        assert exits == 0 and alive, log.read_text()[-3000:]
        assert _settled(home)
        conn = sqlite3.connect(home / "marac.db")
        distinct = {key_of(raw) for raw in bag}
        rows = conn.execute("SELECT content_hash, coalesce(message_id, ''), count(*) FROM messages"
                            " GROUP BY content_hash, coalesce(message_id, '')").fetchall()
        assert {(h, m) for h, m, _ in rows} == {(k.content_hash, k.message_id or "") for k in distinct}
        assert all(n == 1 for _, _, n in rows)  # exactly one outcome each
        accepted = conn.execute("SELECT count(*) FROM messages WHERE outcome = 'referral'").fetchone()[0]
        copies = conn.execute("SELECT header_message_id, state FROM outbox WHERE purpose = 'idva-copy'").fetchall()
        assert len(copies) == accepted == len({m for m, _ in copies}) and {s for _, s in copies} == {"sent"}
        assert len(list((home / "outbox").glob("*.eml"))) == accepted  # one file per copy, none twice
        assert len(list((home / "inbox" / "cur").iterdir())) == len(bag)  # every original kept
        leftovers = [p for p in home.rglob(".tmp-*")]
        assert leftovers == []
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)
