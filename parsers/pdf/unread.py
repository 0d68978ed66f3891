"""Tick boxes a PDF does not carry the state of (drawn in a symbol font the file does not include:
parsers.pdf.marks writes them as parsers.ticks.UNREADABLE): where on the form they are, and the
problem that tells the coordinator to check those answers on the form. Their values are left unknown
by the shared table rules (parsers.pdf.walk's hook); this says so.
"""
from __future__ import annotations

import re

from ..tables.walk import Row
from .layout import clean_label
from .walk import Region

_QUESTION_NUMBER = re.compile(r"^\s*(?:q\.?\s*)?(\d{1,2})\b", re.IGNORECASE)

UNREADABLE_BOXES_PROBLEM = ("some tick boxes in this PDF are drawn in a symbol font (Wingdings) that the file does "
                            "not include, so whether they are ticked cannot be read{where}: those answers are left "
                            "empty; check the ticks on the form, or ask for the Word file")


def unreadable_message(places: list[str]) -> str:
    """The problem for unreadable tick boxes, naming where they are (labels and question numbers)."""
    labels = list(dict.fromkeys(p for p in places if not p.startswith("question ")))
    numbers = sorted({int(p.split()[1]) for p in places if p.startswith("question ")})
    kind = "checklist question" if len(numbers) == 1 else "checklist questions"
    named = labels[:6] + ([f"{kind} {_runs(numbers)}"] if numbers else [])
    return UNREADABLE_BOXES_PROBLEM.format(where=f" ({'; '.join(named)})" if named else "")


def _runs(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> '1-3, 5'."""
    out: list[str] = []
    for n in numbers:
        if out and out[-1].split("-")[-1] == str(n - 1):
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


def unread_places(rows: list[Row]) -> list[str]:
    """Where a table's unreadable tick boxes are, for the problem that says so: the printed label
    that starts the row ("Diversity data (if known)") or the checklist question's number. Only what
    is printed as a label (bold or shaded) or a number is named: never a value a referrer wrote."""
    places: list[str] = []
    for row in rows:
        if not any(isinstance(c.element, Region) and c.element.unreadable for c in row.cells):
            continue
        first = next((c for c in row.cells if c.text), None)
        if first is None:
            continue
        number = _QUESTION_NUMBER.match(first.text)
        if number:
            places.append(f"question {int(number.group(1))}")
        elif first.cue and not (isinstance(first.element, Region) and first.element.unreadable):
            places.append(clean_label(first.text.split("\n")[0])[:60])
    return places
