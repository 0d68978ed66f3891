"""SMTP with STARTTLS or implicit TLS required (plain only to a relay on this machine, by configuration)."""
from __future__ import annotations

import re
import smtplib
import socket
import ssl

from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from ..settings import SmtpSender as SmtpSettings
from .base import PermanentSendError, TemporarySendError


class SmtpSender:
    name = "smtp"

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self.context = ssl.create_default_context(
            cafile=str(settings.ca_file) if settings.ca_file else None)
        self.password = settings.password.read() if settings.password else None

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout_seconds,
                                                    context=self.context)
        else:
            client = smtplib.SMTP(s.host, s.port, timeout=s.timeout_seconds)
            if s.security == "starttls":
                client.ehlo()
                if not client.has_extn("starttls"):
                    client.quit()
                    raise TemporarySendError("the SMTP server does not offer STARTTLS; not sending in clear")
                client.starttls(context=self.context)
                client.ehlo()
        if s.username and self.password is not None:
            client.login(s.username, self.password)
        return client

    # A few quick retries smooth over a blip; longer outages are the outbox's job (it reschedules).
    @retry(retry=retry_if_exception_type(TemporarySendError), stop=stop_after_attempt(3),
           wait=wait_exponential(multiplier=0.2, max=2), reraise=True)
    def send(self, envelope_from: str, recipients: list[str], payload: bytes, message_id: str) -> None:
        try:
            client = self._connect()
        except (OSError, socket.timeout, smtplib.SMTPException, ssl.SSLError) as exc:
            raise TemporarySendError(f"cannot reach the SMTP server ({type(exc).__name__})") from None
        try:
            # smtplib sends bytes as they are; bare LF line ends are refused by strict servers.
            refused = client.sendmail(envelope_from, recipients, re.sub(rb"\r?\n", b"\r\n", payload))
        except smtplib.SMTPRecipientsRefused:
            raise PermanentSendError("the SMTP server refused every recipient") from None
        except smtplib.SMTPResponseException as exc:
            if 500 <= exc.smtp_code < 600:
                raise PermanentSendError(f"the SMTP server refused the message ({exc.smtp_code})") from None
            raise TemporarySendError(f"the SMTP server deferred the message ({exc.smtp_code})") from None
        except (OSError, smtplib.SMTPException) as exc:
            raise TemporarySendError(f"the connection failed while sending ({type(exc).__name__})") from None
        finally:
            try:
                client.quit()
            except (OSError, smtplib.SMTPException):
                pass
        if refused:
            raise PermanentSendError(f"the SMTP server refused {len(refused)} recipient(s)")

    def close(self) -> None:
        pass
