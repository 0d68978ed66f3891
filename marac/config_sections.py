"""Sections of the configuration that stand alone: the tracker, the daemon's schedule, logging and
retention. They live apart from marac.config only to keep that module short enough to read; it
imports them, so `from marac.config import Tracker` still works.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import Field

from intake.settings import Secret
from intake.settings import Strict as _Strict


class Tracker(_Strict):
    path: Path = Path("tracker.xlsx")  # relative to home, or a shared drive path
    backups: int = Field(default=5, ge=0, le=50)
    lock_wait_seconds: float = Field(default=300.0, ge=0)  # while Excel/LibreOffice has it open
    sync_minutes: float = Field(default=5.0, ge=0)  # how often the daemon merges the workbook
    remind_days_before: int = Field(default=3, ge=0, le=60)
    remind_when_overdue: bool = True
    statuses: list[str] = ["Open", "In progress", "Done", "Not done", "Cancelled"]


class Schedule(_Strict):
    """How often the daemon runs each scheduled job, in minutes (0: on every pass). The tracker's own
    interval is [tracker] sync_minutes."""
    documents_minutes: float = Field(default=0.0, ge=0)
    minutes_minutes: float = Field(default=0.0, ge=0)
    reminders_minutes: float = Field(default=0.0, ge=0)
    # The coordinator's morning summary of the desk goes after this local time on working days; None: never.
    desk_summary_at: dt.time | None = dt.time(7, 30)


class Logging(_Strict):
    format: Literal["text", "json"] = "text"
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"


class Retention(_Strict):
    """How long each kind of record is kept (the area's Information Sharing Protocol decides); a case on
    legal hold (`hold`) is kept whatever these say."""
    case_years: float = Field(default=6.0, gt=0)  # after the case's last referral or meeting
    desk_days: int = Field(default=90, ge=1)  # a handled desk folder, after the decision
    sent_days: int = Field(default=30, ge=1)  # a sent message's stored copy and outbox file
    document_months: int = Field(default=12, ge=1)  # a meeting's generated papers, after the meeting
    backup_days: int = Field(default=30, ge=1)  # the tracker's backups


class Store(_Strict):
    """Where the service keeps its state. No url: SQLite in the home folder (the default). A url: a
    PostgreSQL database several daemons may share, each area in its own schema. The url holds a
    password, so it is a secret (`{ env = "MARAC_DATABASE_URL" }`), never written in the file."""
    url: Secret | None = None
