"""What a format reader hands on: raw values before label matching and normalisation.

A reader reports what it can say for sure against canonical paths (`fields`: the service's own forms
carry them as tags and field names), and everything else as it found it on the page: label and value
pairs with the heading they sit under, tables with their header row, and DASH checklist lines. The
label matcher (`parsers.labels`) turns those into canonical paths using the synonym table, so a new
area's wording is a data change, not a code change. Where a reader can tell (Word), a value also
carries its heading path and what its table says about whose it is (`title`, `context`, `headings`).
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
    # What the table itself says about whose value this is, where a reader can tell (Word tables):
    # `title` is its box's own title ("Perpetrator(s) name" heading the row of labels it sits in,
    # "Alleged perpetrator" above a column of people) and says more than the heading above;
    # `context` holds labels naming a person earlier in the same box ("Victim name"), nearest first,
    # for when neither the title nor the heading says whose.
    title: str | None = None
    context: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)  # the heading path above it, outermost first


@dataclass
class RowTable:
    """A table with a header row and one row per person (children, perpetrators, household)."""
    headers: list[str]
    rows: list[list[RawValue]]
    section: str | None = None
    title: str | None = None  # the table's own title (its first header, or a title row), as for Labelled
    headings: list[str] = field(default_factory=list)  # the heading path above it, outermost first


@dataclass
class DashLine:
    """One line of a DASH checklist as printed: recognised later by its question text, not its number."""
    question: str
    answer: RawValue  # 'yes' / 'no' / 'unknown' as marked, a tick-box bool, or None when unmarked
    number: int | None = None  # the number printed beside it, if any (orders differ between versions)
    comment: str | None = None
    # Why the reader left the answer empty though the line is marked somehow ("a box under the question
    # is ticked but neither Yes nor No"): the resolver makes it a Problem on the question.
    doubt: str | None = None


@dataclass
class RawForm:
    kind: SourceKind
    fields: dict[str, RawValue] = field(default_factory=dict)
    labelled: list[Labelled] = field(default_factory=list)
    tables: list[RowTable] = field(default_factory=list)
    dash_lines: list[DashLine] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Which checklist the DASH lines are ('safelives-ric', 'police-27'), once the resolver recognised them.
    dash_version: str | None = None
