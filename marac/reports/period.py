"""A reporting period as people write it: a quarter (`2026Q3`) or a calendar year (`2026`)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    key: str  # 2026Q3, 2026: file names and the outbox's once-only key

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def label(self) -> str:
        if self.months == 12:
            return f"{self.start.year} (January to December)"
        return (f"{self.start.year} Q{(self.start.month - 1) // 3 + 1} "
                f"({_MONTHS[self.start.month - 1]} to {_MONTHS[self.end.month - 1]})")


def quarter(year: int, number: int) -> Period:
    start = dt.date(year, 3 * number - 2, 1)
    end = dt.date(year + (number == 4), (3 * number) % 12 + 1, 1) - dt.timedelta(days=1)
    return Period(start, end, f"{year}Q{number}")


def parse_quarter(text: str) -> Period:
    found = re.fullmatch(r"\s*(\d{4})\s*-?\s*[Qq]([1-4])\s*", text)
    if not found:
        raise ValueError(f"'{text}' is not a quarter: write it like 2026Q3")
    return quarter(int(found[1]), int(found[2]))


def parse_year(text: str) -> Period:
    if not re.fullmatch(r"\s*\d{4}\s*", text):
        raise ValueError(f"'{text}' is not a year: write it like 2026")
    year = int(text)
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))


def quarter_before(day: dt.date) -> Period:
    """The last quarter that ended before `day`."""
    number = (day.month - 1) // 3  # 0 in January to March: the previous year's fourth
    return quarter(day.year - 1, 4) if number == 0 else quarter(day.year, number)
