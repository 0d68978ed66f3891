"""The Microsoft Graph backend (intake/graph.py) against a local server that speaks Graph's JSON.

No Microsoft 365 tenant was reached: there is none from here. tests/graph_server.py plays Graph and its
token endpoint on 127.0.0.1, following the documented shapes (delta rounds of @odata.nextLink pages
ending in an @odata.deltaLink, @removed entries, $value MIME, move, MIME sendMail answering 202,
429/503 with Retry-After). The backend's real HTTP code, and in one test msal itself over TLS, talk
to it. What is tested:

- new messages are offered once across passes, oldest first, paging through nextLinks;
- the delta link is stored only after a complete pass whose messages have all been moved; a failure
  mid-pages leaves the old link, the next start re-reads from it and the message ledger dedupes;
- a message whose handling failed is offered again on the next pass;
- mark_done moves the message to the processed folder (created once if missing);
- 429 and 503 wait for Retry-After, a bounded number of times;
- sendMail carries exactly the MIME we gave (base64, text/plain); 4xx is refused for good,
  5xx/429/no connection are temporary; headers naming other addresses are refused before sending.
The wake-up between passes (a one-item look at the folder every wake_seconds) is tested in
test_graph_wake.py.
"""
from __future__ import annotations

import ssl
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Iterator

import pytest

from intake.graph import GraphError, GraphMailbox, GraphSender, msal_token_provider
from intake.identity import key_of
from intake.mailbox import Incoming
from intake.senders.base import PermanentSendError, TemporarySendError
from intake.settings import GraphMailbox as GraphSettings
from marac.store import db, ledger
from marac.store.sync_state import SyncStateStore

from tests.graph_server import FakeGraph, http_token_provider

IDVA = "idva@idva.exampleshire.gov.uk"


def mail(n: int, to: str = "marac@exampleshire.gov.uk") -> bytes:
    msg = EmailMessage()
    msg["From"] = "referrals@exampleshire.police.uk"
    msg["To"] = to
    msg["Subject"] = f"MARAC referral {n}"
    msg["Message-ID"] = f"<referral-{n}@exampleshire.police.uk>"
    msg.set_content(f"Invented referral number {n}.\n")
    return msg.as_bytes()


def settings(graph: FakeGraph, **extra: object) -> GraphSettings:
    return GraphSettings.model_validate({
        "backend": "graph", "tenant_id": graph.tenant, "client_id": graph.client_id,
        "client_secret": {"env": "MARAC_GRAPH_SECRET"}, "user": graph.user, "graph_url": graph.graph_url,
        "authority_url": graph.base, "poll_seconds": 0.2, **extra})


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    server = FakeGraph().start()
    yield server
    server.stop()


@pytest.fixture
def conn(tmp_path: Path):  # type: ignore[no-untyped-def]
    c = db.connect(tmp_path / "marac.db")
    yield c
    c.close()


def open_mailbox(graph: FakeGraph, conn, sleeps: list[float] | None = None, **options) -> GraphMailbox:  # type: ignore[no-untyped-def]
    sleep = (lambda s: sleeps.append(s)) if sleeps is not None else time.sleep
    return GraphMailbox(settings(graph), graph.client_secret, SyncStateStore(conn),
                        token_provider=http_token_provider(graph), sleep=sleep, **options)


def handle(conn, box: GraphMailbox, item: Incoming) -> str:  # type: ignore[no-untyped-def]
    """What the pipeline does with respect to exactly-once: the ledger first, then the move."""
    key = key_of(item.raw)
    if ledger.find(conn, key) is not None:
        return "duplicate"
    with db.transaction(conn):
        ledger.record(conn, mailbox=box.name, source_key=item.source_key, key=key, size=len(item.raw),
                      outcome="referral")
    return "new"


def subjects(items: list[Incoming]) -> list[str]:
    return [i.raw.split(b"Subject: ")[1].split(b"\n")[0].decode().strip() for i in items]


def test_new_messages_offered_once_oldest_first_across_pages(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    for n in range(5):
        graph.deliver(mail(n))
    box = open_mailbox(graph, conn)
    items = list(box.pending())
    assert subjects(items) == [f"MARAC referral {n}" for n in range(5)]
    assert items[0].received.isoformat() == "2026-11-23T09:00:01+00:00"
    deltas = [r for r in graph.requests if r.path.endswith("delta") or "delta?" in r.path]
    assert len(deltas) == 3  # 2 + 2 + 1 with the server's page size of 2
    for item in items:
        box.mark_done(item)
    assert graph.in_folder("inbox") == []
    processed = graph.folder_named("MARAC Processed")
    assert processed is not None and len([m for m in graph.messages.values() if m.folder == processed]) == 5
    assert list(box.pending()) == []
    graph.deliver(mail(5))
    again = list(box.pending())
    assert subjects(again) == ["MARAC referral 5"]
    box.mark_done(again[0])
    # The processed folder was made once, then remembered.
    assert [r.method for r in graph.requests if r.path.startswith("/v1.0/users/" + graph.user + "/mailFolders?")
            or r.path.endswith("/mailFolders")].count("POST") == 1


def test_delta_link_stored_only_after_complete_pass_with_everything_moved(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    store = SyncStateStore(conn)
    for n in range(3):
        graph.deliver(mail(n))
    box = open_mailbox(graph, conn)
    items = list(box.pending())  # the feed is read to its end before the service handles the batch
    assert len(items) == 3 and store.get(box.name) is None
    box.mark_done(items[0])
    box.mark_done(items[1])
    assert store.get(box.name) is None  # one still outstanding: a crash now must not skip it
    box.mark_done(items[2])
    link = store.get(box.name)
    assert link is not None and "$deltatoken=" in link


def test_failure_mid_pages_restarts_from_old_link_and_ledger_dedupes(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    store = SyncStateStore(conn)
    box = open_mailbox(graph, conn)
    for n in range(2):
        graph.deliver(mail(n))
    for item in box.pending():
        handle(conn, box, item)
        box.mark_done(item)
    first_link = store.get(box.name)
    assert first_link is not None

    for n in range(2, 6):
        graph.deliver(mail(n))
    graph.fail(500, path_contains="skiptoken")  # the second page of this round fails
    handled: list[str] = []
    with pytest.raises(GraphError):
        for item in box.pending():
            # Handled (recorded in the ledger) but the daemon dies before moving them.
            handled.append(handle(conn, box, item))
    assert handled == ["new", "new"]
    assert store.get(box.name) == first_link

    restarted = open_mailbox(graph, conn)  # a new process: only what was stored survives
    outcomes = []
    for item in restarted.pending():
        outcomes.append(handle(conn, restarted, item))
        restarted.mark_done(item)
    assert outcomes == ["duplicate", "duplicate", "new", "new"]
    assert store.get(box.name) not in (None, first_link)
    assert conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 6
    assert graph.in_folder("inbox") == []


def test_message_not_marked_done_is_offered_again(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    graph.deliver(mail(1))
    graph.deliver(mail(2))
    box = open_mailbox(graph, conn)
    _first, second = box.pending()
    box.mark_done(second)  # the first one's handling failed
    retry = list(box.pending())
    assert subjects(retry) == ["MARAC referral 1"]
    assert SyncStateStore(conn).get(box.name) is None
    box.mark_done(retry[0])
    assert SyncStateStore(conn).get(box.name) is not None


def test_429_and_503_wait_for_retry_after(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    graph.deliver(mail(1))
    sleeps: list[float] = []
    box = open_mailbox(graph, conn, sleeps=sleeps)
    graph.fail(429, path_contains="delta", retry_after="7")
    graph.fail(503, path_contains="$value", retry_after="3")
    [item] = box.pending()
    assert sleeps == [7.0, 3.0]
    graph.fail(429, path_contains="move", retry_after="2")
    box.mark_done(item)
    assert sleeps == [7.0, 3.0, 2.0] and graph.in_folder("inbox") == []


def test_retry_after_really_waited(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    graph.deliver(mail(1))
    box = open_mailbox(graph, conn)
    graph.fail(503, path_contains="delta", retry_after="1")
    started = time.monotonic()
    assert len(list(box.pending())) == 1
    assert time.monotonic() - started >= 1.0


def test_throttling_gives_up_after_bounded_attempts(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    sleeps: list[float] = []
    box = open_mailbox(graph, conn, sleeps=sleeps)
    graph.fail(429, path_contains="delta", times=10, retry_after="1")
    with pytest.raises(GraphError) as err:
        list(box.pending())
    assert err.value.status == 429 and len(sleeps) == 3  # 4 attempts in all
    graph.fail(429, path_contains="delta", retry_after="3600")  # too long to sit out in the daemon
    with pytest.raises(GraphError):
        list(box.pending())


def sender(graph: FakeGraph, **options) -> GraphSender:  # type: ignore[no-untyped-def]
    return GraphSender(settings(graph), graph.client_secret, token_provider=http_token_provider(graph),
                       sleep=lambda s: None, **options)


def test_send_mail_payload_is_the_mime_we_gave(graph: FakeGraph) -> None:
    payload = mail(9, to=IDVA)
    sender(graph).send("marac@exampleshire.gov.uk", [IDVA], payload, "<referral-9@exampleshire.police.uk>")
    assert graph.sent == [payload]
    [call] = [r for r in graph.requests if r.path.endswith("/sendMail")]
    assert call.headers["content-type"] == "text/plain" and call.method == "POST"


@pytest.mark.parametrize("status", [400, 403, 413])
def test_send_client_errors_are_permanent(graph: FakeGraph, status: int) -> None:
    graph.fail(status, path_contains="sendMail")
    with pytest.raises(PermanentSendError):
        sender(graph).send("marac@exampleshire.gov.uk", [IDVA], mail(1, to=IDVA), "<x@y>")
    assert graph.sent == []


@pytest.mark.parametrize("status,times", [(500, 1), (503, 5), (429, 5)])
def test_send_server_errors_and_throttling_are_temporary(graph: FakeGraph, status: int, times: int) -> None:
    graph.fail(status, path_contains="sendMail", times=times, retry_after="1")
    with pytest.raises(TemporarySendError):
        sender(graph).send("marac@exampleshire.gov.uk", [IDVA], mail(1, to=IDVA), "<x@y>")


def test_send_one_throttle_is_waited_out(graph: FakeGraph) -> None:
    graph.fail(429, path_contains="sendMail", retry_after="1")
    sender(graph).send("marac@exampleshire.gov.uk", [IDVA], mail(1, to=IDVA), "<x@y>")
    assert len(graph.sent) == 1


def test_send_without_a_server_is_temporary(graph: FakeGraph) -> None:
    s = sender(graph)
    graph.stop()
    with pytest.raises(TemporarySendError):
        s.send("marac@exampleshire.gov.uk", [IDVA], mail(1, to=IDVA), "<x@y>")


def test_send_refuses_headers_naming_other_addresses(graph: FakeGraph) -> None:
    with pytest.raises(PermanentSendError):
        sender(graph).send("marac@exampleshire.gov.uk", [IDVA], mail(1, to="someone@example.com"), "<x@y>")
    assert graph.sent == [] and not [r for r in graph.requests if r.path.endswith("/sendMail")]


def test_msal_client_credentials_over_tls(tmp_path: Path, conn, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    trustme = pytest.importorskip("trustme")
    # requests lets these variables override a session's own CA file; this test brings its own CA.
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        monkeypatch.delenv(name, raising=False)
    ca = trustme.CA()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    graph = FakeGraph(tls=context).start()
    try:
        graph.deliver(mail(1))
        s = settings(graph)
        box = GraphMailbox(s, graph.client_secret, SyncStateStore(conn),
                           token_provider=msal_token_provider(s, graph.client_secret, verify=str(ca_file)))
        box.client.session.verify = str(ca_file)
        assert len(list(box.pending())) == 1
        [form] = graph.token_requests
        assert form["grant_type"] == ["client_credentials"] and form["client_id"] == [graph.client_id]
        assert form["scope"] == ["https://graph.microsoft.com/.default"]
        bad = GraphMailbox(s, "wrong", SyncStateStore(conn),
                           token_provider=msal_token_provider(s, "wrong", verify=str(ca_file)))
        with pytest.raises(GraphError, match="invalid_client"):
            list(bad.pending())
    finally:
        graph.stop()


def test_expired_delta_token_reads_the_folder_again(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    box = open_mailbox(graph, conn)
    graph.deliver(mail(1))
    for item in box.pending():
        box.mark_done(item)
    graph.deliver(mail(2))
    graph.fail(410, path_contains="deltatoken")  # Graph: SyncStateNotFound, start a new round
    assert subjects(list(box.pending())) == ["MARAC referral 2"]


def test_wait_returns_at_poll_interval_or_on_interrupt(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    box = open_mailbox(graph, conn)
    started = time.monotonic()
    box.wait(30)
    assert time.monotonic() - started < 2  # poll_seconds is 0.2 here
    box.interrupt()
    started = time.monotonic()
    box.wait(30)
    assert time.monotonic() - started < 0.1


def test_starts_without_the_network_and_reports_it_on_use(conn) -> None:  # type: ignore[no-untyped-def]
    s = GraphSettings.model_validate({
        "backend": "graph", "tenant_id": "t", "client_id": "c", "client_secret": {"env": "X"},
        "user": "marac@exampleshire.gov.uk", "graph_url": "http://127.0.0.1:9/v1.0",
        "authority_url": "https://127.0.0.1:9"})
    box = GraphMailbox(s, "secret", SyncStateStore(conn))  # real msal provider, nothing listening
    with pytest.raises(GraphError):
        list(box.pending())


def test_a_message_larger_than_allowed_is_not_downloaded_whole(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    big = mail(1).replace(b"\n\n", b"\n\n" + b"x" * 3_000_000, 1)
    graph.deliver(big)
    graph.deliver(mail(2))
    box = open_mailbox(graph, conn, max_message_bytes=1_000_000)
    first, second = box.pending()
    assert first.truncated and first.stated_size > 1_000_000 and len(first.raw) <= 256_000
    assert first.raw.startswith(big[:1000])  # its headers, for the desk
    assert not second.truncated and second.raw == mail(2)
