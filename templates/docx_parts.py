"""The building blocks of the meeting-document templates (python-docx): A4 pages with the marking and
"Page X of Y", headings, tables whose every Jinja tag is one run of its own, and a package trimmed of
what no reader needs. build_templates.py says what each template holds.
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

OUT = Path(__file__).resolve().parent
MARKING = "OFFICIAL-SENSITIVE"
PORTRAIT_CM, LANDSCAPE_CM = 17.0, 25.7  # A4 text width with 2 cm margins

# A paragraph is a tuple of parts, each written as one run; a cell is a list of paragraphs.
Parts = tuple[str, ...]
Cell = Sequence[Parts]


def new_document(landscape: bool = False) -> DocumentObject:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long_ = Mm(210), Mm(297)
    section.page_width, section.page_height = (long_, short) if landscape else (short, long_)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(10)
    # Government Security Classification: the marking goes at the top and bottom of every page.
    for part in (section.header, section.footer):
        paragraph = part.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(MARKING).bold = True
    page_numbers(section.footer.add_paragraph())
    return doc


def field(paragraph: Paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) as begin / instruction / separate / shown value / end runs; Word and
    LibreOffice both recompute the value when they lay the document out."""
    for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text != "1" else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def page_numbers(paragraph: Paragraph) -> None:
    """'Page X of Y' on every page: a page that becomes separated from the rest shows it is incomplete."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    field(paragraph, "NUMPAGES")


def para(container: DocumentObject | _Cell, *parts: str, style: str | None = None,
         bold: bool = False) -> Paragraph:
    """A paragraph with one run per part, so each tag is a run of its own."""
    paragraph = container.add_paragraph(style=style)
    for part in parts:
        run = paragraph.add_run(part)
        if bold:
            run.bold = True
    return paragraph


def heading(doc: DocumentObject, level: int, *parts: str, new_page: bool = False) -> Paragraph:
    paragraph = doc.add_heading(level=level)
    for part in parts:
        paragraph.add_run(part)
    if new_page:
        paragraph.paragraph_format.page_break_before = True
    return paragraph


def table(doc: DocumentObject, headers: Sequence[str], widths: Sequence[float]) -> Table:
    """A grid table with a bold header row repeated on every page."""
    grid = doc.add_table(rows=1, cols=len(widths))
    grid.style = "Table Grid"
    grid.autofit = False
    for column, width in zip(grid.columns, widths):
        column.width = Cm(width)  # LibreOffice reads the grid, Word the cells: set both
    for cell, text, width in zip(grid.rows[0].cells, headers, widths):
        cell.width = Cm(width)
        cell.paragraphs[0].add_run(text).bold = True
    grid.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    return grid


def add_row(grid: Table, widths: Sequence[float], cells: Sequence[Cell]) -> None:
    """A row; cells past the end of `cells` stay empty."""
    row = grid.add_row()
    for index, (cell, width) in enumerate(zip(row.cells, widths)):
        cell.width = Cm(width)
        for number, parts in enumerate(cells[index] if index < len(cells) else ()):
            paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
            for part in parts:
                paragraph.add_run(part)


def loop_table(doc: DocumentObject, headers: Sequence[str], widths: Sequence[float], loop: str,
               cells: Sequence[Cell]) -> Table:
    """Header row, then docxtpl's `{%tr for %}` row, the repeated row, and `{%tr endfor %}`."""
    grid = table(doc, headers, widths)
    add_row(grid, widths, [[(f"{{%tr {loop} %}}",)]])
    add_row(grid, widths, cells)
    # One case per row, never broken across a page: a reader must not miss its last lines.
    grid.rows[-1]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    add_row(grid, widths, [[("{%tr endfor %}",)]])
    return grid


def label_table(doc: DocumentObject, rows: Sequence[tuple[str, Cell]], widths: Sequence[float],
                min_height_cm: float | None = None) -> Table:
    """Two columns, label | value, no header row."""
    grid = doc.add_table(rows=0, cols=2)
    grid.style = "Table Grid"
    grid.autofit = False
    for column, width in zip(grid.columns, widths):
        column.width = Cm(width)
    for label, value in rows:
        add_row(grid, widths, [[(label,)], value])
        grid.rows[-1].cells[0].paragraphs[0].runs[0].bold = True
        if min_height_cm:
            grid.rows[-1].height = Cm(min_height_cm)
            grid.rows[-1].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    return grid


def meeting_table(doc: DocumentObject, width: float, extra: Sequence[tuple[str, Cell]] = ()) -> None:
    rows = [("Date", [("{{ meeting.date }}",)]), ("Time", [("{{ meeting.time }}",)]),
            ("Venue", [("{{ meeting.venue }}",)]), ("Chair", [("{{ meeting.chair }}",)]), *extra]
    label_table(doc, rows, (4.0, width - 4.0))


# Parts of python-docx's default template that no reader needs: Word 2010's copy of the styles (Word 2013
# on and LibreOffice read styles.xml), a blank page's thumbnail, and a bibliography store. Every paper is
# rendered from the template, unpacked, parsed and packed again: half its bytes were these.
UNNEEDED = ("/stylesWithEffects", "/metadata/thumbnail", "/customXml")


TABLE_STYLES = {"TableNormal", "TableGrid"}  # the papers' own; Word adds any other when a person applies it


def to_bytes(doc: DocumentObject) -> bytes:
    for rels in (doc.part.rels, doc.part.package.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith(UNNEEDED):
                rels.pop(rid)
    # The default template defines 100 table styles (nine tenths of styles.xml); the papers use two.
    for style in doc.styles.element.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in TABLE_STYLES:
            doc.styles.element.remove(style)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def table_or_sentence(doc: DocumentObject, items: str, none_text: str, headers: Sequence[str],
                      widths: Sequence[float], loop: str, cells: Sequence[Cell]) -> None:
    """The table when `items` has any, else one sentence: never a heading over an empty table."""
    para(doc, f"{{%p if {items} %}}")
    loop_table(doc, headers, widths, loop, cells)
    para(doc, "{%p else %}")
    para(doc, none_text)
    para(doc, "{%p endif %}")


# The agenda's case columns (landscape): one header word per line at most, so none breaks inside a word.
