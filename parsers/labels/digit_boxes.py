"""A date typed one digit to a box under printed "D D M M Y Y" heads, as supported-housing referral forms print it.

A reader that pairs a row's cells as label | value hands the boxes on as "Date of Birth" = "1" then "7" = "1", "0" =
"7", "4" = None (each box alternately a label and a value), and the heads above them as labels "D", "M", "M" with no
answer. Left so, the date of birth would be "1", which is no date (a problem), and the digits would be labels. Here
the digits after a date's label are read back in order into one date, "17/10/74" (its two-digit year resolved, or
not, as any date's is): only when every box after the label holds a single digit and there are six or eight of
them; otherwise the items are left as they were. The printed heads ("D", "M", "Y" with no answer) are dropped.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..fields import Kind, kind_of
from ..model import Labelled
from .matcher import LabelTable

__all__ = ["digit_boxes"]

_DIGIT = re.compile(r"^\s*\d\s*$")
_HEAD = re.compile(r"^\s*(?:d|m|y)(?:\s+(?:d|m|y))*\s*$", re.IGNORECASE)


def _digit(value: object) -> bool:
    return isinstance(value, str) and bool(_DIGIT.match(value))


def _boxes(items: list[Labelled], start: int) -> tuple[str, int]:
    """The digits of the boxes from `start` (a label box and a value box each item) and how many items they fill."""
    digits, end = "", start
    while end < len(items) and _digit(items[end].label) and (items[end].value is None or _digit(items[end].value)) \
            and items[end].section == items[start - 1].section:
        digits += items[end].label.strip() + (str(items[end].value).strip() if items[end].value else "")
        end += 1
        if items[end - 1].value is None:
            break  # an empty last box ends the row
    return digits, end - start


def digit_boxes(items: list[Labelled], table: LabelTable) -> list[Labelled]:
    """The items with a date typed a digit to a box read back into one date, and the boxes' printed heads dropped."""
    out: list[Labelled] = []
    rebuilt: set[str | None] = set()  # the sections a date was read back in
    i = 0
    while i < len(items):
        item = items[i]
        i += 1
        target = table.match(item.label, None).target or ""
        if _digit(item.value) and (target in ("?dob", "?date") or kind_of(target) is Kind.DATE):
            digits, used = _boxes(items, i)
            digits = str(item.value).strip() + digits
            if len(digits) in (6, 8):
                item = replace(item, value=f"{digits[:2]}/{digits[2:4]}/{digits[4:]}")
                rebuilt.add(item.section)
                i += used
        out.append(item)
    # "D", "M", "Y" with no answer beside the date read back: the heads over its boxes, no field's label
    return [item for item in out if not (item.section in rebuilt and item.value is None and _HEAD.match(item.label))]
