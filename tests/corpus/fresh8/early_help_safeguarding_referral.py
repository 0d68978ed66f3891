"""A children's "Early help referral / Safeguarding referral" form (the stored copy names no area; its page title is
"email the completed form to"), used for a domestic abuse case: the referral kind as two boxes on ONE line ("Early help
referral ☐ Safeguarding referral ☒"), consent as questions answered in a Yes / No cell, then "1. Referrer details",
then the referred child in a FOUR-COLUMN label | answer | label | answer grid whose answers are partly boxes ("Gender
M☐ F☐ Unknown☐", "Does the child have a disability? Yes☐ No☐ Unknown☐"), then "1b. Siblings and other related
children's details" as a WIDE TABLE, one row per other child, whose last two columns name the PARENTS of each child
("Mother's full name" / "Father's full name": the only place the perpetrator is tied to a child), then "2a.
Parent/carer details" as a second wide table (full name / DOB / Gender / Address and contact number / Relationship to
child referred? / Ethnic origin / Do they have parental responsibility Yes☐ No☐ Unknown☐) holding the mother (the
victim) and the man or men who harm her, told apart only by "Relationship to child referred?".

Copied from the stored copy: "Early help referral ☐ Safeguarding referral☐", "Early help support or targeted support
– Level 2 & 3", "Safeguarding concern – Level 4", "Have you obtained consent from the family to share information with
appropriate agencies?", "If no, reason why", "Have you informed the family that you are making a referral?", "1.
Referrer details", "Email address", "1a.Child's details (Please complete Section 1b for further children). Please
gather this information if not known.", "Name of child", "Religion", "Also Known As/alias", "Ethnicity", "Date of
Birth or Expected Date of Delivery", "Immigration status", "Age", "Interpreter/signer needed? Yes☐ No☐", "Gender M☐ F☐
Unknown☐", "GP name and practice", "Education provider/employer", "Does the child have a disability? Yes☐ No☐
Unknown☐", "Own agency reference number (e.g. NHS No, UPN)", "State diagnosis if known and any SEN statement if
known", "Child's address and postcode", "Does the child have an Education, Health and Care Plan? (EHCP) Yes☐ No☐",
"1b. Siblings and other related children's details" with its columns "full name", "DOB EDD", "Gender", "NHS No UPN",
"Address", "Relationship to child referred? e.g. brother, sister", "Ethnic Origin", "Mother's full name", "Father's
full name", and "2a. Parent/carer details" with its columns "full name", "DOB", "Gender", "Address and contact
number", "Relationship to child referred? e.g. mother, father, step parents, parental partner", "Ethnic origin", "Do
they have parental responsibility Yes☐ No☐ Unknown". The stored text stops there; the referrer's other labels (Name /
Job title / Agency / Telephone / Date of referral) and "3. Reason for referral" are laid out in the same style with
plain labels.

Filled per seed: typed ☒ / ☐ boxes, dates "dd/mm/yyyy", unknown cells "Not known" (seed 1); Word 2010 check boxes,
dates "d.m.yy", cells left with Word's "Click here to enter text." placeholder (seed 2); legacy FORMCHECKBOX boxes,
dates "3rd April 1991", unknown cells "N/A" (seed 3). The case with no children (seed 3) refers the unborn baby:
"Name of child" is "Unborn baby" and the date is "EDD …"; the siblings table is left empty.
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
from tests.corpus.fresh4._kit import age_on
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import ticks

SOURCE = ("Children's 'Early help referral / Safeguarding referral' form (Have you obtained consent from the family …?; "
          "1. Referrer details; 1a. Child's details: Name of child / Also Known As/alias / Date of Birth or Expected "
          "Date of Delivery / Gender M☐ F☐ Unknown☐ / Child's address and postcode; 1b. Siblings and other related "
          "children's details … Mother's full name / Father's full name; 2a. Parent/carer details … Relationship to "
          "child referred? … Do they have parental responsibility Yes☐ No☐ Unknown); the stored copy names no area; "
          "stored copy: https://docsbay.net/email-the-completed-form-to")

FILL = "DEEAF6"
PLACEHOLDER = "Click here to enter text."


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"box": ("☒", "w14", "formcheckbox")[i], "date": ("dd/mm/yyyy", "d.m.yy", "ordinal")[i],
            "blank": ("Not known", PLACEHOLDER, "N/A")[i]}


def _options(cell: _Cell, chosen: str | None, options: tuple[str, ...], style: str, fields: Fields) -> None:
    """'M☐ F☒ Unknown☐': each option word then its box, as the form prints them."""
    paragraph = cell.paragraphs[0]
    for index, word in enumerate(options):
        paragraph.add_run(f"{'  ' if index else ''}{word}")
        box(paragraph, word == chosen, style, fields)


def _put(cell: _Cell, text: str, fields: Fields) -> None:
    """Typed text; Word's own placeholder (an empty content control) where the referrer left it untouched."""
    if text == PLACEHOLDER:
        fields.control_text(cell.paragraphs[0], "")
    else:
        write(cell, text)


def _father(case: Case, i: int) -> str | None:
    """The father of child i, as the mother would give it: the first perpetrator when the child is his."""
    if case[f"referral.children.{i}.relationship_to_perpetrator"] in ("Son", "Daughter"):
        return case["referral.perpetrators.0.name"]
    return None


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d, fields, blank = case.values, plan["date"], Fields(), plan["blank"]
    doc = Document()
    doc.add_heading("Request for Support – Children and Families", level=1)
    doc.add_paragraph("Please email the completed form to the Front Door from a secure email account.")

    kind = doc.add_paragraph()
    kind.add_run("Early help referral ").bold = True
    box(kind, False, plan["box"], fields)
    kind.add_run("     Safeguarding referral ").bold = True
    box(kind, True, plan["box"], fields)

    c = grid(doc, 2)
    full_width_row(c, "Safeguarding concern – Level 4")
    rows = (("Have you obtained consent from the family to share information with appropriate agencies?",
             v["referral.consent"]),
            ("Have you informed the family that you are making a referral?", v["referral.victim_aware"]))
    for question, value in rows:
        cells = c.add_row().cells
        label(cells[0], question, fill=FILL)
        ticks(cells[1].paragraphs[0], value, plan["box"], fields)
    cells = c.add_row().cells
    label(cells[0], "If no, reason why", fill=FILL)
    write(cells[1], v["referral.consent_override_reason"] or v["referral.victim_aware_reason"] or "")
    doc.add_paragraph()

    r = grid(doc, 4)
    full_width_row(r, "1. Referrer details")
    for pair in ((("Name", v["referral.referrer.name"]), ("Job title", v["referral.referrer.role"])),
                 (("Agency", v["referral.referrer.agency"]), ("Telephone", v["referral.referrer.phone"])),
                 (("Email address", v["referral.referrer.email"]),
                  ("Date of referral", date_text(v["referral.referrer.date"], d)))):
        cells = r.add_row().cells
        for k, (text, value) in enumerate(pair):
            label(cells[2 * k], text, fill=FILL)
            write(cells[2 * k + 1], value)
    doc.add_paragraph()

    k = grid(doc, 4)
    full_width_row(k, "1a.Child's details (Please complete Section 1b for further children). Please gather this "
                      "information if not known.")
    if case.children:
        ch = "referral.children.0"
        name, born, gender = v[f"{ch}.name"], date_text(v[f"{ch}.dob"], d), v[f"{ch}.gender"]
        school = v[f"{ch}.school"]
    else:
        name, born, gender, school = "Unborn baby", f"EDD {date_text(due_date(case), d)}", None, blank
    gender_word = {"Male": "M", "Female": "F"}.get(gender or "", "Unknown" if case.children else None)
    layout = [("Name of child", name, "Religion", blank),
              ("Also Known As/alias", blank, "Ethnicity", v["referral.victim.ethnicity"] if case.children else blank),
              ("Date of Birth or Expected Date of Delivery", born, "Immigration status", blank),
              ("Age", str(age_on(v["referral.children.0.dob"], v["referral.referrer.date"])) if case.children else blank,
               "Interpreter/signer needed?", None),
              ("Gender", None, "GP name and practice", v["referral.victim.gp"]),
              ("Education provider/employer", school, "Does the child have a disability?", None),
              ("Own agency reference number (e.g. NHS No, UPN)", blank,
               "State diagnosis if known and any SEN statement if known", blank),
              ("Child's address and postcode", v["referral.victim.address"],
               "Does the child have an Education, Health and Care Plan? (EHCP)", None)]
    for left, left_value, right, right_value in layout:
        cells = k.add_row().cells
        label(cells[0], left, fill=FILL)
        label(cells[2], right, fill=FILL)
        if left == "Gender":
            _options(cells[1], gender_word, ("M", "F", "Unknown"), plan["box"], fields)
        else:
            _put(cells[1], left_value or "", fields)
        if right == "Does the child have a disability?":
            _options(cells[3], "No", ("Yes", "No", "Unknown"), plan["box"], fields)
        elif right_value is None:
            ticks(cells[3].paragraphs[0], False, plan["box"], fields)
        else:
            _put(cells[3], right_value, fields)
    doc.add_paragraph()

    heads = ("full name", "DOB\nEDD", "Gender", "NHS No\nUPN", "Address",
             "Relationship to child referred? e.g. brother, sister", "Ethnic Origin", "Mother's full name",
             "Father's full name")
    s = grid(doc, len(heads))
    full_width_row(s, "1b. Siblings and other related children's details")
    for cell, text in zip(s.add_row().cells, heads):
        label(cell, text, fill=FILL)
    for i in range(1, max(case.children, 2)):
        cells = s.add_row().cells
        if i >= case.children:
            continue
        ch = f"referral.children.{i}"
        brother = "Brother" if v[f"{ch}.gender"] == "Male" else "Sister"
        half = "" if _father(case, i) == _father(case, 0) else "Half-"
        for cell, text in zip(cells, (v[f"{ch}.name"], date_text(v[f"{ch}.dob"], d), v[f"{ch}.gender"], blank,
                                      "As above", f"{half}{brother.lower() if half else brother}",
                                      v["referral.victim.ethnicity"], v["referral.victim.name"],
                                      _father(case, i) or "Not known")):
            _put(cell, text, fields)
    doc.add_paragraph()

    heads = ("full name", "DOB", "Gender", "Address and contact number",
             "Relationship to child referred? e.g. mother, father, step parents, parental partner", "Ethnic origin",
             "Do they have parental responsibility")
    p = grid(doc, len(heads))
    full_width_row(p, "2a. Parent/carer details")
    for cell, text in zip(p.add_row().cells, heads):
        label(cell, text, fill=FILL)
    people = [(v["referral.victim.name"], v["referral.victim.dob"], "Female",
               f"{v['referral.victim.address']}\n{v['referral.victim.phone']}", "Mother",
               v["referral.victim.ethnicity"], "Yes")]
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        who = to_child(case, i)
        people.append((v[f"{q}.name"], v[f"{q}.dob"], "Male", v[f"{q}.address"], who, v[f"{q}.ethnicity"],
                       "Yes" if who == "Father" else "No" if case.children else "Unknown"))
    for name, born, gender, where, who, ethnic, pr in people:
        cells = p.add_row().cells
        for cell, text in zip(cells, (name, date_text(born, d), gender, where, who, ethnic)):
            write(cell, text)
        _options(cells[6], pr, ("Yes", "No", "Unknown"), plan["box"], fields)
    doc.add_paragraph()

    w = grid(doc, 2)
    full_width_row(w, "3. Reason for referral")
    for text, value in (("What are you worried about? (include any domestic abuse)", v["referral.risks_summary"]),
                        ("DASH risk checklist score (if completed)", str(v["referral.dash_score_stated"])),
                        ("Police reference number (if known)", v["referral.crime_reference"])):
        cells = w.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value)
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency", "referral.referrer.phone",
        "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.dob",
        "referral.victim.address", "referral.victim.phone", "referral.victim.ethnicity", "referral.consent",
        "referral.victim_aware", "referral.dash_score_stated", "referral.crime_reference", "referral.risks_summary")}
    found["referral.victim.gender"] = "Female"
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        for k in ("name", "dob", "address", "ethnicity"):
            found[f"{q}.{k}"] = v[f"{q}.{k}"]
        found[f"{q}.gender"] = "Male"
    expect_unborn(found, case)
    for i in range(case.children):
        c = f"referral.children.{i}"
        for k in ("name", "dob", "gender"):
            found[f"{c}.{k}"] = v[f"{c}.{k}"]
        found[f"{c}.address"] = v["referral.victim.address"]
    if case.children:
        found["referral.children.0.school"] = v["referral.children.0.school"]
    return found


FORMS = [AreaForm("early-help-safeguarding-referral",
                  "a children's front door 'Early help referral / Safeguarding referral' form (the stored copy names no "
                  "area)", SOURCE, "referral", build, expected)]
