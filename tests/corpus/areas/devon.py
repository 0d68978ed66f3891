"""Devon joint MARAC referral and MASH enquiry form: guidance page, numbered sections, legacy form fields.

Follows Devon County Council's combined "MARAC referral and MASH enquiry form" as its published guidance
describes it (stored copy: devon.gov.uk, see SOURCE): one form that refers a high-risk victim to one of
Devon's MARACs and, where children live in the household or have regular contact, makes a MASH enquiry about
them; it also carries what the former "Information Sharing Without Consent" form asked. Only that stored
guidance was found, not the form's own text or layout, so the section wording and the layout below are ours (a
common council Word-form layout, not a copy of Devon's): a guidance page first (a short paraphrase of the
stored guidance, which is not answers), then numbered section headings above four-column tables (label, value,
label, value), values in legacy FORMTEXT fields (an untouched one shows five spaces), "Surname" and
"Forename(s)" in separate cells, Yes / No answered with FORMCHECKBOX or w14 check boxes ("Yes [x] No [ ]" in
one cell), a "(copy this section for each perpetrator)" block repeated per perpetrator, a children table with
a header row and an "N/A" row when there are none, "tick all that apply" referral criteria with an explanation
after each, and a "tick one" list of grounds for sharing without consent.
"""
from __future__ import annotations

import random
from typing import Any

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Inches
from docx.table import Table, _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import SURNAMES, Case
from tests.corpus.areas.kit import docx_bytes
from tests.corpus.areas.styles import DATE_STYLES, date_text
from tests.corpus.docx_parts import Fields, full_width_row, shade, write

SOURCE = ("Devon County Council, 'Guidance on use of the MARAC referral and MASH enquiry form in Devon County "
          "Council Area'; stored copy: https://www.devon.gov.uk/dsva/guidance-on-use-of-the-marac-referral-and-"
          "mash-enquiry-form-in-devon-county-council-area/")

CRITERIA = (("Visible high risk – 14 or more 'yes' answers on the Dash risk checklist",
             "referral.reasons.visible_high_risk"),
            ("Professional judgement – fewer ticks, but you judge the risk to be high (say why below)",
             "referral.reasons.professional_judgement"),
            ("Potential escalation – 3 or more incidents reported to the police in the past 12 months",
             "referral.reasons.potential_escalation"),
            ("Repeat – a further incident within 12 months of the last MARAC referral", "referral.reasons.repeat"))
GROUNDS = ("To prevent serious harm or a risk to life", "To prevent or detect crime",
           "To protect a child from significant harm")


def split_name(name: str) -> tuple[str, str]:
    """'Maria José DE SOUZA' -> ('Maria José', 'DE SOUZA'): the surname is one of the invented ones."""
    for surname in sorted(SURNAMES, key=len, reverse=True):
        if name.endswith(" " + surname):
            return name[: -len(surname) - 1], surname
    forenames, _, surname = name.rpartition(" ")
    return forenames, surname


def _widths(table: Table, inches: tuple[float, ...]) -> None:
    """Fixed column widths (grid and every unmerged cell), as a form designer sets them."""
    table.autofit = False
    for column, width in zip(table.columns, inches):
        column.width = Inches(width)
    for row in table.rows:
        if len(row._tr.tc_lst) == len(inches):
            for tc, width in zip(row._tr.tc_lst, inches):
                tc.width = Inches(width)


class _Form:
    def __init__(self, doc: Any, checkbox: str) -> None:
        self.doc, self.fields, self.checkbox = doc, Fields(), checkbox

    def table(self, cols: int = 4) -> Table:
        table = self.doc.add_table(rows=0, cols=cols)
        table.style = "Table Grid"
        return table

    def label(self, cell: _Cell, text: str) -> None:
        write(cell, text, bold=True)
        shade(cell, "DEEAF6")

    def text(self, cell: _Cell, value: str | None) -> None:
        self.fields.form_text(cell.paragraphs[0], value or "")

    def check(self, paragraph: Any, checked: bool) -> None:
        if self.checkbox == "legacy":
            self.fields.form_checkbox(paragraph, checked)
        else:
            self.fields.control_checkbox(paragraph, checked)

    def box(self, cell: _Cell, caption: str, checked: bool) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.add_run(caption + " ")
        self.check(paragraph, checked)
        paragraph.add_run("   ")

    def yes_no(self, cell: _Cell, value: bool | None) -> None:
        self.box(cell, "Yes", value is True)
        self.box(cell, "No", value is False)

    def pairs(self, table: Table, *pairs: tuple[str, Any]) -> None:
        """One row: label, value[, label, value]. A bool value is answered with Yes / No boxes."""
        cells = table.add_row().cells
        if len(pairs) == 1:
            cells = [cells[0], cells[1].merge(cells[-1])]
        for (label, value), (label_cell, value_cell) in zip(pairs, zip(cells[::2], cells[1::2])):
            self.label(label_cell, label)
            if isinstance(value, bool):
                self.yes_no(value_cell, value)
            else:
                self.text(value_cell, value)


def _choices(case: Case, rng: random.Random) -> dict[str, Any]:
    return {"style": rng.choice(DATE_STYLES), "checkbox": rng.choice(("legacy", "w14"))}


def build(case: Case) -> bytes:
    rng = random.Random(case.seed * 13 + 5)
    c = _choices(case, rng)
    style = c["style"]
    v = case.values
    doc = Document()
    form = _Form(doc, c["checkbox"])
    doc.add_heading("Guidance on completing this form", level=2)
    for text in (("Use this form to refer someone aged 16 or over to a Devon MARAC when a risk assessment shows "
                 "they are at high risk of serious harm from domestic abuse."),
                 ("Where children live in the household or are in regular contact, send a copy to the MASH as "
                 "well: the same form is the MASH enquiry."),
                 ("If you are sharing information without the victim's consent, complete section 6 fully: this "
                 "replaces the separate information sharing without consent form."),
                 ("Criteria: visible high risk (14 or more ticks), professional judgement, potential escalation, "
                 "or a repeat incident within 12 months.")):
        doc.add_paragraph(text, style="List Bullet")
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("MARAC Referral and MASH Enquiry Form", level=1)

    doc.add_heading("1. Referrer details", level=2)
    t = form.table()
    form.pairs(t, ("Name", v["referral.referrer.name"]), ("Agency", v["referral.referrer.agency"]))
    form.pairs(t, ("Job title", v["referral.referrer.role"]),
               ("Date of referral", date_text(v["referral.referrer.date"], "dd/mm/yyyy")))
    form.pairs(t, ("Telephone", v["referral.referrer.phone"]), ("Email", v["referral.referrer.email"]))

    doc.add_heading("2. Victim details", level=2)
    t = form.table()
    forenames, surname = split_name(v["referral.victim.name"])
    form.pairs(t, ("Surname", surname), ("Forename(s)", forenames))
    cells = t.add_row().cells
    form.label(cells[0], "Also known as")
    form.text(cells[1], "; ".join(v["referral.victim.aliases"]))
    form.label(cells[2], "Gender")
    form.box(cells[3], "Female", v["referral.victim.gender"] == "Female")
    form.box(cells[3], "Male", v["referral.victim.gender"] == "Male")
    form.pairs(t, ("Date of birth", date_text(v["referral.victim.dob"], style)), ("Age", str(v["referral.victim.age"])))
    form.pairs(t, ("Address", v["referral.victim.address"]), ("Postcode", v["referral.victim.postcode"]))
    form.pairs(t, ("Telephone", v["referral.victim.phone"]), ("Safe to call?", v["referral.victim.safe_to_call"]))
    form.pairs(t, ("Safe to leave a message?", v["referral.victim.safe_to_leave_message"]),
               ("Best times to call", v["referral.victim.contact_notes"]))
    form.pairs(t, ("Ethnicity", v["referral.victim.ethnicity"]),
               ("First language", v["referral.victim.first_language"]))
    cells = t.add_row().cells
    form.label(cells[0], "Interpreter required?")
    language = v["referral.victim.interpreter_language"]
    form.yes_no(cells[1], language is not None)
    if language:
        cells[1].add_paragraph(f"Language: {language}")
    form.label(cells[2], "Disability?")
    form.yes_no(cells[3], v["referral.victim.disabled"])
    form.pairs(t, ("Pregnant?", v["referral.victim.pregnant"]), ("GP", v["referral.victim.gp"]))
    form.pairs(t, ("Housing / tenure", v["referral.victim.housing"]), ("Occupation", v["referral.victim.occupation"]))

    doc.add_heading("3. Perpetrator details (copy this section for each perpetrator)", level=2)
    t = form.table()
    for i in range(case.perpetrators):
        p = f"referral.perpetrators.{i}"
        full_width_row(t, f"Perpetrator {i + 1}", fill="BDD6EE")
        forenames, surname = split_name(v[f"{p}.name"])
        form.pairs(t, ("Surname", surname), ("Forename(s)", forenames))
        form.pairs(t, ("Also known as", "; ".join(v[f"{p}.aliases"])),
                   ("Date of birth", date_text(v[f"{p}.dob"], style)))
        cells = t.add_row().cells
        form.label(cells[0], "Relationship to victim")
        form.text(cells[1], v[f"{p}.relationship_to_victim"])
        form.label(cells[2], "Gender")
        form.box(cells[3], "Male", v[f"{p}.gender"] == "Male")
        form.box(cells[3], "Female", v[f"{p}.gender"] == "Female")
        form.pairs(t, ("Address", v[f"{p}.address"]))
        form.pairs(t, ("Ethnicity", v[f"{p}.ethnicity"]), ("Occupation", v[f"{p}.occupation"]))

    doc.add_heading("4. Children and young people (MASH enquiry)", level=2)
    header = ("Full name", "Date of birth / EDD", "Gender", "Relationship to perpetrator", "School / nursery",
              "Lives with victim? (Y/N)")
    t = form.table(len(header))
    for cell, text in zip(t.add_row().cells, header):
        form.label(cell, text)
    for i in range(case.children + 2):
        cells = t.add_row().cells
        k = f"referral.children.{i}"
        if i < case.children:
            texts = (v[f"{k}.name"], date_text(v[f"{k}.dob"], style), v[f"{k}.gender"],
                     v[f"{k}.relationship_to_perpetrator"], v[f"{k}.school"],
                     "Y" if v[f"{k}.lives_with_victim"] else "N")
        else:
            texts = ("N/A" if i == case.children == 0 else "",) + ("",) * 5
        for cell, text in zip(cells, texts):
            form.text(cell, text)
    _widths(t, (1.3, 1.0, 0.7, 1.1, 1.1, 0.8))

    doc.add_heading("5. Reason for referral (tick all that apply)", level=2)
    t = form.table(2)
    for text, path in CRITERIA:
        label_cell, box_cell = t.add_row().cells
        write(label_cell, text)
        form.check(box_cell.paragraphs[0], bool(v[path]))
    _widths(t, (5.4, 0.6))
    t = form.table(2)
    form.pairs(t, ("Dash risk checklist score", str(v["referral.dash_score_stated"])))
    form.pairs(t, ("If professional judgement, give your reasons",
                   v["referral.reasons.professional_judgement_rationale"]))
    form.pairs(t, ("Summary of current risks and recent incidents", v["referral.risks_summary"]))
    form.pairs(t, ("Police crime / occurrence reference", v["referral.crime_reference"]))

    doc.add_heading("6. Consent and information sharing", level=2)
    t = form.table(2)
    form.pairs(t, ("Is the victim aware of this referral?", v["referral.victim_aware"]))
    form.pairs(t, ("If not, why not?", v["referral.victim_aware_reason"]))
    form.pairs(t, ("Has the victim consented to information being shared?", v["referral.consent"]))
    label_cell, list_cell = t.add_row().cells
    form.label(label_cell, "If consent has not been given, information is shared (tick one):")
    for n, ground in enumerate(GROUNDS):
        paragraph = list_cell.paragraphs[0] if n == 0 else list_cell.add_paragraph()
        form.check(paragraph, not v["referral.consent"] and n == 0)
        paragraph.add_run(" " + ground)
    form.pairs(t, ("Explain your decision to share without consent", v["referral.consent_override_reason"]))
    form.pairs(t, ("What does the victim want to happen as a result of this referral?", v["referral.victim_wishes"]))
    return docx_bytes(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    paths = ["referral.referrer.name", "referral.referrer.agency", "referral.referrer.role", "referral.referrer.date",
             "referral.referrer.phone", "referral.referrer.email", "referral.victim.name", "referral.victim.aliases",
             "referral.victim.gender", "referral.victim.dob", "referral.victim.age", "referral.victim.address",
             "referral.victim.postcode", "referral.victim.phone", "referral.victim.safe_to_call",
             "referral.victim.safe_to_leave_message", "referral.victim.contact_notes", "referral.victim.ethnicity",
             "referral.victim.first_language", "referral.victim.interpreter_language", "referral.victim.disabled",
             "referral.victim.pregnant", "referral.victim.gp", "referral.victim.housing", "referral.victim.occupation",
             "referral.dash_score_stated", "referral.reasons.professional_judgement_rationale",
             "referral.risks_summary", "referral.crime_reference", "referral.victim_aware",
             "referral.victim_aware_reason", "referral.consent", "referral.consent_override_reason",
             "referral.victim_wishes"] + [path for _, path in CRITERIA]
    found = {p: v[p] for p in paths}
    for i in range(case.perpetrators):
        for k in ("name", "aliases", "dob", "relationship_to_victim", "gender", "address", "ethnicity", "occupation"):
            found[f"referral.perpetrators.{i}.{k}"] = v[f"referral.perpetrators.{i}.{k}"]
    for i in range(case.children):
        for k in ("name", "dob", "gender", "school", "lives_with_victim"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
        if v[f"referral.children.{i}.relationship_to_perpetrator"] != "None":  # "None" here is ambiguous
            found[f"referral.children.{i}.relationship_to_perpetrator"] = \
                v[f"referral.children.{i}.relationship_to_perpetrator"]
    return found


FORMS = [AreaForm("devon-marac-mash", "Devon", SOURCE, "referral", build, expected)]
