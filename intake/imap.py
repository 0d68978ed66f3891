"""The IMAP mailbox (imapclient): TLS always, IDLE for prompt pick-up with a poll as back-up.

Every pass selects the folder and searches *all* its messages (not only unseen: a person may have
opened a referral in Outlook), oldest UID first, and fetches them a batch at a time with BODY.PEEK[] so
nothing is marked read by us. A processed message is MOVEd to `processed_folder` (COPY, then \\Deleted
and UID EXPUNGE of those messages where MOVE is missing), or only flagged when no processed folder
is configured; it is never deleted without its copy. With auth = "oauth2" the login is SASL XOAUTH2
with an app's token (`oauth.py`), and the session is renewed before that token runs out.

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
    batches,
    buffered,
    connect,
    ensure_folder,
    find_again,
    put_away,
    quietly,
    server_name,
    tls_context,
    utc,
)
from .mailbox import Incoming
from .network import MailboxUnavailable, network_reason
from .oauth import Token, TokenRefused, TokenSource
from .settings import ImapMailbox as ImapSettings

T = TypeVar("T")
__all__ = ["ImapMailbox", "ImapRefused"]

# The server going away (OSError, IMAP4.abort) or answering NO/BAD (IMAP4.error): reconnect and retry.
# ImapRefused (no TLS, untrusted certificate, wrong password) is never retried in a tight loop.
RETRIED: tuple[type[BaseException], ...] = (imaplib.IMAP4.error, OSError)
FAILED: tuple[type[BaseException], ...] = (ImapRefused, *RETRIED)
# A backlog is moved MOVE_COUNT per UID MOVE (and read in batches, `imap_session.batches`): the round
# trips, not the reading, held a backlog back.
MOVE_COUNT = 50


class _ValidityChanged(Exception):
    """The folder's UIDVALIDITY changed under a pass: its UIDs mean nothing now; rescan."""


class ImapMailbox:
    name = "imap"

    def __init__(self, settings: ImapSettings, password: str | None, retry_seconds: float = 30.0,
                 max_message_bytes: int | None = None, tokens: TokenSource | None = None) -> None:
        """`tokens` (with auth = "oauth2") logs in with SASL XOAUTH2 instead of `password`."""
        self.settings = settings
        self.max_message_bytes = max_message_bytes
        self._sizes: dict[int, int] = {}
        self._password = password
        self._tokens = tokens
        # When the token this session logged in with runs out: the session is renewed before then,
        # as Exchange Online may end a session whose token has expired.
        self._session_ends = float("inf")
        # Marked done, not yet moved: (UIDVALIDITY, UID, bytes to find it again after a renumbering).
        self._queue: list[tuple[int, int, bytes]] = []
        self._offering: object | None = None  # set while a pending() listing is being offered
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
        if self._client is not None and time.monotonic() >= self._session_ends:
            logs.event("imap.token_renewal", backend=self.name)
            self._drop()
        if self._client is None:
            client = connect(self.settings, self._password, self.context, self._login_token())
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

    def _login_token(self) -> Token | None:
        if self._tokens is None:
            return None
        try:
            token = self._tokens.token()
        except TokenRefused as exc:
            raise ImapRefused("token", str(exc)) from None
        # Renewed a little before the end (a tenth of its life, at most a minute), not at the last second.
        lifetime = max(0.0, token.seconds_left())
        self._session_ends = time.monotonic() + lifetime - min(60.0, lifetime / 10)
        return token

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

    def _give_up(self, exc: BaseException) -> MailboxUnavailable:
        reason = exc.reason if isinstance(exc, ImapRefused) else type(exc).__name__
        logs.error("imap.unavailable", backend=self.name, reason=reason)
        return MailboxUnavailable(str(exc) if isinstance(exc, ImapRefused) else network_reason(exc))

    # ----- the Mailbox protocol ---------------------------------------------------------------------

    def pending(self) -> Iterator[Incoming]:
        self._flush()  # the last pass's marks first, so those messages are not offered again
        mine = object()
        self._offering = mine
        try:
            while True:
                try:
                    validity, uids = self._retrying(self._scan, self.retry_seconds)
                    queued = {uid for v, uid, _ in self._queue if v == validity}
                    for batch in batches([u for u in uids if u not in queued], self._sizes, self.max_message_bytes):
                        yield from self._retrying(lambda c, v=validity, b=batch: self._fetch(c, v, b),
                                                  self.retry_seconds)
                    self._offering = None
                    self._flush()  # the listing is over: what it marked so far goes now, the rest at once
                    return
                except _ValidityChanged:
                    logs.warning("imap.uidvalidity_changed", backend=self.name)
                except FAILED as exc:
                    # Nothing is lost: the next pass tries again. Raised so a one-off run can say so and fail.
                    raise self._give_up(exc) from None
        finally:
            if self._offering is mine:
                self._offering = None

    def _scan(self, client: IMAPClient) -> tuple[int, list[int]]:
        # SELECT again every pass: it reports the folder's current UIDVALIDITY.
        self._validity = int(client.select_folder(self._folder)[b"UIDVALIDITY"])
        uids = sorted(client.search(["UNKEYWORD", DONE_KEYWORD]))
        # The sizes first, in one command, so a message larger than the service opens is never
        # downloaded whole.
        sizes = client.fetch(uids, ["RFC822.SIZE"]) if uids and self.max_message_bytes else {}
        self._sizes = {uid: int(data.get(b"RFC822.SIZE", 0)) for uid, data in sizes.items()}
        return self._validity, uids

    def _fetch(self, client: IMAPClient, validity: int, batch: list[int]) -> list[Incoming]:
        if self._validity != validity:  # a reconnect found the folder renumbered
            raise _ValidityChanged()
        limit = self.max_message_bytes
        big = [uid for uid in batch if limit is not None and self._sizes.get(uid, 0) > limit]
        whole = [uid for uid in batch if uid not in big]
        bodies = client.fetch(whole, ["BODY.PEEK[]", "INTERNALDATE"]) if whole else {}
        heads = client.fetch(big, ["BODY.PEEK[HEADER]", "INTERNALDATE"]) if big else {}
        items = []
        for uid in batch:
            truncated = uid in heads
            data = heads[uid] if truncated else bodies.get(uid, {})
            raw = data.get(b"BODY[HEADER]" if truncated else b"BODY[]")
            if raw is None:
                continue  # moved or deleted by someone else since the search
            items.append(Incoming(source_key=f"{validity}:{uid}", raw=bytes(raw), size=self._sizes.get(uid),
                                  received=utc(data.get(b"INTERNALDATE")), truncated=truncated))
        return items

    def mark_done(self, item: Incoming) -> None:
        """Moved at once, or, while a backlog is being offered, with others in one UID MOVE (by
        `MOVE_COUNT`, and before the next pass, wait or close). The caller marks a message done only
        once its record is durable, so a crash before the move only offers it again, and the ledger
        knows it then: it is moved, never handled twice."""
        validity, _, uid = item.source_key.partition(":")
        self._queue.append((int(validity), int(uid), item.raw))
        if self._offering is None or len(self._queue) >= MOVE_COUNT:
            self._flush()

    def _flush(self) -> None:
        queue, self._queue = self._queue, []
        if not queue:
            return
        try:
            self._retrying(lambda c: self._done(c, queue), self.retry_seconds)
        except FAILED as exc:
            # The messages stay where they are; the next pass finds them, the ledger knows them, and
            # they are moved then.
            self._give_up(exc)

    def _done(self, client: IMAPClient, queue: list[tuple[int, int, bytes]]) -> None:
        uids = [uid for validity, uid, _ in queue if validity == self._validity]
        for validity, _, raw in queue:
            if validity != self._validity:  # renumbered since it was read: found by Message-ID and content
                found = find_again(client, raw)
                if found is not None:  # otherwise no longer in the folder: already moved
                    uids.append(found)
        if uids:
            put_away(client, uids, None if self.flag_only else self._processed)

    def wait(self, timeout: float) -> None:
        deadline = time.monotonic() + max(0.0, timeout)
        self._flush()
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
        """A server hands over whole messages: nothing is ever half-delivered. The pass is over, so
        whatever is marked done is moved now."""
        self._flush()
        return False

    def interrupt(self) -> None:
        self._woken = True
        try:
            self._wake_w.send(b"!")
        except OSError:
            pass  # the pipe is full: a wake is already waiting to be read

    def close(self) -> None:
        if self._client is not None:
            self._flush()
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
                if now >= self._session_ends:
                    # The login token is about to run out: a fresh session, which the next pass opens
                    # with a fresh token, then IDLE again. Ending the wait costs one quick pass.
                    logs.event("imap.token_renewal", backend=self.name)
                    self._drop()
                    return
                client.idle()
                why = self._idle_once(client, min(deadline, now + self.settings.idle_renew_seconds,
                                                  self._session_ends))
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


