"""Word-building pieces the area forms share: what Word writes for the things referrers meet.

- `placeholder_control`: an empty content control showing "Click here to enter text." (Word 2010's
  wording; 2013 and later say "Click or tap here to enter text."), or a filled one.
- `symbol_box`: a tick box typed in the Wingdings font, as Word's Insert > Symbol gives: the private
  use code points U+F0FE (ticked box), U+F0A8 / U+F06F (empty box), U+F0FC (tick), U+F078 (cross).
- `struck_choice`: "Y / N" with the answer that does not apply struck through (how people "delete"
  an option in Word), or deleted outright ("Y /").
- `dropdown`: a drop-down list content control showing the chosen item, or "Choose an item.".
- Legacy FORMTEXT / FORMCHECKBOX and w14 check boxes: `tests.corpus.docx_parts.Fields`.
"""
from __future__ import annotations

import io
import itertools

from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from tests.corpus.docx_parts import text_run

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SYMBOL_TICKED = "\uf0fe"
SYMBOL_EMPTY = "\uf0a8"
SYMBOL_EMPTY_ROUND = "\uf06f"
SYMBOL_TICK = "\uf0fc"
SYMBOL_CROSS = "\uf078"
_ids = itertools.count(1)


def _el(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, qn(tag))
    for key, value in attrs.items():
        element.set(qn(key.replace("_", ":", 1)), value)
    return element


def placeholder_control(paragraph: Paragraph, value: str = "", *, prompt: str = "Click here to enter text.",
                        date: bool = False) -> None:
    """A plain-text (or date) content control; empty ones show Word's grey prompt."""
    sdt = _el(paragraph._p, "w:sdt")
    props = _el(sdt, "w:sdtPr")
    _el(props, "w:id", w_val=str(-200000 - next(_ids)))
    if not value:
        _el(props, "w:showingPlcHdr")
    if date:
        picker = _el(props, "w:date")
        _el(picker, "w:dateFormat", w_val="dd/MM/yyyy")
        _el(picker, "w:lid", w_val="en-GB")
        prompt = "Click here to enter a date." if prompt == "Click here to enter text." else prompt
    else:
        _el(props, "w:text")
    content = _el(sdt, "w:sdtContent")
    if value:
        text_run(content, value)
        return
    run = _el(content, "w:r")
    _el(_el(run, "w:rPr"), "w:rStyle", w_val="PlaceholderText")
    _el(run, "w:t").text = prompt


def dropdown(paragraph: Paragraph, items: list[str], chosen: str | None) -> None:
    sdt = _el(paragraph._p, "w:sdt")
    props = _el(sdt, "w:sdtPr")
    _el(props, "w:id", w_val=str(-300000 - next(_ids)))
    if chosen is None:
        _el(props, "w:showingPlcHdr")
    listing = _el(props, "w:dropDownList")
    _el(listing, "w:listItem", w_value="Choose an item.", w_displayText="Choose an item.")
    for item in items:
        _el(listing, "w:listItem", w_value=item, w_displayText=item)
    run = _el(_el(sdt, "w:sdtContent"), "w:r")
    if chosen is None:
        _el(_el(run, "w:rPr"), "w:rStyle", w_val="PlaceholderText")
    _el(run, "w:t").text = chosen if chosen is not None else "Choose an item."


def symbol_box(paragraph: Paragraph, checked: bool, *, glyphs: tuple[str, str] = (SYMBOL_TICKED, SYMBOL_EMPTY),
               font: str = "Wingdings", typed: bool = False) -> None:
    """A box from a symbol font, as Word's Insert > Symbol writes it (`<w:sym w:font=… w:char=…/>`), or,
    with `typed`, as text in that font (a private-use code point, not ☒/☐).

    Insert > Symbol is the default because it prints as Word prints it: LibreOffice maps a w:sym to
    OpenSymbol with the right code, whereas text in a font this machine lacks prints every box as the
    same missing glyph, a PDF no reader could read (and Word itself never makes, having the font)."""
    if typed:
        run = paragraph.add_run(glyphs[0] if checked else glyphs[1])
        run.font.name = font
        r_fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            r_fonts.set(qn(attr), font)
    else:
        run = paragraph.add_run()
        sym = OxmlElement("w:sym")
        sym.set(qn("w:font"), font)
        sym.set(qn("w:char"), f"{ord(glyphs[0] if checked else glyphs[1]):04X}")
        run._r.append(sym)
    run.font.size = Pt(11)


def struck_choice(paragraph: Paragraph, value: bool | None, *, options: tuple[str, str] = ("Y", "N"),
                  how: str = "strike") -> None:
    """'Y / N' with the option that does not apply struck through ('strike'), deleted ('delete': 'Y /'),
    or left as printed when the referrer did not answer (value None)."""
    yes, no = options
    if value is None:
        paragraph.add_run(f"{yes} / {no}")
        return
    if how == "delete":
        paragraph.add_run(f"{yes} /" if value else f"/ {no}")
        return
    first = paragraph.add_run(yes)
    paragraph.add_run(" / ")
    second = paragraph.add_run(no)
    (second if value else first).font.strike = True


def docx_bytes(doc: DocumentObject) -> bytes:
    """The document as Word saves it."""
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
