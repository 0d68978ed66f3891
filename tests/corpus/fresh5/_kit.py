"""Word-building helpers the fifth fresh set shares (not a form: the underscore keeps it out of `all_forms`).

Everything the other kits already have is imported from them, read-only; only what those do not make is here:

- `digit_boxes`: a date of birth typed one digit to a box under printed "D D M M Y Y" heads (six cells), as
  supported-housing referral forms print it;
- `choice_boxes`: a printed row of options ("Mr Mrs Ms Miss Other", "Male Female") each followed by a box, the chosen
  one ticked, the box drawn as the referrer's Word draws it (typed ☒ / ☐, legacy FORMCHECKBOX, Word 2010 check box);
- `pick_word`: a printed "Mr / Mrs / Miss / Ms / Other" (or "M / F") after the referrer has marked the chosen word:
  the others deleted, the chosen one made bold and underlined, or the others struck through.
"""
from __future__ import annotations

import datetime as dt

from docx.table import _Cell
from docx.text.paragraph import Paragraph

from tests.corpus.areas._dash_wording import box
from tests.corpus.docx_parts import Fields


def digit_boxes(cells: list[_Cell], iso: str | None) -> None:
    """Six cells, one digit each: day, month, two-digit year ('1 7 1 0 7 4'); left empty when unknown."""
    if not iso:
        return
    day = dt.date.fromisoformat(iso)
    for cell, digit in zip(cells, f"{day.day:02d}{day.month:02d}{day.year % 100:02d}"):
        cell.paragraphs[0].add_run(digit)


def choice_boxes(paragraph: Paragraph, options: list[str], chosen: str | None, style: str, fields: Fields) -> None:
    """'Mr ☐  Mrs ☐  Ms ☒ …': each printed option followed by its box; only the chosen one ticked."""
    for index, option in enumerate(options):
        paragraph.add_run(f"{'   ' if index else ''}{option} ")
        box(paragraph, option == chosen, style, fields)


def pick_word(paragraph: Paragraph, options: list[str], chosen: str | None, how: str) -> None:
    """The printed options joined by ' / ', marked: 'delete' leaves only the chosen word, 'bold' makes it bold and
    underlined, 'strike' strikes the others through; nothing chosen leaves the print as it was."""
    if chosen is None:
        paragraph.add_run(" / ".join(options))
        return
    if how == "delete":
        paragraph.add_run(chosen)
        return
    for index, option in enumerate(options):
        if index:
            paragraph.add_run(" / ")
        run = paragraph.add_run(option)
        if how == "bold" and option == chosen:
            run.bold = True
            run.underline = True
        elif how == "strike" and option != chosen:
            run.font.strike = True
