"""Intake's log events: the standard `logging` hierarchy under the `intake` logger.

Events carry identifiers only (a backend's name, a reason code, a count) as the record's `fields`.
The application decides where they go and guards them: `marac.logs` attaches its handler and its
personal-data allow-list filter to this logger, so intake needs nothing of the application to log.
"""
from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger("intake")


def event(name: str, level: int = logging.INFO, **fields: Any) -> None:
    logger.log(level, name, extra={"fields": fields})


def warning(name: str, **fields: Any) -> None:
    event(name, logging.WARNING, **fields)


def error(name: str, **fields: Any) -> None:
    event(name, logging.ERROR, **fields)
