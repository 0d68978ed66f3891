"""Stockport Without Abuse refuge referral: a domestic abuse referral (not a Marac form) laid out as boxes, each
holding its printed label and the referrer's answer typed after it ("Name: …", "Date: …"), the victim addressed
as "you", the perpetrator as "the abuser", and the same label "Date of birth:" used for both.

Follows the published "Stockport Without Abuse – Referral Form" (stored copy: docsbay.net, see SOURCE). Taken
from it: the title, a paraphrase of the note read out to the applicant, "Personal Information" with the boxes
"Name:" / "Date:", "Date of birth:" / "National Insurance number:" (with the note that it is compulsory for
applicants born outside the UK), "Ethnicity:" / "Tel:", "*Safe to contact?:", "Do you consider yourself to have a
disability? If so, please provide details:", "Next of Kin:", "Referring Agency:", "Contact name:" / "Number:",
"Reason for referral (current situation which has prompted the referral):", "Name of abuser:" / "Date of birth:",
"Relationship to abuser:", "What type of Abuse have you experienced?", "Length of relationship:" / "When abuse
started:", "Safety Issues" with four Yes / No questions, the "please tick one box" choice about contacting the
police, "As a referring agency, will you be providing any support …", "Current address you are fleeing:" / "Date
left previous address:", "Salary/ Income" with "Do you work? If yes, part-time or full time?" / "Place of
employment:". The stored text stops there; the children the applicant brings are laid out after it in the same
style as a small plain table (Name / Date of birth / Boy or girl).

Filled per seed: the referral date in the "Date:" box beside the applicant's name; the next of kin a different
invented person with a phone number (not the victim's); "Safe to contact?" typed as a yes/no word, sometimes with
a time after it; two abusers typed in one box as "1) … 2) …" (with their dates of birth and relationships the same
way) on seed 2; Safety Issues ticked with typed ☒, Word check boxes or legacy check boxes; the address fleeing
being the victim's own current address.
"""
from __future__ import annotations

from typing import Any

from docx import Document

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text, yes_no_text
from tests.corpus.blind._kit import inline, inline_cells, numbered
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.heldout._kit import grid, label, rng_for, save
from tests.corpus.unseen._kit import ticks

SOURCE = ("Stockport Without Abuse, 'Stockport Without Abuse – Referral Form' (refuge referral: Personal Information; "
          "Referring Agency / Contact name / Number; Name of abuser / Date of birth / Relationship to abuser; Safety "
          "Issues; Current address you are fleeing); stored copy: https://docsbay.net/doc/598191/referral-risk-"
          "assesment-for; service page: domesticabusestockport.co.uk 'Practitioners section'")


def _plan(case: Case) -> dict[str, Any]:
    rng = rng_for(case, 53)
    return {"date": ("d/m/yyyy", "dd.mm.yyyy", "d month yyyy")[case.seed % 3],
            "yes_no": rng.choice(("Yes/No", "Y/N", "YES/NO")), "tick": ("☒", "w14", "formcheckbox")[case.seed % 3],
            "time_after": rng.random() < 0.5, "left": rng.choice(("29/10/2026", "30.10.2026", "31st October 2026"))}


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    fields = Fields()
    doc = Document()
    doc.add_heading("Stockport Without Abuse – Referral Form", level=1)
    doc.add_paragraph().add_run("(Read out to applicant) If you tell us you are worried about the welfare of yourself, "
                                "another person or a child, we must tell the relevant agency so they can keep them "
                                "safe.").italic = True

    t = grid(doc, 2)
    full_width_row(t, "Personal Information", fill="D9D9D9")
    inline_cells(t, [("Name:", v["referral.victim.name"]), ("Date:", date_text(v["referral.referrer.date"], d))])
    inline_cells(t, [("Date of birth:", date_text(v["referral.victim.dob"], d)),
                     ("National Insurance number:", "QQ 12 34 56 C")])
    note = t.add_row().cells
    note[0].merge(note[1]).paragraphs[0].add_run("*Compulsory for applicants born outside the UK").italic = True
    inline_cells(t, [("Ethnicity:", v["referral.victim.ethnicity"]), ("Tel:", v["referral.victim.phone"])])
    safe = yes_no_text(bool(v["referral.victim.safe_to_call"]), plan["yes_no"])
    if plan["time_after"] and v["referral.victim.safe_to_call"]:
        safe += " – after 6pm"
    cells = inline_cells(t, [("*Safe to contact?:", safe), ("", None)])
    cells[0].merge(cells[1])
    disability = "Yes – hearing impairment, uses a hearing aid" if v["referral.victim.disabled"] else "No"
    cells = inline_cells(t, [("Do you consider yourself to have a disability? If so, please provide details:",
                              disability), ("", None)])
    cells[0].merge(cells[1])
    cells = inline_cells(t, [("Next of Kin:", "Sister – Ruth Example, 07700 900777"), ("", None)])
    cells[0].merge(cells[1])
    cells = inline_cells(t, [("Referring Agency:", v["referral.referrer.agency"]), ("", None)])
    cells[0].merge(cells[1])
    inline_cells(t, [("Contact name:", v["referral.referrer.name"]), ("Number:", v["referral.referrer.phone"])])
    cells = t.add_row().cells
    merged = cells[0].merge(cells[1])
    inline(merged, "Reason for referral (current situation which has prompted the referral):",
           v["referral.risks_summary"], below=True)

    perps = [f"referral.perpetrators.{i}" for i in range(case.perpetrators)]
    inline_cells(t, [("Name of abuser:", numbered([v[f"{q}.name"] for q in perps])),
                     ("Date of birth:", numbered([date_text(v[f"{q}.dob"], d) for q in perps]))])
    cells = inline_cells(t, [("Relationship to abuser:", numbered([v[f"{q}.relationship_to_victim"] for q in perps])),
                             ("", None)])
    cells[0].merge(cells[1])
    cells = inline_cells(t, [("What type of Abuse have you experienced?", "Physical, emotional and financial"),
                             ("", None)])
    cells[0].merge(cells[1])
    inline_cells(t, [("Length of relationship:", "6 years"), ("When abuse started:", "About 2 years ago")])

    doc.add_paragraph()
    s = grid(doc, 2)
    full_width_row(s, "Safety Issues", fill="D9D9D9")
    for question, answer in (("Are you currently at risk from the abuser?", True),
                             ("Does the abuser live at the above address with you?", False),
                             ("Does he/she know your address?", True),
                             ("Has he/she been to your present address?", True)):
        cells = s.add_row().cells
        write(cells[0], question)
        ticks(cells[1].paragraphs[0], answer, plan["tick"], fields)
    cells = s.add_row().cells
    merged = cells[0].merge(cells[1])
    merged.paragraphs[0].add_run("If we cannot reach you after several attempts we may ask the police to check on your "
                                 "welfare. Please tick one box.")
    for text, on in (("Contact police in event of no contact", True),
                     ("Do not contact police in event of no contact", False)):
        paragraph = merged.add_paragraph()
        box(paragraph, on, plan["tick"], fields)
        paragraph.add_run(f" {text}")
    cells = s.add_row().cells
    merged = cells[0].merge(cells[1])
    inline(merged, "As a referring agency, will you be providing any support whilst this woman/ family are "
                   "accommodated at SWA?", "Yes – weekly contact from the referrer")
    inline_cells(s, [("Current address you are fleeing:", v["referral.victim.address"]),
                     ("Date left previous address:", plan["left"])])

    doc.add_paragraph()
    w = grid(doc, 2)
    full_width_row(w, "Salary/ Income", fill="D9D9D9")
    inline_cells(w, [("Do you work? If yes, part-time or full time?",
                      "No" if v["referral.victim.occupation"] in ("Unemployed", "Student") else "Yes, part-time"),
                     ("Place of employment:", "N/A" if v["referral.victim.occupation"] in ("Unemployed", "Student")
                      else "Canal Street Care Home")])

    doc.add_paragraph()
    kids = grid(doc, 3)
    full_width_row(kids, "Children coming with you", fill="D9D9D9")
    for cell, text in zip(kids.add_row().cells, ("Name", "Date of birth", "Boy or girl")):
        label(cell, text, fill=None)
    for i in range(case.children):
        c = f"referral.children.{i}"
        for cell, text in zip(kids.add_row().cells, (v[f"{c}.name"], date_text(v[f"{c}.dob"], d),
                                                     "Boy" if v[f"{c}.gender"] == "Male" else "Girl")):
            write(cell, text)
    if not case.children:
        for cell, text in zip(kids.add_row().cells, ("No children", "", "")):
            write(cell, text)
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.victim.name", "referral.referrer.date", "referral.victim.dob", "referral.victim.ethnicity",
        "referral.victim.phone", "referral.victim.safe_to_call", "referral.victim.disabled", "referral.referrer.agency",
        "referral.referrer.name", "referral.referrer.phone", "referral.risks_summary", "referral.victim.address",
        "referral.victim.postcode")}
    for i in range(case.perpetrators):
        for k in ("name", "dob", "relationship_to_victim"):
            found[f"referral.perpetrators.{i}.{k}"] = v[f"referral.perpetrators.{i}.{k}"]
    for i in range(case.children):
        for k in ("name", "dob", "gender"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    if not case.children:
        found["referral.children"] = []
    return found


FORMS = [AreaForm("stockport-swa-referral", "Stockport", SOURCE, "referral", build, expected)]
