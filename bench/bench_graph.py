#!/usr/bin/env python3
"""The daemon against the local Graph server: seconds from a message landing to its IDVA copy sent.

    .venv/bin/python bench/bench_graph.py [--count 30] [--interval 4] [--wake-seconds 5] [--poll-seconds 30]

Two runs of the real daemon (`run.py run`, a subprocess with its own home), each against its own
tests/graph_server.py (HTTPS with a throw-away CA, msal's client-credentials flow for real), with the
Graph mailbox and the Graph sender:

1. wake-up: `wake_seconds` (a one-request look at the folder), the delta query when it sees a change,
   `poll_seconds` as the safety net;
2. poll: wake_seconds = 0, the delta query every `poll_seconds` (the behaviour before the wake-up).

`count` invented referrals (half PDF, half Word) land one every `interval` seconds on average (each gap
drawn between half and one and a half times it, so arrivals fall at every point of the timers). The
clock starts when the message is in the fake mailbox (the equivalent of an IMAP APPEND answered) and
stops when the fake Graph has accepted the IDVA copy's sendMail. A copy is matched to its original by
its Message-ID, which carries the first 32 hex digits of the original's ledger content hash. Graph
requests per minute (looks, delta rounds, all) are counted over each run.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import os
import random
import re
import signal
import ssl
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from latency import summary  # noqa: E402 - bench/ is the script's folder
from generators.fake_referrals import DOCX, PDF, invented_referral, referral_email  # noqa: E402
from intake.identity import key_of  # noqa: E402
from tests.graph_server import FakeGraph  # noqa: E402

ENV = "MARAC_BENCH_GRAPH_SECRET"
SENDER = "pc@exampleshire.police.uk"
COPY_ID = re.compile(rb"^Message-ID:\s*<idva-copy\.([0-9a-f]+)@", re.I | re.M)


def _form(seed: int) -> tuple[str, bytes, str]:
    from generators.forms.docx_form import build_referral_docx
    from generators.forms.pdf_fill import fill_referral_pdf
    from generators.forms.pdf_form import build_referral_pdf
    values = invented_referral(random.Random(seed), children=seed % 4)
    if seed % 2:
        return "referral.pdf", fill_referral_pdf(build_referral_pdf(), values), PDF
    return "referral.docx", build_referral_docx(values), DOCX


def make_forms(count: int) -> list[tuple[str, bytes, str]]:
    with concurrent.futures.ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return list(pool.map(_form, range(2000, 2000 + count), chunksize=4))


def short_hash(raw: bytes) -> str:
    return key_of(raw).content_hash[:32]


def graph_config(base: str, graph: FakeGraph, **mailbox: object) -> str:
    """The local configuration's text with its mailbox and sender on `graph`."""
    extra = "".join(f"{key} = {value}\n" for key, value in mailbox.items())
    replacements = {
        '[mailbox]\nbackend = "maildir"\npath = "inbox"\nrescan_seconds = 30\nsettle_seconds = 1.0\n':
            f'[mailbox]\nbackend = "graph"\ntenant_id = "{graph.tenant}"\nclient_id = "{graph.client_id}"\n'
            f'client_secret = {{ env = "{ENV}" }}\nuser = "{graph.user}"\ngraph_url = "{graph.graph_url}"\n'
            f'authority_url = "{graph.base}"\n{extra}',
        '[sender]\nbackend = "local"\npath = "outbox"\n': '[sender]\nbackend = "graph"\n'}
    for old, new in replacements.items():
        assert old in base, old
        base = base.replace(old, new)
    return base


def tls_server(ca_file: Path) -> tuple[FakeGraph, Path]:
    import trustme
    ca = trustme.CA()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    ca.cert_pem.write_to_path(str(ca_file))
    return FakeGraph(tls=context, page_size=50).start(), ca_file


class Daemon:
    def __init__(self, work: Path, name: str, graph: FakeGraph, ca_file: Path, **mailbox: object) -> None:
        config = work / f"{name}.toml"
        config.write_text(graph_config((ROOT / "mailbox_config" / "local.toml").read_text(), graph, **mailbox))
        self.log = work / f"{name}.log"
        with open(self.log, "wb") as err:
            # requests (and so msal) trusts the throw-away CA through REQUESTS_CA_BUNDLE.
            self.process = subprocess.Popen(
                [sys.executable, str(ROOT / "run.py"), "--config", str(config), "--home", str(work / name), "run"],
                cwd=ROOT, stdin=subprocess.DEVNULL, stdout=err, stderr=err,
                env={**os.environ, ENV: graph.client_secret, "REQUESTS_CA_BUNDLE": str(ca_file)})
        deadline = time.monotonic() + 120
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


def copies(graph: FakeGraph) -> dict[str, float]:
    """IDVA copies sent so far: short content hash of the original -> when Graph accepted the sendMail."""
    found: dict[str, float] = {}
    for raw, at in list(zip(graph.sent, graph.sent_at)):
        if match := COPY_ID.search(raw):
            found.setdefault(match.group(1).decode(), at)
    return found


def run(work: Path, name: str, messages: list[bytes], gaps: list[float], settle: float,
        **mailbox: object) -> tuple[list[float], dict[str, float]]:
    graph, ca_file = tls_server(work / f"{name}-ca.pem")
    daemon = Daemon(work, name, graph, ca_file, **mailbox)
    try:
        started = time.monotonic()
        landed: dict[str, float] = {}
        due = time.monotonic()
        for raw, gap in zip(messages, gaps):
            due += gap
            time.sleep(max(0.0, due - time.monotonic()))
            graph.deliver(raw, received=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
            landed[short_hash(raw)] = time.time()
        deadline = time.monotonic() + settle
        while time.monotonic() < deadline and not set(landed) <= copies(graph).keys():
            time.sleep(0.1)
        minutes = (time.monotonic() - started) / 60
    finally:
        daemon.stop()
        graph.stop()
    sent = copies(graph)
    if not set(landed) <= sent.keys():
        print(f"{len(set(landed) - sent.keys())} copies missing; the daemon's log ends:\n"
              f"{daemon.log.read_text()[-3000:]}", file=sys.stderr)
    rates = {kind: len(graph.calls(kind)) / minutes for kind in ("look", "delta")}
    rates["all"] = len([r for r in graph.requests if r.kind != "token"]) / minutes
    return [sent[h] - t for h, t in landed.items() if h in sent], rates


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--interval", type=float, default=4.0)
    parser.add_argument("--wake-seconds", type=float, default=5.0)
    parser.add_argument("--poll-seconds", type=float, default=30.0)
    parser.add_argument("--only", choices=["wake", "poll"], action="append", help="run only these parts")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    parts = args.only or ["wake", "poll"]
    print(f"making {args.count} invented referrals (half PDF, half Word)...", flush=True)
    forms = make_forms(args.count)
    rng = random.Random(args.seed)
    gaps = [args.interval * rng.uniform(0.5, 1.5) for _ in forms]
    results: dict[str, tuple[list[float], dict[str, float]]] = {}
    labels = {"wake": f"wake {args.wake_seconds:g} s", "poll": f"poll {args.poll_seconds:g} s"}
    with tempfile.TemporaryDirectory() as tmp:
        for part in parts:
            # A fresh Message-ID per run: each run has its own home and its own server.
            messages = [referral_email(SENDER, [form]) for form in forms]
            print(f"{labels[part]}: {args.count} messages, one every {args.interval:g} s on average...", flush=True)
            wake = args.wake_seconds if part == "wake" else 0
            results[part] = run(Path(tmp), part, messages, gaps, args.poll_seconds + 60,
                                wake_seconds=wake, poll_seconds=args.poll_seconds)
    print(f"\nmessage in the Graph mailbox -> IDVA copy accepted by sendMail ({args.count} referrals)")
    print(f"{'':18}" + "".join(f"{labels[p]:>16}" for p in parts))
    rows = {p: summary(results[p][0], args.count) for p in parts}
    for i, label in enumerate(["copies", "median", "p95", "max"]):
        print(f"{label:18}" + "".join(f"{rows[p][i]:>16}" for p in parts))
    for kind in ("look", "delta", "all"):
        print(f"{'requests/min ' + kind:18}" + "".join(f"{results[p][1][kind]:>16.1f}" for p in parts))
    return 0 if all(len(results[p][0]) == args.count for p in parts) else 1


if __name__ == "__main__":
    sys.exit(main())
