"""Cell values: one normalisation for what is written to the tracker and what is read back from it.

A round trip through Excel or LibreOffice must change nothing, or every save would look like a person's
edit to the merge. So the writer and the reader (and the merge in `marac.tracker`) compare values in the
forms given here: text as a person meant it, dates as the store keeps them (ISO), anything that is not a
date kept as the words typed.

Dates are read by the project's one date reader, `parsers.normalise.parse_date` (UK day-first, ISO, the
month in words; two-digit years are this century, as people type them in a spreadsheet). Where a cell is
not a date it is kept as text, so the reader's refusal (`NotUnderstood`) becomes None here.
"""
from __future__ import annotations

import datetime as dt
import re

from parsers.normalise import NotUnderstood, parse_date

CellValue = str | int | float | bool | dt.date | dt.datetime | None

MAX_CELL_TEXT = 32767  # Excel's limit per cell
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_CENTURY = 2000  # 04.03.26 in the tracker is 4 March 2026


def clean_text(text: str) -> str:
    """Text a workbook can hold: XML-illegal characters out (Word's vertical tab becomes a line break)."""
    text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    return _ILLEGAL_XML.sub("", text)[:MAX_CELL_TEXT]


def text_of(value: CellValue) -> str | None:
    """A cell as text, as a person meant it; blank is None. Spaces and a lone CR are kept: they are the text."""
    if value is None:
        return None
    if isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ", timespec="minutes")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    else:
        text = str(value)
    # LibreOffice saves CR LF as LF: the same text either way, or its save would look like an edit.
    text = clean_text(text).replace("\r\n", "\n")
    return text if text.strip() else None


def _day_or_none(text: str) -> dt.date | None:
    """The date a cell's text spells, or None when it is not one (then the text is kept as typed)."""
    try:
        return parse_date(text, century=_CENTURY)
    except NotUnderstood:
        return None


def date_text(value: CellValue) -> str | None:
    """A date column as the store keeps it: ISO when it is a date, otherwise the words as typed."""
    if isinstance(value, (dt.date, dt.datetime)):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    text = text_of(value)
    if text is None:
        return None
    day = _day_or_none(text)
    return day.isoformat() if day else text


def date_or_text(text: str | None) -> dt.date | str | None:
    """What to put in a date column: a real date when the text is one (so highlighting works)."""
    if text is None:
        return None
    return _day_or_none(text) or text
