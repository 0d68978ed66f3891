"""Meetings and their circulated documents: where each meeting is held and who chairs it, which
documents have gone out, and which meetings are coming with cases listed."""
from __future__ import annotations

import datetime as dt

from .db import Connection, Row, utcnow


def venue_and_chair(conn: Connection, day: dt.date) -> Row | None:
    return conn.execute("SELECT venue, chair FROM meetings WHERE date = ?", (day.isoformat(),)).fetchone()


def exists(conn: Connection, day: dt.date) -> bool:
    return conn.execute("SELECT 1 FROM meetings WHERE date = ?", (day.isoformat(),)).fetchone() is not None


def previous_date(conn: Connection, day: dt.date) -> str | None:
    """The date of the meeting before `day`, if any (ISO text)."""
    return conn.execute("SELECT max(date) FROM meetings WHERE date < ?", (day.isoformat(),)).fetchone()[0]


def record_circulated(conn: Connection, day: dt.date, document: str) -> None:
    conn.execute("INSERT OR IGNORE INTO circulations (meeting, document, created_at) VALUES (?,?,?)",
                 (day.isoformat(), document, utcnow()))


def awaiting_agenda(conn: Connection, today: dt.date, document: str = "agenda") -> list[dt.date]:
    """Meetings from today on with cases listed whose agenda (or other `document`) has not gone out yet."""
    rows = conn.execute(
        "SELECT DISTINCT m.date FROM meetings m JOIN cases c ON c.meeting = m.date AND c.status = 'listed'"
        " WHERE m.date >= ? AND NOT EXISTS (SELECT 1 FROM circulations x WHERE x.meeting = m.date"
        " AND x.document = ?) ORDER BY m.date", (today.isoformat(), document)).fetchall()
    return [dt.date.fromisoformat(date_text) for (date_text,) in rows]


def record_attendance(conn: Connection, day: dt.date, agency: str, representative: str, status: str,
                      information_sent: bool | None) -> None:
    """The minutes' latest word on one agency at one meeting (minutes imported again replace it)."""
    conn.execute("INSERT INTO attendance (meeting, agency, representative, status, information_sent, recorded_at)"
                 " VALUES (?,?,?,?,?,?) ON CONFLICT (meeting, agency) DO UPDATE SET"
                 " representative = excluded.representative, status = excluded.status,"
                 " information_sent = excluded.information_sent, recorded_at = excluded.recorded_at",
                 (day.isoformat(), agency, representative or None, status, information_sent, utcnow()))


def add_emergency(conn: Connection, day: dt.date, venue: str, chair: str) -> bool:
    """An emergency MARAC on `day`; False when the day already has a meeting (the case joins it)."""
    return conn.execute("INSERT OR IGNORE INTO meetings (date, venue, chair, kind) VALUES (?,?,?,'emergency')",
                        (day.isoformat(), venue, chair)).rowcount > 0


def kind(conn: Connection, day: dt.date) -> str:
    """'emergency' for an emergency MARAC, 'scheduled' otherwise (or when the store has no such meeting)."""
    row = conn.execute("SELECT kind FROM meetings WHERE date = ?", (day.isoformat(),)).fetchone()
    return str(row[0]) if row else "scheduled"


def circulated(conn: Connection, day: dt.date, document: str) -> bool:
    return conn.execute("SELECT 1 FROM circulations WHERE meeting = ? AND document = ?",
                        (day.isoformat(), document)).fetchone() is not None


def held_between(conn: Connection, first: dt.date, last: dt.date) -> list[tuple[dt.date, int]]:
    """Meetings from `first` to `last` with cases heard or listed at them, and how many."""
    rows = conn.execute("SELECT m.date, count(c.id) FROM meetings m JOIN cases c ON c.meeting = m.date"
                        " AND c.status IN ('listed', 'heard') WHERE m.date BETWEEN ? AND ? GROUP BY m.date"
                        " ORDER BY m.date", (first.isoformat(), last.isoformat())).fetchall()
    return [(dt.date.fromisoformat(d), int(n)) for d, n in rows]



def dates_between(conn: Connection, first: dt.date, last: dt.date) -> list[dt.date]:
    """Meetings the store holds from `first` to `last` (an emergency MARAC is only here)."""
    rows = conn.execute("SELECT date FROM meetings WHERE date BETWEEN ? AND ? AND status != 'cancelled'"
                        " ORDER BY date", (first.isoformat(), last.isoformat())).fetchall()
    return [dt.date.fromisoformat(d) for (d,) in rows]
