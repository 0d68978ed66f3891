"""Meeting dates as commands take them: only a date the calendar (or the store) holds a meeting on."""
from __future__ import annotations

import datetime as dt
import sqlite3

from marac.config import Config
from marac.referral import meeting_dates
from marac.store import meetings

from .common import UsageError

# How many coming meetings a refusal lists, and how far ahead it looks for them.
SHOWN = 3
LOOK_AHEAD = dt.timedelta(days=400)


def next_meetings(config: Config, today: dt.date) -> list[dt.date]:
    return meeting_dates.meeting_dates(config.meetings, today, today + LOOK_AHEAD)[:SHOWN]


def scheduled_meeting(conn: sqlite3.Connection, config: Config, text: str | None) -> dt.date:
    """The meeting date asked for, or a UsageError listing the next meetings: papers built for a day
    with no meeting would go to every agency about nothing."""
    if not text:
        raise UsageError("Give the meeting date: --meeting YYYY-MM-DD")
    coming = next_meetings(config, dt.date.today())
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        example = f" (the next meeting is {coming[0].isoformat()})" if coming else ""
        raise UsageError(f"'{text}' is not a date written YYYY-MM-DD{example}") from None
    if day in meeting_dates.meeting_dates(config.meetings, day, day) or meetings.exists(conn, day):
        return day
    listed = ", ".join(f"{d:%A %-d %B %Y} ({d.isoformat()})" for d in coming)
    raise UsageError(f"There is no MARAC meeting on {day:%A %-d %B %Y}. "
                     + (f"The next meetings are: {listed}" if coming else
                        "No meetings are scheduled: check [meetings] in the configuration"))
