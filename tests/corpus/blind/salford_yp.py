"""Salford Young Persons Domestic Abuse meeting referral (young people's version of the Marac referral): asterisked
labels, "THE VICTIM:" / "THE PERSON WHO HARMS:" headings, "Yes/No (delete as appropriate)", a children table whose
"Relationship to person who harms" column comes BEFORE "Relationship to victim".

Follows the published Salford form (RESTRICTED WHEN COMPLETED, "YOUNG PEOPLE'S VERSION"; stored copy: fdocuments.net,
see SOURCE). Taken from it: the marking and title, a paraphrase of the note on top (boxes marked with * must be
completed; Word format only; file named SURNAME Forename date), "Date of referral*", "Referring agency*", "Contact
name(s)*", "Telephone / Email*", "Date of most recent DV incident*", "THE VICTIM:" with "Victim name*" / "DOB*",
"Other names" / "School / College / Place of work", "Address*" / "Diversity Data (if known) B&ME Disabled LGBT
Gender M / F", "If the above address is temporary, please give details of the victim's last permanent address",
"Telephone number*" / "Is this number safe to call?* Yes/No (delete as appropriate)", "Please insert any relevant
contact information e.g. times to call", "GP Details (if known)", "THE PERSON WHO HARMS:", the children columns
"Sex*", "Relationship to person who harms*", "Relationship to victim*", "Address *", "School", and the heading
"Reason for Referral / Additional Information". The stored text shows only the headings of the person-who-harms
and reason sections: they are laid out here in the same style, the person who harms with the victim's own labels
(Name*, DOB*, Other names, Address*, Relationship to victim*), the reasons as the four Marac criteria answered
"Yes/No (delete as appropriate)", then plain awareness, consent and risk rows.

Filled per seed: the victim is 16 or 17 (the form is for young people), so the children listed are her younger
brothers and sisters, not related to the person who harms ("Not related"); "Telephone / Email" typed as one cell;
the Yes/No answers deleted down to one word, or with the other word struck through; diversity boxes ticked with a
typed ☒ or a Word check box and the gender's other letter deleted; "Other names" left blank or holding an alias; a
second person who harms in a copied box on seed 2; the people who harm aged 17 to 22; no children rows but "None" on seed 3.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from docx import Document
from docx.table import Table

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import struck_choice
from tests.corpus.areas.styles import date_text
from tests.corpus.blind._kit import young_dob
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.heldout._kit import grid, label, rng_for, save

SOURCE = ("Salford Safeguarding Children, 'Salford Young Persons Domestic Abuse meeting' referral form (RESTRICTED WHEN "
          "COMPLETED, YOUNG PEOPLE'S VERSION: THE VICTIM / THE PERSON WHO HARMS; children columns Sex*, Relationship to "
          "person who harms*, Relationship to victim*, Address*, School; Reason for Referral / Additional "
          "Information); stored copy: https://fdocuments.net/document/web-view-sex-relationship-to-person-who-harms-"
          "relationship-to-victim-address.html (safeguardingchildren.salford.gov.uk)")

REASONS = (("Visible high risk (14 or more ticks on the Young People's checklist)", "referral.reasons.visible_high_risk"),
           ("Professional judgement", "referral.reasons.professional_judgement"),
           ("Potential escalation", "referral.reasons.potential_escalation"),
           ("Repeat (further incident within twelve months of the last referral)", "referral.reasons.repeat"))
FILL = "DBE5F1"


def _plan(case: Case) -> dict[str, Any]:
    rng = rng_for(case, 41)
    return {"date": ("dd/mm/yyyy", "d.m.yy", "ordinal")[case.seed % 3], "delete": rng.choice(("delete", "strike")),
            "box": ("☒", "w14")[case.seed % 2], "dob": young_dob(case),
            "incident": rng.choice(("28/10/2026", "30.10.26", "1st November 2026"))}


def _harm_dob(case: Case, i: int) -> str:
    """The person who harms a 16-year-old is usually young too: 17 to 22 (seeded)."""
    rng = rng_for(case, 43 + i)
    return (dt.date(2026, 11, 2) - dt.timedelta(days=rng.randint(17 * 365 + 30, 22 * 365))).isoformat()


def _sibling(gender: str) -> str:
    return "Brother" if gender == "Male" else "Sister"


def _row4(table: Table, left: tuple[str, str], right: tuple[str, str] | None = None) -> None:
    cells = table.add_row().cells
    label(cells[0], left[0], fill=FILL)
    write(cells[1], left[1])
    if right is None:
        cells[1].merge(cells[3])
        return
    label(cells[2], right[0], fill=FILL)
    write(cells[3], right[1])


def _yes_no(table: Table, text: str, value: bool, how: str) -> None:
    cells = table.add_row().cells
    label(cells[0], text, fill=FILL)
    target = cells[1].merge(cells[3])
    struck_choice(target.paragraphs[0], value, options=("Yes", "No"), how=how)
    target.paragraphs[0].add_run("   (delete as appropriate)").italic = True


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    fields = Fields()
    doc = Document()
    doc.add_paragraph().add_run("YOUNG PEOPLE'S VERSION").bold = True
    doc.add_paragraph().add_run("RESTRICTED WHEN COMPLETED").bold = True
    doc.add_heading("Salford Young Persons Domestic Abuse meeting", level=1)
    doc.add_paragraph("Referrals are uploaded to the meeting's SharePoint site. Boxes marked with * must be completed, "
                      "or the referral is withdrawn. Only Word documents are accepted, named SURNAME Forename and the "
                      "referral date, e.g. EXAMPLE Anna 01022026. Where a question does not apply, say so.")

    top = grid(doc, 4)
    _row4(top, ("Date of referral*", date_text(v["referral.referrer.date"], d)),
          ("Date of most recent DV incident*", plan["incident"]))
    _row4(top, ("Referring agency*", v["referral.referrer.agency"]))
    _row4(top, ("Contact name(s)*", v["referral.referrer.name"]))
    _row4(top, ("Telephone / Email*", f"{v['referral.referrer.phone']} / {v['referral.referrer.email']}"))

    doc.add_paragraph()
    vic = grid(doc, 4)
    full_width_row(vic, "THE VICTIM:", fill="B8CCE4")
    _row4(vic, ("Victim name*", v["referral.victim.name"]), ("DOB*", date_text(plan["dob"], d)))
    _row4(vic, ("Other names", ", ".join(v["referral.victim.aliases"])),
          ("School / College / Place of work", "Hillside Sixth Form College"))
    cells = vic.add_row().cells
    label(cells[0], "Address*", fill=FILL)
    write(cells[1], v["referral.victim.address"])
    label(cells[2], "Diversity Data (if known)", fill=FILL)
    paragraph = cells[3].paragraphs[0]
    for word, on in (("B&ME", v["referral.victim.bme"]), ("Disabled", v["referral.victim.disabled"]),
                     ("LGBT", v["referral.victim.lgbt"])):
        paragraph.add_run(f"{word} ")
        if plan["box"] == "w14":
            fields.control_checkbox(paragraph, bool(on))
        else:
            paragraph.add_run("☒" if on else "☐")
        paragraph.add_run("  ")
    gender = cells[3].add_paragraph()
    gender.add_run("Gender ")
    struck_choice(gender, True, options=("F", "M"), how=plan["delete"])
    _row4(vic, ("If the above address is temporary, please give details of the victim's last permanent address", "N/A"))
    _row4(vic, ("Telephone number*", v["referral.victim.phone"]), ("Is this number safe to call?*", ""))
    cell = vic.rows[-1].cells[3]
    struck_choice(cell.paragraphs[0], bool(v["referral.victim.safe_to_call"]), options=("Yes", "No"),
                  how=plan["delete"])
    cell.paragraphs[0].add_run(" (delete as appropriate)").italic = True
    _row4(vic, ("Please insert any relevant contact information e.g. times to call", v["referral.victim.contact_notes"]))
    _row4(vic, ("GP Details (if known)", v["referral.victim.gp"]))

    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        doc.add_paragraph()
        harm = grid(doc, 4)
        full_width_row(harm, "THE PERSON WHO HARMS:", fill="B8CCE4")
        _row4(harm, ("Name*", v[f"{q}.name"]), ("DOB*", date_text(_harm_dob(case, i), d)))
        _row4(harm, ("Other names", ", ".join(v[f"{q}.aliases"])), ("Relationship to victim*", _harm_relationship(case, i)))
        _row4(harm, ("Address*", v[f"{q}.address"]))

    doc.add_paragraph()
    heads = ("Name*", "DOB*", "Sex*", "Relationship to person who harms*", "Relationship to victim*", "Address *",
             "School")
    kids = grid(doc, len(heads))
    full_width_row(kids, "Children (please add extra rows if necessary)", fill="B8CCE4")
    for cell, text in zip(kids.add_row().cells, heads):
        label(cell, text, fill=FILL)
    rows = []
    for i in range(case.children):
        c = f"referral.children.{i}"
        rows.append((v[f"{c}.name"], date_text(v[f"{c}.dob"], d), v[f"{c}.gender"][0], "Not related",
                     _sibling(v[f"{c}.gender"]), "Same as victim", v[f"{c}.school"]))
    if not rows:
        rows.append(("None",) + ("",) * 6)
    for texts in rows + [("",) * 7] * max(0, 2 - len(rows)):
        for cell, text in zip(kids.add_row().cells, texts):
            write(cell, text)

    doc.add_paragraph()
    why = grid(doc, 4)
    full_width_row(why, "Reason for Referral / Additional Information", fill="B8CCE4")
    for text, path in REASONS:
        _yes_no(why, text, bool(v[path]), plan["delete"])
    _row4(why, ("Young People's checklist score", str(v["referral.dash_score_stated"])))
    _yes_no(why, "Is the victim aware of the referral?*", bool(v["referral.victim_aware"]), plan["delete"])
    _yes_no(why, "Has consent been given?*", bool(v["referral.consent"]), plan["delete"])
    _row4(why, ("Who is the victim afraid of?", v["referral.afraid_of"]))
    _row4(why, ("Summary of the current risks*", v["referral.risks_summary"]))
    return save(doc)


def _harm_relationship(case: Case, i: int) -> str:
    """A 16-year-old's person who harms: a boyfriend or ex-boyfriend; a second one is his friend."""
    return ("Boyfriend", "Ex-boyfriend")[case.seed % 2] if i == 0 else "Boyfriend's friend"


def expected(case: Case) -> dict[str, Any]:
    plan = _plan(case)
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.date", "referral.referrer.agency", "referral.referrer.name", "referral.referrer.phone",
        "referral.referrer.email", "referral.victim.name", "referral.victim.aliases", "referral.victim.address",
        "referral.victim.postcode", "referral.victim.bme", "referral.victim.disabled", "referral.victim.lgbt",
        "referral.victim.phone", "referral.victim.safe_to_call", "referral.victim.contact_notes", "referral.victim.gp",
        "referral.dash_score_stated", "referral.victim_aware", "referral.consent", "referral.afraid_of",
        "referral.risks_summary") + tuple(path for _, path in REASONS)}
    found["referral.victim.dob"] = plan["dob"]
    found["referral.victim.gender"] = "Female"
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        for k in ("name", "aliases", "address"):
            found[f"{q}.{k}"] = v[f"{q}.{k}"]
        found[f"{q}.dob"] = _harm_dob(case, i)
        found[f"{q}.relationship_to_victim"] = _harm_relationship(case, i)
    for i in range(case.children):
        c = f"referral.children.{i}"
        for k in ("name", "dob", "gender", "school"):
            found[f"{c}.{k}"] = v[f"{c}.{k}"]
        found[f"{c}.relationship_to_perpetrator"] = "Not related"
        found[f"{c}.relationship_to_victim"] = _sibling(v[f"{c}.gender"])
    if case.children == 0:
        found["referral.children"] = []
    return found


FORMS = [AreaForm("salford-yp-referral", "Salford", SOURCE, "referral", build, expected)]
