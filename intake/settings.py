"""Settings of the mail adapters: where mail comes from, how it goes out, and where their secrets live.

They live with the adapters, not with the service's configuration, so `intake/` depends on nothing of
the domain: the service's configuration (`marac.config`) embeds these models in its `[mailbox]` and
`[sender]` tables and hands them to `intake.factory`. Secrets never live in the file: a setting names
an environment variable or a file that holds them.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator


class SettingsError(Exception):
    """The settings cannot be used; `problems` holds one plain sentence per mistake."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Secret(Strict):
    """Where a secret comes from: an environment variable or a file (e.g. a mounted secret)."""
    env: str | None = None
    file: Path | None = None

    @model_validator(mode="after")
    def _one_source(self) -> "Secret":
        if (self.env is None) == (self.file is None):
            raise ValueError("give exactly one of 'env' (an environment variable) or 'file'")
        return self

    def read_bytes(self) -> bytes:
        """The secret as bytes: a .pfx certificate file is binary; an environment variable is text."""
        if self.env is not None:
            return self.read().encode()
        assert self.file is not None
        try:
            return self.file.read_bytes()
        except OSError:
            raise SettingsError([f"the secret file {self.file} cannot be read"]) from None

    def read(self) -> str:
        if self.env is not None:
            value = os.environ.get(self.env)
            if value is None:
                raise SettingsError([f"the environment variable {self.env} is not set"])
            return value
        assert self.file is not None
        try:
            return self.file.read_text().strip()
        except OSError:
            raise SettingsError([f"the secret file {self.file} cannot be read"]) from None


class MaildirMailbox(Strict):
    backend: Literal["maildir"]
    path: Path = Path("inbox")
    rescan_seconds: float = Field(default=30.0, gt=0)
    settle_seconds: float = Field(default=1.0, ge=0)

    @property
    def wait_seconds(self) -> float:
        """How long the daemon waits for news before looking again (watch events may be lost)."""
        return self.rescan_seconds


# Exchange Online takes one scope for IMAP, POP and SMTP with the client-credentials flow.
OUTLOOK_SCOPE = "https://outlook.office365.com/.default"


class OAuth2App(Strict):
    """An app registration that signs in with its own credentials (OAuth 2.0 client credentials) and
    logs in to the mailbox with SASL XOAUTH2 instead of a password (`auth = "oauth2"`)."""
    auth: Literal["password", "oauth2"] = "password"
    tenant_id: str | None = None
    client_id: str | None = None
    client_secret: Secret | None = None
    # Or a certificate (PEM with the private key, or .pfx) and its passphrase, if it has one.
    client_certificate: Secret | None = None
    certificate_passphrase: Secret | None = None
    # Overridable so tests can point at a local token server; a national cloud has its own host.
    authority_url: str = "https://login.microsoftonline.com"
    authority_ca_file: Path | None = None  # a private CA for the sign-in service (tests)
    scope: str = OUTLOOK_SCOPE

    def oauth2_problems(self) -> list[str]:
        if self.auth != "oauth2":
            return []
        missing = [name for name in ("tenant_id", "client_id") if getattr(self, name) is None]
        if (self.client_secret is None) == (self.client_certificate is None):
            missing.append("one of client_secret or client_certificate")
        problems = [f"auth = \"oauth2\" needs {', '.join(missing)}"] if missing else []
        if getattr(self, "password", None) is not None:
            problems.append("auth = \"oauth2\" logs in with a token: remove 'password'")
        if not self.authority_url.startswith("https://"):
            problems.append("authority_url must be an https:// address")
        return problems


class ImapMailbox(OAuth2App):
    backend: Literal["imap"]
    host: str
    port: int = 993
    security: Literal["tls", "starttls"] = "tls"
    username: str
    password: Secret | None = None  # with auth = "password" (the default)
    folder: str = "INBOX"
    processed_folder: str = "MARAC/Processed"
    poll_seconds: float = Field(default=60.0, gt=0)
    use_idle: bool = True
    # Servers drop an IDLE after 30 minutes (RFC 2177 says clients re-issue within 29).
    idle_renew_seconds: float = Field(default=25 * 60, gt=0, le=29 * 60)
    ca_file: Path | None = None  # a private CA (tests, or a provider with its own)
    # How long one pass keeps reconnecting to a server that went away before it gives up until the next.
    retry_seconds: float = Field(default=30.0, ge=0)

    @model_validator(mode="after")
    def _credentials(self) -> "ImapMailbox":
        problems = self.oauth2_problems()
        if self.auth == "password" and self.password is None:
            problems.append("give 'password' (or auth = \"oauth2\" with tenant_id, client_id, client_secret)")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def wait_seconds(self) -> float:
        """How long the daemon waits for news before polling the server again."""
        return self.poll_seconds


class EwsMailbox(Strict):
    backend: Literal["ews"]
    server: str
    username: str
    password: Secret
    primary_smtp_address: str
    auth: Literal["ntlm", "basic", "oauth2"] = "ntlm"
    folder: str = "Inbox"
    processed_folder: str = "MARAC Processed"
    poll_seconds: float = Field(default=60.0, gt=0)

    @property
    def wait_seconds(self) -> float:
        """How long the daemon waits for news before polling the server again."""
        return self.poll_seconds


class GraphMailbox(Strict):
    backend: Literal["graph"]
    tenant_id: str
    client_id: str
    client_secret: Secret | None = None
    # Or a certificate (PEM with the private key, or .pfx) and its passphrase: see intake/credentials.py.
    client_certificate: Secret | None = None
    certificate_passphrase: Secret | None = None
    user: str
    folder: str = "Inbox"
    processed_folder: str = "MARAC Processed"
    # The delta query runs at least this often: the safety net under the wake-up.
    poll_seconds: float = Field(default=30.0, gt=0)
    # A one-request look at the folder this often; the delta query runs as soon as it sees a change.
    # 5 s costs 120 of the mailbox's 10,000 Graph requests per 10 minutes; 0 turns it off.
    wake_seconds: float = Field(default=5.0, ge=0)
    # Overridable so tests can point at a local server that speaks Graph's JSON.
    graph_url: str = "https://graph.microsoft.com/v1.0"
    authority_url: str = "https://login.microsoftonline.com"

    @model_validator(mode="after")
    def _one_credential(self) -> "GraphMailbox":
        if (self.client_secret is None) == (self.client_certificate is None):
            raise ValueError("the Graph backend needs one of client_secret or client_certificate")
        return self

    @property
    def wait_seconds(self) -> float:
        """How long the daemon waits for news before polling the server again."""
        return self.poll_seconds


Mailbox = Annotated[Union[MaildirMailbox, ImapMailbox, EwsMailbox, GraphMailbox], Field(discriminator="backend")]


class LocalSender(Strict):
    backend: Literal["local"]
    path: Path = Path("outbox")


class SmtpSender(OAuth2App):
    backend: Literal["smtp"]
    host: str
    port: int = 587
    # 'plain' exists for a loopback relay only; anything else must be encrypted.
    security: Literal["starttls", "tls", "plain"] = "starttls"
    username: str | None = None
    password: Secret | None = None
    ca_file: Path | None = None
    timeout_seconds: float = 30.0

    @model_validator(mode="after")
    def _plain_only_on_loopback(self) -> "SmtpSender":
        if self.security == "plain" and self.host not in {"127.0.0.1", "::1", "localhost"}:
            raise ValueError("unencrypted SMTP is allowed only to a relay on this machine (127.0.0.1)")
        problems = self.oauth2_problems()
        if self.auth == "oauth2" and self.security == "plain":
            problems.append("auth = \"oauth2\" sends a token: use security = \"starttls\" or \"tls\"")
        if self.auth == "oauth2" and not self.username:
            problems.append("auth = \"oauth2\" needs 'username' (the mailbox the app sends as)")
        if problems:
            raise ValueError("; ".join(problems))
        return self


class EwsSender(Strict):
    backend: Literal["ews"]


class GraphSender(Strict):
    backend: Literal["graph"]


Sender = Annotated[Union[LocalSender, SmtpSender, EwsSender, GraphSender], Field(discriminator="backend")]


