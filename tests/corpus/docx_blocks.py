"""Shared parts of the corpus Word forms (tests.corpus.docx_layouts): the form's values and labels,
cell fillers, DASH marks, the children table and the DASH checklist table. All values invented.
"""
from __future__ import annotations

import random
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from generators.fake_referrals import invented_referral
from parsers.fields import Kind, kind_of
from tests.corpus.docx_parts import TICKED, UNTICKED, Fields, full_width_row, shade, write
from tests.corpus.wordings import CHILD_HEADERS, DASH_ANSWER_HEADERS, SECTIONS, WORDINGS, section_of

Values = Mapping[str, "str | bool"]
GROUPS = ("referrer", "victim", "perpetrator", "children", "reasons", "consent", "risks")
CHILD_ROWS = 4  # rows printed; those beyond the children are left blank, as on real forms
DASH_FILE = Path(__file__).resolve().parents[2] / "parsers" / "data" / "dash_questions.toml"
# The wordings module has no DASH footer labels; these are this corpus's own.
DASH_FOOTER = {
    "safelives": {"dash.completed_by": "Checklist completed by", "dash.date": "Date completed"},
    "client": {"dash.completed_by": "Completed by (name / role)", "dash.date": "Date of assessment"},
    "survivor": {"dash.completed_by": "Practitioner completing the RIC", "dash.date": "Date RIC completed"},
}
DASH_COLUMNS = {  # number, question and comment headings
    "safelives": ("No.", "Question", "Comments / source of information if not the victim"),
    "client": ("Q", "Risk factor", "Source (if not client)"),
    "survivor": ("#", "Question", "Notes"),
}
TYPED_MARKS = ("X", "✓", "Yes", "✔", "x")
CHOICES = ("yes", "no", "unknown")


def dash_questions() -> list[tuple[int, str]]:
    with DASH_FILE.open("rb") as fh:
        return [(q["number"], q["text"]) for q in tomllib.load(fh)["question"]]


def corpus_values(seed: int = 1, children: int = 2, yes_answers: int = 15) -> dict[str, str | bool]:
    """An invented referral with the awkward values real forms carry."""
    values: dict[str, str | bool] = dict(invented_referral(random.Random(seed), children, yes_answers))
    values.update({
        "referral.victim.name": "Zoë O'BRIEN-SMITH", "referral.victim.aliases": "Zo; Zoë Fictional",
        "referral.referrer.agency": "Exampleshire Housing & Support", "referral.referrer.name": "Siân Ap-Rhys",
        "referral.victim.address": "Flat 2, Example House\n14 Imaginary Road\nExampleton",
        "referral.perpetrators.0.name": "Seán D'Arcy-Quillfeather", "referral.perpetrators.0.aliases": "",
        "referral.victim.contact_notes": "Don't call after 6pm; use her sister's phone",
        "referral.risks_summary": "Threats to kill & attempted strangulation on 14/10/2026; \"I'll find you\" texts.",
        "referral.victim.interpreter_language": "", "referral.reasons.professional_judgement_rationale": "",
        "referral.reasons.repeat_details": "", "referral.victim_aware_reason": "",
        "referral.previous_marac": "None known", "referral.additional_information": "Victim's dog was hurt – RSPCA aware.",
        "dash.comments.3": "Neighbour's account (police log)", "dash.comments.13": "Knife – per police report",
    })
    for i in range(children):
        values[f"referral.children.{i}.address"] = "" if i == 0 else "With grandmother, 3 Heron Way, Exampleton"
    return values


@dataclass
class Form:
    doc: DocumentObject
    wording: str
    values: Values
    fields: Fields

    def label(self, path: str) -> str:
        return WORDINGS[self.wording].get(path) or DASH_FOOTER[self.wording][path]

    def text(self, path: str) -> str:
        value = self.values.get(path, "")
        return value if isinstance(value, str) else ("Yes" if value else "No")

    def ticked(self, path: str) -> bool:
        return self.values.get(path) is True

    def paths(self, group: str) -> list[str]:
        return [p for p in WORDINGS[self.wording] if section_of(p) == group and p in self.values]

    def footer(self) -> list[str]:
        return [p for p in DASH_FOOTER[self.wording] if p in self.values]

    def heading(self, group: str) -> str:
        return SECTIONS[self.wording][group]

    def child_rows(self) -> int:
        return max(CHILD_ROWS, sum(1 for p in self.values if p.endswith(".name") and ".children." in p))


def is_bool(path: str) -> bool:
    return kind_of(path) is Kind.BOOL


def grid(doc: DocumentObject, cols: int) -> Table:
    table = doc.add_table(rows=0, cols=cols)
    table.style = "Table Grid"
    return table


def gap(doc: DocumentObject) -> None:
    doc.add_paragraph()  # two tables with nothing between them would merge into one


# --- shared blocks: the children table and the DASH checklist ---------------------------------

Filler = Callable[[Form, _Cell, str], None]


def typed_cell(form: Form, cell: _Cell, path: str) -> None:
    write(cell, form.text(path))


def legacy_cell(form: Form, cell: _Cell, path: str) -> None:
    form.fields.form_text(cell.paragraphs[0], form.text(path))


def control_cell(form: Form, cell: _Cell, path: str) -> None:
    if kind_of(path) is Kind.DATE and form.text(path):
        form.fields.control_date(cell.paragraphs[0], form.text(path))
    else:
        form.fields.control_text(cell.paragraphs[0], form.text(path))


def children_table(form: Form, fill: Filler, merged_heading: bool = False, shaded: bool = False) -> None:
    columns = CHILD_HEADERS[form.wording]
    table = grid(form.doc, len(columns))
    if merged_heading:
        full_width_row(table, form.heading("children"))
    header = table.add_row()
    for cell, heading in zip(header.cells, columns.values()):
        write(cell, heading, bold=True)
        if shaded:
            shade(cell)
    for i in range(form.child_rows()):
        row = table.add_row()
        for cell, key in zip(row.cells, columns):
            fill(form, cell, f"referral.children.{i}.{key}")
    gap(form.doc)


Marker = Callable[[Form, Paragraph, bool, int], None]


def typed_mark(form: Form, paragraph: Paragraph, on: bool, n: int) -> None:
    if on:
        paragraph.add_run(TYPED_MARKS[n % len(TYPED_MARKS)])


def glyph_mark(form: Form, paragraph: Paragraph, on: bool, n: int) -> None:
    paragraph.add_run(TICKED if on else UNTICKED)


def legacy_mark(form: Form, paragraph: Paragraph, on: bool, n: int) -> None:
    form.fields.form_checkbox(paragraph, on)


def control_mark(form: Form, paragraph: Paragraph, on: bool, n: int) -> None:
    form.fields.control_checkbox(paragraph, on)


def dash_table(form: Form, mark: Marker, fill: Filler, numbers: str, merged_heading: bool = False) -> None:
    """numbers: 'column' (a number column), 'text' ("1. Has...") or 'none'."""
    number_head, question_head, comment_head = DASH_COLUMNS[form.wording]
    headings = ([number_head] if numbers == "column" else []) + [question_head, *DASH_ANSWER_HEADERS[form.wording],
                                                                  comment_head]
    table = grid(form.doc, len(headings))
    if merged_heading:
        full_width_row(table, form.heading("dash"))
    for cell, heading in zip(table.add_row().cells, headings):
        write(cell, heading, bold=True)
    for n, question in dash_questions():
        cells = table.add_row().cells
        if numbers == "column":
            write(cells[0], str(n))
            cells = cells[1:]
        write(cells[0], f"{n}. {question}" if numbers == "text" else question)
        answer = form.values.get(f"dash.answers.{n}")
        for cell, choice in zip(cells[1:4], CHOICES):
            mark(form, cell.paragraphs[0], answer == choice, n)
        fill(form, cells[4], f"dash.comments.{n}")
    gap(form.doc)
