"""The daemon's scheduled work besides new mail: one table, each job with its interval.

A job is a name, how often it runs (from the configuration's `[schedule]`, or the tracker's own
`sync_minutes`) and what it does. One job's fault is logged by name and never stops the others, nor
the referrals: a broken template must not hold back an IDVA copy.
"""
from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from marac import logs
from marac.config import Config
from marac.flow.desk_prints import DeskPrinter
from marac.meetings import circulation, reminders
from marac.meetings.minutes_import import import_minutes
from marac.records import retention
from marac.reports.write import quarterly_return
from marac.store import chain, claims
from marac.store.db import Connection
from marac.tracker import sync as sync_tracker

from .morning import queue_morning_summary


@dataclass
class Job:
    name: str
    every_seconds: float  # 0: on every pass of the daemon
    run: Callable[[dt.date], None]
    last_run: float = field(default=float("-inf"))

    def due(self, now: float) -> bool:
        return now - self.last_run >= self.every_seconds


def import_dropped_minutes(conn: Connection, config: Config, home: Path) -> None:
    """Completed minutes dropped into home/minutes/ are read back, then moved aside (never deleted)."""
    folder = home / "minutes"
    for path in sorted(folder.glob("*.docx")) if folder.is_dir() else []:
        report = import_minutes(conn, config, path.read_bytes(), path.name)
        target = folder / ("imported" if report.ok else "problems")
        target.mkdir(exist_ok=True)
        os.replace(path, target / path.name)
        logs.event("minutes.imported", count=len(report.stored) + len(report.updated),
                   problems=len(report.rejected) + len(report.problems))


def sync_tracker_now(conn: Connection, config: Config, home: Path, today: dt.date) -> None:
    """Never waits for a person to close the workbook; the next round tries again."""
    report = sync_tracker(conn, config, home, today, lock_wait_seconds=0)
    logs.event("tracker.synced", state=report.state, problems=len(report.conflicts))


def log_audit_head(conn: Connection) -> None:
    last_id, head = chain.head(conn)
    logs.event("audit.head", count=last_id, head=head)


def schedule(conn: Connection, config: Config, home: Path, printer: DeskPrinter) -> list[Job]:
    every = config.schedule
    return [
        Job("documents", every.documents_minutes * 60, lambda today: circulation.due(conn, config, home, today)),
        Job("minutes", every.minutes_minutes * 60, lambda today: import_dropped_minutes(conn, config, home)),
        Job("reminders", every.reminders_minutes * 60, lambda today: reminders.due_reminders(conn, config, today)),
        Job("minutes-reminder", every.reminders_minutes * 60, lambda today: reminders.minutes_overdue(conn, config, today)),
        # A large workbook takes seconds to read and merge, so not on every pass.
        Job("tracker", config.tracker.sync_minutes * 60, lambda today: sync_tracker_now(conn, config, home, today)),
        # A rewrite of the whole audit table is caught by comparing its head with these daily lines.
        # LibreOffice takes seconds a form: printed in a thread of its own, never while a referral waits.
        Job("desk-prints", 0, lambda today: printer.nudge()),
        Job("audit-head", 24 * 3600, lambda today: log_audit_head(conn)),
        Job("retention", 24 * 3600, lambda today: retention.purge(conn, config, home, today)),
        # Cheap, and queued at most once a day: looked at every ten minutes so it goes soon after 07:30.
        Job("desk-summary", 600, lambda today: queue_morning_summary(conn, config, home / "exceptions")),
        # Once a quarter is over, its return goes to the coordinator (once: the outbox key is the quarter's).
        Job("data-return", 3600, lambda today: quarterly_return(conn, config, home, today)),
    ]


def run_due(jobs: list[Job], today: dt.date, conn: Connection) -> None:
    """Each due job, unless another daemon sharing the store is running it right now (it is then left to
    that one: the papers, the tracker and the returns are each written by one daemon at a time)."""
    now = time.monotonic()
    for job in jobs:
        if not job.due(now):
            continue
        job.last_run = now
        with claims.held(conn, f"job:{job.name}") as mine:
            if not mine:
                continue
            try:
                job.run(today)
            except Exception as exc:  # noqa: BLE001 - one job's fault must not stop referrals flowing
                logs.error(f"{job.name}.failed", reason=type(exc).__name__)
