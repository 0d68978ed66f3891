"""The small interface every mailbox backend (Maildir, IMAP, EWS, Graph) offers the pipeline."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterator, Protocol

# What is read of a message larger than the service opens: enough for any real header block.
HEAD_BYTES = 256_000


@dataclass(frozen=True)
class Incoming:
    """One message as the mailbox holds it; `source_key` is what the backend needs to find it again.

    `received` is when the mailbox got it (not the sender's Date header): referral cut-offs count
    from it, even when the service was down for a while.
    """
    source_key: str
    raw: bytes
    received: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    # The size the mailbox states. A message larger than the service opens is not read whole: `raw`
    # then holds its first bytes only (`truncated`), enough for its headers, and it goes to the desk.
    size: int | None = None
    truncated: bool = False
    # What the mailbox saw when it read the message (a local file's size and time), so it can tell at
    # `mark_done` whether the file changed after it was read.
    stamp: tuple[int, float] | None = None

    @property
    def stated_size(self) -> int:
        return self.size if self.size is not None else len(self.raw)


class Mailbox(Protocol):
    name: str

    def pending(self) -> Iterator[Incoming]:
        """Messages not yet marked done, oldest first, each one completely delivered."""
        ...

    def drain_wait(self) -> bool:
        """True if messages are still arriving (a local folder's files being written): the pass should
        look again before it ends. Servers hand over whole messages and say False."""
        ...

    def mark_done(self, item: Incoming) -> None:
        """Move the message out of the way of `pending`; never delete it."""
        ...

    def wait(self, timeout: float) -> None:
        """Block until new mail may have arrived, or `timeout` seconds have passed."""
        ...

    def interrupt(self) -> None:
        """Make a `wait` in progress return now (used to stop promptly)."""
        ...

    def close(self) -> None:
        ...
