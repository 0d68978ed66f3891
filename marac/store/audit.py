"""The audit trail: every disclosure of case information and every decision, never deleted."""
from __future__ import annotations

import sqlite3

from .db import utcnow


def record(conn: sqlite3.Connection, *, event: str, case_number: str | None, document: str | None = None,
           recipient: str | None = None, sha256: str | None = None, detail: str | None = None) -> None:
    conn.execute(
        "INSERT INTO audit (at, event, case_number, document, recipient, sha256, detail)"
        " VALUES (?,?,?,?,?,?,?)", (utcnow(), event, case_number, document, recipient, sha256, detail))


def for_case(conn: sqlite3.Connection, case_number: str) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM audit WHERE case_number = ? ORDER BY id", (case_number,)).fetchall()


def was_refused(conn: sqlite3.Connection, case_number: str, document: str) -> bool:
    """Whether sending this document about this case has been refused before (recorded once only)."""
    return conn.execute("SELECT 1 FROM audit WHERE event = 'refused' AND case_number = ? AND document = ?",
                        (case_number, document)).fetchone() is not None
