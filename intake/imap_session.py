"""The IMAP session underneath the mailbox: a TLS-only login, folder names as the server spells them,
and the few things imapclient leaves to its caller."""
from __future__ import annotations

import datetime as dt
import imaplib
import ssl
from typing import Any, Callable, Iterator

from imapclient import IMAPClient
from imapclient.exceptions import LoginError
from imapclient.imapclient import SocketTimeout

from .identity import key_of
from .oauth import Token, xoauth2
from .settings import ImapMailbox as ImapSettings

# Set on a message that is done but stays in the folder (flag mode, or COPY fallback awaiting expunge).
DONE_KEYWORD = "$MARACDone"
CONNECT_SECONDS = 15.0
READ_SECONDS = 60.0
# A backlog is read this many messages (and at most this many bytes) per UID FETCH: about what the
# pipeline reads at once, so most of the round trips go, yet little is held that a person could not
# see handled (a batch read before the server went away is still worked through while it is away).
FETCH_COUNT = 8
FETCH_BYTES = 16_000_000


class ImapRefused(Exception):
    """The server cannot be used as configured (no TLS offered, certificate not trusted, login refused).

    `reason` is a short code that is safe to log."""

    def __init__(self, reason: str, sentence: str) -> None:
        super().__init__(sentence)
        self.reason = reason


def tls_context(settings: ImapSettings) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(settings.ca_file) if settings.ca_file else None)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def connect(settings: ImapSettings, password: str | None, context: ssl.SSLContext,
            token: Token | None = None) -> IMAPClient:
    """Log in over implicit TLS or STARTTLS; never in clear, never to an untrusted certificate. With a
    `token`, the login is SASL XOAUTH2 instead of a password."""
    s = settings
    timeout = SocketTimeout(connect=CONNECT_SECONDS, read=READ_SECONDS)
    client: IMAPClient | None = None
    try:
        if s.security == "tls":
            client = IMAPClient(s.host, s.port, ssl=True, ssl_context=context, timeout=timeout)
        else:
            client = IMAPClient(s.host, s.port, ssl=False, timeout=timeout)
            if not client.has_capability("STARTTLS"):
                raise ImapRefused("no-starttls", "the IMAP server does not offer STARTTLS; "
                                  "not logging in without encryption")
            client.starttls(context)
        if token is not None:
            _xoauth2_login(client, s.username, token)
        else:
            client.login(s.username, password or "")
    except BaseException as exc:
        if client is not None:
            quietly(client.shutdown)
        if isinstance(exc, ssl.SSLCertVerificationError):
            raise ImapRefused("certificate", "the IMAP server's certificate is not trusted") from None
        if isinstance(exc, LoginError):
            raise ImapRefused("login", "the IMAP server refused the user name or password") from None
        if isinstance(exc, _TokenRejected):
            raise ImapRefused("token", "the IMAP server refused the app's access token (check the app's "
                              "IMAP.AccessAsApp permission and its access to this mailbox)") from None
        raise
    client.normalise_times = False  # INTERNALDATE with its zone, not local naive time
    return client


class _TokenRejected(Exception):
    """The server answered NO to the XOAUTH2 login (its words are not kept: they may echo the request)."""


def _xoauth2_login(client: IMAPClient, user: str, token: Token) -> None:
    if not client.has_capability("AUTH=XOAUTH2"):
        raise ImapRefused("no-xoauth2", "the IMAP server does not offer XOAUTH2 logins")
    answered: list[bytes] = []

    def respond(challenge: bytes) -> bytes:
        # The first prompt is empty; a second is the server's error report (base64 JSON), which the
        # client must answer with an empty line before the server says NO. Never send the token twice.
        answered.append(challenge)
        return xoauth2(user, token) if len(answered) == 1 else b""

    try:
        # imaplib's own AUTHENTICATE: imapclient's oauth2_login repeats the token to the error report.
        client._imap.authenticate("XOAUTH2", respond)
    except imaplib.IMAP4.abort:
        raise
    except imaplib.IMAP4.error:
        raise _TokenRejected() from None


def buffered(client: IMAPClient) -> bool:
    """True if the server's words are already read off the socket into imaplib's buffer, where a
    select() on the socket cannot see them: an EXISTS that arrives in the same packet as IDLE's
    "+ idling" is read with it. imapclient's own idle_check() polls the socket and would miss it, so
    this looks at imaplib's reader (Python <= 3.13: a BufferedReader); elsewhere it says False."""
    sock = client.socket()
    if isinstance(sock, ssl.SSLSocket) and sock.pending():
        return True
    reader: Any = getattr(client._imap, "file", None)
    if reader is None or not hasattr(reader, "peek"):
        return False
    sock.setblocking(False)
    try:
        return bool(reader.peek(1))
    except (OSError, ValueError):
        return False  # nothing waiting (would block)
    finally:
        sock.settimeout(READ_SECONDS)


def server_name(client: IMAPClient, name: str) -> str:
    """A folder name written with '/' in the configuration, in the server's hierarchy separator and
    under its personal namespace prefix (Dovecot uses '.', some servers put everything under 'INBOX.')."""
    prefix, separator = "", "/"
    if client.has_capability("NAMESPACE"):
        personal = client.namespace().personal
        if personal:
            prefix, separator = personal[0][0] or "", personal[0][1] or "/"
    name = name.replace("/", separator)
    if prefix and name.upper() != "INBOX" and not name.startswith(prefix):
        name = prefix + name
    return name


def ensure_folder(client: IMAPClient, folder: str) -> None:
    if client.folder_exists(folder):
        return
    try:
        client.create_folder(folder)
    except imaplib.IMAP4.error:
        if not client.folder_exists(folder):  # created meanwhile by another client is fine
            raise
    quietly(lambda: client.subscribe_folder(folder))  # so Outlook and webmail show it


def find_again(client: IMAPClient, raw: bytes) -> int | None:
    """After a UIDVALIDITY change: the message's new UID, found by Message-ID and same content."""
    key = key_of(raw)
    criteria: list[Any] = ["UNKEYWORD", DONE_KEYWORD]
    if key.message_id:
        criteria += ["HEADER", "Message-ID", key.message_id]
    for uid in sorted(client.search(criteria)):
        body = client.fetch([uid], ["BODY.PEEK[]"]).get(uid, {}).get(b"BODY[]")
        if body is not None and key_of(bytes(body)) == key:
            return uid
    return None


def batches(uids: list[int], sizes: dict[int, int], limit: int | None) -> Iterator[list[int]]:
    """Oldest first, a few at a time: one round trip for many messages, yet a bounded amount held.
    A message over `limit` counts as its limit: only its header is fetched."""
    batch: list[int] = []
    held = 0
    for uid in uids:
        size = min(sizes.get(uid, 0), limit or 0)
        if batch and (len(batch) >= FETCH_COUNT or held + size > FETCH_BYTES):
            yield batch
            batch, held = [], 0
        batch.append(uid)
        held += size
    if batch:
        yield batch


def put_away(client: IMAPClient, uids: list[int], processed: str | None) -> None:
    """Move processed messages to `processed` in one command, or only flag them where it is None."""
    if processed is None:
        client.add_flags(uids, [b"\\Seen", DONE_KEYWORD])
    elif client.has_capability("MOVE"):
        client.move(uids, processed)
    else:
        client.copy(uids, processed)  # raises if it fails, so nothing is deleted uncopied
        client.add_flags(uids, [DONE_KEYWORD, b"\\Deleted"])
        if client.has_capability("UIDPLUS"):
            client.uid_expunge(uids)  # only these messages: never EXPUNGE a person's deletions


def utc(value: object) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        return dt.datetime.now(dt.timezone.utc)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc)


def quietly(action: Callable[[], object]) -> None:
    try:
        action()
    except Exception:  # noqa: BLE001 - closing a connection that is already gone
        pass
