"""The store: a SQLite file (WAL mode) by default, or a schema in a PostgreSQL database; schema migrations
are applied in order at open, the same numbered ones on both."""
from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from . import migrate
from .interface import Connection, Cursor, Row

if TYPE_CHECKING:
    from marac.config_sections import Store

__all__ = ["Connection", "Cursor", "Row", "connect", "connect_url", "is_shared", "open_store", "schema_for",
           "transaction", "utcnow"]


def utcnow() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if need be) and migrate the SQLite store.

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
    migrate.sqlite(conn, transaction)
    return conn


def connect_url(url: str, schema: str) -> Connection:
    """Open a PostgreSQL database, in `schema` (created if missing), and migrate it.

    The url holds a password: it never appears in a message or log (errors name host and port at most).
    """
    from . import pg  # psycopg is imported only by those who use PostgreSQL

    conn = pg.connect(url, schema)
    try:
        migrate.postgresql(conn, transaction)
    except BaseException:
        conn.close()
        raise
    return conn


def schema_for(area_code: str) -> str:
    return f"marac_{area_code.lower()}"


def open_store(store: Store | None, home: Path, area_code: str) -> Connection:
    """The area's store: SQLite in the home folder unless the configuration names a database url."""
    if store is None or store.url is None:
        return connect(home / "marac.db")
    return connect_url(store.url.read(), schema_for(area_code))


def is_shared(conn: Connection) -> bool:
    """True when several daemons may share the store (PostgreSQL), so work must be claimed first."""
    return not isinstance(conn, sqlite3.Connection)


@contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """One transaction that writers take in turn: SQLite's BEGIN IMMEDIATE takes the write lock at
    once; on PostgreSQL `begin_write` takes an advisory lock for the schema, so a read-then-write (the
    next case number, the audit chain's head) sees no other writer in between. Readers never wait."""
    if isinstance(conn, sqlite3.Connection):
        conn.execute("BEGIN IMMEDIATE")
    else:
        conn.begin_write()  # type: ignore[attr-defined]
    try:
        yield conn
    except BaseException:
        if isinstance(conn, sqlite3.Connection):
            conn.execute("ROLLBACK")
        else:
            conn.rollback()  # type: ignore[attr-defined]
        raise
    else:
        conn.execute("COMMIT")
