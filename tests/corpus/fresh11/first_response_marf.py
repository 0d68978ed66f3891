"""A children's "Multi Agency Referral Form (MARF)" whose front door is called "First Response" (the stored copy
names no council), used for a domestic abuse case: LABEL | VALUE | LABEL | VALUE GRIDS with tick boxes. "Details of
Person Making a Referral (person completing this form)" as four-cell rows ("Name:" | answer | "Date of Referral:" |
answer; "Role:" | answer | "Agency:" | answer) and one row whose three cells each hold a label AND its answer
("Contact Details: <address>" | "Tel: <phone>" | "Email: <email>"); "Are the parents/carers aware of this referral to
Early Help or Children's Social Care?" answered "Yes ☐ No ☐" with "If 'No' give a reason for not informing
parents/carers" beside it; the consent of "Parent / Carer / Young Person" by boxes; then one four-cell block per child
and per adult ("Name:" | … | "Date of birth:" | …), the adults' blocks each ending with a tick-box question "Is this
adult the person causing harm?" (the mother's block answered No, each man's Yes); the concerns under "Why are you
making this referral?".

Copied from the stored copy: "Multi Agency Referral Form (MARF)", "Details of Person Making a Referral (person
completing this form)", "Name:", "Date of Referral:", "Role:", "Agency:", "Contact Details:", "Tel:", "Email:", "Are
the parents/carers aware of this referral to Early Help or Children's Social Care?", "Yes ☐ No ☐", "If 'No' give a
reason for not informing parents/carers", "Parent / Carer / Young Person" and "I agree for this re…" (where the
stored text stops; completed as "I agree for this referral to be made"), and the heading the stored copy's address is
named after, "Why are you making this referral?". The child and adult blocks are laid out in the same style with
plain labels; no guidance text of the original is copied.

Filled per seed: typed ☒ / ☐ boxes, dates "dd/mm/yyyy", the school of the second child left as "Click here to enter
text." (seed 1); Word 2010 check boxes, dates "3rd April 1991", the second man in a second adult block (seed 2);
legacy FORMCHECKBOX boxes, dates "3.4.91", the UNBORN baby as the child ("Unborn baby", "EDD 3.3.27") (seed 3).
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
from tests.corpus.fresh3._kit import due_date, expect_children_at_home, expect_each, expect_head, expect_unborn
from tests.corpus.heldout._kit import grid, inline, label, save

SOURCE = ("A council's children's 'Multi Agency Referral Form (MARF)' (consultation by calling 'First Response'; the "
          "stored copy names no area): Details of Person Making a Referral (person completing this form): Name: / "
          "Date of Referral: / Role: / Agency: / Contact Details: / Tel: / Email:, Are the parents/carers aware of "
          "this referral to Early Help or Children's Social Care? Yes ☐ No ☐ / If 'No' give a reason for not "
          "informing parents/carers, Parent / Carer / Young Person I agree for this re…; stored copy: "
          "https://docsbay.net/why-are-you-making-this-referral")

FILL = "DAEEF3"
REFERRER_ADDRESS = "Riverside House, 4 Bridge Street, Exampletown, EX1 9ZZ"


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"box": ("☒", "w14", "formcheckbox")[i], "date": ("dd/mm/yyyy", "ordinal", "d.m.yy")[i],
            "placeholders": i == 0, "blank": ("", "Not known", "N/A")[i]}


def _boxes(paragraph: Any, value: bool, style: str, fields: Fields) -> None:
    paragraph.add_run("Yes ")
    box(paragraph, value, style, fields)
    paragraph.add_run("   No ")
    box(paragraph, not value, style, fields)


def _pair_row(table: Any, a: str, av: str, b: str, bv: str) -> list[Any]:
    cells = table.add_row().cells
    label(cells[0], a, fill=FILL)
    write(cells[1], av)
    label(cells[2], b, fill=FILL)
    write(cells[3], bv)
    return cells


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d, fields = case.values, plan["date"], Fields()
    doc = Document()
    doc.add_heading("Multi Agency Referral Form (MARF)", level=1)

    t = grid(doc, 4)
    full_width_row(t, "Details of Person Making a Referral (person completing this form)", fill=FILL)
    _pair_row(t, "Name:", v["referral.referrer.name"], "Date of Referral:", date_text(v["referral.referrer.date"], d))
    _pair_row(t, "Role:", v["referral.referrer.role"], "Agency:", v["referral.referrer.agency"])
    cells = t.add_row().cells
    inline(cells[0].merge(cells[1]), "Contact Details:", REFERRER_ADDRESS)
    inline(cells[2], "Tel:", v["referral.referrer.phone"])
    inline(cells[3], "Email:", v["referral.referrer.email"])
    doc.add_paragraph()

    k = grid(doc, 3)
    row = k.add_row().cells
    merged = row[0].merge(row[2])
    merged.paragraphs[0].add_run("Are the parents/carers aware of this referral to Early Help or Children's Social "
                                 "Care?").bold = True
    cells = k.add_row().cells
    _boxes(cells[0].paragraphs[0], bool(v["referral.victim_aware"]), plan["box"], fields)
    label(cells[1], "If 'No' give a reason for not informing parents/carers", fill=FILL)
    write(cells[2], v["referral.victim_aware_reason"] or plan["blank"])
    row = k.add_row().cells
    row[0].merge(row[2]).paragraphs[0].add_run("Parent / Carer / Young Person").bold = True
    cells = k.add_row().cells
    write(cells[0], "I agree for this referral to be made")
    _boxes(cells[1].paragraphs[0], bool(v["referral.consent"]), plan["box"], fields)
    write(cells[2], v["referral.consent_override_reason"] or plan["blank"])
    doc.add_paragraph()

    c = grid(doc, 4)
    full_width_row(c, "Details of the child / children", fill=FILL)
    if case.children:
        for i in range(case.children):
            p = f"referral.children.{i}"
            _pair_row(c, "Child's name:", v[f"{p}.name"], "Date of birth:", date_text(v[f"{p}.dob"], d))
            cells = _pair_row(c, "Gender:", v[f"{p}.gender"], "School / setting:", "")
            if plan["placeholders"] and i == 1:
                placeholder_control(cells[3].paragraphs[0])
            else:
                write(cells[3], v[f"{p}.school"])
            _pair_row(c, "Address:", v["referral.victim.address"] if i == 0 else "As above", "", "")
    else:
        _pair_row(c, "Child's name:", "Unborn baby", "Date of birth:", f"EDD {date_text(due_date(case), d)}")
        _pair_row(c, "Gender:", "Not known", "School / setting:", "N/A")
        _pair_row(c, "Address:", v["referral.victim.address"], "", "")
    doc.add_paragraph()

    people = [(v["referral.victim.name"], date_text(v["referral.victim.dob"], d),
               "Mother" if case.children else "Mother (expectant)", v["referral.victim.address"],
               v["referral.victim.phone"], False)]
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        relation = to_child(case, i) if case.children else f"Mother's {v[q + '.relationship_to_victim'].lower()}"
        people.append((v[f"{q}.name"], date_text(v[f"{q}.dob"], d), relation, v[f"{q}.address"],
                       plan["blank"] or "Not known", True))
    for n, (name, dob, relation, address, phone, harms) in enumerate(people, start=1):
        a = grid(doc, 4)
        full_width_row(a, f"Parent / carer / significant adult {n}", fill=FILL)
        _pair_row(a, "Name:", name, "Date of birth:", dob)
        _pair_row(a, "Relationship to child:", relation, "Telephone:", phone)
        _pair_row(a, "Address:", address, "", "")
        cells = a.add_row().cells
        label(cells[0].merge(cells[2]), "Is this adult the person causing harm?", fill=FILL)
        _boxes(cells[3].paragraphs[0], harms, plan["box"], fields)
        doc.add_paragraph()

    w = grid(doc, 2)
    full_width_row(w, "Why are you making this referral?", fill=FILL)
    row = w.add_row().cells
    write(row[0].merge(row[1]), v["referral.risks_summary"])
    cells = w.add_row().cells
    label(cells[0], "Police involvement – crime reference:", fill=FILL)
    write(cells[1], v["referral.crime_reference"])
    cells = w.add_row().cells
    label(cells[0], "DASH risk checklist score (if completed):", fill=FILL)
    write(cells[1], str(v["referral.dash_score_stated"]))
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    found = expect_head(case)
    found["referral.referrer.address"] = REFERRER_ADDRESS
    expect_each(found, case, "perpetrators", ("name", "dob", "address"))
    expect_unborn(found, case)
    expect_children_at_home(found, case, ("name", "dob", "gender", "school"))
    if case.children > 1 and _plan(case)["placeholders"]:
        found["referral.children.1.school"] = None
    return found


FORMS = [AreaForm("first-response-marf", "A council's children's MARF ('First Response'; names no area)", SOURCE,
                  "referral", build, expected)]
