"""Small Word forms built in a test, the way referrers' copies look: a grid table, shaded bold labels beside
their values, and the form read by the service's own parser (the layout-class tests share these)."""
from __future__ import annotations

import io
from typing import Any

from docx.document import Document as DocumentType
from docx.table import Table

from parsers import parse_bytes
from tests.corpus.docx_parts import shade, write


def grid(doc: DocumentType, cols: int) -> Table:
    table = doc.add_table(rows=0, cols=cols)
    table.style = "Table Grid"
    return table


def label_pairs(table: Table, *pairs: tuple[str, str]) -> None:
    """One row of label | value pairs, each label bold on grey as most forms print them."""
    cells = table.add_row().cells
    for index, (label, value) in enumerate(pairs):
        write(cells[index * 2], label, bold=True)
        shade(cells[index * 2], "D9D9D9")
        write(cells[index * 2 + 1], value)


def label_row(table: Table, *labels: str) -> None:
    """A row of printed labels, each bold on grey (a blank one left empty)."""
    for cell, text in zip(table.add_row().cells, labels):
        if text:
            write(cell, text, bold=True)
            shade(cell, "D9D9D9")


def value_row(table: Table, *values: str) -> None:
    """A row of typed answers."""
    for cell, text in zip(table.add_row().cells, values):
        write(cell, text)


def parse_docx(doc: DocumentType) -> dict[str, Any]:
    out = io.BytesIO()
    doc.save(out)
    return parse_bytes(out.getvalue(), "referral.docx")


def problem_fields(parsed: dict[str, Any]) -> list[str | None]:
    return [p.get("field") for p in parsed["problems"]]
