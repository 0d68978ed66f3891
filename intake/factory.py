"""Pick the mailbox and sender the settings name; the pipeline never knows which it has."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .mailbox import Mailbox
from .remote import StateStore
from .senders.base import Sender
from .settings import (
    EwsMailbox,
    EwsSender,
    GraphMailbox,
    GraphSender,
    ImapMailbox,
    LocalSender,
    MaildirMailbox,
    SettingsError,
    SmtpSender,
)
from .settings import Mailbox as MailboxSettings
from .settings import Sender as SenderSettings


def make_mailbox(settings: MailboxSettings, home: Path, watch: bool,
                 state: StateStore | None = None, max_message_bytes: int | None = None) -> Mailbox:
    """`state` keeps a change-reading mailbox's place (EWS, Graph) across restarts. A message larger
    than `max_message_bytes` is not read whole where the mailbox states its size first."""
    if isinstance(settings, MaildirMailbox):
        from .maildir import MaildirMailbox as Maildir
        return Maildir(home / settings.path, settle_seconds=settings.settle_seconds, watch=watch,
                       max_message_bytes=max_message_bytes)
    if isinstance(settings, ImapMailbox):
        from .imap import ImapMailbox as Imap
        from .oauth import token_source
        return Imap(settings, settings.password.read() if settings.password else None,
                    retry_seconds=settings.retry_seconds, max_message_bytes=max_message_bytes,
                    tokens=token_source(settings))
    if state is None:
        raise SettingsError([f"the '{settings.backend}' mailbox needs the store for its sync state"])
    if isinstance(settings, EwsMailbox):
        from .ews import EwsMailbox as Ews
        return Ews(settings, settings.password.read(), state)
    if isinstance(settings, GraphMailbox):
        from .graph import GraphMailbox as Graph
        return Graph(settings, _app_credential(settings), state, max_message_bytes=max_message_bytes)
    raise SettingsError([f"the '{settings.backend}' mailbox backend is not available"])


def make_sender(settings: SenderSettings, mailbox: MailboxSettings, home: Path) -> Sender:
    if isinstance(settings, LocalSender):
        from .senders.local import LocalFolderSender
        return LocalFolderSender(home / settings.path)
    if isinstance(settings, SmtpSender):
        from .senders.smtp import SmtpSender as Smtp
        return Smtp(settings)
    if isinstance(settings, EwsSender) and isinstance(mailbox, EwsMailbox):
        from .ews import EwsSender as Ews
        return Ews(mailbox, mailbox.password.read())
    if isinstance(settings, GraphSender) and isinstance(mailbox, GraphMailbox):
        from .graph import GraphSender as Graph
        return Graph(mailbox, _app_credential(mailbox))
    raise SettingsError([f"the '{settings.backend}' sender sends from the mailbox account, so it needs "
                         f"[mailbox] backend = \"{settings.backend}\""])


def _app_credential(settings: GraphMailbox) -> str | dict[str, Any]:
    from .credentials import client_credential
    return client_credential(settings.client_secret, settings.client_certificate, settings.certificate_passphrase)
