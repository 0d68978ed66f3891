"""Croydon's "Children's Social Care Referral Form" (London Borough of Croydon), used for a domestic abuse case: the
referred child FIRST, as a column of "Label:" | answer rows ("Family name:" / "First Name(s):" / "D.O.B or expected
date of delivery:" / "Gender:" / "Address:" / "Postcode:" / "Telephone:"), the other children only in a later
"Section G" table; "Section A – Basic Referral Details (to be completed in all cases)" with the date AND TIME of the
referral in one box and the parents' awareness as a typed answer; the referrer under "Section B" (the practitioner's
own details); the victim only as the FIRST COLUMN of a side-by-side parents / carers table ("Parent / carer 1" |
"Parent / carer 2", one row per label, each person a column), the man who lives there (or nobody: "Not known" /
"N/A") in the second column; the other men in a header-row table of "other adults" told apart only by their
relationship to the child; the professionals in their own table (Agency | Name | Telephone); the concerns as a row of
tick boxes ("Domestic abuse", "Physical abuse" …) and a free-text box.

Copied from the stored copy: the title "Children's Social Care Referral Form" / "Croydon Children's Social Care
Referral Form", "Child or Young Person's Details", "Family name:", "First Name(s):", "D.O.B or expected date of
delivery:", "Gender:", "Address:", "Postcode:", "Telephone:", "section G" (the other children's place), "Section A –
Basic Referral Details (to be completed in all cases)", "Date and time of referral:" and "Is/are parent(s)/carer(s)
aware of referral:" (where the stored text stops). The rest of the form (Sections B to G and their labels) is laid
out in the same style with plain labels; no guidance text of the original is copied.

Filled per seed: typed ☒ / ☐ boxes, dates "dd/mm/yyyy", the second carer's untouched boxes left showing Word's
"Click here to enter text." (seed 1, where the only man is the half-brother, listed as another adult); Word 2010 check
boxes, dates "3rd April 1991", the boyfriend as carer 2 and the husband among the other adults, the mother's address
"As child" (seed 2); legacy FORMCHECKBOX boxes, dates "3.4.91", "N/A" in unused boxes, the UNBORN baby as the
referred child ("Unborn", "EDD …", gender "Not known") (seed 3).
"""
from __future__ import annotations

from typing import Any

from docx import Document

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import placeholder_control
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.fresh2._kit import to_child
from tests.corpus.fresh3._kit import due_date, expect_unborn
from tests.corpus.fresh4._kit import split_address
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import split_name

SOURCE = ("London Borough of Croydon, 'Children's Social Care Referral Form' / 'Croydon Children's Social Care "
          "Referral Form' (Child or Young Person's Details: Family name: / First Name(s): / D.O.B or expected date of "
          "delivery: / Gender: / Address: / Postcode: / Telephone:, the other children in section G; Section A – "
          "Basic Referral Details (to be completed in all cases): Date and time of referral: / Is/are "
          "parent(s)/carer(s) aware of referral:); stored copy: "
          "https://doc4pdf.com/100318-croydon-childrens-social-care-referral-form-to-be-used.html")

FILL = "DEEAF6"
REFERRER_ADDRESS = "Bernard House, 52 Park Lane, Exampletown"
REFERRER_POSTCODE = "CR0 9ZZ"
CARERS = ("Father", "Stepfather", "Mother's boyfriend", "Mother's partner")
CONCERNS = ("Domestic abuse", "Physical abuse", "Emotional abuse", "Sexual abuse", "Neglect")


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"box": ("☒", "w14", "formcheckbox")[i], "date": ("dd/mm/yyyy", "ordinal", "d.m.yy")[i],
            "blank": ("", "", "N/A")[i], "placeholders": i == 0, "as_child": i == 1}


def _row(table: Any, text: str, value: str) -> None:
    cells = table.add_row().cells
    label(cells[0], text, fill=FILL)
    write(cells[1], value)


def _yes_no(cell: Any, value: bool, style: str, fields: Fields) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.add_run("Yes ")
    box(paragraph, value, style, fields)
    paragraph.add_run("   No ")
    box(paragraph, not value, style, fields)


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d, fields, blank = case.values, plan["date"], Fields(), plan["blank"]
    day = v["referral.referrer.date"]
    doc = Document()
    doc.add_heading("Children's Social Care Referral Form", level=1)
    doc.add_paragraph().add_run("Croydon Children's Social Care Referral Form").bold = True

    street, postcode = split_address(v["referral.victim.address"])
    surname = split_name(v["referral.victim.name"])[1]
    c = grid(doc, 2)
    full_width_row(c, "Child or Young Person's Details", fill=FILL)
    if case.children:
        first, last = split_name(v["referral.children.0.name"])
        dob, gender = date_text(v["referral.children.0.dob"], d), v["referral.children.0.gender"]
    else:
        first, last, dob, gender = "Unborn", surname, f"EDD {date_text(due_date(case), d)}", "Not known"
    for text, value in (("Family name:", last), ("First Name(s):", first),
                        ("D.O.B or expected date of delivery:", dob), ("Gender:", gender), ("Address:", street),
                        ("Postcode:", postcode), ("Telephone:", v["referral.victim.phone"])):
        _row(c, text, value)
    doc.add_paragraph()

    a = grid(doc, 2)
    full_width_row(a, "Section A – Basic Referral Details (to be completed in all cases)", fill=FILL)
    _row(a, "Date and time of referral:", f"{date_text(day, d)}  10:40")
    _row(a, "Is/are parent(s)/carer(s) aware of referral:",
         "Yes" if v["referral.victim_aware"] else f"No – {v['referral.victim_aware_reason'] or 'see below'}")
    cells = a.add_row().cells
    label(cells[0], "Has the parent/carer consented to this referral?", fill=FILL)
    _yes_no(cells[1], bool(v["referral.consent"]), plan["box"], fields)
    _row(a, "If not, why not?", v["referral.consent_override_reason"] or blank)
    doc.add_paragraph()

    b = grid(doc, 2)
    full_width_row(b, "Section B – Your details (the person making the referral)", fill=FILL)
    for text, value in (("Name:", v["referral.referrer.name"]), ("Job title:", v["referral.referrer.role"]),
                        ("Agency:", v["referral.referrer.agency"]),
                        ("Address:", f"{REFERRER_ADDRESS}, {REFERRER_POSTCODE}"),
                        ("Telephone:", v["referral.referrer.phone"]), ("Email:", v["referral.referrer.email"])):
        _row(b, text, value)
    doc.add_paragraph()

    carers = [i for i in range(case.perpetrators) if to_child(case, i) in CARERS]
    others = [i for i in range(case.perpetrators) if i not in carers]
    p = grid(doc, 3)
    full_width_row(p, "Section C – Parents / carers", fill=FILL)
    head = p.add_row().cells
    label(head[0], "", fill=FILL)
    label(head[1], "Parent / carer 1", fill=FILL)
    label(head[2], "Parent / carer 2", fill=FILL)
    mother = {"Name:": v["referral.victim.name"], "D.O.B:": date_text(v["referral.victim.dob"], d),
              "Relationship to child:": "Mother", "Parental responsibility:": "Yes",
              "Address:": "As child" if plan["as_child"] else v["referral.victim.address"],
              "Telephone:": v["referral.victim.phone"], "Ethnicity:": v["referral.victim.ethnicity"],
              "First language:": v["referral.victim.first_language"]}
    if carers:
        q = f"referral.perpetrators.{carers[0]}"
        second: dict[str, str] | None = {
            "Name:": v[f"{q}.name"], "D.O.B:": date_text(v[f"{q}.dob"], d),
            "Relationship to child:": to_child(case, carers[0]),
            "Parental responsibility:": "Yes" if to_child(case, carers[0]) == "Father" else "No",
            "Address:": v[f"{q}.address"], "Telephone:": "Not known", "Ethnicity:": v[f"{q}.ethnicity"],
            "First language:": "English"}
    else:
        second = None
    for text in mother:
        cells = p.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], mother[text])
        if second is not None:
            write(cells[2], second[text])
        elif plan["placeholders"]:
            placeholder_control(cells[2].paragraphs[0])
        else:
            write(cells[2], "N/A" if blank else "Not known")
    doc.add_paragraph()

    o = grid(doc, 4)
    full_width_row(o, "Section D – Other adults in the household or significant to the child", fill=FILL)
    for cell, text in zip(o.add_row().cells, ("Name", "D.O.B", "Relationship to child", "Address")):
        label(cell, text, fill=FILL)
    for i in others:
        q = f"referral.perpetrators.{i}"
        for cell, text in zip(o.add_row().cells, (v[f"{q}.name"], date_text(v[f"{q}.dob"], d), to_child(case, i),
                                                  v[f"{q}.address"])):
            write(cell, text)
    if not others:
        cells = o.add_row().cells
        write(cells[0], blank or "None")
    doc.add_paragraph()

    e = grid(doc, 2)
    full_width_row(e, "Section E – Reason for referral", fill=FILL)
    cells = e.add_row().cells
    label(cells[0], "Nature of concern (tick all that apply):", fill=FILL)
    paragraph = cells[1].paragraphs[0]
    for k, word in enumerate(CONCERNS):
        paragraph.add_run(f"{'   ' if k else ''}{word} ")
        box(paragraph, word == "Domestic abuse", plan["box"], fields)
    _row(e, "Details of concerns:", v["referral.risks_summary"])
    _row(e, "Police involvement – crime reference number:", v["referral.crime_reference"])
    _row(e, "DASH risk checklist score (if completed):", str(v["referral.dash_score_stated"]))
    doc.add_paragraph()

    f = grid(doc, 3)
    full_width_row(f, "Section F – Agencies involved with the family", fill=FILL)
    for cell, text in zip(f.add_row().cells, ("Agency", "Name", "Telephone")):
        label(cell, text, fill=FILL)
    doctor, surgery = v["referral.victim.gp"].split(", ", 1)
    rows = [(f"GP – {surgery}", doctor, "020 8760 5000")]
    rows.append(("Hillside Academy", "Mrs P. Whittaker (DSL)", "020 8760 5100") if case.children
                else ("Croydon University Hospital – Midwifery", "Joanna Llewellyn", "020 8760 5200"))
    for row in rows:
        for cell, text in zip(f.add_row().cells, row):
            write(cell, text)
    doc.add_paragraph()

    g = grid(doc, 5)
    full_width_row(g, "Section G – Other children in the household", fill=FILL)
    for cell, text in zip(g.add_row().cells, ("Family name", "First Name(s)", "D.O.B", "Gender",
                                               "School / nursery")):
        label(cell, text, fill=FILL)
    for i in range(1, case.children):
        ch = f"referral.children.{i}"
        first, last = split_name(v[f"{ch}.name"])
        for cell, text in zip(g.add_row().cells, (last, first, date_text(v[f"{ch}.dob"], d), v[f"{ch}.gender"],
                                                  v[f"{ch}.school"])):
            write(cell, text)
    if case.children < 2:
        write(g.add_row().cells[0], blank or "None")
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency", "referral.referrer.phone",
        "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.dob",
        "referral.victim.ethnicity", "referral.victim.address", "referral.victim.phone",
        "referral.victim.first_language", "referral.victim_aware", "referral.consent", "referral.crime_reference",
        "referral.dash_score_stated", "referral.risks_summary")}
    found["referral.referrer.address"] = f"{REFERRER_ADDRESS}, {REFERRER_POSTCODE}"
    if v["referral.consent_override_reason"]:
        found["referral.consent_override_reason"] = v["referral.consent_override_reason"]
    if not v["referral.victim_aware"] and v["referral.victim_aware_reason"]:
        found["referral.victim_aware_reason"] = v["referral.victim_aware_reason"]
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        for k in ("name", "dob", "address"):
            found[f"{q}.{k}"] = v[f"{q}.{k}"]
        if to_child(case, i) in CARERS:
            found[f"{q}.ethnicity"] = v[f"{q}.ethnicity"]
    expect_unborn(found, case)
    for i in range(case.children):
        c = f"referral.children.{i}"
        for k in ("name", "dob", "gender"):
            found[f"{c}.{k}"] = v[f"{c}.{k}"]
        if i == 0:
            found[f"{c}.address"] = v["referral.victim.address"]
        else:
            found[f"{c}.school"] = v[f"{c}.school"]
    return found


FORMS = [AreaForm("croydon-csc-referral", "Croydon (Children's Social Care Referral Form)", SOURCE, "referral",
                  build, expected)]
