"""Lambeth's "Multi Agency Referral Form for Early Help or Child Protection" to the Integrated Referral Hub, used for a
domestic abuse case: a children's form whose referrer section is a FOUR-column grid of "Label:" | answer | "Label:" |
answer pairs ("Name of Referrer:" beside "Date of Referral:"), yes / no questions printed "Yes / No (delete as
appropriate)" and answered by deleting, striking or typing, the children in one table under "B. CHILD – Details of
Child/ren being referred" whose date of birth column asks for "(dd/mm/yy)" and gender "(m/f)", and under each child
a row of three boxes holding label and answer together ("Home address: …", "Contact/Telephone of parents: …",
"Ethnicity: …"). The mother (the victim) and the man she is afraid of appear only as "parents / carers", in columns.

Follows the published Lambeth form (stored copy: docest.com, see SOURCE). Taken from it: the title, "PLEASE READ AND
CONSIDER THE FOLLOWING:", "Name of Referrer:", "Date of Referral:", "Agency/School:", "Role of person completing
referral:", "Telephone Number", "Email address", "Have you discussed this with your designated safeguarding lead?"
with "Yes / No (delete as appropriate)", "Name and contact of designated Safeguarding lead" / "Name:", the tier
question (shortened), "Has your agency completed any other assessment regarding this child or family? (Including
CAF/Early Help Assessment)", "B.CHILD – Details of Child/ren being referred" with "First name / Surname / Date of
birth (dd/mm/yy) / Gender (m/f) / Is there a known disability? Y/N (provide details)" and "Home address: /
Contact/Telephone of parents: / Ethnicity:". The opening notes are paraphrased, not copied. The stored text stops
at the children's language; the parents / carers, the concerns and the police / Dash rows are laid out after it in
the same style with plain labels ("C. PARENTS / CARERS", "D. REASON FOR REFERRAL").

Filled per seed: the children's dates "dd/mm/yy" as asked (seeds 1, 3) or with four-digit years (seed 2); gender
"m" / "f" or "M" / "F"; the yes / no questions deleted (seed 1), struck through (seed 2) or typed after the print
(seed 3); the case without children (seed 3) refers the unborn baby ("Unborn", the due date in the date column);
parents / carers one column each ("Mother / carer", "Father / carer", "Other significant adult").
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.blind._kit import inline
from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.fresh2._kit import to_child
from tests.corpus.fresh3._kit import delete_as_appropriate, due_date, short_date
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import split_name

from ._kit import expect_each

SOURCE = ("Lambeth, 'Multi Agency Referral Form for Early Help or Child Protection' (Lambeth Integrated Referral Hub: "
          "Name of Referrer: / Date of Referral:, Agency/School: / Role of person completing referral:, 'Yes / No "
          "(delete as appropriate)', B.CHILD – Details of Child/ren being referred: First name / Surname / Date of "
          "birth (dd/mm/yy) / Gender (m/f), Home address: / Contact/Telephone of parents: / Ethnicity:); stored copy: "
          "https://docest.com/doc/280256/lambeth-integrated-referral-hub")

FILL = "D9D9D9"


def _plan(case: Case) -> dict[str, Any]:
    return {"how": ("delete", "strike", "typed")[(case.seed - 1) % 3], "child_date": "short" if case.seed != 2 else
            "dd/mm/yyyy", "gender": ("lower", "upper", "lower")[(case.seed - 1) % 3],
            "date": ("dd/mm/yyyy", "d month yyyy", "d.m.yy")[(case.seed - 1) % 3]}


def _children(case: Case) -> list[dict[str, Any]]:
    v = case.values
    if not case.children:
        _, surname = split_name(v["referral.victim.name"])
        return [{"first": "Unborn", "surname": surname, "dob": due_date(case), "gender": None, "unborn": True,
                 "address": v["referral.victim.address"]}]
    kids = []
    for i in range(case.children):
        c = f"referral.children.{i}"
        first, surname = split_name(v[f"{c}.name"])
        kids.append({"first": first, "surname": surname, "dob": v[f"{c}.dob"], "gender": v[f"{c}.gender"],
                     "unborn": False, "address": v["referral.victim.address"] if v[f"{c}.lives_with_victim"]
                     else "c/o maternal grandmother, 12 Elm Close, Exampletown, LS8 9UU"})
    return kids


def _pair_row(t: Table, left: tuple[str, str | None], right: tuple[str, str | None]) -> None:
    cells = t.add_row().cells
    for (text, value), (head, answer) in zip((left, right), ((cells[0], cells[1]), (cells[2], cells[3]))):
        label(head, text, fill=FILL)
        if value:
            write(answer, value)


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    doc = Document()
    doc.add_heading("Multi Agency Referral Form for Early Help or Child Protection", level=1)
    doc.add_paragraph().add_run("PLEASE READ AND CONSIDER THE FOLLOWING:").bold = True
    doc.add_paragraph("If a child is in immediate danger call 999. Complete every section as fully as you can; a "
                      "telephone referral must be confirmed on this form within 24 hours.")

    t = grid(doc, 4)
    full_width_row(t, "A. REFERRER", fill="A6A6A6")
    _pair_row(t, ("Name of Referrer:", v["referral.referrer.name"]),
              ("Date of Referral:", date_text(v["referral.referrer.date"], d)))
    _pair_row(t, ("Agency/School:", v["referral.referrer.agency"]),
              ("Role of person completing referral:", v["referral.referrer.role"]))
    _pair_row(t, ("Telephone Number", v["referral.referrer.phone"]), ("Email address", v["referral.referrer.email"]))
    cells = t.add_row().cells
    label(cells[0].merge(cells[1]), "Have you discussed this with your designated safeguarding lead?", fill=FILL)
    delete_as_appropriate(cells[2].merge(cells[3]).paragraphs[0], True, plan["how"])
    cells = t.add_row().cells
    label(cells[0].merge(cells[1]), "Name and contact of designated Safeguarding lead", fill=FILL)
    inline(cells[2].merge(cells[3]), "Name: ", "Sam Okafor, 020 7946 0001")
    cells = t.add_row().cells
    label(cells[0].merge(cells[1]), "Using the Threshold Document – what tier (3 or 4) do you consider the current "
                                    "risk to and needs of this child (and/ or their family) to be?", fill=FILL)
    write(cells[2].merge(cells[3]), "Tier 4")
    cells = t.add_row().cells
    label(cells[0].merge(cells[1]), "Has your agency completed any other assessment regarding this child or family? "
                                    "(Including CAF/Early Help Assessment)", fill=FILL)
    para = cells[2].merge(cells[3]).paragraphs[0]
    delete_as_appropriate(para, True, plan["how"])
    para.add_run(" – DASH risk checklist, attached")
    doc.add_paragraph()

    kids = _children(case)
    c = grid(doc, 5)
    full_width_row(c, "B.CHILD – Details of Child/ren being referred", fill="A6A6A6")
    head = c.add_row().cells
    for cell, text in zip(head, ("First name", "Surname", "Date of birth\n(dd/mm/yy)", "Gender (m/f)",
                                 "Is there a known disability? Y/N (provide details)")):
        label(cell, text, fill=FILL)
    for kid in kids:
        cells = c.add_row().cells
        born = short_date(kid["dob"]) if plan["child_date"] == "short" else date_text(kid["dob"], "dd/mm/yyyy")
        gender = "" if kid["unborn"] else kid["gender"][0]
        gender = gender.lower() if plan["gender"] == "lower" else gender
        for cell, text in zip(cells, (kid["first"], kid["surname"], ("EDD " + born) if kid["unborn"] else born,
                                      gender, "" if kid["unborn"] else "N")):
            write(cell, text)
        cells = c.add_row().cells
        inline(cells[0].merge(cells[1]), "Home address: ", kid["address"])
        inline(cells[2].merge(cells[3]), "Contact/Telephone of parents: ", v["referral.victim.phone"])
        inline(cells[4], "Ethnicity: ", "" if kid["unborn"] else v["referral.victim.ethnicity"])
    doc.add_paragraph()

    columns = ["Mother / carer", "Father / carer"] + (["Other significant adult"] if case.perpetrators > 1 else [])
    p = grid(doc, 1 + len(columns))
    full_width_row(p, "C. PARENTS / CARERS", fill="A6A6A6")
    head = p.add_row().cells
    label(head[0], "", fill=FILL)
    for cell, text in zip(head[1:], columns):
        label(cell, text, fill=FILL)
    people = [(v["referral.victim.name"], "Mother", v["referral.victim.dob"], v["referral.victim.address"],
               v["referral.victim.phone"])]
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        people.append((v[f"{q}.name"], to_child(case, i), v[f"{q}.dob"], v[f"{q}.address"], "Not known"))
    for row, text in enumerate(("Name", "Relationship to child", "Date of birth", "Address", "Telephone")):
        cells = p.add_row().cells
        label(cells[0], text, fill=FILL)
        for cell, person in zip(cells[1:], people):
            value = person[row]
            write(cell, date_text(value, d) if row == 2 else value)
    doc.add_paragraph()

    r = grid(doc, 2)
    full_width_row(r, "D. REASON FOR REFERRAL", fill="A6A6A6")
    names = " and ".join(v[f"referral.perpetrators.{i}.name"] for i in range(case.perpetrators))
    worry = f"Domestic abuse by {names} towards mother. {v['referral.risks_summary']}."
    for text, value in (("What are you worried about?", worry),
                        ("DASH risk checklist score (if completed)", str(v["dash.score"])),
                        ("Police crime reference (if known)", v["referral.crime_reference"])):
        cells = r.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value)
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.date", "referral.referrer.agency", "referral.referrer.role",
        "referral.referrer.phone", "referral.referrer.email", "referral.victim.name", "referral.victim.dob",
        "referral.victim.address", "referral.victim.phone", "referral.crime_reference")}
    found["referral.dash_score_stated"] = v["dash.score"]
    expect_each(found, case, "perpetrators", ("name", "dob", "address"))
    for i, kid in enumerate(_children(case)):
        c = f"referral.children.{i}"
        found[f"{c}.dob"] = kid["dob"]
        found[f"{c}.address"] = kid["address"]
        if kid["unborn"]:
            found[f"{c}.unborn"] = True
            continue
        found[f"{c}.name"] = f"{kid['first']} {kid['surname']}"
        found[f"{c}.gender"] = kid["gender"]
    return found


FORMS = [AreaForm("lambeth-marf", "Lambeth (children's Integrated Referral Hub form)", SOURCE, "referral", build,
                  expected)]
