"""A row of labels with blank cells beside them, the answers in the row under it: "Police crime reference number: |
DASH risk checklist score: | | " over "EX/61544/26 | 16 | | ". Read as pairs across, the second label would be the
first one's answer; read as a person's details, the row under would be a second person. Shared by the row rules
(parsers.tables.rows) and the rows of people with details (parsers.tables.detail_rows). Also here: a row of labels
with no colon or shading, told by a value (a date) below where a pair would have its label (`header_over_values`).
"""
from __future__ import annotations

import re

from ..printed import is_label_text, label_pairs, looks_like_data
from ..ticks import has_mark
from .walk import Cell, Row


def labels_over_answers(rows: list[Row], index: int) -> bool:
    """rows[index] holds labels only (two or more, each closed by a colon or question mark, or set apart), and the
    row under it, as wide, holds answers under those labels and nowhere else."""
    row, below = rows[index], rows[index + 1] if index + 1 < len(rows) else None
    filled = [c for c in row.cells if c.text]
    if below is None or len(filled) < 2 or below.width != row.width or below.claimed:
        return False
    if len(below.cells) != len(row.cells) and len(filled) == len(row.cells):
        return False  # cells merged otherwise only across a label's blank neighbour ("Surname | | Forenames | ")
    if not all(_label_only(c) for c in filled):
        return False
    under = [c for c in below.cells if c.text]
    if not under:  # left blank under labels each closed by a colon: unanswered, not a person's details
        return all(_closed(c.text.strip().partition("\n")[0]) for c in filled)
    # each answer under one label, by grid columns: "Surname | | Forenames | " over "Cartwright | Stuart", the
    # answers' cells merged across the blank ones
    return all(len([c for c in filled if c.meets(answer)]) == 1 and not answer.cue and not _closed(answer.text)
               for answer in under)



def _closed(text: str) -> bool:
    return text.rstrip().endswith((":", "?"))


def _label_only(cell: Cell) -> bool:
    """A label alone; in a cell set apart, the form's guidance may follow it on lines of its own ("Home Address:" over
    "This is child/young person's usual or home address…")."""
    text = cell.text.strip()
    label, _, guidance = text.partition("\n")
    if guidance and not (cell.cue and _closed(label) and _guidance(guidance)):
        return False
    return ((cell.cue or _closed(label)) and is_label_text(label) and not looks_like_data(label)
            and not has_mark(text))


_TYPED = re.compile(r"\d{4,}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|@")  # a phone, a date or an e-mail: typed, not printed


def _guidance(text: str) -> bool:
    """Sentences telling what to write ("All known telephone numbers should be given"), not an answer."""
    return len(text.split()) >= 4 and not _TYPED.search(text) and not has_mark(text)


def header_over_values(rows: list[Row], index: int) -> bool:
    """ "Surname | Forename | DOB | " over "SMITH | Jo | 3rd May 1990 | ": labels side by side with their
    values below, told from label | value pairs by a value (a date) below where a pair has its label."""
    row, below = rows[index], rows[index + 1] if index + 1 < len(rows) else None
    filled = [k for k, c in enumerate(row.cells) if c.text]
    if below is None or len(filled) < 3 or len(below.cells) != len(row.cells) or below.claimed:
        return False
    if any(looks_like_data(row.cells[k].text) or label_pairs(row.cells[k].text) for k in filled):
        return False
    under = [k for k, c in enumerate(below.cells) if c.text]
    return (len(under) >= 2 and set(under) <= set(filled)
            and any(k % 2 == 0 and looks_like_data(below.cells[k].text) for k in under))
