"""SMTP with STARTTLS or implicit TLS required (plain only to a relay on this machine, by configuration).

Login by password, or with auth = "oauth2" by SASL XOAUTH2 with an app's token (Exchange Online SMTP
AUTH), after STARTTLS. A refused login is not retried at once: the outbox tries again later. Copies sent
close together share one session, so a backlog is not held back by a handshake and a login per copy."""
from __future__ import annotations

import re
import smtplib
import socket
import ssl
import threading
import time

from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential

from ..network import network_reason
from ..oauth import TokenRefused, TokenSource, token_source, xoauth2_base64
from ..settings import SmtpSender as SmtpSettings
from .base import PermanentSendError, TemporarySendError


# A session idle this long, or this old, is closed rather than used again (servers drop idle clients;
# a token's login should not outlive the token by much).
IDLE_SECONDS = 15.0
SESSION_SECONDS = 300.0


class _LoginRefused(TemporarySendError):
    """The server or the sign-in service refused our credentials: worth a later try, not a quick one."""


def _worth_retrying_now(exc: BaseException) -> bool:
    return isinstance(exc, TemporarySendError) and not isinstance(exc, _LoginRefused)


class SmtpSender:
    name = "smtp"

    def __init__(self, settings: SmtpSettings, tokens: TokenSource | None = None) -> None:
        self.settings = settings
        self.context = ssl.create_default_context(
            cafile=str(settings.ca_file) if settings.ca_file else None)
        self.password = settings.password.read() if settings.password else None
        self.tokens = tokens if tokens is not None else token_source(settings)
        self._kept: tuple[smtplib.SMTP, float, float] | None = None  # session, opened, last used
        self._lock = threading.Lock()

    def _session(self) -> tuple[smtplib.SMTP, float]:
        kept, self._kept = self._kept, None
        if kept is not None:
            client, opened, used = kept
            now = time.monotonic()
            if now - used < IDLE_SECONDS and now - opened < SESSION_SECONDS and _alive(client):
                return client, opened
            _quit(client)
        return self._connect(), time.monotonic()

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout_seconds,
                                                    context=self.context)
        else:
            client = smtplib.SMTP(s.host, s.port, timeout=s.timeout_seconds)
        # A kept session's message data would otherwise wait out a delayed ACK (40 ms a copy).
        client.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if s.security != "tls":
            if s.security == "starttls":
                client.ehlo()
                if not client.has_extn("starttls"):
                    client.quit()
                    raise TemporarySendError("the SMTP server does not offer STARTTLS; not sending in clear")
                client.starttls(context=self.context)
                client.ehlo()
        try:
            if self.tokens is not None and s.username:
                self._xoauth2(client, s.username)
            elif s.username and self.password is not None:
                client.login(s.username, self.password)
        except smtplib.SMTPAuthenticationError as exc:
            _quit(client)
            what = "the app's access token" if self.tokens is not None else "the user name or password"
            raise _LoginRefused(f"the SMTP server refused {what} ({exc.smtp_code})") from None
        except TokenRefused as exc:
            _quit(client)
            raise _LoginRefused(str(exc)) from None
        except BaseException:
            _quit(client)
            raise
        return client

    def _xoauth2(self, client: smtplib.SMTP, user: str) -> None:
        assert self.tokens is not None
        client.ehlo_or_helo_if_needed()
        if "xoauth2" not in client.esmtp_features.get("auth", "").lower().split():
            raise _LoginRefused("the SMTP server does not offer XOAUTH2 logins")
        # The token goes with the command; a 334 after it is the server's error report, which the
        # client answers with an empty line (never the token again) before the server says 535.
        code, _ = client.docmd("AUTH", f"XOAUTH2 {xoauth2_base64(user, self.tokens.token())}")
        if code == 334:
            code, _ = client.docmd("")
        if code != 235:
            raise smtplib.SMTPAuthenticationError(code, b"")

    # A few quick retries smooth over a blip; longer outages are the outbox's job (it reschedules).
    @retry(retry=retry_if_exception(_worth_retrying_now), stop=stop_after_attempt(3),
           wait=wait_exponential(multiplier=0.2, max=2), reraise=True)
    def send(self, envelope_from: str, recipients: list[str], payload: bytes, message_id: str) -> None:
        with self._lock:
            self._send(envelope_from, recipients, payload)

    def _send(self, envelope_from: str, recipients: list[str], payload: bytes) -> None:
        try:
            client, opened = self._session()
        except TemporarySendError:
            raise
        except (OSError, socket.timeout, smtplib.SMTPException, ssl.SSLError) as exc:
            reason = network_reason(exc) if isinstance(exc, OSError) else f"it failed ({type(exc).__name__})"
            raise TemporarySendError(f"cannot reach the SMTP server: {reason}") from None
        try:
            # smtplib sends bytes as they are; bare LF line ends are refused by strict servers.
            refused = client.sendmail(envelope_from, recipients, re.sub(rb"\r?\n", b"\r\n", payload))
        except BaseException as exc:
            _quit(client)  # after any failure, a fresh session next time
            raise _send_error(exc) from None
        self._kept = (client, opened, time.monotonic())
        if refused:
            raise PermanentSendError(f"the SMTP server refused {len(refused)} recipient(s)")

    def close(self) -> None:
        with self._lock:
            kept, self._kept = self._kept, None
        if kept is not None:
            _quit(kept[0])


def _send_error(exc: BaseException) -> BaseException:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return PermanentSendError("the SMTP server refused every recipient")
    if isinstance(exc, smtplib.SMTPResponseException):
        if 500 <= exc.smtp_code < 600:
            return PermanentSendError(f"the SMTP server refused the message ({exc.smtp_code})")
        return TemporarySendError(f"the SMTP server deferred the message ({exc.smtp_code})")
    if isinstance(exc, (OSError, smtplib.SMTPException)):
        return TemporarySendError(f"the connection failed while sending ({type(exc).__name__})")
    return exc


def _alive(client: smtplib.SMTP) -> bool:
    try:
        return client.noop()[0] == 250
    except (OSError, smtplib.SMTPException):
        return False


def _quit(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (OSError, smtplib.SMTPException):
        pass
