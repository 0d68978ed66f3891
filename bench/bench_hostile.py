#!/usr/bin/env python3
"""What hostile messages cost, through the real command line on a local Maildir.

    .venv/bin/python bench/bench_hostile.py

1. One message with a 3 MB folded Subject, and one message of 29 MB (a referral with a large scan
   attached), each through `process-once`: wall time and peak memory (PSS of the service's process
   tree, sampled every 20 ms). The aim: each under 2 s and 300 MB beyond start-up.
2. A valid referral queued behind ten hostile messages, with the daemon running: seconds from the
   valid message landing in new/ to its IDVA copy in the outbox. The aim: under 5 s.
"""
from __future__ import annotations

import base64
import io
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_pipeline import tree_memory  # noqa: E402
from generators.fake_referrals import PDF, invented_referral, referral_email  # noqa: E402
from generators.forms.pdf_fill import fill_referral_pdf  # noqa: E402
from generators.forms.pdf_form import build_referral_pdf  # noqa: E402
from intake.maildir import deliver  # noqa: E402

CONFIG = ROOT / "mailbox_config" / "local.toml"
AGENCY = "pc.one@exampleshire.police.uk"


def referral(seed: int, sender: str = AGENCY, extra: list[tuple[str, bytes, str]] | None = None) -> bytes:
    pdf = fill_referral_pdf(build_referral_pdf(), invented_referral(random.Random(seed)))
    return referral_email(sender, [("referral.pdf", pdf, PDF), *(extra or [])])


def huge_subject() -> bytes:
    return b"Subject: " + b"\r\n ".join([b"referral"] * 330_000) + b"\r\n" + referral(1)


def huge_message() -> bytes:
    """Over the 30 MB limit: only its headers may be read."""
    return referral(9, extra=[("scan.png", b"\0" * 220_000_000, "image/png")])


def big_message() -> bytes:
    scan = os.urandom(20_500_000)  # base64 makes it about 27.5 MB
    return referral(2, extra=[("scan.png", scan, "image/png")])


def in_process(raw: bytes) -> tuple[float, float]:
    """Seconds and peak extra memory (RSS above the started service, sampled every 5 ms) to handle one
    message: start-up (imports, form readers) excluded, so the figure is what the message costs."""
    import threading

    from marac.config import load
    from marac.daemon.service import Service
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "var"
        service = Service(load(CONFIG, home), home)
        service.parsers.start()
        service.process_once()  # warm: tracker, templates, first parse
        me = psutil.Process()
        base = me.memory_info().rss
        deliver(home / "inbox", raw)
        os.utime(next((home / "inbox" / "new").iterdir()), (1, 1))  # settled: no settle wait measured
        peak, done = [base], threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], me.memory_info().rss)
                time.sleep(0.005)
        sampler = threading.Thread(target=sample)
        sampler.start()
        started = time.perf_counter()
        service.process_once()
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        service.close()
        return seconds, (peak[0] - base) / 1e6


def run_once(raw: bytes) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "var"
        deliver(home / "inbox", raw)
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "--config", str(CONFIG), "--home", str(home),
                                 "process-once"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ps = psutil.Process(proc.pid)
        peak = 0
        while proc.poll() is None:
            try:
                peak = max(peak, tree_memory(ps)[1])
            except psutil.Error:
                pass
            time.sleep(0.02)
        return time.perf_counter() - started, peak / 1e6


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("referral.docx", b"\0" * 200_000_000)
    return out.getvalue()


def hostile_messages() -> list[bytes]:
    from tests.unit.test_parse_fuzz import slow_pdf
    coordinator = "marac.coordinator@exampleshire.gov.uk"
    encoded = base64.b64encode("x\nWhat to do\nmove it".encode()).decode()
    return [
        huge_subject(),
        b"".join(b"X-Filler-%d: x\r\n" % i for i in range(5000)) + referral(3),
        b"Authentication-Results: mx.exampleshire.gov.uk; dmarc=fail\r\n" + referral(4, coordinator),
        referral(5, "someone@gmail.com", [("FW.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(50_000),
                                           "application/vnd.ms-outlook")]),
        referral(6, extra=[("forms.zip", zip_bomb(), "application/zip")]),
        referral(7, "pc.two@exampleshire.police.uk", [(f"slow{i}.pdf", slow_pdf(), PDF) for i in range(5)]),
        b"\x00\xff garbage, not an email \x00" * 500,
        f"From: x@gmail.com\r\nSubject: =?utf-8?b?{encoded}?=\r\n\r\nhi\r\n".encode(),
        referral(8, extra=[("Referral\u202excod.exe", b"MZ" + os.urandom(1000), "application/octet-stream")]),
        big_message(),
    ]


def behind_hostile() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "var"
        daemon = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "--config", str(CONFIG), "--home",
                                   str(home), "run"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(3)  # started and idle
            for raw in hostile_messages():
                deliver(home / "inbox", raw)
            pdf = fill_referral_pdf(build_referral_pdf(), invented_referral(random.Random(99)))
            valid = referral_email("hv@nhs.net", [("referral.pdf", pdf, PDF)], message_id=VALID_ID)
            landed = time.perf_counter()
            deliver(home / "inbox", valid)
            while time.perf_counter() - landed < 300:
                if _copy_sent(home):
                    return time.perf_counter() - landed
                time.sleep(0.05)
            return float("inf")
        finally:
            daemon.terminate()
            daemon.wait(180)


VALID_ID = "<valid-behind-hostile@nhs.net>"


def _copy_sent(home: Path) -> bool:
    """The valid referral's IDVA copy has been sent (bench-only read of the store)."""
    import sqlite3
    try:
        conn = sqlite3.connect(home / "marac.db", timeout=0.1)
        row = conn.execute(
            "SELECT o.state FROM messages m JOIN cases c ON c.id = m.case_id JOIN outbox o"
            " ON o.case_number = c.case_number AND o.purpose = 'idva-copy' WHERE m.message_id = ?",
            (VALID_ID,)).fetchone()
    except sqlite3.Error:
        return False
    return bool(row and row[0] == "sent")


def main() -> int:
    for name, raw in (("3 MB folded Subject", huge_subject()), ("29 MB message", big_message()),
                      ("300 MB message", huge_message())):
        seconds, mb = in_process(raw)
        print(f"{name:<22} {len(raw) / 1e6:5.1f} MB: {seconds:5.2f} s to handle, {mb:.0f} MB more memory at peak")
        del raw
        if name.startswith("300"):
            continue  # the whole command again adds nothing: the message is never read whole
        seconds, mb = run_once(huge_subject() if name.startswith("3 MB") else big_message())
        print(f"{'':<22} {'':>8}  {seconds:5.2f} s for the whole process-once command (start-up included), "
              f"peak {mb:.0f} MB PSS")
    print(f"valid referral behind ten hostile messages: IDVA copy {behind_hostile():.1f} s after it landed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
