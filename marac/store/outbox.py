"""The transactional outbox: outgoing mail recorded with the change that causes it, sent later."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from .db import Connection, utcnow


@dataclass(frozen=True)
class Outgoing:
    id: int
    purpose: str
    header_message_id: str
    recipients: list[str]
    case_number: str | None
    document: str
    payload: bytes
    payload_sha256: str
    attempts: int
    cases: list[str]


def enqueue(conn: Connection, *, purpose: str, dedupe_key: str, header_message_id: str,
            recipients: list[str], case_number: str | None, document: str, payload: bytes,
            cases: list[str] | None = None, document_sha256: str | None = None) -> bool:
    """Add a message unless one with the same dedupe key exists; True when added.

    `cases` lists every case the message discloses (a document names many); `document_sha256` is the
    hash of the attached document, which the audit records (the whole message's hash otherwise).
    """
    now = utcnow()
    cur = conn.execute(
        "INSERT OR IGNORE INTO outbox (purpose, dedupe_key, header_message_id, recipients, case_number,"
        " document, payload, payload_sha256, next_attempt_at, created_at, cases) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (purpose, dedupe_key, header_message_id, json.dumps(recipients), case_number, document, payload,
         document_sha256 or hashlib.sha256(payload).hexdigest(), now, now,
         json.dumps(cases if cases is not None else ([case_number] if case_number else []))))
    return cur.rowcount == 1


def due(conn: Connection, limit: int = 50) -> list[Outgoing]:
    rows = conn.execute(
        "SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?",
        (utcnow(), limit)).fetchall()
    return [Outgoing(r["id"], r["purpose"], r["header_message_id"], json.loads(r["recipients"]),
                     r["case_number"], r["document"], bytes(r["payload"]), r["payload_sha256"],
                     r["attempts"], json.loads(r["cases"])) for r in rows]


def mark_sent(conn: Connection, item_id: int) -> None:
    conn.execute("UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1,"
                 " last_error = NULL WHERE id = ?", (utcnow(), item_id))


def mark_refused(conn: Connection, item_id: int, reason: str) -> None:
    conn.execute("UPDATE outbox SET state = 'refused', last_error = ? WHERE id = ?", (reason, item_id))


def defer(conn: Connection, item_id: int, reason: str, delay_seconds: float) -> None:
    later = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=delay_seconds)).isoformat(
        timespec="milliseconds")
    conn.execute("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
                 " WHERE id = ?", (reason, later, item_id))


def pending_count(conn: Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0])


def has_key(conn: Connection, dedupe_key: str) -> bool:
    """Whether a message with this dedupe key was ever queued (sent or not)."""
    return conn.execute("SELECT 1 FROM outbox WHERE dedupe_key = ?", (dedupe_key,)).fetchone() is not None


def is_pending(conn: Connection, item_id: int) -> bool:
    """Still to send: asked again once claimed, as another daemon may have sent it since it was listed."""
    return conn.execute("SELECT 1 FROM outbox WHERE id = ? AND state = 'pending'", (item_id,)).fetchone() is not None
