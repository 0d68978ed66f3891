"""Calderdale's "Early Intervention and Safeguarding Statutory Request for Service/ Referral", used for a domestic abuse
case: where the request goes as three boxed options ("Early Intervention Panel (EIP)", "Disabled Children's Team
(DCT)", "Multi-Agency Screening Team (MAST)"); "1. REFERRAL DETAILS" as a label | answer grid that includes the
referrer's own "Address" and "Secure Y / N"; "2. DETAILS OF CHILD / YOUNG PERSON" with the LABELS IN A ROW OVER THE
ANSWERS ("Child's Name | DOB / EDD | Gender M/F | Disability/ learning difficulty …", the answers in the row under
them, then "Age | Unborn Y/N | Ethnicity | Is English their first language? …" and its answers), the block copied
once per child as referrers do; then the parents as ONE COLUMN PER PERSON ("Parent/Carer 1" | "Parent/Carer 2", the
labels down the left, the man who harms her told apart only by "Alleged to be causing harm? Y / N"), a second man
only in "Other significant adults"; "Y / N" questions answered by typing the letter, by striking through the other
letter, or with the word.

Copied from the stored copy: the title, "PLEASE INDICATE REQUEST FOR SERVICE / REFERRAL TO:", "Early Intervention
Panel (EIP)", "Disabled Children's Team (DCT)", "Multi-Agency Screening Team (MAST)", "Please complete this form as
fully as possible, if information is unknown leave blank.", "1. REFERRAL DETAILS", "Date of Referral", "Time of
Referral", "Name", "Job title", "Agency", "Address", "Telephone", "Email", "Secure Y / N", "2. DETAILS OF CHILD / YOUNG
PERSON", "Child's Name", "DOB / EDD", "Gender M/F", "Disability/ learning difficulty (if known please specify)", "Age",
"Unborn Y/N", "Ethnicity", "Is English their first language? If no, please specify preferred language" and "Is an
interpreter" (where the stored text stops). The parents, other adults, reason and consent sections are laid out
after it in the same style with plain labels.

Filled per seed: Y / N typed as the letter, dates "dd.mm.yyyy", the request box a typed ☒ (seed 1); the unchosen
letter struck through, dates "d/m/yyyy", Word 2010 check boxes (seed 2); "Yes" / "No" typed, dates "3 April 1991",
legacy FORMCHECKBOX boxes (seed 3). The case with two men (seed 2) has the second only under "Other significant
adults"; the case with no children (seed 3) refers the unborn baby ("Unborn Y/N" answered Y, "DOB / EDD" the due
date, "Child's Name" "Baby of …").
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.fresh2._kit import to_child
from tests.corpus.fresh3._kit import due_date, expect_each, expect_unborn
from tests.corpus.fresh4._kit import age_on
from tests.corpus.heldout._kit import grid, label, save

SOURCE = ("Calderdale, 'Early Intervention and Safeguarding Statutory Request for Service/ Referral' (PLEASE INDICATE "
          "REQUEST FOR SERVICE / REFERRAL TO: Early Intervention Panel (EIP) / Disabled Children's Team (DCT) / "
          "Multi-Agency Screening Team (MAST); 1. REFERRAL DETAILS: Date of Referral / Time of Referral / Name / Job "
          "title / Agency / Address / Telephone / Email / Secure Y / N; 2. DETAILS OF CHILD / YOUNG PERSON: Child's "
          "Name / DOB / EDD / Gender M/F / Age / Unborn Y/N / Ethnicity); stored copy: "
          "https://studylib.net/doc/6838647/early-intervention-and-safeguarding-statutory-referral-form")

FILL = "FFF2CC"
REFERRER_ADDRESS = "Northgate House, Northgate, Exampletown, HX1 9QZ"


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"yn": ("letter", "strike", "word")[i], "date": ("dd.mm.yyyy", "d/m/yyyy", "d month yyyy")[i],
            "box": ("☒", "w14", "formcheckbox")[i], "time": ("11:20", "2.45pm", "09:05")[i]}


def _yn(cell: _Cell, value: bool | None, how: str) -> None:
    """A 'Y / N' answer: the letter typed, the other letter struck through, or the word."""
    if value is None:
        return
    if how == "letter":
        write(cell, "Y" if value else "N")
    elif how == "word":
        write(cell, "Yes" if value else "No")
    else:
        paragraph = cell.paragraphs[0]
        paragraph.add_run("Y").font.strike = not value
        paragraph.add_run(" / ")
        paragraph.add_run("N").font.strike = value


def _child_block(doc: Any, case: Case, i: int | None, plan: dict[str, Any], heading: str) -> None:
    v, d = case.values, plan["date"]
    t = grid(doc, 4)
    full_width_row(t, heading, fill="BDD6EE")
    if i is None:
        name = f"Baby of {v['referral.victim.name']}"
        values = (name, f"EDD {date_text(due_date(case), d)}", "", "")
        second = ("", True, v["referral.victim.ethnicity"], "Yes")
    else:
        ch = f"referral.children.{i}"
        values = (v[f"{ch}.name"], date_text(v[f"{ch}.dob"], d), {"Male": "M", "Female": "F"}[v[f"{ch}.gender"]],
                  "None known")
        second = (str(age_on(v[f"{ch}.dob"], v["referral.referrer.date"])), False, v["referral.victim.ethnicity"],
                  "Yes")
    for cell, text in zip(t.add_row().cells, ("Child's Name", "DOB / EDD", "Gender M/F",
                                               "Disability/ learning difficulty (if known please specify)")):
        label(cell, text, fill=FILL)
    for cell, text in zip(t.add_row().cells, values):
        write(cell, text)
    for cell, text in zip(t.add_row().cells, ("Age", "Unborn Y/N", "Ethnicity",
                                               "Is English their first language? If no, please specify preferred "
                                               "language")):
        label(cell, text, fill=FILL)
    cells = t.add_row().cells
    write(cells[0], second[0])
    _yn(cells[1], second[1], plan["yn"])
    write(cells[2], second[2])
    write(cells[3], second[3])
    cells = t.add_row().cells
    label(cells[0], "Is an interpreter required?", fill=FILL)
    merged = cells[1].merge(cells[3])
    _yn(merged, False, plan["yn"])
    doc.add_paragraph()


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d, fields = case.values, plan["date"], Fields()
    doc = Document()
    doc.add_heading("Early Intervention and Safeguarding Statutory Request for Service/ Referral", level=1)
    p = doc.add_paragraph()
    p.add_run("PLEASE INDICATE REQUEST FOR SERVICE / REFERRAL TO:").bold = True
    for word, on in (("Early Intervention Panel (EIP)", False), ("Disabled Children's Team (DCT)", False),
                     ("Multi-Agency Screening Team (MAST)", True)):
        line = doc.add_paragraph()
        box(line, on, plan["box"], fields)
        line.add_run(f" {word}")
    doc.add_paragraph("Please complete this form as fully as possible, if information is unknown leave blank.")

    r = grid(doc, 4)
    full_width_row(r, "1. REFERRAL DETAILS", fill="BDD6EE")
    rows = ((("Date of Referral", date_text(v["referral.referrer.date"], d)), ("Time of Referral", plan["time"])),
            (("Name", v["referral.referrer.name"]), ("Job title", v["referral.referrer.role"])),
            (("Agency", v["referral.referrer.agency"]),),
            (("Address", REFERRER_ADDRESS),),
            (("Telephone", v["referral.referrer.phone"]), ("Email", v["referral.referrer.email"])))
    for row in rows:
        cells = r.add_row().cells
        if len(row) == 1:
            label(cells[0], row[0][0], fill=FILL)
            write(cells[1].merge(cells[3]), row[0][1])
            continue
        for k, (text, value) in enumerate(row):
            label(cells[2 * k], text, fill=FILL)
            write(cells[2 * k + 1], value)
    cells = r.add_row().cells
    label(cells[0], "Secure Y / N", fill=FILL)
    _yn(cells[1], True, plan["yn"])
    doc.add_paragraph()

    if case.children:
        for i in range(case.children):
            heading = "2. DETAILS OF CHILD / YOUNG PERSON" + (f" (child {i + 1} of {case.children})"
                                                              if case.children > 1 else "")
            _child_block(doc, case, i, plan, heading)
    else:
        _child_block(doc, case, None, plan, "2. DETAILS OF CHILD / YOUNG PERSON")

    first = "referral.perpetrators.0"
    t = grid(doc, 3)
    full_width_row(t, "3. DETAILS OF PARENTS / CARERS", fill="BDD6EE")
    for cell, text in zip(t.add_row().cells, ("", "Parent/Carer 1", "Parent/Carer 2")):
        label(cell, text, fill=FILL)
    columns = ((v["referral.victim.name"], date_text(v["referral.victim.dob"], d), "Mother",
                v["referral.victim.address"], v["referral.victim.phone"], True, False),
               (v[f"{first}.name"], date_text(v[f"{first}.dob"], d), to_child(case, 0), v[f"{first}.address"],
                "Not known", to_child(case, 0) == "Father", True))
    for row, text in enumerate(("Name", "Date of Birth", "Relationship to child", "Address", "Telephone",
                                "Parental responsibility Y / N", "Alleged to be causing harm? Y / N")):
        cells = t.add_row().cells
        label(cells[0], text, fill=FILL)
        for cell, person in zip(cells[1:], columns):
            if row >= 5:
                _yn(cell, person[row], plan["yn"])
            else:
                write(cell, person[row])
    doc.add_paragraph()

    o = grid(doc, 2)
    full_width_row(o, "4. OTHER SIGNIFICANT ADULTS (including anyone in or visiting the household)", fill="BDD6EE")
    if case.perpetrators > 1:
        q = "referral.perpetrators.1"
        for text, value in (("Name", v[f"{q}.name"]), ("Date of Birth", date_text(v[f"{q}.dob"], d)),
                            ("Relationship to child / family", to_child(case, 1)), ("Address", v[f"{q}.address"])):
            cells = o.add_row().cells
            label(cells[0], text, fill=FILL)
            write(cells[1], value)
        cells = o.add_row().cells
        label(cells[0], "Alleged to be causing harm? Y / N", fill=FILL)
        _yn(cells[1], True, plan["yn"])
    else:
        cells = o.add_row().cells
        label(cells[0], "Name", fill=FILL)
        write(cells[1], "None")
    doc.add_paragraph()

    w = grid(doc, 2)
    full_width_row(w, "5. REASON FOR REQUEST FOR SERVICE / REFERRAL", fill="BDD6EE")
    cells = w.add_row().cells
    label(cells[0], "Is there domestic abuse in the household? Y / N", fill=FILL)
    _yn(cells[1], True, plan["yn"])
    for text, value in (("Please describe your concerns and any action already taken", v["referral.risks_summary"]),
                        ("DASH risk assessment score (if known)", str(v["referral.dash_score_stated"])),
                        ("Police crime / incident number", v["referral.crime_reference"])):
        cells = w.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value)
    doc.add_paragraph()

    c = grid(doc, 2)
    full_width_row(c, "6. CONSENT", fill="BDD6EE")
    for text, value in (("Have the parents/carers been informed of this request for service/referral? Y / N",
                         v["referral.victim_aware"]),
                        ("Have the parents/carers given consent? Y / N", v["referral.consent"])):
        cells = c.add_row().cells
        label(cells[0], text, fill=FILL)
        _yn(cells[1], value, plan["yn"])
    cells = c.add_row().cells
    label(cells[0], "If No, please state why", fill=FILL)
    write(cells[1], v["referral.consent_override_reason"] or v["referral.victim_aware_reason"] or "")
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency", "referral.referrer.phone",
        "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.dob",
        "referral.victim.address", "referral.victim.phone", "referral.victim_aware", "referral.consent",
        "referral.dash_score_stated", "referral.crime_reference", "referral.risks_summary")}
    found["referral.referrer.address"] = REFERRER_ADDRESS
    expect_each(found, case, "perpetrators", ("name", "dob", "address"))
    expect_unborn(found, case, address=False)
    expect_each(found, case, "children", ("name", "dob", "gender"))
    return found


FORMS = [AreaForm("calderdale-request-for-service",
                  "Calderdale (Early Intervention and Safeguarding Statutory Request for Service/ Referral)", SOURCE,
                  "referral", build, expected)]
