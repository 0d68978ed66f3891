"""Small Word-building helpers the held-out modules share (not a form: the underscore keeps it out)."""
from __future__ import annotations

import random
from typing import Any

from docx.document import Document as DocumentType
from docx.table import Table, _Cell

from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import docx_bytes
from tests.corpus.docx_parts import shade, write


def rng_for(case: Case, salt: int) -> random.Random:
    return random.Random(case.seed * 977 + salt)


def grid(doc: DocumentType, cols: int, rows: int = 0) -> Table:
    table = doc.add_table(rows=rows, cols=cols)
    table.style = "Table Grid"
    return table


def label(cell: _Cell, text: str, fill: str | None = "D9D9D9") -> None:
    write(cell, text, bold=True)
    if fill:
        shade(cell, fill)


def inline(cell: _Cell, text: str, value: str | None) -> None:
    """Label and value in one cell: the printed label in bold, the typed answer after it."""
    paragraph = cell.paragraphs[0]
    paragraph.add_run(text).bold = True
    if value:
        paragraph.add_run(f" {value}")


def save(doc: DocumentType) -> bytes:
    return docx_bytes(doc)


def named(name: str, aliases: list[str]) -> str:
    return f"{name} (aka {', '.join(aliases)})" if aliases else name


def take(v: dict[str, Any], paths: list[str]) -> dict[str, Any]:
    return {p: v[p] for p in paths}
