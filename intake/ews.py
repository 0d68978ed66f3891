"""On-premises Exchange through EWS (exchangelib): SyncFolderItems, GetItem for the MIME, MoveItem, send.

Exchange Online is switching EWS off (from 1 October 2026; gone 1 April 2027): use intake/graph.py there.

Reading: `SyncFolderItems` on the configured folder gives the items created since the stored sync
state; each new item's MIME comes from `GetItem` (SyncFolderItems cannot return it). The state is
stored only after a complete pass whose items have all been moved away (see intake/remote.py).

Retries: exchangelib's own `FaultTolerance` policy backs off on throttling (ErrorServerBusy and its
BackOffMilliseconds, 503 with Retry-After) and on dropped connections, up to `max_wait` seconds; nothing
here retries on top of it. What still fails goes up as `MailboxUnavailable` for the daemon's next pass.

Wake-up: a streaming subscription (NewMail/Created events) on a background thread sets an event that
`wait` returns on; a sync every `poll_seconds` is the back-up when the stream is down.
"""
from __future__ import annotations

import datetime as dt
import logging
import threading
from contextlib import suppress
from typing import Any, Iterator

import requests
from exchangelib import (
    BASIC,
    DELEGATE,
    IMPERSONATION,
    NTLM,
    OAUTH2,
    UTC,
    Account,
    Configuration,
    Credentials,
    FaultTolerance,
    Identity,
    Message,
    OAuth2Credentials,
    Q,
    Version,
)
from exchangelib.errors import (
    ErrorConnectionFailed,
    ErrorConnectionFailedTransientError,
    ErrorFolderExists,
    ErrorFolderNotFound,
    ErrorInternalServerTransientError,
    ErrorInvalidSyncStateData,
    ErrorItemNotFound,
    ErrorMailboxMoveInProgress,
    ErrorMailboxStoreUnavailable,
    ErrorServerBusy,
    ErrorTimeoutExpired,
    RateLimitError,
    ResponseMessageError,
    TransportError,
    UnauthorizedError,
)
from exchangelib.folders import SHALLOW, Folder, FolderCollection
from exchangelib.services import CreateFolder
from exchangelib.version import EXCHANGE_2016

from .mailbox import Incoming
from .network import MailboxUnavailable
from .remote import Progress, StateStore, check_header_recipients
from .senders.base import PermanentSendError, TemporarySendError
from .settings import EwsMailbox as EwsSettings

log = logging.getLogger(__name__)

# Worth trying again later; any other answer from Exchange about a message is final.
TRANSIENT = (ErrorServerBusy, ErrorInternalServerTransientError, ErrorTimeoutExpired, ErrorConnectionFailed,
             ErrorConnectionFailedTransientError, ErrorMailboxStoreUnavailable, ErrorMailboxMoveInProgress,
             RateLimitError, UnauthorizedError)
CONNECTION = (TransportError, UnauthorizedError, requests.RequestException, OSError)
WAKE_EVENTS = ["NewMailEvent", "CreatedEvent"]


def _is_transient(exc: BaseException) -> bool:
    return isinstance(exc, TRANSIENT) or (isinstance(exc, CONNECTION) and not isinstance(exc, ResponseMessageError))


def make_account(settings: EwsSettings, password: str, *, max_wait: float = 60.0,
                 version: Version | None = None, tenant_id: str | None = None) -> Account:
    """An exchangelib Account with a fixed endpoint and version: no autodiscover, no version guessing."""
    server = settings.server
    endpoint = server if server.startswith(("http://", "https://")) else f"https://{server}/EWS/Exchange.asmx"
    access = DELEGATE
    if settings.auth == "oauth2":
        # App-only OAuth (Exchange hybrid modern auth): username is the application (client) id and the
        # password its client secret; the app acts on the mailbox by impersonation.
        tenant = tenant_id or getattr(settings, "tenant_id", None)
        if not tenant:
            raise ValueError("EWS with auth = \"oauth2\" needs the Entra tenant id")
        credentials: Any = OAuth2Credentials(client_id=settings.username, client_secret=password, tenant_id=tenant,
                                             identity=Identity(primary_smtp_address=settings.primary_smtp_address))
        auth_type, access = OAUTH2, IMPERSONATION
    else:
        credentials = Credentials(settings.username, password)
        auth_type = NTLM if settings.auth == "ntlm" else BASIC
    config = Configuration(service_endpoint=endpoint, credentials=credentials, auth_type=auth_type,
                           version=version or Version(build=EXCHANGE_2016),
                           retry_policy=FaultTolerance(max_wait=max_wait),
                           # The streaming subscription holds one connection for minutes at a time; the
                           # default pool of one would leave the sync waiting behind it.
                           max_connections=3)
    return Account(settings.primary_smtp_address, config=config, autodiscover=False, access_type=access,
                   default_timezone=UTC)


class EwsMailbox:
    def __init__(self, settings: EwsSettings, password: str, state_store: StateStore, *,
                 account: Account | None = None, streaming: bool = True, stream_minutes: int = 15,
                 max_wait: float = 60.0) -> None:
        self.settings = settings
        self.account = account or make_account(settings, password, max_wait=max_wait)
        self.name = f"ews:{settings.primary_smtp_address}/{settings.folder}"
        self.progress = Progress(state_store, self.name)
        self.streaming = streaming
        self.stream_minutes = stream_minutes
        self.wake = threading.Event()
        self._stop = threading.Event()
        self._listener: threading.Thread | None = None
        self._folder: Any = None
        self._processed: Any = None

    # -- folders ---------------------------------------------------------------------------------------
    def _child(self, parent: Any, name: str, create: bool) -> Any:
        # A shallow FindFolder by name, rather than exchangelib's `parent / name`, which first maps the
        # whole folder tree of the mailbox.
        def find() -> list[Any]:
            return list(FolderCollection(account=self.account, folders=[parent])
                        .find_folders(q=Q(name=name), depth=SHALLOW))

        found = find()
        if not found and create:
            # The CreateFolder service, not Folder.save(), which also loads the whole folder tree into
            # exchangelib's cache. Then look it up as any other folder.
            with suppress(ErrorFolderExists):  # made meanwhile by another client: fine
                CreateFolder(account=self.account).get(
                    parent_folder=parent, folders=[Folder(parent=parent, name=name, folder_class="IPF.Note")])
            found = find()
        if not found:
            raise ErrorFolderNotFound(f"no folder named {name!r}")
        return found[0]

    def _resolve(self, path: str, create: bool) -> Any:
        parts = [p for p in path.split("/") if p]
        if parts and parts[0].lower() == "inbox":
            folder, parts = self.account.inbox, parts[1:]
        else:
            folder = self.account.msg_folder_root  # "Top of Information Store", beside the Inbox
        for name in parts:
            folder = self._child(folder, name, create)
        return folder

    def folder(self) -> Any:
        if self._folder is None:
            self._folder = self._resolve(self.settings.folder, create=False)
        return self._folder

    def processed_folder(self) -> Any:
        if self._processed is None:
            self._processed = self._resolve(self.settings.processed_folder, create=True)
        return self._processed

    # -- reading ---------------------------------------------------------------------------------------
    def _fetch(self, item_id: str, changekey: str | None) -> tuple[bytes, dt.datetime] | None:
        [got] = list(self.account.fetch(ids=[(item_id, changekey)], folder=self.folder(),
                                        only_fields=["mime_content", "datetime_received"]))
        if isinstance(got, ErrorItemNotFound):
            return None  # moved or deleted meanwhile
        if isinstance(got, Exception):
            raise got
        received = got.datetime_received
        when = (dt.datetime.fromtimestamp(received.timestamp(), dt.timezone.utc) if received
                else dt.datetime.now(dt.timezone.utc))
        return bytes(got.mime_content), when

    def pending(self) -> Iterator[Incoming]:
        try:
            yield from self._pending()
        except ErrorInvalidSyncStateData:
            # Exchange no longer accepts our state: read the whole folder on the next pass (ledger dedupes).
            log.warning("ews.sync_state_reset")
            self.progress.reset()
        except Exception as exc:
            if _is_transient(exc):
                raise MailboxUnavailable(f"Exchange did not answer ({type(exc).__name__})") from exc
            raise

    def _pending(self) -> Iterator[Incoming]:
        self.progress.start()
        # Items offered before but not marked done (their handling failed): offer them again first.
        for key, received in list(self.progress.outstanding.items()):
            got = self._fetch(key, None)
            if got is None:
                self.progress.forget(key)
                continue
            yield Incoming(source_key=key, raw=got[0], received=received)
        folder = self.folder()
        # Passed explicitly: exchangelib would otherwise fall back to the state it holds in memory.
        folder.item_sync_state = self.progress.position
        for change, item in folder.sync_items(sync_state=self.progress.position, only_fields=["datetime_received"],
                                              max_changes_returned=100):
            # Only creations are new mail; deletes are our own moves, updates are flags and reads.
            if change != "create" or item.id in self.progress.outstanding:
                continue
            got = self._fetch(item.id, item.changekey)
            if got is None:
                continue
            self.progress.offered(item.id, got[1])
            yield Incoming(source_key=item.id, raw=got[0], received=got[1])
        # exchangelib sets this once the generator has run to its end (every page, IncludesLastItemInRange).
        self.progress.finished(folder.item_sync_state)

    def mark_done(self, item: Incoming) -> None:
        try:
            [result] = self.account.bulk_move(ids=[(item.source_key, None)], to_folder=self.processed_folder())
        except Exception as exc:
            if _is_transient(exc):
                raise MailboxUnavailable(f"Exchange did not answer ({type(exc).__name__})") from exc
            raise
        # ErrorItemNotFound: already moved (a retry after a crash between handling and moving).
        if isinstance(result, Exception) and not isinstance(result, ErrorItemNotFound):
            raise result
        self.progress.done(item.source_key)

    # -- waking ----------------------------------------------------------------------------------------
    def _listen(self) -> None:
        while not self._stop.is_set():
            try:
                folder = self.folder()
                sub = folder.subscribe_to_streaming(event_types=WAKE_EVENTS)
                try:
                    for notification in folder.get_streaming_events(sub, connection_timeout=self.stream_minutes):
                        if self._stop.is_set():
                            return
                        if notification.events:
                            self.wake.set()
                finally:
                    try:
                        folder.unsubscribe(sub)
                    except Exception:  # noqa: BLE001 - an expired subscription needs no clean-up
                        pass
            except Exception as exc:  # noqa: BLE001 - the poll covers for the stream while it is down
                log.warning("ews.stream_down %s", type(exc).__name__)
                self._stop.wait(self.settings.poll_seconds)

    def wait(self, timeout: float) -> None:
        if self.streaming and self._listener is None:
            self._listener = threading.Thread(target=self._listen, name="ews-stream", daemon=True)
            self._listener.start()
        self.wake.wait(min(timeout, self.settings.poll_seconds))
        self.wake.clear()

    def drain_wait(self) -> bool:
        """A server hands over whole messages: nothing is ever half-delivered."""
        return False

    def interrupt(self) -> None:
        self.wake.set()

    def close(self) -> None:
        self._stop.set()
        self.wake.set()
        # The listener is a daemon thread blocked in a long HTTP read; it ends with the stream or the process.
        self.account.protocol.close()


class EwsSender:
    name = "ews"

    def __init__(self, settings: EwsSettings, password: str, *, account: Account | None = None,
                 max_wait: float = 30.0) -> None:
        self.account = account or make_account(settings, password, max_wait=max_wait)

    def send(self, envelope_from: str, recipients: list[str], payload: bytes, message_id: str) -> None:
        check_header_recipients(payload, recipients)
        try:
            # CreateItem with the MIME as it is, sent and a copy kept in Sent Items for the team's records.
            Message(account=self.account, folder=self.account.sent, mime_content=payload).send_and_save()
        except Exception as exc:
            if _is_transient(exc):
                raise TemporarySendError(f"Exchange did not take the message ({type(exc).__name__})") from None
            if isinstance(exc, ResponseMessageError):
                raise PermanentSendError(f"Exchange refused the message ({type(exc).__name__})") from None
            raise

    def close(self) -> None:
        pass
