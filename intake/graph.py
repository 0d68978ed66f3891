"""Exchange Online through Microsoft Graph: delta query on a mail folder, MIME download, move, sendMail.

Authentication is the client-credentials flow (an app registration with Mail.ReadWrite and Mail.Send
application permissions, limited to the MARAC mailbox by an application access policy). msal gets and
caches the token; `token_provider` can be swapped so tests talk to a local server instead.

Throttling: Graph answers 429 (and 503 when busy) with Retry-After in seconds. Each request waits that
long and tries again, a bounded number of times; a wait longer than `max_wait` is not sat out here (the
daemon would stop answering): the error goes up and the caller tries again on its next pass. Between
passes the daemon waits in `graph_wake.Wake`: a cheap look at the folder every `wake_seconds`, the delta
query only when the look saw a change or `poll_seconds` have passed.
"""
from __future__ import annotations

import base64
import datetime as dt
import email.utils
import time
from typing import Any, Callable, Iterator
from urllib.parse import quote

import requests

from .graph_wake import Fingerprint, Wake, request_log
from .mailbox import HEAD_BYTES, Incoming
from .network import MailboxUnavailable
from .remote import Progress, StateStore, check_header_recipients
from .senders.base import PermanentSendError, TemporarySendError
from .settings import GraphMailbox as GraphSettings

TokenProvider = Callable[[], str]
SCOPE = "https://graph.microsoft.com/.default"
RETRY_STATUSES = {429, 503, 504}
# Folders Graph knows by a well-known name; anything else is looked up by display name.
WELL_KNOWN = {"inbox", "archive", "junkemail", "deleteditems", "drafts", "sentitems"}


class GraphError(MailboxUnavailable):
    def __init__(self, message: str, status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after  # seconds Graph asked us to stay away (429/503), if it did


def msal_token_provider(settings: GraphSettings, client_secret: str | dict[str, Any],
                        verify: bool | str = True) -> TokenProvider:
    """Tokens from Microsoft Entra ID (or whatever `authority_url` names) by the client-credentials flow."""
    import msal  # only the Graph backend needs it

    apps: list[Any] = []

    def token() -> str:
        if not apps:
            # Made on first use: msal reads the authority's metadata over the network as it is built, and
            # the daemon must start (and keep trying) while the network is away.
            try:
                apps.append(msal.ConfidentialClientApplication(
                    settings.client_id, client_credential=client_secret,
                    authority=f"{settings.authority_url.rstrip('/')}/{settings.tenant_id}",
                    # The authority comes from our own configuration: nothing to discover about it.
                    instance_discovery=False, verify=verify))
            except (ValueError, requests.RequestException) as exc:
                raise GraphError(f"cannot reach the sign-in service ({type(exc).__name__})") from None
        # msal answers from its cache until the token is close to expiry.
        result = apps[0].acquire_token_for_client(scopes=[SCOPE])
        if "access_token" not in result:
            raise GraphError(f"no Graph token: {result.get('error')} ({result.get('error_description', '')[:200]})")
        return str(result["access_token"])

    return token


def _retry_after(resp: requests.Response, attempt: int) -> float:
    value = resp.headers.get("Retry-After")
    if value:
        try:
            return max(0.0, float(value))
        except ValueError:
            pass
        try:
            when = email.utils.parsedate_to_datetime(value)  # the HTTP-date form
            return max(0.0, (when - dt.datetime.now(dt.timezone.utc)).total_seconds())
        except (TypeError, ValueError):
            pass  # unreadable: back off as if no hint were given
    return min(30.0, 2.0 ** attempt)  # no hint given: back off a little more each time


class GraphClient:
    def __init__(self, settings: GraphSettings, token_provider: TokenProvider,
                 session: requests.Session | None = None, *, max_attempts: int = 4, max_wait: float = 60.0,
                 timeout: float = 60.0, sleep: Callable[[float], None] = time.sleep) -> None:
        self.base = settings.graph_url.rstrip("/")
        self.user_path = f"/users/{quote(settings.user, safe='@')}"
        self.token_provider = token_provider
        self.session = session or requests.Session()
        self.max_attempts = max_attempts
        self.max_wait = max_wait
        self.timeout = timeout
        self.sleep = sleep
        self.log = request_log(f"{self.base}{self.user_path}")  # shared with the other client of this mailbox

    def url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else f"{self.base}{self.user_path}{path}"

    def request(self, method: str, path: str, *, ok: tuple[int, ...] = (200,), attempts: int | None = None,
                timeout: float | None = None, **kwargs: Any) -> requests.Response:
        """One Graph call; 429/503/504 waited out (Retry-After) up to `attempts` (`max_attempts`) tries in all."""
        headers = dict(kwargs.pop("headers", {}))
        attempts = attempts or self.max_attempts
        for attempt in range(1, attempts + 1):
            try:
                headers["Authorization"] = f"Bearer {self.token_provider()}"
                self.log.add()
                resp = self.session.request(method, self.url(path), headers=headers,
                                            timeout=timeout or self.timeout, **kwargs)
            except requests.RequestException as exc:
                raise GraphError(f"cannot reach Graph ({type(exc).__name__})") from None
            if resp.status_code in ok:
                return resp
            wait = None
            if resp.status_code in RETRY_STATUSES:
                wait = _retry_after(resp, attempt)
                self.log.hold(wait)  # the wake-up does not look before Graph's time has passed
                if attempt < attempts and wait <= self.max_wait:
                    self.sleep(wait)
                    continue
            raise GraphError(f"Graph answered {resp.status_code} to {method} {path.split('?')[0][:80]}: "
                             f"{_error_code(resp)}", resp.status_code, wait)
        raise AssertionError("unreachable")


def _error_code(resp: requests.Response) -> str:
    try:
        return str(resp.json()["error"]["code"])
    except (ValueError, KeyError, TypeError):
        return resp.reason or ""


class GraphMailbox:
    def __init__(self, settings: GraphSettings, client_secret: str | dict[str, Any], state_store: StateStore,
                 session: requests.Session | None = None, token_provider: TokenProvider | None = None,
                 max_message_bytes: int | None = None, **client_options: Any) -> None:
        self.settings = settings
        self.max_message_bytes = max_message_bytes
        self.name = f"graph:{settings.user}/{settings.folder}"
        self.client = GraphClient(settings, token_provider or msal_token_provider(settings, client_secret),
                                  session, **client_options)
        self.progress = Progress(state_store, self.name)
        self.wake = Wake(self.client, self._look, settings.wake_seconds, settings.poll_seconds)
        self._processed_id: str | None = None
        self._folder_id: str | None = None

    # -- folders ---------------------------------------------------------------------------------------
    def _find_or_create(self, path: str, create: bool) -> str:
        """A folder's id from a path like "Inbox" or "MARAC Processed" or "Inbox/Referrals"."""
        parent: str | None = None
        for name in [p for p in path.split("/") if p]:
            if parent is None and name.lower() in WELL_KNOWN:
                parent = name.lower()
                continue
            listing = "/mailFolders" if parent is None else f"/mailFolders/{quote(parent, safe='')}/childFolders"
            escaped = name.replace("'", "''")  # OData string literal
            found = self.client.request("GET", listing, params={"$filter": f"displayName eq '{escaped}'",
                                                                "$select": "id,displayName"}).json()["value"]
            if found:
                parent = str(found[0]["id"])
            elif create:
                made = self.client.request("POST", listing, json={"displayName": name}, ok=(200, 201))
                parent = str(made.json()["id"])
            else:
                raise GraphError(f"the mail folder {path!r} does not exist", 404)
        if parent is None:
            raise GraphError("no mail folder named")
        return parent

    def processed_folder_id(self) -> str:
        if self._processed_id is None:
            self._processed_id = self._find_or_create(self.settings.processed_folder, create=True)
        return self._processed_id

    def folder_id(self) -> str:
        if self._folder_id is None:
            self._folder_id = self._find_or_create(self.settings.folder, create=False)
        return self._folder_id

    # -- reading ---------------------------------------------------------------------------------------
    def _first_link(self) -> str:
        self._folder_id = None  # a new round: the folder may have been renamed or made again meanwhile
        folder = quote(self.folder_id(), safe="")
        return self.client.url(f"/mailFolders/{folder}/messages/delta?$select=id,receivedDateTime")

    def _look(self) -> Fingerprint:
        """The folder's message count and newest message: one request, for the wake-up (graph_wake)."""
        folder = quote(self.folder_id(), safe="")
        try:
            # One try, a short timeout: a throttled look is not retried but delays the next (Wake).
            page = self.client.request("GET", f"/mailFolders/{folder}/messages", attempts=1, timeout=10.0, params={
                "$top": "1", "$select": "id,receivedDateTime", "$orderby": "receivedDateTime desc",
                "$count": "true"}).json()
        except GraphError as exc:
            if exc.status == 404:
                self._folder_id = None
            raise
        top = page.get("value") or [{}]
        count = page.get("@odata.count")
        return (int(count) if count is not None else None), top[0].get("id")

    def _download(self, message_id: str) -> tuple[bytes, int | None, bool] | None:
        """(bytes, stated size, truncated): streamed, and stopped past `max_message_bytes` so a huge
        message is never held whole (only its start, enough for the headers, is kept)."""
        resp = self.client.request("GET", f"/messages/{quote(message_id, safe='')}/$value", ok=(200, 404),
                                   stream=True)
        if resp.status_code == 404:
            return None  # moved or deleted meanwhile
        limit = self.max_message_bytes
        stated = int(resp.headers["Content-Length"]) if resp.headers.get("Content-Length", "").isdigit() else None
        chunks: list[bytes] = []
        total = 0
        try:
            for chunk in resp.iter_content(1 << 20):
                chunks.append(chunk)
                total += len(chunk)
                if limit is not None and total > limit:
                    return b"".join(chunks)[:HEAD_BYTES], max(stated or 0, total), True
        finally:
            resp.close()
        return b"".join(chunks), stated, False

    def _incoming(self, key: str, received: dt.datetime) -> Incoming | None:
        got = self._download(key)
        if got is None:
            return None
        raw, size, truncated = got
        return Incoming(source_key=key, raw=raw, received=received, size=size if truncated else None,
                        truncated=truncated)

    def pending(self) -> Iterator[Incoming]:
        try:
            yield from self._pending()
        except GraphError:
            self.wake.forget()  # the pass did not finish: what the last look saw may never have been read
            raise

    def _pending(self) -> Iterator[Incoming]:
        self.progress.start()
        # Messages offered before but not marked done (their handling failed): offer them again first.
        for key, received in list(self.progress.outstanding.items()):
            incoming = self._incoming(key, received)
            if incoming is None:
                self.progress.forget(key)
                continue
            yield incoming
        link = self.progress.position or self._first_link()
        while True:
            try:
                page = self.client.request("GET", link, headers={"Prefer": "odata.maxpagesize=50"}).json()
            except GraphError as exc:
                if exc.status == 410:  # the delta token expired or the folder was reset: start again
                    self.progress.reset()
                    link = self._first_link()
                    continue
                raise
            changed = [m for m in page.get("value", []) if "@removed" not in m
                       and m["id"] not in self.progress.outstanding]
            # Graph gives no order within a page; the pipeline wants the oldest first.
            changed.sort(key=lambda m: str(m.get("receivedDateTime", "")))
            for m in changed:
                received = _parse_time(m.get("receivedDateTime"))
                incoming = self._incoming(m["id"], received)
                if incoming is None:
                    continue
                self.progress.offered(m["id"], received)
                yield incoming
            if "@odata.nextLink" in page:
                link = page["@odata.nextLink"]
                continue
            self.progress.finished(page["@odata.deltaLink"])
            return

    def mark_done(self, item: Incoming) -> None:
        # 404: already moved (a retry after a crash between handling and moving); nothing to do.
        self.client.request("POST", f"/messages/{quote(item.source_key, safe='')}/move",
                            json={"destinationId": self.processed_folder_id()}, ok=(200, 201, 404))
        self.progress.done(item.source_key)

    def wait(self, timeout: float) -> None:
        # Graph's push (change notifications) needs a public HTTPS endpoint, which a daemon behind the
        # council's firewall does not have: a cheap look every wake_seconds is the wake-up.
        self.wake.wait(timeout)

    def drain_wait(self) -> bool:
        """A server hands over whole messages: nothing is ever half-delivered."""
        return False

    def interrupt(self) -> None:
        self.wake.interrupt()

    def close(self) -> None:
        self.client.session.close()


def _parse_time(value: str | None) -> dt.datetime:
    if not value:
        return dt.datetime.now(dt.timezone.utc)
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


class GraphSender:
    name = "graph"

    def __init__(self, settings: GraphSettings, client_secret: str | dict[str, Any],
                 session: requests.Session | None = None,
                 token_provider: TokenProvider | None = None, **client_options: Any) -> None:
        # One quick retry only: longer outages are the outbox's job (it reschedules with back-off).
        client_options.setdefault("max_attempts", 2)
        self.client = GraphClient(settings, token_provider or msal_token_provider(settings, client_secret),
                                  session, **client_options)

    def send(self, envelope_from: str, recipients: list[str], payload: bytes, message_id: str) -> None:
        check_header_recipients(payload, recipients)
        try:
            # Graph's MIME send: the whole message, base64, as a text/plain body. It is saved in Sent Items.
            self.client.request("POST", "/sendMail", data=base64.b64encode(payload),
                                headers={"Content-Type": "text/plain"}, ok=(202,))
        except GraphError as exc:
            status = exc.status
            # 401: the token was refused (expired, or a secret being rotated): worth trying again later.
            if status is not None and 400 <= status < 500 and status not in (401, 408, 429):
                raise PermanentSendError(f"Graph refused the message ({status})") from None
            raise TemporarySendError(f"Graph did not take the message ({status or 'no answer'})") from None

    def close(self) -> None:
        self.client.session.close()
