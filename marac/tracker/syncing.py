"""One tracker sync: read the workbook, merge, write it back, then commit to the store.

The module is named `syncing`, not `sync`, so that the package's `sync` function cannot hide it.

The order is what makes a sync safe to interrupt. Everything is decided first (`plan`), from the workbook
as people left it and the store as it is. The workbook is then written (`files`: not while someone has it
open, atomically, the old one kept as a backup), and only after it is in place is the store updated, in
one transaction, each update conditional on the value the merge saw (`marac.store.actions`). So a crash,
or a change made by another process meanwhile, at any point leaves a state the next sync merges
correctly: nothing a person typed and nothing the service changed is lost. If the workbook is opened or
saved between the read and the write, the attempt is abandoned and started again.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path

from generators.tracker import TrackerRead, UnreadableWorkbook, build_workbook, read_workbook
from marac.store.db import Connection

from .. import logs
from ..config import Config
from ..store import actions as action_store
from ..store import cases as case_store
from ..store import tracker as tracker_store
from ..store.db import transaction
from .files import (
    move_aside,
    owner_file,
    replace_workbook,
    sha256_of,
    tracker_path,
    update_conflicts_file,
    wait_while_open,
)
from .merge import FIELDS
from .plan import Plan, case_rows, conflict_rows, meeting_rows, plan_sync, stored_actions
from .report import Conflict, SyncReport, conflicts_text

MAX_ATTEMPTS = 5  # the workbook saved or opened again between our read and our write, this many times


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def sync(conn: Connection, config: Config, home: Path, today: dt.date, *,
         lock_wait_seconds: float | None = None, poll_seconds: float = 0.5,
         clock: Callable[[], dt.datetime] = _utc_now) -> SyncReport:
    """Merge the workbook's human edits into the store and rewrite it from the store.

    `lock_wait_seconds` overrides the configuration (e.g. a daemon that would rather try again next round).
    `clock` gives UTC for backup names and the conflicts file.
    """
    settings = config.tracker
    path = tracker_path(config, home)
    report = SyncReport(path=path)
    if config.tracker.path.expanduser().is_absolute() and not path.parent.is_dir():
        # A shared drive that is not connected: creating the folder here would hide the workbook from everyone.
        return _failed(report, f"The folder {path.parent} does not exist (is the shared drive connected?); "
                               "nothing was written.", "no-folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    wait = settings.lock_wait_seconds if lock_wait_seconds is None else lock_wait_seconds
    started = time.monotonic()
    for _ in range(MAX_ATTEMPTS):
        owner = wait_while_open(path, started + wait, poll_seconds)
        report.waited_seconds = round(time.monotonic() - started, 3)
        if owner is not None:
            report.state, report.locked_by = "locked", owner.name
            logs.warning("tracker-locked", seconds=report.waited_seconds)
            return report
        try:
            if _attempt(conn, config, path, today, clock(), report):
                return report
        except OSError as exc:  # e.g. no permission on the share, disk full: the store is left as it was
            return _failed(report, f"The workbook could not be read or written ({exc.strerror or exc}); the store "
                                   "was not changed and the next sync tries again.", type(exc).__name__)
    return _failed(report, "The workbook kept being opened or saved while the service was writing it; "
                           "the next sync tries again.", "busy")


def open_conflicts(conn: Connection) -> list[Conflict]:
    """The conflicts waiting for the coordinator, as the last sync left them."""
    return [Conflict(c.action_ref, c.case_number or "", c.field, c.workbook_value, c.store_value, c.detected_at)
            for c in tracker_store.open_conflicts(conn)]


def _failed(report: SyncReport, sentence: str, reason: str) -> SyncReport:
    report.state = "failed"
    report.problems.append(sentence)
    logs.error("tracker-failed", reason=reason)
    return report


def _fingerprint(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, default=str, ensure_ascii=False).encode("utf-8")).hexdigest()


def _read_current(path: Path, report: SyncReport, now: dt.datetime) -> tuple[TrackerRead | None, str | None]:
    """The workbook as people left it. One that cannot be read is moved aside, never overwritten."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, None
    try:
        return read_workbook(data), hashlib.sha256(data).hexdigest()
    except UnreadableWorkbook as exc:
        aside = move_aside(path, now)
        logs.warning("tracker-unreadable", reason=str(exc).split(" (")[0])
        report.problems.append(f"The workbook could not be read ({exc}); it was moved to {aside.name} and a new "
                               "one written from the store. Any edits in it must be typed again.")
        return None, None


def _attempt(conn: Connection, config: Config, path: Path, today: dt.date, now: dt.datetime,
             report: SyncReport) -> bool:
    """One read-merge-write. False when the workbook was opened or saved meanwhile (start again)."""
    started = time.monotonic()
    statuses = config.tracker.statuses
    stamp = now.isoformat(timespec="milliseconds") + "+00:00"
    read, read_sha = _read_current(path, report, now)
    stored = stored_actions(action_store.for_tracker(conn), statuses)
    plan = plan_sync(stored, read, tracker_store.ancestors(conn), tracker_store.open_conflicts(conn), statuses,
                     today, stamp)
    extra_columns = read.extra_columns if read is not None else ()
    cases = case_rows(case_store.summaries(conn))
    meetings = meeting_rows(tracker_store.meetings(conn), tracker_store.cases_per_meeting(conn), plan.rows)
    conflicts = conflict_rows(plan.conflicts, statuses)
    due_soon = config.tracker.remind_days_before
    fingerprint = _fingerprint(statuses, due_soon, extra_columns, plan.rows, plan.kept_rows, cases, meetings,
                               conflicts)
    # A person's save (a different hash) is rewritten even when the values agree: the service's columns,
    # order and formatting come back, and their saved file is the backup.
    state = tracker_store.written_state(conn, str(path))
    unchanged = read_sha is not None and state == (read_sha, fingerprint)
    written_sha = read_sha
    if not unchanged:
        data = build_workbook(plan.rows, cases, meetings, statuses, conflicts=conflicts,
                              extra_columns=extra_columns, kept_rows=plan.kept_rows, due_soon_days=due_soon)

        def still_ours() -> bool:  # nobody opened or saved it since we read it
            return owner_file(path) is None and sha256_of(path) == read_sha

        done, report.backup = replace_workbook(path, data, config.tracker.backups, now, still_ours)
        if not done:
            return False
        written_sha = hashlib.sha256(data).hexdigest()
    _commit(conn, plan, path, written_sha, fingerprint, stamp)
    report.state = "unchanged" if unchanged else "written"
    report.actions, report.new_actions = len(stored), plan.new_actions
    report.from_workbook, report.to_workbook = plan.from_workbook, plan.to_workbook
    report.conflicts, report.resolved = plan.conflicts, len(plan.resolutions)
    report.kept_rows, report.unknown_statuses = len(plan.kept_rows), plan.unknown_statuses
    report.conflicts_file = update_conflicts_file(
        path, conflicts_text(plan.conflicts, statuses, now) if plan.conflicts else None)
    logs.event("tracker-sync", state=report.state, count=len(stored), seconds=round(time.monotonic() - started, 3))
    if plan.conflicts:
        logs.warning("tracker-conflicts", count=len(plan.conflicts))
    return True


def _commit(conn: Connection, plan: Plan, path: Path, sha: str | None, fingerprint: str, now: str) -> None:
    """The plan into the store, in one transaction, after the workbook is in place."""
    with transaction(conn):
        # Only if the store still holds what the merge saw: a change made meanwhile is not overwritten.
        missed = {(ref, name) for ref, name, value, seen in plan.updates
                  if not action_store.update_if_unchanged(conn, ref, name, value, seen, now)}
        ancestors = []
        for ref, (ancestor, before) in plan.ancestors.items():
            # Where the store moved under us, the old ancestor stays: the next sync sees both changes.
            old = before or (None, None, None)
            status, reported, notes = (old[i] if (ref, name) in missed else ancestor[i]
                                       for i, name in enumerate(FIELDS))
            ancestors.append((ref, (status, reported, notes)))
        tracker_store.put_ancestors(conn, ancestors, now)
        tracker_store.drop_ancestors(conn, plan.drop_ancestors)
        tracker_store.resolve_conflicts(conn, plan.resolutions, now)
        tracker_store.update_conflicts(conn, [(cid, c.workbook_value, c.store_value)
                                              for cid, c in plan.changed_conflicts])
        tracker_store.add_conflicts(conn, [tracker_store.NewConflict(c.action_ref, c.field, c.workbook_value,
                                                                     c.store_value, c.since)
                                           for c in plan.new_conflicts])
        if sha is not None:
            tracker_store.put_written_state(conn, str(path), sha, fingerprint, now)
