"""A Word table as the shared table rules read it (parsers.tables.rows): its <w:tr> rows made plain rows
of cells with their grid columns and spans (gridBefore, gridSpan), a label cue where a cell is all bold
or shaded, rows claimed by the service's own controls, header rows marked to repeat, and a bracketed
instruction left out of a cell's text. Tables nested in a cell are read after their table.
"""
from __future__ import annotations

from lxml import etree

from ..normalise import strip_placeholders
from ..tables.cells import instruction
from ..tables.rows import read_rows
from ..tables.walk import Cell, Row
from .set_apart import bold_led
from .text import all_bold, child_val, children, claimed, render, shaded, w
from .walk import WordCell, WordWalk


def _int(text: str, default: int) -> int:
    return int(text) if text.isdigit() else default


def _row(tr: etree._Element, walk: WordWalk) -> Row:
    props = tr.find(w("trPr"))
    col = _int(child_val(props, "gridBefore"), 0) if props is not None else 0
    cells: list[Cell] = []
    instructed = False
    for tc in children(tr, "tc"):
        tc_props = tc.find(w("tcPr"))
        span = _int(child_val(tc_props, "gridSpan"), 1) if tc_props is not None else 1
        text = render(tc, walk.marks)
        if instruction(text):
            text, instructed = "", True
        elif text and not strip_placeholders(text).strip():
            text = ""  # a prompt typed as text (a control LibreOffice or a .doc flattened): an empty box
        bold = all_bold(tc)
        cells.append(WordCell(tc, text, bold or shaded(tc), col, max(span, 1),
                              parts=None if bold or not text else bold_led(tc, walk.marks)))
        col += max(span, 1)
    header = props is not None and props.find(w("tblHeader")) is not None
    return Row(tr, cells, claimed(tr, walk.marks), header, instructed)


def read_table(table: etree._Element, walk: WordWalk) -> None:
    """Read one Word table, then the tables nested in its cells."""
    rows = [_row(tr, walk) for tr in children(table, "tr")]
    read_rows(rows, walk)
    for row in rows:
        for cell in row.cells:
            for nested in children(cell.element, "tbl"):
                read_table(nested, walk)
