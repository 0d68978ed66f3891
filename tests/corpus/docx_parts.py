"""Word parts python-docx cannot make, built the way Word saves them: legacy form fields (FORMTEXT,
FORMCHECKBOX), content controls with meaningless tags (Text1, Check1...), date pickers, w14 check
boxes, shaded cells and merged full-width rows. For the parsing corpus; all values invented.

Text goes in through lxml's `.text` (escaped for us); nothing is spliced into XML strings.
"""
from __future__ import annotations

import datetime as dt
import itertools

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
TICKED, UNTICKED = "\u2612", "\u2610"


def _el(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """A child element; attribute keys like w_val become w:val (w14_val: the w14 namespace)."""
    child = OxmlElement(tag)
    for key, value in attrs.items():
        prefix, _, local = key.partition("_")
        child.set(f"{{{W14}}}{local}" if prefix == "w14" else qn(f"{prefix}:{local}"), value)
    parent.append(child)
    return child


def text_run(parent: etree._Element, text: str, bold: bool = False) -> etree._Element:
    """A run as Word stores typed text: line breaks as w:br, tabs as w:tab."""
    run = _el(parent, "w:r")
    if bold:
        _el(_el(run, "w:rPr"), "w:b")
    for number, line in enumerate(text.split("\n")):
        if number:
            _el(run, "w:br")
        for index, piece in enumerate(line.split("\t")):
            if index:
                _el(run, "w:tab")
            if piece:
                t = _el(run, "w:t")
                t.text = piece
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


class Fields:
    """Legacy form fields and content controls, named Text1, Check1... as Word names them."""

    def __init__(self) -> None:
        self._ids = itertools.count(1)
        self._text = itertools.count(1)
        self._check = itertools.count(1)

    # --- legacy form fields (Word 97-2003 forms, still common) ---

    def _begin(self, p: etree._Element, name: str) -> etree._Element:
        char = _el(_el(p, "w:r"), "w:fldChar", w_fldCharType="begin")
        data = _el(char, "w:ffData")
        _el(data, "w:name", w_val=name)
        _el(data, "w:enabled")
        _el(data, "w:calcOnExit", w_val="0")
        return data

    def _instr(self, p: etree._Element, instruction: str) -> None:
        instr = _el(_el(p, "w:r"), "w:instrText")
        instr.text = f" {instruction} "
        instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    def form_text(self, paragraph: Paragraph, value: str) -> None:
        p = paragraph._p
        _el(self._begin(p, f"Text{next(self._text)}"), "w:textInput")
        self._instr(p, "FORMTEXT")
        _el(_el(p, "w:r"), "w:fldChar", w_fldCharType="separate")
        # An untouched field shows five en spaces.
        text_run(p, value if value else "\u2002" * 5)
        _el(_el(p, "w:r"), "w:fldChar", w_fldCharType="end")

    def form_checkbox(self, paragraph: Paragraph, checked: bool) -> None:
        p = paragraph._p
        box = _el(self._begin(p, f"Check{next(self._check)}"), "w:checkBox")
        _el(box, "w:sizeAuto")
        _el(box, "w:default", w_val="0")
        if checked:
            _el(box, "w:checked")
        self._instr(p, "FORMCHECKBOX")
        _el(_el(p, "w:r"), "w:fldChar", w_fldCharType="end")

    # --- content controls (Word 2007 and later) ---

    def _control(self, paragraph: Paragraph, tag: str) -> tuple[etree._Element, etree._Element]:
        sdt = _el(paragraph._p, "w:sdt")
        props = _el(sdt, "w:sdtPr")
        _el(props, "w:id", w_val=str(-100000 - next(self._ids)))
        _el(props, "w:tag", w_val=tag)
        return sdt, props

    def control_text(self, paragraph: Paragraph, value: str) -> None:
        sdt, props = self._control(paragraph, f"Text{next(self._text)}")
        if not value:
            _el(props, "w:showingPlcHdr")
        _el(props, "w:text", w_multiLine="1")
        content = _el(sdt, "w:sdtContent")
        if value:
            text_run(content, value)
            return
        run = _el(content, "w:r")
        _el(_el(run, "w:rPr"), "w:rStyle", w_val="PlaceholderText")
        _el(run, "w:t").text = "Click or tap here to enter text."

    def control_date(self, paragraph: Paragraph, value: str) -> None:
        """A date picker showing dd/MM/yyyy, its stored date in w:fullDate."""
        sdt, props = self._control(paragraph, f"Text{next(self._text)}")
        day = dt.datetime.strptime(value, "%d/%m/%Y")
        picker = _el(props, "w:date", w_fullDate=day.strftime("%Y-%m-%dT00:00:00Z"))
        _el(picker, "w:dateFormat", w_val="dd/MM/yyyy")
        _el(picker, "w:lid", w_val="en-GB")
        text_run(_el(sdt, "w:sdtContent"), value)

    def control_checkbox(self, paragraph: Paragraph, checked: bool) -> None:
        sdt, props = self._control(paragraph, f"Check{next(self._check)}")
        box = _el(props, "w14:checkbox")
        _el(box, "w14:checked", w14_val="1" if checked else "0")
        _el(box, "w14:checkedState", w14_val="2612", w14_font="MS Gothic")
        _el(box, "w14:uncheckedState", w14_val="2610", w14_font="MS Gothic")
        run = _el(_el(sdt, "w:sdtContent"), "w:r")
        _el(_el(run, "w:rPr"), "w:rFonts", w_ascii="MS Gothic", w_hAnsi="MS Gothic", w_eastAsia="MS Gothic")
        _el(run, "w:t").text = TICKED if checked else UNTICKED


# --- table helpers ---------------------------------------------------------------------------

def shade(cell: _Cell, fill: str = "D9E2F3") -> None:
    props = cell._tc.get_or_add_tcPr()
    _el(props, "w:shd", w_val="clear", w_color="auto", w_fill=fill)


def full_width_row(table: Table, text: str, fill: str | None = "BFBFBF", bold: bool = True) -> _Cell:
    """A row merged across the table (Word writes one cell with w:gridSpan)."""
    row = table.add_row()
    merged = row.cells[0].merge(row.cells[-1])
    paragraph = merged.paragraphs[0]
    paragraph.add_run(text).bold = bold
    if fill:
        shade(merged, fill)
    return merged


def write(cell: _Cell, text: str, bold: bool = False) -> None:
    """Typed text in a cell; each line its own paragraph, as pressing Enter in Word gives."""
    lines = text.split("\n") if text else [""]
    first, *rest = lines
    cell.paragraphs[0].add_run(first).bold = bold
    for line in rest:
        cell.add_paragraph().add_run(line).bold = bold
