"""Retention: what is due to go, and going. `plan` only looks (the dry run lists exactly what `purge`
would delete); `purge` deletes it: rows, then files, then compacts the store so deleted rows are not
readable in free pages. What went is recorded by case number and counts, never by content.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from marac import logs
from marac.config import Config
from marac.store import records
from marac.store.db import Connection, transaction

from . import places

YEAR = 365.25


@dataclass
class CaseDue:
    id: int
    number: str
    last_activity: dt.date
    files: list[Path]


@dataclass
class Plan:
    cases: list[CaseDue] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    desk_folders: list[Path] = field(default_factory=list)
    sent: list[tuple[int, Path | None]] = field(default_factory=list)  # outbox id, its local file
    documents: list[Path] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.cases or self.desk_folders or self.sent or self.documents or self.backups)

    def lines(self) -> list[str]:
        out = [f"case {c.number}: last activity {c.last_activity.isoformat()}, {len(c.files)} file(s) and folder(s)"
               for c in self.cases]
        out += [f"case {n}: on legal hold, kept" for n in self.held]
        if self.desk_folders:
            out.append(f"{len(self.desk_folders)} handled desk folder(s)")
        if self.sent:
            out.append(f"{len(self.sent)} sent message(s) kept after sending")
        out += [f"the papers of the meeting on {p.name}" for p in self.documents]
        if self.backups:
            out.append(f"{len(self.backups)} tracker backup(s)")
        return out or ["Nothing is due to be purged."]


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def plan(conn: Connection, config: Config, home: Path, today: dt.date) -> Plan:
    keep = config.retention
    held = records.holds(conn)
    result = Plan()
    case_cutoff = today - dt.timedelta(days=keep.case_years * YEAR)
    activity = records.case_activity(conn)
    held_ids = {row["id"] for row in activity if row["case_number"] in held}
    for row in activity:
        last = max(d for d in (_day(row["last_referral"]), _day(row["meeting"]), dt.date.min) if d)
        if last >= case_cutoff:
            continue
        if row["case_number"] in held:
            result.held.append(row["case_number"])
            continue
        files = places.desk_folders(home, records.desk_folders_of(conn, row["id"]), row["case_number"])
        for message in records.messages_of(conn, row["id"]):
            if (original := places.maildir_original(config, home, message["source_key"])) is not None:
                files.append(original)
        for sent in records.outgoing_of(conn, row["case_number"]):
            if (copy := places.sent_copy(config, home, sent["header_message_id"])) is not None:
                files.append(copy)
        result.cases.append(CaseDue(row["id"], row["case_number"], last, sorted(set(files))))
    desk_cutoff = (today - dt.timedelta(days=keep.desk_days)).isoformat()
    decided = records.decided_desk_folders(conn, desk_cutoff)
    names = [r["folder"] for r in decided if r["case_id"] not in held_ids]
    result.desk_folders = [p for p in places.desk_folders(home, names, "\0") if p.parent.name == "done"]
    sent_cutoff = (today - dt.timedelta(days=keep.sent_days)).isoformat()
    result.sent = [(r["id"], places.sent_copy(config, home, r["header_message_id"]))
                   for r in records.sent_before(conn, sent_cutoff)
                   if not ({r["case_number"], *json.loads(r["cases"])} & set(held))]
    documents = home / "documents"
    for folder in sorted(documents.iterdir()) if documents.is_dir() else []:
        meeting = _meeting_day(folder.name)
        if meeting is not None and _months_later(meeting, keep.document_months) < today:
            result.documents.append(folder)
    backup_cutoff = dt.datetime.combine(today - dt.timedelta(days=keep.backup_days), dt.time()).timestamp()
    tracker = config.tracker.path if config.tracker.path.is_absolute() else home / config.tracker.path
    result.backups = [p for p in sorted(tracker.parent.glob(f"{tracker.stem}.backup-*{tracker.suffix}"))
                      if p.stat().st_mtime < backup_cutoff]
    return result


def _meeting_day(name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(name)
    except ValueError:
        return None


def _months_later(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    return dt.date(day.year + year, month + 1, min(day.day, 28))


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def purge(conn: Connection, config: Config, home: Path, today: dt.date) -> Plan:
    """Delete what `plan` lists. Rows first, in one transaction (so the record of the purge and the purge
    are one); files after, since a file left by a crash here is found again and removed on the next run."""
    due = plan(conn, config, home, today)
    if due.empty():
        return due
    why = "retention period ended"
    with transaction(conn):
        for case in due.cases:
            for what, count in records.purge_case(conn, case.id, case.number).items():
                records.log_purge(conn, case.number, what, count, why)
            records.log_purge(conn, case.number, "files", len(case.files), why)
        if due.sent:
            records.log_purge(conn, None, "sent messages", records.forget_sent(conn, [i for i, _ in due.sent]), why)
        for kind, paths in (("desk folders", due.desk_folders), ("meeting papers", due.documents),
                            ("tracker backups", due.backups)):
            if paths:
                records.log_purge(conn, None, kind, len(paths), why)
    for path in [f for c in due.cases for f in c.files] + due.desk_folders + [p for _, p in due.sent if p] \
            + due.documents + due.backups:
        _remove(path)
    records.secure_compact(conn)
    logs.event("records.purged", count=len(due.cases), files=len(due.desk_folders) + len(due.documents))
    return due
