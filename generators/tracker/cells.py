"""Rows of cells as SpreadsheetML, written directly (the fast path) with styles registered in openpyxl.

openpyxl builds each sheet's structure; the rows are streamed as XML text here and injected afterwards
(see `write`). The rules this writer keeps:
- strings are inline strings (`t="inlineStr"`) and never a `<f>` element, so no value from a form or a
  person can become a formula; text that Excel would take for one when a person re-enters the cell
  (starting with = + - @, tab or CR) also gets the quotePrefix style, as if typed after an apostrophe;
- dates are serial numbers with a date number format, so TODAY() comparisons work;
- the cell styles are registered with openpyxl first, so its styles.xml carries the indices used here.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .ooxml import escape, serial
from .values import CellValue, clean_text

# Excel re-reads these as a formula (or a sign) when a person re-enters the cell: quotePrefix keeps them text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Styles:
    """cellXfs indices registered with openpyxl, so its styles.xml carries them."""
    text: int
    wrap: int
    text_quoted: int
    wrap_quoted: int
    date: int
    datetime: int
    header: int
    header_editable: int  # a column people may edit: its heading is yellow, as the page footer explains


EDITABLE_FILL = "FFFF99"  # the yellow the desk's review.xlsx uses for "type here"


def register_styles(ws: object) -> Styles:
    def style(number_format: str | None = None, wrap: bool = False, quote: bool = False, bold: bool = False,
              editable: bool = False) -> int:
        cell = WriteOnlyCell(ws)
        # Headings wrap between words, so a narrow column shows its whole heading when printed.
        cell.alignment = Alignment(vertical="top", wrap_text=wrap or bold or None)
        if number_format:
            cell.number_format = number_format
        if quote:
            cell.quotePrefix = True
        if bold:
            # Black on yellow for an editable heading: the table style's white text would not show.
            cell.font = Font(bold=True, color="000000") if editable else Font(bold=True)
        if editable:
            cell.fill = PatternFill(fill_type="solid", start_color=EDITABLE_FILL, end_color=EDITABLE_FILL)
        return int(cell.style_id)  # registers the style with the workbook

    return Styles(text=style(), wrap=style(wrap=True), text_quoted=style(quote=True),
                  wrap_quoted=style(wrap=True, quote=True), date=style("dd/mm/yyyy"),
                  datetime=style("dd/mm/yyyy hh:mm"), header=style(bold=True),
                  header_editable=style(bold=True, editable=True))


def cell_xml(ref: str, value: CellValue, styles: Styles, wrap: bool) -> str:
    if isinstance(value, bool):
        return f'<c r="{ref}" s="{styles.text}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)) and not (isinstance(value, float) and not math.isfinite(value)):
        return f'<c r="{ref}" s="{styles.text}"><v>{value!r}</v></c>'
    if isinstance(value, (dt.date, dt.datetime)):
        number = serial(value)
        if number is not None:
            style = styles.datetime if isinstance(value, dt.datetime) and value.time() != dt.time() else styles.date
            return f'<c r="{ref}" s="{style}"><v>{number!r}</v></c>'
        value = value.isoformat()
    text = clean_text(str(value))
    quoted = text.startswith(FORMULA_STARTS)
    style = (styles.wrap_quoted if quoted else styles.wrap) if wrap else (styles.text_quoted if quoted else styles.text)
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def rows_xml(rows: Iterable[Sequence[CellValue]], styles: Styles, wrap_columns: frozenset[int],
             header: Sequence[str], editable: frozenset[int] = frozenset()) -> tuple[bytes, int]:
    """sheetData rows, header (if any) first, the `editable` columns' headings marked; returns the XML and
    the last row number."""
    letters = [get_column_letter(i + 1) for i in range(max(len(header), 1))]
    parts = []
    if header:
        parts.append('<row r="1">')
        parts += [f'<c r="{letters[i]}1" s="{styles.header_editable if i in editable else styles.header}"'
                  f' t="inlineStr"><is><t xml:space="preserve">{escape(h)}</t></is></c>' for i, h in enumerate(header)]
        parts.append("</row>")
    first = 2 if header else 1
    number = first - 1
    for number, values in enumerate(rows, start=first):
        parts.append(f'<row r="{number}">')
        for i, value in enumerate(values):
            if value is None or value == "":
                continue
            while i >= len(letters):
                letters.append(get_column_letter(len(letters) + 1))
            parts.append(cell_xml(f"{letters[i]}{number}", value, styles, i in wrap_columns))
        parts.append("</row>")
    return "".join(parts).encode("utf-8"), number
