"""The message ledger: which messages have been taken, and what became of each.

A message is the same message when its Message-ID and its content (without the transport headers
each delivery adds) are the same, so a message delivered twice is processed once.
"""
from __future__ import annotations

from intake.identity import MessageKey

from .db import Connection, Row, utcnow


def find(conn: Connection, key: MessageKey) -> Row | None:
    return conn.execute(
        "SELECT * FROM messages WHERE content_hash = ? AND coalesce(message_id, '') = ?",
        (key.content_hash, key.message_id or "")).fetchone()


def record(conn: Connection, *, mailbox: str, source_key: str, key: MessageKey, size: int,
           outcome: str, case_id: int | None = None, exception_dir: str | None = None,
           reason: str | None = None, received: str | None = None) -> int:
    cur = conn.execute(
        "INSERT INTO messages (mailbox, source_key, message_id, content_hash, size, received_at,"
        " outcome, case_id, exception_dir, reason) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (mailbox, source_key, key.message_id, key.content_hash, size, received or utcnow(), outcome, case_id,
         exception_dir, reason))
    return int(cur.lastrowid or 0)


def received_at(conn: Connection, message: int) -> str | None:
    """When the mailbox received a recorded message (ISO text), if it is recorded."""
    found = conn.execute("SELECT received_at FROM messages WHERE id = ?", (message,)).fetchone()
    return str(found[0]) if found else None


def set_case(conn: Connection, message: int, case_id: int) -> None:
    conn.execute("UPDATE messages SET case_id = ? WHERE id = ?", (case_id, message))
