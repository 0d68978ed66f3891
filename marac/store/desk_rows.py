"""The store's side of the coordinator's desk: which folder is about what, and what was decided."""
from __future__ import annotations

from .db import Connection, Row, utcnow


def add(conn: Connection, folder: str, kind: str, *, case_id: int | None = None,
        message: int | None = None, match_case: int | None = None) -> None:
    # A folder filed again starts afresh: open, undecided (as a replaced row would).
    conn.execute("INSERT INTO desk (folder, kind, case_id, message, match_case, created_at) VALUES (?,?,?,?,?,?)"
                 " ON CONFLICT (folder) DO UPDATE SET kind = excluded.kind, case_id = excluded.case_id,"
                 " message = excluded.message, match_case = excluded.match_case, created_at = excluded.created_at,"
                 " status = 'open', decided_at = NULL", (folder, kind, case_id, message, match_case, utcnow()))


def get(conn: Connection, folder: str) -> Row | None:
    return conn.execute("SELECT * FROM desk WHERE folder = ?", (folder,)).fetchone()


def decide(conn: Connection, folder: str, status: str) -> None:
    conn.execute("UPDATE desk SET status = ?, decided_at = ? WHERE folder = ?", (status, utcnow(), folder))


def with_case_numbers(conn: Connection) -> dict[str, Row]:
    """Every desk row by folder name, with its case number (None for a message that opened no case) and
    the reason the message was set aside (None for a referral to check)."""
    rows = conn.execute("SELECT d.folder, d.kind, d.status, d.created_at, c.case_number, m.reason FROM desk d"
                        " LEFT JOIN cases c ON c.id = d.case_id"
                        " LEFT JOIN messages m ON m.id = d.message").fetchall()
    return {row["folder"]: row for row in rows}
