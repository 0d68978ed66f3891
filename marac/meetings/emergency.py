"""An emergency MARAC: one case that cannot wait for the next meeting, heard on a day the coordinator
names, its papers out at once.

The case is listed for that day straight away and the agenda and research forms (a virtual MARAC's
document) go out at once, through circulation's gate and outbox: only agencies whose Information
Sharing Protocol is in date on that day, at secure addresses, each disclosure audited. On a day the
calendar already holds a meeting the case joins that meeting's list and its papers go out again with it.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from marac.config import Config
from marac.referral import meeting_dates
from marac.store import audit, meetings
from marac.store import cases as case_store
from marac.store.db import Connection, Row, transaction

from . import circulation


class Refused(ValueError):
    """Why the emergency MARAC cannot be called, as one sentence for the coordinator."""


@dataclass
class Called:
    day: dt.date
    case_number: str
    joined: bool  # the day already had a meeting: the case was added to its list
    notes: list[str]
    report: circulation.Report


def _case(conn: Connection, typed: str) -> Row:
    found = case_store.find_by_number(conn, typed.strip().upper())
    if found is None:
        raise Refused(f"There is no case {typed} in the MARAC's records (see `cases`)")
    case = case_store.get_case(conn, found["id"])
    if case["status"] == "exception":
        raise Refused(f"Case {case['case_number']} is still on the exceptions desk: approve its folder first, "
                      "then call the emergency MARAC")
    if case["status"] in ("heard", "closed"):
        raise Refused(f"Case {case['case_number']} has been {case['status']} already; a new referral opens a "
                      "repeat case, which can then be heard at an emergency MARAC")
    return case


def call(conn: Connection, config: Config, home: Path, day: dt.date, typed_case: str,
         today: dt.date) -> Called:
    """List the case for `day` and circulate its papers now; Refused with a sentence otherwise."""
    if day < today:
        raise Refused(f"{day:%A %-d %B %Y} has passed: an emergency MARAC is called for today or a day to come")
    case = _case(conn, typed_case)
    number, earlier = case["case_number"], case["meeting"]
    notes = []
    settings = config.meetings
    held = meetings.exists(conn, day)
    # Another emergency MARAC that day is joined as it is; a regular meeting makes this case one of its own.
    joined = (held and meetings.kind(conn, day) != "emergency") or (
        not held and day in meeting_dates.meeting_dates(settings, day, day))
    with transaction(conn):
        if joined:
            case_store.ensure_meeting(conn, day.isoformat(), settings.venue, settings.chair)
        elif not held:
            meetings.add_emergency(conn, day, settings.venue, settings.chair)
        case_store.update(conn, case["id"], meeting=day.isoformat(), status="listed")
        audit.record(conn, event="decision", case_number=number, document=f"emergency MARAC {day.isoformat()}",
                     detail=json.dumps({"emergency": day.isoformat(), "was_listed_for": earlier}))
    if joined:
        notes.append(f"{day:%A %-d %B %Y} is a MARAC meeting day already: case {number} is added to its list")
    if earlier and earlier != day.isoformat() and meetings.circulated(conn, dt.date.fromisoformat(earlier), "agenda"):
        notes.append(f"case {number} was on the agenda already sent for {earlier}: tell the agencies it is now "
                     f"heard on {day.isoformat()}")
    kinds = circulation.BEFORE[settings.model]
    report = circulation.circulate(conn, config, home, day, kinds, send=True)
    return Called(day, number, joined, notes, report)
