"""The numbered schema migrations (migrations/NNNN_*.sql), applied in order, each in one transaction with
any Python step it needs. SQLite counts them in PRAGMA user_version, PostgreSQL in a `schema_version` row.

PostgreSQL runs the same files, with SQLite's column types translated (dialect.ddl): one set of files to
change keeps the two schemas from drifting apart. A future migration that cannot be translated mechanically
(SQLite's table rebuilds, say) gets a PostgreSQL version with the same number in migrations/postgresql/.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from importlib import resources
from typing import TYPE_CHECKING, Any

from . import chain

if TYPE_CHECKING:
    from .pg import PgConnection

Transaction = Callable[[Any], AbstractContextManager[Any]]

# Steps a migration needs that SQL cannot do, run in the same transaction as its script.
_AFTER: dict[int, Callable[[Any], None]] = {7: chain.seal_existing}


def _scripts(folder_name: str = "") -> dict[int, str]:
    folder = resources.files("marac.store") / "migrations"
    if folder_name:
        folder = folder / folder_name
        if not folder.is_dir():
            return {}
    return {int(entry.name.split("_", 1)[0]): entry.read_text()
            for entry in folder.iterdir() if entry.name.endswith(".sql")}


def _statements(script: str) -> list[str]:
    return [statement for statement in script.split(";\n") if statement.strip()]


def sqlite(conn: sqlite3.Connection, transaction: Transaction) -> None:
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    for version, script in sorted(_scripts().items()):
        if version <= current:
            continue
        with transaction(conn):
            for statement in _statements(script):
                conn.execute(statement)
            if version in _AFTER:
                _AFTER[version](conn)
            conn.execute(f"PRAGMA user_version = {version:d}")


def postgresql(conn: PgConnection, transaction: Transaction) -> None:
    scripts = {**_scripts(), **_scripts("postgresql")}
    # A session lock around the whole: a second daemon starting now waits, then finds nothing to do.
    with conn.session_lock("migrate"):
        with transaction(conn):
            conn.execute_ddl("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            if conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 0:
                conn.execute("INSERT INTO schema_version (version) VALUES (0)")
        for version, script in sorted(scripts.items()):
            with transaction(conn):
                if version <= conn.execute("SELECT version FROM schema_version").fetchone()[0]:
                    continue
                for statement in _statements(script):
                    conn.execute_ddl(statement)
                conn.learn_tables()  # the steps below, and every INSERT after, may use a new table's id
                if version in _AFTER:
                    _AFTER[version](conn)
                conn.execute("UPDATE schema_version SET version = ?", (version,))
        conn.learn_tables()
