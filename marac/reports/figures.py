"""The period's figures from the store: per meeting, the totals, the rates beside SafeLives' levels, and
how the service itself is doing. Counts and durations only: the workbook and the PDF are built from this.
"""
from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from typing import Any, Iterable

from generators.data_return.model import (
    AgencyActions,
    AgencyAttendance,
    Comparison,
    Figures,
    MeetingRow,
    Service,
    Spread,
    Tally,
)
from marac.config import Config
from marac.store import reporting
from marac.store.db import Connection, Row

from .facts import CaseFacts, case_facts
from .period import Period

ATTENDANCE = "from the attendance table of the minutes read back ({meetings} of {held} meetings)"
NO_ATTENDANCE = ("Not recorded: no minutes read back in the period had their attendance table filled in "
                 "(Present / apologies, Information sent?).")
DONE, DROPPED = {"done", "completed", "complete"}, {"cancelled", "canceled"}


def _when(text: Any) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)  # the store writes UTC
    return moment


def _day(text: Any) -> dt.date | None:
    """A deadline or reported date as the minutes and the tracker write it (ISO, or UK day first)."""
    value = str(text or "").strip()[:10]
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, form).date()
        except ValueError:
            continue
    return None


def spread(label: str, unit: str, values: Iterable[float]) -> Spread:
    ordered = sorted(values)
    if not ordered:
        return Spread(label, unit, 0, None, None)
    rank = max(1, -(-95 * len(ordered) // 100))  # nearest rank: no value is invented between two
    return Spread(label, unit, len(ordered), round(statistics.median(ordered), 1), round(ordered[rank - 1], 1))


def _hours(start: Any, end: Any) -> float | None:
    a, b = _when(start), _when(end)
    return (b - a).total_seconds() / 3600 if a and b and b >= a else None


def meeting_rows(dates: list[str], cases: list[Row], facts: dict[int, CaseFacts]) -> list[MeetingRow]:
    rows = {d: MeetingRow(dt.date.fromisoformat(d)) for d in dates}
    for case in cases:
        row, fact = rows[case["meeting"]], facts[case["id"]]
        row.cases += 1
        row.repeats += int(bool(case["repeat"]))
        row.by_agency[fact.agency_type] += 1
        row.children += fact.children
        for key, value in fact.equality.items():
            row.equality[key] = row.equality[key] + Tally(int(value is True), int(value is None))
    return list(rows.values())


def total(rows: list[MeetingRow]) -> MeetingRow:
    out = MeetingRow(None)
    for row in rows:
        out.cases += row.cases
        out.repeats += row.repeats
        out.children += row.children
        for key, n in row.by_agency.items():
            out.by_agency[key] += n
        for key, tally in row.equality.items():
            out.equality[key] = out.equality[key] + tally
    return out


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def rates(config: Config, totals: MeetingRow, period: Period) -> list[Comparison]:
    report = config.report
    population = report.adult_female_population
    per_10k, note = None, "set [report] adult_female_population to work this out"
    if population:
        # SafeLives' levels are a year's cases: a quarter is scaled up to a year to compare like with like.
        per_10k = round(totals.cases * 12 / period.months / population * 10_000, 1)
        note = "a year's rate" + (": the period's cases scaled to a year" if period.months != 12 else "")
    return [
        Comparison("Cases per 10,000 adult women", per_10k, report.recommended_per_10k, report.national_per_10k, note),
        Comparison("Repeat cases (%)", _percent(totals.repeats, totals.cases), None, report.national_repeat_percent),
        Comparison("Referred by agencies other than the police (%)",
                   _percent(totals.cases - totals.by_agency["police"], totals.cases), None,
                   report.national_non_police_percent),
    ]


def weeks_bands(days: list[int]) -> list[tuple[str, int]]:
    bands = [("Up to 2 weeks", 14), ("2 to 4 weeks", 28), ("4 to 6 weeks", 42), ("6 to 8 weeks", 56)]
    counts, below = [], 0
    for label, limit in bands:
        n = sum(1 for d in days if below < d <= limit or (below == 0 and d <= 0))
        counts.append((label, n))
        below = limit
    return counts + [("Over 8 weeks", sum(1 for d in days if d > 56))]


def _action_rows(actions: list[Row], as_of: dt.date) -> list[AgencyActions]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    names: dict[str, str] = {}
    for action in actions:
        key = " ".join(str(action["agency"] or "").split()).casefold()
        names.setdefault(key, " ".join(str(action["agency"] or "Not given").split()))
        status = str(action["status"] or "").strip().casefold()
        if status in DROPPED:
            continue
        deadline = _day(action["deadline"])
        tally = counts[key]
        tally[0] += 1
        if status in DONE:
            # Completed: on time when its completion was reported by the deadline (or it has none).
            finished = _day(action["status_reported"]) or (_when(action["updated_at"]) or dt.datetime.max).date()
            tally[1 if deadline is None or finished <= deadline else 2] += 1
        elif deadline is not None and deadline < as_of:
            tally[3] += 1
        else:
            tally[4] += 1
    return [AgencyActions(names[k], *v) for k, v in sorted(counts.items())]


def service(config: Config, conn: Connection, period: Period, cases: list[Row],
            referrals: dict[int, list[Row]], as_of: dt.date) -> Service:
    desk_passed = reporting.desk_decisions(conn)
    copy, listed, heard = [], [], []
    for case in cases:
        refs = referrals.get(case["id"], [])
        copy += [h * 60 for r in refs if (h := _hours(r["received_at"], r["copy_sent_at"])) is not None]
        if not refs:
            continue
        first = refs[0]["received_at"]
        if (h := _hours(first, desk_passed.get(case["id"], case["created_at"]))) is not None:
            listed.append(h)
        arrived = _when(first)
        if arrived is not None:
            heard.append((dt.date.fromisoformat(case["meeting"]) - arrived.date()).days)
    weeks = 6 if config.meetings.frequency in ("monthly", "dates") else 4
    desk = reporting.desk_items(conn, period.start, period.end)
    waits = [h for d in desk if (h := _hours(d["created_at"], d["decided_at"])) is not None]
    return Service(
        idva_copy=spread("Referral arrived to IDVA copy sent", "minutes", copy),
        listed=spread("Referral arrived to case listed", "hours", listed),
        heard=spread("Referral arrived to case heard", "days", heard),
        heard_target_weeks=weeks, heard_within_target=sum(1 for d in heard if d <= 7 * weeks),
        heard_weeks=weeks_bands(heard),
        desk_items=len(desk), desk_open=sum(1 for d in desk if d["status"] == "open"),
        desk_wait=spread("Desk item opened to decided", "hours", waits),
        actions=_action_rows(reporting.meeting_actions(conn, period.start, period.end), as_of),
        **_attendance(conn, period, held=len(reporting.meeting_dates(conn, period.start, min(period.end, as_of)))))


def _attendance(conn: Connection, period: Period, held: int) -> dict[str, Any]:
    rows = reporting.attendance(conn, period.start, period.end)
    if not rows:
        return {"attendance": NO_ATTENDANCE, "attendance_rows": []}
    return {"attendance": ATTENDANCE.format(meetings=rows[0]["meetings"], held=held),
            "attendance_rows": [AgencyAttendance(r["agency"], r["recorded"], r["present"], r["apologies"],
                                                 r["apologies_with_information"], r["absent"]) for r in rows]}


def compute(conn: Connection, config: Config, period: Period, as_of: dt.date | None = None) -> Figures:
    """The figures of `period`. Meetings after `as_of` (default today) have not been held, so are left out."""
    as_of = as_of or dt.date.today()
    end = min(period.end, as_of)
    dates = reporting.meeting_dates(conn, period.start, end) if end >= period.start else []
    cases = [c for c in reporting.listed_cases(conn, period.start, end)] if dates else []
    referrals: dict[int, list[Row]] = defaultdict(list)
    for row in reporting.case_referrals(conn, period.start, end) if dates else []:
        referrals[row["case_id"]].append(row)
    facts = {c["id"]: case_facts(config, referrals.get(c["id"], [])) for c in cases}
    rows = meeting_rows(dates, cases, facts)
    totals = total(rows)
    unmatched = sum(1 for f in facts.values() if not f.matched_agency)
    notes = []
    if unmatched:
        notes.append(f"{unmatched} case(s) were referred by an agency that is not in the configuration, or "
                     "gave none: counted as 'Other'.")
    if period.end > as_of:
        notes.append(f"The period is not over: meetings up to {as_of:%-d %B %Y} are counted.")
    report = config.report
    return Figures(area=config.area.name, period=period.label, start=period.start, end=period.end, meetings=rows,
                   totals=totals, rates=rates(config, totals, period), national_period=report.national_period,
                   national_cases=report.national_cases, national_children=report.national_children,
                   service=service(config, conn, period, cases, referrals, as_of), unmatched_referrals=unmatched,
                   notes=notes)
