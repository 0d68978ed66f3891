"""Actions agreed at a meeting (table `actions`): the statements other parts of the service need.

An action belongs to a case and is identified everywhere, the shared tracker included, by its action id
(`action_ref`, e.g. EXM-2026-0042-A3). Three of its columns (status, date status reported, notes) are also
edited by people in the tracker; `update_if_unchanged` is how their edits reach the store without
overwriting a change made meanwhile by the service.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .db import Connection, Row

# The columns people edit in the tracker: the only ones `update_if_unchanged` writes.
EDITABLE_COLUMNS = ("status", "status_reported", "notes")


@dataclass(frozen=True, slots=True)
class TrackedAction:
    """An action as the tracker shows it, with its case number (never a name: the tracker is shared)."""
    action_ref: str
    case_number: str
    meeting: str | None
    description: str
    agency: str
    owner: str | None
    deadline: str | None
    status: str | None
    status_reported: str | None
    notes: str | None


def for_tracker(conn: Connection) -> list[TrackedAction]:
    """Every action, in the order people find rows in: by meeting, case (as the case list), action id.
    Ids of one case differ only in their last number, so shorter first is numeric order (A2 before A10)."""
    rows = conn.execute(
        "SELECT a.action_ref, c.case_number, a.meeting, a.description, a.agency, a.owner, a.deadline, a.status,"
        " a.status_reported, a.notes FROM actions a JOIN cases c ON c.id = a.case_id"
        " ORDER BY coalesce(a.meeting, ''), c.year, c.sequence, length(a.action_ref), a.action_ref")
    return [TrackedAction(*r) for r in rows]


def update_if_unchanged(conn: Connection, action_ref: str, column: str, value: str | None,
                        seen: str | None, updated_at: str) -> bool:
    """Set one editable column, only if it still holds `seen` (what the caller read). False when the
    action has gone or the column changed meanwhile: that change is not overwritten."""
    if column not in EDITABLE_COLUMNS:
        raise ValueError(f"not an editable action column: {column!r}")
    cur = conn.execute(f"UPDATE actions SET {column} = ?, updated_at = ? WHERE action_ref = ? AND {column} IS ?",
                       (value, updated_at, action_ref, seen))
    return cur.rowcount > 0


def with_deadline(conn: Connection) -> list[Row]:
    """Actions that have a deadline (with their case number), soonest first: the ones reminders chase."""
    return conn.execute("SELECT a.action_ref, a.description, a.agency, a.owner, a.deadline, a.status, a.meeting,"
                        " c.case_number FROM actions a JOIN cases c ON c.id = a.case_id"
                        " WHERE a.deadline IS NOT NULL ORDER BY a.deadline, a.action_ref").fetchall()


def for_agency_at(conn: Connection, meeting: dt.date, agency: str) -> list[Row]:
    """One agency's actions from one meeting, with their case number, in case order."""
    return conn.execute(
        "SELECT a.*, c.case_number FROM actions a JOIN cases c ON c.id = a.case_id WHERE a.meeting = ? AND a.agency = ?"
        " ORDER BY c.case_number, a.id", (meeting.isoformat(), agency)).fetchall()


def incomplete_before(conn: Connection, meeting: dt.date) -> list[Row]:
    """Actions from earlier meetings not done or cancelled (however a person typed the status)."""
    return conn.execute(
        "SELECT a.*, c.case_number FROM actions a JOIN cases c ON c.id = a.case_id"
        " WHERE lower(trim(a.status)) NOT IN ('done', 'complete', 'completed', 'closed', 'cancelled')"
        " AND a.meeting < ?"
        " ORDER BY a.meeting, c.case_number, a.id", (meeting.isoformat(),)).fetchall()


def refs_of_case_before(conn: Connection, case_id: int, meeting: dt.date) -> list[str]:
    return [ref for (ref,) in conn.execute("SELECT action_ref FROM actions WHERE case_id = ? AND meeting < ?",
                                           (case_id, meeting.isoformat())).fetchall()]


def refs_at(conn: Connection, meeting: dt.date) -> list[str]:
    return [ref for (ref,) in conn.execute("SELECT action_ref FROM actions WHERE meeting = ? ORDER BY action_ref",
                                           (meeting.isoformat(),)).fetchall()]


def find(conn: Connection, action_ref: str) -> Row | None:
    return conn.execute("SELECT * FROM actions WHERE action_ref = ?", (action_ref,)).fetchone()


def add(conn: Connection, action_ref: str, case_id: int, meeting: dt.date, description: str, agency: str,
        owner: str, deadline: str, updated_at: str) -> None:
    """A new action from the minutes; its status is left to the schema's default ('open')."""
    conn.execute("INSERT INTO actions (action_ref, case_id, meeting, description, agency, owner, deadline,"
                 " updated_at) VALUES (?,?,?,?,?,?,?,?)",
                 (action_ref, case_id, meeting.isoformat(), description, agency, owner, deadline, updated_at))


def rewrite_from_minutes(conn: Connection, action_ref: str, description: str, agency: str, owner: str,
                         deadline: str, updated_at: str) -> None:
    """What the minutes own (wording, agency, owner, deadline); status and notes belong to people."""
    conn.execute("UPDATE actions SET description = ?, agency = ?, owner = ?, deadline = ?, updated_at = ?"
                 " WHERE action_ref = ?", (description, agency, owner, deadline, updated_at, action_ref))
