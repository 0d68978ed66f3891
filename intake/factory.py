"""Pick the mailbox and sender the configuration names; the pipeline never knows which it has."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from marac.config import (Config, ConfigError, EwsMailbox, EwsSender, GraphMailbox, GraphSender, ImapMailbox,
                          LocalSender, MaildirMailbox, SmtpSender)

from .mailbox import Mailbox
from .senders.base import Sender


def make_mailbox(config: Config, home: Path, watch: bool, conn: sqlite3.Connection | None = None) -> Mailbox:
    settings = config.mailbox
    if isinstance(settings, MaildirMailbox):
        from .maildir import MaildirMailbox as Maildir
        return Maildir(home / settings.path, settle_seconds=settings.settle_seconds, watch=watch)
    if isinstance(settings, ImapMailbox):
        from .imap import ImapMailbox as Imap
        return Imap(settings, settings.password.read())
    if conn is None:
        raise ConfigError([f"the '{settings.backend}' mailbox needs the store for its sync state"])
    from marac.store.sync_state import SyncStateStore
    if isinstance(settings, EwsMailbox):
        from .ews import EwsMailbox as Ews
        return Ews(settings, settings.password.read(), SyncStateStore(conn))
    if isinstance(settings, GraphMailbox):
        from .graph import GraphMailbox as Graph
        return Graph(settings, settings.client_secret.read(), SyncStateStore(conn))
    raise ConfigError([f"the '{settings.backend}' mailbox backend is not available"])


def make_sender(config: Config, home: Path) -> Sender:
    settings, mailbox = config.sender, config.mailbox
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
        return Graph(mailbox, mailbox.client_secret.read())
    raise ConfigError([f"the '{settings.backend}' sender sends from the mailbox account, so it needs "
                       f"[mailbox] backend = \"{settings.backend}\""])
