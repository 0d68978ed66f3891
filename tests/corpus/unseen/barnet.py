"""Barnet Sanctuary Scheme referral form: a domestic abuse referral in numbered sections, the person's name split
into Title / First name / Last name, each phone number with its own "safe to call Yes ☐ No ☐", tick rows for
nationality and tenure.

Follows the London Borough of Barnet "Sanctuary Scheme Referral form" (stored copy: docest.com, see SOURCE). It is
not a MARAC form but a domestic abuse referral from an area the corpus does not have, of the kind a MARAC mailbox
also receives, and it asks the same things (referrer, consent, the survivor, children, perpetrator). Taken from
it: the numbered sections (Word numbering: "Status", "Client's consent", "Client's details", "Tenancy details",
"Children's details", "Perpetrator's details"), "Practitioners name / Job title", "Organisation / Email",
"Telephone contact / Fax:", "Date of referral", "Consent of survivor for referral Yes No", "Title / First name /
Last name", "Post Code", "Home Telephone: … safe to call Yes No", "Mobile: … safe to call Yes No", "Work: … safe
to call Yes No", "Safe third party telephone number/s (specify):", "DOB: / Gender: / Religion: / Ethnicity:",
"Client's Nationality British Other / If other, state client's Nationality", "English Speaker Yes No / Language
support needed? Yes No", "What is the preferred language?", "Does the client consider her/himself to be disabled
or have any special needs? Yes No", "Type of housing", "Tenure: Owner occupier / Privately rented / Housing
Association / Council / Other", "Tenancy/Deed: Client / Abuser / Joint / Other", "Length of tenancy", "Landlord's
contact details (if applicable)", the children's table "Full name / Date of birth / Sex / Relationship with client
/ School/college / Living with client?", "Is the client pregnant? Yes No / Due date:", "Any contact and/or
residence arrangements? Yes No", and "Perpetrator's details: Title: / First name: / …". The stored text stops
there; the perpetrator's date of birth, address and relationship are laid out in the same style with plain labels,
and an "Address" row is added above "Post Code" (the published form's address line did not survive in the copy).

Filled per seed: tick boxes typed ☒/☐, Word check boxes, legacy FORMCHECKBOX fields or Wingdings symbols; the
number in the Mobile or the Home Telephone cell (the other left empty, its boxes unticked); DOB, Gender, Religion
and Ethnicity typed after their label in the same cell; Sex as M / F; Living with client? as Y / N; a second
perpetrator in a copy of the perpetrator table.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table, _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, write
from tests.corpus.heldout._kit import grid, inline, label, rng_for, save
from tests.corpus.unseen._kit import TICK_STYLES, split_name, ticks, title_for

SOURCE = ("London Borough of Barnet, 'Sanctuary Scheme Referral form' (numbered sections Status / Client's consent / "
          "Client's details / Tenancy details / Children's details / Perpetrator's details; 'safe to call Yes No' "
          "per phone number; tenure tick row); stored copy: https://docest.com/doc/219220/sanctuary-scheme-referral-form")

TENURE = ("Owner occupier", "Privately rented", "Housing Association", "Council", "Other")
HOUSING_TO_TENURE = {"Owner occupier": "Owner occupier", "Private rented": "Privately rented",
                     "Housing association (Riverside)": "Housing Association", "Council tenant": "Council"}
RELIGIONS = ("Christian", "Muslim", "Catholic")
FILL = "E2EFD9"


def _plan(case: Case) -> dict[str, Any]:
    rng = rng_for(case, 23)
    return {"date": rng.choice(("dd/mm/yyyy", "d/m/yyyy", "dd.mm.yyyy")), "tick": TICK_STYLES[case.seed % 4],
            "sex_letter": rng.random() < 0.7, "religion": RELIGIONS[case.seed % 3],
            "contact": rng.random() < 0.5}


def _nationality(case: Case) -> str:
    return "Polish" if case["referral.victim.ethnicity"] == "White Polish" else "British"


def _pairs(table: Table, pairs: list[tuple[str, str | None]]) -> None:
    cells = table.add_row().cells
    for offset, (text, value) in enumerate(pairs):
        label(cells[offset * 2], text, fill=FILL)
        write(cells[offset * 2 + 1], value or "")


def _choices(cell: _Cell, options: tuple[str, ...], chosen: str | None, style: str, fields: Fields) -> None:
    paragraph = cell.paragraphs[0]
    for index, option in enumerate(options):
        paragraph.add_run(f"{'   ' if index else ''}{option} ")
        box(paragraph, option == chosen, style, fields)


def _phone(cell: _Cell, text: str, number: str | None, safe: bool | None, style: str, fields: Fields) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.add_run(text).bold = True
    paragraph.add_run(f" {number}    " if number else "        ")
    paragraph.add_run("safe to call ")
    ticks(paragraph, safe if number else None, style, fields)


def _section(doc: Any, text: str) -> None:
    doc.add_paragraph(style="List Number").add_run(text).bold = True


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d, style = case.values, plan["date"], plan["tick"]
    fields = Fields()
    doc = Document()
    doc.add_heading("Sanctuary Scheme Referral form", level=1)
    doc.add_paragraph("Referral criteria: the survivor is at risk of domestic abuse, lives in the borough and wants to "
                      "stay; extra security would reduce the risk; the abuser has no legal right to enter the home.")

    _section(doc, "Status")
    t = grid(doc, 4)
    _pairs(t, [("Practitioners name", v["referral.referrer.name"]), ("Job title", v["referral.referrer.role"])])
    _pairs(t, [("Organisation", v["referral.referrer.agency"]), ("Email", v["referral.referrer.email"])])
    _pairs(t, [("Telephone contact", v["referral.referrer.phone"]), ("Fax:", None)])
    _pairs(t, [("Date of referral", date_text(v["referral.referrer.date"], d)), ("", None)])

    _section(doc, "Client's consent")
    t = grid(doc, 1)
    paragraph = t.add_row().cells[0].paragraphs[0]
    paragraph.add_run("Consent of survivor for referral   ")
    ticks(paragraph, bool(v["referral.consent"]), style, fields)

    _section(doc, "Client's details")
    first, last = split_name(v["referral.victim.name"])
    t = grid(doc, 6)
    cells = t.add_row().cells
    for offset, (text, value) in enumerate((("Title", title_for("Female", case.seed)), ("First name", first),
                                            ("Last name", last))):
        label(cells[offset * 2], text, fill=FILL)
        write(cells[offset * 2 + 1], value)
    cells = t.add_row().cells
    label(cells[0], "Address", fill=FILL)
    write(cells[1].merge(cells[5]), v["referral.victim.address"])
    cells = t.add_row().cells
    label(cells[0], "Post Code", fill=FILL)
    write(cells[1].merge(cells[5]), v["referral.victim.postcode"])
    phone = v["referral.victim.phone"]
    mobile = phone.startswith("07")
    for text, number in (("Home Telephone:", None if mobile else phone), ("Mobile:", phone if mobile else None),
                         ("Work:", None)):
        cells = t.add_row().cells
        _phone(cells[0].merge(cells[5]), text, number, bool(v["referral.victim.safe_to_call"]), style, fields)
    cells = t.add_row().cells
    label(cells[0].merge(cells[2]), "Safe third party telephone number/s (specify):", fill=FILL)
    write(cells[3].merge(cells[5]), "None")
    cells = t.add_row().cells
    gender = "F" if plan["sex_letter"] else "Female"
    for cell, (text, value) in zip((cells[0].merge(cells[1]), cells[2], cells[3], cells[4].merge(cells[5])),
                                   (("DOB:", date_text(v["referral.victim.dob"], d)), ("Gender:", gender),
                                    ("Religion:", plan["religion"]), ("Ethnicity:", v["referral.victim.ethnicity"]))):
        inline(cell, text, value)
    cells = t.add_row().cells
    label(cells[0], "Client's Nationality", fill=FILL)
    nationality = _nationality(case)
    _choices(cells[1].merge(cells[2]), ("British", "Other"), "British" if nationality == "British" else "Other",
             style, fields)
    inline(cells[3].merge(cells[5]), "If other, state client's Nationality:",
           None if nationality == "British" else nationality)
    language = v["referral.victim.first_language"]
    cells = t.add_row().cells
    left, right = cells[0].merge(cells[2]), cells[3].merge(cells[5])
    left.paragraphs[0].add_run("English Speaker ")
    ticks(left.paragraphs[0], language == "English", style, fields)
    right.paragraphs[0].add_run("Language support needed? ")
    ticks(right.paragraphs[0], language != "English", style, fields)
    cells = t.add_row().cells
    left, right = cells[0].merge(cells[2]), cells[3].merge(cells[5])
    inline(left, "What is the preferred language?", language)
    right.paragraphs[0].add_run("Does the client consider her/himself to be disabled or have any special needs? ")
    ticks(right.paragraphs[0], bool(v["referral.victim.disabled"]), style, fields)
    cells = t.add_row().cells
    label(cells[0].merge(cells[5]), "If yes, please note any access / support needs:", fill=None)

    _section(doc, "Tenancy details")
    t = grid(doc, 6)
    tenure = HOUSING_TO_TENURE[v["referral.victim.housing"]]
    cells = t.add_row().cells
    label(cells[0], "Type of housing", fill=FILL)
    house = case.seed % 2 == 1
    cells[1].merge(cells[2]).paragraphs[0].add_run("House ")
    box(cells[1].paragraphs[0], house, style, fields)
    cells[1].paragraphs[0].add_run("  No. of bedrooms 3" if house else "  No. of bedrooms")
    cells[3].merge(cells[5]).paragraphs[0].add_run("Flat ")
    box(cells[3].paragraphs[0], not house, style, fields)
    cells[3].paragraphs[0].add_run("  Which floor 2nd  No. of bedrooms 2" if not house else
                                   "  Which floor    No. of bedrooms")
    cells = t.add_row().cells
    label(cells[0], "Tenure", fill=FILL)
    for cell, option in zip(cells[1:], TENURE):
        cell.paragraphs[0].add_run(f"{option} ")
        box(cell.paragraphs[0], option == tenure, style, fields)
    cells = t.add_row().cells
    label(cells[0], "Tenancy/Deed", fill=FILL)
    for cell, option in zip(cells[1:5], ("Client", "Abuser", "Joint", "Other")):
        cell.paragraphs[0].add_run(f"{option} ")
        box(cell.paragraphs[0], option == "Client", style, fields)
    cells = t.add_row().cells
    label(cells[0], "Length of tenancy", fill=FILL)
    write(cells[1], "4")
    write(cells[2], "Months")
    write(cells[3], "")
    write(cells[4], "Years")
    cells = t.add_row().cells
    label(cells[0].merge(cells[2]), "Landlord's contact details (if applicable)", fill=FILL)
    write(cells[3].merge(cells[5]), "N/A" if tenure == "Owner occupier" else "")

    _section(doc, "Children's details")
    t = grid(doc, 6, rows=1)
    for cell, text in zip(t.rows[0].cells, ("Full name", "Date of birth", "Sex", "Relationship with client",
                                            "School/college", "Living with client?")):
        label(cell, text, fill=FILL)
    for i in range(max(2, case.children)):
        cells = t.add_row().cells
        c = f"referral.children.{i}"
        if i < case.children:
            texts = (v[f"{c}.name"], date_text(v[f"{c}.dob"], d), v[f"{c}.gender"][0], v[f"{c}.relationship_to_victim"],
                     v[f"{c}.school"], "Y" if v[f"{c}.lives_with_victim"] else "N")
        else:
            texts = ("",) * 6
        for cell, text in zip(cells, texts):
            write(cell, text)
    t = grid(doc, 2)
    cells = t.add_row().cells
    cells[0].paragraphs[0].add_run("Is the client pregnant? ")
    ticks(cells[0].paragraphs[0], bool(v["referral.victim.pregnant"]), style, fields)
    inline(cells[1], "Due date:", None)
    cells = t.add_row().cells
    cells[0].paragraphs[0].add_run("Any contact and/or residence arrangements? ")
    arrangements = plan["contact"] and case.children > 0
    ticks(cells[0].paragraphs[0], arrangements, style, fields)
    inline(cells[1], "Details please:", "Father sees the children every other Saturday" if arrangements else None)

    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        if i == 0:
            _section(doc, "Perpetrator's details")
        else:
            doc.add_paragraph().add_run("Perpetrator's details (second perpetrator)").bold = True
        first, last = split_name(v[f"{q}.name"])
        t = grid(doc, 6)
        cells = t.add_row().cells
        for offset, (text, value) in enumerate((("Title:", "Mr"), ("First name:", first), ("Last name:", last))):
            label(cells[offset * 2], text, fill=FILL)
            write(cells[offset * 2 + 1], value)
        cells = t.add_row().cells
        label(cells[0], "DOB:", fill=FILL)
        write(cells[1], date_text(v[f"{q}.dob"], d))
        label(cells[2], "Relationship to client:", fill=FILL)
        write(cells[3].merge(cells[5]), v[f"{q}.relationship_to_victim"])
        cells = t.add_row().cells
        label(cells[0], "Address:", fill=FILL)
        write(cells[1].merge(cells[5]), v[f"{q}.address"])
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    plan = _plan(case)
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency", "referral.referrer.email",
        "referral.referrer.phone", "referral.referrer.date", "referral.consent", "referral.victim.name",
        "referral.victim.address", "referral.victim.postcode", "referral.victim.phone",
        "referral.victim.safe_to_call", "referral.victim.dob", "referral.victim.gender",
        "referral.victim.ethnicity", "referral.victim.first_language", "referral.victim.interpreter_language",
        "referral.victim.disabled", "referral.victim.pregnant")}
    found["referral.victim.religion"] = plan["religion"]
    found["referral.victim.nationality"] = _nationality(case)
    found["referral.victim.housing"] = HOUSING_TO_TENURE[v["referral.victim.housing"]]
    for i in range(case.perpetrators):
        for k in ("name", "dob", "relationship_to_victim", "address"):
            found[f"referral.perpetrators.{i}.{k}"] = v[f"referral.perpetrators.{i}.{k}"]
    for i in range(case.children):
        for k in ("name", "dob", "gender", "relationship_to_victim", "school", "lives_with_victim"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    if case.children == 0:
        found["referral.children"] = []
    return found


FORMS = [AreaForm("barnet-sanctuary", "London Borough of Barnet", SOURCE, "referral", build, expected)]
