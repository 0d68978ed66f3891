"""A mail server that cannot be used now, and why, in words for the person running the service."""
from __future__ import annotations

import socket
import ssl

__all__ = ["MailboxUnavailable", "network_reason"]


class MailboxUnavailable(ConnectionError):
    """The mail server cannot be reached or will not answer now; the caller tries again later.

    Its text is one plain sentence fragment a coordinator can act on ("the server's name could not be
    found"), never an exception's repr."""


def network_reason(exc: BaseException) -> str:
    """Why a server could not be used, in words for the person running the command."""
    if isinstance(exc, MailboxUnavailable):
        return str(exc)
    if isinstance(exc, socket.gaierror):
        return "the server's name could not be found (check the host name and this machine's network)"
    if isinstance(exc, ConnectionRefusedError):
        return "the server refused the connection (check the host and port)"
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return "the server did not answer in time"
    if isinstance(exc, ssl.SSLError):
        return "the secure (TLS) connection to the server failed"
    return f"the server could not be reached ({type(exc).__name__})"
