"""OAuth 2.0 access tokens for logging in to a mail server with SASL XOAUTH2 (Exchange Online IMAP and
SMTP AUTH), got by the app registration itself: the client-credentials flow, through msal.

msal keeps each token and hands it out again until about five minutes before it expires, then asks for
a new one, so calling `token()` before every login is cheap and always gives a usable token. A token is
as good as a password for its lifetime: it is never logged, never put in an error's text, and its repr
hides it.
"""
from __future__ import annotations

import base64
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .credentials import client_credential
from .network import MailboxUnavailable
from .settings import OAuth2App

__all__ = ["Token", "TokenRefused", "TokenSource", "TokenUnavailable", "token_source", "xoauth2",
           "xoauth2_base64"]

# Answers of the sign-in service that mean "not now" rather than "not you".
PASSING = {"temporarily_unavailable", "server_error"}
HTTP_SECONDS = 15.0


class TokenRefused(Exception):
    """The sign-in service will not give this app a token (wrong secret, unknown app or tenant, no
    consent): trying again will not help until the configuration or the registration is fixed.

    `reason` is the service's error code (e.g. "invalid_client"), which is safe to log."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the sign-in service refused the app's credentials ({reason}); check tenant_id, "
                         "client_id, the client secret or certificate, and the app's admin consent")
        self.reason = reason


class TokenUnavailable(MailboxUnavailable):
    """The sign-in service cannot be reached or is busy now; the caller tries again later."""


@dataclass(frozen=True)
class Token:
    value: str = field(repr=False)
    expires_at: float  # time.monotonic() when the service said it stops working

    def seconds_left(self) -> float:
        return self.expires_at - time.monotonic()


def xoauth2(user: str, token: Token) -> bytes:
    """The SASL XOAUTH2 initial response (before base64), as Microsoft and Google document it."""
    return f"user={user}\x01auth=Bearer {token.value}\x01\x01".encode()


def xoauth2_base64(user: str, token: Token) -> str:
    return base64.b64encode(xoauth2(user, token)).decode("ascii")


class TokenSource:
    """Tokens for one app registration and one scope, from msal's cache or the sign-in service."""

    def __init__(self, app: OAuth2App, client_secret: str | dict[str, Any], ca_file: Path | None = None) -> None:
        if app.tenant_id is None or app.client_id is None:
            raise ValueError("an OAuth 2.0 app needs tenant_id and client_id")
        self._authority = f"{app.authority_url.rstrip('/')}/{app.tenant_id}"
        self._client_id = app.client_id
        self._secret = client_secret
        self._scope = app.scope
        self._ca_file = ca_file
        self._msal: Any = None
        self._lock = threading.Lock()  # a sender may be called from more than one thread

    def token(self) -> Token:
        import msal  # only OAuth 2.0 logins need it
        import requests

        with self._lock:
            try:
                if self._msal is None:
                    # Made on first use: msal reads the authority's metadata over the network as it is
                    # built, and the service must start (and keep trying) while the network is away.
                    self._msal = msal.ConfidentialClientApplication(
                        self._client_id, client_credential=self._secret, authority=self._authority,
                        # The authority comes from our own configuration: nothing to discover about it.
                        instance_discovery=False, http_client=_session(self._ca_file), timeout=HTTP_SECONDS)
                result = self._msal.acquire_token_for_client(scopes=[self._scope])
            except (requests.RequestException, ValueError, OSError) as exc:
                raise TokenUnavailable(f"the sign-in service could not be reached ({type(exc).__name__})") from None
        if "access_token" not in result:
            error = str(result.get("error") or "no token")[:60]
            if error in PASSING:
                raise TokenUnavailable(f"the sign-in service is busy ({error})")
            raise TokenRefused(error)
        return Token(str(result["access_token"]), time.monotonic() + float(result.get("expires_in") or 0))


def _session(ca_file: Path | None) -> Any:
    import requests

    class Session(requests.Session):
        def request(self, *args: Any, **kwargs: Any) -> Any:
            # A CA given per request: a session-wide one loses to REQUESTS_CA_BUNDLE in the environment.
            if ca_file is not None:
                kwargs["verify"] = str(ca_file)
            return super().request(*args, **kwargs)

    return Session()


def token_source(app: OAuth2App) -> TokenSource | None:
    """The token source the settings ask for, with its client secret read; None for a password login."""
    if app.auth != "oauth2":
        return None
    credential = client_credential(app.client_secret, app.client_certificate, app.certificate_passphrase)
    return TokenSource(app, credential, app.authority_ca_file)
