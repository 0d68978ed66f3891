"""County Durham MARAC referral form: label and content control in two columns, title rows deciding whose
fields follow.

Follows the published Durham "MARAC Referral form" (stored copy: docest.com, see SOURCE). Layout taken from
it: a short purpose note first (paraphrased here, it is not answers), then one two-column table in which
shaded title rows "Agency details", "Details of Victim" and "Details of Suspect" decide whose rows follow;
each value is a Word content control showing "Click here to enter text." until typed in. Label wording as
published: "Name of staff member making referral", "Contact details of agency (Address, Telephone and email):"
(three answers in one cell), "Safe Contact Referral" (number and times in one cell), "Tenancy details (East
Durham homes, Private rented etc.)", "Relationship to victim (Married, Separated, Family Members etc.)"
printed under both Victim and Suspect (the referrer fills it once, under the suspect, and leaves the victim's
copy as a placeholder). A referrer with two suspects pastes the "Details of Suspect" block twice under the
same title. The stored copy ends after the suspect rows; the children table and the risk rows after it are
laid out in the same label / content-control style with plain labels of our own (reason for referral as a
drop-down list: one item can be chosen; an unanswered drop-down shows "Choose an item.", an empty date picker
"Click here to enter a date.").
"""
from __future__ import annotations

import random
from typing import Any

from docx import Document
from docx.table import Table

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import docx_bytes, dropdown, placeholder_control
from tests.corpus.areas.styles import DATE_STYLES, date_text
from tests.corpus.docx_parts import full_width_row, shade, write

SOURCE = ("County Durham MARAC, 'MARAC Referral form' (Agency details / Details of Victim / Details of Suspect, "
          "Word content controls); stored copy: https://docest.com/doc/476307/marac-referral-form")

AGENCY_ADDRESS = "Suite 2, Foundry Road, Exampletown, DH1 9XQ"
REASONS = (("Visible High Risk", "referral.reasons.visible_high_risk"),
           ("Professional Judgement", "referral.reasons.professional_judgement"),
           ("Potential Escalation", "referral.reasons.potential_escalation"),
           ("Repeat MARAC", "referral.reasons.repeat"))
CHILD_ROWS = 3


def _title(table: Table, text: str) -> None:
    full_width_row(table, text, fill="A6A6A6")


def _row(table: Table, label: str, value: str | None, *, date: bool = False) -> None:
    label_cell, value_cell = table.add_row().cells
    write(label_cell, label, bold=True)
    shade(label_cell, "F2F2F2")
    placeholder_control(value_cell.paragraphs[0], value or "", date=date)


def _named(name: str, aliases: list[str]) -> str:
    return f"{name} (aka {aliases[0]})" if aliases else name


def _choices(case: Case, rng: random.Random) -> dict[str, Any]:
    """What this referrer writes where the form leaves a choice: seeded, so build and expected agree."""
    v = case.values
    reason = next((label for label, path in REASONS[:3] if v[path]), None)
    return {
        "style": rng.choice(DATE_STYLES),
        "contact_layout": rng.choice(("labelled", "slashes")),
        "safe_contact": rng.choice(("brackets", "dash")),
        "reason": reason,
        "officer": rng.random() < 0.7,
    }


def build(case: Case) -> bytes:
    rng = random.Random(case.seed * 11 + 3)
    c = _choices(case, rng)
    style = c["style"]
    v = case.values
    doc = Document()
    doc.add_heading("MARAC Referral form", level=1)
    doc.add_paragraph("A MARAC brings agencies together to share information on victims at the highest risk of "
                      "serious harm and to agree how to reduce that risk. Send this form and the completed risk "
                      "assessment by secure email, password protected, to the MARAC coordinator. Keep following "
                      "your own agency's child protection and domestic abuse procedures.")
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"

    _title(table, "Agency details")
    _row(table, "Name of staff member making referral", v["referral.referrer.name"])
    _row(table, "Referring agency", v["referral.referrer.agency"])
    # A plain-text content control takes one line: referrers separate the three answers as they can.
    if c["contact_layout"] == "labelled":
        contact = f"{AGENCY_ADDRESS}. Tel: {v['referral.referrer.phone']}, Email: {v['referral.referrer.email']}"
    else:
        contact = f"{AGENCY_ADDRESS} / {v['referral.referrer.phone']} / {v['referral.referrer.email']}"
    _row(table, "Contact details of agency (Address, Telephone and email):", contact)
    _row(table, "Date of referral", date_text(v["referral.referrer.date"], "dd/mm/yyyy"), date=True)

    _title(table, "Details of Victim")
    _row(table, "Name", _named(v["referral.victim.name"], v["referral.victim.aliases"]))
    _row(table, "DOB", date_text(v["referral.victim.dob"], style))
    aware = "Yes" if v["referral.victim_aware"] else f"No - {v['referral.victim_aware_reason'].lower()}"
    _row(table, "Is the victim aware of this referral?", aware)
    _row(table, "Address", v["referral.victim.address"])
    phone, notes = v["referral.victim.phone"], v["referral.victim.contact_notes"]
    _row(table, "Safe Contact Referral", f"{phone} ({notes.lower()})" if c["safe_contact"] == "brackets"
         else f"{phone} – {notes}")
    _row(table, "Tenancy details (East Durham homes, Private rented etc.)", v["referral.victim.housing"])
    _row(table, "Relationship to victim (Married, Separated, Family Members etc.)", None)
    _row(table, "Occupation/place of work", v["referral.victim.occupation"])

    for i in range(case.perpetrators):  # the block pasted once per suspect, title and all
        p = f"referral.perpetrators.{i}"
        _title(table, "Details of Suspect")
        _row(table, "Name", _named(v[f"{p}.name"], v[f"{p}.aliases"]))
        _row(table, "DOB", date_text(v[f"{p}.dob"], style))
        _row(table, "Address", v[f"{p}.address"])
        _row(table, "Tenancy details (East Durham homes, Private rented etc.)", "Not known")
        _row(table, "Relationship to victim (Married, Separated, Family Members etc.)",
             v[f"{p}.relationship_to_victim"])
        _row(table, "Occupation/place of work", v[f"{p}.occupation"])

    doc.add_paragraph()
    kids = doc.add_table(rows=1, cols=4)
    kids.style = "Table Grid"
    for cell, text in zip(kids.rows[0].cells, ("Details of Children – Name", "DOB", "Relationship to victim",
                                               "School / Nursery")):
        write(cell, text, bold=True)
        shade(cell, "A6A6A6")
    for i in range(max(CHILD_ROWS, case.children)):
        cells = kids.add_row().cells
        c_ = f"referral.children.{i}"
        if i < case.children:
            texts = (v[f"{c_}.name"], date_text(v[f"{c_}.dob"], style), v[f"{c_}.relationship_to_victim"],
                     v[f"{c_}.school"])
        elif i == 0:
            texts = ("None", "", "", "")
        else:
            texts = ("", "", "", "")
        for cell, text in zip(cells, texts):
            placeholder_control(cell.paragraphs[0], text)

    doc.add_paragraph()
    risk = doc.add_table(rows=0, cols=2)
    risk.style = "Table Grid"
    _title(risk, "Risk information")
    _row(risk, "DASH score", str(v["referral.dash_score_stated"]))
    label_cell, value_cell = risk.add_row().cells
    write(label_cell, "Reason for referral", bold=True)
    shade(label_cell, "F2F2F2")
    dropdown(value_cell.paragraphs[0], [label for label, _ in REASONS], c["reason"])
    _row(risk, "Brief summary of incident and risks", v["referral.risks_summary"])
    label_cell, value_cell = risk.add_row().cells
    write(label_cell, "Has the victim consented to this referral?", bold=True)
    shade(label_cell, "F2F2F2")
    dropdown(value_cell.paragraphs[0], ["Yes", "No"], "Yes" if v["referral.consent"] else "No")
    _row(risk, "Date of previous MARAC referral (if any)", None, date=True)
    label_cell, value_cell = risk.add_row().cells
    write(label_cell, "Is the victim pregnant?", bold=True)
    shade(label_cell, "F2F2F2")
    dropdown(value_cell.paragraphs[0], ["Yes", "No"], "Yes" if v["referral.victim.pregnant"] else None)
    _row(risk, "Police reference number (if known)", v["referral.crime_reference"])
    _row(risk, "Officer in the case", v["referral.police.officer_in_charge"] if c["officer"] else None)
    _row(risk, "Any other relevant information", None)
    return docx_bytes(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    c = _choices(case, random.Random(case.seed * 11 + 3))
    paths = ["referral.referrer.name", "referral.referrer.agency", "referral.referrer.phone",
             "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.aliases",
             "referral.victim.dob", "referral.victim_aware", "referral.victim.address", "referral.victim.postcode",
             "referral.victim.phone", "referral.victim.contact_notes", "referral.victim.housing",
             "referral.victim.occupation", "referral.dash_score_stated", "referral.risks_summary", "referral.consent",
             "referral.crime_reference", "referral.additional_information"]
    found = {p: v[p] for p in paths}
    found["referral.referrer.address"] = AGENCY_ADDRESS
    found["referral.previous_marac"] = None  # "Click here to enter a date."
    found["referral.victim.pregnant"] = True if v["referral.victim.pregnant"] else None  # else "Choose an item."
    found["referral.police.officer_in_charge"] = v["referral.police.officer_in_charge"] if c["officer"] else None
    for i in range(case.perpetrators):
        for k in ("name", "aliases", "dob", "address", "relationship_to_victim", "occupation"):
            found[f"referral.perpetrators.{i}.{k}"] = v[f"referral.perpetrators.{i}.{k}"]
    for i in range(case.children):
        for k in ("name", "dob", "relationship_to_victim", "school"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    if c["reason"]:  # a drop-down holds one choice: the others are not answered
        found[dict(REASONS)[c["reason"]]] = True
    return found


FORMS = [AreaForm("durham-referral", "County Durham", SOURCE, "referral", build, expected)]
