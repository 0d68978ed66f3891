#!/usr/bin/env python3
"""End-to-end benchmark of the local path: N generated referral emails through `process-once`.

    .venv/bin/python bench/bench_pipeline.py [--count 500]

Prints referrals per second (wall clock of the process-once command, start-up included) and the peak
memory of the service's process tree (service + form-parser child), sampled every 20 ms.
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generators.fake_referrals import DOCX, PDF, invented_referral, referral_email  # noqa: E402
from generators.forms.docx_form import build_referral_docx  # noqa: E402
from generators.forms.pdf_fill import fill_referral_pdf  # noqa: E402
from generators.forms.pdf_form import build_referral_pdf  # noqa: E402
from intake.maildir import deliver  # noqa: E402


def make_messages(count: int, seed: int = 500) -> list[bytes]:
    rng = random.Random(seed)
    blank = build_referral_pdf()
    messages = []
    for i in range(count):
        values = invented_referral(rng, children=i % 4)
        if i % 2:
            attachment = ("referral.pdf", fill_referral_pdf(blank, values), PDF)
        else:
            attachment = ("referral.docx", build_referral_docx(values), DOCX)
        messages.append(referral_email("pc@exampleshire.police.uk", [attachment]))
    return messages


def summed_memory(processes: list[psutil.Process]) -> tuple[int, int]:
    """RSS and PSS summed over processes. Forked children share the parent's pages, which RSS counts once
    per process; PSS divides shared pages between them, so its sum is the real footprint."""
    rss = pss = 0
    for p in processes:
        try:
            info = p.memory_full_info()
        except psutil.Error:
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)
    return rss, pss


def tree_memory(proc: psutil.Process) -> tuple[int, int]:
    """RSS and PSS summed over the process and its children."""
    return summed_memory([proc, *proc.children(recursive=True)])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    print(f"generating {args.count} invented referral emails (half PDF, half Word)...", flush=True)
    messages = make_messages(args.count)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "var"
        for i, raw in enumerate(messages):
            deliver(home / "inbox", raw, f"b{i}")
        time.sleep(1.1)  # let every file settle, as it would have in a real backlog
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "--home", str(home), "process-once"],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        watched = psutil.Process(proc.pid)
        peak_rss = peak_pss = 0
        while proc.poll() is None:
            rss, pss = tree_memory(watched)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            time.sleep(0.02)
        elapsed = time.perf_counter() - start
        out = proc.stdout.read() if proc.stdout else ""
        sent = len(list((home / "outbox").glob("*.eml")))
    print(out.strip())
    print(f"referrals:        {args.count}")
    print(f"IDVA copies:      {sent}")
    print(f"wall time:        {elapsed:.2f} s")
    print(f"throughput:       {args.count / elapsed:.1f} referrals/s")
    print(f"peak memory:      {peak_pss / 1e6:.0f} MB PSS ({peak_rss / 1e6:.0f} MB RSS counting shared pages "
          "once per process), service + form readers")
    return 0 if sent == args.count else 1


if __name__ == "__main__":
    sys.exit(main())
