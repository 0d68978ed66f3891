"""A label that lists several of one person's fields, answered by a line listing the answers in the same order
("Ethnicity, disability (if any), gender and sexual orientation" over "White Polish, no disability, female,
heterosexual."), as a form typed as prose under its own headings asks for them. Split only where the answers are
as many as the fields, so that each answer is the field it stands beside; an answer whose field the service does
not keep ("heterosexual") is left out. Where the counts differ, nothing is split (the caller reports the label).
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Labelled
from .matcher import PERSONS, LabelTable

__all__ = ["listed_fields"]

_LIST = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_HINT = re.compile(r"\([^()]*\)")
_MIN_FIELDS = 3  # "Name and DOB" is a combined box of data/labels.toml, not a list


def _known(table: LabelTable, part: str) -> bool:
    return table.match(part, None).status in ("ok", "needs_section")


def listed_fields(item: Labelled, table: LabelTable) -> list[Labelled] | None:
    if not isinstance(item.value, str) or "\n" in item.value.strip() or _known(table, item.label) \
            or table.section(item.section)[0] == "others":  # "Contact person, phone & email" of another agency
        return None
    fields = [p.strip() for p in _LIST.split(_HINT.sub(" ", item.label)) if p.strip()]
    known = [_known(table, f) for f in fields]
    if len(fields) < _MIN_FIELDS or sum(known) < len(fields) - 1:
        return None
    whose = next((w for w in table.words(fields[0])[:1] if w in PERSONS), None)
    if whose is not None:  # "Perpetrator's ethnicity, disability and gender": all three his
        fields = [fields[0], *(f"{whose} {f}" for f in fields[1:])]
    answers = [a.strip() for a in item.value.strip().rstrip(".").split(",")]
    if len(answers) != len(fields) or not all(answers):
        return None
    return [replace(item, label=f, value=a, section=None, title=None, context=[]) for f, a, k in
            zip(fields, answers, known) if k]
