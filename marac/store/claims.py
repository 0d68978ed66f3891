"""Claims: which of several daemons sharing a PostgreSQL store does a piece of work (a mailbox, a job).

A claim is a session-level advisory lock: it lasts until released or until the connection ends, so a
daemon that is killed loses its claims as soon as the server notices its connection has gone (at once
when the process dies, the kernel closing its socket; within about a minute when its machine vanishes,
by TCP keepalive, see pg.connect), and another daemon can take the work over. On SQLite there is one daemon per home (the lock file sees to
that), so every claim succeeds and releasing does nothing.

Advisory locks count: claiming twice on one connection needs releasing twice.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from . import advisory
from .db import Connection, is_shared


def _key(conn: Connection, name: str) -> int:
    return advisory.key(conn.schema, f"claim:{name}")  # type: ignore[attr-defined]


def try_claim(conn: Connection, name: str) -> bool:
    """Take the claim `name` for this connection's session, without waiting; False when another holds it."""
    if not is_shared(conn):
        return True
    return bool(conn.execute("SELECT pg_try_advisory_lock(?)", (_key(conn, name),)).fetchone()[0])


def release(conn: Connection, name: str) -> None:
    """Give up a claim this connection holds (nothing happens when it holds none)."""
    if is_shared(conn):
        conn.execute("SELECT pg_advisory_unlock(?)", (_key(conn, name),))


@contextmanager
def held(conn: Connection, name: str) -> Iterator[bool]:
    """`with held(conn, "mailbox") as mine:` — `mine` says whether the claim was taken; if it was, it is
    released when the block ends."""
    mine = try_claim(conn, name)
    try:
        yield mine
    finally:
        if mine:
            release(conn, name)
