#!/usr/bin/env python3
"""Time `report year 2026` for a busy MARAC: 500 cases over 24 meetings, 3,000 actions, every referral with
its IDVA copy and a tenth through the desk, inserted directly into a fresh store.

    .venv/bin/python bench/bench_report.py [--cases 500] [--meetings 24] [--actions 3000]

Prints the time to count the figures, to build the workbook and the PDF, and the whole command as the
coordinator runs it (a fresh process, so matplotlib's start-up is counted). Aim: under 5 s.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generators.data_return.pdf import build_pdf  # noqa: E402
from generators.data_return.workbook import build_workbook  # noqa: E402
from marac.config import load  # noqa: E402
from marac.reports.figures import compute  # noqa: E402
from marac.reports.period import parse_year  # noqa: E402
from marac.store import db  # noqa: E402

AIM_SECONDS = 5.0
AGENCIES = ("Exampleshire Police", "Exampleshire Health", "Exampleshire Housing", "Exampleshire Children's Social Care",
            "Exampleshire IDVA service", "Somewhere Else Outreach")


def _parsed(rng: random.Random, received: dt.date, agency: str) -> dict:
    """The shape the parsers store, with invented values and some facts left off the form."""
    def maybe(value: object) -> object:
        return None if rng.random() < 0.15 else value
    victim = {"name": f"Invented Victim{rng.randint(1, 99999)}", "dob": maybe(f"{rng.randint(1950, 2009)}-05-17"),
              "gender": maybe(rng.choice(["Female"] * 9 + ["Male"])), "bme": maybe(rng.random() < 0.15),
              "lgbt": maybe(rng.random() < 0.05), "disabled": maybe(rng.random() < 0.1), "age": None,
              "address": "1 Invented Row, Exampleton", "postcode": "EX1 1AA"}
    perpetrators = [{"name": "Invented Person", "dob": maybe(f"{rng.randint(1950, 2010)}-02-03"), "gender": "Male"}]
    children = [{"name": "Invented Child", "dob": "2018-01-01", "lives_with_victim": maybe(True)}
                for _ in range(rng.choice([0, 0, 1, 1, 2, 3]))]
    return {"referral": {"referrer": {"agency": agency, "name": "Invented Referrer", "date": received.isoformat()},
                         "victim": victim, "perpetrators": perpetrators, "children": children,
                         "reasons": {"visible_high_risk": True}, "risks_summary": "Invented. " * 40},
            "dash": {"answers": {str(n): rng.choice(["yes", "no"]) for n in range(1, 25)}, "score": 15},
            "problems": []}


def populate(home: Path, cases: int, meetings: int, actions: int) -> None:
    rng = random.Random(16)
    conn = db.connect(home / "marac.db")
    days = [dt.date(2026, 1, 6) + dt.timedelta(days=14 * n + 1) for n in range(meetings)]
    statuses = ["open", "Done", "Done", "In progress", "Not done", "Cancelled"]
    with db.transaction(conn):
        conn.executemany("INSERT INTO meetings (date, status) VALUES (?, 'held')", [(d.isoformat(),) for d in days])
        for n in range(cases):
            meeting = days[n * meetings // cases]
            arrived = dt.datetime.combine(meeting - dt.timedelta(days=rng.randint(8, 40)), dt.time(10),
                                          dt.timezone.utc)
            number = f"EXM-2026-{n + 1:04d}"
            conn.execute("INSERT INTO cases (id, case_number, year, sequence, meeting, status, repeat, created_at)"
                         " VALUES (?,?,?,?,?,'heard',?,?)", (n + 1, number, 2026, n + 1, meeting.isoformat(),
                                                             int(rng.random() < 0.3), arrived.isoformat()))
            digest = hashlib.sha256(number.encode()).hexdigest()
            conn.execute("INSERT INTO messages (id, mailbox, source_key, content_hash, size, received_at, outcome,"
                         " case_id) VALUES (?, 'maildir:inbox', ?, ?, 1000, ?, 'referral', ?)",
                         (n + 1, number, digest, arrived.isoformat(), n + 1))
            agency = rng.choice(AGENCIES)
            conn.execute("INSERT INTO referrals (case_id, message, agency, received_at, parsed, has_children)"
                         " VALUES (?,?,?,?,?,1)", (n + 1, n + 1, agency, arrived.isoformat(),
                                                   json.dumps(_parsed(rng, arrived.date(), agency))))
            sent = arrived + dt.timedelta(seconds=rng.randint(5, 600))
            conn.execute("INSERT INTO outbox (purpose, dedupe_key, header_message_id, recipients, case_number,"
                         " document, payload, payload_sha256, state, next_attempt_at, created_at, sent_at)"
                         " VALUES ('idva-copy', ?, ?, '[]', ?, 'referral', x'00', '', 'sent', ?, ?, ?)",
                         (f"idva-copy:{digest}", f"<{number}@bench>", number, sent.isoformat(), arrived.isoformat(),
                          sent.isoformat()))
            if n % 10 == 0:
                decided = arrived + dt.timedelta(hours=rng.randint(1, 72))
                conn.execute("INSERT INTO desk (folder, kind, case_id, status, created_at, decided_at)"
                             " VALUES (?, 'review', ?, 'resolved', ?, ?)",
                             (f"folder-{n}", n + 1, arrived.isoformat(), decided.isoformat()))
        conn.executemany(
            "INSERT INTO actions (action_ref, case_id, meeting, description, agency, deadline, status,"
            " status_reported, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            [(f"EXM-2026-{a % cases + 1:04d}-A{a // cases + 1}", a % cases + 1,
              days[(a % cases) * meetings // cases].isoformat(), "Invented action", rng.choice(AGENCIES[:4]),
              (days[(a % cases) * meetings // cases] + dt.timedelta(days=rng.randint(7, 60))).isoformat(),
              rng.choice(statuses), None, "2026-06-01T10:00:00+00:00") for a in range(actions)])
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--meetings", type=int, default=24)
    parser.add_argument("--actions", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "var"
        populate(home, args.cases, args.meetings, args.actions)
        config = load(ROOT / "mailbox_config" / "local.toml", home=home)
        conn = db.connect(home / "marac.db")
        start = time.perf_counter()
        figures = compute(conn, config, parse_year("2026"), dt.date(2026, 12, 31))
        counted = time.perf_counter()
        workbook = build_workbook(figures)
        built = time.perf_counter()
        pdf = build_pdf(figures, config.report.small_count)
        done = time.perf_counter()
        conn.close()
        began = time.perf_counter()
        result = subprocess.run([sys.executable, str(ROOT / "run.py"), "--home", str(home), "report", "year", "2026"],
                                cwd=ROOT, capture_output=True, text=True)
        whole = time.perf_counter() - began
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return 1
    print(f"{figures.totals.cases} cases, {len(figures.meetings)} meetings, "
          f"{sum(a.total for a in figures.service.actions)} actions (not cancelled)")
    print(f"figures {counted - start:.2f} s, workbook {built - counted:.2f} s ({len(workbook) // 1024} KB), "
          f"PDF {done - built:.2f} s ({len(pdf) // 1024} KB)")
    print(f"`report year 2026` as a command: {whole:.2f} s (aim: under {AIM_SECONDS:.0f} s)")
    return 0 if whole < AIM_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
