"""The Graph mailbox's short wake-up: a one-item look at the folder every few seconds, so a referral is
fetched within seconds of landing instead of at the next delta poll (30 seconds by default).

Graph's push (change notifications) needs a public HTTPS endpoint that a council's firewall does not give,
so the wake-up is a cheap poll. Each look is one request (`GraphMailbox._look`):

    GET .../mailFolders/{folder}/messages?$top=1&$select=id,receivedDateTime
        &$orderby=receivedDateTime desc&$count=true

- the newest message's id: a delivered message has the newest receivedDateTime, so it becomes the top
  item, with an id never seen before;
- `@odata.count`, the folder's message count: catches a message moved in (an older one dragged back
  from Junk) that does not become the top item; if Graph leaves it out, the top item still tells.

Either differing from the last look means "something changed": the wait ends and the daemon runs the
delta query, which alone decides what is new. The reference look is always one taken before the last
delta query started, so a message landing during a pass is never taken for one already seen; our own
moves (processed mail leaves the folder) make the next look differ once, which costs one empty delta
round; a pass that failed (`forget`) makes the next look count as a change, so it is tried again then.
The daemon's wait still ends at `poll_seconds` whatever the looks say: the old poll is the safety net.

Throttling (Outlook resources: 10,000 requests per 10 minutes and 4 concurrent, per app per mailbox):
at 5 s the looks use 120 requests per 10 minutes, one at a time from the daemon's thread, never
alongside a pass. A 429/503 (on a look, or on any other call to the mailbox: `RequestLog.hold`) holds
the looks until Retry-After has passed and doubles their interval, which halves again as looks succeed;
any other failure backs off the same way and is reported by the next pass. Looks stop while this
process's requests to the mailbox in the last 10 minutes reach half the budget, leaving the rest to the
passes and sends.
"""
from __future__ import annotations

import threading
import time
from collections import deque
from typing import Callable, Protocol

WINDOW_SECONDS = 600.0
BUDGET = 10_000  # requests per WINDOW_SECONDS per app per mailbox (Outlook service limits)
LOOK_CEILING = BUDGET // 2

# (message count, newest message id): what one look saw.
Fingerprint = tuple[int | None, str | None]


class RequestLog:
    """When this process asked Graph about one mailbox, over the last 10 minutes, and until when Graph
    asked it to stay away. The mailbox's reader and its sender share one log: Graph throttles the app
    per mailbox, not each client."""

    def __init__(self) -> None:
        self._times: deque[float] = deque()
        self._lock = threading.Lock()
        self.held_until = 0.0  # time.monotonic(); set from a 429/503's Retry-After

    def hold(self, seconds: float) -> None:
        with self._lock:
            self.held_until = max(self.held_until, time.monotonic() + seconds)

    def add(self) -> None:
        with self._lock:
            self._times.append(time.monotonic())

    def recent(self) -> int:
        with self._lock:
            horizon = time.monotonic() - WINDOW_SECONDS
            while self._times and self._times[0] < horizon:
                self._times.popleft()
            return len(self._times)


_LOGS: dict[str, RequestLog] = {}
_LOGS_LOCK = threading.Lock()


def request_log(mailbox: str) -> RequestLog:
    with _LOGS_LOCK:
        return _LOGS.setdefault(mailbox, RequestLog())


class Client(Protocol):
    log: RequestLog


class Wake:
    def __init__(self, client: Client, look: Callable[[], Fingerprint], wake_seconds: float,
                 poll_seconds: float, ceiling: int = LOOK_CEILING) -> None:
        self.client = client
        self.look = look  # raises ConnectionError (GraphError), perhaps with a `retry_after`
        self.wake_seconds = wake_seconds
        self.poll_seconds = poll_seconds
        self.ceiling = ceiling
        self.event = threading.Event()
        self.reference: Fingerprint | None = None  # unknown at start: the first look counts as a change
        self.next_look = 0.0
        self.slowdown = 1.0

    def wait(self, timeout: float) -> None:
        """Until a look sees a change, `timeout` (at most `poll_seconds`) has passed, or `interrupt`."""
        deadline = time.monotonic() + max(0.0, min(timeout, self.poll_seconds))
        try:
            while not self.event.is_set():
                now = time.monotonic()
                due = max(self.next_look, self.client.log.held_until)
                if self.wake_seconds <= 0 or due >= deadline:
                    self.event.wait(max(0.0, deadline - now))
                    return
                if self.event.wait(max(0.0, due - now)) or self._changed():
                    return
        finally:
            self.event.clear()

    def interrupt(self) -> None:
        self.event.set()

    def forget(self) -> None:
        """The next look counts as a change (so the pass is tried again then, not at the next poll)."""
        self.reference = None

    def _changed(self) -> bool:
        if self.client.log.recent() >= self.ceiling:
            # Half the mailbox's budget is spent (a backlog being drained): leave it to the passes.
            self.next_look = time.monotonic() + self.poll_seconds
            return False
        seen = self._look()
        if seen is None or seen == self.reference:
            return False
        # Taken before the delta query that now follows, so it is a sound reference for the next wait.
        self.reference = seen
        return True

    def _look(self) -> Fingerprint | None:
        started = time.monotonic()
        try:
            seen = self.look()
        except (ConnectionError, ValueError, KeyError, TypeError) as exc:
            # Throttled, unreachable or an answer we cannot read: look less often; the poll goes on.
            self.slowdown = min(self.slowdown * 2, max(1.0, self.poll_seconds / self.wake_seconds))
            hold = getattr(exc, "retry_after", None) or 0.0
            self.next_look = time.monotonic() + max(float(hold), self.wake_seconds * self.slowdown)
            return None
        self.slowdown = max(1.0, self.slowdown / 2)
        self.next_look = started + self.wake_seconds * self.slowdown
        return seen
