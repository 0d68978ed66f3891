"""Bournemouth and Poole LSCB's interagency "CHILDREN'S SOCIAL CARE REFERRAL FORM", used for a domestic abuse case:
numbered sections, the child first as a row of column labels over a row of answers ("Surname" | "Forenames" | "Date
of Birth" | "M / F"), then "Also Known As", "Current Address" | "Postcode" | "Tel No" and "Previous Address" |
"Postcode" | "Tel No"; the referrer under "3. Details of person making the referral" with SURNAME AND FORENAMES IN
SEPARATE CELLS, the agency and its address in ONE cell ("Agency & Address") and no job title; the victim only as a
row of an EIGHT-COLUMN people table "4. Parents/person caring for child/young person" (Relationship to child | Tick if
P.R | Surname | Forename | M/F | AKA | Address/Tel No | DOB: the address and the telephone in one cell, the date of
birth LAST), with the man who lives there in the same table; the other children in "Other children in household"
(Surname | Forename | M/F | AKA | DOB | Relationship to child); the other men in "5. Significant others/other family
members", a table of the same eight columns as 4; the professionals in "6. Agencies/professionals known to be
involved" (Name/Agency | Tel No) with a "Yes  No" consent question; Yes / No questions answered by a box after each
word.

Copied from the stored copy: "CHILDREN'S SOCIAL CARE REFERRAL FORM", "1. Child/Young Person's Details", "Forenames",
"Date of Birth", "M / F", "Also Known As", "Current Address", "Postcode", "Tel No", "Previous Address", "2.
Child/Young Person's Ethnicity", "Child/ young person's GP (if known)", "School/Early Years Setting", "Has there been
early help intervention prior to this referral", "Is this a referral under S.47?", "3. Details of person making the
referral", "Surname", "Agency & Address", "When can you be contacted", "4. Parents/person caring for child/young
person" with its columns, "Other children in household (Please indicate by *against name if another child/young
person is also being referred)" with its columns, "5. Significant others/other family members", "6.
Agencies/professionals known to be involved", "Name/Agency", "Has consent been given for Social Services to contact
the named agencies", "If 'No' please specify with reasons", "7. Specific reasons for Referral", "Child/young person's
development strengths and needs", "Parenting strengths and needs", "Describe things that which affect parent(s)
ability to meet the child/young person's needs" and "Family circumstances/history" (where the stored text stops). The
parents' awareness and consent, the police reference, the DASH score and the referrer's date and e-mail are laid out
after it in the same style with plain labels; no guidance text of the original is copied.

This is the two boroughs' Local Safeguarding Children Board form (Bournemouth and Poole were unitary authorities with
their own LSCB), not Dorset County Council's; the corpus has Dorset County Council's CAADA-DASH checklist only.

Filled per seed: typed ☒ / ☐ boxes, "✓" in "Tick if P.R", dates "dd/mm/yyyy" (seed 1, the half-brother among the
significant others); Word 2010 check boxes, "Yes" typed for P.R, dates "3rd April 1991", the boyfriend in the carers'
table, the husband among the significant others, the mother's other name in "AKA", three children (seed 2); legacy
FORMCHECKBOX boxes, "X" for P.R, dates "3.4.91", "N/A" in unused cells, the UNBORN baby as the child ("Unborn baby",
"EDD …", "Not known") (seed 3).
"""
from __future__ import annotations

from typing import Any

from docx import Document

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.fresh2._kit import to_child
from tests.corpus.fresh3._kit import due_date, expect_each, expect_unborn
from tests.corpus.fresh4._kit import split_address
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import split_name

SOURCE = ("Bournemouth and Poole Local Safeguarding Children Board, interagency 'CHILDREN'S SOCIAL CARE REFERRAL FORM' "
          "(1. Child/Young Person's Details: Forenames / Date of Birth / M / F / Also Known As / Current Address / "
          "Postcode / Tel No / Previous Address; 3. Details of person making the referral: Surname / Forenames / "
          "Agency & Address / Postcode / Tel No / When can you be contacted; 4. Parents/person caring for child/young "
          "person: Relationship to child / Tick if P.R / Surname / Forename / M/F / AKA / Address/Tel No / DOB; Other "
          "children in household; 5. Significant others/other family members; 6. Agencies/professionals known to be "
          "involved; 7. Specific reasons for Referral); stored copy: "
          "https://docslib.org/doc/13973182/bournemouth-and-poole-lscb-interagency-referral-form")

FILL = "E2EFD9"
REFERRER_ADDRESS = "Town Hall Annexe, St Stephen's Road, Exampletown"
REFERRER_POSTCODE = "BH2 9ZZ"
CARERS = ("Father", "Stepfather", "Mother's boyfriend", "Mother's partner")
PEOPLE_COLUMNS = ("Relationship to child", "Tick if P.R", "Surname", "Forename", "M/F", "AKA", "Address/Tel No", "DOB")


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"box": ("☒", "w14", "formcheckbox")[i], "date": ("dd/mm/yyyy", "ordinal", "d.m.yy")[i],
            "pr": ("✓", "Yes", "X")[i], "blank": ("", "", "N/A")[i]}


def _heads(table: Any, texts: tuple[str, ...]) -> None:
    for cell, text in zip(table.add_row().cells, texts):
        label(cell, text, fill=FILL)


def _values(table: Any, texts: tuple[str, ...]) -> None:
    for cell, text in zip(table.add_row().cells, texts):
        write(cell, text)


def _yes_no(paragraph: Any, value: bool, style: str, fields: Fields) -> None:
    paragraph.add_run("Yes ")
    box(paragraph, value, style, fields)
    paragraph.add_run("   No ")
    box(paragraph, not value, style, fields)


def _question(table: Any, text: str, value: bool, plan: dict[str, Any], fields: Fields) -> None:
    cells = table.add_row().cells
    label(cells[0], text, fill=FILL)
    target = cells[1].merge(cells[-1])
    _yes_no(target.paragraphs[0], value, plan["box"], fields)


def _line(table: Any, text: str, value: str) -> None:
    cells = table.add_row().cells
    label(cells[0], text, fill=FILL)
    write(cells[1].merge(cells[-1]), value)


def _person(case: Case, i: int, d: str, pr_mark: str, blank: str) -> tuple[str, ...]:
    v, q = case.values, f"referral.perpetrators.{i}"
    first, last = split_name(v[f"{q}.name"])
    aliases = ", ".join(v[f"{q}.aliases"]) or blank
    relationship = to_child(case, i)
    return (relationship, pr_mark if relationship == "Father" else "", last, first, "M", aliases,
            f"{v[f'{q}.address']}\nTel: not known", date_text(v[f"{q}.dob"], d))


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d, fields, blank = case.values, plan["date"], Fields(), plan["blank"]
    day = v["referral.referrer.date"]
    doc = Document()
    doc.add_heading("CHILDREN'S SOCIAL CARE REFERRAL FORM", level=1)

    street, postcode = split_address(v["referral.victim.address"])
    surname = split_name(v["referral.victim.name"])[1]
    c = grid(doc, 4)
    full_width_row(c, "1. Child/Young Person's Details", fill=FILL)
    _heads(c, ("Surname", "Forenames", "Date of Birth", "M / F"))
    if case.children:
        first, last = split_name(v["referral.children.0.name"])
        _values(c, (last, first, date_text(v["referral.children.0.dob"], d), v["referral.children.0.gender"][0]))
    else:
        _values(c, (surname, "Unborn baby", f"EDD {date_text(due_date(case), d)}", "Not known"))
    _line(c, "Also Known As", blank)
    _heads(c, ("Current Address", "", "Postcode", "Tel No"))
    cells = c.add_row().cells
    write(cells[0].merge(cells[1]), street)
    write(cells[2], postcode)
    write(cells[3], v["referral.victim.phone"])
    _heads(c, ("Previous Address", "", "Postcode", "Tel No"))
    cells = c.add_row().cells
    write(cells[0].merge(cells[1]), blank)
    doc.add_paragraph()

    e = grid(doc, 4)
    full_width_row(e, "2. Child/Young Person's Ethnicity", fill=FILL)
    _line(e, "Ethnicity", v["referral.victim.ethnicity"])
    doctor = v["referral.victim.gp"]
    _line(e, "Child/ young person's GP (if known)", doctor)
    school = v["referral.children.0.school"] if case.children else blank
    _line(e, "School/Early Years Setting", school)
    _question(e, "Has there been early help intervention prior to this referral", False, plan, fields)
    _question(e, "Is this a referral under S.47?", bool(case.children), plan, fields)
    doc.add_paragraph()

    r = grid(doc, 4)
    full_width_row(r, "3. Details of person making the referral", fill=FILL)
    first, _, last = v["referral.referrer.name"].rpartition(" ")
    _heads(r, ("Surname", "", "Forenames", ""))
    cells = r.add_row().cells
    write(cells[0].merge(cells[1]), last)
    write(cells[2].merge(cells[3]), first)
    _line(r, "Agency & Address", f"{v['referral.referrer.agency']}\n{REFERRER_ADDRESS}")
    _heads(r, ("Postcode", "Tel No", "When can you be contacted", ""))
    cells = r.add_row().cells
    write(cells[0], REFERRER_POSTCODE)
    write(cells[1], v["referral.referrer.phone"])
    write(cells[2].merge(cells[3]), "Mon–Thu, 9am to 5pm")
    _line(r, "Email", v["referral.referrer.email"])
    _line(r, "Date of referral", date_text(day, d))
    doc.add_paragraph()

    carers = [i for i in range(case.perpetrators) if to_child(case, i) in CARERS]
    others = [i for i in range(case.perpetrators) if i not in carers]
    p = grid(doc, 8)
    full_width_row(p, "4. Parents/person caring for child/young person", fill=FILL)
    _heads(p, PEOPLE_COLUMNS)
    first, last = split_name(v["referral.victim.name"])
    _values(p, ("Mother", plan["pr"], last, first, "F", ", ".join(v["referral.victim.aliases"]) or blank,
                f"{v['referral.victim.address']}\n{v['referral.victim.phone']}",
                date_text(v["referral.victim.dob"], d)))
    for i in carers:
        _values(p, _person(case, i, d, plan["pr"], blank))
    doc.add_paragraph()

    k = grid(doc, 6)
    full_width_row(k, "Other children in household (Please indicate by *against name if another child/young person is "
                      "also being referred)", fill=FILL)
    _heads(k, ("Surname", "Forename", "M/F", "AKA", "DOB", "Relationship to child"))
    for i in range(1, case.children):
        ch = f"referral.children.{i}"
        first, last = split_name(v[f"{ch}.name"])
        _values(k, (last, f"{first} *", v[f"{ch}.gender"][0], blank, date_text(v[f"{ch}.dob"], d),
                    "Half-sibling" if v[f"{ch}.relationship_to_perpetrator"] == "Son" else "Sibling"))
    if case.children < 2:
        _values(k, (blank or "None", "", "", "", "", ""))
    doc.add_paragraph()

    s = grid(doc, 8)
    full_width_row(s, "5. Significant others/other family members", fill=FILL)
    _heads(s, PEOPLE_COLUMNS)
    for i in others:
        _values(s, _person(case, i, d, plan["pr"], blank))
    if not others:
        _values(s, (blank or "None", "", "", "", "", "", "", ""))
    doc.add_paragraph()

    a = grid(doc, 2)
    full_width_row(a, "6. Agencies/professionals known to be involved", fill=FILL)
    _heads(a, ("Name/Agency", "Tel No"))
    _values(a, (doctor, "01202 555 100"))
    _values(a, ("Health Visiting Team, Exampletown Clinic", "01202 555 200") if case.children
            else ("Community Midwife, Exampletown Maternity Unit", "01202 555 300"))
    _question(a, "Has consent been given for Social Services to contact the named agencies", True, plan, fields)
    _line(a, "If 'No' please specify with reasons", blank)
    doc.add_paragraph()

    w = grid(doc, 2)
    full_width_row(w, "7. Specific reasons for Referral", fill=FILL)
    _line(w, "Child/young person's development strengths and needs", "Meeting milestones; attends regularly"
          if case.children else blank)
    _line(w, "Parenting strengths and needs", "Mother is protective and engaging with support")
    _line(w, "Describe things that which affect parent(s) ability to meet the child/young person's needs",
          v["referral.risks_summary"])
    _line(w, "Family circumstances/history", f"Police aware, crime reference {v['referral.crime_reference']}")
    _line(w, "DASH risk assessment score (if known)", str(v["referral.dash_score_stated"]))
    _question(w, "Are the parents/carers aware of this referral?", bool(v["referral.victim_aware"]), plan, fields)
    _question(w, "Have the parents/carers consented to this referral?", bool(v["referral.consent"]), plan, fields)
    _line(w, "If not, why not?", v["referral.consent_override_reason"] or blank)
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.agency", "referral.referrer.phone", "referral.referrer.email",
        "referral.referrer.date", "referral.victim.name", "referral.victim.dob", "referral.victim.gender",
        "referral.victim.address", "referral.victim.phone", "referral.victim_aware", "referral.consent",
        "referral.crime_reference", "referral.dash_score_stated", "referral.risks_summary")}
    found["referral.referrer.address"] = f"{REFERRER_ADDRESS}, {REFERRER_POSTCODE}"
    if v["referral.consent_override_reason"]:
        found["referral.consent_override_reason"] = v["referral.consent_override_reason"]
    expect_each(found, case, "perpetrators", ("name", "dob", "address", "gender"))
    expect_unborn(found, case)
    for i in range(case.children):
        c = f"referral.children.{i}"
        for k in ("name", "dob", "gender"):
            found[f"{c}.{k}"] = v[f"{c}.{k}"]
        if i == 0:
            found[f"{c}.address"] = v["referral.victim.address"]
            found[f"{c}.school"] = v[f"{c}.school"]
    return found


FORMS = [AreaForm("bournemouth-poole-csc-referral",
                  "Bournemouth and Poole LSCB (interagency Children's Social Care Referral Form)", SOURCE, "referral",
                  build, expected)]
