"""Realistic filled PDFs from other areas' forms, for the PDF layout reader's corpus.

Three layouts, each in every wording of `wordings.py`:
- "acroform": a fillable form made the way Acrobat users make one: printed labels and headings, fields
  named Text1, Check Box3, Group2 or form1[0].#subform[0].TextField7[0]; filled with pypdf the way a
  viewer fills it (/V and /AS, NeedAppearances).
- "printed": a form printed to PDF: text only, label | value grid under headings, a children table and
  a DASH table with marks (✓, X, ☒), no ruling lines, so only x-positions tell the columns apart.
- "word-export": a Word document (python-docx) saved as PDF by LibreOffice headless: ruled label | value
  tables, a children table and a DASH table with X marks.

`build(layout, wording, values) -> bytes`; `form_of(wording, values)` says what each layout prints
and `carried_paths` which canonical paths that is. All data is invented.
"""
from __future__ import annotations

import datetime as dt
import io
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Union

from generators.fake_referrals import invented_referral
from generators.forms.layout import dash_questions
from parsers.fields import Kind, kind_of
from tests.corpus.wordings import CHILD_HEADERS, DASH_ANSWER_HEADERS, SECTIONS, WORDINGS, section_of

Value = Union[str, bool]
LAYOUTS: tuple[str, ...] = ("acroform", "printed", "word-export")
SECTION_ORDER = ("referrer", "victim", "perpetrator", "children", "reasons", "consent", "risks")
DASH_FOOTER = {"safelives": ("Checklist completed by", "Date completed"),
               "client": ("Completed by", "Date of assessment"),
               "survivor": ("Name of practitioner completing", "Date completed")}
DASH_COMMENT_HEADER = {"safelives": "Comments", "client": "Source of information if not the client",
                       "survivor": "Notes / source"}

# Values that trip up naive readers: apostrophes, accents, hyphens, '&', line breaks, glyph-like text.
AWKWARD: dict[str, Value] = {
    "referral.victim.name": "Zoë O'BRIEN-SMITH",
    "referral.victim.aliases": "Zo; Zoe Fictional",
    "referral.victim.address": "Flat 2, Example House\n14 Imaginary Road\nExampleton",
    "referral.referrer.agency": "Exampleshire Housing & Support",
    "referral.perpetrators.0.name": "Rory Marrow-Lyle",
    "referral.perpetrators.0.aliases": "Roz",
    "referral.victim.contact_notes": "Don't call after 5pm; text her sister's phone first",
    "referral.victim.interpreter_language": "Polish",
    "referral.reasons.professional_judgement": True,
    "referral.reasons.professional_judgement_rationale":
        "Perpetrator released from custody on 2 March; the victim's fear is escalating quickly and she "
        "has moved twice this year.",
    "referral.additional_information": "Victim's dog was hurt in the last incident.\nHousing are aware.",
    "referral.children.0.address": "c/o Nan's, 3 Fictional Close\nExampleton",  # ("Same as victim" reads as her address)
    "dash.comments.3": "Victim's words: 'he'll finish it'",
    "dash.comments.14": "Reported by neighbour & confirmed by police",
}


def corpus_values(wording: str, seed: int = 0) -> dict[str, Value]:
    """An invented, well-filled referral for one wording, with the awkward values mixed in."""
    rng = random.Random(f"{wording}-{seed}")
    values = invented_referral(rng, children=2, yes_answers=15)
    values.update(AWKWARD)
    return values


@dataclass
class Item:
    path: str
    label: str
    value: Value | None


@dataclass
class Form:
    """What one area's form prints, in order, with the values filled in."""
    wording: str
    sections: list[tuple[str, list[Item]]]
    children_title: str
    child_columns: list[tuple[str, str]]  # (column key, header as printed)
    children: list[dict[str, Value]]
    dash_title: str
    answer_headers: tuple[str, str, str]
    comment_header: str
    questions: list[tuple[int, str, str | None, str | None]]  # number, text, answer, comment
    dash_footer: list[Item] = field(default_factory=list)


def form_of(wording: str, values: dict[str, Value]) -> Form:
    titles = SECTIONS[wording]
    grouped: dict[str, list[Item]] = {name: [] for name in SECTION_ORDER}
    for path, label in WORDINGS[wording].items():
        grouped[section_of(path)].append(Item(path, label, values.get(path)))
    columns = list(CHILD_HEADERS[wording].items())
    count = 1 + max((int(p.split(".")[2]) for p in values if p.startswith("referral.children.")), default=-1)
    children = [{k: values.get(f"referral.children.{i}.{k}", "") for k, _ in columns} for i in range(count)]
    questions = [(n, text, values.get(f"dash.answers.{n}"), values.get(f"dash.comments.{n}"))
                 for n, text in dash_questions()]
    completed, date = DASH_FOOTER[wording]
    return Form(wording, [(titles[s], grouped[s]) for s in SECTION_ORDER if s != "children"],
                titles["children"], columns, children, titles["dash"], DASH_ANSWER_HEADERS[wording],
                DASH_COMMENT_HEADER[wording], questions,  # type: ignore[arg-type]
                [Item("dash.completed_by", completed, values.get("dash.completed_by")),
                 Item("dash.date", date, values.get("dash.date"))])


def carried_paths(form: Form) -> list[str]:
    """Every canonical path the form prints a place for (children: the rows that are filled)."""
    paths = [item.path for _, items in form.sections for item in items]
    paths += [f"referral.children.{i}.{k}" for i in range(len(form.children)) for k, _ in form.child_columns]
    paths += [f"dash.{part}.{n}" for n, *_ in form.questions for part in ("answers", "comments")]
    return paths + [item.path for item in form.dash_footer]


def text_of(value: Value | None, bool_style: tuple[str, str] = ("Yes", "No"), date_style: str = "") -> str:
    """A value as a referrer types it; dates re-spelt in the layout's habit."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return bool_style[0] if value else bool_style[1]
    if date_style and len(value) == 10 and value[2] == "/" and value[5] == "/":
        day = dt.datetime.strptime(value, "%d/%m/%Y")
        return f"{day.day} {day:%B %Y}" if date_style == "long" else day.strftime(date_style)
    return value


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    from reportlab.lib.utils import simpleSplit
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(simpleSplit(paragraph, font, size, width) or [""])
    return lines


# --- P1: a fillable AcroForm with meaningless field names -------------------------------------------

PAGE_W, PAGE_H = 595.27, 841.89
MARGIN = 40.0
TALL = {"referral.victim.address": 40, "referral.victim.contact_notes": 26, "referral.risks_summary": 50,
        "referral.reasons.professional_judgement_rationale": 40, "referral.additional_information": 40}


@dataclass
class _Acro:
    """A reportlab canvas with a cursor, field namer and the values to fill in afterwards."""
    canvas: object
    wording: str
    y: float = PAGE_H - MARGIN
    counts: dict[str, int] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    buttons: dict[str, str] = field(default_factory=dict)  # field name -> on-state to select

    def name(self, kind: str) -> str:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        n = self.counts[kind]
        if self.wording == "survivor":  # names as LiveCycle Designer leaves them in a static form
            stem = {"text": "TextField", "check": "CheckBox", "radio": "RadioGroup"}[kind]
            return f"form1[0].#subform[0].{stem}{n}[0]"
        return {"text": f"Text{n}", "check": f"Check Box{n}", "radio": f"Group{n}"}[kind]

    def need(self, height: float) -> None:
        if self.y - height < MARGIN:
            self.canvas.showPage()  # type: ignore[attr-defined]
            self.y = PAGE_H - MARGIN

    def write(self, lines: list[str], x: float, top: float, size: float = 9, bold: bool = False) -> None:
        self.canvas.setFont("Helvetica-Bold" if bold else "Helvetica", size)  # type: ignore[attr-defined]
        for i, line in enumerate(lines):
            self.canvas.drawString(x, top - size - i * (size + 1.5), line)  # type: ignore[attr-defined]

    def heading(self, title: str) -> None:
        self.need(50)
        self.y -= 8
        self.write([title], MARGIN, self.y, size=11, bold=True)
        self.y -= 20

    def text_field(self, value: str, x: float, top: float, width: float, height: float) -> None:
        name = self.name("text")
        self.canvas.acroForm.textfield(  # type: ignore[attr-defined]
            name=name, x=x, y=top - height, width=width, height=height, value="", fontName="Helvetica",
            fontSize=8, borderWidth=1, maxlen=0, fieldFlags="multiline" if height > 20 else "")
        if value:
            self.texts[name] = value

    def box(self, name: str, x: float, top: float, checked: bool, export: str | None = None) -> None:
        form = self.canvas.acroForm  # type: ignore[attr-defined]
        if export is None:
            form.checkbox(name=name, x=x, y=top - 10, size=10, buttonStyle="cross", borderWidth=1, checked=False)
            if checked:
                self.buttons[name] = "Yes"
        else:
            form.radio(name=name, value=export, x=x, y=top - 10, size=10, buttonStyle="circle",
                       borderWidth=1, selected=False)
            if checked:
                self.buttons[name] = export


def _acro_choices(sheet: _Acro, words: tuple[str, ...], chosen: int | None, x: float, top: float,
                  spacing: float) -> None:
    """One question's tick boxes with the choice words beside them, in the wording's habit."""
    group = sheet.name("radio") if sheet.wording == "client" else None
    for i, word in enumerate(words):
        bx = x + i * spacing
        if sheet.wording == "survivor":  # "Yes [ ]  No [ ]": the word before its box
            sheet.write([word], bx, top - 1)
            bx += 22
        else:
            sheet.write([word], bx + 13, top - 1)
        name = group or sheet.name("check")
        sheet.box(name, bx, top, chosen == i, export=f"Choice{i + 1}" if group else None)


def _acro_row(sheet: _Acro, item: Item) -> None:
    label = _wrap(item.label, "Helvetica", 9, 185)
    height = max(TALL.get(item.path, 16), len(label) * 10.5)
    sheet.need(height + 6)
    sheet.write(label, MARGIN, sheet.y - 2)
    if kind_of(item.path) is Kind.BOOL:
        chosen = None if item.value is None else (0 if item.value else 1)
        _acro_choices(sheet, ("Yes", "No"), chosen, 240, sheet.y - 2, 60)
    else:
        sheet.text_field(text_of(item.value), 240, sheet.y, PAGE_W - MARGIN - 240, height)
    sheet.y -= height + 6


def _acro_children(sheet: _Acro, form: Form) -> None:
    sheet.heading(form.children_title)
    width = (PAGE_W - 2 * MARGIN - 14) / len(form.child_columns)
    header = [_wrap(h, "Helvetica-Bold", 7.5, width - 4) for _, h in form.child_columns]
    for i, lines in enumerate(header):
        sheet.write(lines, MARGIN + 14 + i * width + 2, sheet.y, size=7.5, bold=True)
    sheet.y -= max(len(lines) for lines in header) * 9 + 4
    for r, child in enumerate([*form.children, {}]):  # a spare blank row, as printed forms have
        sheet.write([str(r + 1)], MARGIN + 2, sheet.y - 4)
        for i, (key, _) in enumerate(form.child_columns):
            sheet.text_field(text_of(child.get(key)), MARGIN + 14 + i * width + 1, sheet.y, width - 2, 24)
        sheet.y -= 27


def _acro_dash(sheet: _Acro, form: Form) -> None:
    sheet.canvas.showPage()  # type: ignore[attr-defined]
    sheet.y = PAGE_H - MARGIN
    sheet.heading(form.dash_title)
    cols = [MARGIN, MARGIN + 20, MARGIN + 250, MARGIN + 282, MARGIN + 314, MARGIN + 350]

    def header() -> None:
        for x, text in zip(cols, ("No.", "Question", *form.answer_headers, form.comment_header)):
            sheet.write(_wrap(text, "Helvetica-Bold", 7.5, 30 if x in cols[2:5] else 150), x + 2, sheet.y,
                        size=7.5, bold=True)
        sheet.y -= 22

    header()
    for number, question, answer, comment in form.questions:
        lines = _wrap(question, "Helvetica", 8, 225)
        height = max(22, len(lines) * 9.5 + 5)
        if sheet.y - height < MARGIN:
            sheet.canvas.showPage()  # type: ignore[attr-defined]
            sheet.y = PAGE_H - MARGIN
            header()
        sheet.write([str(number)], cols[0] + 2, sheet.y - 2, size=8, bold=True)
        sheet.write(lines, cols[1] + 2, sheet.y - 2, size=8)
        group = sheet.name("check" if sheet.wording == "safelives" else "radio")
        for i, choice in enumerate(("yes", "no", "unknown")):
            name = sheet.name("check") if sheet.wording == "safelives" and i else group
            export = None if sheet.wording == "safelives" else f"Choice{i + 1}"
            sheet.box(name, cols[2 + i] + 10, sheet.y - 3, answer == choice, export)
        sheet.text_field(text_of(comment), cols[5] + 1, sheet.y - 1, PAGE_W - MARGIN - cols[5] - 1, height - 3)
        sheet.y -= height + 2
    sheet.y -= 10
    for item in form.dash_footer:
        _acro_row(sheet, item)


def _fill(blank: bytes, texts: dict[str, str], buttons: dict[str, str]) -> bytes:
    """Fill as a viewer does: text values with appearances, /V on the field and /AS on the widget."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject

    from parsers.pdf.acroform import walk_fields

    writer = PdfWriter(clone_from=io.BytesIO(blank))
    for f in walk_fields(writer.root_object["/AcroForm"].get_object()):
        state = buttons.get(f.name)
        if f.ftype != "/Btn" or state is None:
            continue
        f.node[NameObject("/V")] = NameObject(f"/{state}")
        for widget in f.widgets:
            states = widget["/AP"]["/N"].keys()
            widget[NameObject("/AS")] = NameObject(f"/{state}" if f"/{state}" in states else "/Off")
    writer.update_page_form_field_values(None, texts, auto_regenerate=True)
    writer.set_need_appearances_writer(True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build_acroform(form: Form) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=True)
    sheet = _Acro(canvas, form.wording)
    sheet.write(["MARAC referral form"], MARGIN, sheet.y, size=15, bold=True)
    sheet.y -= 30
    for title, items in form.sections:
        sheet.heading(title)
        for item in items:
            _acro_row(sheet, item)
        if title == SECTIONS[form.wording]["perpetrator"]:
            _acro_children(sheet, form)
    _acro_dash(sheet, form)
    canvas.showPage()
    canvas.save()
    return _fill(buf.getvalue(), sheet.texts, sheet.buttons)


# --- P2: text only, printed to PDF -------------------------------------------------------------------

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
PRINTED_BOOLS = {"safelives": ("☒ Yes   ☐ No", "☐ Yes   ☒ No"), "client": ("Y", "N"), "survivor": ("Yes", "No")}
PRINTED_MARKS = {"safelives": ("✓", ""), "client": ("X", ""), "survivor": ("☒", "☐")}
PRINTED_DATES = {"safelives": "", "client": "%d.%m.%Y", "survivor": "long"}


def _fonts() -> tuple[str, str, bool]:
    """DejaVu Sans (it has ✓ ☒ ☐) when the system has it, else Helvetica and plain-letter marks."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        return "Helvetica", "Helvetica-Bold", False
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
    return "DejaVuSans", "DejaVuSans-Bold", True


@dataclass
class _Printer:
    canvas: object
    font: str
    bold: str
    y: float = PAGE_H - MARGIN
    page: int = 1

    def need(self, height: float) -> bool:
        if self.y - height >= MARGIN + 10:
            return False
        self.canvas.setFont(self.font, 7)  # type: ignore[attr-defined]
        self.canvas.drawCentredString(PAGE_W / 2, 20, f"Page {self.page}")  # type: ignore[attr-defined]
        self.canvas.showPage()  # type: ignore[attr-defined]
        self.page += 1
        self.y = PAGE_H - MARGIN
        return True

    def write(self, lines: list[str], x: float, top: float, size: float = 9, bold: bool = False,
              centre: bool = False) -> None:
        self.canvas.setFont(self.bold if bold else self.font, size)  # type: ignore[attr-defined]
        for i, line in enumerate(lines):
            draw = self.canvas.drawCentredString if centre else self.canvas.drawString  # type: ignore[attr-defined]
            draw(x, top - size - i * (size + 2), line)

    def heading(self, title: str) -> None:
        self.need(60)
        self.y -= 6
        self.write([title], MARGIN, self.y, size=11, bold=True)
        self.canvas.setLineWidth(0.5)  # type: ignore[attr-defined]
        self.canvas.line(MARGIN, self.y - 15, PAGE_W - MARGIN, self.y - 15)  # type: ignore[attr-defined]
        self.y -= 22

    def table(self, columns: list[tuple[float, float, bool]], header: list[str],
              rows: list[list[str]], size: float = 8) -> None:
        """An unruled table: columns are (x, width, centred); the header repeats after a page break."""
        def head() -> None:
            wrapped = [_wrap(h, self.bold, size, w - 2) for h, (_, w, _) in zip(header, columns)]
            for lines, (x, w, centre) in zip(wrapped, columns):
                self.write(lines, x + w / 2 if centre else x, self.y, size, bold=True, centre=centre)
            self.y -= max(len(lines) for lines in wrapped) * (size + 2) + 6

        head()
        for row in rows:
            wrapped = [_wrap(text, self.font, size, w - 4) for text, (_, w, _) in zip(row, columns)]
            height = max(len(lines) for lines in wrapped) * (size + 2) + 7
            if self.need(height):
                head()
            for lines, (x, w, centre) in zip(wrapped, columns):
                self.write(lines, x + w / 2 if centre else x, self.y, size, centre=centre)
            self.y -= height


def build_printed(form: Form) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    font, bold, glyphs = _fonts()
    bools = PRINTED_BOOLS[form.wording] if glyphs else ("Yes", "No")
    marks = PRINTED_MARKS[form.wording] if glyphs else ("X", "")
    dates = PRINTED_DATES[form.wording]
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=True)
    sheet = _Printer(canvas, font, bold)
    sheet.write(["MARAC referral form"], MARGIN, sheet.y, size=15, bold=True)
    sheet.y -= 28

    def rows(items: list[Item]) -> None:
        for item in items:
            label = _wrap(item.label, font, 9, 190)
            value = _wrap(text_of(item.value, bools, dates), font, 9, PAGE_W - MARGIN - 250)
            height = max(len(label), len(value)) * 11 + 7
            sheet.need(height)
            sheet.write(label, MARGIN, sheet.y)
            sheet.write(value, 250, sheet.y)
            sheet.y -= height

    for title, items in form.sections:
        sheet.heading(title)
        rows(items)
        if title == SECTIONS[form.wording]["perpetrator"]:
            sheet.heading(form.children_title)
            width = (PAGE_W - 2 * MARGIN) / len(form.child_columns)
            sheet.table([(MARGIN + i * width, width, False) for i in range(len(form.child_columns))],
                        [h for _, h in form.child_columns],
                        [[text_of(c.get(k), bools, dates) for k, _ in form.child_columns] for c in form.children])
    sheet.need(PAGE_H)  # the checklist starts on a new page
    sheet.heading(form.dash_title)
    columns = [(MARGIN, 22, False), (MARGIN + 22, 240, False), (MARGIN + 262, 34, True),
               (MARGIN + 296, 34, True), (MARGIN + 330, 34, True), (MARGIN + 370, PAGE_W - 2 * MARGIN - 370, False)]
    table = []
    for number, question, answer, comment in form.questions:
        ticks = [marks[0] if answer == choice else marks[1] for choice in ("yes", "no", "unknown")]
        table.append([f"{number}.", question, *ticks, text_of(comment)])
    sheet.table(columns, ["No.", "Question", *form.answer_headers, form.comment_header], table)
    sheet.y -= 12
    rows(form.dash_footer)
    sheet.need(PAGE_H)
    canvas.save()
    return buf.getvalue()


# --- P3: a Word document saved as PDF by LibreOffice ---------------------------------------------------

WORD_BOOLS = {"safelives": ("Yes", "No"), "client": ("☒ Yes ☐ No", "☐ Yes ☒ No"), "survivor": ("Y", "N")}
WORD_DATES = {"safelives": "", "client": "%d.%m.%Y", "survivor": "%Y-%m-%d"}


def _word_table(doc: object, rows: list[list[str]], widths: list[float], bold_header: bool,
                size: float = 9, repeat_header: bool = True) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    table = doc.add_table(rows=len(rows), cols=len(widths))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths):  # LibreOffice reads the grid, Word the cells
        column.width = Cm(width)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.width = Cm(widths[c])
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)  # '\n' becomes a line break, as Shift+Enter in Word
            run.font.size = Pt(size)
            run.bold = bold_header and r == 0
    if bold_header and repeat_header:  # repeat the header row on each page, as careful Word users set it
        properties = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)


def word_document(form: Form) -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK

    bools, dates = WORD_BOOLS[form.wording], WORD_DATES[form.wording]
    doc = Document()
    # Calibri is not on a test machine; a condensed face keeps Word's line breaks roughly where they were.
    doc.styles["Normal"].font.name = "DejaVu Sans Condensed"
    doc.add_heading("MARAC referral form", level=0)
    for title, items in form.sections:
        doc.add_heading(title, level=2)
        _word_table(doc, [[i.label, text_of(i.value, bools, dates)] for i in items], [5.5, 9.7], False)
        if title == SECTIONS[form.wording]["perpetrator"]:
            doc.add_heading(form.children_title, level=2)
            header = [h for _, h in form.child_columns]
            body = [[text_of(c.get(k), bools, dates) for k, _ in form.child_columns] for c in form.children]
            _word_table(doc, [header, *body, [""] * len(header)], [2.6, 2.0, 2.9, 2.9, 2.4, 2.4], True, size=8)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading(form.dash_title, level=2)
    rows = [["No.", "Question", *form.answer_headers, form.comment_header]]
    for number, question, answer, comment in form.questions:
        rows.append([str(number), question, *("X" if answer == c else "" for c in ("yes", "no", "unknown")),
                     text_of(comment)])
    # Not every area repeats the checklist's header row after a page break.
    survivor = form.wording == "survivor"  # larger print, so the checklist runs over a page break
    _word_table(doc, rows, [1.0, 6.6, 1.1, 1.1, 1.4, 4.0], True, size=11 if survivor else 9,
                repeat_header=not survivor)
    doc.add_paragraph()
    _word_table(doc, [[i.label, text_of(i.value, bools, dates)] for i in form.dash_footer], [5.5, 9.7], False)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


_EXPORTED: dict[str, bytes] = {}  # LibreOffice takes seconds per start: convert each document once


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def export_with_libreoffice(documents: dict[str, bytes], timeout: float = 240, to: str = "pdf") -> dict[str, bytes]:
    """Convert several .docx at once (one LibreOffice start, a fresh profile) -> PDF (or `to`) bytes by key."""
    binary = soffice()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="pdf-layouts-") as tmp:
        work = Path(tmp)
        sources = []
        for key, data in documents.items():
            (work / f"{key}.docx").write_bytes(data)
            sources.append(str(work / f"{key}.docx"))
        subprocess.run([binary, "--headless", f"-env:UserInstallation=file://{work / 'profile'}",
                        "--convert-to", to, "--outdir", str(work / "out"), *sources],
                       check=True, capture_output=True, timeout=timeout)
        return {key: (work / "out" / f"{key}.{to}").read_bytes() for key in documents}


def print_to_pdf(pdf: bytes, timeout: float = 60) -> bytes:
    """The PDF printed again through a print-to-PDF driver: poppler's cairo output, as GTK's and Chrome's
    print dialogs write it (every glyph placed, no space characters, ligatures in a subset of their own,
    form fields drawn flat)."""
    with tempfile.TemporaryDirectory(prefix="print-to-pdf-") as tmp:
        source, target = Path(tmp) / "in.pdf", Path(tmp) / "out.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftocairo", "-pdf", str(source), str(target)], check=True, capture_output=True,
                       timeout=timeout)
        return target.read_bytes()


def _key(layout: str, wording: str, values: dict[str, Value]) -> str:
    import hashlib
    return hashlib.sha256(repr((layout, wording, sorted(values.items()))).encode()).hexdigest()[:16]


def prebuild_word_exports(cases: list[tuple[str, dict[str, Value]]]) -> None:
    """Convert many (wording, values) in one LibreOffice run, so later build() calls hit the cache."""
    todo = {_key("word-export", w, v): word_document(form_of(w, v)) for w, v in cases
            if _key("word-export", w, v) not in _EXPORTED}
    if todo:
        _EXPORTED.update(export_with_libreoffice(todo))


def build_word_export(wording: str, values: dict[str, Value]) -> bytes:
    prebuild_word_exports([(wording, values)])
    return _EXPORTED[_key("word-export", wording, values)]


BUILDERS: dict[str, Callable[[str, dict[str, Value]], bytes]] = {
    "acroform": lambda w, v: build_acroform(form_of(w, v)),
    "printed": lambda w, v: build_printed(form_of(w, v)),
    "word-export": build_word_export,
}


def build(layout: str, wording: str, values: dict[str, Value]) -> bytes:
    """The filled PDF of `layout` in `wording`; values keyed by canonical path (invented_referral)."""
    return BUILDERS[layout](wording, values)
