"""The shared action tracker: keep the workbook current from the store without losing what people typed.

People (the coordinator, agency representatives) edit three columns of the Actions sheet: Status, Date
status reported, Notes. The service owns the others and rewrites them from the store. A sync is a
three-way merge per action and per editable column, against the values last written to the workbook
(table `tracker_sync`):
- the workbook changed and the store did not: the person's value goes into the store;
- the store changed and the workbook did not: the service's value goes into the workbook;
- both changed, differently: a conflict. The store keeps its value, the workbook keeps the person's, the
  service's value is shown beside it (Conflict column, Conflicts sheet) and the coordinator is told
  (`SyncReport.conflicts`, `tracker-conflicts.txt` beside the workbook). It stays a conflict until the
  coordinator picks "Keep spreadsheet" or "Keep service" on the Conflicts sheet, or the two agree.

Safety of the file itself: while Excel (`~$tracker.xlsx`) or LibreOffice (`.~lock.tracker.xlsx#`) has the
workbook open, the sync waits rather than write a file the person's next save would overwrite (their
save would then undo the service's changes). The new workbook is written to a temporary file in the
same folder, flushed to disk and renamed over the old one, whose copy is kept as a timestamped backup.
The store is updated only after the workbook is in place, and each store update is conditional on the
value the merge saw, so a crash or a concurrent change at any point leaves a state the next sync merges
correctly.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from generators.tracker_book import (
    FIELD_LABELS,
    FINISHED,
    ActionRow,
    CaseRow,
    CellValue,
    ConflictRow,
    Edit,
    MeetingRow,
    TrackerRead,
    UnreadableWorkbook,
    build_workbook,
    date_or_text,
    date_text,
    read_workbook,
    text_of,
)

from . import logs
from .config import Config
from .store import cases as case_store
from .store.db import transaction

FIELDS = ("status", "status_reported", "notes")
MAX_ATTEMPTS = 5  # the workbook saved or opened again between our read and our write, this many times


# ---------------------------------------------------------------------------------------------------------
# What a sync tells its caller

@dataclass(frozen=True)
class Conflict:
    action_ref: str
    case_number: str
    field: str  # status | status_reported | notes
    workbook_value: str | None  # what the person typed (kept in the workbook)
    store_value: str | None  # what the service holds (kept in the store)
    since: str  # when it was first seen (UTC, ISO)


@dataclass
class SyncReport:
    path: Path
    state: str = "unchanged"  # written | unchanged | locked | failed
    locked_by: str | None = None  # the owner file still present after waiting
    waited_seconds: float = 0.0
    actions: int = 0
    new_actions: int = 0  # actions in the workbook for the first time
    from_workbook: int = 0  # values people typed, now in the store
    to_workbook: int = 0  # values the service changed since the last sync, now in the workbook
    conflicts: list[Conflict] = field(default_factory=list)  # open after this sync
    resolved: int = 0  # conflicts closed by this sync
    kept_rows: int = 0  # rows the service does not know, kept at the bottom of the Actions sheet
    unknown_statuses: list[str] = field(default_factory=list)  # action ids with a status not in the list
    backup: Path | None = None
    conflicts_file: Path | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def written(self) -> bool:
        return self.state == "written"

    def summary(self) -> str:
        """One or two plain sentences for the coordinator (no names: ids and counts only)."""
        if self.state == "locked":
            return (f"The tracker {self.path.name} is open ({self.locked_by} is beside it): waited "
                    f"{self.waited_seconds:.0f} s and wrote nothing; the next sync tries again. If nobody has it "
                    f"open, that file is left over from a crash and can be deleted.")
        if self.state == "failed":
            return f"The tracker {self.path.name} was not written: {' '.join(self.problems)}"
        head = (f"Tracker {self.path.name} written ({self.actions} actions)" if self.written
                else f"Tracker {self.path.name} up to date ({self.actions} actions)")
        parts = [f"{self.new_actions} new action(s)", f"{self.from_workbook} change(s) taken from the spreadsheet",
                 f"{self.to_workbook} from the service"]
        if self.conflicts:
            where = self.conflicts_file.name if self.conflicts_file else "the Conflicts sheet"
            parts.append(f"{len(self.conflicts)} conflict(s) for the coordinator (see {where})")
        if self.resolved:
            parts.append(f"{self.resolved} conflict(s) resolved")
        if self.kept_rows:
            parts.append(f"{self.kept_rows} row(s) the service does not know kept at the bottom")
        if self.unknown_statuses:
            parts.append(f"{len(self.unknown_statuses)} status(es) not in the list")
        return f"{head}: {', '.join(parts)}." + "".join(f" {p}" for p in self.problems)


# ---------------------------------------------------------------------------------------------------------
# The merge: small pure functions

class Merged(NamedTuple):
    book: str | None  # what the workbook shows afterwards
    store: str | None  # what the store holds afterwards
    ancestor: str | None  # the new common ancestor
    outcome: str  # same | store | book | conflict | kept-spreadsheet | kept-service


def merge_field(base: str | None, book: str | None, store: str | None, decision: str | None = None) -> Merged:
    """Three-way merge of one cell. `decision` is the coordinator's answer to an open conflict."""
    if book == store:
        return Merged(store, store, store, "same")
    if book == base:
        return Merged(store, store, store, "store")
    if store == base:
        return Merged(book, book, book, "book")
    if decision == "spreadsheet":
        return Merged(book, book, book, "kept-spreadsheet")
    if decision == "service":
        return Merged(store, store, store, "kept-service")
    # The ancestor stays put: next time both sides still differ from it, so the conflict stays open.
    return Merged(book, store, base, "conflict")


def status_key(text: str | None, statuses: Sequence[str]) -> str | None:
    """How the store keeps a status: a listed one in lower case (the schema's 'open', and what the agenda
    looks for: 'done'), anything else as typed."""
    if text is None or not text.strip():
        return None
    words = " ".join(text.split())
    for listed in statuses:
        if listed.casefold() == words.casefold():
            return listed.lower()
    return words


def status_display(key: str | None, statuses: Sequence[str]) -> str | None:
    """A status as the drop-down spells it."""
    if key is None:
        return None
    return next((listed for listed in statuses if listed.casefold() == key.casefold()), key)


def _normalised(name: str, value: CellValue, statuses: Sequence[str]) -> str | None:
    """One form for comparing a store value, a workbook value and the ancestor."""
    if name == "status":
        return status_key(text_of(value), statuses)
    if name == "status_reported":
        return date_text(value)
    return text_of(value)


# ---------------------------------------------------------------------------------------------------------
# The store's side

@dataclass(frozen=True)
class _Stored:
    action_ref: str
    case_number: str
    meeting: str | None
    description: str
    agency: str
    owner: str | None
    deadline: str | None
    raw: dict[str, str | None]  # the editable columns as the store holds them (for conditional updates)
    values: dict[str, str | None]  # ...and normalised


@dataclass(frozen=True)
class _OpenConflict:
    id: int
    workbook_value: str | None
    store_value: str | None
    detected_at: str


def _load_actions(conn: sqlite3.Connection, statuses: Sequence[str]) -> list[_Stored]:
    # The order people find rows in: by meeting, case (as the case list), action id; ids of one case differ
    # only in their last number, so shorter first is numeric order (A2 before A10).
    rows = conn.execute(
        "SELECT a.action_ref, a.meeting, a.description, a.agency, a.owner, a.deadline, a.status,"
        " a.status_reported, a.notes, c.case_number FROM actions a JOIN cases c ON c.id = a.case_id"
        " ORDER BY coalesce(a.meeting, ''), c.year, c.sequence, length(a.action_ref), a.action_ref").fetchall()
    stored = []
    for r in rows:
        raw = {name: r[name] for name in FIELDS}
        stored.append(_Stored(r["action_ref"], r["case_number"], r["meeting"], r["description"], r["agency"],
                              r["owner"], r["deadline"], raw,
                              {name: _normalised(name, raw[name], statuses) for name in FIELDS}))
    return stored


def _load_ancestors(conn: sqlite3.Connection) -> dict[str, tuple[str | None, ...]]:
    return {r["action_ref"]: (r["status"], r["status_reported"], r["notes"])
            for r in conn.execute("SELECT * FROM tracker_sync")}


def _load_open_conflicts(conn: sqlite3.Connection) -> dict[tuple[str, str], _OpenConflict]:
    return {(r["action_ref"], r["field"]): _OpenConflict(r["id"], r["workbook_value"], r["store_value"],
                                                         r["detected_at"])
            for r in conn.execute("SELECT * FROM tracker_conflicts WHERE resolved_at IS NULL")}


# ---------------------------------------------------------------------------------------------------------
# Planning one sync: everything decided before anything is written

@dataclass
class _Plan:
    rows: list[ActionRow] = field(default_factory=list)
    # (action_ref, field, new value, the raw value the merge saw): applied only if the store still has it
    updates: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)
    ancestors: dict[str, tuple[tuple[str | None, ...], tuple[str | None, ...] | None]] = field(default_factory=dict)
    drop_ancestors: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    new_conflicts: list[Conflict] = field(default_factory=list)
    changed_conflicts: list[tuple[int, Conflict]] = field(default_factory=list)
    resolutions: list[tuple[int, str]] = field(default_factory=list)
    kept_rows: list[tuple[CellValue, ...]] = field(default_factory=list)
    from_workbook: int = 0
    to_workbook: int = 0
    new_actions: int = 0
    unknown_statuses: list[str] = field(default_factory=list)


def _book_value(name: str, ref: str, read: TrackerRead | None, base: str | None,
                open_conflict: _OpenConflict | None, statuses: Sequence[str]) -> str | None:
    """What the workbook says, normalised. A row, column or workbook that is missing is taken as unchanged
    (base), except where a conflict is open: the person's value, recorded then, is what the workbook had."""
    edit: Edit | None = read.edits.get(ref) if read is not None else None
    if edit is None or name not in read.fields:  # type: ignore[union-attr]
        return open_conflict.workbook_value if open_conflict else base
    if name == "status":
        # A blank status is not a status: the cell is refilled from the store.
        return status_key(edit.status, statuses) if edit.status else base
    return _normalised(name, getattr(edit, name), statuses)


def _conflict_note(conflicts: Sequence[Conflict], statuses: Sequence[str]) -> str | None:
    if not conflicts:
        return None
    notes = []
    for c in conflicts:
        value = _display(c.field, c.store_value, statuses)
        shown = "blank" if value is None else f'"{value if len(value) <= 120 else value[:117] + "..."}"'
        notes.append(f"{FIELD_LABELS[c.field]}: the service has {shown}")
    return "; ".join(notes) + " (see the Conflicts sheet)"


def _display(name: str, value: str | None, statuses: Sequence[str]) -> str | None:
    return status_display(value, statuses) if name == "status" else value


def _plan_action(plan: _Plan, a: _Stored, read: TrackerRead | None, base_row: tuple[str | None, ...] | None,
                 open_conflicts: dict[tuple[str, str], _OpenConflict], statuses: Sequence[str],
                 known_statuses: set[str], today: dt.date, now: str, extra_width: int) -> None:
    merged: dict[str, Merged] = {}
    conflicts: list[Conflict] = []
    for index, name in enumerate(FIELDS):
        base = base_row[index] if base_row else None
        open_c = open_conflicts.get((a.action_ref, name))
        book = _book_value(name, a.action_ref, read, base, open_c, statuses)
        store = a.values[name]
        decision = read.decisions.get((a.action_ref, name)) if read is not None else None
        if open_c is None or (book, store) != (open_c.workbook_value, open_c.store_value):
            decision = None  # a decision answers the conflict as shown; if either side moved since, ask again
        m = merge_field(base, book, store, decision)
        merged[name] = m
        if m.outcome == "conflict":
            conflicts.append(Conflict(a.action_ref, a.case_number, name, book, store,
                                      open_c.detected_at if open_c else now))
        _account(plan, a, name, m, base, base_row is not None, open_c)
        if name == "status" and m.book is not None and m.book.casefold() not in known_statuses:
            plan.unknown_statuses.append(a.action_ref)
    _stamp_reported(plan, a, merged, base_row[1] if base_row else None, today)
    plan.conflicts.extend(conflicts)
    new_ancestor = tuple(merged[name].ancestor for name in FIELDS)
    if new_ancestor != base_row:
        plan.ancestors[a.action_ref] = (new_ancestor, base_row)
    extra = read.extras.get(a.action_ref, ()) if read is not None else ()
    plan.rows.append(ActionRow(
        a.action_ref, date_or_text(a.meeting), a.case_number, a.description, a.agency, a.owner,
        date_or_text(a.deadline), status_display(merged["status"].book, statuses) or "",
        date_or_text(merged["status_reported"].book), merged["notes"].book, _conflict_note(conflicts, statuses),
        tuple(extra) + (None,) * (extra_width - len(extra))))


def _account(plan: _Plan, a: _Stored, name: str, m: Merged, base: str | None, base_known: bool,
             open_c: _OpenConflict | None) -> None:
    """Store updates, counts, and what becomes of an open conflict."""
    if m.store != a.values[name]:
        plan.updates.append((a.action_ref, name, m.store, a.raw[name]))
        plan.from_workbook += 1
    elif m.outcome in ("store", "kept-service") and a.values[name] != base and base_known:
        plan.to_workbook += 1
    if open_c is None:
        return
    if m.outcome == "conflict":
        current = (m.book, m.store)
        if current != (open_c.workbook_value, open_c.store_value):
            plan.changed_conflicts.append((open_c.id, Conflict(a.action_ref, a.case_number, name, m.book, m.store,
                                                               open_c.detected_at)))
    else:
        plan.resolutions.append((open_c.id, {"kept-spreadsheet": "spreadsheet", "kept-service": "service"}
                                 .get(m.outcome, "merged")))


def _stamp_reported(plan: _Plan, a: _Stored, merged: dict[str, Merged], base: str | None, today: dt.date) -> None:
    """A person changed the status and nobody touched the date status reported: it was reported today
    (the sync runs every few minutes). A date either side typed is left alone."""
    status, reported = merged["status"], merged["status_reported"]
    if status.outcome not in ("book", "kept-spreadsheet") or reported.outcome != "same" or reported.book != base:
        return
    stamped = today.isoformat()
    if reported.store == stamped:
        return
    merged["status_reported"] = Merged(stamped, stamped, stamped, "stamped")
    plan.updates.append((a.action_ref, "status_reported", stamped, a.raw["status_reported"]))


KEPT_NO_ID = "No action id: kept as typed. New actions come from the minutes; tell the coordinator."
KEPT_REPEAT = "Repeats an action id above: this copy is not read. Delete it, or tell the coordinator."
KEPT_UNKNOWN = "Not an action the service knows (any more): kept as typed. Tell the coordinator."


def _plan_unknown_rows(plan: _Plan, read: TrackerRead | None, known: set[str],
                       ancestors: dict[str, tuple[str | None, ...]], statuses: Sequence[str]) -> None:
    """Rows the store does not have. One the service wrote and nobody touched goes (its action was removed);
    anything a person typed stays, at the bottom, with a note saying why."""
    if read is None:
        return
    width = len(read.extra_columns)
    for ref, row in read.rows.items():
        if ref in known:
            continue
        edit, base = read.edits[ref], ancestors.get(ref)
        seen = (status_key(edit.status, statuses), _normalised("status_reported", edit.status_reported, statuses),
                _normalised("notes", edit.notes, statuses))
        if base is not None and seen == base:
            plan.drop_ancestors.append(ref)
            continue
        plan.kept_rows.append(_with_note(row, KEPT_UNKNOWN) + _padded(read.extras.get(ref, ()), width))
    for row in read.other_rows:
        note = KEPT_NO_ID if text_of(row[0]) is None else KEPT_REPEAT
        plan.kept_rows.append(_with_note(row[:11], note) + _padded(row[11:], width))


def _with_note(row: Sequence[CellValue], note: str) -> tuple[CellValue, ...]:
    values = list(row[:11]) + [None] * (11 - len(row[:11]))
    values[10] = note
    return tuple(values)


def _padded(values: Sequence[CellValue], width: int) -> tuple[CellValue, ...]:
    return tuple(values[:width]) + (None,) * (width - len(values[:width]))


def _plan(conn: sqlite3.Connection, stored: list[_Stored], read: TrackerRead | None, statuses: Sequence[str],
          today: dt.date, now: str) -> _Plan:
    ancestors = _load_ancestors(conn)
    open_conflicts = _load_open_conflicts(conn)
    plan = _Plan()
    width = len(read.extra_columns) if read is not None else 0
    known_statuses = {s.casefold() for s in statuses}
    for a in stored:
        _plan_action(plan, a, read, ancestors.get(a.action_ref), open_conflicts, statuses, known_statuses, today,
                     now, width)
    known = {a.action_ref for a in stored}
    plan.new_actions = sum(1 for ref in known if ref not in ancestors)
    _plan_unknown_rows(plan, read, known, ancestors, statuses)
    seen_in_book = set(read.rows) if read is not None else set()
    plan.drop_ancestors += [ref for ref in ancestors if ref not in known and ref not in seen_in_book]
    # An action removed from the store takes its open conflicts with it.
    plan.resolutions += [(c.id, "gone") for (ref, _), c in open_conflicts.items() if ref not in known]
    plan.new_conflicts = [c for c in plan.conflicts if (c.action_ref, c.field) not in open_conflicts]
    return plan


# ---------------------------------------------------------------------------------------------------------
# The other sheets

def _case_rows(conn: sqlite3.Connection) -> list[CaseRow]:
    # Case number, meeting, status, repeat, referrals, agencies: never a name (the workbook is shared).
    return [CaseRow(s.case_number, date_or_text(s.meeting), s.status, s.repeat, s.referrals,  # type: ignore[arg-type]
                    tuple(s.agencies)) for s in case_store.summaries(conn)]


def _meeting_rows(conn: sqlite3.Connection, rows: Sequence[ActionRow], statuses: Sequence[str]) -> list[MeetingRow]:
    cases = dict(conn.execute("SELECT meeting, count(*) FROM cases WHERE meeting IS NOT NULL GROUP BY meeting")
                 .fetchall())
    actions: Counter[str] = Counter()
    unfinished: Counter[str] = Counter()
    for row in rows:
        day = row.meeting.isoformat() if isinstance(row.meeting, dt.date) else row.meeting
        if day:
            actions[day] += 1
            if row.status.casefold() not in FINISHED:
                unfinished[day] += 1
    return [MeetingRow(date_or_text(m["date"]), m["status"], m["venue"], m["chair"],  # type: ignore[arg-type]
                       cases.get(m["date"], 0), actions[m["date"]], unfinished[m["date"]])
            for m in conn.execute("SELECT * FROM meetings ORDER BY date")]


def _conflict_rows(conflicts: Sequence[Conflict], statuses: Sequence[str]) -> list[ConflictRow]:
    return [ConflictRow(c.action_ref, c.case_number, c.field, _display(c.field, c.workbook_value, statuses),
                        _display(c.field, c.store_value, statuses), date_or_text(c.since[:10]))  # type: ignore[arg-type]
            for c in conflicts]


# ---------------------------------------------------------------------------------------------------------
# Files: owner (lock) files, atomic replacement, backups

def tracker_path(config: Config, home: Path) -> Path:
    path = config.tracker.path.expanduser()
    return path if path.is_absolute() else home / path


def owner_file(path: Path) -> Path | None:
    """The file Excel (~$name) or LibreOffice (.~lock.name#) keeps beside a workbook while it is open."""
    for name in (f"~${path.name}", f".~lock.{path.name}#"):
        candidate = path.parent / name
        if candidate.exists():
            return candidate
    return None


def _wait_while_open(path: Path, until: float, poll_seconds: float,
                     sleep: Callable[[float], None] = time.sleep) -> Path | None:
    """Poll until nobody has the workbook open, or the time is up (then: who has it)."""
    while True:
        owner = owner_file(path)
        if owner is None:
            return None
        left = until - time.monotonic()
        if left <= 0:
            return owner
        sleep(min(poll_seconds, left))


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder is; not every system (or share) lets a folder be synced.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _stamped_name(path: Path, kind: str, now: dt.datetime) -> Path:
    stem = f"{path.stem}.{kind}-{now:%Y%m%d%H%M%S}"
    candidate, n = path.with_name(f"{stem}{path.suffix}"), 1
    while candidate.exists():  # two syncs in one second: keep both
        candidate, n = path.with_name(f"{stem}-{n}{path.suffix}"), n + 1
    return candidate


def _backup_pattern(path: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(path.stem)}\.backup-(\d{{14}})(?:-(\d+))?{re.escape(path.suffix)}$")


def backups_of(path: Path) -> list[Path]:
    """The workbook's backups, oldest first."""
    pattern = _backup_pattern(path)
    found = []
    for entry in path.parent.iterdir() if path.parent.exists() else ():
        match = pattern.match(entry.name)
        if match:
            found.append(((match[1], int(match[2] or 0)), entry))
    return [entry for _, entry in sorted(found)]


def _prune_backups(path: Path, keep: int) -> None:
    old = backups_of(path)
    for entry in old[:max(len(old) - keep, 0)]:
        entry.unlink(missing_ok=True)


def _copy_atomically(source: Path, target: Path) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=".tmp")
    os.close(fd)
    try:
        shutil.copy2(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_atomically(path: Path, data: bytes) -> Path:
    """A finished, flushed temporary file in the same folder (so the rename is atomic)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def replace_workbook(path: Path, data: bytes, keep: int, now: dt.datetime,
                     still_ours: Callable[[], bool] = lambda: True) -> tuple[bool, Path | None]:
    """Put `data` at `path` atomically, keeping the old file as a backup. `still_ours` is asked at the last
    moment (nobody opened or saved the workbook since we read it); if not, nothing changes."""
    tmp = _write_atomically(path, data)
    backup = None
    try:
        if not still_ours():
            tmp.unlink(missing_ok=True)
            return False, None
        if keep > 0 and path.exists():
            backup = _stamped_name(path, "backup", now)
            _copy_atomically(path, backup)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)
    _prune_backups(path, keep)
    return True, backup


def _write_text_atomically(path: Path, text: str) -> None:
    tmp = _write_atomically(path, text.encode("utf-8"))
    os.replace(tmp, path)


def conflicts_text(conflicts: Sequence[Conflict], statuses: Sequence[str], now: dt.datetime) -> str:
    lines = [f"Action tracker conflicts: {len(conflicts)} (as of {now:%Y-%m-%d %H:%M} UTC)", "",
             "A person changed these cells in the spreadsheet while the service changed them too. The spreadsheet",
             "keeps the person's value and the service keeps its own until you decide: on the Conflicts sheet,",
             'choose "Keep spreadsheet" or "Keep service" in the Decision column (or make the two values the same),',
             "save, and the next sync applies it.", ""]
    for c in conflicts:
        lines += [f"{c.action_ref} (case {c.case_number}), {FIELD_LABELS[c.field]}, since {c.since[:10]}",
                  f"  spreadsheet: {_display(c.field, c.workbook_value, statuses) or '(blank)'}",
                  f"  service:     {_display(c.field, c.store_value, statuses) or '(blank)'}", ""]
    return "\n".join(lines)


def _update_conflicts_file(path: Path, conflicts: Sequence[Conflict], statuses: Sequence[str],
                           now: dt.datetime) -> Path | None:
    target = path.with_name(f"{path.stem}-conflicts.txt")
    if not conflicts:
        target.unlink(missing_ok=True)
        return None
    text = conflicts_text(conflicts, statuses, now)
    try:
        unchanged = target.read_text(encoding="utf-8").split("\n", 1)[1:] == text.split("\n", 1)[1:]
    except (FileNotFoundError, UnicodeDecodeError):
        unchanged = False
    if not unchanged:  # rewritten only when the list changes, not on every sync
        _write_text_atomically(target, text)
    return target


# ---------------------------------------------------------------------------------------------------------
# Committing to the store (after the workbook is in place)

def _commit(conn: sqlite3.Connection, plan: _Plan, path: Path, sha: str | None, fingerprint: str, now: str) -> None:
    with transaction(conn):
        missed: set[tuple[str, str]] = set()
        for ref, name, value, seen in plan.updates:
            # Only if the store still holds what the merge saw: a change made meanwhile is not overwritten.
            cur = conn.execute(f"UPDATE actions SET {name} = ?, updated_at = ? WHERE action_ref = ? AND {name} IS ?",
                               (value, now, ref, seen))
            if cur.rowcount == 0:
                missed.add((ref, name))
        rows = []
        for ref, (ancestor, before) in plan.ancestors.items():
            # Where the store moved under us, the old ancestor stays: the next sync sees both changes.
            old = before or (None,) * len(FIELDS)
            values = tuple(old[i] if (ref, name) in missed else ancestor[i] for i, name in enumerate(FIELDS))
            rows.append((ref, *values, now))
        conn.executemany(
            "INSERT INTO tracker_sync (action_ref, status, status_reported, notes, synced_at) VALUES (?,?,?,?,?)"
            " ON CONFLICT(action_ref) DO UPDATE SET status = excluded.status,"
            " status_reported = excluded.status_reported, notes = excluded.notes, synced_at = excluded.synced_at",
            rows)
        conn.executemany("DELETE FROM tracker_sync WHERE action_ref = ?", [(ref,) for ref in plan.drop_ancestors])
        conn.executemany("UPDATE tracker_conflicts SET resolved_at = ?, resolution = ? WHERE id = ?",
                         [(now, resolution, cid) for cid, resolution in plan.resolutions])
        conn.executemany("UPDATE tracker_conflicts SET workbook_value = ?, store_value = ? WHERE id = ?",
                         [(c.workbook_value, c.store_value, cid) for cid, c in plan.changed_conflicts])
        conn.executemany(
            "INSERT INTO tracker_conflicts (action_ref, field, workbook_value, store_value, detected_at)"
            " VALUES (?,?,?,?,?)",
            [(c.action_ref, c.field, c.workbook_value, c.store_value, c.since) for c in plan.new_conflicts])
        if sha is not None:
            conn.execute("INSERT INTO tracker_state (path, sha256, fingerprint, written_at) VALUES (?,?,?,?)"
                         " ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256,"
                         " fingerprint = excluded.fingerprint, written_at = excluded.written_at",
                         (str(path), sha, fingerprint, now))


# ---------------------------------------------------------------------------------------------------------
# The sync

def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


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
        aside = _stamped_name(path, "unreadable", now)
        os.replace(path, aside)
        logs.warning("tracker-unreadable", reason=str(exc).split(" (")[0])
        report.problems.append(f"The workbook could not be read ({exc}); it was moved to {aside.name} and a new "
                               "one written from the store. Any edits in it must be typed again.")
        return None, None


def sync(conn: sqlite3.Connection, config: Config, home: Path, today: dt.date, *,
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
        owner = _wait_while_open(path, started + wait, poll_seconds)
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


def _failed(report: SyncReport, sentence: str, reason: str) -> SyncReport:
    report.state = "failed"
    report.problems.append(sentence)
    logs.error("tracker-failed", reason=reason)
    return report


def _attempt(conn: sqlite3.Connection, config: Config, path: Path, today: dt.date, now: dt.datetime,
             report: SyncReport) -> bool:
    """One read-merge-write. False when the workbook was opened or saved meanwhile (start again)."""
    started = time.monotonic()
    statuses = config.tracker.statuses
    stamp = now.isoformat(timespec="milliseconds") + "+00:00"
    read, read_sha = _read_current(path, report, now)
    stored = _load_actions(conn, statuses)
    plan = _plan(conn, stored, read, statuses, today, stamp)
    extra_columns = read.extra_columns if read is not None else ()
    cases, meetings = _case_rows(conn), _meeting_rows(conn, plan.rows, statuses)
    conflict_rows = _conflict_rows(plan.conflicts, statuses)
    due_soon = config.tracker.remind_days_before
    fingerprint = _fingerprint(statuses, due_soon, extra_columns, plan.rows, plan.kept_rows, cases, meetings,
                               conflict_rows)
    state = conn.execute("SELECT sha256, fingerprint FROM tracker_state WHERE path = ?", (str(path),)).fetchone()
    # A person's save (a different hash) is rewritten even when the values agree: the service's columns,
    # order and formatting come back, and their saved file is the backup.
    unchanged = read_sha is not None and state is not None and (state["sha256"], state["fingerprint"]) == (
        read_sha, fingerprint)
    written_sha = read_sha
    if not unchanged:
        data = build_workbook(plan.rows, cases, meetings, statuses, conflicts=conflict_rows,
                              extra_columns=extra_columns, kept_rows=plan.kept_rows, due_soon_days=due_soon)
        def still_ours() -> bool:  # nobody opened or saved it since we read it
            return owner_file(path) is None and _sha256(path) == read_sha

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
    report.conflicts_file = _update_conflicts_file(path, plan.conflicts, statuses, now)
    logs.event("tracker-sync", state=report.state, count=len(stored), seconds=round(time.monotonic() - started, 3))
    if plan.conflicts:
        logs.warning("tracker-conflicts", count=len(plan.conflicts))
    return True


def open_conflicts(conn: sqlite3.Connection) -> list[Conflict]:
    """The conflicts waiting for the coordinator, as the last sync left them."""
    return [Conflict(r["action_ref"], r["case_number"] or "", r["field"], r["workbook_value"], r["store_value"],
                     r["detected_at"])
            for r in conn.execute(
                "SELECT t.*, c.case_number FROM tracker_conflicts t LEFT JOIN actions a ON a.action_ref = t.action_ref"
                " LEFT JOIN cases c ON c.id = a.case_id WHERE t.resolved_at IS NULL ORDER BY t.id")]

