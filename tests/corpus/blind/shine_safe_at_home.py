"""Shine safe@home referral (Auckland, New Zealand): numbered sections, first and last names in separate boxes,
the address split into Street / Suburb / City, three label|answer pairs to a row, the perpetrator called "the
offender" and described last, answers chosen by deleting the options that do not apply ("Please circle").

Follows the published "Shine safe@home Referral Form" (Shine, Auckland; stored copy: docsbay.net, see SOURCE).
Taken from it: the title and the note "Please complete details ONLY where information is known!"; "SECTION ONE:
Referrer Details" (Referrer: / Referral date:, Agency: / Initial Contact, "Brief victim/offender history and reason
for Shine safe@home referral."); "SECTION TWO: Victim Details" (First Name / DOB / Age, Last Name / Ethnicity /
Gender, Street / Suburb, City / Home Ph, Email / Mobile, Risk Score / Interpreter required Yes No, "Property
Ownership: Housing NZ Corp  Private Rental  Own Home", "Does victim have a current partner? If yes, record name and
dob.", "Protection Order Yes No Applying for…", "If Yes, date/location" / "Lawyer"); "SECTION THREE: Child
Details" (First name / Last Name / DOB / Age / F/M / Ethnicity / Relationship to offender, then "Parenting Order:
Yes No Applying for…", "Details of any child access arrangements?", "Does anyone else live in the home and who are
they?", "Total number of residents in the home:"); "SECTION FOUR: Victim Employment/Income Status" ("Please circle:
Employed fulltime  Employed part-time  Unemployed  Student  Beneficiary", "If employed, what occupation?", "What
are the days, hours worked?"); "SECTION FIVE: Victim's Health Information" (pregnant / mental health / drug or
alcohol issues / other health issues, each "No  Yes, details:"); "SECTION SIX: Agencies Involved" ("Is this family
known to CYFs? Yes No", "Is it an open case? Yes No", the columns Name of organisation / contact person, phone &
email / type of involvement, first row "Child, Youth & Family"); "SECTION SEVEN: Offender Details" (First Name /
Last Name, aka / Ethnicity, DOB / Gender / PRN, "Employment/ Income Status:" circled, "Has carpentry or DIY
skills?"). The copied text stops there. The disability rows of Section Three are left out.

Filled per seed: Yes/No and the "Please circle" lists answered by deleting every option but the one that applies
(or by ticking a box, for "Interpreter required"); the housing chosen from the three printed options; health
answers "No" or "Yes, details: …"; a social worker named with her phone number in Section Six (not the referrer);
a second offender in a copied Section Seven on seed 2; "No children" in the table on seed 3. The invented people
keep the corpus' UK telephone numbers; the addresses have no postcode (the form asks for none).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from docx import Document
from docx.table import Table

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.heldout._kit import grid, label, rng_for, save
from tests.corpus.unseen._kit import split_name

SOURCE = ("Shine (Auckland, New Zealand), 'Shine safe@home Referral Form' (SECTION ONE Referrer Details to SECTION SEVEN "
          "Offender Details: First Name / Last Name, Street / Suburb / City, Child Details with Relationship to "
          "offender); stored copy: https://docsbay.net/doc/975728/please-complete-details-only-where-information-is-"
          "known; service page: 2shine.org.nz 'Shine Safe At Home'")
TODAY = dt.date(2026, 11, 2)
HOUSING = {"Council tenant": "Housing NZ Corp", "Housing association (Riverside)": "Housing NZ Corp",
           "Private rented": "Private Rental", "Owner occupier": "Own Home"}
EMPLOYED = ("Care assistant", "Retail")
FILL = "FDE9D9"


def _plan(case: Case) -> dict[str, Any]:
    rng = rng_for(case, 97)
    return {"date": ("dd/mm/yyyy", "d/m/yyyy", "dd.mm.yyyy")[case.seed % 3], "tick": ("☒", "w14", "wingdings")[case.seed % 3],
            "gender_word": rng.random() < 0.5, "suburb": rng.choice(("Riverside", "Hillcrest", "Northcote"))}


def _age(iso: str) -> int:
    born = dt.date.fromisoformat(iso)
    return TODAY.year - born.year - ((TODAY.month, TODAY.day) < (born.month, born.day))


def _address(case: Case, path: str, suburb: str) -> tuple[str, str, str]:
    street, town, _postcode = (part.strip() for part in case.values[path].split(","))
    return street, suburb, town


def _row(table: Table, pairs: list[tuple[str, str]]) -> None:
    cells = table.add_row().cells
    for index, (text, value) in enumerate(pairs):
        label(cells[index * 2], text, fill=FILL)
        write(cells[index * 2 + 1], value)
    used = len(pairs) * 2
    if used < len(cells):
        cells[used - 1].merge(cells[-1])


def _circle(options: list[str], chosen: str | None) -> str:
    """'Please circle': in Word the referrer deletes the options that do not apply."""
    return chosen if chosen else "  ".join(options)


def _yes_details(value: str | None) -> str:
    return f"Yes, details: {value}" if value else "No"


def _relationship(text: str) -> str:
    return "" if text == "None" else text


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    fields = Fields()
    doc = Document()
    doc.add_heading("Shine safe@home Referral Form", level=1)
    doc.add_paragraph().add_run("Please complete details ONLY where information is known!").bold = True

    one = grid(doc, 4)
    full_width_row(one, "SECTION ONE: Referrer Details", fill="E6B8B7")
    _row(one, [("Referrer:", v["referral.referrer.name"]), ("Referral date:", date_text(v["referral.referrer.date"], d))])
    _row(one, [("Agency:", v["referral.referrer.agency"]), ("Initial Contact", "Phone call from the victim")])
    cells = one.add_row().cells
    merged = cells[0].merge(cells[-1])
    merged.paragraphs[0].add_run("Brief victim/offender history and reason for Shine safe@home referral.").bold = True
    merged.add_paragraph(v["referral.risks_summary"])

    doc.add_paragraph()
    two = grid(doc, 6)
    full_width_row(two, "SECTION TWO: Victim Details", fill="E6B8B7")
    first, last = split_name(v["referral.victim.name"])
    gender = "Female" if plan["gender_word"] else "F"
    _row(two, [("First Name", first), ("DOB", date_text(v["referral.victim.dob"], d)),
               ("Age", str(_age(v["referral.victim.dob"])))])
    _row(two, [("Last Name", last), ("Ethnicity", v["referral.victim.ethnicity"]), ("Gender", gender)])
    street, suburb, city = _address(case, "referral.victim.address", plan["suburb"])
    _row(two, [("Street", street), ("Suburb", suburb)])
    _row(two, [("City", city), ("Home Ph", "")])
    _row(two, [("Email", ""), ("Mobile", v["referral.victim.phone"])])
    cells = two.add_row().cells
    label(cells[0], "Risk Score", fill=FILL)
    write(cells[1], "High")
    label(cells[2], "Interpreter required", fill=FILL)
    target = cells[3].merge(cells[5])
    interpreter = v["referral.victim.interpreter_language"]
    paragraph = target.paragraphs[0]
    for word, on in (("Yes", bool(interpreter)), ("No", not interpreter)):
        paragraph.add_run(f"{word} ")
        box(paragraph, on, plan["tick"], fields)
        paragraph.add_run("  ")
    if interpreter:
        paragraph.add_run(f"({interpreter})")
    cells = two.add_row().cells
    label(cells[0], "Property Ownership:", fill=FILL)
    write(cells[1].merge(cells[5]), _circle(["Housing NZ Corp", "Private Rental", "Own Home"],
                                             HOUSING[v["referral.victim.housing"]]))
    current = v["referral.perpetrators.0.relationship_to_victim"] in ("Partner", "Husband", "Boyfriend")
    cells = two.add_row().cells
    label(cells[0].merge(cells[2]), "Does victim have a current partner? If yes, record name and dob.", fill=FILL)
    write(cells[3].merge(cells[5]), "Yes – the offender (see Section Seven)" if current else "No")
    _row(two, [("Protection Order", "Applying for…"), ("If Yes, date/location", "N/A"), ("Lawyer", "Not yet")])

    doc.add_paragraph()
    heads = ("First name", "Last Name", "DOB", "Age", "F/M", "Ethnicity", "Relationship to offender")
    three = grid(doc, len(heads))
    full_width_row(three, "SECTION THREE: Child Details", fill="E6B8B7")
    for cell, text in zip(three.add_row().cells, heads):
        label(cell, text, fill=FILL)
    for i in range(case.children):
        c = f"referral.children.{i}"
        cf, cl = split_name(v[f"{c}.name"])
        texts = (cf, cl, date_text(v[f"{c}.dob"], d), str(_age(v[f"{c}.dob"])), v[f"{c}.gender"][0],
                 v["referral.victim.ethnicity"], _relationship(v[f"{c}.relationship_to_perpetrator"]))
        for cell, text in zip(three.add_row().cells, texts):
            write(cell, text)
    if not case.children:
        for cell, text in zip(three.add_row().cells, ("No children",) + ("",) * 6):
            write(cell, text)
    for text, value in (("Parenting Order:", "No" if case.children else "N/A"),
                        ("Details of any child access arrangements?", "None at present" if case.children else "N/A"),
                        ("Does anyone else live in the home and who are they?", "No"),
                        ("Total number of residents in the home:", str(1 + case.children))):
        cells = three.add_row().cells
        label(cells[0].merge(cells[2]), text, fill=FILL)
        write(cells[3].merge(cells[6]), value)

    doc.add_paragraph()
    four = grid(doc, 2)
    full_width_row(four, "SECTION FOUR: Victim Employment/Income Status", fill="E6B8B7")
    occupation = v["referral.victim.occupation"]
    status = {"Unemployed": "Unemployed", "Student": "Student"}.get(occupation, "Employed part-time")
    for text, value in (("Please circle:", _circle(["Employed fulltime", "Employed part-time", "Unemployed", "Student",
                                                    "Beneficiary"], status)),
                        ("If employed, what occupation?", occupation if occupation in EMPLOYED else ""),
                        ("What are the days, hours worked?", "Mon–Wed, 9am–3pm" if occupation in EMPLOYED else "")):
        cells = four.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value)

    doc.add_paragraph()
    five = grid(doc, 2)
    full_width_row(five, "SECTION FIVE: Victim's Health Information", fill="E6B8B7")
    due = "Yes, due date: 14/04/2027" if v["referral.victim.pregnant"] else "No"
    for text, value in (("Is the victim pregnant?", due),
                        ("Does the victim have any mental health issues?", _yes_details(v["referral.victim.mental_health"])),
                        ("Does the victim have any drug or alcohol issues?",
                         _yes_details(v["referral.victim.substance_misuse"])),
                        ("Does the victim have any other significant health issues?", "No")):
        cells = five.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value)

    doc.add_paragraph()
    six = grid(doc, 4)
    full_width_row(six, "SECTION SIX: Agencies Involved", fill="E6B8B7")
    _row(six, [("Is this family known to CYFs?", "Yes" if case.children else "No"),
               ("Is it an open case?", "Yes" if case.children else "No")])
    for cell, text in zip(six.add_row().cells, ("Name of organisation", "contact person, phone & email",
                                                "type of involvement", "")):
        if text:
            label(cell, text, fill=FILL)
    cells = six.add_row().cells
    write(cells[0], "Child, Youth & Family")
    write(cells[1], "Sam Example, 07700 900444, sam.example@example.govt.nz" if case.children else "")
    write(cells[2], "Social worker for the children" if case.children else "")

    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        doc.add_paragraph()
        seven = grid(doc, 6)
        full_width_row(seven, "SECTION SEVEN: Offender Details", fill="E6B8B7")
        pf, pl = split_name(v[f"{q}.name"])
        _row(seven, [("First Name", pf), ("Last Name", pl)])
        _row(seven, [("aka", ", ".join(v[f"{q}.aliases"])), ("Ethnicity", v[f"{q}.ethnicity"])])
        _row(seven, [("DOB", date_text(v[f"{q}.dob"], d)), ("Gender", "Male" if plan["gender_word"] else "M"),
                     ("PRN", f"PRN{case.seed}{i}4417")])
        job = v[f"{q}.occupation"]
        cells = seven.add_row().cells
        label(cells[0].merge(cells[1]), "Employment/ Income Status:", fill=FILL)
        write(cells[2].merge(cells[5]), _circle([], "Unemployed" if job == "Unemployed" else "Employed fulltime"))
        cells = seven.add_row().cells
        label(cells[0].merge(cells[1]), "Has carpentry or DIY skills?", fill=FILL)
        write(cells[2].merge(cells[5]), "Yes – works as a builder" if job == "Builder" else "Not known")
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    plan = _plan(case)
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.date", "referral.referrer.agency", "referral.risks_summary",
        "referral.victim.name", "referral.victim.dob", "referral.victim.ethnicity",
        "referral.victim.phone", "referral.victim.interpreter_language", "referral.victim.pregnant",
        "referral.victim.mental_health", "referral.victim.substance_misuse")}
    found["referral.victim.gender"] = "Female"
    found["referral.victim.age"] = _age(v["referral.victim.dob"])
    found["referral.victim.address"] = ", ".join(_address(case, "referral.victim.address", plan["suburb"]))
    found["referral.victim.housing"] = HOUSING[v["referral.victim.housing"]]
    if v["referral.victim.occupation"] in EMPLOYED:
        found["referral.victim.occupation"] = v["referral.victim.occupation"]
    for i in range(case.children):
        c = f"referral.children.{i}"
        for k in ("name", "dob", "gender"):
            found[f"{c}.{k}"] = v[f"{c}.{k}"]
        found[f"{c}.relationship_to_perpetrator"] = _relationship(v[f"{c}.relationship_to_perpetrator"]) or None
    if not case.children:
        found["referral.children"] = []
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        for k in ("name", "aliases", "ethnicity", "dob"):
            found[f"{q}.{k}"] = v[f"{q}.{k}"]
        found[f"{q}.gender"] = "Male"
    return found


FORMS = [AreaForm("shine-safe-at-home", "Auckland, New Zealand (Shine)", SOURCE, "referral", build, expected)]
