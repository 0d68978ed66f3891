"""The IMAP mailbox (imapclient): TLS always, IDLE for prompt pick-up with a poll as back-up.

Every pass selects the folder and searches *all* its messages (not only unseen: a person may have
opened a referral in Outlook), oldest UID first, and fetches them one at a time with BODY.PEEK[] so
nothing is marked read by us. A processed message is MOVEd to `processed_folder` (COPY, then \\Deleted
and UID EXPUNGE of that one message where MOVE is missing), or only flagged when no processed folder
is configured; it is never deleted without its copy.

No "last UID seen" is stored: the folder is rescanned every pass, so a UIDVALIDITY change (a server
rebuilding its index) can skip nothing, and the ledger (Message-ID + content hash) makes sure a message
that comes back under a new UID is not handled twice.
"""
from __future__ import annotations

import imaplib
import select
import socket
import time
from typing import Callable, Iterator, TypeVar

from imapclient import IMAPClient
from tenacity import RetryCallState, Retrying, retry_if_exception_type, wait_exponential

from . import log as logs
from .imap_session import (
    DONE_KEYWORD,
    ImapRefused,
    buffered,
    connect,
    ensure_folder,
    find_again,
    quietly,
    server_name,
    tls_context,
    utc,
)
from .mailbox import Incoming
from .settings import ImapMailbox as ImapSettings

T = TypeVar("T")
__all__ = ["ImapMailbox", "ImapRefused"]

# The server going away (OSError, IMAP4.abort) or answering NO/BAD (IMAP4.error): reconnect and retry.
# ImapRefused (no TLS, untrusted certificate, wrong password) is never retried in a tight loop.
RETRIED: tuple[type[BaseException], ...] = (imaplib.IMAP4.error, OSError)
FAILED: tuple[type[BaseException], ...] = (ImapRefused, *RETRIED)


class _ValidityChanged(Exception):
    """The folder's UIDVALIDITY changed under a pass: its UIDs mean nothing now; rescan."""


class ImapMailbox:
    name = "imap"

    def __init__(self, settings: ImapSettings, password: str, retry_seconds: float = 30.0,
                 max_message_bytes: int | None = None) -> None:
        self.settings = settings
        self.max_message_bytes = max_message_bytes
        self._sizes: dict[int, int] = {}
        self._password = password
        # How long one pass keeps reconnecting before giving up until the next pass.
        self.retry_seconds = retry_seconds
        self.flag_only = not settings.processed_folder
        self.context = tls_context(settings)
        self._client: IMAPClient | None = None
        self._validity: int | None = None
        self._folder = settings.folder
        self._processed = settings.processed_folder
        # interrupt() may come from a signal handler or another thread: a flag and a socketpair, which
        # sleeps and the IDLE select() both watch. No lock, so a signal can never deadlock on one.
        self._woken = False
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._wake_w.setblocking(False)

    # ----- connection -------------------------------------------------------------------------------

    def check(self) -> None:
        """Connect, log in and select once, raising ImapRefused or the network error (for check-config)."""
        self._drop()
        self._selected()

    def _selected(self) -> IMAPClient:
        if self._client is None:
            client = connect(self.settings, self._password, self.context)
            try:
                self._folder = server_name(client, self.settings.folder)
                if not self.flag_only:
                    self._processed = server_name(client, self.settings.processed_folder)
                    ensure_folder(client, self._processed)
                self._validity = int(client.select_folder(self._folder)[b"UIDVALIDITY"])
            except BaseException:
                quietly(client.shutdown)
                raise
            self._client = client
            logs.event("imap.connected", backend=self.name)
        return self._client

    def _drop(self) -> None:
        client, self._client, self._validity = self._client, None, None
        if client is not None:
            quietly(client.shutdown)

    def _retrying(self, action: Callable[[IMAPClient], T], budget: float) -> T:
        """Run `action` on a live connection, reconnecting with exponential backoff while the server
        is away, for at most `budget` seconds or until interrupt()."""
        retrying = Retrying(retry=retry_if_exception_type(RETRIED), reraise=True,
                            wait=wait_exponential(multiplier=0.25, min=0.25, max=30),
                            stop=lambda state: self._stop(state, budget),
                            sleep=self._sleep, before_sleep=self._log_retry)
        for attempt in retrying:
            with attempt:
                try:
                    return action(self._selected())
                except RETRIED:
                    self._drop()  # a fresh connection for the next attempt
                    raise
        raise AssertionError("unreachable")  # tenacity either returns or re-raises

    def _stop(self, state: RetryCallState, budget: float) -> bool:
        if self._woken or state.seconds_since_start >= budget:
            return True
        error = state.outcome.exception() if state.outcome else None
        # A NO or BAD may be a passing server fault: worth one fresh connection, not a siege.
        answered = isinstance(error, imaplib.IMAP4.error) and not isinstance(error, imaplib.IMAP4.abort)
        return answered and state.attempt_number >= 2

    def _log_retry(self, state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0.0
        logs.warning("imap.reconnecting", backend=self.name, attempt=state.attempt_number,
                     reason=type(error).__name__, seconds=round(wait, 2))

    def _sleep(self, seconds: float) -> None:
        if not self._woken and seconds > 0:  # an interrupt() cuts a sleep or a backoff short
            select.select([self._wake_r], [], [], seconds)

    def _give_up(self, exc: BaseException) -> None:
        reason = exc.reason if isinstance(exc, ImapRefused) else type(exc).__name__
        logs.error("imap.unavailable", backend=self.name, reason=reason)

    # ----- the Mailbox protocol ---------------------------------------------------------------------

    def pending(self) -> Iterator[Incoming]:
        while True:
            try:
                validity, uids = self._retrying(self._scan, self.retry_seconds)
                for uid in uids:
                    item = self._retrying(lambda c, v=validity, u=uid: self._fetch(c, v, u), self.retry_seconds)
                    if item is not None:
                        yield item
                return
            except _ValidityChanged:
                logs.warning("imap.uidvalidity_changed", backend=self.name)
            except FAILED as exc:
                self._give_up(exc)  # the next pass tries again; nothing is lost meanwhile
                return

    def _scan(self, client: IMAPClient) -> tuple[int, list[int]]:
        # SELECT again every pass: it reports the folder's current UIDVALIDITY.
        self._validity = int(client.select_folder(self._folder)[b"UIDVALIDITY"])
        uids = sorted(client.search(["UNKEYWORD", DONE_KEYWORD]))
        # The sizes first, in one command, so a message larger than the service opens is never
        # downloaded whole.
        sizes = client.fetch(uids, ["RFC822.SIZE"]) if uids and self.max_message_bytes else {}
        self._sizes = {uid: int(data.get(b"RFC822.SIZE", 0)) for uid, data in sizes.items()}
        return self._validity, uids

    def _fetch(self, client: IMAPClient, validity: int, uid: int) -> Incoming | None:
        if self._validity != validity:  # a reconnect found the folder renumbered
            raise _ValidityChanged()
        size = self._sizes.get(uid)
        if size is not None and self.max_message_bytes is not None and size > self.max_message_bytes:
            data = client.fetch([uid], ["BODY.PEEK[HEADER]", "INTERNALDATE"]).get(uid, {})
            head = data.get(b"BODY[HEADER]")
            if head is None:
                return None
            return Incoming(source_key=f"{validity}:{uid}", raw=bytes(head), received=utc(data.get(b"INTERNALDATE")),
                            size=size, truncated=True)
        data = client.fetch([uid], ["BODY.PEEK[]", "INTERNALDATE"]).get(uid, {})
        raw = data.get(b"BODY[]")
        if raw is None:
            return None  # moved or deleted by someone else since the search
        return Incoming(source_key=f"{validity}:{uid}", raw=bytes(raw), received=utc(data.get(b"INTERNALDATE")),
                        size=size)

    def mark_done(self, item: Incoming) -> None:
        validity, _, uid = item.source_key.partition(":")
        try:
            self._retrying(lambda c: self._done(c, int(validity), int(uid), item.raw), self.retry_seconds)
        except FAILED as exc:
            # The message stays where it is; the next pass finds it, the ledger knows it, and it is
            # moved then.
            self._give_up(exc)

    def _done(self, client: IMAPClient, validity: int, uid: int, raw: bytes) -> None:
        if self._validity != validity:
            found = find_again(client, raw)
            if found is None:
                return  # no longer in the folder: already moved
            uid = found
        if self.flag_only:
            client.add_flags([uid], [b"\\Seen", DONE_KEYWORD])
        elif client.has_capability("MOVE"):
            client.move([uid], self._processed)
        else:
            client.copy([uid], self._processed)  # raises if it fails, so nothing is deleted uncopied
            client.add_flags([uid], [DONE_KEYWORD, b"\\Deleted"])
            if client.has_capability("UIDPLUS"):
                client.uid_expunge([uid])  # only this message: never EXPUNGE a person's deletions

    def wait(self, timeout: float) -> None:
        deadline = time.monotonic() + max(0.0, timeout)
        try:
            if self._woken:
                return
            if self.settings.use_idle and self._idle_offered(deadline):
                self._idle_until(deadline)
            else:
                self._sleep(min(deadline - time.monotonic(), self.settings.poll_seconds))
        finally:
            self._clear_wake()

    def drain_wait(self) -> bool:
        """A server hands over whole messages: nothing is ever half-delivered."""
        return False

    def interrupt(self) -> None:
        self._woken = True
        try:
            self._wake_w.send(b"!")
        except OSError:
            pass  # the pipe is full: a wake is already waiting to be read

    def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            quietly(client.logout)
            quietly(client.shutdown)
        self._wake_r.close()
        self._wake_w.close()

    # ----- IDLE -------------------------------------------------------------------------------------

    def _idle_offered(self, deadline: float) -> bool:
        try:
            client = self._retrying(lambda c: c, max(0.0, deadline - time.monotonic()))
        except FAILED as exc:
            self._give_up(exc)
            return False
        return client.has_capability("IDLE")

    def _idle_until(self, deadline: float) -> None:
        """IDLE until new mail, interrupt() or the deadline, re-issuing IDLE every idle_renew_seconds."""
        client = self._client
        assert client is not None
        try:
            while (now := time.monotonic()) < deadline:
                client.idle()
                why = self._idle_once(client, min(deadline, now + self.settings.idle_renew_seconds))
                _, responses = client.idle_done()
                if why == "wake" or any(b"EXISTS" in r for r in responses if isinstance(r, tuple)):
                    return
                # Otherwise a renewal, or chatter such as "* OK Still here": idle again.
        except RETRIED as exc:
            logs.warning("imap.connection_lost", backend=self.name, reason=type(exc).__name__)
            self._drop()  # the next pass reconnects

    def _idle_once(self, client: IMAPClient, until: float) -> str:
        sock = client.socket()
        if buffered(client):
            return "server"  # the server's news came in with its "+ idling" and is already read
        while (remaining := until - time.monotonic()) > 0:
            ready, _, _ = select.select([sock, self._wake_r], [], [], remaining)
            if self._wake_r in ready or self._woken:
                return "wake"
            if sock in ready:
                return "server"
        return "time"

    def _clear_wake(self) -> None:
        self._woken = False
        try:
            while self._wake_r.recv(4096):
                pass
        except OSError:
            pass  # empty (BlockingIOError) or already closed


