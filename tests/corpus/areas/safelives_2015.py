"""The SafeLives Marac referral form (2015 template), which many areas adopted with their own header.

Layout (label wording from the published template): one table, label cells beside value cells, two
pairs in a row ("Victim name | ... | Victim DOB | ..."), "Is this number safe to call? Y / N" answered
by striking out the other letter, a diversity row of tick boxes "B&ME ☐ Disabled ☐ LGBT ☐" with
"Gender M / F", a perpetrators table with a header row, a children table whose header says "(please
add extra rows if necessary)" with blank rows left, and the reasons for referral as Y / N cells.
"""
from __future__ import annotations

import random
from typing import Any

from docx import Document
from docx.table import _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import docx_bytes, placeholder_control, struck_choice, symbol_box
from tests.corpus.areas.styles import DATE_STYLES, date_text
from tests.corpus.docx_parts import shade, write

SOURCE = ("SafeLives, 'Marac referral form' (2015 template, © SafeLives 2015); stored copy: docslib.org "
          "'Reason for Referral / Additional Information'")

CHILD_ROWS = 4


def _label(cell: _Cell, text: str) -> None:
    write(cell, text, bold=True)
    shade(cell, "D9D9D9")


def _value(cell: _Cell, text: str | None) -> None:
    if text:
        write(cell, text)
    else:
        placeholder_control(cell.paragraphs[0])


def build(case: Case) -> bytes:
    rng = random.Random(case.seed * 7 + 1)
    style = rng.choice(DATE_STYLES)
    v = case.values
    doc = Document()
    doc.add_heading("Marac referral form", level=1)
    doc.add_paragraph("Marac referrals should be sent by secure email or other secure method to [insert contact "
                      "details for Marac].")
    top = doc.add_table(rows=0, cols=4)
    top.style = "Table Grid"
    for label, value in (("Referring agency", v["referral.referrer.agency"]),
                         ("Contact name(s)", v["referral.referrer.name"]),
                         ("Telephone / email", f"{v['referral.referrer.phone']} / {v['referral.referrer.email']}"),
                         ("Date", date_text(v["referral.referrer.date"], style))):
        row = top.add_row().cells
        _label(row[0], label)
        merged = row[1].merge(row[3])
        _value(merged, value)
    row = top.add_row().cells
    _label(row[0], "Victim name")
    _value(row[1], v["referral.victim.name"])
    _label(row[2], "Victim DOB")
    _value(row[3], date_text(v["referral.victim.dob"], style))
    row = top.add_row().cells
    _label(row[0], "Address")
    _value(row[1].merge(row[3]), v["referral.victim.address"])
    row = top.add_row().cells
    _label(row[0], "Telephone number")
    _value(row[1], v["referral.victim.phone"])
    _label(row[2], "Is this number safe to call?")
    struck_choice(row[3].paragraphs[0], v["referral.victim.safe_to_call"], how=rng.choice(("strike", "delete")))
    row = top.add_row().cells
    _label(row[0], "Please insert any relevant contact information, eg times to call")
    _value(row[1].merge(row[3]), v["referral.victim.contact_notes"])
    row = top.add_row().cells
    _label(row[0], "Diversity data (if known)")
    diversity = row[1].merge(row[3]).paragraphs[0]
    for label, path in (("B&ME ", "referral.victim.bme"), ("  Disabled ", "referral.victim.disabled"),
                        ("  LGBT ", "referral.victim.lgbt")):
        diversity.add_run(label)
        symbol_box(diversity, bool(v[path]))
    diversity.add_run("   Gender ")
    struck_choice(diversity, v["referral.victim.gender"] == "Female", options=("F", "M"))

    doc.add_paragraph()
    people = doc.add_table(rows=1, cols=4)
    people.style = "Table Grid"
    for cell, text in zip(people.rows[0].cells, ("Perpetrator(s) name", "DOB", "Relationship to victim",
                                                 "Perpetrator(s) address")):
        _label(cell, text)
    for i in range(case.perpetrators):
        p = f"referral.perpetrators.{i}"
        cells = people.add_row().cells
        for cell, text in zip(cells, (v[f"{p}.name"], date_text(v[f"{p}.dob"], style),
                                      v[f"{p}.relationship_to_victim"], v[f"{p}.address"])):
            _value(cell, text)

    doc.add_paragraph()
    kids = doc.add_table(rows=1, cols=6)
    kids.style = "Table Grid"
    for cell, text in zip(kids.rows[0].cells, ("Children (please add extra rows if necessary)", "DOB",
                                               "Relationship to victim", "Relationship to perpetrator",
                                               "Address", "School (If known)")):
        _label(cell, text)
    for i in range(max(CHILD_ROWS, case.children)):
        cells = kids.add_row().cells
        c = f"referral.children.{i}"
        if i < case.children:
            texts = (v[f"{c}.name"], date_text(v[f"{c}.dob"], style), v[f"{c}.relationship_to_victim"],
                     v[f"{c}.relationship_to_perpetrator"], "As victim", v[f"{c}.school"])
            for cell, text in zip(cells, texts):
                _value(cell, text)

    doc.add_paragraph()
    reasons = doc.add_table(rows=0, cols=4)
    reasons.style = "Table Grid"
    row = reasons.add_row().cells
    _label(row[0], "Reason for referral / additional information")
    _value(row[1].merge(row[3]), v["referral.risks_summary"])
    for left, right in ((("Visible high risk (14 ticks or more on SafeLives Dash risk checklist)",
                          "referral.reasons.visible_high_risk"),
                         ("Professional judgement", "referral.reasons.professional_judgement")),
                        (("Potential escalation (3 or more incidents reported to the police in the past 12 months)",
                          "referral.reasons.potential_escalation"),
                         ("Marac repeat (further incident identified within twelve months from the date of the "
                          "last referral)", "referral.reasons.repeat"))):
        row = reasons.add_row().cells
        for (label, path), label_cell, value_cell in ((left, row[0], row[1]), (right, row[2], row[3])):
            _label(label_cell, label)
            struck_choice(value_cell.paragraphs[0], v[path])
    for label, path, why in (("Is the victim aware of Marac referral?", "referral.victim_aware",
                              "referral.victim_aware_reason"),
                             ("Has consent been given?", "referral.consent", None)):
        row = reasons.add_row().cells
        _label(row[0], label)
        struck_choice(row[1].paragraphs[0], v[path])
        _label(row[2], "If no, why not?" if why else "")
        _value(row[3], v[why] if why else None)
    for label, path in (("Who is the victim afraid of? (to include all potential threats, and not just primary "
                         "perpetrator)", "referral.afraid_of"),
                        ("Who does the victim believe it safe to talk to?", "referral.safe_to_talk_to"),
                        ("Who does the victim believe it not safe to talk to?", "referral.not_safe_to_talk_to")):
        row = reasons.add_row().cells
        _label(row[0], label)
        _value(row[1].merge(row[3]), v[path])
    return docx_bytes(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    paths = ["referral.referrer.agency", "referral.referrer.name", "referral.referrer.phone",
             "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.dob",
             "referral.victim.address", "referral.victim.phone", "referral.victim.safe_to_call",
             "referral.victim.contact_notes", "referral.victim.bme", "referral.victim.disabled",
             "referral.victim.lgbt", "referral.victim.gender", "referral.risks_summary",
             "referral.reasons.visible_high_risk", "referral.reasons.professional_judgement",
             "referral.reasons.potential_escalation", "referral.reasons.repeat", "referral.victim_aware",
             "referral.victim_aware_reason", "referral.consent", "referral.afraid_of", "referral.safe_to_talk_to",
             "referral.not_safe_to_talk_to"]
    found = {p: v[p] for p in paths}
    found["referral.victim.postcode"] = v["referral.victim.postcode"]  # read from the address
    for i in range(case.perpetrators):
        for k in ("name", "dob", "relationship_to_victim", "address"):
            found[f"referral.perpetrators.{i}.{k}"] = v[f"referral.perpetrators.{i}.{k}"]
    for i in range(case.children):
        for k in ("name", "dob", "relationship_to_victim", "relationship_to_perpetrator", "school"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    return found


FORMS = [AreaForm("safelives-2015-referral", "SafeLives (national template)", SOURCE, "referral", build, expected)]
