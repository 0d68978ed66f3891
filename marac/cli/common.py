"""What every command shares: the configuration, the home folder and its store, plain-sentence errors."""
from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from marac import logs
from marac.config import Config, ConfigError, load

DEFAULT_CONFIG = Path("mailbox_config/local.toml")


class UsageError(Exception):
    """One plain sentence for stderr; exit 2."""


def config_and_home(args: argparse.Namespace) -> tuple[Config, Path]:
    config = load(Path(args.config), Path(args.home) if args.home else None)
    logs.configure(args.log_format or config.logging.format, config.logging.level)
    return config, config.home


def has_state(home: Path) -> bool:
    return (home / "marac.db").is_file()


def open_store(args: argparse.Namespace) -> tuple[Config, Path, sqlite3.Connection]:
    """For commands that read or change what the service holds: a home with no store is refused, so a
    misspelt --home says so instead of answering from a new, empty store."""
    from marac.store import db
    config, home = config_and_home(args)
    if not has_state(home):
        raise UsageError(f"{home} holds no MARAC service state (there is no marac.db in it): check --home, "
                         "or start a new service there with `run.py init`")
    return config, home, db.connect(home / "marac.db")


def deliver_now(config: Config, home: Path, conn: sqlite3.Connection,
                what: str = "the queued messages") -> None:
    """Send what a command queued now, unless the running service holds the lock (it sends them then)."""
    from intake.factory import make_sender
    from marac.daemon.lock import take_lock
    from marac.flow.delivery import deliver_due
    try:
        lock = take_lock(home / "marac.lock")
    except ConfigError:
        print(f"The running service will send {what}.")
        return
    try:
        sent = deliver_due(conn, make_sender(config.sender, config.mailbox, home), config.area.mailbox_address,
                           config.security.secure_domains)
    finally:
        lock.close()
    print(f"{sent.sent} message(s) sent, {sent.deferred} waiting to be retried, {len(sent.refused)} refused.")
    if sent.reason:
        print(f"Not sent yet because {sent.reason}; the service retries them.")
