"""The audit trail: every disclosure of case information and every decision, never deleted."""
from __future__ import annotations

import sqlite3

from . import chain
from .db import transaction, utcnow


def record(conn: sqlite3.Connection, *, event: str, case_number: str | None, document: str | None = None,
           recipient: str | None = None, sha256: str | None = None, detail: str | None = None) -> None:
    if not conn.in_transaction:  # reading the head and adding to it must be one step, or two writers fork the chain
        with transaction(conn):
            return record(conn, event=event, case_number=case_number, document=document, recipient=recipient,
                          sha256=sha256, detail=detail)
    last_id, prev = chain.head(conn)
    entry = {"id": last_id + 1, "at": utcnow(), "event": event, "case_number": case_number,
             "document": document, "recipient": recipient, "sha256": sha256, "detail": detail}
    conn.execute(
        "INSERT INTO audit (id, at, event, case_number, document, recipient, sha256, detail, prev_hash, hash)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)", (*entry.values(), prev, chain.entry_hash(prev, entry)))
    return None


def for_case(conn: sqlite3.Connection, case_number: str) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM audit WHERE case_number = ? ORDER BY id", (case_number,)).fetchall()


def was_refused(conn: sqlite3.Connection, case_number: str, document: str) -> bool:
    """Whether sending this document about this case has been refused before (recorded once only)."""
    return conn.execute("SELECT 1 FROM audit WHERE event = 'refused' AND case_number = ? AND document = ?",
                        (case_number, document)).fetchone() is not None
