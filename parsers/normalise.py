"""Turn values as referrers write them into canonical ones. Pure functions, no I/O beyond reading the
packaged vocabulary (parsers/data/values.toml: placeholders, yes/no words, glyphs, plausible ages)."""
from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
import unicodedata
from typing import Any

from dateutil import parser as dateparser

from .vocabulary import values_text

# Two far-apart defaults: a component dateutil had to invent differs between the two results.
_DEFAULT_A = dt.datetime(1901, 1, 1)
_DEFAULT_B = dt.datetime(2002, 12, 28)
_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})$")
_YEAR_FIRST = re.compile(r"^\d{4}")  # 2026/03/04, 20260304: year, month, day
# "16", "16/24", "16 ticks", "16 'yes' answers": a count of yes answers as referrers state it
_COUNT = re.compile(r"(?i)\s*(\d{1,3})\s*(?:(?:/|out of)\s*24|ticks?|(?:['‘’]?yes['‘’]?\s*)?(?:answers|responses))?\s*")


@functools.lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """parsers/data/values.toml, parsed once."""
    return tomllib.loads(values_text())


def _fold(value: str) -> str:
    return " ".join(value.lower().replace("\u2019", "'").replace("\u2018", "'").split()).strip().rstrip(".").strip()


@functools.lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    data = vocabulary()
    yes_no = data.get("yes_no", {})
    return (frozenset(map(_fold, yes_no.get("yes", []))), frozenset(map(_fold, yes_no.get("no", []))),
            frozenset(map(_fold, yes_no.get("unknown", []))),
            frozenset(map(_fold, data.get("unknown_text", {}).get("phrases", []))))


@functools.lru_cache(maxsize=1)
def _placeholder_re() -> re.Pattern[str]:
    data = vocabulary().get("placeholders", {})
    alternatives = []
    for phrase in sorted((p.strip() for p in data.get("phrases", []) if p.strip()), key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in phrase.rstrip(".").split()) + r"\.?"
        # A phrase counts only as a whole: never "Select" inside "Selection".
        before = r"(?<!\w)" if re.match(r"\w", phrase) else ""
        after = r"(?!\w)" if re.search(r"\w\.?$", phrase) else ""
        alternatives.append(before + body + after)
    alternatives += list(data.get("patterns", []))
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


def strip_placeholders(text: str) -> str:
    """The text without the prompts an empty box shows ("Click here to enter text.", "[insert name]")."""
    return _placeholder_re().sub(" ", text)


def is_placeholder(text: str) -> bool:
    """Only prompts, blanks, leader dots and underscores: an empty box."""
    return clean_text(text) is None


def is_unknown_text(text: str) -> bool:
    """ "Not known", "N/K", "No details": the referrer does not know (null, no problem)."""
    return _fold(text) in _words()[3]


class NotUnderstood(ValueError):
    """A value is present but cannot be read without guessing."""


def clean_text(value: str) -> str | None:
    """Collapse whitespace; an empty or placeholder-only value is 'not given'."""
    text = unicodedata.normalize("NFC", value)
    text = "".join(" " if unicodedata.category(ch) == "Zs" else ch for ch in text)  # no-break, en-spaces
    if any(ch.isalpha() for ch in text):
        text = strip_placeholders(text)
    text = "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()).strip()
    text = re.sub(r"\n{2,}", "\n", text)
    if not text or text.strip("_. -\n") == "" or text.lower() in {"n/a", "na"}:
        return None
    return text


def _key(value: str) -> str:
    return _fold(value)


# "Yes – see below", "No, not at present", "Yes (details overleaf)": the answer word, then a separator.
_ANSWER_THEN_WHY = re.compile(r"^(?P<word>[^\W\d_]+)\s*(?:[\u2013\u2014\-,:;(]|\.\s)\s*\S")
# "Y /", "Yes/", "/ N": the printed other option deleted.
_ONE_SIDED = re.compile(r"^(?:(?P<before>[^/]+?)\s*/|/\s*(?P<after>[^/]+?))$")


def _bool_word(key: str) -> bool | None | object:
    yes, no, unknown, _ = _words()
    if key in yes:
        return True
    if key in no:
        return False
    if key in unknown:
        return None
    return _NOT_A_WORD


_NOT_A_WORD = object()


def parse_bool(value: str | bool) -> bool | None:
    if isinstance(value, bool):
        return value
    key = _key(symbol_glyphs_as_boxes(value))
    if not key:
        return None
    verdict = _bool_word(key)
    if verdict is not _NOT_A_WORD:
        return verdict  # type: ignore[return-value]
    one_sided = _ONE_SIDED.match(key)
    if one_sided:
        word = _bool_word((one_sided.group("before") or one_sided.group("after") or "").strip())
        if isinstance(word, bool):
            return word
    if _both_offered(key):
        # "Y / N" still as printed, or both boxes ticked: which applies is for a person to say.
        raise NotUnderstood(f"'{value}' gives both yes and no")
    why = _ANSWER_THEN_WHY.match(key)
    if why:
        word = _bool_word(why.group("word"))
        if word is not _NOT_A_WORD:
            return word  # type: ignore[return-value]
    if (written := _AS_WRITTEN.sub("", value).strip(" /\t\n")) and written != value.strip():
        return parse_bool(written)  # "Yes / (delete as appropriate)", "Y/N/Not known N": the word left
    raise NotUnderstood(f"'{value}' is not a yes or no")


_AS_WRITTEN = re.compile(r"\(\s*(?:please\s+)?delete\s+(?:as\s+)?(?:appropriate|applicable)\s*\)|^\s*(?:y\s*/\s*n|"
                         r"yes\s*/\s*no|y\s+or\s+n|yes\s+or\s+no)(?:\s*/\s*(?:not\s+known|n/?k|dk|don'?t\s+know))?"
                         r"\s*\??\s+(?=\S)", re.IGNORECASE)


def _both_offered(key: str) -> bool:
    """ "Y / N", "Yes/No", "yes or no": both options still printed, neither chosen."""
    parts = [p.strip() for p in re.split(r"\s*/\s*|\s+or\s+", key)]
    if len(parts) != 2:
        return False
    words = [_bool_word(p) for p in parts]
    return True in words and False in words


def symbol_glyphs(kind: str) -> str:
    """Symbol-font boxes typed through Insert > Symbol: private-use code points, data/values.toml [glyphs]."""
    return "".join(chr(int(code, 16)) for code in vocabulary().get("glyphs", {}).get(kind, []))


@functools.lru_cache(maxsize=1)
def _as_boxes() -> dict[int, str]:
    return str.maketrans({**{g: "\u2612" for g in symbol_glyphs("checked")},
                          **{g: "\u2610" for g in symbol_glyphs("unchecked")}})


def symbol_glyphs_as_boxes(text: str) -> str:
    """A symbol font's tick box written as ☒ / ☐, so it reads like any other."""
    return text.translate(_as_boxes())


def parse_answer(value: str | bool) -> str | None:
    """A DASH answer: yes / no / unknown, or None where nothing is marked."""
    if isinstance(value, bool):
        return "yes" if value else None
    key = _key(value)
    if not key:
        return None
    if key in _words()[2] or key == "don't know/not answered":
        return "unknown"
    verdict = parse_bool(value)
    return None if verdict is None else ("yes" if verdict else "no")


def parse_date(value: str, *, century: int | None = None,
               window: tuple[dt.date, dt.date] | None = None) -> dt.date:
    """UK day-first dates in any common spelling; anything ambiguous or partial is refused.

    A two-digit year is refused, since it cannot be read without guessing the century, unless the caller
    knows it: `century` (e.g. 2000) is added to the year of an all-number date such as 04.03.26. The shared
    action tracker passes it, as people type this year's dates that way into the spreadsheet.
    Or the caller knows which dates are plausible: with `window` (earliest, latest), a two-digit year
    is read in the one century that puts the date inside it (3.4.91 as a date of birth is 1991, since
    2091 is in the future); when both centuries or neither do, the date is refused.
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
        two_digit = len(numeric.group(3)) == 2
        if century is not None and two_digit:
            year += century
        if year < 1000:
            if window is not None and two_digit:
                return _in_window(value, year, lambda y: dt.date(y, month, day), window)
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
        if window is not None and re.search(r"(?<!\d)\d{2}\s*$", text):
            found = a.date()
            return _in_window(value, found.year % 100, lambda y: found.replace(year=y), window)
        raise NotUnderstood(f"'{value}' has a two-digit year; the year is needed in full")
    return a.date()


def _in_window(value: str, two_digits: int, make: Any, window: tuple[dt.date, dt.date]) -> dt.date:
    """The one reading of a two-digit year (19xx or 20xx) that falls inside `window`."""
    readings = []
    for hundred in (1900, 2000):
        try:
            day = make(hundred + two_digits)
        except ValueError:
            raise NotUnderstood(f"'{value}' is not a real date (day/month/year)") from None
        if window[0] <= day <= window[1]:
            readings.append(day)
    if len(readings) != 1:
        raise NotUnderstood(f"'{value}' has a two-digit year that could be either century; "
                            "the year is needed in full")
    return readings[0]


def birth_window(whose: str | None = None, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """Plausible dates of birth for a person (victim, perpetrator, child): an age within the range of
    data/values.toml [dates.age]."""
    today = today or dt.date.today()
    ages = vocabulary().get("dates", {}).get("age", {})
    low, high = ages.get(whose or "default", ages.get("default", [0, 110]))
    return years_before(today, int(high) + 1) + dt.timedelta(days=1), years_before(today, int(low))


def recent_window(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """Plausible dates for the referral itself (date of referral, of the DASH): recent."""
    today = today or dt.date.today()
    recent = vocabulary().get("dates", {}).get("recent", {})
    return (years_before(today, int(recent.get("years_before", 5))),
            today + dt.timedelta(days=int(recent.get("days_after", 60))))


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


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
    match = _COUNT.fullmatch(value)
    if not match:
        raise NotUnderstood(f"'{value}' is not a number")
    return int(match.group(1))


def is_gender_word(value: str) -> bool:
    """ "Male", "F", "girl": a word of data/values.toml [gender], so a list of people can tell which part is the gender."""
    return any(_fold(value) == _fold(w) for words in vocabulary().get("gender", {}).values() for w in words)


def parse_gender(value: str) -> str | None:
    """ "F", "female", "F /" -> "Female" (data/values.toml [gender]); "F / M" is refused; else as written."""
    table = {_fold(w): canonical for canonical, words in vocabulary().get("gender", {}).items() for w in words}
    key = _fold(value)
    if key in table:
        return table[key]
    one_sided = _ONE_SIDED.match(key)
    if one_sided:
        word = (one_sided.group("before") or one_sided.group("after") or "").strip()
        if word in table:
            return table[word]
    parts = [p.strip() for p in re.split(r"\s*/\s*|\s+or\s+", key)]
    if len(parts) > 1 and all(p in table for p in parts) and len({table[p] for p in parts}) > 1:
        raise NotUnderstood(f"'{value}' gives more than one gender")  # "F / M" unanswered, or both ticked
    return value


_EMAIL = re.compile(r"[\w.+'’-]+@[\w-]+(?:\.[\w-]+)+")


def parse_email(value: str) -> str:
    """An email address; one broken across lines ("jo.bloggs@e xample.gov.uk", as a PDF wraps it) is
    joined again, since an address has no spaces. Anything else is kept as written."""
    text = value.strip()
    if _EMAIL.fullmatch(text):
        return text
    joined = re.sub(r"\s+", "", text)
    if joined != text and _EMAIL.fullmatch(joined) and not _EMAIL.fullmatch(text.split()[0]):
        return joined
    return text


_AGE = re.compile(r"(?:aged?\s*)?(\d{1,3})\s*(?:years?(?:\s*old)?|yrs?|y/?o|y)?\.?", re.IGNORECASE)


def parse_age(value: str) -> int:
    """An age as stated: "34", "34 years", "aged 34"; an estimate ("about 40", "30s") is refused."""
    match = _AGE.fullmatch(value.strip())
    if not match or int(match.group(1)) > 120:
        raise NotUnderstood(f"'{value}' is not an age in years")
    return int(match.group(1))


def parse_list(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,\n]|\s/\s", value) if part.strip()]


def parse_bool_or_none(value: str) -> bool | None:
    """Like parse_bool, but a value that is not a yes/no reads as not ticked."""
    try:
        return parse_bool(value)
    except NotUnderstood:
        return None
