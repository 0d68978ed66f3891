"""The Graph mailbox's short wake-up (intake/graph_wake.py) against the local Graph server.

Between passes the daemon calls `wait`; with `wake_seconds` set, the mailbox looks at the folder (one
request: its newest message and its count) that often and ends the wait when the look differs, so the
delta query runs only when something changed, and at `poll_seconds` whatever happens. What is tested:

- a new message ends the wait within one wake-up; a message moved in that is not the newest too;
  after a pass that failed, the next look ends the wait;
- no delta query while nothing changes; our own moves wake the daemon once, then it settles;
- the look is one request: $top=1, id and receivedDateTime only, newest first, with the count;
- 429/503 with Retry-After (on a look, the delta query or a send from the mailbox) hold the looks that
  long; other failures back off and do not end the wait; looks stop when half the mailbox's budget is
  spent;
- interrupt ends a wait at once, throttled or not; wake_seconds = 0 is the old poll.

Timing is asserted one way only where a loaded machine could upset it: a wait that must run its course
is checked to have lasted (a lower bound); "soon" is checked from the server's request log (which look
saw the change), with upper bounds far below the 30-second poll.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Iterator

import pytest
from pydantic import ValidationError

from intake.graph import GraphError, GraphMailbox, GraphSender
from intake.mailbox import Incoming
from marac.store import db
from marac.store.sync_state import SyncStateStore

from tests.graph_server import FakeGraph, http_token_provider
from tests.integration.test_graph_mailbox import IDVA, mail, settings


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


def mailbox(graph: FakeGraph, conn, wake: float = 0.05, poll: float = 30.0, **options) -> GraphMailbox:  # type: ignore[no-untyped-def]
    return GraphMailbox(settings(graph, wake_seconds=wake, poll_seconds=poll), graph.client_secret,
                        SyncStateStore(conn), token_provider=http_token_provider(graph), **options)


def drain(box: GraphMailbox) -> list[Incoming]:
    """What the daemon's pass does: read and move until a round offers nothing."""
    handled: list[Incoming] = []
    while items := list(box.pending()):
        for item in items:
            box.mark_done(item)
        handled += items
    return handled


def settle(box: GraphMailbox) -> None:
    """Drain, let the first look (and the look after our own moves) wake the daemon, drain again."""
    drain(box)
    started = time.monotonic()
    box.wait(30)
    assert time.monotonic() - started < 10  # not the 30-second poll
    assert drain(box) == []


def timed_wait(box: GraphMailbox, timeout: float) -> float:
    started = time.monotonic()
    box.wait(timeout)
    return time.monotonic() - started


def later(seconds: float, action) -> threading.Thread:  # type: ignore[no-untyped-def]
    thread = threading.Timer(seconds, action)
    thread.start()
    return thread


def test_a_new_message_ends_the_wait_within_one_wake_up(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    graph.deliver(mail(1))
    box = mailbox(graph, conn, wake=0.3)
    settle(box)
    delivered: list[float] = []
    later(0.5, lambda: (graph.deliver(mail(2)), delivered.append(time.monotonic())))
    assert 0.45 < timed_wait(box, 30) < 10
    assert len(graph.calls("look", since=delivered[0])) <= 1  # the first look after it saw it
    assert [i.raw for i in drain(box)] == [mail(2)]
    look = graph.calls("look")[-1]
    assert look.method == "GET" and look.path.endswith("/mailFolders/inbox/messages?$top&$select&$orderby&$count")


def test_the_look_asks_for_one_message_newest_first_with_the_count(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    graph.deliver(mail(1), received="2026-11-23T08:00:00Z")
    newest = graph.deliver(mail(2), received="2026-11-23T09:00:00Z")
    box = mailbox(graph, conn)
    assert box._look() == (2, newest)
    resp = box.client.request("GET", "/mailFolders/inbox/messages", params={
        "$top": "1", "$select": "id,receivedDateTime", "$orderby": "receivedDateTime desc", "$count": "true"})
    assert resp.json() == {"value": [{"id": newest, "receivedDateTime": "2026-11-23T09:00:00Z"}], "@odata.count": 2}


def test_no_delta_query_while_nothing_changes_but_the_poll_still_runs(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    box = mailbox(graph, conn, wake=0.05, poll=0.6)
    settle(box)
    since = time.monotonic()
    assert timed_wait(box, 30) >= 0.55  # nothing changed: the wait ran to poll_seconds
    assert graph.calls("delta", since) == []
    assert 2 <= len(graph.calls("look", since)) <= 14
    # The daemon: a pass after each wait. Three quiet waits, three delta rounds: the safety net only.
    since = time.monotonic()
    for _ in range(3):
        box.wait(30)
        drain(box)
    assert len(graph.calls("delta", since)) == 3


def test_our_own_moves_wake_the_daemon_once_then_it_settles(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    box = mailbox(graph, conn, wake=0.05, poll=30)
    settle(box)
    graph.deliver(mail(1))
    assert timed_wait(box, 30) < 10
    assert len(drain(box)) == 1  # moved away: the folder looks different again
    assert timed_wait(box, 30) < 10
    assert drain(box) == []
    since = time.monotonic()
    assert timed_wait(box, 0.5) >= 0.45  # the daemon's timeout, shorter than poll_seconds, ends it
    assert graph.calls("delta", since) == []


def test_a_failed_pass_is_tried_again_at_the_next_look(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    box = mailbox(graph, conn, wake=0.05, poll=30)
    settle(box)
    graph.deliver(mail(1))
    box.wait(30)  # the look saw it
    graph.fail(500, path_contains="delta")
    with pytest.raises(GraphError):
        drain(box)
    assert timed_wait(box, 30) < 10  # the same folder as the last look, yet not left to the poll
    assert [i.raw for i in drain(box)] == [mail(1)]


def test_an_older_message_moved_in_is_seen_by_the_count(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    graph.deliver(mail(1), received="2026-11-23T12:00:00Z")
    box = mailbox(graph, conn, wake=0.05, poll=30)
    [kept] = box.pending()  # its handling failed: it stays in the folder, the newest there
    box.wait(30)  # the first look
    later(0.3, lambda: graph.deliver(mail(2), received="2026-11-23T08:00:00Z"))  # e.g. dragged back from Junk
    assert 0.25 < timed_wait(box, 30) < 10
    assert box._look()[1] == kept.source_key  # not the newest: only the count told


def test_429_on_a_look_holds_the_looks_for_retry_after(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    box = mailbox(graph, conn, wake=0.05, poll=1.6)
    settle(box)
    graph.fail(429, path_contains="$orderby", retry_after="1")
    since = time.monotonic()
    assert timed_wait(box, 30) >= 1.55  # a throttled look is not a change
    looks = graph.calls("look", since)
    assert looks[1].at - looks[0].at >= 1.0
    assert len(looks) < 1.6 / 0.05 / 2  # fewer than half the looks an unthrottled wait makes
    assert graph.calls("delta", since) == []


def test_503_without_retry_after_backs_off(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    box = mailbox(graph, conn, wake=0.05, poll=1.0)
    settle(box)
    graph.fail(503, path_contains="$orderby")
    since = time.monotonic()
    assert timed_wait(box, 30) >= 0.95
    assert len(graph.calls("look", since)) == 1  # no hint given: two seconds, more than this wait


def test_429_on_the_delta_query_also_holds_the_looks(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    sleeps: list[float] = []
    box = mailbox(graph, conn, wake=0.05, poll=30, sleep=sleeps.append)
    settle(box)
    graph.fail(429, path_contains="delta", retry_after="1")
    drain(box)
    assert sleeps == [1.0]  # (not really slept here: the looks hold until Graph's time has passed)
    held = box.client.log.held_until
    since = time.monotonic()
    graph.deliver(mail(1))
    box.wait(30)
    assert graph.calls("look", since)[0].at >= held


def test_429_on_a_send_from_the_mailbox_also_holds_the_looks(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    box = mailbox(graph, conn, wake=0.05, poll=30)
    settle(box)
    sender = GraphSender(settings(graph), graph.client_secret, token_provider=http_token_provider(graph),
                         sleep=lambda s: None)
    graph.fail(429, path_contains="sendMail", retry_after="1")
    before = time.monotonic()
    sender.send(graph.user, [IDVA], mail(1, to=IDVA), "<x@y>")  # sent on the second try
    held = box.client.log.held_until
    assert held >= before + 1.0  # Graph throttles the app per mailbox: the reader and sender share it
    since = time.monotonic()
    graph.deliver(mail(2))
    box.wait(30)
    assert graph.calls("look", since)[0].at >= held


def test_failing_looks_back_off_and_do_not_end_the_wait(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    box = mailbox(graph, conn, wake=0.05, poll=1.0)
    settle(box)
    graph.fail(500, path_contains="$orderby", times=100)
    since = time.monotonic()
    assert timed_wait(box, 30) >= 0.95  # the next pass, at poll_seconds, reports the trouble
    looks = [r.at for r in graph.calls("look", since)]
    assert 1 <= len(looks) <= 6
    for n, (first, then) in enumerate(zip(looks, looks[1:]), 1):
        assert then - first >= 0.05 * 2 ** n  # 0.1, 0.2, 0.4, 0.8 s apart


def test_looks_stop_when_half_the_budget_is_spent(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    box = mailbox(graph, conn, wake=0.05, poll=0.5)
    settle(box)
    box.wake.ceiling = box.client.log.recent()
    since = time.monotonic()
    assert timed_wait(box, 30) >= 0.45
    assert graph.calls("look", since) == []


@pytest.mark.parametrize("throttled", [False, True])
def test_interrupt_ends_the_wait_at_once(graph: FakeGraph, conn, throttled: bool) -> None:  # type: ignore[no-untyped-def]
    box = mailbox(graph, conn, wake=0.05, poll=30)
    settle(box)
    if throttled:
        graph.fail(429, path_contains="$orderby", retry_after="30")
    asked: list[float] = []
    later(0.4, lambda: (asked.append(time.monotonic()), box.interrupt()))
    box.wait(30)
    assert asked and time.monotonic() - asked[0] < 10  # far short of the 30-second poll and Retry-After


def test_wake_seconds_zero_is_the_old_poll(graph: FakeGraph, conn) -> None:  # type: ignore[no-untyped-def]
    box = mailbox(graph, conn, wake=0, poll=0.4)
    drain(box)
    assert timed_wait(box, 30) >= 0.35
    assert graph.calls("look") == []
    with pytest.raises(ValidationError):
        settings(graph, wake_seconds=-1)
