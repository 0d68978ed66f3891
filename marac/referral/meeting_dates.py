"""The MARAC meeting calendar: meeting dates, referral cut-offs and the hearing-delay warning.

Pure functions over `marac.config.Meetings`; no I/O. Bank holidays are England and Wales bank holidays
from the `holidays` package (GB, subdivision ENG; Wales has the same days), never a hand-written list.

All dates are calendar dates in England (Europe/London). A caller holding a timestamp must convert it to
the London date first: a UTC timestamp between 23:00 and midnight in summer is already the next day
here, which decides whether a referral meets a cut-off.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from marac.config import Meetings

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ONE_DAY = dt.timedelta(days=1)
# How far next_meeting() looks ahead before giving up.
HORIZON = dt.timedelta(days=731)
# Slack when generating scheduled dates, so a meeting moved off a bank holiday into the window is found
# (the longest run of non-working days, Christmas on a Saturday, moves a meeting by 5 days).
_MOVE_SLACK = dt.timedelta(days=14)


def _day(value: dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        raise TypeError("pass the date in England (Europe/London), not a timestamp")
    return value


def _spoken(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(day: dt.date) -> bool:
    """True on an England and Wales bank holiday, including substitute days (e.g. Monday 28 Dec 2026)."""
    return _day(day) in _bank_holidays(day.year)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not an England and Wales bank holiday."""
    return _day(day).weekday() < 5 and not is_bank_holiday(day)


def working_days_before(day: dt.date, n: int) -> dt.date:
    """The date `n` working days before `day`; `day` itself is never counted (n = 0 gives `day`)."""
    if n < 0:
        raise ValueError("the number of working days cannot be negative")
    current = _day(day)
    while n:
        current -= _ONE_DAY
        if is_working_day(current):
            n -= 1
    return current


def working_days_after(day: dt.date, n: int) -> dt.date:
    """The date `n` working days after `day`; `day` itself is never counted (n = 0 gives `day`)."""
    if n < 0:
        raise ValueError("the number of working days cannot be negative")
    current = _day(day)
    while n:
        current += _ONE_DAY
        if is_working_day(current):
            n -= 1
    return current


def _next_working_day(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += _ONE_DAY
    return day


def _nth_weekday(year: int, month: int, weekday: int, week: int | str) -> dt.date:
    if week == "last":
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        last = nxt - _ONE_DAY
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (int(week) - 1))


def _scheduled(settings: Meetings, start: dt.date, end: dt.date) -> list[dt.date]:
    """The dates the configuration names between start and end, before any bank-holiday rule."""
    if settings.frequency == "daily":
        sits = {_WEEKDAYS.index(name) for name in settings.weekdays}
        return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)
                if (start + dt.timedelta(days=n)).weekday() in sits]
    if settings.frequency == "dates":
        return [d for d in settings.dates if start <= d <= end]
    if settings.frequency == "monthly":
        weekday = _WEEKDAYS.index(settings.weekday)
        found = []
        year, month = start.year, start.month
        while (year, month) <= (end.year, end.month):
            day = _nth_weekday(year, month, weekday, settings.week_of_month)
            if start <= day <= end:
                found.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found
    first = settings.first_date
    assert first is not None  # Meetings validation guarantees it for weekly/fortnightly
    if "weekday" in settings.model_fields_set and _WEEKDAYS[first.weekday()] != settings.weekday:
        raise ValueError(f"the meetings 'first_date' {_spoken(first)} is not a {settings.weekday}, "
                         "the configured 'weekday'")
    step = 7 if settings.frequency == "weekly" else 14
    # The first date on or after `start` in phase with first_date (in either direction).
    day = start + dt.timedelta(days=(first - start).days % step)
    found = []
    while day <= end:
        found.append(day)
        day += dt.timedelta(days=step)
    return found


def meeting_dates(settings: Meetings, start: dt.date, end: dt.date) -> list[dt.date]:
    """The meetings held between `start` and `end` inclusive, in order.

    daily: each of the `weekdays` (Monday to Friday unless set) that is not a bank holiday; weekly /
    fortnightly: every 7 / 14 days in phase with `first_date` (before it too); monthly: the Nth
    `weekday` of each month, or the last; dates: the explicit list. A scheduled date on a bank holiday
    moves to the next working day (`on_bank_holiday = "next_working_day"`) or is dropped ("skip"); a
    daily MARAC's always drops, since the next working day sits anyway (or, for a MARAC that sits only
    some weekdays, is a day its members keep for other work). The window applies to the date actually
    held, so a meeting moved into or out of the window by a bank holiday is listed or not accordingly.
    """
    start, end = _day(start), _day(end)
    held: set[dt.date] = set()
    for day in _scheduled(settings, start - _MOVE_SLACK, end):
        if is_bank_holiday(day):
            if settings.on_bank_holiday == "skip" or settings.frequency == "daily":
                continue
            day = _next_working_day(day)
        if start <= day <= end:
            held.add(day)
    return sorted(held)


def cutoff(settings: Meetings, meeting: dt.date) -> dt.date:
    """The last day a referral may arrive and still be heard at `meeting`.

    It is `cutoff_working_days` working days before the meeting: count back from the day before the
    meeting, counting only Monday to Friday days that are not England and Wales bank holidays; the
    meeting day itself is not counted. A referral received on the cut-off day (at any time that day)
    is heard at that meeting; one received the day after is not. With 5 working days, a Tuesday
    8 December 2026 meeting has its cut-off on Tuesday 1 December 2026. With 0, the cut-off is the
    meeting day itself.
    """
    return working_days_before(meeting, settings.cutoff_working_days)


def circulation_day(settings: Meetings, meeting: dt.date, documents_lead: int) -> dt.date:
    """The day a meeting's list and papers go out: `circulate_working_days` working days before it,
    counted as the cut-off is (`documents_lead`, the [documents] setting, when [meetings] sets none).
    For a daily MARAC sitting on Tuesday 29 December 2026 with a lead of 2, Christmas Day and the
    Boxing Day holiday (Monday 28) are passed over: the list goes on Wednesday 23 December."""
    return working_days_before(meeting, settings.lead(documents_lead))


def next_meeting(settings: Meetings, received: dt.date) -> dt.date:
    """The first meeting whose cut-off a referral received on `received` meets.

    Looks up to two years ahead; raises ValueError with a plain sentence when there is none (e.g. an
    explicit list of dates that has run out).
    """
    received = _day(received)
    last = received + HORIZON
    for meeting in meeting_dates(settings, received, last):
        if cutoff(settings, meeting) >= received:
            return meeting
    if settings.frequency == "dates":
        raise ValueError(f"No meeting date in the configuration has a referral cut-off on or after "
                         f"{_spoken(received)}: add the next meeting dates to [meetings] dates.")
    raise ValueError(f"No meeting up to {_spoken(last)} has a referral cut-off on or after "
                     f"{_spoken(received)}: check the [meetings] settings.")


def hearing_delay_warning(settings: Meetings, received: dt.date, meeting: dt.date) -> str | None:
    """A plain-sentence warning when `meeting` is more than the expected time after the referral.

    Expected: within 4 weeks (28 days) for a daily, weekly or fortnightly MARAC, 6 weeks (42 days) for
    a monthly one or one with an explicit list of dates. Exactly 4 / 6 weeks is not late. None when in time.
    """
    received, meeting = _day(received), _day(meeting)
    weeks = 4 if settings.frequency in ("daily", "weekly", "fortnightly") else 6
    waited = (meeting - received).days
    if waited <= weeks * 7:
        return None
    kind = "a MARAC with set dates" if settings.frequency == "dates" else f"a {settings.frequency} MARAC"
    days = waited % 7
    wait = f"{waited // 7} weeks" + (f" {days} day{'s' if days > 1 else ''}" if days else "")
    return (f"The referral received on {_spoken(received)} will be heard on {_spoken(meeting)}, {wait} "
            f"later; {kind} should hear cases within {weeks} weeks of referral.")
