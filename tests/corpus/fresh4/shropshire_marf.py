"""Shropshire's "Multi-Agency Referral Form" (MARF) to First Point of Contact, used for a domestic abuse case: a
children's form that opens with the parental consent question ("Yes No" printed after it, answered with boxes or by
deleting a word) and "If you haven't obtained parental consent, why not?"; then "1. Child / Young Person Details" as
a block of label | answer | label | answer rows REPEATED for each child ("Child's First Name" beside "Child's Surname
/ Last Name", "Date of Birth or Estimated Date of Delivery" beside "Gender (M/F)"), and inside each child's block ONE
free-text cell "Name of Parents / Carers: Include all adults involved in the care of the child" in which the referrer
types every adult, the mother (the victim) and the man she is afraid of, one per line with relationship, date of
birth, address and phone run together.

Follows the published Shropshire MARF (stored copy: docsbay.net, see SOURCE). Taken from it: the title and "MARF",
"BEFORE PROCEEDING PLEASE ensure you have referred to the Threshold Document" (the rest of the opening notes and the
consent guidance paraphrased, its bullet list shortened), "Have you obtained parental consent to make this referral
and share information?" with "Yes No", "If you haven't obtained parental consent, why not?", "1. Child / Young Person
Details", "Child's First Name", "Child's Surname / Last Name", "Any alternative name", "Date of Birth or Estimated
Date of Delivery", "Gender (M/F)", "Religion", "Language or preferred method of communication e.g. sign language",
"Name of Parents / Carers: Include all adults involved in the care of the child". The stored text stops there; the
child's address and school rows, "2. Referrer Details" and "3. Reason for Referral" are laid out after it in the same
style with plain labels.

Filled per seed: the consent answered with ☒ / ☐ boxes (seed 1), by deleting the other word (seed 2) or with Word
check boxes (seed 3); the adults one per line "Name – Mother – DOB … – address – tel" (seeds 1, 3) or as "Name
(relationship), d.o.b. …, address" separated by semicolons in one paragraph (seed 2); dates "dd/mm/yyyy", "d.m.yy"
or "3rd April 1991"; gender "F" / "M" or "Female" / "Male"; the case without children (seed 3) refers the unborn baby
("Unborn baby", its due date under "Date of Birth or Estimated Date of Delivery").
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.fresh2._kit import to_child
from tests.corpus.fresh3._kit import due_date, expect_each
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import split_name

SOURCE = ("Shropshire, 'Shropshire Multi-Agency Referral Form' (MARF: 'Have you obtained parental consent to make this "
          "referral and share information? Yes No', '1. Child / Young Person Details': Child's First Name / Child's "
          "Surname / Last Name / Any alternative name / Date of Birth or Estimated Date of Delivery / Gender (M/F) / "
          "Religion / Language, 'Name of Parents / Carers: Include all adults involved in the care of the child'); "
          "stored copy: https://docsbay.net/place-the-child-at-increased-risk-of-significant-harm")

FILL = "DEEAF6"


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"consent": ("☒", "delete", "w14")[i], "adults": ("lines", "semicolons", "lines")[i],
            "date": ("dd/mm/yyyy", "d.m.yy", "ordinal")[i], "gender": ("letter", "word", "letter")[i]}


def _adults(case: Case, plan: dict[str, Any]) -> str:
    v, d = case.values, plan["date"]
    rows = [(v["referral.victim.name"], "Mother", v["referral.victim.dob"], v["referral.victim.address"],
             v["referral.victim.phone"])]
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        rows.append((v[f"{q}.name"], to_child(case, i), v[f"{q}.dob"], v[f"{q}.address"], "not known"))
    if plan["adults"] == "semicolons":
        return "; ".join(f"{name} ({who.lower()}), d.o.b. {date_text(born, d)}, {address}, tel {phone}"
                         for name, who, born, address, phone in rows)
    return "\n".join(f"{name} – {who} – DOB {date_text(born, d)} – {address} – tel {phone}"
                     for name, who, born, address, phone in rows)


def _children(case: Case) -> list[dict[str, Any]]:
    v = case.values
    _, surname = split_name(v["referral.victim.name"])
    if not case.children:
        return [{"first": "Unborn baby", "surname": surname, "dob": due_date(case), "gender": None, "unborn": True,
                 "school": None}]
    kids = []
    for i in range(case.children):
        c = f"referral.children.{i}"
        first, last = split_name(v[f"{c}.name"])
        kids.append({"first": first, "surname": last, "dob": v[f"{c}.dob"], "gender": v[f"{c}.gender"],
                     "unborn": False, "school": v[f"{c}.school"]})
    return kids


def _pair(t: Table, left: tuple[str, str], right: tuple[str, str] | None = None) -> None:
    cells = t.add_row().cells
    label(cells[0], left[0], fill=FILL)
    if right is None:
        write(cells[1].merge(cells[3]), left[1])
        return
    write(cells[1], left[1])
    label(cells[2], right[0], fill=FILL)
    write(cells[3], right[1])


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    fields = Fields()
    doc = Document()
    doc.add_heading("Shropshire Multi-Agency Referral Form", level=1)
    doc.add_paragraph().add_run("MARF").bold = True
    doc.add_paragraph("BEFORE PROCEEDING PLEASE ensure you have referred to the Threshold Document; if you are still "
                      "unsure whether a referral is needed, book a social work consultation with First Point of "
                      "Contact. Inform those with parental responsibility of the referral and seek their consent "
                      "unless doing so would place the child or anyone else at risk.")

    t = grid(doc, 2)
    consent = v["referral.consent"]
    cells = t.add_row().cells
    label(cells[0], "Have you obtained parental consent to make this referral and share information?", fill=FILL)
    para = cells[1].paragraphs[0]
    if plan["consent"] == "delete":
        para.add_run("Yes" if consent else "No")
    else:
        for index, (word, on) in enumerate((("Yes", consent), ("No", not consent))):
            para.add_run(f"{'    ' if index else ''}{word} ")
            box(para, on, plan["consent"], fields)
    cells = t.add_row().cells
    label(cells[0], "If you haven't obtained parental consent, why not?", fill=FILL)
    write(cells[1], "" if consent else (v["referral.consent_override_reason"] or ""))
    doc.add_paragraph()

    adults = _adults(case, plan)
    c = grid(doc, 4)
    full_width_row(c, "1.  Child / Young Person Details", fill="9CC2E5")
    for n, kid in enumerate(_children(case), start=1):
        full_width_row(c, f"Child {n}", fill=None)
        gender = "" if kid["unborn"] else (kid["gender"][0] if plan["gender"] == "letter" else kid["gender"])
        _pair(c, ("Child's First Name", kid["first"]), ("Child's Surname / Last Name", kid["surname"]))
        _pair(c, ("Any alternative name", "None"))
        _pair(c, ("Date of Birth or Estimated Date of Delivery", date_text(kid["dob"], d)), ("Gender\n(M/F)", gender))
        _pair(c, ("Religion", "" if kid["unborn"] else "None"),
              ("Language or preferred method of communication e.g. sign language", "" if kid["unborn"] else
               v["referral.victim.first_language"]))
        _pair(c, ("Name of Parents / Carers: Include all adults involved in the care of the child", adults))
        _pair(c, ("Child's address", v["referral.victim.address"]),
              ("School / nursery", "" if kid["unborn"] else kid["school"]))
    doc.add_paragraph()

    r = grid(doc, 4)
    full_width_row(r, "2.  Referrer Details", fill="9CC2E5")
    _pair(r, ("Name", v["referral.referrer.name"]), ("Role", v["referral.referrer.role"]))
    _pair(r, ("Agency", v["referral.referrer.agency"]), ("Date of referral", date_text(v["referral.referrer.date"], d)))
    _pair(r, ("Telephone", v["referral.referrer.phone"]), ("Email", v["referral.referrer.email"]))
    doc.add_paragraph()

    names = " and ".join(v[f"referral.perpetrators.{i}.name"] for i in range(case.perpetrators))
    g = grid(doc, 2)
    full_width_row(g, "3.  Reason for Referral", fill="9CC2E5")
    for text, value in (("What are your concerns?", (f"Domestic abuse towards mother by {names}. "
                                                    f"{v['referral.risks_summary']}.")),
                        ("DASH risk checklist completed? Score", f"Yes – {v['dash.score']}"),
                        ("Police reference (if known)", v["referral.crime_reference"])):
        cells = g.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value)
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency", "referral.referrer.date",
        "referral.referrer.phone", "referral.referrer.email", "referral.victim.name", "referral.victim.dob",
        "referral.victim.address", "referral.victim.phone", "referral.consent", "referral.crime_reference")}
    if not v["referral.consent"]:
        found["referral.consent_override_reason"] = v["referral.consent_override_reason"]
    found["referral.dash_score_stated"] = v["dash.score"]
    expect_each(found, case, "perpetrators", ("name", "dob", "address"))
    for i, kid in enumerate(_children(case)):
        c = f"referral.children.{i}"
        found[f"{c}.dob"] = kid["dob"]
        found[f"{c}.address"] = v["referral.victim.address"]
        if kid["unborn"]:
            found[f"{c}.unborn"] = True
            continue
        found[f"{c}.name"] = f"{kid['first']} {kid['surname']}"
        found[f"{c}.gender"] = kid["gender"]
        found[f"{c}.school"] = kid["school"]
    return found


FORMS = [AreaForm("shropshire-marf", "Shropshire (children's multi-agency referral form)", SOURCE, "referral", build,
                  expected)]
