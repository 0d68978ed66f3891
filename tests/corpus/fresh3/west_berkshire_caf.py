"""West of Berkshire's inter-agency referral form (the CAF-based referral "for use in West of Berkshire"), used for a
domestic abuse case: its "Identifying details" grid puts the CHILDREN and the REFERRER in the same table, side by
side: each row "Child 1" … "Child 4" holds the child's Forename(s) / Surname / Date of Birth and, in the two right-hand
columns, one line of the referrer's details ("Name", "Role", "Agency", "Contact number"), with a "Child's Address:"
row under each child; unused child rows stay printed and empty. The adults appear only in "Composition of Family and
who else lives at the child's address including non family members" (Name / Relationship to Child / Sex / D.O.B. /
Address & Contact number / School), mixed with the children; ethnicity and language are asked for the child and for
the parents together; "Is an interpreter required" has "Yes" and "No" in cells of their own; the worries sit in a
four-cell row "Current Dangers/Risks" | answer | "Safety and Protective Factors" | answer.

Follows the published draft form (stored copy: docest.com, see SOURCE). Taken from it: "Date of Referral:",
"Identifying details:", the header "Children / Forename(s) / Surname / Date of Birth / Referrers details", the rows
"Child 1" to "Child 4" with "Child's Address:" and the referrer labels "Name", "Role", "Agency", "Contact number",
"Composition of Family and who else lives at the child's address including non family members" with its columns,
"Please specify where known:", "Childs ethnicity and first language" / "Parents Ethnicity and first language" with
"Ethnicity" / "Language", "Is an interpreter required" / "Yes" / "No", "If so what is the preferred language",
"Childs religion", "Parents religion", "Overview of Agency Involvement with child/family including information of
attendance/engagement with your service:", "Breakdown of information for referral considering all areas of the
Assessment Framework:", "Current Dangers/Risks (what are you worried about in relation to this child?)", "Safety and
Protective Factors (that reduce the risks identified)". The notes for use are paraphrased, not copied. The stored
text stops after "Historic or Complicating Factors"; the police and Dash rows after it use plain labels.

Filled per seed: dates "dd/mm/yyyy", "3rd April 1991" or "3.4.91"; the unborn baby of the case without children
(seed 3) in "Child 1" with "EDD" before its date; each adult's phone under the address in "Address & Contact number";
the interpreter answered by an X in the cell (seed 1), by deleting the other cell's word (seed 2) or by shading the
chosen cell and typing "✓" (seed 3); the parents' ethnicity typed "Mother – …" (seeds 1, 3) or plainly.
"""
from __future__ import annotations

from typing import Any

from docx import Document

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import full_width_row, shade, write
from tests.corpus.fresh2._kit import to_child
from tests.corpus.fresh3._kit import due_date
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import split_name

from ._kit import expect_each

SOURCE = ("West of Berkshire, inter-agency referral form (draft CAF form for use in West of Berkshire: Identifying "
          "details with 'Children / Forename(s) / Surname / Date of Birth / Referrers details', Child 1-4 rows with "
          "Child's Address: and the referrer's Name / Role / Agency / Contact number beside them; Composition of "
          "Family … Name / Relationship to Child / Sex / D.O.B. / Address & Contact number / School); stored copy: "
          "https://docest.com/doc/116824/draft-only-caf-form-for-use-in-west-of-berkshire")

FILL = "DBE5F1"


def _plan(case: Case) -> dict[str, Any]:
    return {"date": ("dd/mm/yyyy", "ordinal", "d.m.yy")[(case.seed - 1) % 3],
            "yes_no": ("x", "delete", "shade")[(case.seed - 1) % 3], "mother_prefix": case.seed != 2}


def _children(case: Case) -> list[dict[str, Any]]:
    v = case.values
    if not case.children:
        _, surname = split_name(v["referral.victim.name"])
        return [{"first": "Unborn", "surname": surname, "dob": due_date(case), "unborn": True, "gender": None,
                 "address": v["referral.victim.address"], "school": "", "relation": "Unborn baby"}]
    kids = []
    for i in range(case.children):
        c = f"referral.children.{i}"
        first, surname = split_name(v[f"{c}.name"])
        kids.append({"first": first, "surname": surname, "dob": v[f"{c}.dob"], "unborn": False,
                     "gender": v[f"{c}.gender"], "school": v[f"{c}.school"],
                     "relation": v[f"{c}.relationship_to_victim"],
                     "address": v["referral.victim.address"] if v[f"{c}.lives_with_victim"]
                     else "c/o maternal grandmother, 12 Elm Close, Exampletown, LS8 9UU"})
    return kids


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    doc = Document()
    doc.add_heading("Inter-agency Referral Form", level=1)
    doc.add_paragraph("Notes for use: type into the boxes (they grow with the text); use a separate sheet if there are "
                      "not enough rows. The completed form holds personal data: send it securely.").runs[0].italic = True
    top = grid(doc, 2)
    cells = top.add_row().cells
    label(cells[0], "Date of Referral:", fill=FILL)
    write(cells[1], date_text(v["referral.referrer.date"], d))
    doc.add_paragraph()

    kids = _children(case)
    t = grid(doc, 6)
    full_width_row(t, "Identifying details:", fill=FILL)
    head = t.add_row().cells
    for cell, text in zip(head[:4], ("Children", "Forename(s)", "Surname", "Date of Birth")):
        label(cell, text, fill=FILL)
    label(head[4].merge(head[5]), "Referrers details", fill=FILL)
    referrer = (("Name", v["referral.referrer.name"]), ("Role", v["referral.referrer.role"]),
                ("Agency", v["referral.referrer.agency"]), ("Contact number", v["referral.referrer.phone"]))
    for slot in range(4):
        kid = kids[slot] if slot < len(kids) else None
        cells = t.add_row().cells
        label(cells[0], f"Child {slot + 1}", fill=FILL)
        if kid:
            born = date_text(kid["dob"], d)
            for cell, text in zip(cells[1:4], (kid["first"], kid["surname"], f"EDD {born}" if kid["unborn"] else born)):
                write(cell, text)
        label(cells[4], referrer[slot][0], fill=FILL)
        write(cells[5], referrer[slot][1])
        cells = t.add_row().cells
        label(cells[0], "Child's Address:", fill=FILL)
        address = cells[1].merge(cells[3])
        if kid:
            write(address, kid["address"])
    doc.add_paragraph()

    f = grid(doc, 6)
    full_width_row(f, "Composition of Family and who else lives at the child's address\nincluding non family members",
                   fill=FILL)
    head = f.add_row().cells
    for cell, text in zip(head, ("Name", "Relationship to Child", "Sex", "D.O.B.", "Address & Contact number",
                                 "School")):
        label(cell, text, fill=FILL)
    rows = [(v["referral.victim.name"], "Mother", "F", date_text(v["referral.victim.dob"], d),
             f"{v['referral.victim.address']}\n{v['referral.victim.phone']}", "")]
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        rows.append((v[f"{q}.name"], to_child(case, i), "M", date_text(v[f"{q}.dob"], d),
                     f"{v[f'{q}.address']} (does not live at the child's address)", ""))
    for kid in kids:
        if not kid["unborn"]:
            rows.append((f"{kid['first']} {kid['surname']}", "Self" if len(kids) == 1 else "Sibling",
                         kid["gender"][0], date_text(kid["dob"], d),
                         "As above" if kid["address"] == v["referral.victim.address"] else kid["address"], kid["school"]))
    for row in rows:
        cells = f.add_row().cells
        for cell, text in zip(cells, row):
            write(cell, text)
    doc.add_paragraph()

    e = grid(doc, 3)
    full_width_row(e, "Please specify where known:", fill=FILL)
    needs = v["referral.victim.interpreter_language"]
    mother = v["referral.victim.ethnicity"]
    for text, ethnicity, language in (
            ("Childs ethnicity and first language", "" if not case.children else mother, "English"),
            ("Parents Ethnicity and first language", f"Mother – {mother}" if plan["mother_prefix"] else mother,
             v["referral.victim.first_language"])):
        cells = e.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], f"Ethnicity: {ethnicity}" if ethnicity else "Ethnicity")
        write(cells[2], f"Language: {language}")
    cells = e.add_row().cells
    label(cells[0], "Is an interpreter required", fill=FILL)
    for cell, word, chosen in ((cells[1], "Yes", bool(needs)), (cells[2], "No", not needs)):
        if plan["yes_no"] == "x":
            write(cell, f"{word} X" if chosen else word)
        elif plan["yes_no"] == "delete":
            write(cell, word if chosen else "")
        else:
            write(cell, f"{word} ✓" if chosen else word)
            if chosen:
                shade(cell, "FFFF00")
    cells = e.add_row().cells
    label(cells[0], "If so what is the preferred language", fill=FILL)
    write(cells[1].merge(cells[2]), needs or "")
    for text in ("Childs religion", "Parents religion"):
        cells = e.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1].merge(cells[2]), "Not known")
    doc.add_paragraph()

    o = grid(doc, 4)
    cells = o.add_row().cells
    label(cells[0].merge(cells[3]), "Overview of Agency Involvement with child/family including information of "
                                    "attendance/engagement with your service:", fill=FILL)
    cells = o.add_row().cells
    write(cells[0].merge(cells[3]), "Known to our service since the summer; mother engages well and attends "
                                    "appointments.")
    cells = o.add_row().cells
    label(cells[0].merge(cells[3]), "Breakdown of information for referral considering all areas of the Assessment "
                                    "Framework:", fill=FILL)
    cells = o.add_row().cells
    label(cells[0], "Current Dangers/Risks\n(what are you worried about in relation to this child?)", fill=FILL)
    write(cells[1], v["referral.risks_summary"])
    label(cells[2], "Safety and Protective Factors\n(that reduce the risks identified)", fill=FILL)
    write(cells[3], v["referral.safe_to_talk_to"] + " are supportive")
    for text, value in (("Police crime reference number (if known)", v["referral.crime_reference"]),
                        ("DASH risk checklist score", f"{v['dash.score']} ticks")):
        cells = o.add_row().cells
        label(cells[0].merge(cells[1]), text, fill=FILL)
        write(cells[2].merge(cells[3]), value)
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.date", "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency",
        "referral.referrer.phone", "referral.victim.name", "referral.victim.dob", "referral.victim.address",
        "referral.victim.phone", "referral.victim.ethnicity", "referral.victim.interpreter_language",
        "referral.risks_summary", "referral.crime_reference")}
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
        found[f"{c}.school"] = kid["school"]
    return found


FORMS = [AreaForm("west-berkshire-caf", "West of Berkshire (inter-agency referral, CAF based)", SOURCE, "referral",
                  build, expected)]
