"""The small interface every sender (local folder, SMTP, EWS, Graph) offers the outbox worker."""
from __future__ import annotations

from typing import Protocol


class TemporarySendError(Exception):
    """Try again later: the server is away, busy or refused for now."""


class LocalSendError(TemporarySendError):
    """This machine cannot send now (its disk is full): try again soon, without backing off as for a
    server, so the message goes as soon as space returns."""


class PermanentSendError(Exception):
    """Retrying will not help: the server refused this message for good."""


class Sender(Protocol):
    name: str

    def send(self, envelope_from: str, recipients: list[str], payload: bytes, message_id: str) -> None:
        """Deliver one complete message, or raise one of the errors above."""
        ...

    def close(self) -> None:
        ...
