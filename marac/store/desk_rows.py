"""The store's side of the coordinator's desk: which folder is about what, and what was decided."""
from __future__ import annotations

import sqlite3

from .db import utcnow


def add(conn: sqlite3.Connection, folder: str, kind: str, *, case_id: int | None = None,
        message: int | None = None, match_case: int | None = None) -> None:
    conn.execute("INSERT OR REPLACE INTO desk (folder, kind, case_id, message, match_case, created_at)"
                 " VALUES (?,?,?,?,?,?)", (folder, kind, case_id, message, match_case, utcnow()))


def get(conn: sqlite3.Connection, folder: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM desk WHERE folder = ?", (folder,)).fetchone()


def decide(conn: sqlite3.Connection, folder: str, status: str) -> None:
    conn.execute("UPDATE desk SET status = ?, decided_at = ? WHERE folder = ?", (status, utcnow(), folder))


def with_case_numbers(conn: sqlite3.Connection) -> dict[str, sqlite3.Row]:
    """Every desk row by folder name, with its case number (None for a message that opened no case) and
    the reason the message was set aside (None for a referral to check)."""
    rows = conn.execute("SELECT d.folder, d.kind, d.status, d.created_at, c.case_number, m.reason FROM desk d"
                        " LEFT JOIN cases c ON c.id = d.case_id"
                        " LEFT JOIN messages m ON m.id = d.message").fetchall()
    return {row["folder"]: row for row in rows}
