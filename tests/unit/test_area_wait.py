"""One daemon waits on every area's mailbox at once: mail in any of them wakes it at once, and every
other mailbox's wait is ended, so no connection is left in use by a waiting thread."""
from __future__ import annotations

import threading
import time

from marac.daemon.areas import wait_any


class _Box:
    """Waits like a mailbox: until mail arrives, it is interrupted, or the time is up."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.wake = threading.Event()
        self.waiting = False

    def wait(self, timeout: float) -> None:
        self.waiting = True
        try:
            self.wake.wait(timeout)
            self.wake.clear()
        finally:
            self.waiting = False

    def interrupt(self) -> None:
        self.wake.set()


def test_mail_in_the_third_area_wakes_the_daemon_at_once_and_ends_every_other_wait():
    boxes = [_Box(f"area-{i}") for i in range(5)]
    threading.Timer(0.2, boxes[2].interrupt).start()
    started = time.monotonic()
    wait_any(boxes, timeout=30.0)  # type: ignore[arg-type]
    assert time.monotonic() - started < 5.0  # not the 30 s rescan
    assert not any(box.waiting for box in boxes)


def test_with_no_mail_the_wait_ends_at_the_rescan_time():
    boxes = [_Box("a"), _Box("b")]
    started = time.monotonic()
    wait_any(boxes, timeout=0.3)  # type: ignore[arg-type]
    assert 0.25 <= time.monotonic() - started < 5.0
    assert not any(box.waiting for box in boxes)
