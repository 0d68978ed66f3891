"""Sandwell's Multi Agency Referral Form (MARF) to the children's Multi Agency Safeguarding Hub, used for a domestic
abuse case: a children's form, so the CHILD comes first and the adult victim is one of the "parents / carers"; every
answer a legacy Word form field (an untouched one shows five en spaces), the child's "Date of Birth/ Estimated Due
Date" typed into three separate fields printed "   /    /   ", "Gender" three FORMCHECKBOX boxes "Male / Female /
Unborn", "Family Name" and "First Name(s)" in separate rows, "Interpreter required?" answered from a printed
"Y / N / Not Known", and the child's block repeated for each child.

Follows the published Sandwell MARF ("This form should only be used to make a referral to Sandwell's child protection
Multi Agency Safeguarding Hub (MASH)"; stored copy: atelim.com, see SOURCE; referral page: sandwellcsp.org.uk
'Multi Agency Request Form'). Taken from it: the title, a paraphrase of the opening notes (999 first if a child is
in immediate danger, complete within 24 hours, send by secure email with the subject title MARF), "1. CHILD / YOUNG
PERSON'S DETAILS" with "Family Name", "First Name(s)", "Date of Birth/ Estimated Due Date" and its "/ /" boxes,
"Gender" with "Male", "Female", "Unborn", "Age", "Ethnicity" / "If 'Other', please specify", "Religion", "First
Language", "Interpreter required?" / "Why/who for?" / "Y / N / Not Known", "NHS Number", "Address", "Home Telephone
No.", "Mobile No.", "GP Address/ Contact", "Nursery/School/ Children's Centre Address/ Contact" and the request for
a description of the child's physical characteristics. The stored text stops there; the parents and carers, the
concerns and the referrer are laid out after it in the same label | form-field style with plain labels
("2. PARENTS / CARERS AND OTHER SIGNIFICANT ADULTS", "3. REASON FOR REFERRAL / CONCERNS", "4. REFERRER'S DETAILS").

Filled per seed: each child in its own copy of section 1 ("Child 2 of 3"); the case without children (seed 3) is a
referral for an unborn baby, "Unborn" ticked and the due date in the date boxes; the year in the date boxes four
digits or two (seed 2); "Y / N / Not Known" left with only the answer ("N") or with the others struck through; the
adults in one table (Name / Relationship to child / Date of Birth / Address / Contact No.), the perpetrator described
by who he is to the child and to the mother ("Father – mother's ex-partner"); the mother named as the victim in the
concerns box; fields that do not apply left untouched.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from docx import Document
from docx.table import Table, _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row
from tests.corpus.fresh2._kit import split_date, to_child
from tests.corpus.fresh3._kit import expect_each
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import split_name

SOURCE = ("Sandwell, 'Multi Agency Referral Form (MARF)' to Sandwell's child protection Multi Agency Safeguarding Hub "
          "(1. CHILD / YOUNG PERSON'S DETAILS: Family Name, First Name(s), Date of Birth/ Estimated Due Date '/ /', "
          "Gender Male / Female / Unborn, Interpreter required? Y / N / Not Known; legacy form fields); stored copy: "
          "http://atelim.com/multi-agency-referral-form-marf.html; referral page: https://www.sandwellcsp.org.uk/home/marf/")

FILL = "D9E2F3"


def _plan(case: Case) -> dict[str, Any]:
    return {"short_year": case.seed == 2, "yn": ("answer", "strike")[case.seed % 2],
            "date": ("dd/mm/yyyy", "d.m.yy", "dd/mm/yyyy")[case.seed % 3]}


def _due_date(case: Case) -> str:
    return (dt.date.fromisoformat(case["referral.referrer.date"]) + dt.timedelta(days=97)).isoformat()


def _children(case: Case) -> list[dict[str, Any]]:
    v = case.values
    if not case.children:
        _, surname = split_name(v["referral.victim.name"])
        return [{"family": surname, "first": "Unborn", "dob": _due_date(case), "gender": None, "unborn": True,
                 "age": "Unborn (EDD)", "school": "", "address": v["referral.victim.address"]}]
    kids = []
    for i in range(case.children):
        c = f"referral.children.{i}"
        first, family = split_name(v[f"{c}.name"])
        age = (dt.date(2026, 11, 2) - dt.date.fromisoformat(v[f"{c}.dob"])).days // 365
        kids.append({"family": family, "first": first, "dob": v[f"{c}.dob"], "gender": v[f"{c}.gender"],
                     "unborn": False, "age": str(age), "school": v[f"{c}.school"],
                     "address": v["referral.victim.address"] if v[f"{c}.lives_with_victim"]
                     else "c/o maternal grandmother, 12 Elm Close, Exampletown, LS8 9UU"})
    return kids


def _row(t: Table, text: str) -> _Cell:
    cells = t.add_row().cells
    label(cells[0], text, fill=FILL)
    return cells[1]


def _field(t: Table, text: str, value: str, fields: Fields) -> None:
    fields.form_text(_row(t, text).paragraphs[0], value)


def _yn_nk(cell: _Cell, answer: str, how: str) -> None:
    """'Y / N / Not Known' with only the answer left, or the others struck through."""
    paragraph = cell.paragraphs[0]
    if how == "answer":
        paragraph.add_run({"Y": "Y", "N": "N", "NK": "Not Known"}[answer])
        return
    for index, (key, word) in enumerate((("Y", "Y"), ("N", "N"), ("NK", "Not Known"))):
        if index:
            paragraph.add_run(" / ")
        paragraph.add_run(word).font.strike = key != answer


def _child_block(doc: Any, kid: dict[str, Any], number: int, total: int, case: Case, plan: dict[str, Any],
                 fields: Fields) -> None:
    v = case.values
    t = grid(doc, 2)
    title = "1. CHILD / YOUNG PERSON'S DETAILS" + (f" (Child {number} of {total})" if total > 1 else "")
    full_width_row(t, title, fill="8EAADB")
    _field(t, "Family Name", kid["family"], fields)
    _field(t, "First Name(s)", kid["first"], fields)
    split_date(_row(t, "Date of Birth/ Estimated Due Date").paragraphs[0], kid["dob"], fields,
               short_year=plan["short_year"])
    gender = _row(t, "Gender").paragraphs[0]
    for index, option in enumerate(("Male", "Female", "Unborn")):
        fields.form_checkbox(gender, kid["unborn"] if option == "Unborn" else kid["gender"] == option)
        gender.add_run(f" {option}" + ("     " if index < 2 else ""))
    _field(t, "Age", kid["age"], fields)
    ethnicity = _row(t, "Ethnicity\nIf 'Other', please specify")
    fields.form_text(ethnicity.paragraphs[0], "" if kid["unborn"] else v["referral.victim.ethnicity"])
    _field(t, "Religion\nIf 'Other', please specify", "", fields)
    _field(t, "First Language", "" if kid["unborn"] else "English", fields)
    cell = _row(t, "Interpreter required?\nWhy/who for?")
    needs = v["referral.victim.interpreter_language"]
    _yn_nk(cell, "Y" if needs else "N", plan["yn"])
    if needs:
        fields.form_text(cell.add_paragraph(), f"For mother ({needs})")
    _field(t, "NHS Number", "", fields)
    _field(t, "Address", kid["address"], fields)
    _field(t, "Home Telephone No.", "", fields)
    _field(t, "Mobile No.", "", fields)
    _field(t, "GP Address/ Contact", v["referral.victim.gp"], fields)
    _field(t, "Nursery/School/ Children's Centre\nAddress/ Contact", kid["school"], fields)
    cell = t.add_row().cells
    merged = cells_merge(cell)
    merged.paragraphs[0].add_run("In order to identify the correct child / young person requiring the assessment, "
                                 "please include a description of the child's physical characteristics: e.g. Colour "
                                 "of Eyes, Hair, Height, Build").bold = True
    fields.form_text(merged.add_paragraph(), "" if kid["unborn"] else "Slim build, brown hair")


def cells_merge(cells: list[_Cell]) -> _Cell:
    return cells[0].merge(cells[-1])


def _adults(doc: Any, case: Case, plan: dict[str, Any], fields: Fields) -> None:
    v = case.values
    t = grid(doc, 5)
    full_width_row(t, "2. PARENTS / CARERS AND OTHER SIGNIFICANT ADULTS", fill="8EAADB")
    head = t.add_row().cells
    for cell, text in zip(head, ("Name", "Relationship to child", "Date of Birth", "Address", "Contact No.")):
        label(cell, text, fill=FILL)
    rows = [(v["referral.victim.name"], "Mother", v["referral.victim.dob"], v["referral.victim.address"],
             v["referral.victim.phone"])]
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        rows.append((v[f"{q}.name"], f"{to_child(case, i)} – mother's {v[f'{q}.relationship_to_victim'].lower()}"
                     if not to_child(case, i).startswith("Mother's") else to_child(case, i),
                     v[f"{q}.dob"], v[f"{q}.address"], "Not known"))
    for name, relation, dob, address, phone in rows:
        cells = t.add_row().cells
        for cell, text in zip(cells, (name, relation, date_text(dob, plan["date"]), address, phone)):
            fields.form_text(cell.paragraphs[0], text)


def build(case: Case) -> bytes:
    plan = _plan(case)
    v = case.values
    fields = Fields()
    doc = Document()
    doc.add_heading("Multi Agency Referral Form (MARF)", level=1)
    doc.add_paragraph("This form should only be used to make a referral to Sandwell's child protection Multi Agency "
                      "Safeguarding Hub (MASH).")
    doc.add_paragraph("If a child is at imminent risk of significant harm call 999 first. Otherwise complete the MARF "
                      "within 24 hours and send it by secure email with the subject title MARF.")
    kids = _children(case)
    for number, kid in enumerate(kids, start=1):
        _child_block(doc, kid, number, len(kids), case, plan, fields)
        doc.add_paragraph()
    _adults(doc, case, plan, fields)
    doc.add_paragraph()

    t = grid(doc, 2)
    full_width_row(t, "3. REASON FOR REFERRAL / CONCERNS", fill="8EAADB")
    names = [v[f"referral.perpetrators.{i}.name"] for i in range(case.perpetrators)]
    concern = (f"Domestic abuse. {v['referral.victim.name']} (mother) is the victim; the alleged perpetrator is "
               f"{' and '.join(names)}. {v['referral.risks_summary']}.")
    fields.form_text(_row(t, "Details of concerns").paragraphs[0], concern)
    _field(t, "DASH risk checklist score (if completed)", str(v["dash.score"]), fields)
    _field(t, "Police reference (if known)", v["referral.crime_reference"], fields)
    doc.add_paragraph()

    r = grid(doc, 2)
    full_width_row(r, "4. REFERRER'S DETAILS", fill="8EAADB")
    for text, value in (("Name", v["referral.referrer.name"]), ("Job Title", v["referral.referrer.role"]),
                        ("Agency", v["referral.referrer.agency"]), ("Telephone No.", v["referral.referrer.phone"]),
                        ("Email", v["referral.referrer.email"]),
                        ("Date of referral", date_text(v["referral.referrer.date"], plan["date"]))):
        _field(r, text, value, fields)
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.victim.name", "referral.victim.dob", "referral.victim.address", "referral.victim.phone",
        "referral.crime_reference", "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency",
        "referral.referrer.phone", "referral.referrer.email", "referral.referrer.date")}
    found["referral.dash_score_stated"] = v["dash.score"]
    expect_each(found, case, "perpetrators", ("name", "dob", "address", "relationship_to_victim"))
    for i, kid in enumerate(_children(case)):
        c = f"referral.children.{i}"
        found[f"{c}.dob"] = kid["dob"]
        found[f"{c}.address"] = kid["address"]
        if kid["unborn"]:
            found[f"{c}.unborn"] = True
            continue
        found[f"{c}.name"] = f"{kid['first']} {kid['family']}"
        found[f"{c}.gender"] = kid["gender"]
        found[f"{c}.school"] = kid["school"]
    return found


FORMS = [AreaForm("sandwell-marf", "Sandwell (children's MASH referral form)", SOURCE, "referral", build, expected)]
