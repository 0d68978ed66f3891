"""The service's own Word referral form and DASH checklist, in one .docx of content controls.

Each box is a content control tagged with its canonical path (parsers.fields), so
parsers.docx.reader reads a returned form by tag, whatever the referrer did to the labels.
What is printed comes from generators.forms.layout, shared with the PDF builder.
"""
from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from parsers.fields import ROW_SECTIONS, Kind

from . import layout
from .docx_controls import Controls, keep_row_together, mark_header_row

DOCX_NAME = "marac-referral-and-dash.docx"
TEXT_PLACEHOLDER = "Click or tap here to enter text."
DATE_PLACEHOLDER = "Enter a date (DD/MM/YYYY)."
CELL_PLACEHOLDER = "Enter text."  # short, because row-table cells are narrow
PAGE_WIDTH_CM = 17.0  # A4 less 2 cm margins
LABEL_WIDTH_CM = 6.0
DASH_WIDTHS_CM = (1.2, 7.8, 1.3, 1.3, 1.6, 3.8)

Values = Mapping[str, str | bool]


def build_referral_docx(values: Values | None = None) -> bytes:
    """The form as .docx bytes: blank, or filled in with `values` (canonical path -> value).

    Text paths take a str; BOOL paths take True (ticks Yes) or False (ticks No); `dash.answers.N`
    takes 'yes', 'no' or 'unknown'. A path not on the form, or a value of the wrong type, raises
    ValueError, so a caller's typo cannot quietly produce a form with a box left empty.
    """
    filled = dict(values or {})
    _check_values(filled)
    doc = Document()
    _set_up(doc)
    controls = Controls()
    doc.add_heading("MARAC referral form", level=0)
    doc.add_paragraph("Fill in the boxes and tick \u2612 Yes or No where asked. Send this form with "
                      "the DASH checklist below to the MARAC mailbox by secure email.")
    for section in layout.REFERRAL_SECTIONS:
        _field_section(doc, controls, section.title, section.fields, filled)
        if section.title == "Victim":
            # SafeLives order: the people involved follow the victim, before the reasons.
            for table in (layout.PERPETRATOR_TABLE, layout.CHILDREN_TABLE):
                _row_table(doc, controls, table, filled)
    doc.add_page_break()
    _dash_checklist(doc, controls, filled)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def write_docx(out_dir: str | Path) -> Path:
    """Write the blank form into `out_dir` (created if missing); returns the file written."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / DOCX_NAME
    target.write_bytes(build_referral_docx())
    return target


def form_kinds() -> dict[str, Kind]:
    """Every path this form carries, with its kind, in printed order."""
    kinds = {f.path: f.kind for s in layout.REFERRAL_SECTIONS for f in s.fields}
    for table in (layout.PERPETRATOR_TABLE, layout.CHILDREN_TABLE):
        columns = ROW_SECTIONS[table.section]
        for i in range(table.rows):
            kinds.update({f"{table.section}.{i}.{key}": columns[key] for key, _ in table.columns})
    for number, _ in layout.dash_questions():
        kinds[f"dash.answers.{number}"] = Kind.ANSWER
        kinds[f"dash.comments.{number}"] = Kind.TEXT
    kinds.update({f.path: f.kind for f in layout.DASH_FOOTER})
    return kinds


def _check_values(values: Values) -> None:
    kinds = form_kinds()
    answers = {choice for choice, _ in layout.DASH_CHOICES}
    for path, value in values.items():
        kind = kinds.get(path)
        if kind is None:
            raise ValueError(f"{path!r} is not a field on the referral form")
        if kind is Kind.BOOL and not isinstance(value, bool):
            raise ValueError(f"{path!r} is a tick box and takes True or False, not {value!r}")
        if kind is Kind.ANSWER and value not in answers:
            raise ValueError(f"{path!r} takes one of {sorted(answers)}, not {value!r}")
        if kind not in (Kind.BOOL, Kind.ANSWER) and not isinstance(value, str):
            raise ValueError(f"{path!r} takes text, not {value!r}")


def _ticked(values: Values, path: str, choice: str) -> bool:
    value = values.get(path)
    if isinstance(value, bool):
        return value is (choice == "yes")
    return value == choice


def _text(values: Values, path: str) -> str | None:
    value = values.get(path)
    return value if isinstance(value, str) else None


def _set_up(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(10)
    # Word's own style for placeholders, so the empty boxes look like Word's (grey).
    placeholder = doc.styles.add_style("Placeholder Text", WD_STYLE_TYPE.CHARACTER)
    placeholder.font.color.rgb = RGBColor(0x80, 0x80, 0x80)


def _table(doc: DocumentObject, rows: int, widths_cm: tuple[float, ...]) -> DocxTable:
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    table.style = "Table Grid"
    table.autofit = False
    # Word reads the cell widths, LibreOffice the grid columns: set both.
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    return table


def _bold(paragraph: Paragraph, text: str) -> None:
    paragraph.add_run(text).bold = True


def _field_section(doc: DocumentObject, controls: Controls, title: str,
                   fields: tuple[layout.Field, ...], values: Values) -> None:
    doc.add_heading(title, level=1)
    _label_value_table(doc, controls, fields, values)


def _label_value_table(doc: DocumentObject, controls: Controls, fields: tuple[layout.Field, ...],
                       values: Values) -> None:
    table = _table(doc, len(fields), (LABEL_WIDTH_CM, PAGE_WIDTH_CM - LABEL_WIDTH_CM))
    for row, field in zip(table.rows, fields):
        _bold(row.cells[0].paragraphs[0], field.label)
        _value_box(controls, row.cells[1].paragraphs[0], field, values)


def _value_box(controls: Controls, paragraph: Paragraph, field: layout.Field, values: Values) -> None:
    if field.kind is Kind.BOOL:
        for choice, label in (("yes", "Yes"), ("no", "No")):
            if choice == "no":
                paragraph.add_run("    ")
            controls.checkbox(paragraph._p, f"{field.path}={choice}", f"{field.label} {label}",
                              _ticked(values, field.path, choice))
            paragraph.add_run(f" {label}")
        return
    placeholder = DATE_PLACEHOLDER if field.kind is Kind.DATE else TEXT_PLACEHOLDER
    controls.text(paragraph._p, field.path, field.label, _text(values, field.path), placeholder)


def _row_table(doc: DocumentObject, controls: Controls, spec: layout.Table, values: Values) -> None:
    doc.add_heading(spec.title, level=1)
    width = PAGE_WIDTH_CM / len(spec.columns)
    table = _table(doc, spec.rows + 1, (width,) * len(spec.columns))
    mark_header_row(table.rows[0]._tr)
    for cell, (_, heading) in zip(table.rows[0].cells, spec.columns):
        _bold(cell.paragraphs[0], heading)
    for index, row in enumerate(table.rows[1:]):
        for cell, (key, heading) in zip(row.cells, spec.columns):
            path = f"{spec.section}.{index}.{key}"
            controls.text(cell.paragraphs[0]._p, path, f"{spec.title} row {index + 1}: {heading}",
                          _text(values, path), CELL_PLACEHOLDER)


def _dash_checklist(doc: DocumentObject, controls: Controls, values: Values) -> None:
    doc.add_heading("DASH risk identification checklist", level=1)
    doc.add_paragraph("Tick one box for each question. Where the information does not come from "
                      "the victim, say where it comes from in the comment column.")
    questions = layout.dash_questions()
    table = _table(doc, len(questions) + 1, DASH_WIDTHS_CM)
    mark_header_row(table.rows[0]._tr)
    headings = ("No.", "Question", *(label for _, label in layout.DASH_CHOICES),
                "Comment / source of information")
    for cell, heading in zip(table.rows[0].cells, headings):
        _bold(cell.paragraphs[0], heading)
    for row, (number, text) in zip(table.rows[1:], questions):
        keep_row_together(row._tr)
        _dash_row(controls, row.cells, number, text, values)
    doc.add_paragraph()
    _label_value_table(doc, controls, layout.DASH_FOOTER, values)


def _dash_row(controls: Controls, cells: tuple[_Cell, ...], number: int, text: str, values: Values) -> None:
    cells[0].paragraphs[0].add_run(str(number))
    cells[1].paragraphs[0].add_run(text)
    path = f"dash.answers.{number}"
    for cell, (choice, label) in zip(cells[2:5], layout.DASH_CHOICES):
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        controls.checkbox(paragraph._p, f"{path}={choice}", f"Question {number}: {label}",
                          _ticked(values, path, choice))
    comment = f"dash.comments.{number}"
    controls.text(cells[5].paragraphs[0]._p, comment, f"Question {number}: comment",
                  _text(values, comment), CELL_PLACEHOLDER)
