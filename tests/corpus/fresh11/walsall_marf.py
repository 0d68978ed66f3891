"""Walsall's children's "Multi Agency Referral Form (MARF)" (Walsall Safeguarding Children Board, "Better Together for
Children"; a confirmation of a referral to the Initial Response Service's Multi Agency Screening Team, MAST), used for
a domestic abuse case: a "1. Context" list of statements, each with a tick box ("I am completing this referral
because: (please tick as appropriate):"), the referrer as Label | answer rows, then the PEOPLE IN TABLES WITH HEADER
ROWS: the children (Surname | Forename(s) | DOB | Gender | School / Nursery | Address) and the adults
(Name | Relationship to child | DOB | Address | Telephone | Role in the concerns), where the mother's row says
"Victim of domestic abuse" and each man's row "Alleged perpetrator"; awareness and consent as Yes / No boxes with a
reason box; the concerns in one free-text box.

Copied from the stored copy: the title lines "Multi Agency Referral Form (MARF) STRICTLY CONFIDENTIAL", "Better
Together for Children", "Multi-Agency Confirmation of Referral to Walsall's Children's Services Initial Response
Service – Multi Agency Screening Team (MAST)", "1. Context", "I am completing this referral because: (please tick as
appropriate):" and the first statement "I CONSIDER THIS CHILD IS AT RISK OF SIGNIFICANT HARM" (where the stored text
stops). The rest (sections 2 to 6 and their labels) is laid out in the same style with plain labels; no guidance
text of the original is copied.

Filled per seed: typed ☒ / ☐ boxes, dates "dd/mm/yyyy", the man's telephone left as Word's "Click here to enter
text." (seed 1); Word 2010 check boxes, dates "3rd April 1991", two men in the adults' table (seed 2); legacy
FORMCHECKBOX boxes, dates "3.4.91", no children: the children's table holds one "N/A" row (seed 3).
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
from tests.corpus.fresh3._kit import expect_children_at_home, expect_each, expect_head
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import split_name

SOURCE = ("Walsall Safeguarding Children Board, 'Multi Agency Referral Form (MARF) STRICTLY CONFIDENTIAL' / 'Better "
          "Together for Children' / 'Multi-Agency Confirmation of Referral to Walsall's Children's Services Initial "
          "Response Service – Multi Agency Screening Team (MAST)' (1. Context: I am completing this referral because: "
          "(please tick as appropriate): I CONSIDER THIS CHILD IS AT RISK OF SIGNIFICANT HARM …); stored copy: "
          "https://docsbay.net/better-together-for-children")

FILL = "E2EFD9"
REFERRER_ADDRESS = "Civic Centre, Darwall Street, Exampletown, WS1 9ZZ"
CONTEXT = ("I CONSIDER THIS CHILD IS AT RISK OF SIGNIFICANT HARM",
           "I consider this child to be a child in need of services",
           "I am requesting early help for this child and family")


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"box": ("☒", "w14", "formcheckbox")[i], "date": ("dd/mm/yyyy", "ordinal", "d.m.yy")[i],
            "placeholders": i == 0, "blank": ("None", "None", "N/A")[i]}


def _row(table: Any, text: str, value: str) -> None:
    cells = table.add_row().cells
    label(cells[0], text, fill=FILL)
    write(cells[1], value)


def _yes_no(cell: Any, value: bool, style: str, fields: Fields) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.add_run("Yes ")
    box(paragraph, value, style, fields)
    paragraph.add_run("    No ")
    box(paragraph, not value, style, fields)


def _header(table: Any, texts: tuple[str, ...]) -> None:
    for cell, text in zip(table.add_row().cells, texts):
        label(cell, text, fill=FILL)


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d, fields = case.values, plan["date"], Fields()
    doc = Document()
    title = doc.add_paragraph()
    title.add_run("Multi Agency Referral Form (MARF) STRICTLY CONFIDENTIAL").bold = True
    doc.add_paragraph().add_run("Better Together for Children").italic = True
    doc.add_paragraph().add_run("Multi-Agency Confirmation of Referral to Walsall's Children's Services Initial "
                                "Response Service – Multi Agency Screening Team (MAST)").bold = True

    c = grid(doc, 2)
    full_width_row(c, "1.  Context", fill=FILL)
    merged = c.add_row().cells
    merged = merged[0].merge(merged[1])
    merged.paragraphs[0].add_run("I am completing this referral because: (please tick as appropriate):").bold = True
    for k, text in enumerate(CONTEXT):
        cells = c.add_row().cells
        write(cells[0], text)
        box(cells[1].paragraphs[0], k == 0, plan["box"], fields)
    doc.add_paragraph()

    r = grid(doc, 2)
    full_width_row(r, "2.  Details of the person making the referral", fill=FILL)
    for text, value in (("Name", v["referral.referrer.name"]), ("Job title", v["referral.referrer.role"]),
                        ("Agency", v["referral.referrer.agency"]), ("Address", REFERRER_ADDRESS),
                        ("Telephone", v["referral.referrer.phone"]), ("Email", v["referral.referrer.email"]),
                        ("Date of referral", date_text(v["referral.referrer.date"], d))):
        _row(r, text, value)
    doc.add_paragraph()

    ch = grid(doc, 6)
    full_width_row(ch, "3.  Details of the child / children", fill=FILL)
    _header(ch, ("Surname", "Forename(s)", "DOB", "Gender", "School / Nursery", "Address"))
    for i in range(case.children):
        p = f"referral.children.{i}"
        first, last = split_name(v[f"{p}.name"])
        for cell, text in zip(ch.add_row().cells, (last, first, date_text(v[f"{p}.dob"], d), v[f"{p}.gender"],
                                                   v[f"{p}.school"], "As mother" if i else v["referral.victim.address"])):
            write(cell, text)
    if not case.children:
        write(ch.add_row().cells[0], plan["blank"])
    doc.add_paragraph()

    a = grid(doc, 6)
    full_width_row(a, "4.  Parents / carers and other significant adults", fill=FILL)
    _header(a, ("Name", "Relationship to child", "DOB", "Address", "Telephone", "Role in the concerns"))
    mother = (v["referral.victim.name"], "Mother" if case.children else "Parent",
              date_text(v["referral.victim.dob"], d), v["referral.victim.address"], v["referral.victim.phone"],
              "Victim of domestic abuse")
    for cell, text in zip(a.add_row().cells, mother):
        write(cell, text)
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        relation = to_child(case, i) if case.children else f"Mother's {v[q + '.relationship_to_victim'].lower()}"
        cells = a.add_row().cells
        for cell, text in zip(cells, (v[f"{q}.name"], relation, date_text(v[f"{q}.dob"], d), v[f"{q}.address"])):
            write(cell, text)
        if plan["placeholders"]:
            placeholder_control(cells[4].paragraphs[0])
        else:
            write(cells[4], "Not known")
        write(cells[5], "Alleged perpetrator")
    doc.add_paragraph()

    k = grid(doc, 2)
    full_width_row(k, "5.  Parental awareness and consent", fill=FILL)
    cells = k.add_row().cells
    label(cells[0], "Are the parents/carers aware of this referral?", fill=FILL)
    _yes_no(cells[1], bool(v["referral.victim_aware"]), plan["box"], fields)
    _row(k, "If no, please give the reason", v["referral.victim_aware_reason"] or plan["blank"])
    cells = k.add_row().cells
    label(cells[0], "Have the parents/carers consented to this referral?", fill=FILL)
    _yes_no(cells[1], bool(v["referral.consent"]), plan["box"], fields)
    _row(k, "If no, why is the referral being made without consent?",
         v["referral.consent_override_reason"] or plan["blank"])
    doc.add_paragraph()

    s = grid(doc, 2)
    full_width_row(s, "6.  Reason for referral", fill=FILL)
    _row(s, "What are your concerns?", v["referral.risks_summary"])
    _row(s, "Police involvement (crime reference number)", v["referral.crime_reference"])
    _row(s, "DASH risk checklist score (if completed)", str(v["referral.dash_score_stated"]))
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    found = expect_head(case)
    found["referral.referrer.address"] = REFERRER_ADDRESS
    expect_each(found, case, "perpetrators", ("name", "dob", "address"))
    expect_children_at_home(found, case, ("name", "dob", "gender", "school"))
    return found


FORMS = [AreaForm("walsall-marf", "Walsall (children's Multi Agency Referral Form to MAST)", SOURCE, "referral",
                  build, expected)]
