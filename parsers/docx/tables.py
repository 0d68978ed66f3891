"""Word tables read row by row: headings, label | value pairs, label-above-value blocks, person tables.

Forms mix these in one table, so each row is classified in turn. The cues are the ones a reader
uses: a full-width row is a heading (or a label with its box below it); a row whose cells are all
bold or shaded is a row of labels, with values in the row below (one row: a label-above-value
block; several: a table of people); any other row alternates label, value, label, value. DASH and
other Yes / No grids are left to parsers.docx.dash_grid.
"""
from __future__ import annotations

from lxml import etree

from ..model import Labelled, RowTable
from ..printed import clean_label, label_pairs, looks_like_data, short_line
from ..ticks import NOT_TICKS, has_mark, interpret, read_choice
from .dash_grid import read_grid
from .text import all_bold, child_val, children, claimed, render, shaded, w
from .walk import Cell, Row, Walk


def _int(text: str, default: int) -> int:
    return int(text) if text.isdigit() else default


def _row(tr: etree._Element, walk: Walk) -> Row:
    props = tr.find(w("trPr"))
    col = _int(child_val(props, "gridBefore"), 0) if props is not None else 0
    cells = []
    for tc in children(tr, "tc"):
        tc_props = tc.find(w("tcPr"))
        span = _int(child_val(tc_props, "gridSpan"), 1) if tc_props is not None else 1
        cells.append(Cell(tc, render(tc, walk.marks), all_bold(tc) or shaded(tc), col, max(span, 1)))
        col += max(span, 1)
    header = props is not None and props.find(w("tblHeader")) is not None
    return Row(tr, cells, claimed(tr, walk.marks), header)


def read_table(table: etree._Element, walk: Walk) -> None:
    rows = [_row(tr, walk) for tr in children(table, "tr")]
    index = 0
    above: dict[int, Labelled] = {}  # values reported from the row above, by grid column
    while index < len(rows):
        row = rows[index]
        reported: dict[int, Labelled] = {}
        if row.claimed or row.empty:
            index += 1
        elif len(row.cells) == 1:
            index = _single_cell(rows, index, walk)
        else:
            index = read_grid(rows, index, walk) or _labels_or_pairs(rows, index, walk, above, reported)
        above = reported
    for row in rows:
        for cell in row.cells:
            for nested in children(cell.element, "tbl"):
                read_table(nested, walk)


def _single_cell(rows: list[Row], index: int, walk: Walk) -> int:
    cell = rows[index].cells[0]
    pairs = label_pairs(cell.text)
    if pairs and not (cell.cue and not any(looks_like_data(str(v)) for _, v in pairs if v)):
        for label, value in pairs:
            walk.add(label, value, cell.element)
        return index + 1
    below = rows[index + 1] if index + 1 < len(rows) else None
    boxed = below is not None and len(below.cells) == 1 and not below.claimed and not below.cells[0].cue
    if boxed and short_line(cell.text) and below is not None:
        # A full-width label with its answer in the full-width box below ("Summary of risks").
        before = walk.section
        if cell.cue and not cell.text.rstrip().endswith((":", "?")):
            walk.heading(cell.text)
        walk.add(clean_label(cell.text), interpret(below.cells[0].text), cell.element, below.cells[0].element,
                 section=before, explicit_section=True)
        return index + 2
    if short_line(cell.text):
        walk.heading(cell.text)
    return index + 1


def _is_label_row(row: Row) -> bool:
    return (len(row.cells) >= 2 and all(c.text for c in row.cells) and not any(has_mark(c.text) for c in row.cells)
            and all(c.cue or row.header or c.text.rstrip().endswith(":") for c in row.cells))


def _is_plain_header(rows: list[Row], index: int) -> bool:
    """An unformatted header row: only where pairs cannot be meant (odd or many columns), with the
    rows below holding data (dates, numbers) the header row does not."""
    row = rows[index]
    width = len(row.cells)
    if width < 3 or (width % 2 == 0 and width <= 6) or not all(c.text for c in row.cells):
        return False
    if any(looks_like_data(c.text) for c in row.cells):
        return False
    below = rows[index + 1:index + 4]
    return any(len(r.cells) == width and any(looks_like_data(c.text) for c in r.cells) for r in below)


def _value_rows(rows: list[Row], index: int) -> int:
    """How many rows of values follow a row of labels."""
    width = len(rows[index].cells)
    count = 0
    for row in rows[index + 1:]:
        # Values are plain: a row with a bold or shaded cell holds labels of its own (pairs).
        if len(row.cells) != width or row.claimed or any(c.cue for c in row.cells):
            break
        count += 1
    return count


# Headings of a two-column "Question | Answer" table: its rows are pairs, not a table of people.
_PAIR_HEADINGS = {"question", "answer", "details", "detail", "information", "info", "field", "value", "response",
                  "item", "answers", "questions", "description", "comments", "notes", "information required"}


def _pairs_heading(row: Row) -> bool:
    return len(row.cells) == 2 and all(clean_label(c.text).lower() in _PAIR_HEADINGS for c in row.cells)


def _labels_or_pairs(rows: list[Row], index: int, walk: Walk, above: dict[int, Labelled],
                     reported: dict[int, Labelled]) -> int:
    row = rows[index]
    if _pairs_heading(row):
        walk.use(row.element)
        return index + 1
    if _is_label_row(row) or _is_plain_header(rows, index):
        count = _value_rows(rows, index)
        if count >= 2:
            _row_table(row, rows[index + 1:index + 1 + count], walk)
            return index + 1 + count
        if count == 1:
            _label_above(row, rows[index + 1], walk)
            return index + 2
        if index + 1 < len(rows) and rows[index + 1].claimed:
            return index + 1  # headings over boxes named by path, read by name already
    _pairs(row, walk, above, reported)
    return index + 1


def _row_table(head: Row, body: list[Row], walk: Walk) -> None:
    headers = [clean_label(c.text) for c in head.cells]
    values = [[interpret(row.text_under(h)) for h in head.cells] for row in body if not row.empty]
    walk.tables.append(RowTable(headers, values, walk.section))
    walk.use(head.element, *(row.element for row in body))


def _label_above(head: Row, below: Row, walk: Walk) -> None:
    for cell in head.cells:
        walk.add(clean_label(cell.text), interpret(below.text_under(cell)), cell.element,
                 *(c.element for c in below.under(cell)))


def _is_ticks(text: str) -> bool:
    return bool(text) and read_choice(text) is not NOT_TICKS


def _pairs(row: Row, walk: Walk, above: dict[int, Labelled], reported: dict[int, Labelled]) -> None:
    """Label, value, label, value... across a row; inline "Label: value" cells stand alone."""
    cells = row.cells
    k = 0
    while k < len(cells):
        cell = cells[k]
        if not cell.text:
            if k + 1 < len(cells) and cells[k + 1].text:
                continued = _continue_value(cells[k + 1], walk, above)
                if continued is not None:
                    reported[cells[k + 1].col] = continued
            k += 2
            continue
        inline = label_pairs(cell.text)
        if inline and (inline[-1][1] is not None or k + 1 >= len(cells)):
            for label, value in inline:
                walk.add(label, value, cell.element)
            k += 1
            continue
        k = _pair_at(cells, k, walk, reported)


def _pair_at(cells: list[Cell], k: int, walk: Walk, reported: dict[int, Labelled]) -> int:
    """The label in cells[k] with its value in the next cell, and in further cells of tick options."""
    values = cells[k + 1:k + 2]
    end = k + 2
    if values and _is_ticks(values[0].text):
        # "Label | ☒ Yes | ☐ No": the options may each have a cell of their own.
        while end < len(cells) and _is_ticks(cells[end].text) and not cells[end].cue:
            values.append(cells[end])
            end += 1
    text = " ".join(c.text for c in values if c.text)
    item = walk.add(clean_label(cells[k].text), interpret(text), cells[k].element, *(c.element for c in values))
    if values:
        reported[values[0].col] = item
    return end


def _continue_value(cell: Cell, walk: Walk, above: dict[int, Labelled]) -> Labelled | None:
    """A value with no label of its own, under a value in the row above: a second address line."""
    previous = above.get(cell.col)
    if previous is None or not isinstance(previous.value, str):
        return None
    previous.value = f"{previous.value}\n{cell.text}"
    walk.use(cell.element)
    return previous
