"""A council's "Safeguarding Adults concern" form (the stored copy names no area), used for a domestic abuse case:
NUMBERED SECTIONS of TYPED LINES rather than a grid: "Date of Concern: … Time: … Completed By: …" on one line,
"1. Person at risk of harm information:" with "Name: … Male: ☐ Female: ☒" on one line (the sex a box after each
printed word), label and answer in the same line or cell ("NHS No. / Date of Birth:", "Current Address: / Ethnic
Origin:" as two inline cells), category-of-abuse boxes with "Domestic Violence/Abuse" among them, "Give details:"
with its printed instruction and the account typed under it, "3. Safeguarding Adults concern raised by:" (the
referrer, with "Was the referral anonymous: Yes / No"), and "4. Source of alleged harm information" for the man she
fears ("Name: … Male: ☒ Female: ☐"), one block per man.

Follows the published form (stored copy: docest.com, see SOURCE). Taken from it: "Date of Concern:", "Time:",
"Completed By:", "1. Person at risk of harm information:", "Name:", "Male:", "Female:", "NHS No.", "Date of Birth:",
"Current Address:", "Ethnic Origin:", "Service user group:Primary one Only" and its items (shortened), "2a. Alleged
Abuse: More than one category may be applicable", "Category of abuse:" and its items, "Give details:" with its
instruction (Full names and titles …; This is the first information the reader sees so it must make sense.), "2b.
Does the Safeguarding concern relate to any of the following themes and trends:" with "Please tick whichever apply"
(shortened), "3. Safeguarding Adults concern raised by: Was the referral anonymous: Yes / No", "Name(Full Name) :",
"Contact Number (Essential):", "Role:/Relationship", "Email Address:", "Fax:", "4. Source of alleged harm
information (person/organisation/Relationship to adult at risk etc.): If any of this information is not known then
state why it's not known do not leave blank.", "Name:", "Male:", "Female:", "Date of Birth:", "Ethnic Origin:",
"Organisation:" and "Contact N…", where the stored text stops. The rest of the man's block ("Contact Number:",
"Address:", "Relationship to adult at risk:"), consent and police / Dash lines are laid out after it in the same
style with plain labels.

Filled per seed: boxes typed ☒ / ☐ (seed 1), Wingdings symbols (seed 2) or Word 2010 check boxes (seed 3); Yes / No
answered by deleting the other word (seed 1), striking it through (seed 2) or typing "YES" / "NO" after it (seed 3);
dates "dd/mm/yyyy", "d month yyyy" or "dd.mm.yyyy"; "Date of Concern:" is the day the concern is raised (the
referral date: expected as `referral.referrer.date`, with "Completed By:" the referrer); unknown lines "Not known" (as the form asks) rather than blank.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import struck_choice
from tests.corpus.areas.styles import date_text
from tests.corpus.blind._kit import inline
from tests.corpus.docx_parts import Fields
from tests.corpus.fresh3._kit import expect_each
from tests.corpus.heldout._kit import save

SOURCE = ("A council's 'Safeguarding Adults' concern form (names no area: Date of Concern: Time: Completed By:; 1. Person "
          "at risk of harm information: Name: Male: Female:; 2a. Alleged Abuse … Category of abuse: … Domestic "
          "Violence/Abuse; 3. Safeguarding Adults concern raised by: Was the referral anonymous: Yes / No; 4. Source of "
          "alleged harm information …); stored copy: https://docest.com/doc/408294/3-safeguarding-adults-concern-"
          "raised-by-was-the-referral-anonymous-yes-no")

GROUPS = ["Learning Disability Support", "Mental Health Support", "Access and Mobility Only", "Personal Care Support",
          "Substance Misuse Support", "Support for Social Isolation or Other Support"]
CATEGORIES = ["Physical", "Sexual", "Neglect or Acts of Omission", "Financial/Material", "Organisational",
              "Discriminatory", "Psychological", "Domestic Violence/Abuse", "Modern Slavery", "Self Neglect",
              "Honour Based Violence", "Forced Marriage"]
THEMES = ["Resident on Resident", "Infection Control Issue", "Medications management", "Moving and Handling"]


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"box": ("☒", "wingdings", "w14")[i], "yn": ("delete", "strike", "typed")[i],
            "date": ("dd/mm/yyyy", "d month yyyy", "dd.mm.yyyy")[i]}


def _sex(paragraph: Paragraph, gender: str, plan: dict[str, Any], fields: Fields) -> None:
    for word in ("Male", "Female"):
        paragraph.add_run(f"   {word}: ").bold = True
        box(paragraph, gender == word, plan["box"], fields)


def _yes_no(paragraph: Paragraph, value: bool, plan: dict[str, Any]) -> None:
    if plan["yn"] == "typed":
        paragraph.add_run(f"Yes / No   {'YES' if value else 'NO'}")
    else:
        struck_choice(paragraph, value, options=("Yes", "No"), how=plan["yn"])


def _line(doc: Any, pieces: list[tuple[str, str]]) -> Paragraph:
    """'Label: answer   Label: answer' typed on one line."""
    paragraph = doc.add_paragraph()
    for index, (text, value) in enumerate(pieces):
        paragraph.add_run(("     " if index else "") + text).bold = True
        if value:
            paragraph.add_run(f" {value}")
    return paragraph


def _cells(doc: Any, rows: list[list[tuple[str, str]]]) -> Table:
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for pairs in rows:
        cells = table.add_row().cells
        for cell, (text, value) in zip(cells, pairs):
            inline(cell, text, value)
    return table


def _ticks(doc: Any, items: list[str], chosen: set[str], plan: dict[str, Any], fields: Fields) -> None:
    paragraph = doc.add_paragraph()
    for index, item in enumerate(items):
        if index and index % 4 == 0:
            paragraph = doc.add_paragraph()
        paragraph.add_run(f"{item} ")
        box(paragraph, item in chosen, plan["box"], fields)
        paragraph.add_run("   ")


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    fields = Fields()
    doc = Document()
    doc.add_heading("Safeguarding Adults – Concern", level=1)
    _line(doc, [("Date of Concern:", date_text(v["referral.referrer.date"], d)), ("Time:", "14:30"),
                ("Completed By:", v["referral.referrer.name"])])

    doc.add_paragraph().add_run("1. Person at risk of harm information:").bold = True
    name_line = _line(doc, [("Name:", v["referral.victim.name"])])
    _sex(name_line, "Female", plan, fields)
    _cells(doc, [[("NHS No.", "Not known"), ("Date of Birth:", date_text(v["referral.victim.dob"], d))],
                 [("Current Address:", v["referral.victim.address"]), ("Ethnic Origin:",
                                                                       v["referral.victim.ethnicity"])],
                 [("Telephone:", v["referral.victim.phone"]), ("Safe to call:", "Yes" if
                                                                v["referral.victim.safe_to_call"] else "No")]])
    paragraph = doc.add_paragraph()
    paragraph.add_run("Service user group:").bold = True
    paragraph.add_run("Primary one Only")
    _ticks(doc, GROUPS, {"Mental Health Support" if v["referral.victim.mental_health"] else
                         "Support for Social Isolation or Other Support"}, plan, fields)

    doc.add_paragraph().add_run("2a. Alleged Abuse: More than one category may be applicable").bold = True
    doc.add_paragraph().add_run("Category of abuse:").bold = True
    _ticks(doc, CATEGORIES, {"Physical", "Domestic Violence/Abuse"}, plan, fields)
    paragraph = doc.add_paragraph()
    paragraph.add_run("Give details: ").bold = True
    paragraph.add_run("Full names and titles should be used when referring to any other professionals, carers etc. "
                      "This is the first information the reader sees so it must make sense.").italic = True
    doc.add_paragraph(v["referral.risks_summary"])
    doc.add_paragraph().add_run("2b. Does the Safeguarding concern relate to any of the following themes and trends: "
                                "Please tick whichever apply").bold = True
    _ticks(doc, THEMES, set(), plan, fields)

    paragraph = doc.add_paragraph()
    paragraph.add_run("3. Safeguarding Adults concern raised by: ").bold = True
    paragraph.add_run("Was the referral anonymous: ")
    _yes_no(paragraph, False, plan)
    _line(doc, [("Name(Full Name) :", v["referral.referrer.name"])])
    _cells(doc, [[("Contact Number (Essential):", v["referral.referrer.phone"]),
                  ("Role:/Relationship", v["referral.referrer.role"])],
                 [("Email Address:", v["referral.referrer.email"]), ("Fax:", "")],
                 [("Organisation:", v["referral.referrer.agency"]), ("", "")]])

    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        doc.add_paragraph().add_run("4. Source of alleged harm information (person/organisation/Relationship to adult "
                                    "at risk etc.): If any of this information is not known then state why it's not "
                                    "known do not leave blank.").bold = True
        name_line = _line(doc, [("Name:", v[f"{q}.name"])])
        _sex(name_line, "Male", plan, fields)
        _cells(doc, [[("Date of Birth:", date_text(v[f"{q}.dob"], d)), ("Ethnic Origin:", v[f"{q}.ethnicity"])],
                     [("Organisation:", "N/A – not a professional"), ("Contact Number:",
                                                                      "Not known – victim has blocked his number")],
                     [("Address:", v[f"{q}.address"]), ("Relationship to adult at risk:",
                                                         v[f"{q}.relationship_to_victim"])]])

    doc.add_paragraph().add_run("5. Consent").bold = True
    paragraph = doc.add_paragraph("Is the adult at risk aware of this concern being raised? ")
    _yes_no(paragraph, v["referral.victim_aware"], plan)
    paragraph = doc.add_paragraph("Has the adult at risk consented to it? ")
    _yes_no(paragraph, v["referral.consent"], plan)
    _line(doc, [("If no, give the reasons:", v["referral.victim_aware_reason"] or
                 v["referral.consent_override_reason"] or "N/A")])
    doc.add_paragraph().add_run("6. Police and risk assessment").bold = True
    _line(doc, [("Crime reference number:", v["referral.crime_reference"]),
                ("DASH score:", f"{v['dash.score']} / 24")])
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.agency", "referral.referrer.role", "referral.referrer.phone",
        "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.dob",
        "referral.victim.gender",
        "referral.victim.address", "referral.victim.phone", "referral.victim.safe_to_call",
        "referral.victim.ethnicity", "referral.victim_aware", "referral.consent", "referral.risks_summary",
        "referral.crime_reference")}
    found["referral.dash_score_stated"] = v["dash.score"]
    if not v["referral.consent"]:
        found["referral.consent_override_reason"] = v["referral.victim_aware_reason"] or \
            v["referral.consent_override_reason"]
    expect_each(found, case, "perpetrators", ("name", "dob", "gender", "ethnicity", "address", "relationship_to_victim"))
    return found


FORMS = [AreaForm("adult-concern-numbered", "A council's Safeguarding Adults concern form (names no area)", SOURCE,
                  "referral", build, expected)]
