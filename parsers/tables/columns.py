"""People side by side in a table: a row of titles ("Victim/Survivor | Alleged perpetrator") over
columns of cells that each hold a label and its value ("Surname: X", "Forename(s): Y", "Gender F").
Each column is one person, read column by column under its title; rows of the same shape further down
the table (after a full-width row) continue the columns.
"""
from __future__ import annotations

from ..printed import clean_label, label_pairs, short_line
from ..ticks import has_mark
from .cells import cell_pairs, inline_pair
from .walk import Row, Walk


def pair_cells(row: Row) -> bool:
    """Every filled cell holds a label with its value ("Surname: X", "Alias:", "Gender F")."""
    filled = [c for c in row.cells if c.text]
    return bool(filled) and all(label_pairs(c.text) or inline_pair(c.text) for c in filled)


def column_rows(rows: list[Row], index: int) -> list[Row]:
    width = len(rows[index].cells)
    body: list[Row] = []
    for row in rows[index + 1:]:
        if len(row.cells) != width or row.claimed or not (row.empty or pair_cells(row)):
            break
        body.append(row)
    return body


def people_head(head: Row) -> bool:
    """A row that could title columns of people: short titles, no values in it."""
    return len(head.cells) >= 2 and all(short_line(c.text) and not label_pairs(c.text) and not has_mark(c.text)
                                        for c in head.cells)


def people_columns(head: Row, body: list[Row]) -> bool:
    """Each header cell titles a column of "Label: value" cells, one person per column."""
    return sum(1 for row in body for c in row.cells if c.text) >= 2 * len(head.cells)


def read_people_columns(head: Row, body: list[Row], walk: Walk) -> None:
    for cell in head.cells:  # column by column: one person's details together
        title = clean_label(cell.text)
        for row in body:
            for value_cell in row.under(cell):
                for label, value in cell_pairs(value_cell.text):
                    walk.add(label, value, value_cell.element, section=title, explicit_section=True, title=title)
    walk.use(head.element, *(row.element for row in body))
