"""The audit's hash chain: each entry's hash covers its own fields and the previous entry's hash.

Changing an entry changes its hash; removing or inserting one leaves the next entry pointing at a hash
that is no longer the one before it. Rewriting the whole table consistently is caught by comparing the
chain's head with the heads the daemon writes to its log each day.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from .interface import Connection, Row

GENESIS = "0" * 64  # the 'previous hash' of the first entry
FIELDS = ("id", "at", "event", "case_number", "document", "recipient", "sha256", "detail")


def entry_hash(prev_hash: str, row: Row | dict[str, object]) -> str:
    # JSON of a fixed list: no field's text can be made to look like a boundary between two fields.
    text = json.dumps([prev_hash, *[row[name] for name in FIELDS]], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def head(conn: Connection) -> tuple[int, str]:
    """The last entry's id and hash (0 and GENESIS for an empty trail)."""
    row = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    return (row["id"], row["hash"] or GENESIS) if row else (0, GENESIS)


def seal_existing(conn: Connection) -> None:
    """Chain the entries made before the chain existed (run once, by the migration that adds it)."""
    prev = GENESIS
    for row in conn.execute("SELECT * FROM audit ORDER BY id").fetchall():
        digest = entry_hash(prev, row)
        conn.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, row["id"]))
        prev = digest


@dataclass(frozen=True)
class Break:
    id: int
    at: str
    event: str
    case_number: str | None
    why: str


def verify(conn: Connection) -> tuple[int, Break | None]:
    """How many entries were checked, and the first that does not fit the chain (None: all fit)."""
    prev, count = GENESIS, 0
    for row in conn.execute("SELECT * FROM audit ORDER BY id"):
        count += 1
        where = (row["id"], row["at"], row["event"], row["case_number"])
        if row["prev_hash"] != prev:
            return count, Break(*where, "the entry before it was changed, removed or inserted"
                                if row["hash"] else "it has no hash: it was inserted or altered by hand")
        if row["hash"] != entry_hash(prev, row):
            return count, Break(*where, "it was changed after it was written")
        prev = row["hash"]
    return count, None
