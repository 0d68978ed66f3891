"""Meeting dates as commands take them (only a date the calendar or the store holds a meeting on), and
the `meeting` command group: `meeting list` (the calendar: cut-off and when papers go out) and
`meeting add --date D --emergency --case N` (an emergency MARAC, its papers out at once)."""
from __future__ import annotations

import argparse
import datetime as dt

from marac.config import Config
from marac.referral import meeting_dates
from marac.store import meetings
from marac.store.db import Connection

from .common import UsageError, deliver_now, open_store

# How many coming meetings a refusal lists, and how far ahead it looks for them.
SHOWN = 3
LOOK_AHEAD = dt.timedelta(days=400)


def next_meetings(config: Config, today: dt.date) -> list[dt.date]:
    return meeting_dates.meeting_dates(config.meetings, today, today + LOOK_AHEAD)[:SHOWN]


def scheduled_meeting(conn: Connection, config: Config, text: str | None) -> dt.date:
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


# --- the `meeting` command group ----------------------------------------------------------------

def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("meeting", help="the MARAC's meetings: list them, or call an emergency MARAC")
    actions = p.add_subparsers(dest="meeting_action", required=True, parser_class=type(p))
    add = actions.add_parser("add", help="call an emergency MARAC for one case: listed, papers out at once")
    add.add_argument("--date", required=True, help="the day it is heard, YYYY-MM-DD")
    add.add_argument("--emergency", action="store_true", help="an emergency MARAC (the only kind added by hand)")
    add.add_argument("--case", required=True, help="the case number, e.g. EXM-2026-0042")
    add.set_defaults(func=cmd_meeting_add)
    listing = actions.add_parser("list", help="coming meetings: cut-off and when the papers go out")
    listing.add_argument("--from", dest="first", help="first day, YYYY-MM-DD (default: today)")
    listing.add_argument("--to", dest="last", help="last day, YYYY-MM-DD (default: four weeks on)")
    listing.set_defaults(func=cmd_meeting_list)


def _date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"'{text}' given to {option} is not a date written YYYY-MM-DD") from None


def cmd_meeting_add(args: argparse.Namespace) -> int:
    from marac.meetings import emergency
    if not args.emergency:
        raise UsageError("Only an emergency MARAC is added by hand (meeting add --date D --emergency --case N); "
                         "regular meetings come from [meetings] in the configuration")
    day = _date(args.date, "--date")
    config, home, conn = open_store(args)
    try:
        called = emergency.call(conn, config, home, day, args.case, dt.date.today())
    except emergency.Refused as exc:
        raise UsageError(str(exc)) from None
    print(f"Emergency MARAC on {day:%A %-d %B %Y} ({day.isoformat()}): case {called.case_number} listed")
    for line in called.notes + called.report.lines():
        print(line)
    deliver_now(config, home, conn)
    return 0


def cmd_meeting_list(args: argparse.Namespace) -> int:
    config, _, conn = open_store(args)
    first = _date(args.first, "--from") if args.first else dt.date.today()
    last = _date(args.last, "--to") if args.last else first + dt.timedelta(days=27)
    settings, lead = config.meetings, config.documents.circulate_working_days
    days = sorted(set(meeting_dates.meeting_dates(settings, first, last)) | set(meetings.dates_between(conn, first, last)))
    papers = "documents go out" if settings.model == "virtual" else "list and papers go out"
    for day in days:
        kind = "emergency MARAC" if meetings.kind(conn, day) == "emergency" else (
            "virtual MARAC (no meeting)" if settings.model == "virtual" else "MARAC")
        print(f"{day.isoformat()} {day:%a}  {kind}; referral cut-off {meeting_dates.cutoff(settings, day).isoformat()}; "
              f"{papers} {meeting_dates.circulation_day(settings, day, lead).isoformat()}")
    if not days:
        print(f"No meetings from {first.isoformat()} to {last.isoformat()}.")
    return 0


