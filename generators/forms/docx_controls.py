"""Low-level Word content controls (w:sdt) for the service's own .docx form.

python-docx has no API for content controls, so they are built here with lxml. Every element
is created inside the document tree (SubElement on a python-docx paragraph), so the `w` and
`w14` prefixes declared on the document root are reused instead of being re-declared on each
control, and Word 2007 keeps ignoring w14 through the root's mc:Ignorable.
Text always goes in through lxml's `.text`, which does the XML escaping; nothing is spliced
into XML strings.
"""
from __future__ import annotations

import itertools
import re

from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from lxml import etree

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
CHECKED = "\u2612"  # ☒
UNCHECKED = "\u2610"  # ☐
CHECKBOX_FONT = "MS Gothic"
PLACEHOLDER_STYLE = "PlaceholderText"  # Word's own style id for placeholder text

# Characters XML 1.0 cannot carry at all (lxml refuses them); a referrer pasting from another
# system can bring them in, and dropping them beats failing to build the form.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _w14(name: str) -> str:
    return f"{{{W14}}}{name}"


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    """A child element; attribute keys are prefixed names such as `w:val` passed as w_val."""
    child = etree.SubElement(parent, tag)
    for key, value in attrs.items():
        prefix, _, local = key.partition("_")
        child.set(_w14(local) if prefix == "w14" else qn(f"{prefix}:{local}"), value)
    return child


class Controls:
    """Adds content controls to paragraphs, numbering them so every w:id in a document is unique."""

    def __init__(self) -> None:
        self._ids = itertools.count(1)

    def _start(self, paragraph: etree._Element, tag: str, alias: str) -> tuple[etree._Element, etree._Element]:
        sdt = _sub(paragraph, qn("w:sdt"))
        props = _sub(sdt, qn("w:sdtPr"))
        _sub(props, qn("w:alias"), w_val=clean(alias))
        _sub(props, qn("w:tag"), w_val=clean(tag))
        _sub(props, qn("w:id"), w_val=str(next(self._ids)))
        return sdt, props

    def text(self, paragraph: etree._Element, tag: str, alias: str, value: str | None,
             placeholder: str) -> None:
        """A plain-text control showing `value`, or its grey placeholder when there is none."""
        sdt, props = self._start(paragraph, tag, alias)
        empty = value is None or clean(value) == ""
        if empty:
            _sub(props, qn("w:showingPlcHdr"))
        # multiLine lets a referrer press Enter in an address box (a soft line break).
        _sub(props, qn("w:text"), w_multiLine="1")
        content = _sub(sdt, qn("w:sdtContent"))
        run = _sub(content, qn("w:r"))
        if empty:
            _sub(_sub(run, qn("w:rPr")), qn("w:rStyle"), w_val=PLACEHOLDER_STYLE)
            _add_text(run, placeholder)
        else:
            _add_text(run, value or "")

    def checkbox(self, paragraph: etree._Element, tag: str, alias: str, checked: bool) -> None:
        """A Word 2010 check box control (clickable in Word, shown as ☒ / ☐ elsewhere)."""
        sdt, props = self._start(paragraph, tag, alias)
        box = _sub(props, _w14("checkbox"))
        _sub(box, _w14("checked"), w14_val="1" if checked else "0")
        _sub(box, _w14("checkedState"), w14_val=f"{ord(CHECKED):04X}", w14_font=CHECKBOX_FONT)
        _sub(box, _w14("uncheckedState"), w14_val=f"{ord(UNCHECKED):04X}", w14_font=CHECKBOX_FONT)
        run = _sub(_sub(sdt, qn("w:sdtContent")), qn("w:r"))
        fonts = _sub(_sub(run, qn("w:rPr")), qn("w:rFonts"), w_ascii=CHECKBOX_FONT,
                     w_eastAsia=CHECKBOX_FONT, w_hAnsi=CHECKBOX_FONT)
        # The glyphs live in the East Asian range; without the hint Word picks another font.
        fonts.set(qn("w:hint"), "eastAsia")
        _sub(run, qn("w:t")).text = CHECKED if checked else UNCHECKED


def clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _add_text(run: etree._Element, text: str) -> None:
    """Text into a run the way Word stores it: newlines as w:br, tabs as w:tab."""
    lines = clean(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines):
        if number:
            _sub(run, qn("w:br"))
        for index, piece in enumerate(line.split("\t")):
            if index:
                _sub(run, qn("w:tab"))
            if piece:
                t = _sub(run, qn("w:t"))
                t.text = piece
                # Without this, Word drops leading/trailing spaces of each piece.
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def mark_header_row(row: CT_Row) -> None:
    """Repeat a table's first row on every page it runs onto."""
    _sub(row.get_or_add_trPr(), qn("w:tblHeader"))


def keep_row_together(row: CT_Row) -> None:
    """Stop a row breaking across pages, so a question and its boxes stay side by side."""
    _sub(row.get_or_add_trPr(), qn("w:cantSplit"))
