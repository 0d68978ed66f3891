"""The SQLite store: one file, WAL mode, schema migrations applied in order at open."""
from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Callable, Iterator

from . import chain


def utcnow() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("marac.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text()))
    return sorted(found)


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if need be) and migrate the store.

    Autocommit mode: every write goes through `transaction`, so no statement is ever left in an
    implicit, half-finished transaction.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    # FULL: a transaction reported committed survives a power cut, which the exactly-once
    # promise (record first, side effects after) depends on.
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    # Deleted rows are overwritten, not left readable in free pages (retention, subject access).
    conn.execute("PRAGMA secure_delete=ON")
    _migrate(conn)
    return conn


# Steps a migration needs that SQL cannot do, run in the same transaction as its script.
_AFTER: dict[int, Callable[[sqlite3.Connection], None]] = {7: chain.seal_existing}


def _migrate(conn: sqlite3.Connection) -> None:
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    for version, script in _migrations():
        if version <= current:
            continue
        with transaction(conn):
            for statement in script.split(";\n"):
                if statement.strip():
                    conn.execute(statement)
            if version in _AFTER:
                _AFTER[version](conn)
            conn.execute(f"PRAGMA user_version = {version:d}")


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
