"""What the data return and the steering group's figures are counted from: plain rows for one period.

Read only. Names and dates of birth are not selected (the parsed referral is, for the equality facts,
and is reduced to counts by marac/reports before anything is written).
"""
from __future__ import annotations

import datetime as dt

from .db import Connection, Row


def meeting_dates(conn: Connection, start: dt.date, end: dt.date) -> list[str]:
    """Meetings from `start` to `end` inclusive that were not cancelled, and any a case is listed at."""
    rows = conn.execute(
        "SELECT date FROM meetings WHERE date BETWEEN ? AND ? AND status != 'cancelled'"
        " UNION SELECT DISTINCT meeting FROM cases WHERE meeting BETWEEN ? AND ? AND status != 'exception'"
        " ORDER BY 1", (start.isoformat(), end.isoformat(), start.isoformat(), end.isoformat())).fetchall()
    return [r[0] for r in rows]


def attendance(conn: Connection, start: dt.date, end: dt.date) -> list[Row]:
    """Per agency, at the period's meetings whose minutes recorded attendance: present, apologies (and
    of those, how many sent their information anyway), absent."""
    return conn.execute(
        "SELECT agency, count(*) AS recorded, sum(CASE WHEN status = 'present' THEN 1 ELSE 0 END) AS present,"
        " sum(CASE WHEN status = 'apologies' THEN 1 ELSE 0 END) AS apologies,"
        " sum(CASE WHEN status = 'apologies' AND information_sent = 1 THEN 1 ELSE 0 END)"
        " AS apologies_with_information,"
        " sum(CASE WHEN status = 'absent' THEN 1 ELSE 0 END) AS absent,"
        " (SELECT count(DISTINCT meeting) FROM attendance WHERE meeting BETWEEN ? AND ?) AS meetings"
        " FROM attendance WHERE meeting BETWEEN ? AND ? GROUP BY agency ORDER BY agency",
        (start.isoformat(), end.isoformat(), start.isoformat(), end.isoformat())).fetchall()


def listed_cases(conn: Connection, start: dt.date, end: dt.date) -> list[Row]:
    """Cases listed at a meeting in the period (id, meeting, repeat), not those still with the desk."""
    return conn.execute(
        "SELECT id, meeting, repeat, created_at FROM cases WHERE meeting BETWEEN ? AND ?"
        " AND status IN ('listed', 'heard', 'closed') ORDER BY meeting, id",
        (start.isoformat(), end.isoformat())).fetchall()


def case_referrals(conn: Connection, start: dt.date, end: dt.date) -> list[Row]:
    """The referrals of those cases, oldest first, each with when its IDVA copy went out (if it has)."""
    return conn.execute(
        "SELECT r.case_id, r.agency, r.received_at, r.parsed, o.sent_at AS copy_sent_at"
        " FROM referrals r JOIN cases c ON c.id = r.case_id"
        " LEFT JOIN messages m ON m.id = r.message"
        " LEFT JOIN outbox o ON o.dedupe_key = 'idva-copy:' || m.content_hash AND o.state = 'sent'"
        " WHERE c.meeting BETWEEN ? AND ? AND c.status IN ('listed', 'heard', 'closed')"
        " ORDER BY r.case_id, r.received_at, r.id", (start.isoformat(), end.isoformat())).fetchall()


def desk_decisions(conn: Connection) -> dict[int, str]:
    """case id -> when the desk let it through (the latest resolution), for cases that went by the desk."""
    rows = conn.execute("SELECT case_id, max(decided_at) FROM desk WHERE case_id IS NOT NULL"
                        " AND status = 'resolved' AND decided_at IS NOT NULL GROUP BY case_id").fetchall()
    return {int(r[0]): str(r[1]) for r in rows}


def desk_items(conn: Connection, start: dt.date, end: dt.date) -> list[Row]:
    """Desk folders opened in the period: kind, status, when opened and decided."""
    return conn.execute(
        "SELECT kind, status, created_at, decided_at FROM desk WHERE substr(created_at, 1, 10) BETWEEN ? AND ?"
        " ORDER BY created_at", (start.isoformat(), end.isoformat())).fetchall()


def meeting_actions(conn: Connection, start: dt.date, end: dt.date) -> list[Row]:
    """Actions set at meetings in the period: agency, deadline, status and when the status was reported."""
    return conn.execute(
        "SELECT agency, deadline, status, status_reported, updated_at FROM actions"
        " WHERE meeting BETWEEN ? AND ? ORDER BY agency, id", (start.isoformat(), end.isoformat())).fetchall()


def first_case_opened(conn: Connection) -> str | None:
    """When (by the service's own clock) it opened its first case: None before any."""
    return conn.execute("SELECT min(created_at) FROM cases").fetchone()[0]
