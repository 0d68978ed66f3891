"""PostgreSQL (psycopg 3) behind the part of sqlite3's interface the store modules use, so every store
module runs unchanged on both: `execute(sql, params)` with `?` placeholders, `executemany`, a cursor
with `fetchone/fetchall/rowcount/lastrowid`, rows read by position or by name, `in_transaction`.

Autocommit, like the SQLite connection: a statement outside `db.transaction` stands alone.
"""
from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import psycopg
from psycopg import sql as pgsql
from psycopg.pq import TransactionStatus

from intake.settings import SettingsError

from . import advisory, dialect


class StoreUnreachable(SettingsError):
    """The database could not be opened. One plain sentence naming host and port at most: the url holds a
    password, so neither it nor the driver's own message (which may quote it) is ever shown."""


class PgRow:
    """A row like sqlite3.Row: by position, by column name (case-insensitive), iterable, `keys()`."""
    __slots__ = ("_values", "_index")

    def __init__(self, values: Sequence[Any], index: dict[str, int]) -> None:
        self._values = tuple(values)
        self._index = index

    def __getitem__(self, key: int | str | slice) -> Any:
        if isinstance(key, str):
            return self._values[self._index[key.lower()]]
        return self._values[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PgRow):
            return self._values == other._values and self.keys() == other.keys()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values)

    def keys(self) -> list[str]:
        return list(self._index)

    def __repr__(self) -> str:
        return f"PgRow({dict(zip(self._index, self._values))!r})"


def _row_factory(cursor: Any) -> Any:
    names = [column.name for column in cursor.description or ()]
    index: dict[str, int] = {}
    for position, name in enumerate(names):
        index.setdefault(name.lower(), position)  # sqlite3.Row: the first column of a name wins
    return lambda values: PgRow(values, index)


def _params(parameters: Sequence[Any] | None) -> tuple[Any, ...]:
    # SQLite stores a bool as 0/1 in INTEGER columns and compares it so; PostgreSQL would refuse a boolean
    # there. A memoryview (sqlite3's BLOB in) is bytes to psycopg.
    return tuple(int(p) if isinstance(p, bool) else bytes(p) if isinstance(p, memoryview) else p
                 for p in parameters or ())


class PgCursor:
    def __init__(self, cursor: psycopg.Cursor[Any], lastrowid: int | None = None) -> None:
        self._cursor = cursor
        self.lastrowid = lastrowid

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    def fetchone(self) -> Any:
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall() if self._cursor.description else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class PgConnection:
    """One session, its `search_path` set to the area's schema."""

    def __init__(self, raw: psycopg.Connection[Any], schema: str,
                 reopen: Callable[[], psycopg.Connection[Any]] | None = None) -> None:
        self.raw = raw
        self.schema = schema
        self._reopen = reopen
        self._tables_with_id: frozenset[str] = frozenset()

    def _live(self) -> psycopg.Connection[Any]:
        """The session, opened again if the server dropped it (a restart, a failover): the statement that
        met the drop failed, and the daemon's next pass finds a working session instead of failing for
        ever. Claims held by the lost session went with it, as they would for a killed daemon."""
        if (self.raw.broken or self.raw.closed) and self._reopen is not None:
            self.raw = self._reopen()
        return self.raw

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def learn_tables(self) -> None:
        """Which tables have an `id` column (INSERTs into them return it, for `lastrowid`)."""
        rows = self.raw.execute("SELECT table_name FROM information_schema.columns WHERE column_name = 'id'"
                                " AND table_schema = current_schema()").fetchall()
        self._tables_with_id = frozenset(str(r[0]).lower() for r in rows)

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> PgCursor:
        text, returns_id = dialect.translate(sql, self._tables_with_id, True)
        cursor = self._live().cursor(row_factory=_row_factory)
        cursor.execute(text.encode(), _params(parameters))  # bytes: psycopg takes it as already composed
        lastrowid = None
        if returns_id:
            row = cursor.fetchone()
            lastrowid = int(row[0]) if row is not None else None
        return PgCursor(cursor, lastrowid)

    def executemany(self, sql: str, seq_of_parameters: Iterable[Sequence[Any]], /) -> PgCursor:
        text, _ = dialect.translate(sql, self._tables_with_id, False)
        cursor = self._live().cursor(row_factory=_row_factory)
        cursor.executemany(text.encode(), [_params(p) for p in seq_of_parameters])
        return PgCursor(cursor)

    def execute_ddl(self, statement: str) -> None:
        """A migration's statement, as written (comments may hold `?`, `%` or apostrophes): no parameters."""
        self.raw.execute(dialect.ddl(statement).encode())

    def begin_write(self) -> None:
        """BEGIN, then wait for the schema's writer lock: writers of one area go one at a time, as with
        SQLite's BEGIN IMMEDIATE. READ COMMITTED, so each statement after the lock sees what the writers
        before committed (a snapshot taken earlier would not)."""
        if self.in_transaction:  # PostgreSQL only warns, and the inner COMMIT would end the outer one early
            raise psycopg.ProgrammingError("cannot start a transaction within a transaction")
        self._live().execute(b"BEGIN ISOLATION LEVEL READ COMMITTED")
        self.raw.execute(b"SELECT pg_advisory_xact_lock(%s)", (advisory.key(self.schema, "write"),))

    def rollback(self) -> None:
        """End the transaction without its changes. A connection the server dropped has nothing to roll
        back (the server did), and the error that brought us here is the one worth raising."""
        if not self.raw.broken and not self.raw.closed:
            self.raw.execute(b"ROLLBACK")

    @contextlib.contextmanager
    def session_lock(self, name: str) -> Iterator[None]:
        """Hold a session-level advisory lock for this schema while the block runs (waiting for it)."""
        lock_key = advisory.key(self.schema, name)
        self.raw.execute(b"SELECT pg_advisory_lock(%s)", (lock_key,))
        try:
            yield
        finally:
            if not self.raw.closed and not self.raw.broken:
                self.raw.execute(b"SELECT pg_advisory_unlock(%s)", (lock_key,))

    def close(self) -> None:
        self.raw.close()


def _where(url: str) -> str:
    """'the database server at host:port', from the url without ever repeating the url itself."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except Exception:  # noqa: BLE001 - a malformed url: say nothing taken from it
        return "the database server"
    host, port = info.get("host"), info.get("port")
    if not host or not isinstance(host, str) or host.startswith("/"):
        return "the database server"
    return f"the database server at {host}:{port or 5432}"


def connect(url: str, schema: str) -> PgConnection:
    """Open a session in `schema`, creating the schema if it is missing."""
    conn = PgConnection(_open(url, schema), schema, reopen=lambda: _open(url, schema))
    return conn


def _open(url: str, schema: str) -> psycopg.Connection[Any]:
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=15, application_name="marac")
    except psycopg.OperationalError:
        raise StoreUnreachable([f"{_where(url)} could not be reached, or refused the service's sign-in: "
                                "check the [store] url and that the server is running"]) from None
    except (psycopg.Error, ValueError, TypeError):
        raise StoreUnreachable(["the [store] url is not a usable PostgreSQL connection url"]) from None
    conn = PgConnection(raw, schema)
    try:
        # Two daemons starting at once must not both create the schema (IF NOT EXISTS is not atomic).
        with conn.session_lock("migrate"):
            raw.execute(pgsql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(pgsql.Identifier(schema)))
            raw.execute(pgsql.SQL("SET search_path TO {}").format(pgsql.Identifier(schema)))
        # A daemon whose machine vanishes (no TCP close) loses its claims within about a minute, not the
        # two hours of the system's default keepalive.
        raw.execute(b"SET tcp_keepalives_idle = 30")
        raw.execute(b"SET tcp_keepalives_interval = 10")
        raw.execute(b"SET tcp_keepalives_count = 3")
    except BaseException:
        raw.close()
        raise
    return raw
