"""Structured logs: one line per event, text or JSON lines.

Only identifiers travel in logs: case numbers, short message hashes, counts, reason codes. Fields are
checked against an allow-list so a name, date of birth, address, phone number or a file name (which
often carries the victim's name) can never be logged by accident.
"""
from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

SAFE_FIELDS = frozenset({
    "case", "msg", "ledger", "outbox", "reason", "count", "seconds", "attempt", "backend", "state",
    "purpose", "pending", "meeting", "exception", "files", "forms", "problems", "pid", "version",
    "rate", "folder",
})

_logger = logging.getLogger("marac")


class _Formatter(logging.Formatter):
    def __init__(self, as_json: bool) -> None:
        super().__init__()
        self.as_json = as_json

    def format(self, record: logging.LogRecord) -> str:
        fields: dict[str, Any] = getattr(record, "fields", {})
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + "Z"
        if self.as_json:
            return json.dumps({"time": stamp, "level": record.levelname.lower(), "event": record.getMessage(),
                               **fields}, default=str)
        pairs = " ".join(f"{k}={v}" for k, v in fields.items())
        return f"{stamp} {record.levelname:<7} {record.getMessage()} {pairs}".rstrip()


def configure(fmt: str = "text", level: str = "INFO", stream: Any = None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(_Formatter(fmt == "json"))
    _logger.handlers[:] = [handler]
    _logger.setLevel(level)
    _logger.propagate = False


def event(name: str, level: int = logging.INFO, **fields: Any) -> None:
    unsafe = set(fields) - SAFE_FIELDS
    if unsafe:
        # A programming error, not a user's: refuse loudly rather than risk a leak.
        raise ValueError(f"log field(s) not on the allow-list: {sorted(unsafe)}")
    _logger.log(level, name, extra={"fields": fields})


def warning(name: str, **fields: Any) -> None:
    event(name, logging.WARNING, **fields)


def error(name: str, **fields: Any) -> None:
    event(name, logging.ERROR, **fields)
