"""Safer London's "Pan-London Housing Reciprocal Urgent Property Request", the housing move form a MARAC coordinator
often sees beside a referral for a social tenant at risk of domestic abuse: an ANONYMOUS referral. The form says
"Please DO NOT include the applicant's name anywhere in this section or on this form", so the victim is never named:
she is the row "Applicant" in a table of the adults requesting to move, with only an age and a gender; the children
are rows of relationship / age / gender; the person she is at risk from is only a relationship ("Ex-partner") in the
risk section; the one named person is the professional who fills it in, the "Nominating Officer", in a column of
their own, with (seed 2) a second nominating officer from the landlord in the column beside.

Copied from the stored copy: the title, "The applicant has given consent for this application to be made and is aware
that the information on this form will be shared and used anonymously for monitoring/research ☐Yes / Date:",
"Section 1 – Applicant's housing and household details", "Please DO NOT include the applicant's name anywhere in this
section or on this form.", "PLHR Application Reference Code:" with its printed "TO BE ASSIGNED BY SAFER LONDON Format:
ARC-01-16", "Applicant's landlord (Local Authority or Housing Provider)", "Borough of Residence", "Number of bedrooms,
floor and type of current property", "Tenancy Type", "Is the household currently overcrowded?" and "Details of adults
(above 18) requesting to move", where the stored text stops. "Nominating Officer" is the scheme's own word (Safer
London's pages for professionals and tenants); the rest (the children's rows, "Section 2 – Risk", "Section 3 –
Nominating Officer details") is laid out in the same style with plain labels.

Filled per seed: typed ☒ boxes, dates "dd/mm/yyyy", ages as figures (seed 1); Word 2010 check boxes, dates
"d.m.yy", ages "34 yrs", two nominating officers (seed 2); legacy FORMCHECKBOX boxes, dates "3rd April 1991", no
children (seed 3). Where the applicant has not consented the consent box is left empty (the form has no "No").
"""
from __future__ import annotations

from typing import Any

from docx import Document

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.fresh4._kit import age_on
from tests.corpus.heldout._kit import grid, label, save

SOURCE = ("Safer London, 'Pan-London Housing Reciprocal Urgent Property Request' (The applicant has given consent for "
          "this application to be made … ☐Yes / Date:; Section 1 – Applicant's housing and household details; Please "
          "DO NOT include the applicant's name anywhere in this section or on this form; PLHR Application Reference "
          "Code; Applicant's landlord (Local Authority or Housing Provider); Borough of Residence; Tenancy Type; "
          "Details of adults (above 18) requesting to move); stored copy: "
          "https://docest.com/doc/122470/bcha-referral-form; scheme pages: saferlondon.org.uk 'Pan-London Housing "
          "Reciprocal'")

FILL = "E2EFD9"
LANDLORD_OFFICER = ("Marcus Delaney", "Tenancy Sustainment Officer", "Riverside Housing Association",
                    "07700 900917", "marcus.delaney@riverside.example.org.uk")


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"box": ("☒", "w14", "formcheckbox")[i], "date": ("dd/mm/yyyy", "d.m.yy", "ordinal")[i],
            "age": ("{}", "{} yrs", "{}")[i], "two_officers": i == 1}


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d, fields = case.values, plan["date"], Fields()
    on = v["referral.referrer.date"]
    doc = Document()
    doc.add_heading("Pan-London Housing Reciprocal Urgent Property Request", level=1)
    doc.add_paragraph("Nominating agencies: complete every relevant field and send this form as a Word document to "
                      "Safer London by secure email.")

    t = grid(doc, 3)
    cells = t.add_row().cells
    write(cells[0], "The applicant has given consent for this application to be made and is aware that the "
                    "information on this form will be shared and used anonymously for monitoring/research")
    paragraph = cells[1].paragraphs[0]
    box(paragraph, bool(v["referral.consent"]), plan["box"], fields)
    paragraph.add_run("Yes")
    cells[2].paragraphs[0].add_run("Date: ").bold = True
    cells[2].paragraphs[0].add_run(date_text(on, d))
    doc.add_paragraph()

    h = grid(doc, 2)
    full_width_row(h, "Section 1 – Applicant's housing and household details", fill="A8D08D")
    full_width_row(h, "Please DO NOT include the applicant's name anywhere in this section or on this form.",
                   fill=None)
    for text, value in (("PLHR Application Reference Code:", "TO BE ASSIGNED BY SAFER LONDON Format: ARC-01-16"),
                        ("Applicant's landlord\n(Local Authority or Housing Provider)", "Riverside Housing Association"),
                        ("Borough of Residence", "London Borough of Exampleham"),
                        ("Number of bedrooms, floor and type of current property", "2 bedrooms, 3rd floor flat"),
                        ("Tenancy Type", "Assured (housing association)"),
                        ("Is the household currently overcrowded?", "No")):
        cells = h.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value)
    doc.add_paragraph()

    a = grid(doc, 4)
    full_width_row(a, "Details of adults (above 18) requesting to move (please specify if any adult has support "
                      "needs)", fill="A8D08D")
    for cell, text in zip(a.add_row().cells, ("Relationship to applicant", "Age", "Gender", "Support needs")):
        label(cell, text, fill=FILL)
    for cell, text in zip(a.add_row().cells, ("Applicant", plan["age"].format(v["referral.victim.age"]),
                                               v["referral.victim.gender"],
                                               v["referral.victim.mental_health"] or "None")):
        write(cell, text)
    doc.add_paragraph()

    k = grid(doc, 3)
    full_width_row(k, "Details of children (under 18) requesting to move", fill="A8D08D")
    for cell, text in zip(k.add_row().cells, ("Relationship to applicant", "Age", "Gender")):
        label(cell, text, fill=FILL)
    for i in range(max(case.children, 1)):
        cells = k.add_row().cells
        if i >= case.children:
            write(cells[0], "N/A")
            continue
        ch = f"referral.children.{i}"
        for cell, text in zip(cells, (v[f"{ch}.relationship_to_victim"],
                                      plan["age"].format(age_on(v[f"{ch}.dob"], on)), v[f"{ch}.gender"])):
            write(cell, text)
    doc.add_paragraph()

    r = grid(doc, 2)
    full_width_row(r, "Section 2 – Risk", fill="A8D08D")
    cells = r.add_row().cells
    label(cells[0], "Type of risk (tick all that apply)", fill=FILL)
    paragraph = cells[1].paragraphs[0]
    for index, (word, ticked) in enumerate((("Domestic abuse", True), ("Sexual violence", False),
                                            ("Hate crime", False), ("Serious youth violence", False))):
        if index:
            paragraph.add_run("   ")
        box(paragraph, ticked, plan["box"], fields)
        paragraph.add_run(f" {word}")
    relations = [v[f"referral.perpetrators.{i}.relationship_to_victim"] for i in range(case.perpetrators)]
    whom = relations[0] if len(relations) == 1 else \
        "\n".join(f"Perpetrator {n + 1}: {text}" for n, text in enumerate(relations))
    for text, value in (("Relationship of the person(s) posing the risk to the applicant", whom),
                        ("Summary of the risk to the household in the current borough", v["referral.risks_summary"]),
                        ("DASH score (if completed)", str(v["referral.dash_score_stated"])),
                        ("Police crime reference number (if reported)", v["referral.crime_reference"]),
                        ("Boroughs the applicant cannot move to", "Exampleham, Westbury, Northfield"),
                        ("Boroughs requested (minimum of five)", "Any five outside East London")):
        cells = r.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value)
    doc.add_paragraph()

    officers = [(v["referral.referrer.name"], v["referral.referrer.role"], v["referral.referrer.agency"],
                 v["referral.referrer.phone"], v["referral.referrer.email"])]
    if plan["two_officers"]:
        officers.append(LANDLORD_OFFICER)
    n = grid(doc, 1 + len(officers))
    full_width_row(n, "Section 3 – Nominating Officer details", fill="A8D08D")
    heads = [""] + ([f"Nominating Officer {i + 1}" for i in range(len(officers))] if len(officers) > 1 else
                    ["Nominating Officer"])
    for cell, text in zip(n.add_row().cells, heads):
        label(cell, text, fill=FILL)
    for row, text in enumerate(("Name", "Job title", "Organisation", "Telephone", "Secure email")):
        cells = n.add_row().cells
        label(cells[0], text, fill=FILL)
        for cell, officer in zip(cells[1:], officers):
            write(cell, officer[row])
    cells = n.add_row().cells
    label(cells[0], "Date of request", fill=FILL)
    write(cells[1], date_text(on, d))
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency", "referral.referrer.phone",
        "referral.referrer.email", "referral.referrer.date", "referral.victim.age", "referral.victim.gender",
        "referral.dash_score_stated", "referral.crime_reference", "referral.risks_summary")}
    if v["referral.consent"]:
        found["referral.consent"] = True
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}.relationship_to_victim"
        found[q] = v[q]
    return found


FORMS = [AreaForm("plhr-property-request",
                  "Safer London (Pan-London Housing Reciprocal, a domestic abuse housing move; the applicant is never "
                  "named)", SOURCE, "referral", build, expected)]
