"""A box naming several children one a line, with their dates of birth one a line in the box beside it, in the same
order ("NAME OF CHILD(REN) | Owen TESTER / Darren TESTER" beside "Date of Birth | 26/3/2020 / 23/8/2015"), as a
children's form's head prints them: joined into one box listing each child with their date ("Owen TESTER – 26/3/2020"),
which parsers.tables.cells.people_in_one_box reads. Only where the lines are as many in both boxes and every line of
the second is a date: otherwise whose date is whose cannot be told, and the boxes are left as they are.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Labelled
from .people_cell import DATE, people_label

__all__ = ["paired_lists"]

_DOB_LABEL = re.compile(r"^\s*(?:date of birth|dob|d\.o\.b\.?|dates of birth)s?\b", re.IGNORECASE)


def _lines(value: object) -> list[str]:
    return [line.strip() for line in value.split("\n") if line.strip()] if isinstance(value, str) else []


def paired_lists(items: list[Labelled]) -> list[Labelled]:
    out: list[Labelled] = []
    skip = False
    for item, after in zip(items, [*items[1:], None]):
        if skip:
            skip = False
            continue
        names, dates = _lines(item.value), _lines(after.value if after else None)
        if after is not None and people_label(item.label) and len(names) >= 2 and len(names) == len(dates) \
                and _DOB_LABEL.match(after.label) and all(DATE.fullmatch(d) for d in dates) \
                and not any(ch.isdigit() for n in names for ch in n):
            out.append(replace(item, value="\n".join(f"{n} – {d}" for n, d in zip(names, dates))))
            skip = True
            continue
        out.append(item)
    return out
