"""Wolverhampton MARAC referral form: capitals labels with the answer typed after the colon in the same cell.

Follows the published Wolverhampton MARAC referral form (stored copy: docest.com, see SOURCE). Layout taken
from it: a short purpose note first (paraphrased here, not answers), then a two-column table whose cells each
hold a CAPITALS label and the typed answer together ("DATE OF REFERRAL: 3.4.26", two per row: "DATE OF DASH
RIC: ... DASH RIC Score: 16" sharing one cell), "NAME AND ROLE OF PERSON COMPLETING REFERRAL:" (two answers in
one cell), "HAS VICTIM CONSENTED TO BE DISCUSSED AT MARAC?  YES ☐ NO ☐", "IF NOT, WHY? :" beside "DATE(S) OF
LAST MARAC", and "REASON FOR REFERRAL" with "Please TICK ONE of the below 3 options": numbered 1) POTENTIAL
ESCALATION, 2) VISIBLE HIGH RISK, 3) PROFESSIONAL JUDGEMENT (the criteria text paraphrased), then "REPEAT
CASES (already flagged as a MARAC case)". The stored text stops there; the VICTIM DETAILS, PERPETRATOR DETAILS
(title row repeated per perpetrator), CHILDREN and risk rows are laid out in the same capitals label: value
style with plain wording.

Filled per seed: YES ☐ NO ☐ marked by typed ☒ / ☐, w14 check boxes, or the unwanted option deleted; dates in
several styles; "N/A" in fields that do not apply (last MARAC, no children, no alias); "Not known"; "(aka …)".
Only one reason may be ticked, so the unticked ones are not expected (a referrer ticking one says nothing of
the others).
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.text.paragraph import Paragraph

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import struck_choice
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.heldout._kit import grid, inline, named, rng_for, save, take

SOURCE = ("Wolverhampton MARAC, 'MARAC Referral Form' (DATE OF REFERRAL / DATE OF DASH RIC / DASH RIC Score, "
          "REASON FOR REFERRAL 'Please TICK ONE', REPEAT CASES); stored copy: https://docest.com/doc/555840/"
          "upon-completion-please-send-referral-form-electronically-to; referral page: wolverhamptonsafeguarding."
          "org.uk 'Violence Against Women and Girls'")

REASONS = ((("1) POTENTIAL ESCALATION: 5 or more incidents by the same perpetrator in the last 12 months, "
             "increasing in severity or frequency"), "referral.reasons.potential_escalation"),
           ("2) VISIBLE HIGH RISK: SafeLives Risk Indicator Checklist completed with 14 or more yes ticks",
            "referral.reasons.visible_high_risk"),
           (("3) PROFESSIONAL JUDGEMENT: you consider the victim at high risk of serious harm or death whatever "
             "the score"), "referral.reasons.professional_judgement"))
CHILD_ROWS = 3


def _plan(case: Case) -> dict[str, Any]:
    rng = rng_for(case, 1)
    v = case.values
    ticked = next((path for _, path in (REASONS[1], REASONS[2], REASONS[0]) if v[path]), None)
    return {"date": rng.choice(("d.m.yy", "dd/mm/yyyy", "ordinal")), "boxes": rng.choice(("typed", "w14", "delete")),
            "ticked": ticked, "officer": rng.random() < 0.6}


def _yes_no(paragraph: Paragraph, value: bool, how: str, fields: Fields) -> None:
    if how == "delete":
        struck_choice(paragraph, value, options=("YES", "NO"), how="delete")
        return
    for word, on in (("YES", value), ("  NO", not value)):
        paragraph.add_run(f"{word} ")
        if how == "w14":
            fields.control_checkbox(paragraph, on)
        else:
            paragraph.add_run("☒" if on else "☐")


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    fields = Fields()
    doc = Document()
    doc.add_heading("MARAC REFERRAL FORM", level=1)
    doc.add_paragraph("The MARAC is a regular meeting sharing information on high risk domestic abuse victims to "
                      "agree a safety plan. Refer adults (16+) living in the area at high risk from a partner, "
                      "ex-partner or family member. Upon completion send this form electronically to the MARAC "
                      "coordinator.")
    t = grid(doc, 2)
    row = t.add_row().cells
    inline(row[0], "DATE OF REFERRAL:", date_text(v["referral.referrer.date"], d))
    inline(row[1], "DATE OF DASH RIC:", date_text(v["dash.date"], d))
    row[1].paragraphs[0].add_run("   ")
    row[1].paragraphs[0].add_run("DASH RIC Score:").bold = True
    row[1].paragraphs[0].add_run(f" {v['referral.dash_score_stated']}")
    row = t.add_row().cells
    inline(row[0], "NAME AND ROLE OF PERSON COMPLETING REFERRAL:",
           f"{v['referral.referrer.name']}, {v['referral.referrer.role']}")
    inline(row[1], "CONTACT TELEPHONE NUMBER:", v["referral.referrer.phone"])
    row = t.add_row().cells
    inline(row[0], "AGENCY:", v["referral.referrer.agency"])
    inline(row[1], "EMAIL:", v["referral.referrer.email"])
    row = t.add_row().cells
    write(row[0], "HAS VICTIM CONSENTED TO BE DISCUSSED AT MARAC?", bold=True)
    _yes_no(row[1].paragraphs[0], bool(v["referral.consent"]), plan["boxes"], fields)
    row = t.add_row().cells
    inline(row[0], "IF NOT, WHY? :", v["referral.consent_override_reason"])
    inline(row[1], "DATE(S) OF LAST MARAC", "N/A")
    full_width_row(t, "REASON FOR REFERRAL", fill="BDD6EE")
    full_width_row(t, "Please TICK ONE of the below 3 options as your reason for considering this referral high risk",
                   fill=None, bold=False)
    for text, path in REASONS:
        row = t.add_row().cells
        write(row[0], text)
        write(row[1], "☒" if plan["ticked"] == path else "☐")
    full_width_row(t, "REPEAT CASES (already flagged as a MARAC case)", fill="BDD6EE")
    row = t.add_row().cells
    write(row[0], "REPEAT – referred to this MARAC in the last 12 months and a further incident since?")
    _yes_no(row[1].paragraphs[0], bool(v["referral.reasons.repeat"]), plan["boxes"], fields)

    doc.add_paragraph()
    p = grid(doc, 2)
    full_width_row(p, "VICTIM DETAILS", fill="BDD6EE")
    language = v["referral.victim.first_language"]
    for left, right in (
            (("NAME:", named(v["referral.victim.name"], v["referral.victim.aliases"])),
             ("DOB:", date_text(v["referral.victim.dob"], d))),
            (("ADDRESS:", v["referral.victim.address"]), ("SAFE CONTACT NUMBER:", v["referral.victim.phone"])),
            (("GENDER:", v["referral.victim.gender"]), ("ETHNICITY:", v["referral.victim.ethnicity"])),
            (("FIRST LANGUAGE:", language),
             ("INTERPRETER REQUIRED (LANGUAGE):", "No" if language == "English" else language)),
            (("GP:", v["referral.victim.gp"]), ("PREGNANT:", "YES" if v["referral.victim.pregnant"] else "NO"))):
        row = p.add_row().cells
        inline(row[0], *left)
        inline(row[1], *right)
    row = p.add_row().cells
    write(row[0], "IS THIS NUMBER SAFE TO CALL?", bold=True)
    _yes_no(row[1].paragraphs[0], bool(v["referral.victim.safe_to_call"]), plan["boxes"], fields)

    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        full_width_row(p, "PERPETRATOR DETAILS", fill="BDD6EE")
        for left, right in ((("NAME:", v[f"{q}.name"]), ("DOB:", date_text(v[f"{q}.dob"], d))),
                            (("ALIAS:", ", ".join(v[f"{q}.aliases"]) or "N/A"),
                             ("RELATIONSHIP TO VICTIM:", v[f"{q}.relationship_to_victim"])),
                            (("ADDRESS:", v[f"{q}.address"]), ("ETHNICITY:", v[f"{q}.ethnicity"]))):
            row = p.add_row().cells
            inline(row[0], *left)
            inline(row[1], *right)

    doc.add_paragraph()
    kids = grid(doc, 4)
    full_width_row(kids, "CHILDREN", fill="BDD6EE")
    for cell, text in zip(kids.add_row().cells, ("NAME", "DOB", "SCHOOL", "LIVES WITH VICTIM? (Y/N)")):
        write(cell, text, bold=True)
    for i in range(max(CHILD_ROWS, case.children)):
        cells = kids.add_row().cells
        c = f"referral.children.{i}"
        if i < case.children:
            texts = (v[f"{c}.name"], date_text(v[f"{c}.dob"], d), v[f"{c}.school"],
                     "Y" if v[f"{c}.lives_with_victim"] else "N")
        else:
            texts = ("N/A",) if i == 0 else ()
        for cell, text in zip(cells, texts):
            write(cell, text)

    doc.add_paragraph()
    r = grid(doc, 1)
    inline(r.add_row().cells[0], "SUMMARY OF RISKS / MOST RECENT INCIDENT:", v["referral.risks_summary"])
    inline(r.add_row().cells[0], "CRIME REFERENCE NUMBER:", v["referral.crime_reference"])
    inline(r.add_row().cells[0], "OFFICER IN CASE:",
           v["referral.police.officer_in_charge"] if plan["officer"] else "Not known")
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    plan = _plan(case)
    v = case.values
    found = take(v, ["referral.referrer.date", "referral.dash_score_stated", "referral.referrer.name",
                     "referral.referrer.role", "referral.referrer.phone", "referral.referrer.agency",
                     "referral.referrer.email", "referral.consent", "referral.consent_override_reason",
                     "referral.reasons.repeat", "referral.victim.name", "referral.victim.aliases",
                     "referral.victim.dob", "referral.victim.address", "referral.victim.postcode",
                     "referral.victim.phone", "referral.victim.gender", "referral.victim.ethnicity",
                     "referral.victim.first_language", "referral.victim.interpreter_language", "referral.victim.gp",
                     "referral.victim.pregnant", "referral.victim.safe_to_call", "referral.risks_summary",
                     "referral.crime_reference"])
    # The referral form states the DASH date; with no checklist in the file it is the referral's statement
    # (a referral's own DASH boxes are no checklist), joined into dash.date with the checklist file.
    found["referral.dash_date_stated"] = v["dash.date"]
    found["referral.previous_marac"] = None  # "N/A"
    found["referral.police.officer_in_charge"] = v["referral.police.officer_in_charge"] if plan["officer"] else None
    if plan["ticked"]:
        found[plan["ticked"]] = True
    for i in range(case.perpetrators):
        for k in ("name", "dob", "aliases", "relationship_to_victim", "address", "ethnicity"):
            found[f"referral.perpetrators.{i}.{k}"] = v[f"referral.perpetrators.{i}.{k}"]
    for i in range(case.children):
        for k in ("name", "dob", "school", "lives_with_victim"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    return found


FORMS = [AreaForm("wolverhampton-referral", "Wolverhampton", SOURCE, "referral", build, expected)]
