"""Meetings and their circulated documents: where each meeting is held and who chairs it, which
documents have gone out, and which meetings are coming with cases listed."""
from __future__ import annotations

import datetime as dt
import sqlite3

from .db import utcnow


def venue_and_chair(conn: sqlite3.Connection, day: dt.date) -> sqlite3.Row | None:
    return conn.execute("SELECT venue, chair FROM meetings WHERE date = ?", (day.isoformat(),)).fetchone()


def exists(conn: sqlite3.Connection, day: dt.date) -> bool:
    return conn.execute("SELECT 1 FROM meetings WHERE date = ?", (day.isoformat(),)).fetchone() is not None


def previous_date(conn: sqlite3.Connection, day: dt.date) -> str | None:
    """The date of the meeting before `day`, if any (ISO text)."""
    return conn.execute("SELECT max(date) FROM meetings WHERE date < ?", (day.isoformat(),)).fetchone()[0]


def record_circulated(conn: sqlite3.Connection, day: dt.date, document: str) -> None:
    conn.execute("INSERT OR IGNORE INTO circulations (meeting, document, created_at) VALUES (?,?,?)",
                 (day.isoformat(), document, utcnow()))


def awaiting_agenda(conn: sqlite3.Connection, today: dt.date) -> list[dt.date]:
    """Meetings from today on with cases listed whose agenda has not gone out yet."""
    rows = conn.execute(
        "SELECT DISTINCT m.date FROM meetings m JOIN cases c ON c.meeting = m.date AND c.status = 'listed'"
        " WHERE m.date >= ? AND NOT EXISTS (SELECT 1 FROM circulations x WHERE x.meeting = m.date"
        " AND x.document = 'agenda')", (today.isoformat(),)).fetchall()
    return [dt.date.fromisoformat(date_text) for (date_text,) in rows]


def record_attendance(conn: sqlite3.Connection, day: dt.date, agency: str, representative: str, status: str,
                      information_sent: bool | None) -> None:
    """The minutes' latest word on one agency at one meeting (minutes imported again replace it)."""
    conn.execute("INSERT OR REPLACE INTO attendance (meeting, agency, representative, status, information_sent,"
                 " recorded_at) VALUES (?,?,?,?,?,?)", (day.isoformat(), agency, representative or None, status,
                                                         information_sent, utcnow()))
