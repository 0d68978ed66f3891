"""Nottingham City Council Children's Services' "Multi Agency Referral Form (MARF)", used for a domestic abuse case: the
form OPENS with "CONSENT AND CONFIDENTIALITY", question rows whose "YES" and "NO" (and "NO/NA") sit in cells of their
own beside the question (the referrer deletes one, or highlights it), each followed by a free-text "views" row; then
the referrer as "Name of person completing referral" with "Relationship to child" (the referrer's role towards the
child, not a family relationship) and "Date / Tel No." side by side; then the CAF question; then "Presenting issues
in the family household at the time of this referral" as a TICK LIST of the Priority Families criteria in which
domestic abuse is only one box; the family's people follow as one table per household (children and adults together,
"Role in household" saying who is the victim and who the alleged perpetrator).

Follows the published Nottingham City MARF (stored copy: docest.com, see SOURCE). Taken from it: the title, "This form
should be used to make a referral to Nottingham City Council Children's Services" (shortened), "CONSENT AND
CONFIDENTIALITY", "Has this referral been discussed with the parent/carer ?", "Has the parent given consent to the
referral being made?", "What are the parents/carers views about your concerns and this referral?", "Has this referral
been discussed with the child/young person?" with "YES / NO/NA", "What are the child/young person's views about your
concerns and this referral?", "If the answer is 'no' to any of the above please state reason why.", "Name of person
completing referral", "Relationship to child", "Date / Tel No.", "Secure email", "Address", "Have you initiated or
completed a CAF/ Priority Families Assessment? YES / NO", "Name and contact details of Lead Worker:", "Presenting
issues in the family household at the time of this referral" and its first items ("Parents & children involved in
crime or anti-social behaviour", "Children have not been attending school regularly", "Children who need help",
"Adult…"). The guidance sentences are paraphrased. The stored text stops in the presenting issues; the remaining
issue boxes and the household table use plain labels.

Filled per seed: YES / NO answered by deleting the other word (seed 1), by highlighting the answer (seed 2) or by
typing "X" beside it (seed 3); the tick list ticked with ☒ / ☐ boxes, a typed ✓, or Word check boxes; the household
table's dates "dd/mm/yyyy", "d/m/yyyy" or "3 April 1991"; the case without children (seed 3) has the unborn baby as the
household's first row ("Unborn – EDD …").
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.table import _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.fresh3._kit import due_date
from tests.corpus.heldout._kit import grid, label, save

from ._kit import expect_each, expect_unborn

SOURCE = ("Nottingham City Council, 'CHILDREN'S SERVICES Multi Agency Referral Form (MARF)' (CONSENT AND "
          "CONFIDENTIALITY questions with YES / NO cells; Name of person completing referral / Relationship to child "
          "/ Date / Tel No. / Secure email / Address; Presenting issues in the family household at the time of this "
          "referral); stored copy: https://docest.com/doc/344622/children-s-services-multi-agency-referral-form-marf")

FILL = "E2EFD9"
ISSUES = ["Parents & children involved in crime or anti-social behaviour",
          "Children have not been attending school regularly", "Children who need help",
          "Adults out of work or at risk of financial exclusion", "Families affected by domestic violence and abuse",
          "Parents and children with a range of health problems"]


def _plan(case: Case) -> dict[str, Any]:
    return {"yes_no": ("delete", "highlight", "x")[(case.seed - 1) % 3],
            "tick": ("☒", "✓", "w14")[(case.seed - 1) % 3],
            "date": ("dd/mm/yyyy", "d/m/yyyy", "d month yyyy")[(case.seed - 1) % 3]}


def _answer(cells: list[_Cell], options: list[str], chosen: str, how: str) -> None:
    for cell, option in zip(cells, options):
        if how == "delete":
            write(cell, option if option == chosen else "")
        elif how == "highlight":
            run = cell.paragraphs[0].add_run(option)
            if option == chosen:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                run.bold = True
        else:
            write(cell, f"{option} X" if option == chosen else option)


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    fields = Fields()
    doc = Document()
    doc.add_heading("CHILDREN'S SERVICES Multi Agency Referral Form (MARF)", level=1)
    doc.add_paragraph("This form should be used to make a referral to Nottingham City Council Children's Services. If "
                      "a child is at immediate risk contact the Police; urgent concerns by telephone first, then this "
                      "form within 48 hours by secure email.")

    t = grid(doc, 3)
    full_width_row(t, "CONSENT AND CONFIDENTIALITY", fill=FILL)
    consent = v["referral.consent"]
    rows = [("Has this referral been discussed with the parent/carer ?", ["YES", "NO"],
             "YES" if v["referral.victim_aware"] else "NO"),
            ("Has the parent given consent to the referral being made?", ["YES", "NO"], "YES" if consent else "NO")]
    for question, options, chosen in rows:
        cells = t.add_row().cells
        label(cells[0], question, fill=FILL)
        _answer(cells[1:], options, chosen, plan["yes_no"])
    cells = t.add_row().cells
    label(cells[0], "What are the parents/carers views about your concerns and this referral?", fill=FILL)
    write(cells[1].merge(cells[2]), v["referral.victim_wishes"] if v["referral.victim_aware"] else "")
    if case.children:
        cells = t.add_row().cells
        label(cells[0], "Has this referral been discussed with the child/young person?", fill=FILL)
        _answer(cells[1:], ["YES", "NO/NA"], "NO/NA", plan["yes_no"])
        cells = t.add_row().cells
        label(cells[0], "What are the child/young person's views about your concerns and this referral?", fill=FILL)
        write(cells[1].merge(cells[2]), "Not discussed: too young")
    cells = t.add_row().cells
    label(cells[0], "If the answer is 'no' to any of the above please state reason why.", fill=FILL)
    reason = v["referral.victim_aware_reason"] or v["referral.consent_override_reason"] or ""
    write(cells[1].merge(cells[2]), reason)
    doc.add_paragraph()

    r = grid(doc, 4)
    full_width_row(r, "REFERRER", fill=FILL)
    cells = r.add_row().cells
    label(cells[0], "Name of person completing referral", fill=FILL)
    write(cells[1], v["referral.referrer.name"])
    label(cells[2], "Relationship to child", fill=FILL)
    write(cells[3], f"{v['referral.referrer.role']}, {v['referral.referrer.agency']}")
    cells = r.add_row().cells
    label(cells[0], "Date", fill=FILL)
    write(cells[1], date_text(v["referral.referrer.date"], d))
    label(cells[2], "Tel No.", fill=FILL)
    write(cells[3], v["referral.referrer.phone"])
    cells = r.add_row().cells
    label(cells[0], "Secure email", fill=FILL)
    write(cells[1], v["referral.referrer.email"])
    label(cells[2], "Address", fill=FILL)
    write(cells[3], "PO Box 100, Exampletown")
    cells = r.add_row().cells
    label(cells[0].merge(cells[1]), "Have you initiated or completed a CAF/ Priority Families Assessment? YES / NO",
          fill=FILL)
    write(cells[2].merge(cells[3]), "NO")
    cells = r.add_row().cells
    label(cells[0].merge(cells[1]), "Name and contact details of Lead Worker:", fill=FILL)
    write(cells[2].merge(cells[3]), "")
    doc.add_paragraph()

    p = grid(doc, 2)
    full_width_row(p, "Presenting issues in the family household at the time of this referral", fill=FILL)
    for issue in ISSUES:
        cells = p.add_row().cells
        write(cells[0], issue)
        ticked = issue.startswith("Families affected") or (issue == "Children who need help" and case.children > 0)
        box(cells[1].paragraphs[0], ticked, plan["tick"], fields)
    doc.add_paragraph()

    h = grid(doc, 5)
    full_width_row(h, "HOUSEHOLD: children and adults", fill=FILL)
    head = h.add_row().cells
    for cell, text in zip(head, ("Full name", "Date of birth", "Role in household", "Address", "School / GP")):
        label(cell, text, fill=FILL)
    people = []
    if not case.children:
        people.append((f"Unborn – EDD {date_text(due_date(case), d)}", "", "Unborn baby", v["referral.victim.address"],
                       ""))
    for i in range(case.children):
        c = f"referral.children.{i}"
        people.append((v[f"{c}.name"], date_text(v[f"{c}.dob"], d), f"Child ({v[f'{c}.gender'].lower()})",
                       v["referral.victim.address"], v[f"{c}.school"]))
    people.append((v["referral.victim.name"], date_text(v["referral.victim.dob"], d), "Mother – victim",
                   v["referral.victim.address"], v["referral.victim.gp"]))
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        people.append((v[f"{q}.name"], date_text(v[f"{q}.dob"], d),
                       f"Alleged perpetrator – mother's {v[f'{q}.relationship_to_victim'].lower()}",
                       v[f"{q}.address"], ""))
    for person in people:
        cells = h.add_row().cells
        for cell, text in zip(cells, person):
            write(cell, text)
    doc.add_paragraph()

    c = grid(doc, 2)
    full_width_row(c, "REASON FOR REFERRAL", fill=FILL)
    for text, value in (("Details of your concerns", v["referral.risks_summary"]),
                        ("DASH risk checklist score", str(v["dash.score"])),
                        ("Police reference", v["referral.crime_reference"])):
        cells = c.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value)
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.date", "referral.referrer.phone", "referral.referrer.email",
        "referral.victim.name", "referral.victim.dob", "referral.victim.address", "referral.victim.gp",
        "referral.victim_aware", "referral.consent", "referral.risks_summary", "referral.crime_reference")}
    found["referral.dash_score_stated"] = v["dash.score"]
    expect_each(found, case, "perpetrators", ("name", "dob", "address", "relationship_to_victim"))
    expect_unborn(found, case)
    for i in range(case.children):
        c = f"referral.children.{i}"
        for k in ("name", "dob", "gender", "school"):
            found[f"{c}.{k}"] = v[f"{c}.{k}"]
        found[f"{c}.address"] = v["referral.victim.address"]
    return found


FORMS = [AreaForm("nottingham-city-marf", "Nottingham City (children's services MARF)", SOURCE, "referral", build,
                  expected)]
