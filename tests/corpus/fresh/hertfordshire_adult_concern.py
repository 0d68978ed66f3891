"""Hertfordshire safeguarding adult concern form used for a domestic abuse concern: the victim is "the adult at risk"
and "the service user", the perpetrator one of "the people involved in the incident", the title chosen by deleting
the others from a printed "Mr/Mrs/Ms", three telephone numbers in a row of boxes (hers, her other address's, her
GP's), "Yes or No?" printed in the answer box and overtyped, tick grids for the type of abuse and the adult's
vulnerabilities, and the police reference as a "Police URN".

Follows the published "Hertfordshire safeguarding adult concern form" (Part two, appendix one, for professionals;
stored copy: docsbay.net, see SOURCE). Taken from it: the title; "Personal details of adult at risk" with "Name:",
"Mr/Mrs/Ms", "Dob:", "Gender:", "Current Address:", "Tel no:", "Home address (if different):", "Tel no:", "GP:",
"Tel no:", "NHS no (if known):", "Police URN:", "Other ref no:", "Ethnic origin:", "preferred language/communication
needs?"; "Date alleged abuse took place:", "Time (if known):", "Where did the abuse happen:"; "What type of abuse is
suspected? Please check all appropriate" with its ten types; "Please provide a brief, factual summary of the concerns
leading to the referral. This should include what harm/injury or potential harm was caused?"; "Is anyone else at
risk of harm? Please state"; "Vulnerability of the adult at risk" with its eight kinds; "Confidentiality and
consent" with "Has this referral been discussed with the service user? Yes or No?", "Has the service user given
permission to share the concerns with appropriate others Yes or No?", "If the answer either/both of the above
questions is No, please state the reasons for proceeding without consent?", "What are the service user's views and
what outcome do they expect?", "Does the service user have mental capacity to be involved in the enquiry and
protection plan? Yes/no/unknown"; "Details of the people involved in the incident" with "Name:", "DOB:",
"Address:", "Occupation:", "Relationship to service user?"; "Immediate actions"; "Protection plan"; "Please indicate
other agencies alerted". The stored text stops there; the referrer's own details are laid out after it with plain
labels.

Filled per seed: "Mr/Mrs/Ms" left with the one that applies ("Mrs") or with the others struck through; "Yes or No?"
overtyped with the answer, or the answer typed after it ("Yes or No? No"); the abuse types and vulnerabilities
ticked with ☒ or Word check boxes; a second person involved (seed 2) in a copy of the box; the adult's other
address "N/A"; dates dd/mm/yyyy or d.m.yy.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table, _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.fresh3._kit import expect_each
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import title_for

SOURCE = ("Hertfordshire, 'Hertfordshire safeguarding adult concern form' (professionals; Personal details of adult at "
          "risk, Mr/Mrs/Ms, Police URN, type of abuse incl. Domestic Abuse, Confidentiality and consent 'Yes or No?', "
          "Details of the people involved in the incident); stored copy: "
          "https://docsbay.net/hertfordshire-safeguarding-adult-concern-form-professionals")

FILL = "DEEAF6"
ABUSE_TYPES = [("Neglect/acts of omission", False), ("Sexual", False), ("Self-neglect", False),
               ("Modern Slavery", False), ("Domestic Abuse", True), ("Discriminatory (including hate crime)", False),
               ("Psychological/emotional", True), ("Physical", True), ("Financial/Material", False),
               ("Organisational", False)]


def _plan(case: Case) -> dict[str, Any]:
    return {"date": ("dd/mm/yyyy", "d.m.yy", "dd/mm/yyyy")[case.seed % 3], "title": ("keep", "strike")[case.seed % 2],
            "yn": ("overtype", "after")[case.seed % 2], "tick": ("☒", "w14", "☒")[case.seed % 3]}


def _title(cell: _Cell, chosen: str, how: str) -> None:
    paragraph = cell.paragraphs[0]
    if how == "keep":
        paragraph.add_run(chosen)
        return
    for index, option in enumerate(("Mr", "Mrs", "Ms")):
        if index:
            paragraph.add_run("/")
        paragraph.add_run(option).font.strike = option != chosen


def _yn(cell: _Cell, value: bool, how: str) -> None:
    word = "Yes" if value else "No"
    write(cell, word if how == "overtype" else f"Yes or No? {word}")


def _pairs(t: Table, pairs: list[tuple[str, str | None]]) -> None:
    cells = t.add_row().cells
    for index, (text, value) in enumerate(pairs):
        label(cells[index * 2], text, fill=FILL)
        write(cells[index * 2 + 1], value or "")
    if len(pairs) == 1:
        cells[1].merge(cells[3])


def _ticks(t: Table, items: list[tuple[str, bool]], style: str, fields: Fields) -> None:
    for start in range(0, len(items), 2):
        cells = t.add_row().cells
        for index, (text, on) in enumerate(items[start:start + 2]):
            write(cells[index * 2], text)
            box(cells[index * 2 + 1].paragraphs[0], on, style, fields)


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    fields = Fields()
    doc = Document()
    doc.add_paragraph().add_run("Part two – appendix one").italic = True
    doc.add_heading("Hertfordshire safeguarding adult concern form", level=1)

    t = grid(doc, 4)
    full_width_row(t, "Personal details of adult at risk", fill="9DC3E6")
    cells = t.add_row().cells
    label(cells[0], "Name:", fill=FILL)
    write(cells[1], v["referral.victim.name"])
    label(cells[2], "Mr/Mrs/Ms", fill=FILL)
    _title(cells[3], title_for("Female", case.seed), plan["title"])
    _pairs(t, [("Dob:", date_text(v["referral.victim.dob"], d)), ("Gender:", "Female")])
    _pairs(t, [("Current Address:", v["referral.victim.address"])])
    _pairs(t, [("Tel no:", v["referral.victim.phone"]), ("Home address (if different):", "N/A")])
    _pairs(t, [("Tel no:", ""), ("GP:", v["referral.victim.gp"])])
    _pairs(t, [("Tel no:", "0117 496 0500"), ("NHS no (if known):", "485 777 3456")])
    _pairs(t, [("Police URN:", v["referral.crime_reference"]), ("Other ref no:", "")])
    _pairs(t, [("Ethnic origin:", v["referral.victim.ethnicity"]),
                ("preferred language/communication needs?", v["referral.victim.first_language"])])
    _pairs(t, [("Date alleged abuse took place:", date_text("2026-10-25", d)), ("Time (if known):", "About 23:00")])
    _pairs(t, [("Where did the abuse happen:", "At her home address")])

    doc.add_paragraph()
    a = grid(doc, 4)
    full_width_row(a, "What type of abuse is suspected? Please check all appropriate", fill="9DC3E6")
    _ticks(a, ABUSE_TYPES, plan["tick"], fields)
    cells = a.add_row().cells
    merged = cells[0].merge(cells[3])
    merged.paragraphs[0].add_run("Please provide a brief, factual summary of the concerns leading to the referral. "
                                 "This should include what harm/injury or potential harm was caused?").bold = True
    merged.add_paragraph(v["referral.risks_summary"])
    cells = a.add_row().cells
    label(cells[0], "Is anyone else at risk of harm? Please state", fill=FILL)
    write(cells[1].merge(cells[3]), _other_at_risk(case))

    doc.add_paragraph()
    vul = grid(doc, 4)
    full_width_row(vul, "Vulnerability of the adult at risk", fill="9DC3E6")
    _ticks(vul, [("Physical disability", bool(v["referral.victim.disabled"])), ("Dementia", False),
                 ("Learning disability", False), ("Sensory impairment", False),
                 ("Mental health", bool(v["referral.victim.mental_health"])),
                 ("Older person, frailty, temp illness", False),
                 ("Substance misuse", bool(v["referral.victim.substance_misuse"])), ("Terminal illness", False)],
           plan["tick"], fields)

    doc.add_paragraph()
    c = grid(doc, 4)
    full_width_row(c, "Confidentiality and consent", fill="9DC3E6")
    cells = c.add_row().cells
    label(cells[0], "Has this referral been discussed with the service user?", fill=FILL)
    _yn(cells[1], bool(v["referral.victim_aware"]), plan["yn"])
    label(cells[2], "Has the service user given permission to share the concerns with appropriate others", fill=FILL)
    _yn(cells[3], bool(v["referral.consent"]), plan["yn"])
    cells = c.add_row().cells
    label(cells[0], "If the answer either/both of the above questions is No, please state the reasons for proceeding "
                    "without consent?", fill=FILL)
    write(cells[1].merge(cells[3]), v["referral.consent_override_reason"] or "")
    cells = c.add_row().cells
    label(cells[0], "What are the service user's views and what outcome do they expect?", fill=FILL)
    write(cells[1].merge(cells[3]), v["referral.victim_wishes"])
    cells = c.add_row().cells
    label(cells[0], "Does the service user have mental capacity to be involved in the enquiry and protection plan? "
                    "Yes/no/unknown", fill=FILL)
    write(cells[1].merge(cells[3]), "Yes")

    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        doc.add_paragraph()
        p = grid(doc, 4)
        full_width_row(p, "Details of the people involved in the incident", fill="9DC3E6")
        _pairs(p, [("Name:", v[f"{q}.name"]), ("DOB:", date_text(v[f"{q}.dob"], d))])
        _pairs(p, [("Address:", v[f"{q}.address"]), ("Occupation:", v[f"{q}.occupation"])])
        _pairs(p, [("Relationship to service user?", v[f"{q}.relationship_to_victim"])])

    doc.add_paragraph()
    e = grid(doc, 2)
    for text, value in (("Immediate actions", "Police called; she is staying with her sister tonight"),
                        ("Protection plan", "Referral to the IDVA service and MARAC; locks changed"),
                        ("Please indicate other agencies alerted", "Police, Children's Services")):
        cells = e.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value)

    doc.add_paragraph()
    r = grid(doc, 4)
    full_width_row(r, "Details of person raising the concern", fill="9DC3E6")
    _pairs(r, [("Name:", v["referral.referrer.name"]), ("Job title:", v["referral.referrer.role"])])
    _pairs(r, [("Organisation:", v["referral.referrer.agency"]), ("Tel no:", v["referral.referrer.phone"])])
    _pairs(r, [("Email:", v["referral.referrer.email"]), ("Date:", date_text(v["referral.referrer.date"], d))])
    return save(doc)


def _other_at_risk(case: Case) -> str:
    if not case.children:
        return "No"
    names = ", ".join(case[f"referral.children.{i}.name"].split(" ")[0] for i in range(case.children))
    return f"Her children ({names}) live with her"


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.victim.name", "referral.victim.dob", "referral.victim.address", "referral.victim.postcode",
        "referral.victim.phone", "referral.victim.gp", "referral.victim.ethnicity", "referral.victim.first_language",
        "referral.crime_reference", "referral.risks_summary", "referral.victim_aware", "referral.consent",
        "referral.consent_override_reason", "referral.victim_wishes", "referral.victim.disabled",
        "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency", "referral.referrer.phone",
        "referral.referrer.email", "referral.referrer.date")}
    found["referral.victim.gender"] = "Female"
    found["referral.other_at_risk"] = _other_at_risk(case) if case.children else None
    expect_each(found, case, "perpetrators", ("name", "dob", "address", "occupation", "relationship_to_victim"))
    return found


FORMS = [AreaForm("hertfordshire-adult-concern", "Hertfordshire", SOURCE, "referral", build, expected)]
