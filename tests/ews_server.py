"""A local HTTP endpoint that answers exchangelib's SOAP requests with recorded Exchange 2016 responses.

It is not Exchange. The answers are the XML files under tests/fixtures/ews (invented data in the shape
Exchange 2016 CU23 gives); this module only picks which file answers which request, keeping the little
state a mailbox has (which items were moved, whether the processed folder exists), and records every
request so the tests can check what exchangelib sent.
"""
from __future__ import annotations

import base64
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from lxml import etree

FIXTURES = Path(__file__).parent / "fixtures" / "ews"
IDS: dict[str, dict[str, str]] = json.loads((FIXTURES / "ids.json").read_text())
M = "{http://schemas.microsoft.com/exchange/services/2006/messages}"
T = "{http://schemas.microsoft.com/exchange/services/2006/types}"


@dataclass
class SoapRequest:
    op: str
    body: Any  # the operation's element (lxml)
    headers: dict[str, str]

    def find(self, path: str) -> Any:
        return self.body.find(path.replace("m:", M).replace("t:", T))

    def findall(self, path: str) -> list[Any]:
        return self.body.findall(path.replace("m:", M).replace("t:", T))


@dataclass
class FakeExchange:
    requests: list[SoapRequest] = field(default_factory=list)
    moved: dict[str, str] = field(default_factory=dict)  # item number -> destination folder id
    processed_exists: bool = False
    refuse_send: bool = False
    sent: list[bytes] = field(default_factory=list)
    busy: dict[str, int] = field(default_factory=dict)  # op -> how many ErrorServerBusy faults to give
    http_503: dict[str, int] = field(default_factory=dict)  # op -> how many HTTP 503s (Retry-After: 1)
    fail_sync_after: str | None = None  # answer SyncFolderItems with this state by dropping the connection

    def __post_init__(self) -> None:
        self.push = threading.Event()  # set by a test to send a NewMailEvent down the stream
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), type("H", (_Handler,), {"exchange": self}))
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/EWS/Exchange.asmx"

    def start(self) -> "FakeExchange":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.push.set()
        self.server.shutdown()
        self.server.server_close()

    def ops(self) -> list[str]:
        return [r.op for r in self.requests]

    def of(self, op: str) -> list[SoapRequest]:
        return [r for r in self.requests if r.op == op]

    # -- choosing the recorded answer --------------------------------------------------------------------
    @staticmethod
    def _item_number(item_id: str) -> str:
        return next(n for n, i in IDS["items"].items() if i == item_id)

    def answer(self, req: SoapRequest) -> tuple[int, dict[str, str], str | None]:
        with self._lock:
            if self.http_503.get(req.op):
                self.http_503[req.op] -= 1
                return 503, {"Retry-After": "1"}, None
            if self.busy.get(req.op):
                self.busy[req.op] -= 1
                return 500, {}, "Fault_ErrorServerBusy.xml"
            return 200, {}, self._fixture(req)

    def _fixture(self, req: SoapRequest) -> str | None:
        if req.op == "GetFolder":
            return f"GetFolder_{req.find('m:FolderIds/t:DistinguishedFolderId').get('Id')}.xml"
        if req.op == "SyncFolderItems":
            state_elem = req.find("m:SyncState")
            state = None if state_elem is None else state_elem.text
            if state is not None and state == self.fail_sync_after:
                return None  # the connection drops mid-pass
            by_state = {None: 1, IDS["states"]["1"]: 2, IDS["states"]["2"]: 3, IDS["states"]["3"]: 4}
            page = by_state.get(state)
            names = {1: "1_first_page", 2: "2_last_page", 3: "3_new_mail", 4: "4_no_changes"}
            return f"SyncFolderItems_{names[page]}.xml" if page else "SyncFolderItems_invalid_state.xml"
        if req.op == "GetItem":
            n = self._item_number(req.find("m:ItemIds/t:ItemId").get("Id"))
            return "GetItem_not_found.xml" if n in self.moved else f"GetItem_{n}.xml"
        if req.op == "MoveItem":
            n = self._item_number(req.find("m:ItemIds/t:ItemId").get("Id"))
            if n in self.moved:
                return "MoveItem_not_found.xml"
            self.moved[n] = req.find("m:ToFolderId/t:FolderId").get("Id")
            return f"MoveItem_{n}.xml"
        if req.op == "FindFolder":
            return "FindFolder_processed.xml" if self.processed_exists else "FindFolder_none.xml"
        if req.op == "CreateFolder":
            self.processed_exists = True
            return "CreateFolder_processed.xml"
        if req.op == "CreateItem":
            if self.refuse_send:
                return "CreateItem_invalid_recipients.xml"
            self.sent.append(base64.b64decode(req.find("m:Items/t:Message/t:MimeContent").text))
            return "CreateItem_sent.xml"
        if req.op in ("Subscribe", "Unsubscribe"):
            return "Subscribe_streaming.xml" if req.op == "Subscribe" else "Unsubscribe.xml"
        raise AssertionError(f"no recorded answer for {req.op}")


class _Handler(BaseHTTPRequestHandler):
    exchange: FakeExchange
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        envelope = etree.fromstring(raw)
        op_elem = envelope.find("{http://schemas.xmlsoap.org/soap/envelope/}Body")[0]
        req = SoapRequest(etree.QName(op_elem).localname, op_elem, {k.lower(): v for k, v in self.headers.items()})
        self.exchange.requests.append(req)
        if req.op == "GetStreamingEvents":
            return self._stream()
        status, headers, name = self.exchange.answer(req)
        if name is None and status == 200:
            self.close_connection = True  # a connection lost mid-request
            self.connection.shutdown(2)
            return
        data = b"" if name is None else (FIXTURES / name).read_bytes()
        self.send_response(status)
        for k, v in {"Content-Type": "text/xml; charset=utf-8", **headers}.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):X}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _stream(self) -> None:
        # Exchange keeps a GetStreamingEvents response open and writes one SOAP document per notification.
        self.send_response(200)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.exchange.push.wait(30)
        self.exchange.push.clear()
        self._chunk((FIXTURES / "GetStreamingEvents_new_mail.xml").read_bytes())
        self._chunk((FIXTURES / "GetStreamingEvents_closed.xml").read_bytes())
        self.wfile.write(b"0\r\n\r\n")
        self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        pass
