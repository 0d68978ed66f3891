"""Turn values as referrers write them into canonical ones. Pure functions, no I/O."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from dateutil import parser as dateparser

_TRUE = {"yes", "y", "true", "t", "x", "1", "on", "checked", "ticked", "✓", "✔", "☒", "☑", "✗", "✘"}
_FALSE = {"no", "n", "false", "f", "0", "off", "unchecked", "☐", "none"}
_UNKNOWN = {"don't know", "dont know", "do not know", "dk", "unknown", "not known", "?", "n/k", "nk"}

# Two far-apart defaults: a component dateutil had to invent differs between the two results.
_DEFAULT_A = dt.datetime(1901, 1, 1)
_DEFAULT_B = dt.datetime(2002, 12, 28)
_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})$")
_YEAR_FIRST = re.compile(r"^\d{4}")  # 2026/03/04, 20260304: year, month, day


class NotUnderstood(ValueError):
    """A value is present but cannot be read without guessing."""


def clean_text(value: str) -> str | None:
    """Collapse whitespace; an empty or placeholder-only value is 'not given'."""
    text = unicodedata.normalize("NFC", value).replace("\u00a0", " ")
    text = "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()).strip()
    if not text or text.strip("_. -") == "" or text.lower() in {"n/a", "na", "click or tap here to enter text."}:
        return None
    return text


def _key(value: str) -> str:
    return value.strip().lower().replace("’", "'").rstrip(".")


def parse_bool(value: str | bool) -> bool | None:
    if isinstance(value, bool):
        return value
    key = _key(value)
    if not key:
        return None
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    if key in _UNKNOWN:
        return None
    raise NotUnderstood(f"'{value}' is not a yes or no")


def parse_answer(value: str | bool) -> str | None:
    """A DASH answer: yes / no / unknown, or None where nothing is marked."""
    if isinstance(value, bool):
        return "yes" if value else None
    key = _key(value)
    if not key:
        return None
    if key in _UNKNOWN or key == "don't know/not answered":
        return "unknown"
    verdict = parse_bool(value)
    return None if verdict is None else ("yes" if verdict else "no")


def parse_date(value: str, *, century: int | None = None) -> dt.date:
    """UK day-first dates in any common spelling; anything ambiguous or partial is refused.

    A two-digit year is refused, since it cannot be read without guessing the century, unless the caller
    knows it: `century` (e.g. 2000) is added to the year of an all-number date such as 04.03.26. The shared
    action tracker passes it, as people type this year's dates that way into the spreadsheet.
    """
    text = value.strip().rstrip(".")
    if _ISO.match(text):
        try:
            return dt.date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
        except ValueError:
            raise NotUnderstood(f"'{value}' is not a real date (year-month-day)") from None
    if not re.search(r"\d", text):
        raise NotUnderstood(f"'{value}' is not a date")
    numeric = _NUMERIC.match(text)
    if numeric:
        # All-number dates are read day, month, year and nothing else: dateutil would quietly swap
        # day and month when the day is over 12, and an American date would pass as a British one.
        day, month, year = (int(g) for g in numeric.groups())
        if century is not None and len(numeric.group(3)) == 2:
            year += century
        if year < 1000:
            raise NotUnderstood(f"'{value}' has a two-digit year; the year is needed in full")
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise NotUnderstood(f"'{value}' is not a real date (day/month/year)") from None
    # A year written first is followed by the month (2026/03/04, 2026-03-04 10:30): dateutil's day-first
    # reading would swap them.
    dayfirst = not _YEAR_FIRST.match(text)
    try:
        a = dateparser.parse(text, dayfirst=dayfirst, yearfirst=not dayfirst, default=_DEFAULT_A)
        b = dateparser.parse(text, dayfirst=dayfirst, yearfirst=not dayfirst, default=_DEFAULT_B)
    except (ValueError, OverflowError) as exc:
        raise NotUnderstood(f"'{value}' is not a date") from exc
    if a != b:
        raise NotUnderstood(f"'{value}' is not a complete date (day, month and year)")
    if not re.search(r"\d{4}", text):
        # 05/06/07 cannot be read without guessing the century.
        raise NotUnderstood(f"'{value}' has a two-digit year; the year is needed in full")
    return a.date()


_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")


def parse_postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", value.upper())
    match = _POSTCODE.match(compact)
    if not match:
        raise NotUnderstood(f"'{value}' does not look like a UK postcode")
    return f"{match.group(1)} {match.group(2)}"


def postcode_in(address: str) -> str | None:
    """The last UK postcode written inside an address, if any."""
    found = re.findall(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b", address.upper())
    return f"{found[-1][0]} {found[-1][1]}" if found else None


def parse_int(value: str) -> int:
    match = re.fullmatch(r"\s*(\d{1,3})\s*(?:/\s*24)?\s*", value)
    if not match:
        raise NotUnderstood(f"'{value}' is not a number")
    return int(match.group(1))


def parse_list(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,\n]|\s/\s", value) if part.strip()]


def parse_bool_or_none(value: str) -> bool | None:
    """Like parse_bool, but a value that is not a yes/no reads as not ticked."""
    try:
        return parse_bool(value)
    except NotUnderstood:
        return None
