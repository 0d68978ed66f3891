"""The audit trail: every disclosure of case information and every decision, never deleted."""
from __future__ import annotations

from . import chain
from .db import Connection, Row, transaction, utcnow


def record(conn: Connection, *, event: str, case_number: str | None, document: str | None = None,
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


def for_case(conn: Connection, case_number: str) -> list[Row]:
    return conn.execute("SELECT * FROM audit WHERE case_number = ? ORDER BY id", (case_number,)).fetchall()


def was_refused(conn: Connection, case_number: str, document: str) -> bool:
    """Whether sending this document about this case has been refused before (recorded once only)."""
    return conn.execute("SELECT 1 FROM audit WHERE event = 'refused' AND case_number = ? AND document = ?",
                        (case_number, document)).fetchone() is not None


def has_entry(conn: Connection, event: str, sha256: str) -> bool:
    """Whether an entry of this kind about this content exists (a step retried after a crash records once)."""
    return conn.execute("SELECT 1 FROM audit WHERE event = ? AND sha256 = ?", (event, sha256)).fetchone() is not None
