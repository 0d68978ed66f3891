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
    "rate", "folder", "withheld", "head", "area",
})

_logger = logging.getLogger("marac")
# The adapters log under their own names (`intake.log`); the same handler and guard serve them.
GUARDED = ("marac", "intake")


class PersonalDataFilter(logging.Filter):
    """The allow-list as a logging filter, for events logged by packages that cannot call `event` (the
    adapters): any field not on the list is withheld rather than written, and named in `withheld`."""

    def filter(self, record: logging.LogRecord) -> bool:
        fields: dict[str, Any] = getattr(record, "fields", {})
        unsafe = sorted(set(fields) - SAFE_FIELDS)
        if unsafe:
            record.fields = {k: v for k, v in fields.items() if k in SAFE_FIELDS} | {"withheld": ",".join(unsafe)}
        return True


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
    handler.addFilter(PersonalDataFilter())
    for name in GUARDED:
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False


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
