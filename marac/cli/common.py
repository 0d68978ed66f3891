"""What every command shares: the configuration, the home folder and its store, plain-sentence errors."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from marac import logs
from marac.config import Config, ConfigError, config_findings, load, load_service

if TYPE_CHECKING:
    from marac.store.db import Connection

DEFAULT_CONFIG = Path("mailbox_config/local.toml")


class UsageError(Exception):
    """One plain sentence for stderr; exit 2."""


def _home(args: argparse.Namespace) -> Path | None:
    return Path(args.home) if args.home else None


def config_and_home(args: argparse.Namespace) -> tuple[Config, Path]:
    """The one area a command works on: the file's only area, or the one chosen with --area (a file
    serving several refuses to guess)."""
    config = load(Path(args.config), _home(args), getattr(args, "area", None))
    logs.configure(args.log_format or config.logging.format, config.logging.level)
    return config, config.home


def configs_for(args: argparse.Namespace) -> list[Config]:
    """Every area the command serves: the one chosen with --area, or else all the file serves (one for a
    single-area file), each with its own home."""
    area = getattr(args, "area", None)
    configs = [load(Path(args.config), _home(args), area)] if area else load_service(Path(args.config), _home(args))
    logs.configure(args.log_format or configs[0].logging.format, configs[0].logging.level)
    return configs


def is_served_area(config: Config) -> bool:
    """Whether the configuration is one of several areas served by one file (its findings then name it)."""
    return any(m.served_here for m in config.marac_areas)


def findings_by_area(configs: list[Config]) -> tuple[list[str], list[str]]:
    """`config_findings` of every area, each naming its area when the file serves several."""
    errors: list[str] = []
    warnings: list[str] = []
    for config in configs:
        named = len(configs) > 1 or is_served_area(config)
        found = config_findings(config)
        errors += [f"area {config.area.code}: {e}" if named else e for e in found[0]]
        warnings += [f"area {config.area.code}: {w}" if named else w for w in found[1]]
    return errors, warnings


def has_state(home: Path, config: Config | None = None) -> bool:
    """Whether the service was set up here. A PostgreSQL store lives on its server, so only SQLite's
    marac.db can show a mistyped --home."""
    return (home / "marac.db").is_file() or (config is not None and config.store.url is not None)


def open_store(args: argparse.Namespace) -> tuple[Config, Path, Connection]:
    """For commands that read or change what the service holds: a home with no store is refused, so a
    misspelt --home says so instead of answering from a new, empty store."""
    from marac.store import db
    config, home = config_and_home(args)
    if not has_state(home, config):
        raise UsageError(f"{home} holds no MARAC service state (there is no marac.db in it): check --home, "
                         "or start a new service there with `run.py init`")
    return config, home, db.open_store(config.store, home, config.area.code)


def deliver_now(config: Config, home: Path, conn: Connection,
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
