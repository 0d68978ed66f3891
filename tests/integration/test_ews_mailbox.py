"""The EWS backend (intake/ews.py) at the protocol level, with recorded SOAP responses.

No Exchange server was reached: there is none from here. exchangelib, configured as in production but
with its endpoint at a local HTTP server (tests/ews_server.py), sends its real SOAP requests; the
server answers each with a recorded Exchange 2016 response from tests/fixtures/ews/ (invented data)
and records what was asked. What is tested:

- the first sync (no SyncState) pages until IncludesLastItemInRange, echoing each SyncState back;
  each created item's MIME comes from GetItem; deletes and read-flag changes are ignored;
- the sync state is stored only after a complete pass whose items have all been moved; a connection
  lost mid-pass leaves the old state, the next start re-reads and the message ledger dedupes;
- mark_done sends MoveItem to the processed folder, found by a shallow FindFolder or made once;
- throttling (ErrorServerBusy with BackOffMilliseconds, HTTP 503 with Retry-After) is waited out by
  exchangelib's FaultTolerance policy, not by retries of ours;
- a sync state Exchange no longer accepts makes the next pass read the folder afresh;
- the streaming subscription wakes `wait` before its poll interval;
- EwsSender: CreateItem (SendAndSaveCopy) with exactly our MIME; Exchange's refusal is permanent,
  throttling past max_wait and no connection are temporary.
"""
from __future__ import annotations

import base64
import threading
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Iterator

import pytest

from intake.ews import EwsMailbox, EwsSender
from intake.identity import key_of
from intake.mailbox import Incoming
from intake.network import MailboxUnavailable
from intake.senders.base import PermanentSendError, TemporarySendError
from intake.settings import EwsMailbox as EwsSettings
from marac.store import db, ledger
from marac.store.sync_state import SyncStateStore

from tests.ews_server import FIXTURES, IDS, FakeExchange

STATES = IDS["states"]
IDVA = "idva@idva.exampleshire.gov.uk"


@pytest.fixture
def exchange() -> Iterator[FakeExchange]:
    server = FakeExchange().start()
    yield server
    server.stop()


@pytest.fixture
def conn(tmp_path: Path):  # type: ignore[no-untyped-def]
    c = db.connect(tmp_path / "marac.db")
    yield c
    c.close()


def settings(endpoint: str, **extra: object) -> EwsSettings:
    return EwsSettings.model_validate({
        "backend": "ews", "server": endpoint, "username": "EXAMPLESHIRE\\svc-marac",
        "password": {"env": "MARAC_EWS_PASSWORD"}, "primary_smtp_address": "marac@exampleshire.gov.uk",
        "auth": "basic", "poll_seconds": 30, **extra})


def mailbox(exchange: FakeExchange, conn, **options) -> EwsMailbox:  # type: ignore[no-untyped-def]
    options.setdefault("streaming", False)
    options.setdefault("max_wait", 5)
    return EwsMailbox(settings(exchange.endpoint), "invented-password", SyncStateStore(conn), **options)


def recorded_mime(n: int) -> bytes:
    text = (FIXTURES / f"GetItem_{n}.xml").read_text()
    return base64.b64decode(text.split('CharacterSet="UTF-8">')[1].split("<")[0])


def sync_states_sent(exchange: FakeExchange) -> list[str | None]:
    return [None if (e := r.find("m:SyncState")) is None else e.text for r in exchange.of("SyncFolderItems")]


def handle(conn, item: Incoming) -> str:  # type: ignore[no-untyped-def]
    """The pipeline's exactly-once step: the ledger first, the move after."""
    key = key_of(item.raw)
    if ledger.find(conn, key) is not None:
        return "duplicate"
    with db.transaction(conn):
        ledger.record(conn, mailbox="ews", source_key=item.source_key, key=key, size=len(item.raw),
                      outcome="referral")
    return "new"


def test_first_sync_pages_and_fetches_mime(exchange: FakeExchange, conn) -> None:  # type: ignore[no-untyped-def]
    items = list(mailbox(exchange, conn).pending())
    assert [i.raw for i in items] == [recorded_mime(n) for n in (1, 2, 3)]
    assert [i.source_key for i in items] == [IDS["items"][n] for n in "123"]
    assert items[2].received.isoformat() == "2026-11-23T09:14:07+00:00"
    # No SyncState on the first call; the state of page one echoed back for page two.
    assert sync_states_sent(exchange) == [None, STATES["1"]]
    first = exchange.of("SyncFolderItems")[0]
    assert first.find("m:SyncFolderId/t:DistinguishedFolderId") is not None or first.find("m:SyncFolderId/t:FolderId") is not None
    assert first.find("m:ItemShape/t:BaseShape").text == "IdOnly"
    get = exchange.of("GetItem")[0]
    fields = {f.get("FieldURI") for f in get.findall("m:ItemShape/t:AdditionalProperties/t:FieldURI")}
    assert "item:MimeContent" in fields
    assert exchange.requests[0].headers["authorization"] == "Basic " + base64.b64encode(
        b"EXAMPLESHIRE\\svc-marac:invented-password").decode()


def test_state_stored_only_after_complete_pass_with_everything_moved(exchange: FakeExchange, conn) -> None:  # type: ignore[no-untyped-def]
    store = SyncStateStore(conn)
    box = mailbox(exchange, conn)
    items = list(box.pending())  # read to the end before the service handles the batch
    assert store.get(box.name) is None
    box.mark_done(items[0])
    box.mark_done(items[1])
    assert store.get(box.name) is None  # one still outstanding: a crash now must not skip it
    box.mark_done(items[2])
    assert store.get(box.name) == STATES["2"]

    moves = exchange.of("MoveItem")
    assert {m.find("m:ToFolderId/t:FolderId").get("Id") for m in moves} == {IDS["folders"]["processed"]}
    assert [m.find("m:ItemIds/t:ItemId").get("Id") for m in moves] == [IDS["items"][n] for n in "123"]
    # The processed folder: looked up by name under the top of the mailbox, made once, then remembered.
    assert len(exchange.of("CreateFolder")) == 1 and len(exchange.of("FindFolder")) == 2
    create = exchange.of("CreateFolder")[0]
    assert create.find("m:Folders/t:Folder/t:DisplayName").text == "MARAC Processed"
    assert create.find("m:ParentFolderId/t:DistinguishedFolderId").get("Id") == "msgfolderroot"
    find = exchange.of("FindFolder")[0]
    assert find.body.get("Traversal") == "Shallow"
    assert find.find("m:Restriction/t:IsEqualTo/t:FieldURIOrConstant/t:Constant").get("Value") == "MARAC Processed"

    # The next pass starts from the stored state; our moves (deletes) and read flags are not new mail.
    again = list(box.pending())
    assert [i.raw for i in again] == [recorded_mime(4)]
    assert sync_states_sent(exchange)[-1] == STATES["2"]
    box.mark_done(again[0])
    assert store.get(box.name) == STATES["3"]


def test_connection_lost_mid_pass_keeps_old_state_and_ledger_dedupes(exchange: FakeExchange, conn) -> None:  # type: ignore[no-untyped-def]
    store = SyncStateStore(conn)
    exchange.fail_sync_after = STATES["1"]  # page two never answers
    box = mailbox(exchange, conn, max_wait=1)
    outcomes = []
    with pytest.raises(MailboxUnavailable):
        for item in box.pending():
            outcomes.append(handle(conn, item))  # handled, then the pass dies before the moves
    assert outcomes == ["new", "new"] and store.get(box.name) is None

    exchange.fail_sync_after = None
    restarted = mailbox(exchange, conn)  # a new process: only what was stored survives
    outcomes = []
    for item in restarted.pending():
        outcomes.append(handle(conn, item))
        restarted.mark_done(item)
    assert outcomes == ["duplicate", "duplicate", "new"]
    assert store.get(restarted.name) == STATES["2"]
    assert conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 3
    assert sorted(exchange.moved) == ["1", "2", "3"]


def test_message_not_marked_done_is_offered_again(exchange: FakeExchange, conn) -> None:  # type: ignore[no-untyped-def]
    box = mailbox(exchange, conn)
    first, _second, third = box.pending()
    box.mark_done(first)
    box.mark_done(third)  # the second one's handling failed
    again = list(box.pending())
    assert [i.raw for i in again][:1] == [recorded_mime(2)]
    for item in again:
        box.mark_done(item)
    assert SyncStateStore(conn).get(box.name) == STATES["3"]


def test_already_moved_is_not_an_error(exchange: FakeExchange, conn) -> None:  # type: ignore[no-untyped-def]
    box = mailbox(exchange, conn)
    items = list(box.pending())
    box.mark_done(items[0])
    box.mark_done(items[0])  # a retry after a crash between handling and moving
    assert len(exchange.of("MoveItem")) == 2 and len(exchange.moved) == 1


def test_throttling_is_waited_out_by_exchangelib(exchange: FakeExchange, conn) -> None:  # type: ignore[no-untyped-def]
    exchange.busy["GetItem"] = 1  # ErrorServerBusy, BackOffMilliseconds 1000
    exchange.http_503["SyncFolderItems"] = 1  # HTTP 503, Retry-After: 1
    started = time.monotonic()
    items = list(mailbox(exchange, conn).pending())
    assert len(items) == 3
    assert time.monotonic() - started >= 2.0  # both back-offs honoured
    assert len(exchange.of("GetItem")) == 4 and len(exchange.of("SyncFolderItems")) == 3


def test_rejected_sync_state_reads_the_folder_afresh(exchange: FakeExchange, conn) -> None:  # type: ignore[no-untyped-def]
    store = SyncStateStore(conn)
    box = mailbox(exchange, conn)
    store.put(box.name, "H4sIAAAAAAAEAAsJCnUOcnUBAHS3bF4GAAAA")
    box = mailbox(exchange, conn)
    assert list(box.pending()) == []  # ErrorInvalidSyncStateData
    assert len(list(box.pending())) == 3
    assert sync_states_sent(exchange)[1] is None


def test_streaming_subscription_wakes_wait(exchange: FakeExchange, conn) -> None:  # type: ignore[no-untyped-def]
    box = mailbox(exchange, conn, streaming=True)
    box.wait(0.2)  # starts the listener
    deadline = time.monotonic() + 10
    while not exchange.of("GetStreamingEvents") and time.monotonic() < deadline:
        time.sleep(0.05)
    # While the stream holds its connection open, a sync still goes through on another one.
    reader = threading.Thread(target=lambda: list(box.pending()), daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "the sync waited behind the open stream"

    threading.Timer(1.0, exchange.push.set).start()
    started = time.monotonic()
    box.wait(60)  # poll_seconds is 30: returning in seconds means the stream woke it
    took = time.monotonic() - started
    box.close()
    assert 0.9 <= took < 10
    sub = exchange.of("Subscribe")[0]
    assert {e.text for e in sub.findall("m:StreamingSubscriptionRequest/t:EventTypes/t:EventType")} == {
        "NewMailEvent", "CreatedEvent"}
    assert sub.find("m:StreamingSubscriptionRequest/t:FolderIds/t:DistinguishedFolderId") is not None or \
        sub.find("m:StreamingSubscriptionRequest/t:FolderIds/t:FolderId") is not None


def idva_copy(to: str = IDVA) -> bytes:
    msg = EmailMessage()
    msg["From"] = "marac@exampleshire.gov.uk"
    msg["To"] = to
    msg["Subject"] = "MARAC referral EX-2026-0042 (IDVA copy)"
    msg["Message-ID"] = "<idva-copy-42@exampleshire.gov.uk>"
    msg.set_content("Invented IDVA copy for the EWS tests.\n")
    return msg.as_bytes()


def sender(endpoint: str, max_wait: float = 5) -> EwsSender:
    return EwsSender(settings(endpoint), "invented-password", max_wait=max_wait)


def test_send_creates_item_with_our_mime(exchange: FakeExchange) -> None:
    payload = idva_copy()
    sender(exchange.endpoint).send("marac@exampleshire.gov.uk", [IDVA], payload, "<idva-copy-42@exampleshire.gov.uk>")
    assert exchange.sent == [payload]
    create = exchange.of("CreateItem")[0]
    assert create.body.get("MessageDisposition") == "SendAndSaveCopy"
    assert create.find("m:SavedItemFolderId/t:DistinguishedFolderId").get("Id") == "sentitems"


def test_send_refused_by_exchange_is_permanent(exchange: FakeExchange) -> None:
    exchange.refuse_send = True
    with pytest.raises(PermanentSendError):
        sender(exchange.endpoint).send("marac@exampleshire.gov.uk", [IDVA], idva_copy(), "<x@y>")


def test_send_throttled_past_max_wait_is_temporary(exchange: FakeExchange) -> None:
    exchange.busy["CreateItem"] = 5  # asks for 1 s each time; we allow only half a second in all
    with pytest.raises(TemporarySendError):
        sender(exchange.endpoint, max_wait=0.5).send("marac@exampleshire.gov.uk", [IDVA], idva_copy(), "<x@y>")
    assert exchange.sent == []


def test_send_without_a_server_is_temporary(exchange: FakeExchange) -> None:
    s = sender(exchange.endpoint, max_wait=1)
    exchange.stop()
    with pytest.raises(TemporarySendError):
        s.send("marac@exampleshire.gov.uk", [IDVA], idva_copy(), "<x@y>")


def test_send_refuses_headers_naming_other_addresses(exchange: FakeExchange) -> None:
    with pytest.raises(PermanentSendError):
        sender(exchange.endpoint).send("marac@exampleshire.gov.uk", [IDVA], idva_copy("someone@example.com"), "<x@y>")
    assert exchange.of("CreateItem") == []


def test_account_settings_for_each_auth() -> None:
    from exchangelib import BASIC, DELEGATE, IMPERSONATION, NTLM, OAUTH2

    from intake.ews import make_account

    # No request is made while the account is set up (the version is fixed: no autodiscover, no guessing).
    ntlm = make_account(settings("exchange.exampleshire.local", auth="ntlm"), "pw")
    assert ntlm.protocol.service_endpoint == "https://exchange.exampleshire.local/EWS/Exchange.asmx"
    assert ntlm.protocol.auth_type == NTLM and ntlm.access_type == DELEGATE
    assert make_account(settings("http://127.0.0.1:9/EWS/Exchange.asmx"), "pw").protocol.auth_type == BASIC
    with pytest.raises(ValueError, match="tenant"):
        make_account(settings("exchange.exampleshire.local", auth="oauth2"), "secret")
    oauth = make_account(settings("exchange.exampleshire.local", auth="oauth2"), "secret",
                         tenant_id="0b7c6a8e-4d1f-4c55-9a3e-2f6d1e9c7a10")
    assert oauth.protocol.auth_type == OAUTH2 and oauth.access_type == IMPERSONATION
    assert oauth.protocol.credentials.client_id == "EXAMPLESHIRE\\svc-marac"
