"""Word-building helpers the blind modules share (not a form: the underscore keeps it out of `all_forms`).

Everything the development, held-out and unseen kits already have is imported from them, read-only; only what
those do not make is here:

- `inline_cells`: a row of cells each holding "Label: typed answer" (the label printed in bold, the referrer's
  answer typed after it in the same cell), the way forms laid out as boxes with the label in the corner are
  filled;
- `numbered`: several people typed in one cell as "1) … 2) …";
- `young_dob`: a date of birth for a victim aged 16 or 17 (young people's forms), seeded from the case.
"""
from __future__ import annotations

import datetime as dt
import random

from docx.table import Table, _Cell

from tests.corpus.areas.case import Case


def inline(cell: _Cell, label: str, value: str | None, *, below: bool = False) -> None:
    """'Label: answer' in one cell; `below` puts the answer on the line under the label (pressing Enter)."""
    paragraph = cell.paragraphs[0]
    paragraph.add_run(label).bold = True
    if not value:
        return
    if below:
        for line in value.split("\n"):
            cell.add_paragraph(line)
    else:
        paragraph.add_run(f" {value}")


def inline_cells(table: Table, pairs: list[tuple[str, str | None]]) -> list[_Cell]:
    cells = table.add_row().cells
    for cell, (label, value) in zip(cells, pairs):
        inline(cell, label, value)
    return cells


def numbered(values: list[str]) -> str:
    """One value as typed; several as '1) A 2) B' on one line."""
    if len(values) == 1:
        return values[0]
    return " ".join(f"{n}) {value}" for n, value in enumerate(values, start=1))


def young_dob(case: Case, today: dt.date = dt.date(2026, 11, 2)) -> str:
    rng = random.Random(case.seed * 7919 + 5)
    return (today - dt.timedelta(days=16 * 365 + rng.randint(30, 600))).isoformat()
