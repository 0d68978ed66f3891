"""The Southend, Essex & Thurrock (SET) MARAC referral form: a Word 97-2003 style protected form.

Follows the published "Southend, Essex & Thurrock MARAC Referral Form". Label wording from the stored
copy: a "Referring Agency" section (Date of referral, "Referrer Name & Agency", "Tel. Ext/ Email
address", "Crime Report Number if known", "Police Officer in Charge (if applicable)", "Police Officer
in Charge Tel. number/ Email address if external force to Essex – if known" with two fields, "Repeat
Referral?" with "If yes- date of last MARAC", "Has the victim been referred to MARAC in another area?",
"Does the victim want to speak to Police about any offences disclosed in this referral?"); a "Victim"
section (Victim Name, Victim Age, Victim DOB, Gender, Victim Address, Victim Telephone Number,
"Relevant Contact Information e.g. times to call, is number safe to call?", "Home Owner Details e.g.
Housing Association (specify which if known), Landlord including contact details", "Victim's first
language, if not English", "Does the victim require an interpreter?", Victims Occupation, Victims
Employer, GP's Details, pregnancy, awareness of the referral, what the victim wants from MARAC) and
"Victims Diversity" (Victims Ethnicity, LGBT...). The stored text is cut there; the perpetrator,
children and reason sections follow the same "Perpetrator Name / Perpetrator DOB" label style.

Layout traits: legacy FORMTEXT fields (untouched ones hold five en spaces: expected None) and
FORMDROPDOWN fields whose first entry is "Please Select" (left there: None), a content-control
drop-down for Gender, legacy FORMCHECKBOX criteria; two answers in one field ("Referrer Name &
Agency", "Tel. Ext/ Email address"); yes/no answered in words inside a free-text field ("No – not safe
to discuss at present"); "N/A" for the officer in charge when there is none; "Victim Age" beside the
date of birth; a second perpetrator section copied by the referrer; a children table with a header row
whose spare rows keep their empty fields.
"""
from __future__ import annotations

import itertools
import random
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import docx_bytes, dropdown
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, shade, write

SOURCE = ("Southend, Essex & Thurrock, 'MARAC Referral Form' (legacy Word form fields); stored copy: "
          "https://info.5y1.org/does-well-being-have-a-dash_1_772b65.html")
SELECT = "Please Select"
ETHNICITIES = [SELECT, "White British", "White Irish", "White Polish", "Black Caribbean", "Black African",
               "Pakistani", "Bangladeshi", "Indian", "Mixed White and Asian", "Other"]
CHILD_ROWS = 3


def _sub(parent: Any, tag: str, val: str | None = None) -> Any:
    child = OxmlElement(tag)
    if val is not None:
        child.set(qn("w:val"), val)
    parent.append(child)
    return child


def form_dropdown(paragraph: Paragraph, entries: list[str], chosen: str | None, name: str = "Dropdown1") -> None:
    """A legacy FORMDROPDOWN as Word saves it: the entries and chosen index in ffData, no result text."""
    p = paragraph._p
    begin = _sub(_sub(p, "w:r"), "w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    data = _sub(begin, "w:ffData")
    _sub(data, "w:name", name)
    _sub(data, "w:enabled")
    _sub(data, "w:calcOnExit", "0")
    listing = _sub(data, "w:ddList")
    index = entries.index(chosen) if chosen in entries else 0
    if index:
        _sub(listing, "w:result", str(index))
    for entry in entries:
        _sub(listing, "w:listEntry", entry)
    instr = _sub(_sub(p, "w:r"), "w:instrText")
    instr.text = " FORMDROPDOWN "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    for kind in ("separate", "end"):
        _sub(_sub(p, "w:r"), "w:fldChar").set(qn("w:fldCharType"), kind)


def _widths(table: Table, inches: tuple[float, ...]) -> None:
    """Column widths as Word stores them: the grid, and each cell's width over the columns it spans."""
    for column, width in zip(table.columns, inches):
        column.width = Inches(width)
    for row in table.rows:
        start = 0
        for tc in row._tr.tc_lst:
            tc.width = Inches(sum(inches[start:start + tc.grid_span]))
            start += tc.grid_span


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("Yes" if value else "No")


def _plan(case: Case) -> dict[str, Any]:
    rng = random.Random(case.seed * 19 + 4)
    return {"style": rng.choice(("dd/mm/yyyy", "d.m.yy", "dd.mm.yyyy")), "sep": rng.choice((", ", " – ", " / ")),
            "police_referrer": rng.random() < 0.5, "elsewhere": rng.choice((None, False, True)),
            "lgbt_unselected": rng.random() < 0.3}


class _Form:
    def __init__(self, table: Table) -> None:
        self.table, self.fields, self.dropdowns = table, Fields(), itertools.count(1)

    def dropdown(self, paragraph: Paragraph, entries: list[str], chosen: str | None) -> None:
        form_dropdown(paragraph, entries, chosen, f"Dropdown{next(self.dropdowns)}")

    def label(self, cell: _Cell, text: str) -> None:
        write(cell, text, bold=True)
        shade(cell, "FBE4D5")

    def text(self, label: str, value: str | None) -> None:
        cells = self.table.add_row().cells
        self.label(cells[0], label)
        self.fields.form_text(cells[1].merge(cells[3]).paragraphs[0], value or "")

    def pair(self, left: str, lvalue: str | None, right: str, rvalue: str | None) -> None:
        cells = self.table.add_row().cells
        self.label(cells[0], left)
        self.fields.form_text(cells[1].paragraphs[0], lvalue or "")
        self.label(cells[2], right)
        self.fields.form_text(cells[3].paragraphs[0], rvalue or "")

    def choice(self, label: str, entries: list[str], chosen: str | None, then: str | None = None) -> None:
        cells = self.table.add_row().cells
        self.label(cells[0], label)
        paragraph = cells[1].merge(cells[3]).paragraphs[0]
        self.dropdown(paragraph, entries, chosen)
        if then is not None:
            paragraph.add_run("  Rationale: ")
            self.fields.form_text(paragraph, then)


def build(case: Case) -> bytes:
    plan = _plan(case)
    style = plan["style"]
    v = case.values
    yes_no = [SELECT, "Yes", "No"]
    doc = Document()
    doc.add_heading("Southend, Essex & Thurrock MARAC Referral Form", level=1)
    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    form = _Form(table)
    full_width_row(table, "Referring Agency", fill="F4B083")
    form.text("Date of referral", date_text(v["referral.referrer.date"], style))
    form.text("Referrer Name & Agency", f"{v['referral.referrer.name']}{plan['sep']}{v['referral.referrer.agency']}")
    form.text("Tel. Ext/ Email address", f"{v['referral.referrer.phone']} / {v['referral.referrer.email']}")
    form.text("Crime Report Number if known", v["referral.crime_reference"] if plan["police_referrer"] else None)
    form.text("Police Officer in Charge (if applicable)",
              v["referral.police.officer_in_charge"] if plan["police_referrer"] else "N/A")
    cells = table.add_row().cells
    form.label(cells[0], "Police Officer in Charge Tel. number/ Email address if external force to Essex – if known")
    form.fields.form_text(cells[1].paragraphs[0], "")
    form.fields.form_text(cells[2].merge(cells[3]).paragraphs[0], "")
    cells = table.add_row().cells
    form.label(cells[0], "Repeat Referral?")
    form.dropdown(cells[1].paragraphs[0], yes_no, _yes_no(v["referral.reasons.repeat"]))
    form.label(cells[2], "If yes- date of last MARAC")
    form.fields.form_text(cells[3].paragraphs[0], "")
    form.choice("Has the victim been referred to MARAC in another area?", yes_no, _yes_no(plan["elsewhere"]))
    wants = v["referral.police.victim_wants_police"]
    form.choice("Does the victim want to speak to Police about any offences disclosed in this referral?", yes_no,
                _yes_no(wants), "Wishes to give a statement" if wants else "Fears retaliation; declined to report")

    full_width_row(table, "Victim", fill="F4B083")
    aliases = v["referral.victim.aliases"]
    form.text("Victim Name", v["referral.victim.name"] + (f" (aka {aliases[0]})" if aliases else ""))
    form.pair("Victim Age", str(v["referral.victim.age"]), "Victim DOB", date_text(v["referral.victim.dob"], style))
    cells = table.add_row().cells
    form.label(cells[0], "Gender")
    dropdown(cells[1].merge(cells[3]).paragraphs[0], ["Female", "Male", "Transgender", "Other"],
             v["referral.victim.gender"])
    form.text("Victim Address", v["referral.victim.address"])
    form.text("Victim Telephone Number", v["referral.victim.phone"])
    form.text("Relevant Contact Information e.g. times to call, is number safe to call?",
              f"Safe to call. {v['referral.victim.contact_notes']}" if v["referral.victim.safe_to_call"]
              else "NOT safe to call – please contact via the referrer")
    form.text("Home Owner Details\ne.g. Housing Association (specify which if known), Landlord including contact "
              "details", v["referral.victim.housing"])
    language = v["referral.victim.first_language"]
    form.text("Victim’s first language, if not English", None if language == "English" else language)
    form.choice("Does the victim require an interpreter?", yes_no, "No" if language == "English" else "Yes")
    form.text("Victims Occupation", v["referral.victim.occupation"])
    form.text("Victims Employer", None)
    form.text("GP’s Details", v["referral.victim.gp"])
    form.text("Is the victim pregnant? If yes, please provide any relevant information",
              "Yes – approx. 20 weeks, booked with midwife" if v["referral.victim.pregnant"] else "No")
    form.text("Have you made the victim aware of the MARAC referral? If not, why not?",
              "Yes" if v["referral.victim_aware"] else f"No – {v['referral.victim_aware_reason']}")
    form.text("What does the victim want from the MARAC process to make them feel safer?", v["referral.victim_wishes"])

    full_width_row(table, "Victims Diversity", fill="F4B083")
    form.choice("Victims Ethnicity", ETHNICITIES, v["referral.victim.ethnicity"])
    form.choice("Lesbian, Gay, Bisexual or Transgender?", yes_no,
                None if plan["lgbt_unselected"] else _yes_no(v["referral.victim.lgbt"]))
    form.choice("Disability?", yes_no, _yes_no(v["referral.victim.disabled"]))

    for i in range(case.perpetrators):
        p = f"referral.perpetrators.{i}"
        full_width_row(table, "Perpetrator" + (f" {i + 1}" if i else ""), fill="F4B083")
        form.text("Perpetrator Name", v[f"{p}.name"])
        form.text("Alias", ", ".join(v[f"{p}.aliases"]) or None)
        form.text("Perpetrator DOB", date_text(v[f"{p}.dob"], style))
        form.text("Perpetrator Address", v[f"{p}.address"])
        form.text("Relationship to Victim", v[f"{p}.relationship_to_victim"])
        form.text("Perpetrator Ethnicity", v[f"{p}.ethnicity"])

    doc.add_paragraph()
    kids = doc.add_table(rows=0, cols=5)
    kids.style = "Table Grid"
    full_width_row(kids, "Children", fill="F4B083")
    head = kids.add_row().cells
    for cell, text in zip(head, ("Name", "DOB", "Relationship to Victim", "Relationship to Perpetrator", "School")):
        form.label(cell, text)
    for i in range(max(CHILD_ROWS, case.children)):
        c = f"referral.children.{i}"
        texts = (v[f"{c}.name"], date_text(v[f"{c}.dob"], style), v[f"{c}.relationship_to_victim"],
                 v[f"{c}.relationship_to_perpetrator"], v[f"{c}.school"]) if i < case.children else ("",) * 5
        for cell, text in zip(kids.add_row().cells, texts):
            form.fields.form_text(cell.paragraphs[0], text)

    doc.add_paragraph()
    why = doc.add_table(rows=0, cols=4)
    why.style = "Table Grid"
    form.table = why
    full_width_row(why, "Reason for Referral", fill="F4B083")
    form.text("DASH Score", str(v["referral.dash_score_stated"]))
    for label, path in (("Visible High Risk", "referral.reasons.visible_high_risk"),
                        ("Professional Judgement", "referral.reasons.professional_judgement"),
                        ("Potential Escalation", "referral.reasons.potential_escalation")):
        cells = why.add_row().cells
        form.label(cells[0], label)
        form.fields.form_checkbox(cells[1].merge(cells[3]).paragraphs[0], bool(v[path]))
    form.text("Brief summary of the risks", v["referral.risks_summary"])
    for grid, inches in ((table, (2.2, 1.4, 1.5, 1.4)), (kids, (1.5, 1.0, 1.3, 1.3, 1.4)),
                         (why, (2.2, 1.4, 1.5, 1.4))):
        _widths(grid, inches)
    return docx_bytes(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    plan = _plan(case)
    paths = ["referral.referrer.date", "referral.referrer.name", "referral.referrer.agency",
             "referral.referrer.phone", "referral.referrer.email", "referral.reasons.repeat",
             "referral.police.victim_wants_police", "referral.victim.name", "referral.victim.aliases",
             "referral.victim.age", "referral.victim.dob", "referral.victim.gender", "referral.victim.address",
             "referral.victim.postcode", "referral.victim.phone", "referral.victim.safe_to_call",
             "referral.victim.housing", "referral.victim.occupation", "referral.victim.gp",
             "referral.victim.pregnant", "referral.victim_aware", "referral.victim_aware_reason",
             "referral.victim_wishes", "referral.victim.ethnicity", "referral.victim.lgbt",
             "referral.victim.disabled", "referral.dash_score_stated", "referral.reasons.visible_high_risk",
             "referral.reasons.professional_judgement", "referral.reasons.potential_escalation",
             "referral.risks_summary"]
    found = {p: v[p] for p in paths}
    police = plan["police_referrer"]
    found["referral.crime_reference"] = v["referral.crime_reference"] if police else None
    found["referral.police.officer_in_charge"] = v["referral.police.officer_in_charge"] if police else None
    found["referral.police.officer_contact"] = None  # both fields untouched
    found["referral.previous_marac_elsewhere"] = plan["elsewhere"]
    language = v["referral.victim.first_language"]
    found["referral.victim.first_language"] = None if language == "English" else language
    if plan["lgbt_unselected"]:
        found["referral.victim.lgbt"] = None
    for i in range(case.perpetrators):
        for k in ("name", "aliases", "dob", "address", "relationship_to_victim", "ethnicity"):
            found[f"referral.perpetrators.{i}.{k}"] = v[f"referral.perpetrators.{i}.{k}"]
    for i in range(case.children):
        for k in ("name", "dob", "relationship_to_victim", "relationship_to_perpetrator", "school"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    return found


FORMS = [AreaForm("essex-referral", "Southend, Essex & Thurrock", SOURCE, "referral", build, expected)]
