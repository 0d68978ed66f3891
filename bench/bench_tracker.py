#!/usr/bin/env python3
"""Time `tracker sync` with 20,000 invented actions, and its peak memory.

    .venv/bin/python bench/bench_tracker.py [--actions 20000] [--edits 200]

Each measured sync runs in a fresh Python process, so its peak resident memory (ru_maxrss, which includes
the interpreter and libraries) is its own. Scenarios:
- first:     no workbook yet: the whole workbook is built and written;
- unchanged: nothing changed since: the workbook is read and merged, nothing is written;
- edited:    a person saved the workbook with --edits statuses and notes changed, the store changed as many
             other actions, and a tenth of them both sides (conflicts): read, merge, write, commit.
Aim: each under 5 s and 400 MB.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marac.config import Config, load  # noqa: E402
from marac.store import db  # noqa: E402

AIM_SECONDS, AIM_MB = 5.0, 400
TODAY = dt.date(2026, 11, 20)
AGENCIES = ("Exampleshire Police", "Exampleshire Housing", "Exampleshire Health", "Children's Social Care")


def config_for(home: Path) -> Config:
    return load(ROOT / "mailbox_config" / "local.toml", home=home)


def populate(home: Path, actions: int) -> None:
    """Invented cases (5 actions each) over monthly meetings, inserted with SQL."""
    conn = db.connect(home / "marac.db")
    now = db.utcnow()
    per_case = 5
    cases = (actions + per_case - 1) // per_case
    meetings = [dt.date(2025 + (m // 12), m % 12 + 1, 10).isoformat() for m in range(24)]
    with db.transaction(conn):
        conn.executemany("INSERT INTO meetings (date, venue, chair, status) VALUES (?, 'Room 2', 'Chair', 'held')",
                         [(m,) for m in meetings])
        conn.executemany(
            "INSERT INTO cases (id, case_number, year, sequence, meeting, status, created_at) VALUES (?,?,?,?,?,?,?)",
            [(i + 1, f"EXM-{2025 + i // 5000}-{i % 5000 + 1:04d}", 2025 + i // 5000, i % 5000 + 1,
              meetings[i * len(meetings) // cases], "heard", now) for i in range(cases)])
        rows = []
        for n in range(actions):
            case = n // per_case
            meeting = meetings[case * len(meetings) // cases]
            deadline = (dt.date.fromisoformat(meeting) + dt.timedelta(days=14 + n % 30)).isoformat()
            rows.append((f"EXM-{2025 + case // 5000}-{case % 5000 + 1:04d}-A{n % per_case + 1}", case + 1, meeting,
                         f"Invented action {n}: share the safety plan and confirm the outcome with the IDVA",
                         AGENCIES[n % len(AGENCIES)], f"Officer {n % 97}", deadline,
                         ("Open", "In progress", "Done")[n % 3], None, f"Invented note {n}" if n % 4 == 0 else None,
                         now))
        conn.executemany("INSERT INTO actions (action_ref, case_id, meeting, description, agency, owner, deadline,"
                         " status, status_reported, notes, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    conn.close()


def person_edits(home: Path, edits: int) -> None:
    """A person opens the workbook, changes statuses and notes, saves (openpyxl stands in for Excel), while
    the store changes other actions, and some of the same ones."""
    from openpyxl import load_workbook
    path = home / "tracker.xlsx"
    wb = load_workbook(path)
    ws = wb["Actions"]
    step = max(ws.max_row // (edits + 1), 1)
    edited = []
    for k in range(edits):
        row = 2 + k * step
        ws.cell(row=row, column=8).value = "Done"
        ws.cell(row=row, column=10).value = f"Reported done by phone ({k})"
        edited.append(ws.cell(row=row, column=1).value)
    wb.save(path)
    conn = db.connect(home / "marac.db")
    with db.transaction(conn):
        refs = [r[0] for r in conn.execute("SELECT action_ref FROM actions ORDER BY id")]
        service = refs[1::max(len(refs) // edits, 1)][:edits]
        conflicting = edited[: max(edits // 10, 1)]
        conn.executemany("UPDATE actions SET notes = 'Changed by the service' WHERE action_ref = ?",
                         [(r,) for r in service + conflicting])
    conn.close()


def child(scenario: str, home: Path) -> None:
    """One measured sync in this (fresh) process; prints a JSON line."""
    from marac.tracker import sync
    config = config_for(home)
    conn = db.connect(home / "marac.db")
    started, cpu = time.perf_counter(), time.process_time()
    report = sync(conn, config, home, TODAY, lock_wait_seconds=0)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"scenario": scenario, "seconds": seconds, "cpu": cpu_seconds, "peak_mb": peak_mb,
                      "state": report.state, "actions": report.actions, "from_workbook": report.from_workbook,
                      "to_workbook": report.to_workbook, "conflicts": len(report.conflicts),
                      "bytes": (home / "tracker.xlsx").stat().st_size}))


def run_child(scenario: str, home: Path) -> dict[str, object]:
    out = subprocess.run([sys.executable, __file__, "--child", scenario, "--home", str(home)], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--actions", type=int, default=20_000)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--child")
    parser.add_argument("--home")
    args = parser.parse_args()
    if args.child:
        child(args.child, Path(args.home))
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-tracker-") as folder:
        home = Path(folder)
        started = time.perf_counter()
        populate(home, args.actions)
        print(f"{args.actions} invented actions inserted in {time.perf_counter() - started:.1f} s")
        results = [run_child("first", home), run_child("unchanged", home)]
        started = time.perf_counter()
        person_edits(home, args.edits)
        print(f"(a person's {args.edits} edits made with openpyxl in {time.perf_counter() - started:.1f} s, not timed)")
        results.append(run_child("edited", home))
    ok = True
    for r in results:
        within = r["seconds"] < AIM_SECONDS and r["peak_mb"] < AIM_MB  # type: ignore[operator]
        ok &= within
        print(f"{r['scenario']:<9} {r['seconds']:.2f} s wall ({r['cpu']:.2f} s CPU), peak {r['peak_mb']:.0f} MB, "
              f"{r['state']}: {r['actions']} actions, {r['from_workbook']} from the workbook, {r['to_workbook']} "
              f"from the service, {r['conflicts']} conflicts, workbook {int(r['bytes']) / 1e6:.1f} MB"  # type: ignore[call-overload]
              f" [{'within' if within else 'OVER'} {AIM_SECONDS:.0f} s / {AIM_MB} MB]")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
