"""West Sussex Safeguarding Adults Board's safeguarding concern form, used for a domestic abuse case: an ADULT
safeguarding form, so the victim is "the person" the concern is about (never "victim"); Word content controls
throughout, left as Word shows them when nothing was entered ("Click here to enter text.", "Click here to enter a
date.", "Choose an item."); the person's details as rows of four cells ("Name:" | answer | "Title:" | answer, "Dob:"
| answer | "Gender:" | answer) with a second "Tel no:" for the home address and a third for the GP; a "No fixed
address ☐" box; "What type of abuse is suspected?" as a grid of ☐ boxes in which domestic abuse is one; the yes / no
questions (consent, awareness, living alone) as drop-downs; the person alleged to be the source of the risk after
all of it.

Follows the West Sussex form (stored copy: docsbay.net, see SOURCE). Taken from it: "Name:", "Title:", "Dob:",
"Gender:", "Current Address:", "Tel no:", "No fixed address ☐", "Home address (if different):", "GP:", "How best to
contact this person:", "NHS no (if known):", "Police URN:", "Other ref no:", "Ethnicity" with "Choose an item.", "Date
of concern:" with "Click here to enter a date.", "Time (if known):", "Where did the concern happen:", "What type of
abuse is suspected? Please tick all appropriate" and its boxes (Neglect/acts of omission, Sexual Abuse,
Self-neglect, Modern Slavery, Domestic Abuse, Discriminatory (including hate crime), Psychological/emotional,
Physical, Financial/Material, Organisational, Sexual Exploitation), "What are the concerns being raised; what are the
risks for the person?", "Are there any known risks to other people or workers involved? Choose an item. If yes,
please state below.", "If children are involved have Children's Services been informed?", "Is this an ongoing
concern?", "Does this person live alone?", "What are the person's primary needs?", "Preferred language/communication
needs?", "Confidentiality and consent", "Have you discussed raising this concern with the person?", "Does the person
consent for the Safeguarding concern to be reported to Adults' Services?", "If the answer to either/both of the above
questions is No, please state the reasons for proceeding without consent?", "What are the person's views and what
outcome do they want?", "Does the person have mental capacity to be involved in the enquiry and protection plan?".
The stored text stops at "Details of"; the person alleged to be the source of risk and the person raising the
concern are laid out after it in the same four-cell style with plain labels, and the form's opening heading (not in
the stored text) is a plain "Details of the person".

Filled per seed: the date of birth in a date picker showing dd/mm/yyyy (seed 1), typed "3rd April 1991" (seed 2) or
"03.04.1991" (seed 3); fields not known left showing Word's prompt; the abuse boxes typed ☒ / ☐ (seeds 1, 3) or Word
check boxes (seed 2); one block "Details of the person alleged to be the source of risk" per man.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import dropdown, placeholder_control
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row
from tests.corpus.fresh3._kit import expect_each
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import title_for

SOURCE = ("West Sussex County Council / West Sussex Safeguarding Adults Board, safeguarding adults concern form "
          "(Copyright 2017: Name: / Title: / Dob: / Gender:, Current Address:, No fixed address ☐, GP:, Ethnicity "
          "'Choose an item.', Date of concern: 'Click here to enter a date.', What type of abuse is suspected? Please "
          "tick all appropriate, Confidentiality and consent); stored copy: https://docsbay.net/doc/1259554/"
          "west-sussex-county-council-safeguarding-adults-board-copyright-2017-west-sussex-county")

FILL = "E7E6E6"
YES_NO = ["Yes", "No", "Not known"]
ETHNICITIES = ["White British", "White Polish", "White Other", "Black Caribbean", "Black African", "Pakistani",
               "Bangladeshi", "Mixed White and Asian", "Other", "Not stated"]
ABUSE = [("Neglect/acts of omission", "Sexual Abuse"), ("Self-neglect", "Modern Slavery"),
         ("Domestic Abuse", "Discriminatory (including hate crime)"), ("Psychological/emotional", "Physical"),
         ("Financial/Material", "Organisational"), ("Sexual Exploitation", None)]
TICKED = {"Domestic Abuse", "Psychological/emotional", "Physical"}


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"dob": ("picker", "ordinal", "dd.mm.yyyy")[i], "tick": ("☒", "w14", "☒")[i]}


def _text(paragraph: Paragraph, value: str | None) -> None:
    """A plain-text content control: the typed value, or Word's prompt when nothing was typed."""
    placeholder_control(paragraph, value or "")


def _dob(paragraph: Paragraph, iso: str, plan: dict[str, Any], fields: Fields) -> None:
    if plan["dob"] == "picker":
        fields.control_date(paragraph, date_text(iso, "dd/mm/yyyy"))
    else:
        _text(paragraph, date_text(iso, plan["dob"]))


def _row(t: Table, left: tuple[str, str | None], right: tuple[str, str | None] | None = None) -> list[Paragraph]:
    """'Label:' | control (| 'Label:' | control); returns the answer paragraphs for callers that fill them."""
    cells = t.add_row().cells
    label(cells[0], left[0], fill=FILL)
    if right is None:
        answer = cells[1].merge(cells[3])
        _text(answer.paragraphs[0], left[1])
        return [answer.paragraphs[0]]
    _text(cells[1].paragraphs[0], left[1])
    label(cells[2], right[0], fill=FILL)
    _text(cells[3].paragraphs[0], right[1])
    return [cells[1].paragraphs[0], cells[3].paragraphs[0]]


def _question(t: Table, question: str, items: list[str], chosen: str | None) -> None:
    cells = t.add_row().cells
    label(cells[0].merge(cells[2]), question, fill=FILL)
    dropdown(cells[3].paragraphs[0], items, chosen)


def build(case: Case) -> bytes:
    plan = _plan(case)
    v = case.values
    fields = Fields()
    doc = Document()
    doc.add_heading("Safeguarding Adults – Concern Form", level=1)
    doc.add_paragraph("West Sussex Safeguarding Adults Board. Complete the form electronically and send it to Adults' "
                      "Services; if the person is in immediate danger call 999.")

    t = grid(doc, 4)
    full_width_row(t, "Details of the person", fill="AEAAAA")
    cells = t.add_row().cells
    label(cells[0], "Name:", fill=FILL)
    _text(cells[1].paragraphs[0], v["referral.victim.name"])
    label(cells[2], "Title:", fill=FILL)
    dropdown(cells[3].paragraphs[0], ["Mr", "Mrs", "Miss", "Ms", "Mx", "Dr"], title_for("Female", case.seed))
    cells = t.add_row().cells
    label(cells[0], "Dob:", fill=FILL)
    _dob(cells[1].paragraphs[0], v["referral.victim.dob"], plan, fields)
    label(cells[2], "Gender:", fill=FILL)
    dropdown(cells[3].paragraphs[0], ["Female", "Male", "Other"], "Female")
    _row(t, ("Current Address:", v["referral.victim.address"]))
    para = _row(t, ("Tel no:", v["referral.victim.phone"]), ("No fixed address", None))[1]
    for child in list(para._p):
        para._p.remove(child)
    para.add_run("☐")
    _row(t, ("Home address (if different):", None), ("Tel no:", None))
    _row(t, ("GP:", v["referral.victim.gp"]), ("Tel no:", None))
    _row(t, ("How best to contact this person:", v["referral.victim.contact_notes"]))
    _row(t, ("NHS no (if known):", None), ("Police URN:", v["referral.crime_reference"]))
    cells = t.add_row().cells
    label(cells[0], "Other ref no:", fill=FILL)
    _text(cells[1].paragraphs[0], None)
    label(cells[2], "Ethnicity", fill=FILL)
    dropdown(cells[3].paragraphs[0], ETHNICITIES, v["referral.victim.ethnicity"])
    cells = t.add_row().cells
    label(cells[0], "Date of concern:", fill=FILL)
    fields.control_date(cells[1].paragraphs[0], date_text(v["referral.referrer.date"], "dd/mm/yyyy"))
    label(cells[2], "Time (if known):", fill=FILL)
    _text(cells[3].paragraphs[0], None)
    _row(t, ("Where did the concern happen:", "At home"))
    doc.add_paragraph()

    a = grid(doc, 4)
    full_width_row(a, "What type of abuse is suspected? Please tick all appropriate", fill="AEAAAA")
    for left, right in ABUSE:
        cells = a.add_row().cells
        for (name_cell, box_cell), kind in zip(((cells[0], cells[1]), (cells[2], cells[3])), (left, right)):
            if kind is None:
                continue
            label(name_cell, kind, fill=None)
            box(box_cell.paragraphs[0], kind in TICKED, plan["tick"], fields)
    doc.add_paragraph()

    q = grid(doc, 4)
    cells = q.add_row().cells
    label(cells[0], "What are the concerns being raised; what are the risks for the person?", fill=FILL)
    _text(cells[1].merge(cells[3]).paragraphs[0], v["referral.risks_summary"])
    _question(q, "Are there any known risks to other people or workers involved? If yes, please state below.", YES_NO,
              "Yes" if case.children else "No")
    _question(q, "If children are involved have Children's Services been informed?", YES_NO,
              "Yes" if case.children else None)
    _question(q, "Is this an ongoing concern?", YES_NO, "Yes")
    _question(q, "Does this person live alone?", YES_NO, "No" if case.children else "Yes")
    _question(q, "What are the person's primary needs?", ["Physical support", "Mental health support",
                                                         "Social support", "No support reason"], None)
    _row(q, ("Preferred language/communication needs?", v["referral.victim.first_language"]))
    doc.add_paragraph()

    c = grid(doc, 4)
    full_width_row(c, "Confidentiality and consent", fill="AEAAAA")
    aware, consent = v["referral.victim_aware"], v["referral.consent"]
    _question(c, "Have you discussed raising this concern with the person?", YES_NO, "Yes" if aware else "No")
    _question(c, "Does the person consent for the Safeguarding concern to be reported to Adults' Services?", YES_NO,
              "Yes" if consent else "No")
    _row(c, (("If the answer to either/both of the above questions is No, please state the reasons for proceeding "
             "without consent?"), v["referral.victim_aware_reason"] or v["referral.consent_override_reason"]))
    _row(c, ("What are the person's views and what outcome do they want?",
             v["referral.victim_wishes"] if aware else None))
    _question(c, "Does the person have mental capacity to be involved in the enquiry and protection plan?", YES_NO,
              "Yes")
    doc.add_paragraph()

    for i in range(case.perpetrators):
        p = f"referral.perpetrators.{i}"
        s = grid(doc, 4)
        full_width_row(s, "Details of the person alleged to be the source of risk", fill="AEAAAA")
        cells = s.add_row().cells
        label(cells[0], "Name:", fill=FILL)
        _text(cells[1].paragraphs[0], v[f"{p}.name"])
        label(cells[2], "Dob:", fill=FILL)
        _dob(cells[3].paragraphs[0], v[f"{p}.dob"], plan, fields)
        _row(s, ("Address:", v[f"{p}.address"]))
        _row(s, ("Relationship to the person:", v[f"{p}.relationship_to_victim"]), ("Tel no:", None))
        doc.add_paragraph()

    r = grid(doc, 4)
    full_width_row(r, "Details of the person raising the concern", fill="AEAAAA")
    _row(r, ("Name:", v["referral.referrer.name"]), ("Job title:", v["referral.referrer.role"]))
    _row(r, ("Organisation:", v["referral.referrer.agency"]), ("Tel no:", v["referral.referrer.phone"]))
    cells = r.add_row().cells
    label(cells[0], "Email:", fill=FILL)
    _text(cells[1].paragraphs[0], v["referral.referrer.email"])
    label(cells[2], "Date:", fill=FILL)
    fields.control_date(cells[3].paragraphs[0], date_text(v["referral.referrer.date"], "dd/mm/yyyy"))
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency", "referral.referrer.phone",
        "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.dob",
        "referral.victim.gender", "referral.victim.address", "referral.victim.phone", "referral.victim.gp",
        "referral.victim.contact_notes", "referral.victim.ethnicity", "referral.victim.first_language",
        "referral.victim_aware", "referral.consent", "referral.risks_summary", "referral.crime_reference")}
    if not v["referral.consent"]:
        found["referral.consent_override_reason"] = v["referral.victim_aware_reason"] or \
            v["referral.consent_override_reason"]
    if v["referral.victim_aware"]:
        found["referral.victim_wishes"] = v["referral.victim_wishes"]
    expect_each(found, case, "perpetrators", ("name", "dob", "address", "relationship_to_victim"))
    return found


FORMS = [AreaForm("west-sussex-adult-concern", "West Sussex (safeguarding adults concern form)", SOURCE, "referral",
                  build, expected)]
