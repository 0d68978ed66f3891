"""The London Borough of Newham MARAC referral form ("Multi Agency Risk Assessment Conference Referral
Form", marked CONFIDENTIAL AND RESTRICTED WHEN COMPLETE).

Follows the published Newham form's title, its "victim/survivor" wording and its opening page (what
MARAC is, consent preferred but not compulsory, the perpetrator is not told, who should be referred:
16+, living in Newham, at high risk from a 16+ partner, ex-partner or family member), paraphrased
here in two sentences. The stored copy's text ends with that page, so the fields that follow are laid
out the way this family of London forms does it, with the form's own terms (victim/survivor,
perpetrator, IDVA) and plain labels.

Layout traits: Word 2010 content controls throughout: "Click here to enter text." left in fields
nobody filled (expected None), drop-downs ("Choose an item." when untouched), a date picker for the
referral date, w14 check boxes (☒/☐) or Wingdings boxes in a tick row "B&ME ☐ Disabled ☐ LGBT ☐
Pregnant ☐"; the victim/survivor and alleged perpetrator side by side in one table, each cell holding
label and value ("Surname: X", "Forename(s): Y", "Date of birth: 22nd September 1978", "Gender F"),
with a third column the referrer added for a second perpetrator; "Telephone / email" answered with
both; children either in a table with a header row and "N/A" rows, or listed "1) ... 2) ..." in one
cell (then only names and dates of birth are expected).
"""
from __future__ import annotations

import random
from typing import Any

from docx import Document
from docx.shared import Inches
from docx.table import _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import docx_bytes, dropdown, placeholder_control, symbol_box
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, shade, write

SOURCE = ("London Borough of Newham, 'Multi Agency Risk Assessment Conference Referral Form' (CONFIDENTIAL "
          "AND RESTRICTED WHEN COMPLETE); stored copy: https://docsbay.net/confidential-and-restricted-when-complete")
YES_NO = ["Yes", "No"]
CHILD_ROWS = 4


def _label(cell: _Cell, text: str) -> None:
    write(cell, text, bold=True)
    shade(cell, "E2EFD9")


def _control(cell: _Cell, text: str | None) -> None:
    placeholder_control(cell.paragraphs[0], text or "")


def _plan(case: Case) -> dict[str, Any]:
    rng = random.Random(case.seed * 13 + 7)
    return {"style": rng.choice(("ordinal", "d month yyyy", "dd/mm/yyyy")),
            "children_in_one_cell": rng.random() < 0.5 and case.children > 0,
            "w14_boxes": rng.random() < 0.5, "gp_filled": rng.random() < 0.5,
            "untouched_message": rng.random() < 0.4}


def _person(name: str, aliases: list[str], dob: str, gender: str, ethnicity: str, address: str,
            phone: str | None, relationship: str | None, style: str) -> list[str]:
    *forenames, surname = name.split(" ")
    return [f"Surname: {surname}", f"Forename(s): {' '.join(forenames)}",
            f"Also known as: {', '.join(aliases) if aliases else 'N/A'}",
            f"Date of birth: {date_text(dob, style)}", f"Gender {gender[0]}", f"Ethnicity: {ethnicity}",
            f"Address: {address}", f"Telephone: {phone or 'Not known'}",
            f"Relationship to victim/survivor: {relationship}" if relationship else ""]


def build(case: Case) -> bytes:
    plan = _plan(case)
    style = plan["style"]
    v = case.values
    fields = Fields()
    doc = Document()
    doc.add_paragraph().add_run("CONFIDENTIAL AND RESTRICTED WHEN COMPLETE").bold = True
    doc.add_heading("London Borough of Newham", level=1)
    doc.add_heading("Multi Agency Risk Assessment Conference Referral Form", level=2)
    doc.add_paragraph("For victim/survivors aged 16 or over living in Newham and at high risk from a partner, "
                      "ex-partner or family member. Seek consent where it is safe to; do not tell the perpetrator.")

    ref = doc.add_table(rows=0, cols=4)
    ref.style = "Table Grid"
    full_width_row(ref, "Referrer details", fill="A8D08D")
    cells = ref.add_row().cells
    _label(cells[0], "Name of referrer")
    _control(cells[1], v["referral.referrer.name"])
    _label(cells[2], "Job title")
    _control(cells[3], v["referral.referrer.role"])
    cells = ref.add_row().cells
    _label(cells[0], "Agency")
    _control(cells[1], v["referral.referrer.agency"])
    _label(cells[2], "Date of referral")
    fields.control_date(cells[3].paragraphs[0], date_text(v["referral.referrer.date"], "dd/mm/yyyy"))
    cells = ref.add_row().cells
    _label(cells[0], "Telephone / email")
    _control(cells[1].merge(cells[3]), f"{v['referral.referrer.phone']} / {v['referral.referrer.email']}")

    doc.add_paragraph()
    people = doc.add_table(rows=1, cols=1 + case.perpetrators)
    people.style = "Table Grid"
    titles = ["Victim/Survivor"] + ["Alleged Perpetrator" + (f" {i + 1}" if i else "")
                                    for i in range(case.perpetrators)]
    for cell, title in zip(people.rows[0].cells, titles):
        _label(cell, title)
    columns = [_person(v["referral.victim.name"], v["referral.victim.aliases"], v["referral.victim.dob"],
                       v["referral.victim.gender"], v["referral.victim.ethnicity"], v["referral.victim.address"],
                       v["referral.victim.phone"], None, style)]
    for i in range(case.perpetrators):
        p = f"referral.perpetrators.{i}"
        columns.append(_person(v[f"{p}.name"], v[f"{p}.aliases"], v[f"{p}.dob"], v[f"{p}.gender"],
                               v[f"{p}.ethnicity"], v[f"{p}.address"], None, v[f"{p}.relationship_to_victim"],
                               style))
    for line in range(len(columns[0])):
        cells = people.add_row().cells
        for cell, column in zip(cells, columns):
            if column[line]:
                write(cell, column[line])

    doc.add_paragraph()
    more = doc.add_table(rows=0, cols=2)
    more.style = "Table Grid"
    full_width_row(more, "Victim/Survivor – contact and needs", fill="A8D08D")
    for label, value in (("Is it safe to call the victim/survivor on this number?", v["referral.victim.safe_to_call"]),
                         ("Is it safe to leave a message?", None if plan["untouched_message"]
                          else v["referral.victim.safe_to_leave_message"])):
        cells = more.add_row().cells
        _label(cells[0], label)
        dropdown(cells[1].paragraphs[0], YES_NO, None if value is None else YES_NO[0 if value else 1])
    language = v["referral.victim.first_language"]
    for label, value in (("Best times to call / other safe contact", v["referral.victim.contact_notes"]),
                         ("First language", language),
                         ("Interpreter required (state language)", "No" if language == "English" else language),
                         ("Housing / tenancy", v["referral.victim.housing"]),
                         ("GP name and surgery", v["referral.victim.gp"] if plan["gp_filled"] else None),
                         ("Occupation", None)):
        cells = more.add_row().cells
        _label(cells[0], label)
        _control(cells[1], value)
    cells = more.add_row().cells
    _label(cells[0], "Diversity (tick all that apply)")
    row = cells[1].paragraphs[0]
    for text, path in (("B&ME ", "referral.victim.bme"), ("   Disabled ", "referral.victim.disabled"),
                       ("   LGBT ", "referral.victim.lgbt"), ("   Pregnant ", "referral.victim.pregnant")):
        row.add_run(text)
        if plan["w14_boxes"]:
            fields.control_checkbox(row, bool(v[path]))
        else:
            symbol_box(row, bool(v[path]))

    doc.add_paragraph()
    if plan["children_in_one_cell"]:
        kids = doc.add_table(rows=1, cols=2)
        kids.style = "Table Grid"
        _label(kids.cell(0, 0), "Children in the household (names and dates of birth)")
        lines = [f"{i + 1}) {v[f'referral.children.{i}.name']} – DOB "
                 f"{date_text(v[f'referral.children.{i}.dob'], 'dd/mm/yyyy')}" for i in range(case.children)]
        write(kids.cell(0, 1), "\n".join(lines))
    else:
        kids = doc.add_table(rows=1, cols=6)
        kids.style = "Table Grid"
        for cell, text in zip(kids.rows[0].cells, ("Child's name", "DOB", "Gender", "Relationship to victim/survivor",
                                                   "Relationship to alleged perpetrator",
                                                   "Lives with victim/survivor?")):
            _label(cell, text)
        for column, width in zip(kids.columns, (1.2, 1.1, 0.6, 1.0, 1.0, 0.9)):
            column.width = Inches(width)
        for i in range(max(CHILD_ROWS, case.children)):
            cells = kids.add_row().cells
            c = f"referral.children.{i}"
            if i < case.children:
                texts = (v[f"{c}.name"], date_text(v[f"{c}.dob"], style), v[f"{c}.gender"][0],
                         v[f"{c}.relationship_to_victim"], v[f"{c}.relationship_to_perpetrator"],
                         "Yes" if v[f"{c}.lives_with_victim"] else "No – lives with father")
                for cell, text in zip(cells, texts):
                    write(cell, text)
            else:
                write(cells[0], "N/A")
        for row in kids.rows:
            for cell, width in zip(row.cells, (1.2, 1.1, 0.6, 1.0, 1.0, 0.9)):
                cell.width = Inches(width)

    doc.add_paragraph()
    why = doc.add_table(rows=0, cols=2)
    why.style = "Table Grid"
    full_width_row(why, "Reason for referral", fill="A8D08D")
    cells = why.add_row().cells
    _label(cells[0], "DASH RIC score")
    _control(cells[1], str(v["referral.dash_score_stated"]))
    for label, path in (("Visible high risk", "referral.reasons.visible_high_risk"),
                        ("Professional judgement", "referral.reasons.professional_judgement"),
                        ("Potential escalation", "referral.reasons.potential_escalation"),
                        ("Repeat MARAC referral", "referral.reasons.repeat")):
        cells = why.add_row().cells
        _label(cells[0], label)
        fields.control_checkbox(cells[1].paragraphs[0], bool(v[path]))
    for label, value in (("If professional judgement, please explain",
                          v["referral.reasons.professional_judgement_rationale"]),
                         ("Crime reference number (if known)", v["referral.crime_reference"]),
                         ("Summary of the most recent incident and risks", v["referral.risks_summary"])):
        cells = why.add_row().cells
        _label(cells[0], label)
        _control(cells[1], value)
    for label, value in (("Is the victim/survivor aware of this referral?", v["referral.victim_aware"]),
                         ("Has the victim/survivor consented to the referral?", v["referral.consent"])):
        cells = why.add_row().cells
        _label(cells[0], label)
        dropdown(cells[1].paragraphs[0], YES_NO, YES_NO[0 if value else 1])
    cells = why.add_row().cells
    _label(cells[0], "If no consent, why is information being shared?")
    _control(cells[1], v["referral.consent_override_reason"])
    return docx_bytes(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    plan = _plan(case)
    paths = ["referral.referrer.name", "referral.referrer.role", "referral.referrer.agency",
             "referral.referrer.date", "referral.referrer.phone", "referral.referrer.email",
             "referral.victim.name", "referral.victim.aliases", "referral.victim.dob", "referral.victim.gender",
             "referral.victim.ethnicity", "referral.victim.address", "referral.victim.postcode",
             "referral.victim.phone", "referral.victim.safe_to_call", "referral.victim.contact_notes",
             "referral.victim.first_language", "referral.victim.interpreter_language", "referral.victim.housing",
             "referral.victim.bme", "referral.victim.disabled", "referral.victim.lgbt", "referral.victim.pregnant",
             "referral.dash_score_stated", "referral.reasons.visible_high_risk",
             "referral.reasons.professional_judgement", "referral.reasons.potential_escalation",
             "referral.reasons.repeat", "referral.reasons.professional_judgement_rationale",
             "referral.crime_reference", "referral.risks_summary", "referral.victim_aware", "referral.consent",
             "referral.consent_override_reason"]
    found = {p: v[p] for p in paths}
    found["referral.victim.safe_to_leave_message"] = None if plan["untouched_message"] else \
        v["referral.victim.safe_to_leave_message"]
    found["referral.victim.gp"] = v["referral.victim.gp"] if plan["gp_filled"] else None
    found["referral.victim.occupation"] = None  # "Click here to enter text."
    for i in range(case.perpetrators):
        for k in ("name", "aliases", "dob", "gender", "ethnicity", "address", "relationship_to_victim"):
            found[f"referral.perpetrators.{i}.{k}"] = v[f"referral.perpetrators.{i}.{k}"]
        found[f"referral.perpetrators.{i}.phone"] = None  # "Telephone: Not known"
    keys = ("name", "dob") if plan["children_in_one_cell"] else \
        ("name", "dob", "gender", "relationship_to_victim", "relationship_to_perpetrator", "lives_with_victim")
    for i in range(case.children):
        for k in keys:
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    return found


FORMS = [AreaForm("newham-referral", "London Borough of Newham", SOURCE, "referral", build, expected)]
