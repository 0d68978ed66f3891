#!/usr/bin/env python3
"""The daemon against a real Dovecot: seconds from APPEND to the IDVA copy accepted by SMTP.

    .venv/bin/python bench/bench_imap.py [--count 200] [--interval 0.2] [--backlog 1000]
                                         [--only idle|xoauth2|poll|backlog ...]

Four runs of the real daemon (`run.py run`, a subprocess with its own home), each on its own folder of
one private Dovecot (implicit TLS) and sending to one aiosmtpd (STARTTLS) in this process:

1. IDLE: `count` referrals appended one every `interval` seconds while the daemon runs;
2. IDLE with XOAUTH2: the same, the daemon logging in with a token from a local stand-in for
   Microsoft's sign-in service (tests/token_server.py), which Dovecot's oauth2 passdb asks about it;
3. polling: the same as 1 with use_idle = false and poll_seconds = 60;
4. backlog: `backlog` referrals already in the folder when the daemon starts; drained at what rate.

A copy is matched to its original exactly: the IDVA copy's Message-ID carries the first 32 hex digits
of the original's ledger content hash, which this script computes from the bytes it appended. The
clock starts when the server has answered the APPEND (the message is in the mailbox) and stops when
aiosmtpd has accepted the copy's DATA.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import functools
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from latency import summary  # noqa: E402 - bench/ is the script's folder
from generators.fake_referrals import DOCX, PDF, invented_referral, referral_email  # noqa: E402
from intake.identity import key_of  # noqa: E402
from tests.servers import (Dovecot, SmtpRecorder, dovecot_binary, imap_smtp_config, running_dovecot,  # noqa: E402
                           start_smtp)
from tests.token_server import TokenServer  # noqa: E402

ENV = "MARAC_BENCH_IMAP_PASSWORD"
PARTS = ["idle", "xoauth2", "poll", "backlog"]
SENDER = "pc@exampleshire.police.uk"
COPY_ID = re.compile(rb"^Message-ID:\s*<idva-copy\.([0-9a-f]+)@", re.I | re.M)


@functools.lru_cache(maxsize=1)
def _blank_pdf() -> bytes:
    from generators.forms.pdf_form import build_referral_pdf
    return build_referral_pdf()


def _form(seed: int) -> tuple[str, bytes, str]:
    from generators.forms.docx_form import build_referral_docx
    from generators.forms.pdf_fill import fill_referral_pdf
    values = invented_referral(random.Random(seed), children=seed % 4)
    if seed % 2:
        return "referral.pdf", fill_referral_pdf(_blank_pdf(), values), PDF
    return "referral.docx", build_referral_docx(values), DOCX


def make_forms(count: int) -> list[tuple[str, bytes, str]]:
    """Distinct invented referrals (half PDF, half Word), made in parallel: they are slow to build."""
    with concurrent.futures.ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return list(pool.map(_form, range(1000, 1000 + count), chunksize=8))


def emails(forms: list[tuple[str, bytes, str]]) -> list[bytes]:
    # A fresh Message-ID per run: each run has its own home, so a form seen in another run is new here.
    return [referral_email(SENDER, [form]) for form in forms]


def short_hash(raw: bytes) -> str:
    return key_of(raw).content_hash[:32]


@dataclass
class Daemon:
    process: subprocess.Popen[bytes]
    log: Path

    @classmethod
    def start(cls, work: Path, server: Dovecot, smtp: SmtpRecorder, folder: str, tokens: TokenServer | None = None,
              **mailbox: object) -> "Daemon":
        config = work / f"{folder}.toml"
        secret = server.password
        if tokens is not None:  # log in with XOAUTH2: the app's client secret in ENV, not a password
            secret = tokens.client_secret
            mailbox.update(secret_key="client_secret", auth="oauth2", tenant_id=tokens.tenant,
                           client_id=tokens.client_id, authority_url=tokens.authority_url,
                           authority_ca_file=tokens.ca_file)
        config.write_text(imap_smtp_config((ROOT / "mailbox_config" / "local.toml").read_text(), server, smtp,
                                           ENV, folder=folder, processed_folder=f"Done/{folder}", **mailbox))
        log = work / f"{folder}.log"
        with open(log, "wb") as err:
            process = subprocess.Popen(
                [sys.executable, str(ROOT / "run.py"), "--config", str(config), "--home", str(work / folder), "run"],
                cwd=ROOT, stdin=subprocess.DEVNULL, stdout=err, stderr=err,
                env={**os.environ, ENV: secret})
        daemon = cls(process, log)
        daemon.until_started()
        return daemon

    def until_started(self, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while b"service.started" not in self.log.read_bytes():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the daemon did not start:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.05)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def copies(smtp: SmtpRecorder) -> dict[str, float]:
    """IDVA copies received so far: short content hash of the original -> when SMTP accepted it."""
    found: dict[str, float] = {}
    for message in list(smtp.received):
        match = COPY_ID.search(message.data)
        if match:
            found.setdefault(match.group(1).decode(), message.at)
    return found


def wait_for(smtp: SmtpRecorder, wanted: set[str], seconds: float) -> dict[str, float]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        got = copies(smtp)
        if wanted <= got.keys():
            break
        time.sleep(0.1)
    return {h: t for h, t in copies(smtp).items() if h in wanted}


def trickle(server: Dovecot, folder: str, messages: list[bytes], interval: float) -> dict[str, float]:
    """APPEND one message every `interval` seconds on one connection; when each was in the mailbox."""
    appended: dict[str, float] = {}
    start = time.monotonic()
    with server.client() as client:
        for i, raw in enumerate(messages):
            time.sleep(max(0.0, start + i * interval - time.monotonic()))
            client.append(folder, raw)
            appended[short_hash(raw)] = time.time()
    return appended


def latency_run(work: Path, server: Dovecot, smtp: SmtpRecorder, folder: str, messages: list[bytes],
                interval: float, settle: float, **mailbox: object) -> list[float]:
    with server.client() as client:
        client.create_folder(folder)
    daemon = Daemon.start(work, server, smtp, folder, **mailbox)
    try:
        appended = trickle(server, folder, messages, interval)
        received = wait_for(smtp, set(appended), settle)
    finally:
        daemon.stop()
    return [received[h] - appended[h] for h in appended if h in received]


def backlog_run(work: Path, server: Dovecot, smtp: SmtpRecorder, messages: list[bytes]) -> tuple[int, float, float]:
    folder = "Backlog"
    with server.client() as client:
        client.create_folder(folder)
        for raw in messages:
            client.append(folder, raw)
    wanted = {short_hash(raw) for raw in messages}
    started = time.time()
    daemon = Daemon.start(work, server, smtp, folder)
    try:
        received = wait_for(smtp, wanted, 60 + 2.0 * len(messages))
    finally:
        daemon.stop()
    last = max(received.values(), default=started)
    first = min(received.values(), default=started)
    return len(received), last - started, last - first


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--interval", type=float, default=0.2)
    parser.add_argument("--backlog", type=int, default=1000)
    parser.add_argument("--poll-seconds", type=float, default=60.0)
    parser.add_argument("--only", choices=PARTS, action="append",
                        help="run only these parts (repeatable); all by default")
    args = parser.parse_args()
    parts = set(args.only or PARTS)
    if dovecot_binary() is None:
        print("Dovecot is not installed: apt-get install dovecot-imapd", file=sys.stderr)
        return 2
    latency = [part for part in PARTS[:3] if part in parts]
    needed = max(args.count if latency else 0, args.backlog if "backlog" in parts else 0)
    print(f"making {needed} invented referrals (half PDF, half Word)...", flush=True)
    forms = make_forms(needed)
    results: dict[str, list[float]] = {}
    done, total, busy = 0, 0.0, 0.0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        tokens = TokenServer(user="marac-test", folder=work).start()
        smtp = start_smtp(work)
        # One Dovecot for every run: password logins as before, XOAUTH2 ones checked with `tokens`.
        try:
            with running_dovecot(oauth2_url=tokens.introspection_url) as server:
                runs: dict[str, tuple[str, dict[str, object]]] = {
                    "idle": ("IDLE", {}), "xoauth2": ("IDLE with XOAUTH2", {"tokens": tokens}),
                    "poll": (f"polling every {args.poll_seconds:g} s",
                             {"use_idle": False, "poll_seconds": args.poll_seconds})}
                for part in latency:
                    label, mailbox = runs[part]
                    print(f"{label}: {args.count} appends, one every {args.interval} s...", flush=True)
                    settle = 120 + (args.poll_seconds if part == "poll" else 0)
                    results[part] = latency_run(work, server, smtp, part.title(), emails(forms[:args.count]),
                                                args.interval, settle, **mailbox)
                if "backlog" in parts:
                    print(f"backlog: {args.backlog} messages waiting when the daemon starts...", flush=True)
                    done, total, busy = backlog_run(work, server, smtp, emails(forms[:args.backlog]))
        finally:
            smtp.stop()
            tokens.stop()
    if latency:
        print(f"\nAPPEND -> IDVA copy accepted by SMTP ({args.count} referrals, one every {args.interval} s)")
        headings = {"idle": "IDLE", "xoauth2": "IDLE XOAUTH2", "poll": f"poll {args.poll_seconds:g} s"}
        print(f"{'':10}" + "".join(f"{headings[part]:>16}" for part in latency))
        columns = [summary(results[part], args.count) for part in latency]
        for row, label in enumerate(["copies", "median", "p95", "max"]):
            print(f"{label:10}" + "".join(f"{column[row]:>16}" for column in columns))
    if "backlog" in parts:
        print(f"\nbacklog of {args.backlog}: {done} IDVA copies in {total:.1f} s from daemon start "
              f"({done / total if total else 0:.1f} referrals/s; {done / busy if busy else 0:.1f}/s after the first)")
    complete = all(len(results[part]) == args.count for part in latency)
    return 0 if complete and ("backlog" not in parts or done == args.backlog) else 1


if __name__ == "__main__":
    sys.exit(main())
