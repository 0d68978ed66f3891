"""Southampton's "Safeguarding Children REFERRAL Form to Southampton Multi-Agency Safeguarding Hub (MASH)", used for a
domestic abuse case: a "Referral TAKEN by:" block at the top (Name / Job Title: / Agency/Team:, Date of Referral: /
Time: / Telephone:) for the MASH worker who takes a telephone referral, which is NOT the referrer (left blank when the
form is e-mailed in, filled with the MASH worker when it was a phone call); "1. Details of Practitioner MAKING this
REFERRAL" as a SIX-COLUMN label | answer grid (Name of Referrer: / Job title:, Agency: / Address: / Post Code:,
Tel/Mobile: / Email:); the children in a header-row table with SURNAME AND FORENAME IN SEPARATE COLUMNS (Last Name |
First Name | DOB/EDD | M/F | Ethnicity | 1st Language) and ONE "Address(es): | Post Code(s):" row under it for all of
them; the victim only as a row of a "Carer Last Name | Carer First Name | Relationship to child | Parental
Responsibility? | M/F | DOB/Age | Ethnicity" table (the date of birth with the age after it, "17/10/1974 (52)"), with
a man who lives there in the same table and the others in a second people table (Last Name | First Name | Age |
DOB/EDD | Ethnicity | Relationship to child), told apart only by the relationship; a third people table of
professionals (First Name | Family Name | Job Title | Team/Agency | Address | Telephone/Mobile: the GP, the school, the
health visitor); a previous-involvement grid whose options run "No / Yes / Not Known" (NO BEFORE YES), the same
order in the consent questions.

Copied from the stored copy: the title, "Referral TAKEN by:", "Name / Job Title:", "Agency/Team:", "Date of
Referral:", "Time:", "Telephone:", "1. Details of Practitioner MAKING this REFERRAL", "Name of Referrer:", "Job
title:", "Agency:", "Address:", "Post Code:", "Tel/Mobile:", "Email:", "2. CHILD/YOUNG PERSON DETAILS (add any
additional names on separate sheet)", "Last Name", "First Name", "Ethnicity", "1st Language", "Address(es):", "Post
Code(s):", "Tel/ Mobile:", "Carer Last Name", "Carer First Name", "Relationship to child", "Parental Responsibility?",
"M/F", "DOB/Age", "Give carer address(es) here if different from the child's:", "Age", "DOB/EDD", "Are there any
communication /interpreting needs for the child and/or family?", "Does the child and/or family have a disability or
special needs?", "5. Other professionals involved (to include GP and school details)" with its columns (First Name /
Family Name / Job Title / Team/Agency / Address / Telephone/Mobile), "6. Has there been previous statutory,
specialist or targeted involvement?" with its ten rows and "No / Yes / Not Known", "7. Has a common shared
assessment (CAF or UHA been completed? / No / Yes / If yes, please attach", "8. Reason for Referral" and "Identify
whether any of the following Trigger Trio apply" (where the stored text stops). The headings of the two people tables
(numbered 3 and 4 in the original, their text not in the stored copy), the DOB/EDD and M/F columns of the child table,
the Trigger Trio options, the concerns, police reference and DASH lines and the consent questions are laid out in the
same style with plain labels.

Filled per seed: typed ☒ / ☐ boxes, dates "dd/mm/yyyy", "Referral TAKEN by:" left empty but its "Date of Referral:"
filled by the referrer (seed 1); a TELEPHONE referral, the MASH duty worker's name, job title and team in "Referral
TAKEN by:", Word 2010 check boxes, dates "3rd April 1991", the boyfriend among the carers with his own address in the
carers' address cell, two men (seed 2); legacy FORMCHECKBOX boxes, dates "d/m/yyyy", "N/A" in unused cells, the
unborn baby as the child ("Unborn", "EDD …", M/F "Unknown") (seed 3).
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
from tests.corpus.fresh3._kit import due_date, expect_unborn
from tests.corpus.fresh4._kit import age_on, split_address
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import split_name

SOURCE = ("Southampton, 'Safeguarding Children REFERRAL Form to Southampton Multi-Agency Safeguarding Hub (MASH)' "
          "(Referral TAKEN by: Name / Job Title: / Agency/Team: / Date of Referral: / Time: / Telephone:; 1. Details of "
          "Practitioner MAKING this REFERRAL: Name of Referrer: / Job title: / Agency: / Address: / Post Code: / "
          "Tel/Mobile: / Email:; 2. CHILD/YOUNG PERSON DETAILS: Last Name / First Name / Ethnicity / 1st Language / "
          "Address(es): / Post Code(s):; Carer Last Name / Carer First Name / Relationship to child / Parental "
          "Responsibility? / M/F / DOB/Age / Ethnicity; 5. Other professionals involved; 6. Has there been previous "
          "statutory, specialist or targeted involvement? No / Yes / Not Known; 8. Reason for Referral … Trigger "
          "Trio); stored copy: https://docsbay.net/safeguarding-children-referral-form")

FILL = "FBE4D5"
MASH_WORKER = ("Siobhan Greenwood", "Senior Practitioner", "MASH Duty Team")
REFERRER_ADDRESS = "Civic Centre, Exampletown"
REFERRER_POSTCODE = "SO14 9ZZ"
INVOLVEMENT = ("Children's Social Care", "Child and Adolescent Mental Health Service CAMHS",
               "Special Educational Needs or Disability", "Education Welfare Service", "Specialist Health",
               "Adult Services – (Health /Substance Abuse /Disability /Social Services / Housing)",
               "Youth Justice Service", "Police/Probation/", "Housing", "Other")
CARERS = ("Father", "Stepfather", "Mother's boyfriend", "Mother's partner")


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"box": ("☒", "w14", "formcheckbox")[i], "date": ("dd/mm/yyyy", "ordinal", "d/m/yyyy")[i],
            "phoned": i == 1, "blank": ("", "", "N/A")[i]}


def _pairs(table: Any, row: tuple[tuple[str, str], ...]) -> None:
    cells = table.add_row().cells
    at = 0
    for n, (text, value) in enumerate(row):
        label(cells[at], text, fill=FILL)
        span = 1 if n < len(row) - 1 else len(cells) - at - 1
        target = cells[at + 1] if span == 1 else cells[at + 1].merge(cells[at + span])
        write(target, value)
        at += 2


def _choices(cell: _Cell, chosen: str | None, options: tuple[str, ...], style: str, fields: Fields) -> None:
    paragraph = cell.paragraphs[0]
    for k, word in enumerate(options):
        paragraph.add_run(f"{'   ' if k else ''}{word} ")
        box(paragraph, word == chosen, style, fields)


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d, fields, blank = case.values, plan["date"], Fields(), plan["blank"]
    day = v["referral.referrer.date"]
    doc = Document()
    doc.add_heading("Safeguarding Children REFERRAL Form", level=1)
    doc.add_paragraph().add_run("to Southampton Multi-Agency Safeguarding Hub (MASH)").bold = True

    t = grid(doc, 6)
    full_width_row(t, "Referral TAKEN by:", fill=FILL)
    worker = MASH_WORKER if plan["phoned"] else (blank, blank, blank)
    _pairs(t, (("Name / Job Title:", f"{worker[0]} / {worker[1]}" if plan["phoned"] else blank),
               ("Agency/Team:", worker[2])))
    _pairs(t, (("Date of Referral:", date_text(day, d)), ("Time:", "11:05" if plan["phoned"] else blank),
               ("Telephone:", "023 8091 9000" if plan["phoned"] else blank)))
    doc.add_paragraph()

    r = grid(doc, 6)
    full_width_row(r, "1. Details of Practitioner MAKING this REFERRAL", fill=FILL)
    _pairs(r, (("Name of Referrer:", v["referral.referrer.name"]), ("Job title:", v["referral.referrer.role"])))
    _pairs(r, (("Agency:", v["referral.referrer.agency"]), ("Address:", REFERRER_ADDRESS),
               ("Post Code:", REFERRER_POSTCODE)))
    _pairs(r, (("Tel/Mobile:", v["referral.referrer.phone"]), ("Email:", v["referral.referrer.email"])))
    doc.add_paragraph()

    street, postcode = split_address(v["referral.victim.address"])
    surname = split_name(v["referral.victim.name"])[1]
    c = grid(doc, 6)
    full_width_row(c, "2. CHILD/YOUNG PERSON DETAILS (add any additional names on separate sheet)", fill=FILL)
    for cell, text in zip(c.add_row().cells, ("Last Name", "First Name", "DOB/EDD", "M/F", "Ethnicity",
                                               "1st Language")):
        label(cell, text, fill=FILL)
    language = v["referral.victim.first_language"]
    if case.children:
        for i in range(case.children):
            ch = f"referral.children.{i}"
            first, last = split_name(v[f"{ch}.name"])
            for cell, text in zip(c.add_row().cells, (last, first, date_text(v[f"{ch}.dob"], d),
                                                      v[f"{ch}.gender"][0], v["referral.victim.ethnicity"],
                                                      language)):
                write(cell, text)
    else:
        for cell, text in zip(c.add_row().cells, (surname, "Unborn", f"EDD {date_text(due_date(case), d)}",
                                                  "Unknown", v["referral.victim.ethnicity"], blank)):
            write(cell, text)
    _pairs(c, (("Address(es):", street), ("Post Code(s):", postcode)))
    _pairs(c, (("Tel/ Mobile:", v["referral.victim.phone"]), ("Email:", blank)))
    doc.add_paragraph()

    carers = [i for i in range(case.perpetrators) if to_child(case, i) in CARERS]
    others = [i for i in range(case.perpetrators) if i not in carers]
    k = grid(doc, 7)
    full_width_row(k, "3. PARENTS / CARERS", fill=FILL)
    for cell, text in zip(k.add_row().cells, ("Carer Last Name", "Carer First Name", "Relationship to child",
                                               "Parental Responsibility?", "M/F", "DOB/Age", "Ethnicity")):
        label(cell, text, fill=FILL)
    people = [(v["referral.victim.name"], "Mother", "Yes", "F", v["referral.victim.dob"],
               v["referral.victim.ethnicity"])]
    for i in carers:
        q = f"referral.perpetrators.{i}"
        people.append((v[f"{q}.name"], to_child(case, i), "Yes" if to_child(case, i) == "Father" else "No", "M",
                       v[f"{q}.dob"], v[f"{q}.ethnicity"]))
    for name, relationship, pr, mf, dob, ethnicity in people:
        first, last = split_name(name)
        for cell, text in zip(k.add_row().cells, (last, first, relationship, pr, mf,
                                                  f"{date_text(dob, d)} ({age_on(dob, day)})", ethnicity)):
            write(cell, text)
    where = ["Mother: same as child"] + [f"{v[f'referral.perpetrators.{i}.name']}: "
                                        f"{split_address(v[f'referral.perpetrators.{i}.address'])[0]}" for i in carers]
    codes = [""] + [split_address(v[f"referral.perpetrators.{i}.address"])[1] for i in carers]
    _pairs(k, (("Give carer address(es) here if different from the child's:", "\n".join(where)),
               ("Post Code(s):", "\n".join(x for x in codes if x) or blank)))
    _pairs(k, (("Tel/Mobile:", f"Mother: {v['referral.victim.phone']}"), ("Email:", blank)))
    doc.add_paragraph()

    o = grid(doc, 6)
    full_width_row(o, "4. OTHER HOUSEHOLD MEMBERS / SIGNIFICANT OTHERS", fill=FILL)
    for cell, text in zip(o.add_row().cells, ("Last Name", "First Name", "Age", "DOB/EDD", "Ethnicity",
                                               "Relationship to child")):
        label(cell, text, fill=FILL)
    for i in others:
        q = f"referral.perpetrators.{i}"
        first, last = split_name(v[f"{q}.name"])
        for cell, text in zip(o.add_row().cells, (last, first, str(age_on(v[f"{q}.dob"], day)),
                                                  date_text(v[f"{q}.dob"], d), v[f"{q}.ethnicity"],
                                                  to_child(case, i))):
            write(cell, text)
    if not others:
        write(o.add_row().cells[0], blank or "None")
    n = grid(doc, 2)
    interpreter = v["referral.victim.interpreter_language"]
    for text, value in (("Are there any communication /interpreting needs for the child and/or family?",
                         f"Yes – mother's first language is {interpreter}; interpreter needed" if interpreter
                         else "No"),
                        ("Does the child and/or family have a disability or special needs?", "No")):
        cells = n.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value)
    doc.add_paragraph()

    p = grid(doc, 6)
    full_width_row(p, "5. Other professionals involved (to include GP and school details)", fill=FILL)
    for cell, text in zip(p.add_row().cells, ("First Name", "Family Name", "Job Title", "Team/Agency", "Address",
                                               "Telephone/Mobile")):
        label(cell, text, fill=FILL)
    gp = v["referral.victim.gp"]  # "Dr Abbott, Canal Street Surgery"
    doctor, surgery = gp.split(", ", 1)
    rows = [("", doctor.removeprefix("Dr "), "GP", surgery, "Canal Street, Exampletown", "0117 496 0100")]
    if case.children:
        rows.append(("Priya", "Whittaker", "Designated Safeguarding Lead", "Hillside Academy",
                     "Hill Road, Exampletown", "0117 496 0200"))
    else:
        rows.append(("Joanna", "Llewellyn", "Community Midwife", "Exampletown Maternity Unit",
                     "General Hospital, Exampletown", "0117 496 0300"))
    for row in rows:
        for cell, text in zip(p.add_row().cells, row):
            write(cell, text)
    doc.add_paragraph()

    g = grid(doc, 2)
    full_width_row(g, "6. Has there been previous statutory, specialist or targeted involvement?", fill=FILL)
    for service in INVOLVEMENT:
        cells = g.add_row().cells
        write(cells[0], service)
        answer = "Yes" if service in ("Police/Probation/",) else "Not Known" if service == "Housing" else "No"
        _choices(cells[1], answer, ("No", "Yes", "Not Known"), plan["box"], fields)
    cells = g.add_row().cells
    write(cells[0], "7. Has a common shared assessment (CAF or UHA been completed?")
    _choices(cells[1], "No", ("No", "Yes"), plan["box"], fields)
    cells[1].add_paragraph("If yes, please attach")
    doc.add_paragraph()

    w = grid(doc, 2)
    full_width_row(w, "8. Reason for Referral", fill=FILL)
    cells = w.add_row().cells
    label(cells[0], "Identify whether any of the following Trigger Trio apply", fill=FILL)
    paragraph = cells[1].paragraphs[0]
    for k_, (word, on) in enumerate((("Domestic abuse", True), ("Parental mental ill health",
                                                                 bool(v["referral.victim.mental_health"])),
                                     ("Parental substance misuse", bool(v["referral.victim.substance_misuse"])))):
        paragraph.add_run(f"{'   ' if k_ else ''}{word} ")
        box(paragraph, on, plan["box"], fields)
    for text, value in (("What are your concerns?", v["referral.risks_summary"]),
                        ("Police reference / crime number:", v["referral.crime_reference"]),
                        ("DASH risk assessment score (if known):", str(v["referral.dash_score_stated"]))):
        cells = w.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value)
    for text, value in (("Have the parents/carers been informed of this referral?", v["referral.victim_aware"]),
                        ("Have the parents/carers consented to this referral?", v["referral.consent"])):
        cells = w.add_row().cells
        label(cells[0], text, fill=FILL)
        _choices(cells[1], "Yes" if value else "No", ("No", "Yes"), plan["box"], fields)
    cells = w.add_row().cells
    label(cells[0], "If No, why not?", fill=FILL)
    write(cells[1], v["referral.consent_override_reason"] or v["referral.victim_aware_reason"] or blank)
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency", "referral.referrer.phone",
        "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.dob",
        "referral.victim.gender", "referral.victim.ethnicity", "referral.victim.address", "referral.victim.phone",
        "referral.victim_aware", "referral.consent", "referral.crime_reference", "referral.dash_score_stated",
        "referral.risks_summary")}
    found["referral.referrer.address"] = f"{REFERRER_ADDRESS}, {REFERRER_POSTCODE}"
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        for k in ("name", "dob", "ethnicity"):
            found[f"{q}.{k}"] = v[f"{q}.{k}"]
        if to_child(case, i) in CARERS:
            found[f"{q}.address"] = v[f"{q}.address"]
    expect_unborn(found, case)
    for i in range(case.children):
        c = f"referral.children.{i}"
        for k in ("name", "dob", "gender"):
            found[f"{c}.{k}"] = v[f"{c}.{k}"]
        found[f"{c}.address"] = v["referral.victim.address"]
    return found


FORMS = [AreaForm("southampton-mash-referral",
                  "Southampton (Safeguarding Children REFERRAL Form to the Multi-Agency Safeguarding Hub)", SOURCE,
                  "referral", build, expected)]
