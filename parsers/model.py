"""What a format reader hands on: raw values before label matching and normalisation.

A reader reports what it can say for sure against canonical paths (`fields`: the service's own forms
carry them as tags and field names), and everything else as it found it on the page: label and value
pairs with the heading they sit under, tables with their header row, and DASH checklist lines. The
label matcher (`parsers.labels`) turns those into canonical paths using the synonym table, so a new
area's wording is a data change, not a code change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

from .problem import Problem

# Text as written, or a bool for a tick box. A tick box standing for one choice of several is reported
# as `path=choice` -> True, e.g. `dash.answers.3=yes`; the assembler turns the ticked choice into the value.
RawValue = Union[str, bool, None]
SourceKind = Literal["pdf-acroform", "pdf-xfa", "pdf-text", "pdf-image", "docx", "doc", "unknown"]


@dataclass
class Labelled:
    """A value beside (or under) a printed label, e.g. ("D.O.B.", "03/04/1988") under "Perpetrator"."""
    label: str
    value: RawValue
    section: str | None = None  # the nearest heading above it, which tells victim from perpetrator


@dataclass
class RowTable:
    """A table with a header row and one row per person (children, perpetrators, household)."""
    headers: list[str]
    rows: list[list[RawValue]]
    section: str | None = None


@dataclass
class DashLine:
    """One line of a DASH checklist as printed: recognised later by its question text, not its number."""
    question: str
    answer: RawValue  # 'yes' / 'no' / 'unknown' as marked, a tick-box bool, or None when unmarked
    number: int | None = None  # the number printed beside it, if any (orders differ between versions)
    comment: str | None = None


@dataclass
class RawForm:
    kind: SourceKind
    fields: dict[str, RawValue] = field(default_factory=dict)
    labelled: list[Labelled] = field(default_factory=list)
    tables: list[RowTable] = field(default_factory=list)
    dash_lines: list[DashLine] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
