"""The figures of one period, as the workbook and the PDF lay them out: counts, shares and durations only."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# The SafeLives return's agency columns, in its order, with the headings people read.
AGENCY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("police", "Police"), ("idva", "IDVA"), ("health", "Health"),
    ("childrens_social_care", "Children's social care"), ("adult_social_care", "Adult social care"),
    ("housing", "Housing"), ("probation", "Probation"), ("education", "Education"),
    ("substance_misuse", "Substance misuse"), ("voluntary", "Voluntary sector"), ("other", "Other"))

# The equality facts of the return; each is counted as yes, and as unknown where the form did not say.
EQUALITY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("bme", "Black, Asian and racially minoritised victims"), ("lgbt", "LGBT+ victims"),
    ("disabled", "Disabled victims"), ("male", "Male victims"), ("aged_16_17", "Victims aged 16-17"),
    ("young_abuser", "Abusers aged 17 or under"))


@dataclass(frozen=True)
class Tally:
    """How many cases a fact is true of, and of how many it is not known (never counted as 'no')."""
    yes: int = 0
    unknown: int = 0

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(self.yes + other.yes, self.unknown + other.unknown)


@dataclass
class MeetingRow:
    date: dt.date | None  # None: the totals row
    cases: int = 0
    repeats: int = 0
    by_agency: dict[str, int] = field(default_factory=lambda: {k: 0 for k, _ in AGENCY_COLUMNS})
    children: int = 0
    equality: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k, _ in EQUALITY_COLUMNS})


@dataclass(frozen=True)
class Comparison:
    """One rate beside SafeLives' recommended level (if it has one) and the national figure."""
    label: str
    ours: float | None  # None: not worked out (the note says why)
    recommended: float | None
    national: float | None
    note: str = ""


@dataclass(frozen=True)
class Spread:
    """A duration over many items: how many, the median and the 95th percentile, in `unit`."""
    label: str
    unit: str
    count: int
    median: float | None
    p95: float | None


@dataclass(frozen=True)
class AgencyAttendance:
    agency: str
    meetings: int  # meetings in the period whose minutes recorded attendance
    present: int
    apologies: int
    apologies_with_information: int
    absent: int


@dataclass(frozen=True)
class AgencyActions:
    agency: str
    total: int
    done_on_time: int
    done_late: int
    overdue: int
    open_not_due: int


@dataclass
class Service:
    idva_copy: Spread
    listed: Spread
    heard: Spread
    heard_target_weeks: int
    heard_within_target: int
    heard_weeks: list[tuple[str, int]]  # how long cases waited to be heard, in two-week bands
    desk_items: int
    desk_open: int
    desk_wait: Spread
    actions: list[AgencyActions]
    attendance: str  # a sentence on where the attendance figures come from
    attendance_rows: list[AgencyAttendance] = field(default_factory=list)


@dataclass
class Figures:
    area: str
    period: str  # "2026 Q3 (July to September)"
    start: dt.date
    end: dt.date
    meetings: list[MeetingRow]
    totals: MeetingRow
    rates: list[Comparison]
    national_period: str
    national_cases: int
    national_children: int
    service: Service
    unmatched_referrals: int  # referrals whose agency is not a configured one: counted as "other"
    notes: list[str] = field(default_factory=list)
