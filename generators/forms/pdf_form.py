"""The service's own fillable PDF referral form and DASH checklist (reportlab AcroForm).

Sections, labels and questions come from `layout.py`, so this form prints what the Word form
prints. Every field is named by its canonical path (`referral.victim.name`, `dash.answers.3`,
`referral.children.2.school`): the PDF reader then needs no mapping table. The dots make the
fully qualified name equal the path whether a viewer keeps the names flat or re-saves them as a
field hierarchy, and pypdf reads and fills such flat names as they are.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from parsers.fields import Kind

from . import layout
from .pdf_fill import BOOL_EXPORTS, DASH_EXPORTS, fill_referral_pdf

__all__ = ["build_referral_pdf", "fill_referral_pdf", "write_pdf", "FILENAME", "BOOL_EXPORTS", "DASH_EXPORTS"]

FILENAME = "marac-referral-form.pdf"

PAGE_W, PAGE_H = A4
MARGIN = 36.0
CONTENT_W = PAGE_W - 2 * MARGIN
LABEL_W = 180.0
FIELD_X = MARGIN + LABEL_W + 6
FIELD_W = PAGE_W - MARGIN - FIELD_X
LINE_H = 16.0
FONT, BOLD = "Helvetica", "Helvetica-Bold"
FIELD_FILL = Color(0.93, 0.95, 1.0)
BORDER = Color(0.45, 0.45, 0.5)
HEADER_FILL = Color(0.85, 0.87, 0.9)

# Free-text boxes that need room to write in; everything else gets one line.
TALL_FIELDS: dict[str, float] = {
    "referral.victim.address": 40, "referral.victim.contact_notes": 30,
    "referral.reasons.professional_judgement_rationale": 50, "referral.reasons.repeat_details": 24,
    "referral.victim_aware_reason": 30, "referral.afraid_of": 30, "referral.safe_to_talk_to": 30,
    "referral.not_safe_to_talk_to": 30, "referral.previous_marac": 24,
    "referral.risks_summary": 150, "referral.additional_information": 100,
}


@dataclass
class _Sheet:
    """A canvas with a downward-moving cursor that starts a new page when the next block won't fit."""
    canvas: Canvas
    y: float = PAGE_H - MARGIN
    page: int = 1

    def need(self, height: float) -> None:
        if self.y - height < MARGIN + 14:
            self.new_page()

    def new_page(self) -> None:
        self._footer()
        self.canvas.showPage()
        self.page += 1
        self.y = PAGE_H - MARGIN

    def finish(self) -> None:
        self._footer()
        self.canvas.showPage()

    def _footer(self) -> None:
        self.canvas.setFont(FONT, 7.5)
        self.canvas.setFillColor(black)
        self.canvas.drawString(MARGIN, MARGIN - 14, "MARAC referral form and DASH risk identification checklist")
        self.canvas.drawRightString(PAGE_W - MARGIN, MARGIN - 14, f"Page {self.page}")

    def text(self, lines: list[str], x: float, top: float, size: float = 9, font: str = FONT) -> None:
        self.canvas.setFont(font, size)
        self.canvas.setFillColor(black)
        for i, line in enumerate(lines):
            self.canvas.drawString(x, top - size - i * (size + 1.5), line)


def _text_field(sheet: _Sheet, name: str, x: float, top: float, width: float, height: float,
                tooltip: str, font_size: float = 9, multiline: bool = False) -> None:
    # maxlen=0: reportlab's default MaxLen of 100 would cut off a summary of risks.
    sheet.canvas.acroForm.textfield(
        name=name, tooltip=tooltip, x=x, y=top - height, width=width, height=height, value="",
        fontName=FONT, fontSize=font_size, textColor=black, fillColor=FIELD_FILL,
        borderColor=BORDER, borderWidth=1, maxlen=0, fieldFlags="multiline" if multiline else "")


def _radio(sheet: _Sheet, name: str, export: str, x: float, y: float, tooltip: str) -> None:
    # Not 'required': an unanswered question must stay blank rather than block saving. Border
    # width 1: viewers that redraw appearances (pdfium, i.e. Chrome) drop thinner borders.
    sheet.canvas.acroForm.radio(
        name=name, value=export, tooltip=tooltip, x=x, y=y, size=10, buttonStyle="circle",
        shape="circle", fillColor=Color(1, 1, 1), borderColor=BORDER, textColor=black,
        borderWidth=1, fieldFlags="noToggleToOff radio")


def _title(sheet: _Sheet, title: str, intro: str) -> None:
    sheet.text([title], MARGIN, sheet.y, size=15, font=BOLD)
    lines = simpleSplit(intro, FONT, 8.5, CONTENT_W)
    sheet.text(lines, MARGIN, sheet.y - 22, size=8.5)
    sheet.y -= 26 + len(lines) * 10


def _heading(sheet: _Sheet, title: str, room_after: float) -> None:
    sheet.need(22 + room_after)
    sheet.canvas.setFillColor(HEADER_FILL)
    sheet.canvas.rect(MARGIN, sheet.y - 16, CONTENT_W, 16, stroke=0, fill=1)
    sheet.text([title], MARGIN + 4, sheet.y - 2, size=10.5, font=BOLD)
    sheet.y -= 22


def _field_row(sheet: _Sheet, field: layout.Field) -> None:
    label = simpleSplit(field.label, FONT, 9, LABEL_W)
    if field.kind is Kind.BOOL:
        height = max(LINE_H, len(label) * 10.5)
        sheet.need(height + 4)
        for i, export in enumerate(BOOL_EXPORTS):
            x = FIELD_X + i * 50
            _radio(sheet, field.path, export, x, sheet.y - 12, field.label)
            sheet.text([export], x + 13, sheet.y - 2)
    else:
        height = max(TALL_FIELDS.get(field.path, LINE_H), len(label) * 10.5)
        sheet.need(height + 4)
        _text_field(sheet, field.path, FIELD_X, sheet.y, FIELD_W, height, field.label,
                    multiline=field.path in TALL_FIELDS)
    sheet.text(label, MARGIN, sheet.y - 2)
    sheet.y -= height + 4


def _section(sheet: _Sheet, section: layout.Section) -> None:
    first = section.fields[0].path
    _heading(sheet, section.title, TALL_FIELDS.get(first, LINE_H) + 4)
    for field in section.fields:
        _field_row(sheet, field)
    sheet.y -= 6


def _header_row(sheet: _Sheet, cells: list[tuple[float, float, str]], size: float = 7.5) -> None:
    """Grey column headings; each cell is (x, width, text), wrapped to its width."""
    wrapped = [(x, simpleSplit(text, BOLD, size, w - 4)) for x, w, text in cells]
    height = max(len(lines) for _, lines in wrapped) * (size + 1.5) + 5
    sheet.canvas.setFillColor(HEADER_FILL)
    sheet.canvas.rect(MARGIN, sheet.y - height, CONTENT_W, height, stroke=0, fill=1)
    for x, lines in wrapped:
        sheet.text(lines, x + 2, sheet.y - 2, size=size, font=BOLD)
    sheet.y -= height + 2


def _table(sheet: _Sheet, table: layout.Table) -> None:
    index_w = 14.0
    col_w = (CONTENT_W - index_w) / len(table.columns)
    row_h = 30.0
    cells = [(MARGIN, index_w, "")] + [
        (MARGIN + index_w + i * col_w, col_w, heading) for i, (_, heading) in enumerate(table.columns)]
    whole = 30 + table.rows * (row_h + 3)
    # Keep a table on one page when it fits on one; a long one may break after its first row.
    _heading(sheet, table.title, whole if whole < PAGE_H / 2 else 30 + row_h)
    _header_row(sheet, cells)
    for row in range(table.rows):
        if sheet.y - row_h < MARGIN + 14:
            sheet.new_page()
            _header_row(sheet, cells)
        sheet.text([str(row + 1)], MARGIN + 3, sheet.y - 8)
        for i, (column, heading) in enumerate(table.columns):
            _text_field(sheet, f"{table.section}.{row}.{column}", MARGIN + index_w + i * col_w + 1,
                        sheet.y, col_w - 2, row_h, f"{table.title} row {row + 1}: {heading}",
                        font_size=8, multiline=True)
        sheet.y -= row_h + 3
    sheet.y -= 6


# DASH table columns: number, question, one per answer, comment.
_DASH_NO_W, _DASH_Q_W, _DASH_CHOICE_W = 20.0, 232.0, 30.0


def _dash_cells() -> list[tuple[float, float, str]]:
    x = MARGIN
    cells = [(x, _DASH_NO_W, "No."), (x + _DASH_NO_W, _DASH_Q_W, "Question")]
    x += _DASH_NO_W + _DASH_Q_W
    for _, label in layout.DASH_CHOICES:
        cells.append((x, _DASH_CHOICE_W, label))
        x += _DASH_CHOICE_W
    cells.append((x, PAGE_W - MARGIN - x, "Comment / source of information if not the victim"))
    return cells


def _dash_row(sheet: _Sheet, cells: list[tuple[float, float, str]], number: int, question: str) -> None:
    lines = simpleSplit(question, FONT, 8, _DASH_Q_W - 4)
    height = max(21.0, len(lines) * 9.0 + 5)
    if sheet.y - height < MARGIN + 14:
        sheet.new_page()
        _header_row(sheet, cells)
    sheet.text([str(number)], MARGIN + 3, sheet.y - 2, size=8.5, font=BOLD)
    sheet.text(lines, cells[1][0] + 2, sheet.y - 2, size=8)
    for (choice, _label), (x, width, _) in zip(layout.DASH_CHOICES, cells[2:]):
        _radio(sheet, f"dash.answers.{number}", DASH_EXPORTS[choice], x + (width - 10) / 2,
               sheet.y - 14, f"Question {number}: {question}")
    comment_x, comment_w, _ = cells[-1]
    _text_field(sheet, f"dash.comments.{number}", comment_x + 1, sheet.y - 1, comment_w - 1, height - 2,
                f"Question {number}: comment", font_size=8, multiline=True)
    sheet.canvas.setStrokeColor(BORDER)
    sheet.canvas.setLineWidth(0.3)
    sheet.canvas.line(MARGIN, sheet.y - height - 1.5, PAGE_W - MARGIN, sheet.y - height - 1.5)
    sheet.y -= height + 3


def _dash(sheet: _Sheet) -> None:
    sheet.new_page()
    _title(sheet, "DASH risk identification checklist",
           "Mark Yes, No or Don't know for every question. The score is the number of Yes answers. "
           "Where the answer comes from someone other than the victim, "
           "say who in the comment.")
    cells = _dash_cells()
    _header_row(sheet, cells)
    for number, question in layout.dash_questions():
        _dash_row(sheet, cells, number, question)
    sheet.y -= 8
    for field in layout.DASH_FOOTER:
        _field_row(sheet, field)


def build_referral_pdf() -> bytes:
    """The blank fillable referral form followed by the DASH checklist, as PDF bytes."""
    buf = io.BytesIO()
    # invariant: the same layout gives the same bytes, so a rebuild does not churn the repository.
    canvas = Canvas(buf, pagesize=A4, pageCompression=1, invariant=True)
    canvas.setTitle("MARAC referral form and DASH risk identification checklist")
    canvas.setSubject("MARAC referral")
    sheet = _Sheet(canvas)
    _title(sheet, "MARAC referral form",
           "Complete every section you can and send this form, with the DASH checklist that follows, "
           "to the MARAC mailbox.")
    for section in layout.REFERRAL_SECTIONS:
        _section(sheet, section)
        if section.title == "Victim":
            # SafeLives order: the people involved come before the reasons for referral.
            _table(sheet, layout.PERPETRATOR_TABLE)
            _table(sheet, layout.CHILDREN_TABLE)
    _dash(sheet)
    sheet.finish()
    canvas.save()
    return buf.getvalue()


def write_pdf(out_dir: Path) -> Path:
    """Write the blank form into out_dir as marac-referral-form.pdf and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / FILENAME
    target.write_bytes(build_referral_pdf())
    return target
