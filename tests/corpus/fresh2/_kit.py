"""Word-building helpers the second fresh set shares (not a form: the underscore keeps it out of `all_forms`).

Everything the other kits already have is imported from them, read-only; only what those do not make is here:

- `split_date`: a date typed into three legacy text fields printed "   /    /   " (day, month, year boxes), as
  children's services referral forms print a date of birth;
- `prompt`: an answer cell that holds the form's own printed instruction ("Do not leave blank") in grey italics,
  left as printed or replaced by the referrer's answer;
- `to_child`: who a perpetrator is to the children of the household, typed by referrers on forms that list the
  adults by their relationship to the child.
"""
from __future__ import annotations

import datetime as dt

from docx.shared import RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from tests.corpus.areas.case import Case
from tests.corpus.docx_parts import Fields

GREY = RGBColor(0x80, 0x80, 0x80)


def split_date(paragraph: Paragraph, iso: str | None, fields: Fields, *, short_year: bool = False) -> None:
    """'dd / mm / yyyy' in three FORMTEXT fields; an unknown date leaves the three untouched fields."""
    day = dt.date.fromisoformat(iso) if iso else None
    parts = (f"{day.day:02d}", f"{day.month:02d}", f"{day.year % 100:02d}" if short_year else str(day.year)) \
        if day else ("", "", "")
    for index, part in enumerate(parts):
        if index:
            paragraph.add_run(" / ")
        fields.form_text(paragraph, part)


def prompt(cell: _Cell, printed: str, value: str | None) -> None:
    """The printed instruction in grey italics when nothing was typed; the typed answer replaces it."""
    paragraph = cell.paragraphs[0]
    if value:
        for index, line in enumerate(value.split("\n")):
            (paragraph if index == 0 else cell.add_paragraph()).add_run(line)
        return
    run = paragraph.add_run(printed)
    run.italic = True
    run.font.color.rgb = GREY


def to_child(case: Case, i: int) -> str:
    """What perpetrator i is to the children ('Father', 'Stepfather', 'Half-brother', 'Mother's boyfriend')."""
    relationship = case[f"referral.perpetrators.{i}.relationship_to_victim"]
    if relationship == "Son":
        return "Half-brother"
    if i == 0 and case.children:
        child = case["referral.children.0.relationship_to_perpetrator"]
        if child in ("Son", "Daughter"):
            return "Father"
        if child == "Stepson":
            return "Stepfather"
    return f"Mother's {relationship.lower()}"
