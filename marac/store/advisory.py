"""Keys for PostgreSQL advisory locks: one number per (schema, purpose), the same in every process."""
from __future__ import annotations

import hashlib


def key(schema: str, name: str) -> int:
    """A stable signed 64-bit key (what pg_advisory_lock takes). Python's hash() differs per process, so
    SHA-256 is used; the schema is part of it so two areas in one database never wait on each other."""
    digest = hashlib.sha256(f"marac\0{schema}\0{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)
