"""A virtual MARAC's written contributions (table `agency_updates`) and the action ids they keep.

In a virtual MARAC each agency completes its own section of a case's "information and updates"
document, often in a copy of its own. Each agency's actions keep their ids however many copies come
back and in whatever order, so ids are found per agency: its rows, in order, are its earlier actions
for that case and date, and only rows beyond those take new numbers.
"""
from __future__ import annotations

import datetime as dt

from .db import Connection, Row, utcnow


def record(conn: Connection, day: dt.date, case_id: int, agency: str, information: str) -> None:
    """What one agency wrote about a case (a later copy from the same agency replaces it)."""
    conn.execute("INSERT INTO agency_updates (meeting, case_id, agency, information, recorded_at) VALUES (?,?,?,?,?)"
                 " ON CONFLICT (meeting, case_id, agency) DO UPDATE SET information = excluded.information,"
                 " recorded_at = excluded.recorded_at", (day.isoformat(), case_id, agency, information, utcnow()))


def of_case(conn: Connection, day: dt.date, case_id: int) -> list[Row]:
    return conn.execute("SELECT agency, information FROM agency_updates WHERE meeting = ? AND case_id = ?"
                        " ORDER BY agency", (day.isoformat(), case_id)).fetchall()


def agency_refs(conn: Connection, day: dt.date, case_id: int, agency: str) -> list[str]:
    """The agency's action ids for the case at that date, in the order they were numbered."""
    return [ref for (ref,) in conn.execute(
        "SELECT action_ref FROM actions WHERE meeting = ? AND case_id = ? AND agency = ?"
        " ORDER BY length(action_ref), action_ref", (day.isoformat(), case_id, agency))]


def case_refs(conn: Connection, case_id: int) -> list[str]:
    return [ref for (ref,) in conn.execute("SELECT action_ref FROM actions WHERE case_id = ?", (case_id,))]
