"""The shared action tracker's memory (migration 0005): what `marac.tracker` needs between two syncs.

- `tracker_sync`: the common ancestor of the three-way merge. Per action, the values of the columns people
  edit (status, date status reported, notes) as last written to, or read from, the workbook. A value that
  differs from it in the workbook was changed by a person, in the store by the service.
- `tracker_conflicts`: cells a person and the service both changed, differently; open until the
  coordinator decides. Resolved rows stay as the record of what was decided.
- `tracker_state`: per workbook path, the hash of the file the service last wrote and a fingerprint of its
  content (a different hash: a person saved it since; the same fingerprint: nothing need be written).

Also the two summaries of the `cases` and `meetings` tables that only the tracker's Meetings sheet shows.
All writes here run inside the caller's transaction (the sync commits them together, after the workbook
is in place).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .db import Connection

Ancestor = tuple[str | None, str | None, str | None]  # status, status reported, notes


@dataclass(frozen=True)
class StoredConflict:
    id: int
    action_ref: str
    case_number: str | None  # None when the action has gone from the store
    field: str  # status | status_reported | notes
    workbook_value: str | None  # what the person typed
    store_value: str | None  # what the service held
    detected_at: str


@dataclass(frozen=True)
class NewConflict:
    action_ref: str
    field: str
    workbook_value: str | None
    store_value: str | None
    detected_at: str


@dataclass(frozen=True)
class MeetingSummary:
    date: str
    status: str
    venue: str | None
    chair: str | None


# ---------------------------------------------------------------------------------------------------------
# The merge's common ancestor (`tracker_sync`)

def ancestors(conn: Connection) -> dict[str, Ancestor]:
    return {r["action_ref"]: (r["status"], r["status_reported"], r["notes"])
            for r in conn.execute("SELECT action_ref, status, status_reported, notes FROM tracker_sync")}


def put_ancestors(conn: Connection, values: Iterable[tuple[str, Ancestor]], synced_at: str) -> None:
    conn.executemany(
        "INSERT INTO tracker_sync (action_ref, status, status_reported, notes, synced_at) VALUES (?,?,?,?,?)"
        " ON CONFLICT(action_ref) DO UPDATE SET status = excluded.status,"
        " status_reported = excluded.status_reported, notes = excluded.notes, synced_at = excluded.synced_at",
        [(ref, *ancestor, synced_at) for ref, ancestor in values])


def drop_ancestors(conn: Connection, action_refs: Iterable[str]) -> None:
    conn.executemany("DELETE FROM tracker_sync WHERE action_ref = ?", [(ref,) for ref in action_refs])


# ---------------------------------------------------------------------------------------------------------
# Conflicts (`tracker_conflicts`)

def open_conflicts(conn: Connection) -> list[StoredConflict]:
    """The conflicts not yet resolved, oldest first, with their case numbers."""
    return [StoredConflict(r["id"], r["action_ref"], r["case_number"], r["field"], r["workbook_value"],
                           r["store_value"], r["detected_at"])
            for r in conn.execute(
                "SELECT t.id, t.action_ref, c.case_number, t.field, t.workbook_value, t.store_value, t.detected_at"
                " FROM tracker_conflicts t LEFT JOIN actions a ON a.action_ref = t.action_ref"
                " LEFT JOIN cases c ON c.id = a.case_id WHERE t.resolved_at IS NULL ORDER BY t.id")]


def add_conflicts(conn: Connection, conflicts: Iterable[NewConflict]) -> None:
    conn.executemany(
        "INSERT INTO tracker_conflicts (action_ref, field, workbook_value, store_value, detected_at)"
        " VALUES (?,?,?,?,?)",
        [(c.action_ref, c.field, c.workbook_value, c.store_value, c.detected_at) for c in conflicts])


def update_conflicts(conn: Connection, changes: Iterable[tuple[int, str | None, str | None]]) -> None:
    """(id, workbook value, store value): an open conflict whose sides moved but still differ."""
    conn.executemany("UPDATE tracker_conflicts SET workbook_value = ?, store_value = ? WHERE id = ?",
                     [(workbook, store, cid) for cid, workbook, store in changes])


def resolve_conflicts(conn: Connection, resolutions: Iterable[tuple[int, str]], resolved_at: str) -> None:
    """(id, resolution): spreadsheet | service | merged | gone."""
    conn.executemany("UPDATE tracker_conflicts SET resolved_at = ?, resolution = ? WHERE id = ?",
                     [(resolved_at, resolution, cid) for cid, resolution in resolutions])


# ---------------------------------------------------------------------------------------------------------
# The file last written (`tracker_state`)

def written_state(conn: Connection, path: str) -> tuple[str, str] | None:
    """(sha256, fingerprint) of what the service last wrote at `path`, if it has written there."""
    row = conn.execute("SELECT sha256, fingerprint FROM tracker_state WHERE path = ?", (path,)).fetchone()
    return None if row is None else (row["sha256"], row["fingerprint"])


def put_written_state(conn: Connection, path: str, sha256: str, fingerprint: str, written_at: str) -> None:
    conn.execute("INSERT INTO tracker_state (path, sha256, fingerprint, written_at) VALUES (?,?,?,?)"
                 " ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256,"
                 " fingerprint = excluded.fingerprint, written_at = excluded.written_at",
                 (path, sha256, fingerprint, written_at))


# ---------------------------------------------------------------------------------------------------------
# The Meetings sheet

def cases_per_meeting(conn: Connection) -> dict[str, int]:
    return {r[0]: r[1] for r in conn.execute(
        "SELECT meeting, count(*) FROM cases WHERE meeting IS NOT NULL GROUP BY meeting")}


def meetings(conn: Connection) -> list[MeetingSummary]:
    return [MeetingSummary(r["date"], r["status"], r["venue"], r["chair"])
            for r in conn.execute("SELECT date, status, venue, chair FROM meetings ORDER BY date")]
