"""A children's "MASH form v5" (the stored copy names no area), used for a domestic abuse case: a Word form built of
DROP-DOWN content controls ("Choose an item." wherever nothing was chosen: status, ethnicity, gender, religion,
school, relationship to child), ONE child in "Section 1 - About the Child" (First Name / Last Name, Address and
Post Code in separate boxes, "Date of Birth or Expected Delivery Date [DD/MM/YYYY]", "Status" Born / Unborn), every
other person, brothers and sisters, the mother (the victim) and the man she is afraid of, as rows of ONE family table
in "Section 2 - Details of the family … (including perpetrator if applicable)" whose only pointer to who is who is the
"Relationship to Child" drop-down, with address and telephone in one cell and "DoB/est. DoB/Age"; and the referrer
last, in "Section 3 - About You" (First Name / Last Name / Name of Organisation / Job Title …).

Follows the published form (stored copy: paperzz.com 'MASH form v5', see SOURCE). Taken from it: "STOP: IF YOU
BELIEVE A CHILD IS AT IMMEDIATE RISK OF HARM CALL 999 NOW", "Section 1 - About the Child", "First Name", "Last
Name", "Address", "Post Code", "Date of Birth or Expected Delivery Date", "[DD/MM/YYYY]", "If Unknown, please
Estimate the Child's Age", "Gender", "Status:", "Ethnicity:", "If Other, Please State Here:", "Any Disabilities?",
"Religion", "GP", "Is an Interpreter Required?", "School Attended", "If you have selected other for School, please
State Here:", "Unique Pupil Number (UPN):", "NHS Number:", "Section 2 - Details of the family - Father/Mother/other
siblings or family members and/or significant others/adults (including perpetrator if applicable)" with its columns
"First Name / Last Name / DoB/est. DoB/Age / Ethnicity / Gender / Address and Telephone Number / Relationship to
Child / School and/or GP", "Section 3 - About You" with "First Name / Last Name / Name of Organisation / Job Title /
Email Address / Telephone Number / Relationship to the Child/Your agency's Role or Service Provided / Contact
Address", and "Section 4 - Details of Professionals involved with the Child or Family". The stored text stops there;
"Section 5 - Reason for referral" is laid out after it with plain labels. The drop-downs' lists were not in the
stored text (only "Choose an item."): their items here are plain ones.

Filled per seed: dates "dd/mm/yyyy" as asked (seed 1), "d/m/yyyy" (seed 2) or "dd.mm.yy" typed over the prompt
(seed 3); the adults' "DoB/est. DoB/Age" as the date with the age after it "(35)" (seeds 1, 3) or the date alone;
the family table's unused rows left with their "Choose an item." drop-downs; the case without children (seed 3)
refers the unborn baby (First Name "Unborn", Status "Unborn", the due date as Expected Delivery Date).
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import dropdown
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.fresh2._kit import to_child
from tests.corpus.fresh3._kit import due_date, expect_each, expect_unborn, short_date
from tests.corpus.fresh4._kit import age_on, split_address
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import split_name

SOURCE = ("'MASH form v5' (children's multi-agency safeguarding hub referral; names no area: Section 1 - About the "
          "Child with 'Choose an item.' drop-downs, Section 2 - Details of the family … (including perpetrator if "
          "applicable): First Name / Last Name / DoB/est. DoB/Age / Ethnicity / Gender / Address and Telephone Number "
          "/ Relationship to Child / School and/or GP, Section 3 - About You); stored copy: "
          "https://paperzz.com/doc/7371264/mash-form-v5")

FILL = "FFF2CC"
ETHNICITIES = ["White British", "White Polish", "White Other", "Black Caribbean", "Black African", "Pakistani",
               "Bangladeshi", "Indian", "Mixed White and Asian", "Mixed Other", "Other", "Not known"]
GENDERS = ["Male", "Female", "Unknown"]
RELATIONS = ["Mother", "Father", "Stepfather", "Mother's partner", "Mother's boyfriend", "Mother's husband",
             "Mother's ex-partner", "Mother's ex-husband", "Brother", "Sister", "Half-brother", "Half-sister",
             "Grandparent", "Other"]
SCHOOLS = ["Riverside Primary", "Hillside Academy", "Not yet at school", "Other"]
FAMILY_ROWS = 6


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"date": ("dd/mm/yyyy", "d/m/yyyy", "short")[i], "age": (True, False, True)[i]}


def _date(iso: str | None, plan: dict[str, Any]) -> str:
    if not iso:
        return ""
    return short_date(iso).replace("/", ".") if plan["date"] == "short" else date_text(iso, plan["date"])


def _relation(case: Case, i: int) -> str:
    who = to_child(case, i)
    return who if who in RELATIONS else "Mother's partner"


def _sibling(gender: str) -> str:
    return "Brother" if gender == "Male" else "Sister"


def _pair(cells: list[_Cell], text: str, value: str | None, *, items: list[str] | None = None) -> None:
    label(cells[0], text, fill=FILL)
    if items is not None:
        dropdown(cells[1].paragraphs[0], items, value)
    else:
        write(cells[1], value or "")


def build(case: Case) -> bytes:
    plan = _plan(case)
    v = case.values
    doc = Document()
    doc.add_paragraph().add_run("STOP: IF YOU BELIEVE A CHILD IS AT IMMEDIATE RISK OF HARM CALL 999 NOW").bold = True

    street, postcode = split_address(v["referral.victim.address"])
    if case.children:
        first, last = split_name(v["referral.children.0.name"])
        child = {"first": first, "last": last, "dob": _date(v["referral.children.0.dob"], plan), "status": "Born",
                 "gender": v["referral.children.0.gender"], "school": v["referral.children.0.school"],
                 "ethnicity": v["referral.victim.ethnicity"]}
    else:
        _, last = split_name(v["referral.victim.name"])
        child = {"first": "Unborn", "last": last, "dob": _date(due_date(case), plan), "status": "Unborn",
                 "gender": None, "school": None, "ethnicity": None}
    s1 = grid(doc, 4)
    full_width_row(s1, "Section 1 - About the Child", fill="FFD966")
    rows: list[tuple[tuple[str, str | None, list[str] | None], tuple[str, str | None, list[str] | None]]] = [
        (("First Name", child["first"], None), ("Last Name", child["last"], None)),
        (("Address", street, None), ("Post Code", postcode, None)),
        (("Date of Birth or Expected Delivery Date [DD/MM/YYYY]", child["dob"], None),
         ("If Unknown, please Estimate the Child's Age", "", None)),
        (("Gender", child["gender"], GENDERS), ("Status:", child["status"], ["Born", "Unborn"])),
        (("Ethnicity:", child["ethnicity"], ETHNICITIES), ("If Other, Please State Here:", "", None)),
        (("Any Disabilities?", None if child["status"] == "Unborn" else "No", ["Yes", "No", "Not known"]),
         ("Religion", None, ["None", "Christian", "Muslim", "Other"])),
        (("GP", v["referral.victim.gp"], None), ("Is an Interpreter Required?",
                                                 "No" if v["referral.victim.first_language"] == "English" else "Yes",
                                                 ["Yes", "No"])),
        (("School Attended", child["school"], SCHOOLS), ("If you have selected other for School, please State Here:",
                                                         "", None)),
        (("Unique Pupil Number (UPN):", "", None), ("NHS Number:", "", None)),
    ]
    for left, right in rows:
        cells = s1.add_row().cells
        _pair(cells[0:2], left[0], left[1], items=left[2])
        _pair(cells[2:4], right[0], right[1], items=right[2])
    doc.add_paragraph()

    s2 = grid(doc, 8)
    full_width_row(s2, "Section 2 - Details of the family - Father/Mother/other siblings or family members and/or "
                       "significant others/adults (including perpetrator if applicable)", fill="FFD966")
    for cell, text in zip(s2.add_row().cells, ("First Name", "Last Name", "DoB/est. DoB/Age", "Ethnicity", "Gender",
                                               "Address and Telephone Number", "Relationship to Child",
                                               "School and/or GP")):
        label(cell, text, fill=FILL)
    today = v["referral.referrer.date"]
    people = []
    for i in range(1, case.children):
        c = f"referral.children.{i}"
        people.append((v[f"{c}.name"], v[f"{c}.dob"], v["referral.victim.ethnicity"], v[f"{c}.gender"],
                       v["referral.victim.address"], _sibling(v[f"{c}.gender"]), v[f"{c}.school"], False))
    people.append((v["referral.victim.name"], v["referral.victim.dob"], v["referral.victim.ethnicity"], "Female",
                   f"{v['referral.victim.address']}\n{v['referral.victim.phone']}", "Mother", v["referral.victim.gp"],
                   True))
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        people.append((v[f"{q}.name"], v[f"{q}.dob"], v[f"{q}.ethnicity"], "Male", v[f"{q}.address"],
                       _relation(case, i), "", True))
    for n in range(FAMILY_ROWS):
        cells = s2.add_row().cells
        if n >= len(people):
            for index, items in ((3, ETHNICITIES), (4, GENDERS), (6, RELATIONS)):
                dropdown(cells[index].paragraphs[0], items, None)
            continue
        name, born, ethnicity, gender, where, who, school, adult = people[n]
        first, last = split_name(name)
        born_text = _date(born, plan) + (f" ({age_on(born, today)})" if adult and plan["age"] else "")
        write(cells[0], first)
        write(cells[1], last)
        write(cells[2], born_text)
        dropdown(cells[3].paragraphs[0], ETHNICITIES, ethnicity if ethnicity in ETHNICITIES else "Other")
        dropdown(cells[4].paragraphs[0], GENDERS, gender)
        write(cells[5], where)
        dropdown(cells[6].paragraphs[0], RELATIONS, who)
        write(cells[7], school)
    doc.add_paragraph()

    first, _, last = v["referral.referrer.name"].rpartition(" ")
    s3 = grid(doc, 2)
    full_width_row(s3, "Section 3 - About You", fill="FFD966")
    for text, value in (("First Name", first), ("Last Name", last), ("Name of Organisation",
                                                                      v["referral.referrer.agency"]),
                        ("Job Title", v["referral.referrer.role"]), ("Email Address", v["referral.referrer.email"]),
                        ("Telephone Number", v["referral.referrer.phone"]),
                        ("Relationship to the Child/Your agency's Role or Service Provided",
                         f"{v['referral.referrer.role']} for the family"),
                        ("Contact Address", "PO Box 100, Exampletown")):
        cells = s3.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value)
    doc.add_paragraph()

    s4 = grid(doc, 3)
    full_width_row(s4, "Section 4 - Details of Professionals involved with the Child or Family", fill="FFD966")
    for cell, text in zip(s4.add_row().cells, ("Name", "Agency / Role", "Telephone / Email")):
        label(cell, text, fill=FILL)
    for cell, text in zip(s4.add_row().cells, (v["referral.police.officer_in_charge"], "Police – officer in case",
                                               "101")):
        write(cell, text)
    doc.add_paragraph()

    names = " and ".join(v[f"referral.perpetrators.{i}.name"] for i in range(case.perpetrators))
    s5 = grid(doc, 2)
    full_width_row(s5, "Section 5 - Reason for referral", fill="FFD966")
    for text, value in (("Date of referral", _date(v["referral.referrer.date"], plan)),
                        ("Alleged perpetrator(s)", names),
                        ("What are your concerns?", v["referral.risks_summary"]),
                        ("DASH risk checklist score", str(v["dash.score"])),
                        ("Police crime reference", v["referral.crime_reference"])):
        cells = s5.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value)
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.agency", "referral.referrer.role", "referral.referrer.email",
        "referral.referrer.phone", "referral.referrer.date", "referral.victim.name", "referral.victim.dob",
        "referral.victim.address", "referral.victim.phone", "referral.victim.ethnicity", "referral.victim.gp",
        "referral.risks_summary", "referral.crime_reference")}
    found["referral.dash_score_stated"] = v["dash.score"]
    expect_each(found, case, "perpetrators", ("name", "dob", "address", "ethnicity"))
    expect_unborn(found, case)
    for i in range(case.children):
        c = f"referral.children.{i}"
        for k in ("name", "dob", "gender", "school"):
            found[f"{c}.{k}"] = v[f"{c}.{k}"]
        found[f"{c}.address"] = v["referral.victim.address"]
    return found


FORMS = [AreaForm("mash-form-v5", "A children's MASH (\"MASH form v5\"; the stored copy names no area)", SOURCE,
                  "referral", build, expected)]
