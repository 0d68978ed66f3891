"""Tables of people in rows: a row of labels over a row of values per person (`row_table`), and the same where
each person's row of values is followed by rows of details, each cell a label with its answer in it (`read_detail_rows`).

Children's referral forms print every child in one table: "First name | Surname | Date of birth | Gender" over
"Darren | O'BRIEN | 29/08/20 | m", and under each child a row merged differently ("Home address: 149 Canal
Street" | "Ethnicity: White British"). The details are the child's above them, whatever they are labelled: the
whole run is one table whose columns are the header's labels then each detail label once. Rows of details
between records are theirs; after the last record, only where they look like the details above (`_trailing`).
Split out of parsers.tables.rows, which tells a row of labels and hands its rows here.
parsers.tables.side_pairs reads its records here too (`add_records`), with details whose label is a cell of its
own (`detail_pairs`).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ..model import RawValue, RowTable
from ..printed import clean_label
from .cells import cell_pairs, no_entry, value_of
from .columns import pair_cells
from .label_rows import labels_over_answers
from .walk import Cell, Row, Walk

_TITLED = re.compile(r"^(?P<title>[^–—:-]{3,60}?)\s+[–—-]\s+(?P<column>[^–—:-]{2,40})$")

Record = tuple[Row, list[Row]]  # a row of values, and the rows of details under it


def row_table(head: Row, body: list[Row], walk: Walk) -> None:
    """A row of labels over rows of values, one per person."""
    _add_table(head, [(row, []) for row in body], walk)
    walk.use(head.element, *(row.element for row in body))


def read_detail_rows(rows: list[Row], index: int, walk: Walk) -> int:
    """The rows read under the row of labels at `index` when its records carry rows of details; 0 otherwise
    (rows of values alone are `row_table`'s, one row of them a label-above-value block)."""
    records, used = _records(rows, index)
    if not any(details for _, details in records):
        return 0
    _add_table(rows[index], records, walk)
    walk.use(*(row.element for row in rows[index:index + 1 + used]))  # the blank rows between records too
    return used


def _records(rows: list[Row], index: int) -> tuple[list[Record], int]:
    """The records under rows[index], and how many rows they take (blank rows between them included)."""
    head = rows[index]
    found: list[tuple[int, Row, list[tuple[int, Row]]]] = []  # each record's offset, row and detail rows
    for offset, row in enumerate(rows[index + 1:], start=1):
        if row.claimed or labels_over_answers(rows, index + offset):
            break  # a row of labels of its own, its answers under it: not this person's details
        if _values_row(row, head):
            found.append((offset, row, []))
        elif found and pair_cells(row):
            found[-1][2].append((offset, row))
        elif not row.empty:
            break
    if not found:
        return [], 0
    *before, (offset, last, details) = found
    kept = _trailing(details, {label for _, _, extra in before for _, row in extra for label in _labels(row)},
                     alone=not before)
    records = [(row, [r for _, r in extra]) for _, row, extra in before] + [(last, [r for _, r in kept])]
    return records, kept[-1][0] if kept else offset


def _trailing(details: list[tuple[int, Row]], earlier: set[str], alone: bool) -> list[tuple[int, Row]]:
    """Which "Label: value" rows after the last record are its details. No record below says so: they are where
    they repeat the labels of the details of the records above, or, under a record alone, where they are answered
    (or repeat its own). Other rows are the next box's run into this table: a PDF shows two tables one under the
    other as one ("Is the client pregnant? No" under the children)."""
    kept: list[tuple[int, Row]] = []
    seen = set(earlier)
    for offset, row in details:
        labels = _labels(row)
        if not (labels <= seen or (alone and _answered(row))):
            break
        kept.append((offset, row))
        seen |= labels
    return kept


def _labels(row: Row) -> set[str]:
    return {label.lower() for label, _ in _pairs([row])}


def _values_row(row: Row, head: Row) -> bool:
    # Values are plain: a row with a bold or shaded cell holds labels of its own, one of "Label: value" cells
    # details (however its cells are merged).
    return len(row.cells) == len(head.cells) and not any(c.cue for c in row.cells) and not pair_cells(row)


def _answered(row: Row) -> bool:
    return any(value is not None for _, value in _pairs([row]))


def _add_table(head: Row, records: list[Record], walk: Walk) -> None:
    add_records(head.cells, records, walk)


def add_records(columns: list[Cell], records: list[Record], walk: Walk, title: str | None = None,
                pairs: Callable[[list[Row]], list[tuple[str, RawValue]]] | None = None) -> None:
    """One table of the records: a column per header cell in `columns`, then one per detail label. Its title is
    `title` where the rows have one of their own (a column of row labels, "Children" over "Child 1"), else the first
    header. `pairs` reads the detail rows (by default, cells that each hold "Label: value")."""
    headers = [clean_label(c.text) for c in columns]
    details: dict[str, int] = {}  # detail label (lower case) -> its column
    values: list[list[RawValue]] = []
    for row, detail_rows in records:
        cells = [value_of(row.text_under(h)) for h in columns]
        if all(no_entry(v) for v in cells):
            continue  # a blank, "None" or "N/A" row: its details are nobody's
        if [clean_label(str(v or "")).lower() for v in cells] == [h.lower() for h in headers[:len(columns)]]:
            continue  # the header row repeated (on a new page)
        for label, value in (pairs or _pairs)(detail_rows):
            column = details.setdefault(label.lower(), len(headers))
            if column == len(headers):
                headers.append(label)
            cells.extend([None] * (column + 1 - len(cells)))
            cells[column] = value
        values.append(cells)
    for cells in values:
        cells.extend([None] * (len(headers) - len(cells)))  # a detail earlier records did not have
    if title is not None:
        walk.tables.append(RowTable(headers, values, walk.section, title, walk.headings()))
        return
    title = headers[0] if headers else None
    if title and (split := _TITLED.match(title)):
        title, headers[0] = split.group("title"), split.group("column")  # "Details of Children – Name"
    walk.tables.append(RowTable(headers, values, walk.section, title, walk.headings()))


def _pairs(detail_rows: list[Row]) -> list[tuple[str, RawValue]]:
    return [(clean_label(label), value) for row in detail_rows for cell in row.cells
            for label, value in cell_pairs(cell.text)]


def detail_pairs(detail_rows: list[Row]) -> list[tuple[str, RawValue]]:
    """The labels of rows of details with their answers, where a label may be a cell of its own: set apart (bold or
    shaded) with its answer in the plain cell beside it ("Child's Address:" | the address merged over the columns),
    or "Label: value" in one cell as `_pairs` reads them."""
    found: list[tuple[str, RawValue]] = []
    for row in detail_rows:
        cells, k = row.cells, 0
        while k < len(cells):
            cell, after = cells[k], cells[k + 1] if k + 1 < len(cells) else None
            if cell.cue and cell.text and not _answered_in(cell) and after is not None and not after.cue:
                found.append((clean_label(cell.text), value_of(after.text)))
                k += 2
                continue
            found.extend((clean_label(label), value) for label, value in cell_pairs(cell.text))
            k += 1
    return found


def _answered_in(cell: Cell) -> bool:
    """A cell holding its label's answer too ("Home address: 149 Canal Street")."""
    return any(value is not None for _, value in cell_pairs(cell.text))
