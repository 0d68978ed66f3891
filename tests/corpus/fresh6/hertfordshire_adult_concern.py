"""Hertfordshire's "safeguarding adult concern form" (part two, appendix one of the Hertfordshire Safeguarding Adults
Board procedure), used for a woman with care and support needs abused by her partner: the victim is "adult at risk" /
"service user"; LABEL AND ANSWER IN ONE CELL across a four-cell row ("Name: … | Mr/Mrs/Ms | Dob: … | Gender: …") with
the title chosen from the printed "Mr/Mrs/Ms" cell; "Tel no:" printed THREE times (hers, at the home address if
different, the GP's) beside different labels; "Police URN:" for the police reference; abuse types and vulnerabilities
as two-column tick grids; consent as two side-by-side "Yes or No?" questions answered in the same cell; the man under
"Details of the people involved in the incident" (never "perpetrator" or "alleged abuser") with "Relationship to
service user?".

Follows the published form (stored copy: docsbay.net, see SOURCE). Taken from it: the title, "Personal details of adult
at risk", "Name:", "Mr/Mrs/Ms", "Dob:", "Gender:", "Current Address:", "Tel no:", "Home address (if different):", "GP:",
"NHS no (if known):", "Police URN:", "Other ref no:", "Ethnic origin:", "preferred language/communication needs?",
"Date alleged abuse took place:", "Time (if known):", "Where did the abuse happen:", "What type of abuse is suspected?
Please check all appropriate" with its ten types in two columns, "Please provide a brief, factual summary of the
concerns leading to the referral. This should include what harm/injury or potential harm was caused?", "Is anyone else
at risk of harm? Please state", "Vulnerability of the adult at risk" with its eight lines, "Confidentiality and
consent", "Has this referral been discussed with the service user? Yes or No?", "Has the service user given permission
to share the concerns with appropriate others Yes or No?", "If the answer either/both of the above questions is No,
please state the reasons for proceeding without consent?", "What are the service user's views and what outcome do
they expect?", "Does the service user have mental capacity to be involved in the enquiry and protection plan?
Yes/no/unknown", "Details of the people involved in the incident", "Name:", "DOB:", "Address:", "Occupation:",
"Relationship to service user?", "Immediate actions (Including any emergency medical treatment provided, evidence
preserved, actions taken to prevent further abuse)", "Protection plan", "Please indicate other agencies alert…", where
the stored text stops. The section for the person raising the concern is laid out after it in the same style with
plain labels.

Filled per seed: the title kept by deleting the other two (seed 1), bold and underlined (seed 2) or the others struck
(seed 3); tick grids with Word 2010 check boxes (seed 1), ☒ / ☐ typed (seed 2) or legacy FORMCHECKBOX (seed 3); the
consent answers typed "Yes" / "No" (seed 1), "YES" / "NO" (seed 2) or "Y" / "N" (seed 3) after the question in the same
cell; dates "dd/mm/yyyy", "ordinal" or "d/m/yyyy".
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text, yes_no_text
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.fresh3._kit import expect_each
from tests.corpus.fresh5._kit import pick_word
from tests.corpus.heldout._kit import grid, inline, save
from tests.corpus.unseen._kit import title_for

SOURCE = ("Hertfordshire Safeguarding Adults Board, 'Hertfordshire safeguarding adult concern form' (part two, appendix "
          "one: Personal details of adult at risk: Name: / Mr/Mrs/Ms / Dob: / Gender:, Current Address:, Tel no:, "
          "Home address (if different):, GP:, NHS no (if known):, Police URN:, Ethnic origin:, …; Confidentiality and "
          "consent …; Details of the people involved in the incident: Name:, DOB:, Address:, Occupation:, Relationship "
          "to service user? …); stored copy: "
          "https://docsbay.net/hertfordshire-safeguarding-adult-concern-form-professionals")

HEAD = "BDD7EE"
ABUSE = (("Neglect/acts of omission", "Sexual"), ("Self-neglect", "Modern Slavery"),
         ("Domestic Abuse", "Discriminatory (including hate crime)"), ("Psychological/emotional", "Physical"),
         ("Financial/Material", "Organisational"))
VULNERABLE = (("Physical disability", "Dementia"), ("Learning disability", "Sensory impairment"),
              ("Mental health", "Older person, frailty, temp illness"), ("Substance misuse", "Terminal illness"))


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"mark": ("delete", "bold", "strike")[i], "tick": ("w14", "☒", "formcheckbox")[i],
            "yn": ("Yes/No", "YES/NO", "Y/N")[i], "date": ("dd/mm/yyyy", "ordinal", "d/m/yyyy")[i]}


def _cells(t: Table, *pairs: tuple[str, str | None]) -> None:
    """One row: each (label, answer) pair in one cell; a lone pair spans the row."""
    cells = t.add_row().cells
    if len(pairs) == 1:
        inline(cells[0].merge(cells[-1]), pairs[0][0], pairs[0][1])
        return
    span = len(cells) // len(pairs)
    for n, (text, value) in enumerate(pairs):
        cell = cells[n * span] if span == 1 else cells[n * span].merge(cells[n * span + span - 1])
        inline(cell, text, value)


def _ticks(t: Table, title: str, rows: tuple[tuple[str, str], ...], on: set[str], plan: dict[str, Any],
           fields: Fields) -> None:
    full_width_row(t, title, fill=HEAD)
    for pair in rows:
        cells = t.add_row().cells
        for n, text in enumerate(pair):
            cell = cells[2 * n].merge(cells[2 * n + 1])
            paragraph = cell.paragraphs[0]
            box(paragraph, text in on, plan["tick"], fields)
            paragraph.add_run(f" {text}")


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    fields = Fields()
    doc = Document()
    doc.add_paragraph("Part two – appendix one")
    doc.add_heading("Hertfordshire safeguarding adult concern form", level=1)
    t = grid(doc, 4)
    full_width_row(t, "Personal details of adult at risk", fill=HEAD)
    cells = t.add_row().cells
    inline(cells[0], "Name:", v["referral.victim.name"])
    pick_word(cells[1].paragraphs[0], ["Mr", "Mrs", "Ms"], "Mrs" if case.seed == 1 else "Ms", plan["mark"])
    inline(cells[2], "Dob:", date_text(v["referral.victim.dob"], d))
    inline(cells[3], "Gender:", "Female")
    _cells(t, ("Current Address:", v["referral.victim.address"]))
    _cells(t, ("Tel no:", v["referral.victim.phone"] + ("" if v["referral.victim.safe_to_call"] else
                                                        " – text only, not safe to call")),
           ("Home address (if different):", "Same" if case.seed != 2 else "N/A"))
    _cells(t, ("Tel no:", ""), ("GP:", v["referral.victim.gp"]))
    _cells(t, ("Tel no:", "0117 496 0000"), ("NHS no (if known):", "Not known"))
    _cells(t, ("Police URN:", v["referral.crime_reference"]))
    _cells(t, ("Other ref no:", ""), ("Ethnic origin:", v["referral.victim.ethnicity"]))
    language = v["referral.victim.first_language"]
    _cells(t, ("preferred language/communication needs?",
               language if v["referral.victim.interpreter_language"] is None else
               f"{language} – needs an interpreter"))
    _cells(t, ("Date alleged abuse took place:", date_text("2026-10-25", d)), ("Time (if known):", "Late evening"))
    _cells(t, ("Where did the abuse happen:", "At her home address"))
    doc.add_paragraph()

    a = grid(doc, 4)
    _ticks(a, "What type of abuse is suspected? Please check all appropriate", ABUSE,
           {"Domestic Abuse", "Physical", "Psychological/emotional"}, plan, fields)
    cells = a.add_row().cells
    summary = cells[0].merge(cells[3])
    summary.paragraphs[0].add_run("Please provide a brief, factual summary of the concerns leading to the referral. "
                                  "This should include what harm/injury or potential harm was caused?").bold = True
    summary.add_paragraph(v["referral.risks_summary"])
    cells = a.add_row().cells
    other = cells[0].merge(cells[3])
    other.paragraphs[0].add_run("Is anyone else at risk of harm?").bold = True
    other.add_paragraph("Please state").runs[0].italic = True
    names = " and ".join(v[f"referral.children.{i}.name"].split()[0] for i in range(case.children))
    other.add_paragraph(f"Yes – her children {names}" if case.children else "No")
    on = {"Mental health"} if v["referral.victim.mental_health"] else set()
    if v["referral.victim.substance_misuse"]:
        on.add("Substance misuse")
    _ticks(a, "Vulnerability of the adult at risk", VULNERABLE, on, plan, fields)
    doc.add_paragraph()

    c = grid(doc, 2)
    full_width_row(c, "Confidentiality and consent", fill=HEAD)
    cells = c.add_row().cells
    inline(cells[0], "Has this referral been discussed with the service user? Yes or No?",
           yes_no_text(v["referral.victim_aware"], plan["yn"]))
    inline(cells[1], "Has the service user given permission to share the concerns with appropriate others Yes or No?",
           yes_no_text(v["referral.consent"], plan["yn"]))
    for text, value in (("If the answer either/both of the above questions is No, please state the reasons for "
                         "proceeding without consent?", v["referral.consent_override_reason"] or "N/A"),
                        ("What are the service user's views and what outcome do they expect?",
                         v["referral.victim_wishes"]),
                        ("Does the service user have mental capacity to be involved in the enquiry and protection "
                         "plan? Yes/no/unknown", yes_no_text(True, plan["yn"]))):
        cells = c.add_row().cells
        inline(cells[0].merge(cells[1]), text, value)
    doc.add_paragraph()

    p = grid(doc, 2)
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        full_width_row(p, "Details of the people involved in the incident", fill=HEAD)
        _cells(p, ("Name:", v[f"{q}.name"]), ("DOB:", date_text(v[f"{q}.dob"], d)))
        _cells(p, ("Address:", v[f"{q}.address"]), ("Occupation:", v[f"{q}.occupation"]))
        _cells(p, ("Relationship to service user?", v[f"{q}.relationship_to_victim"]))
    cells = p.add_row().cells
    inline(cells[0].merge(cells[1]), "Immediate actions (Including any emergency medical treatment provided, evidence "
                                     "preserved, actions taken to prevent further abuse)",
           "Police called; she was seen at A&E; safety plan agreed")
    cells = p.add_row().cells
    inline(cells[0].merge(cells[1]), "Protection plan", "Referral to IDVA service and MARAC")
    doc.add_paragraph()

    r = grid(doc, 2)
    full_width_row(r, "Details of person raising the concern", fill=HEAD)
    _cells(r, ("Name:", v["referral.referrer.name"]), ("Job title:", v["referral.referrer.role"]))
    _cells(r, ("Organisation:", v["referral.referrer.agency"]), ("Tel no:", v["referral.referrer.phone"]))
    _cells(r, ("Email:", v["referral.referrer.email"]), ("Date:", date_text(v["referral.referrer.date"], d)))
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency", "referral.referrer.phone",
        "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.dob",
        "referral.victim.gender", "referral.victim.address", "referral.victim.phone", "referral.victim.gp", "referral.victim.ethnicity", "referral.victim.first_language",
        "referral.victim.interpreter_language", "referral.crime_reference", "referral.risks_summary",
        "referral.victim_aware", "referral.consent", "referral.consent_override_reason", "referral.victim_wishes")}
    if not v["referral.victim.safe_to_call"]:
        found["referral.victim.safe_to_call"] = False  # said only when it is not ("text only, not safe to call")
    expect_each(found, case, "perpetrators", ("name", "dob", "address", "occupation", "relationship_to_victim"))
    return found


FORMS = [AreaForm("hertfordshire-adult-concern", "Hertfordshire (safeguarding adult concern form)", SOURCE,
                  "referral", build, expected)]
