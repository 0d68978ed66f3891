"""A small local server that speaks the part of Microsoft Graph (and its token endpoint) the Graph
backend uses. It is not Microsoft 365: it follows the documented JSON shapes and behaviour
(delta rounds with @odata.nextLink pages ending in @odata.deltaLink, @removed entries, $value MIME,
move giving a new id, MIME sendMail answering 202, 429/503 with Retry-After, a folder's messages listed
with $top, $orderby=receivedDateTime desc and $count=true) so the backend's own HTTP code runs for real
against it. Every request is kept with the time it came (`requests`, `calls(kind)`), and every message
sent with the time it was accepted (`sent_at`).
"""
from __future__ import annotations

import base64
import binascii
import itertools
import json
import re
import secrets
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import requests


@dataclass
class Message:
    id: str
    folder: str
    raw: bytes
    received: str
    seq: int


@dataclass
class Fault:
    status: int
    path_contains: str
    times: int
    retry_after: str | None


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float = field(default_factory=time.monotonic)

    @property
    def kind(self) -> str:
        """'token', 'delta', 'look' (a folder's messages listed), 'mime', 'move', 'send' or 'folders'."""
        path = self.path.split("?")[0]
        if "/oauth2/" in path or "/.well-known/" in path:
            return "token"
        for suffix, kind in (("/delta", "delta"), ("/messages", "look"), ("/$value", "mime"),
                             ("/move", "move"), ("/sendMail", "send")):
            if path.endswith(suffix):
                return kind
        return "folders"


@dataclass
class FakeGraph:
    user: str = "marac@exampleshire.gov.uk"
    tenant: str = "0b7c6a8e-4d1f-4c55-9a3e-2f6d1e9c7a10"
    client_id: str = "5f0e2d4c-3b1a-4e8f-9d7c-6a5b4c3d2e1f"
    client_secret: str = "invented-client-secret"
    page_size: int = 2
    tls: ssl.SSLContext | None = None
    messages: dict[str, Message] = field(default_factory=dict)
    folders: dict[str, dict[str, Any]] = field(default_factory=dict)
    removed: list[tuple[str, str, int]] = field(default_factory=list)  # (folder, message id, seq)
    sent: list[bytes] = field(default_factory=list)
    sent_at: list[float] = field(default_factory=list)  # time.time() when each sendMail was accepted
    requests: list[Request] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)
    token_requests: list[dict[str, list[str]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._seq = itertools.count(1)
        self._lock = threading.RLock()
        self._rounds: dict[str, tuple[list[dict[str, Any]], int]] = {}
        self.folders["AQMkADAwATM0MDAAMS1inbox"] = {"displayName": "Inbox", "parent": "root", "alias": "inbox"}
        self.folders["AQMkADAwATM0MDAAMS1sent"] = {"displayName": "Sent Items", "parent": "root", "alias": "sentitems"}
        handler = type("Handler", (_Handler,), {"graph": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        if self.tls is not None:
            self.server.socket = self.tls.wrap_socket(self.server.socket, server_side=True)
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    # -- the test's side --------------------------------------------------------------------------------
    @property
    def base(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self.server.server_address[1]}"

    @property
    def graph_url(self) -> str:
        return f"{self.base}/v1.0"

    def start(self) -> "FakeGraph":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def deliver(self, raw: bytes, folder: str = "inbox", received: str | None = None) -> str:
        with self._lock:
            seq = next(self._seq)
            mid = "AAMkAGE1M2IyNGNmLTI5MTktNDUyZi1iOTVhLTE3ODQ=" + secrets.token_urlsafe(12)
            self.messages[mid] = Message(mid, self.folder_id(folder), raw,
                                         received or f"2026-11-23T09:{seq // 60:02d}:{seq % 60:02d}Z", seq)
            return mid

    def calls(self, kind: str, since: float = 0.0) -> list[Request]:
        """The requests of one kind (`Request.kind`) that came at or after `since` (time.monotonic())."""
        with self._lock:
            return [r for r in self.requests if r.kind == kind and r.at >= since]

    def fail(self, status: int, path_contains: str = "", times: int = 1, retry_after: str | None = None) -> None:
        """The next `times` Graph requests whose path contains `path_contains` get `status`."""
        self.faults.append(Fault(status, path_contains, times, retry_after))

    def folder_id(self, name_or_id: str) -> str:
        for fid, f in self.folders.items():
            if name_or_id in (fid, f.get("alias")):
                return fid
        raise KeyError(name_or_id)

    def in_folder(self, folder: str) -> list[Message]:
        fid = self.folder_id(folder)
        return [m for m in self.messages.values() if m.folder == fid]

    def folder_named(self, name: str) -> str | None:
        return next((fid for fid, f in self.folders.items() if f["displayName"] == name), None)

    # -- Graph's side -----------------------------------------------------------------------------------
    def _delta(self, folder: str, query: dict[str, list[str]], prefer: str) -> dict[str, Any]:
        fid = self.folder_id(folder)
        size = self.page_size
        if m := re.search(r"odata\.maxpagesize=(\d+)", prefer):
            size = min(size, int(m.group(1)))
        if "$skiptoken" in query:
            round_id, offset = query["$skiptoken"][0].rsplit(".", 1)
            changes, end = self._rounds[round_id]
            start = int(offset)
        else:
            since = int(query.get("$deltatoken", ["0"])[0])
            end = next(self._seq)  # a watermark: everything up to here is in this round
            changes = [{"@odata.type": "#microsoft.graph.message", "id": m.id, "receivedDateTime": m.received}
                       for m in sorted(self.messages.values(), key=lambda m: m.seq)
                       if m.folder == fid and m.seq > since]
            changes += [{"id": mid, "@removed": {"reason": "deleted"}}
                        for f, mid, seq in self.removed if f == fid and since and seq > since]
            round_id, start = secrets.token_hex(6), 0
            self._rounds[round_id] = (changes, end)
        page: dict[str, Any] = {"@odata.context": f"{self.graph_url}/$metadata#Collection(message)",
                                "value": changes[start:start + size]}
        link = f"{self.graph_url}/users/{self.user}/mailFolders/{fid}/messages/delta"
        if start + size < len(changes):
            page["@odata.nextLink"] = f"{link}?$skiptoken={round_id}.{start + size}"
        else:
            page["@odata.deltaLink"] = f"{link}?$deltatoken={end}"
        return page

    def _list(self, folder: str, query: dict[str, list[str]]) -> dict[str, Any]:
        """A folder's messages: newest first (the only $orderby spoken here), $top, $select, $count."""
        fid = self.folder_id(folder)
        order = query.get("$orderby", [""])[0]
        assert order in ("", "receivedDateTime desc"), order
        held = sorted((m for m in self.messages.values() if m.folder == fid),
                      key=lambda m: (m.received, m.seq), reverse=True)
        top = int(query.get("$top", ["10"])[0])
        fields = query.get("$select", ["id,receivedDateTime"])[0].split(",")
        page: dict[str, Any] = {"value": [{k: v for k, v in {"id": m.id, "receivedDateTime": m.received}.items()
                                           if k in fields} for m in held[:top]]}
        if query.get("$count") == ["true"]:
            page["@odata.count"] = len(held)
        return page

    def _move(self, mid: str, body: dict[str, Any]) -> dict[str, Any] | None:
        msg = self.messages.pop(mid, None)
        if msg is None:
            return None
        self.removed.append((msg.folder, mid, next(self._seq)))
        dest = self.folder_id(body["destinationId"])
        moved = Message("AAMkAGE1M2IyNGNmLTI5MTktNDUyZi1iOTVhLTE3ODQ=" + secrets.token_urlsafe(12), dest,
                        msg.raw, msg.received, next(self._seq))
        self.messages[moved.id] = moved
        return {"id": moved.id, "parentFolderId": dest, "receivedDateTime": moved.received}

    def _folders(self, parent: str, query: dict[str, list[str]]) -> dict[str, Any]:
        wanted = None
        if "$filter" in query:
            m = re.fullmatch(r"displayName eq '((?:[^']|'')*)'", query["$filter"][0])
            assert m, query["$filter"]
            wanted = m.group(1).replace("''", "'")
        value = [{"id": fid, "displayName": f["displayName"]} for fid, f in self.folders.items()
                 if f["parent"] == parent and (wanted is None or f["displayName"].lower() == wanted.lower())]
        return {"value": value}

    def _create_folder(self, parent: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if self._folders(parent, {"$filter": [f"displayName eq '{body['displayName']}'"]})["value"]:
            return 409, {"error": {"code": "ErrorFolderExists", "message": "A folder with the specified name already exists."}}
        fid = "AQMkADAwATM0MDAAMS1" + secrets.token_hex(8)
        self.folders[fid] = {"displayName": body["displayName"], "parent": parent}
        return 201, {"id": fid, "displayName": body["displayName"], "parentFolderId": parent}

    def handle(self, method: str, path: str, query: dict[str, list[str]], headers: dict[str, str],
               body: bytes) -> tuple[int, dict[str, str], bytes]:
        with self._lock:
            self.requests.append(Request(method, path + ("?" + "&".join(query) if query else ""), headers, body))
            tenant = f"/{self.tenant}"
            if path == f"{tenant}/v2.0/.well-known/openid-configuration":
                return _json(200, {"issuer": f"{self.base}{tenant}/v2.0",
                                   "authorization_endpoint": f"{self.base}{tenant}/oauth2/v2.0/authorize",
                                   "token_endpoint": f"{self.base}{tenant}/oauth2/v2.0/token"})
            if path == f"{tenant}/oauth2/v2.0/token" and method == "POST":
                form = parse_qs(body.decode())
                self.token_requests.append(form)
                if form.get("client_id") != [self.client_id] or form.get("client_secret") != [self.client_secret]:
                    return _json(401, {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided."})
                token = secrets.token_urlsafe(24)
                self.tokens.add(token)
                return _json(200, {"token_type": "Bearer", "expires_in": 3599, "access_token": token})
            prefix = f"/v1.0/users/{self.user}"
            if not path.startswith(prefix):
                return _json(404, {"error": {"code": "ResourceNotFound", "message": path}})
            if headers.get("authorization", "").removeprefix("Bearer ") not in self.tokens:
                return _json(401, {"error": {"code": "InvalidAuthenticationToken", "message": "Access token is empty."}})
            rest = path[len(prefix):]
            for fault in self.faults:
                if fault.times > 0 and fault.path_contains in rest + "?" + "&".join(query):
                    fault.times -= 1
                    extra = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                    code = {429: "TooManyRequests", 503: "ServiceUnavailable"}.get(fault.status, "ErrorInvalidRequest")
                    status, hdrs, data = _json(fault.status, {"error": {"code": code, "message": "Injected by the test."}})
                    return status, {**hdrs, **extra}, data
            return self._route(method, rest, query, headers, body)

    def _route(self, method: str, rest: str, query: dict[str, list[str]], headers: dict[str, str],
               body: bytes) -> tuple[int, dict[str, str], bytes]:
        parts = [unquote(p) for p in rest.strip("/").split("/")]
        try:
            if parts == ["sendMail"] and method == "POST":
                if not headers.get("content-type", "").startswith("text/plain"):
                    return _json(415, {"error": {"code": "UnsupportedMediaType", "message": "MIME needs text/plain"}})
                try:
                    self.sent.append(base64.b64decode(body, validate=True))
                    self.sent_at.append(time.time())
                except binascii.Error:
                    return _json(400, {"error": {"code": "ErrorMimeContentInvalidBase64String",
                                                 "message": "Invalid base64 string for MIME content."}})
                return 202, {}, b""
            if parts == ["mailFolders"]:
                if method == "POST":
                    return _json(*self._create_folder("root", json.loads(body)))
                return _json(200, self._folders("root", query))
            if len(parts) == 3 and parts[0] == "mailFolders" and parts[2] == "childFolders":
                fid = self.folder_id(parts[1])
                if method == "POST":
                    return _json(*self._create_folder(fid, json.loads(body)))
                return _json(200, self._folders(fid, query))
            if len(parts) == 3 and parts[0] == "mailFolders" and parts[2] == "messages" and method == "GET":
                return _json(200, self._list(parts[1], query))
            if len(parts) == 4 and parts[0] == "mailFolders" and parts[2:] == ["messages", "delta"]:
                return _json(200, self._delta(parts[1], query, headers.get("prefer", "")))
            if len(parts) == 3 and parts[0] == "messages" and parts[2] == "$value":
                msg = self.messages.get(parts[1])
                if msg is None:
                    raise KeyError(parts[1])
                return 200, {"Content-Type": "text/plain"}, msg.raw
            if len(parts) == 3 and parts[0] == "messages" and parts[2] == "move" and method == "POST":
                moved = self._move(parts[1], json.loads(body))
                if moved is None:
                    raise KeyError(parts[1])
                return _json(201, moved)
        except KeyError:
            return _json(404, {"error": {"code": "ErrorItemNotFound", "message": "The specified object was not found in the store."}})
        return _json(400, {"error": {"code": "BadRequest", "message": f"not spoken here: {method} {rest}"}})


def _json(status: int, data: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
    return status, {"Content-Type": "application/json"}, json.dumps(data).encode()


class _Handler(BaseHTTPRequestHandler):
    graph: FakeGraph
    protocol_version = "HTTP/1.1"

    def _serve(self) -> None:
        url = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k.lower(): v for k, v in self.headers.items()}
        status, out_headers, data = self.graph.handle(self.command, unquote(url.path),
                                                      parse_qs(url.query, keep_blank_values=True), headers, body)
        self.send_response(status)
        for k, v in out_headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _serve

    def log_message(self, format: str, *args: Any) -> None:
        pass


def http_token_provider(graph: FakeGraph, session: requests.Session | None = None):  # type: ignore[no-untyped-def]
    """A token provider that skips msal but still asks the token endpoint over HTTP, as msal does."""
    session = session or requests.Session()
    cache: list[str] = []

    def token() -> str:
        if cache:  # like msal, reuse a token until it expires (these last longer than any test)
            return cache[0]
        resp = session.post(f"{graph.base}/{graph.tenant}/oauth2/v2.0/token", timeout=10, data={
            "grant_type": "client_credentials", "client_id": graph.client_id,
            "client_secret": graph.client_secret, "scope": "https://graph.microsoft.com/.default"})
        resp.raise_for_status()
        cache.append(str(resp.json()["access_token"]))
        return cache[0]

    return token
