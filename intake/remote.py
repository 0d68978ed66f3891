"""What the server-side mailboxes (EWS, Graph) share: pass bookkeeping and the header-recipient check.

Both read a change feed (EWS `SyncFolderItems`, Graph delta query) whose position may be stored only once
every message it has offered has been handled and moved away. The service takes messages in batches, so
the feed is often read to its end before the last messages are handled; saving the position then would
lose them in a crash. `Progress` saves it only when the pass is complete *and* nothing is outstanding,
and keeps messages whose handling failed so the next pass offers them again.
"""
from __future__ import annotations

import datetime as dt
from email import message_from_bytes
from email.utils import getaddresses
from typing import Protocol

from .senders.base import PermanentSendError


class StateStore(Protocol):
    def get(self, mailbox: str) -> str | None: ...

    def put(self, mailbox: str, state: str) -> None: ...


class Progress:
    def __init__(self, store: StateStore, mailbox: str) -> None:
        self.store = store
        self.mailbox = mailbox
        self.saved = store.get(mailbox)
        self.position = self.saved  # where the next read starts (may run ahead of what is saved)
        self.outstanding: dict[str, dt.datetime] = {}  # offered, not yet marked done
        self.complete = False

    def start(self) -> None:
        self.complete = False

    def offered(self, key: str, received: dt.datetime) -> None:
        self.outstanding[key] = received

    def finished(self, position: str) -> None:
        """The feed was read to its end; `position` is where the next pass starts."""
        self.position = position
        self.complete = True
        self._save()

    def done(self, key: str) -> None:
        self.outstanding.pop(key, None)
        self._save()

    def forget(self, key: str) -> None:
        """The message is gone from the folder (moved or deleted by someone else): nothing left to do."""
        self.done(key)

    def reset(self) -> None:
        """The server no longer knows our position: read the whole folder again (the ledger dedupes)."""
        self.position = None
        self.saved = None

    def _save(self) -> None:
        if self.complete and not self.outstanding and self.position and self.position != self.saved:
            self.store.put(self.mailbox, self.position)
            self.saved = self.position


def check_header_recipients(payload: bytes, recipients: list[str]) -> None:
    """EWS and Graph deliver a MIME message to the addresses in its headers, not to an envelope we give.

    The outbox checked `recipients` against the secure domains, so the headers must name exactly those
    addresses: anything else is refused rather than sent somewhere nobody checked.
    """
    msg = message_from_bytes(payload)
    named = {addr.lower() for _, addr in getaddresses(
        [str(v) for h in ("To", "Cc", "Bcc") for v in msg.get_all(h, [])]) if addr}
    wanted = {r.lower() for r in recipients}
    if named != wanted:
        raise PermanentSendError("the message's To/Cc/Bcc headers do not match its checked recipients; "
                                 "this server sends to the headers, so it was not sent")
