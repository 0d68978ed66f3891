"""Read back what a coordinator typed into review.xlsx, as Excel or LibreOffice saved it.

Only values are taken (a formula counts for the value it shows, never as a formula); rows are found by
the path in their hidden key column, not by position. The cells come back as the workbook holds them
(text, a date, a number): reading them as a referral's values is the caller's job, the same way a
form's values are read.
"""
from __future__ import annotations

import io
import zipfile
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from .layout import AS_READ, MAIN, PEOPLE, Edits, People, PersonRow


class NotAReviewSheet(ValueError):
    """The file is not a review.xlsx the service wrote (or is damaged)."""


def _text(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _main(ws: Worksheet) -> dict[str, Any]:
    fields = {}
    for row in ws.iter_rows(min_col=5, max_col=6, values_only=True):
        correction, key = row[0], row[1] if len(row) > 1 else None
        if isinstance(key, str) and key.startswith(("referral.", "dash.")) and _text(correction) is not None:
            fields[key] = _text(correction)
    return fields


def _people(ws: Worksheet, people: People) -> list[PersonRow]:
    rows = list(ws.iter_rows(values_only=True))
    header_at = next((i for i, row in enumerate(rows[:10]) if "key" in row), None)
    if header_at is None:
        raise NotAReviewSheet(f"the sheet {people.sheet} has lost its heading row")
    header = rows[header_at]
    where = {text: i for i, text in enumerate(header) if isinstance(text, str)}
    columns = [(key, where[heading]) for key, heading, _ in people.columns if heading in where]
    key_at = where["key"]
    found = []
    for row in rows[header_at + 1:]:
        values = {key: _text(row[i]) if i < len(row) else None for key, i in columns}
        key = row[key_at] if key_at < len(row) else None
        index = None
        if isinstance(key, str) and key.startswith(people.section + "."):
            tail = key[len(people.section) + 1:]
            index = int(tail) if tail.isdigit() else None
        if index is None and all(v is None for v in values.values()):
            continue  # an empty row offered for a new person
        found.append(PersonRow(index, values))
    return found


def read_review(data: bytes) -> Edits:
    """The corrections in review.xlsx; NotAReviewSheet when it is not one (or cannot be opened)."""
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise NotAReviewSheet("review.xlsx could not be opened as a workbook") from exc
    if MAIN not in wb.sheetnames:
        raise NotAReviewSheet(f"review.xlsx has no sheet called '{MAIN}'")
    people = {p.section: _people(wb[p.sheet], p) for p in PEOPLE if p.sheet in wb.sheetnames}
    as_read: dict[str, Any] = {}
    if AS_READ in wb.sheetnames:
        for path, value in wb[AS_READ].iter_rows(max_col=2, values_only=True):
            if isinstance(path, str):
                as_read[path] = _text(value)
    return Edits(_main(wb[MAIN]), people, as_read)
