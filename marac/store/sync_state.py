"""Where a change-reading mailbox (EWS `SyncFolderItems`, Graph delta query) got to, kept across restarts.

The backends call `put` only when a pass is complete and everything it offered has been marked done, so
the stored state never runs ahead of the work: after a crash the next start re-reads from the last such
point, and the message ledger dedupes whatever comes round again.
"""
from __future__ import annotations

from .db import Connection, transaction, utcnow


class SyncStateStore:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def get(self, mailbox: str) -> str | None:
        row = self.conn.execute("SELECT state FROM sync_state WHERE mailbox = ?", (mailbox,)).fetchone()
        return None if row is None else str(row[0])

    def put(self, mailbox: str, state: str) -> None:
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO sync_state (mailbox, state, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT(mailbox) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                (mailbox, state, utcnow()))

    def clear(self, mailbox: str) -> None:
        """Forget the state, e.g. when the server says it is no longer valid: the next pass reads afresh."""
        with transaction(self.conn):
            self.conn.execute("DELETE FROM sync_state WHERE mailbox = ?", (mailbox,))
