"""The small interface every mailbox backend (Maildir, IMAP, EWS, Graph) offers the pipeline."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Protocol


@dataclass(frozen=True)
class Incoming:
    """One message as the mailbox holds it; `source_key` is what the backend needs to find it again."""
    source_key: str
    raw: bytes


class Mailbox(Protocol):
    name: str

    def pending(self) -> Iterator[Incoming]:
        """Messages not yet marked done, oldest first, each one completely delivered."""
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
