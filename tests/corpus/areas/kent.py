"""Kent and Medway MARAC referral: police-style, numbered upper-case sections, four referral criteria.

Follows the Kent and Medway MARAC referral as the Kent and Medway domestic abuse services site describes it
(stored copy: domesticabuseservices.org.uk, see SOURCE). Taken from it: the referral page explains the
criteria first (paraphrased here on a guidance page, which is not answers), and the four ways to meet the
high-risk threshold, in its wording: "Visible High Risk" (14 or more 'yes' answers on the DASH), "Professional
Judgement", "Escalation" (three domestic abuse events in a 6-month period) and "Suicide or self-harm" (the
last has no canonical path and is never expected). The stored page is not the form itself, so the other labels
and the layout are ours (a police-style layout, not a copy of Kent's): numbered sections ("1. REFERRER", "2.
VICTIM", ...), upper-case labels inside the cells with the value after them ("NAME: ...", "TEL / EMAIL: a /
b", "NAME AND DOB: X, 3.4.91" two answers in one cell), Yes / No answered with Wingdings boxes (private-use
code points) or typed ☒ / ☐, "No Details" and "Not known" for unknowns, a template's "[insert ...]" left in
place, a perpetrators table with a header row, an "N/A" row and an empty row, a children table with a header
row and "Y" / "N" for whether they live with the victim (rows added by the referrer when there are more
children than printed rows), and the criteria as a "tick one" list with an explanation after each.
"""
from __future__ import annotations

import random
from typing import Any

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Inches
from docx.table import Table, _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import docx_bytes, symbol_box
from tests.corpus.areas.styles import DATE_STYLES, date_text
from tests.corpus.docx_parts import full_width_row, shade, write

SOURCE = ("Kent and Medway domestic abuse services, 'Make a MARAC referral' (referral criteria for the Kent and "
          "Medway MARAC); stored copy: https://www.domesticabuseservices.org.uk/practitioners/make-a-referral")

CRITERIA = (("Visible High Risk", "14 or more 'yes' answers on the DASH", "referral.reasons.visible_high_risk"),
            ("Professional Judgement", "fewer than 14 ticks or no DASH, but you judge the risk to be high",
             "referral.reasons.professional_judgement"),
            ("Escalation", "three or more domestic abuse events in a 6-month period",
             "referral.reasons.potential_escalation"),
            ("Suicide or self-harm", "current abuse and a high risk of suicide or self-harm", None))
PRINTED_CHILD_ROWS = 2


def _widths(table: Table, inches: tuple[float, ...]) -> None:
    """Fixed column widths (grid and every unmerged cell), as a form designer sets them."""
    table.autofit = False
    for column, width in zip(table.columns, inches):
        column.width = Inches(width)
    for row in table.rows:
        if len(row._tr.tc_lst) == len(inches):
            for tc, width in zip(row._tr.tc_lst, inches):
                tc.width = Inches(width)


def _section(table: Table, text: str) -> None:
    full_width_row(table, text, fill="8EAADB")


def _cell(cell: _Cell, label: str, value: str) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.add_run(label + " ").bold = True
    paragraph.add_run(value)


def _boxes(cell: _Cell, label: str, value: bool | None, how: str) -> None:
    """'LABEL  Yes [box] No [box]' with Wingdings boxes, or typed ☒ / ☐."""
    paragraph = cell.paragraphs[0]
    paragraph.add_run(label + "  ").bold = True
    for caption, checked in (("Yes", value is True), ("No", value is False)):
        paragraph.add_run(caption + " ")
        if how == "wingdings":
            symbol_box(paragraph, checked)
        else:
            paragraph.add_run("☒" if checked else "☐")
        paragraph.add_run("   ")


def _choices(case: Case, rng: random.Random) -> dict[str, Any]:
    v = case.values
    return {
        "style": rng.choice(DATE_STYLES),
        "boxes": rng.choice(("wingdings", "typed")),
        "criterion": next((name for name, _, path in CRITERIA[:3] if v[path]), None),
        "lives": rng.choice((("Y", "N"), ("Yes", "No"), ("✓", "✗"))),
        "officer": v["referral.police.officer_in_charge"] if rng.random() < 0.6 else None,
    }


def build(case: Case) -> bytes:
    rng = random.Random(case.seed * 19 + 11)
    c = _choices(case, rng)
    style, how = c["style"], c["boxes"]
    v = case.values
    doc = Document()
    doc.add_heading("Before you refer", level=2)
    doc.add_paragraph("Refer anyone living in Kent or Medway whom you believe to be at high risk of harm from "
                      "domestic abuse. The threshold is met in one of four ways:")
    for name, why, _ in CRITERIA:
        doc.add_paragraph(f"{name}: {why}.", style="List Bullet")
    doc.add_paragraph("Talk to the victim about the referral and ask for consent where it is safe to do so.")
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading("KENT AND MEDWAY MARAC REFERRAL FORM", level=1)
    doc.add_paragraph("OFFICIAL – SENSITIVE WHEN COMPLETE").runs[0].bold = True

    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    _section(t, "1. REFERRER")
    a, b = t.add_row().cells
    _cell(a, "NAME:", v["referral.referrer.name"])
    _cell(b, "ROLE:", v["referral.referrer.role"])
    a, b = t.add_row().cells
    _cell(a, "AGENCY:", v["referral.referrer.agency"])
    _cell(b, "DATE OF REFERRAL:", date_text(v["referral.referrer.date"], "dd/mm/yyyy"))
    a, b = t.add_row().cells
    _cell(a.merge(b), "TEL / EMAIL:", f"{v['referral.referrer.phone']} / {v['referral.referrer.email']}")

    _section(t, "2. VICTIM")
    a, b = t.add_row().cells
    name = v["referral.victim.name"]
    _cell(a, "NAME AND DOB:", f"{name}, {date_text(v['referral.victim.dob'], style)}")
    _cell(b, "AGE:", str(v["referral.victim.age"]))
    a, b = t.add_row().cells
    _cell(a, "ALIAS:", "; ".join(v["referral.victim.aliases"]) or "None")
    _cell(b, "ETHNICITY:", v["referral.victim.ethnicity"])
    a, b = t.add_row().cells
    _cell(a.merge(b), "ADDRESS:", v["referral.victim.address"])
    a, b = t.add_row().cells
    _cell(a, "TELEPHONE:", v["referral.victim.phone"])
    _boxes(b, "SAFE TO CALL?", v["referral.victim.safe_to_call"], how)
    a, b = t.add_row().cells
    _boxes(a, "SAFE TO LEAVE A MESSAGE?", v["referral.victim.safe_to_leave_message"], how)
    language = v["referral.victim.interpreter_language"]
    _cell(b, "INTERPRETER REQUIRED?", f"Yes – {language}" if language else "No")
    a, b = t.add_row().cells
    _boxes(a, "DISABILITY?", v["referral.victim.disabled"], how)
    _boxes(b, "PREGNANT?", v["referral.victim.pregnant"], how)
    a, b = t.add_row().cells
    _cell(a, "MENTAL HEALTH:", v["referral.victim.mental_health"] or "No Details")
    _cell(b, "SUBSTANCE MISUSE:", v["referral.victim.substance_misuse"] or "Not known")
    a, b = t.add_row().cells
    _cell(a, "GP:", v["referral.victim.gp"])
    _cell(b, "HOUSING / TENURE:", v["referral.victim.housing"])

    doc.add_paragraph()
    perps = doc.add_table(rows=0, cols=4)
    perps.style = "Table Grid"
    _section(perps, "3. PERPETRATOR(S)")
    for cell, text in zip(perps.add_row().cells, ("NAME", "DOB", "RELATIONSHIP TO VICTIM", "ADDRESS")):
        write(cell, text, bold=True)
        shade(cell, "D9E2F3")
    for i in range(case.perpetrators):
        p = f"referral.perpetrators.{i}"
        named = v[f"{p}.name"] + (f" (aka {v[f'{p}.aliases'][0]})" if v[f"{p}.aliases"] else "")
        for cell, text in zip(perps.add_row().cells, (named, date_text(v[f"{p}.dob"], style),
                                                      v[f"{p}.relationship_to_victim"], v[f"{p}.address"])):
            write(cell, text)
    write(perps.add_row().cells[0], "N/A")
    perps.add_row()
    _widths(perps, (1.6, 1.1, 1.5, 1.8))

    doc.add_paragraph()
    kids = doc.add_table(rows=0, cols=5)
    kids.style = "Table Grid"
    _section(kids, "4. CHILDREN")
    for cell, text in zip(kids.add_row().cells, ("NAME", "DOB", "GENDER", "SCHOOL", "LIVES WITH VICTIM?")):
        write(cell, text, bold=True)
        shade(cell, "D9E2F3")
    yes, no = c["lives"]
    for i in range(max(PRINTED_CHILD_ROWS, case.children)):  # the referrer adds rows past the printed two
        cells = kids.add_row().cells
        k = f"referral.children.{i}"
        if i < case.children:
            texts = (v[f"{k}.name"], date_text(v[f"{k}.dob"], style), v[f"{k}.gender"], v[f"{k}.school"],
                     yes if v[f"{k}.lives_with_victim"] else no)
        else:
            texts = ("N/A",) * 5 if i == 0 else ("",) * 5
        for cell, text in zip(cells, texts):
            write(cell, text)
    _widths(kids, (1.5, 1.2, 0.9, 1.4, 1.0))

    doc.add_paragraph()
    crit = doc.add_table(rows=0, cols=2)
    crit.style = "Table Grid"
    _section(crit, "5. REFERRAL CRITERIA (tick one)")
    for name, why, _ in CRITERIA:
        box_cell, text_cell = crit.add_row().cells
        symbol_box(box_cell.paragraphs[0], name == c["criterion"])
        _cell(text_cell, name.upper(), f"– {why}")
    _widths(crit, (0.5, 5.5))
    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"
    a, b = t.add_row().cells
    _cell(a, "DASH SCORE:", str(v["referral.dash_score_stated"]))
    _cell(b, "PROFESSIONAL JUDGEMENT RATIONALE:",
          v["referral.reasons.professional_judgement_rationale"] or "N/A")
    _section(t, "6. RISK")
    a, b = t.add_row().cells
    _cell(a.merge(b), "BRIEF SUMMARY OF CURRENT INCIDENT AND RISKS:", v["referral.risks_summary"])
    a, b = t.add_row().cells
    _cell(a, "CRIME REF:", v["referral.crime_reference"])
    _cell(b, "OIC:", c["officer"] or "[insert OIC name and collar number]")
    a, b = t.add_row().cells
    _cell(a.merge(b), "WHO IS THE VICTIM AFRAID OF?", v["referral.afraid_of"])
    _section(t, "7. CONSENT")
    a, b = t.add_row().cells
    _boxes(a, "VICTIM AWARE OF REFERRAL?", v["referral.victim_aware"], how)
    _boxes(b, "CONSENT GIVEN?", v["referral.consent"], how)
    a, b = t.add_row().cells
    _cell(a.merge(b), "IF NO CONSENT, WHY ARE YOU SHARING?", v["referral.consent_override_reason"] or "N/A")
    return docx_bytes(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    c = _choices(case, random.Random(case.seed * 19 + 11))
    paths = ["referral.referrer.name", "referral.referrer.role", "referral.referrer.agency", "referral.referrer.date",
             "referral.referrer.phone", "referral.referrer.email", "referral.victim.name", "referral.victim.dob",
             "referral.victim.age", "referral.victim.aliases", "referral.victim.ethnicity", "referral.victim.address",
             "referral.victim.postcode", "referral.victim.phone", "referral.victim.safe_to_call",
             "referral.victim.safe_to_leave_message", "referral.victim.interpreter_language",
             "referral.victim.disabled", "referral.victim.pregnant", "referral.victim.mental_health",
             "referral.victim.substance_misuse", "referral.victim.gp", "referral.victim.housing",
             "referral.dash_score_stated", "referral.reasons.professional_judgement_rationale",
             "referral.risks_summary", "referral.crime_reference", "referral.afraid_of", "referral.victim_aware",
             "referral.consent", "referral.consent_override_reason"]
    found = {p: v[p] for p in paths}
    found["referral.police.officer_in_charge"] = c["officer"]  # None where "[insert ...]" was left
    for i in range(case.perpetrators):
        for k in ("name", "aliases", "dob", "relationship_to_victim", "address"):
            found[f"referral.perpetrators.{i}.{k}"] = v[f"referral.perpetrators.{i}.{k}"]
    for i in range(case.children):
        for k in ("name", "dob", "gender", "school", "lives_with_victim"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    if c["criterion"]:  # tick one: the criteria left unticked are not answers
        found[next(path for name, _, path in CRITERIA if name == c["criterion"])] = True
    return found


FORMS = [AreaForm("kent-medway-referral", "Kent and Medway", SOURCE, "referral", build, expected)]
