"""Pick the mailbox and sender the configuration names; the pipeline never knows which it has."""
from __future__ import annotations

from pathlib import Path

from marac.config import Config, ConfigError, LocalSender, MaildirMailbox, SmtpSender

from .maildir import MaildirMailbox as Maildir
from .mailbox import Mailbox
from .senders.base import Sender
from .senders.local import LocalFolderSender
from .senders.smtp import SmtpSender as Smtp


def make_mailbox(config: Config, home: Path, watch: bool) -> Mailbox:
    settings = config.mailbox
    if isinstance(settings, MaildirMailbox):
        return Maildir(home / settings.path, settle_seconds=settings.settle_seconds, watch=watch)
    raise ConfigError([f"the '{settings.backend}' mailbox backend is not available in this version; "
                       "use backend = \"maildir\""])


def make_sender(config: Config, home: Path) -> Sender:
    settings = config.sender
    if isinstance(settings, LocalSender):
        return LocalFolderSender(home / settings.path)
    if isinstance(settings, SmtpSender):
        return Smtp(settings)
    raise ConfigError([f"the '{settings.backend}' sender is not available in this version; "
                       "use backend = \"local\" or \"smtp\""])
