"""Inter-MARAC transfers on the case (columns `transferred_from`, `transferred_to`, `transferred_at`)."""
from __future__ import annotations

from .db import Connection, Row, utcnow


def mark_from(conn: Connection, case_id: int, area: str) -> None:
    """The MARAC a case came from; the first one recorded stands (a later referral does not rename it)."""
    conn.execute("UPDATE cases SET transferred_from = ? WHERE id = ? AND transferred_from IS NULL", (area, case_id))


def close_as_transferred(conn: Connection, case_id: int, area: str, today: str) -> None:
    """Closed here, heard there: off every list of open cases, with where it went. A case not yet heard
    leaves its coming meeting too, so the data return does not count it as heard here."""
    conn.execute("UPDATE cases SET status = 'closed', transferred_to = ?, transferred_at = ?,"
                 " meeting = CASE WHEN status IN ('listed', 'exception') AND meeting >= ? THEN NULL ELSE meeting END"
                 " WHERE id = ?", (area, utcnow(), today, case_id))


def of_case(conn: Connection, case_number: str) -> Row | None:
    """The case with its transfer columns, by number (case number, status, meeting, previous case)."""
    return conn.execute("SELECT id, case_number, status, meeting, previous_case, transferred_from, transferred_to,"
                        " transferred_at FROM cases WHERE case_number = ?", (case_number,)).fetchone()


def of_id(conn: Connection, case_id: int) -> Row | None:
    row = conn.execute("SELECT case_number FROM cases WHERE id = ?", (case_id,)).fetchone()
    return of_case(conn, row[0]) if row else None


def transfer_columns(conn: Connection) -> dict[str, tuple[str | None, str | None]]:
    """Every case's (transferred_from, transferred_to), by case number, for listings."""
    return {r[0]: (r[1], r[2]) for r in conn.execute(
        "SELECT case_number, transferred_from, transferred_to FROM cases"
        " WHERE transferred_from IS NOT NULL OR transferred_to IS NOT NULL")}


def earlier_cases(conn: Connection, case_id: int) -> list[Row]:
    """The case and the chain of earlier cases it repeats (id, case_number, meeting, status), newest first."""
    return conn.execute(
        "WITH RECURSIVE chain(id) AS (SELECT CAST(? AS INTEGER) UNION SELECT c.previous_case FROM cases c JOIN chain ON c.id = chain.id"
        " WHERE c.previous_case IS NOT NULL) SELECT c.id, c.case_number, c.meeting, c.status FROM cases c"
        " JOIN chain ON c.id = chain.id ORDER BY c.id DESC", (case_id,)).fetchall()


def open_actions(conn: Connection, case_ids: list[int]) -> list[Row]:
    """Actions on these cases not done or cancelled (however a person typed the status), oldest first."""
    marks = ",".join("?" * len(case_ids))
    return conn.execute(
        "SELECT a.action_ref, a.meeting, a.description, a.agency, a.owner, a.deadline, a.status, a.notes"
        f" FROM actions a WHERE a.case_id IN ({marks})"
        " AND lower(trim(a.status)) NOT IN ('done', 'complete', 'completed', 'closed', 'cancelled')"
        " ORDER BY a.meeting, a.id", case_ids).fetchall()


def agency_information(conn: Connection, case_ids: list[int]) -> list[Row]:
    """What agencies wrote about these cases for a virtual MARAC (meeting, agency, information)."""
    marks = ",".join("?" * len(case_ids))
    return conn.execute(f"SELECT meeting, agency, information FROM agency_updates WHERE case_id IN ({marks})"
                        " ORDER BY meeting, agency", case_ids).fetchall()


def messages_of(conn: Connection, case_id: int) -> list[Row]:
    """The messages behind a case's referrals (id, source_key, exception_dir), oldest first."""
    return conn.execute("SELECT m.id, m.source_key, m.exception_dir FROM messages m WHERE m.id IN"
                        " (SELECT message FROM referrals WHERE case_id = ?) ORDER BY m.id", (case_id,)).fetchall()
