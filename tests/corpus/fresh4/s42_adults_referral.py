"""A council's "Safeguarding Adults Referral Form" starting a Section 42 enquiry under the Care Act 2014 (the stored
copy names no area), used for a domestic abuse case: every box holds its printed label AND the typed answer ("Name:
Grace ABBOTT"), two boxes to a row, with no label-only column; the referrer first ("Details of person completing this
form"), then the incident ("Date of alleged incident:" beside "Who reported the alert/concern?"), then "Details of
the adult at risk" (the victim: name, date of birth, telephone and ethnicity only, no address box), a "Please tick ✓
or cross ✗" grid of support reasons, and "Details of the person alleged to have caused harm (where relevant)" with
"Relationship to adult at risk:"; yes / no questions answered by a ✓ or ✗ typed in a "YES" or "NO" column.

Follows the published form (stored copy: docest.com, see SOURCE). Taken from it: the title, its opening sentences
(paraphrased, shortened), "Details of person completing this form", "Name:", "Organisation:", "Job title:", "Type of
service:", "Email address:", "Phone number:", "Date of referral to Adult Social Care:", "Details of
incident/suspected/actual abuse or neglect", "Date of alleged incident:", "Who reported the alert/concern?", "Time of
alleged incident:", "Date of report:", "Where did the incident occur?", "Details of the adult at risk", "Date of
Birth:", "Telephone:", "Ethnicity:", "What is the adult's primary reason for needing care and support?" with "Please
tick ✓ or cross ✗" and its boxes (Physical support, Sensory support, Support with memory and cognition, Learning
disability support, Asperger's syndrome support, Autism support, Mental health support, Social support (includes
support for carers/substance misusers), No support reason, Other health condition, Please specify), "Any other
details about the adult at risk:", "Views, wishes and desired outcomes of the adult / representative:", "Details of
the person alleged to have caused harm(where relevant)", "Address:", "Relationship to adult at risk:", "If the
alleged abuser is a staff/volunteer, provide details (include. employer, job role, work address):", "Please tick ✓ or
cross ✗ / YES / NO", "Are they an adult with care and support needs?", "Details of care and support needs(if
applicable):", "Any other details about the alleged abuser(s):". The stored text stops at "Description of the
alleg…"; the description, consent and police / Dash rows are laid out after it in the same style with plain labels.

Filled per seed: the ✓ / ✗ marks as ✓ (seed 1), ✗ (seed 2) or "X" (seed 3) in the chosen column; dates "dd/mm/yyyy",
"d month yyyy" or "d.m.yy"; one "Details of the person alleged to have caused harm" block per man.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.blind._kit import inline, inline_cells
from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.fresh3._kit import expect_each
from tests.corpus.heldout._kit import grid, label, save

SOURCE = ("'Safeguarding Adults Referral Form' (Section 42 Enquiry under the Care Act 2014; names no area: Details of "
          "person completing this form Name: / Organisation:, Details of the adult at risk Name: / Date of Birth: / "
          "Telephone: / Ethnicity:, Details of the person alleged to have caused harm(where relevant) … Relationship "
          "to adult at risk:, 'Please tick ✓ or cross ✗ / YES / NO'); stored copy: https://docest.com/doc/101851/"
          "it-is-intended-that-you-complete-the-form-electronically-andsend-it-via-email-to")

HEAD = "C5E0B3"
SUPPORT = [("Physical support:", "Sensory support:", "Support with memory and cognition:"),
           ("Learning disability support:", "Asperger's syndrome support:", "Autism support:"),
           ("Mental health support:", "Social support (includes support for carers/substance misusers):",
            "No support reason:")]


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"mark": ("✓", "✗", "X")[i], "date": ("dd/mm/yyyy", "d month yyyy", "d.m.yy")[i]}


def _yes_no(t: Table, question: str, value: bool | None, mark: str) -> None:
    cells = t.add_row().cells
    label(cells[0], question, fill=None)
    write(cells[1], mark if value is True else "")
    write(cells[2], mark if value is False else "")


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    doc = Document()
    doc.add_heading("Safeguarding Adults Referral Form", level=1)
    doc.add_paragraph("Use this form to tell Adult Social Care of suspected or actual abuse or neglect; it starts a "
                      "Safeguarding Adults (Section 42) Enquiry under the Care Act 2014. Complete it as fully as "
                      "possible within 48 hours. Please attach further pages if necessary.")

    t = grid(doc, 2)
    full_width_row(t, "Details of person completing this form", fill=HEAD)
    inline_cells(t, [("Name:", v["referral.referrer.name"]), ("Organisation:", v["referral.referrer.agency"])])
    inline_cells(t, [("Job title:", v["referral.referrer.role"]), ("Type of service:", "Domestic abuse")])
    cells = t.add_row().cells
    inline(cells[0].merge(cells[1]), "Email address:", v["referral.referrer.email"])
    inline_cells(t, [("Phone number:", v["referral.referrer.phone"]),
                     ("Date of referral to Adult Social Care:", date_text(v["referral.referrer.date"], d))])
    full_width_row(t, "Details of incident/suspected/actual abuse or neglect", fill=HEAD)
    inline_cells(t, [("Date of alleged incident:", "25 October"), ("Who reported the alert/concern?",
                                                                   "The adult herself")])
    inline_cells(t, [("Time of alleged incident:", "Evening"),
                     ("Date of report:", date_text(v["referral.referrer.date"], d))])
    cells = t.add_row().cells
    inline(cells[0].merge(cells[1]), "Where did the incident occur?", "At her home")

    full_width_row(t, "Details of the adult at risk", fill=HEAD)
    inline_cells(t, [("Name:", v["referral.victim.name"]), ("Date of Birth:", date_text(v["referral.victim.dob"], d))])
    inline_cells(t, [("Telephone:", v["referral.victim.phone"]), ("Ethnicity:", v["referral.victim.ethnicity"])])
    doc.add_paragraph()

    s = grid(doc, 6)
    cells = s.add_row().cells
    label(cells[0].merge(cells[3]), "What is the adult's primary reason for needing care and support?", fill=None)
    write(cells[4].merge(cells[5]), "Please tick ✓ or cross ✗", bold=True)
    needs = "Mental health support:" if v["referral.victim.mental_health"] else "No support reason:"
    for row in SUPPORT:
        cells = s.add_row().cells
        for index, kind in enumerate(row):
            write(cells[index * 2], kind)
            write(cells[index * 2 + 1], plan["mark"] if kind == needs else "")
    cells = s.add_row().cells
    write(cells[0], "Other health condition:")
    inline(cells[2].merge(cells[5]), "Please specify:", "")
    doc.add_paragraph()

    o = grid(doc, 1)
    for text, value in (("Any other details about the adult at risk:", v["referral.victim.mental_health"] or ""),
                        ("Views, wishes and desired outcomes of the adult / representative:",
                         v["referral.victim_wishes"] if v["referral.victim_aware"] else "Not discussed")):
        inline(o.add_row().cells[0], text, value)
    doc.add_paragraph()

    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        p = grid(doc, 3)
        full_width_row(p, "Details of the person alleged to have caused harm(where relevant)", fill=HEAD)
        for pairs in ([("Name:", v[f"{q}.name"]), ("Date of Birth:", date_text(v[f"{q}.dob"], d))],
                      [("Telephone:", "Not known"), ("Ethnicity:", v[f"{q}.ethnicity"])],
                      [("Address:", v[f"{q}.address"]), ("Relationship to adult at risk:",
                                                         v[f"{q}.relationship_to_victim"])]):
            cells = p.add_row().cells
            inline(cells[0], pairs[0][0], pairs[0][1])
            inline(cells[1].merge(cells[2]), pairs[1][0], pairs[1][1])
        cells = p.add_row().cells
        inline(cells[0].merge(cells[2]), "If the alleged abuser is a staff/volunteer, provide details (include. "
                                         "employer, job role, work address):", "N/A")
        cells = p.add_row().cells
        write(cells[0], "Please tick ✓ or cross ✗", bold=True)
        write(cells[1], "YES", bold=True)
        write(cells[2], "NO", bold=True)
        _yes_no(p, "Are they an adult with care and support needs?", False, plan["mark"])
        cells = p.add_row().cells
        inline(cells[0].merge(cells[2]), "Details of care and support needs(if applicable):", "")
        cells = p.add_row().cells
        inline(cells[0].merge(cells[2]), "Any other details about the alleged abuser(s):",
               f"Works as: {v[f'{q}.occupation']}" if i else "Has breached his bail conditions")
        doc.add_paragraph()

    g = grid(doc, 3)
    full_width_row(g, "Description of the alleged abuse", fill=HEAD)
    cells = g.add_row().cells
    write(cells[0].merge(cells[2]), v["referral.risks_summary"])
    cells = g.add_row().cells
    write(cells[0], "Please tick ✓ or cross ✗", bold=True)
    write(cells[1], "YES", bold=True)
    write(cells[2], "NO", bold=True)
    _yes_no(g, "Is the adult aware of this referral?", v["referral.victim_aware"], plan["mark"])
    _yes_no(g, "Has the adult consented to this referral?", v["referral.consent"], plan["mark"])
    cells = g.add_row().cells
    inline(cells[0].merge(cells[2]), "If no, why are you proceeding without consent?",
           v["referral.victim_aware_reason"] or v["referral.consent_override_reason"] or "")
    cells = g.add_row().cells
    inline(cells[0].merge(cells[2]), "Police reference number (if known):", v["referral.crime_reference"])
    cells = g.add_row().cells
    inline(cells[0].merge(cells[2]), "DASH risk checklist completed – score:", f"{v['dash.score']}/24")
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.agency", "referral.referrer.role", "referral.referrer.email",
        "referral.referrer.phone", "referral.referrer.date", "referral.victim.name", "referral.victim.dob",
        "referral.victim.phone", "referral.victim.ethnicity", "referral.victim_aware", "referral.consent",
        "referral.risks_summary", "referral.crime_reference")}
    found["referral.dash_score_stated"] = v["dash.score"]
    if not v["referral.consent"]:
        found["referral.consent_override_reason"] = v["referral.victim_aware_reason"] or \
            v["referral.consent_override_reason"]
    if v["referral.victim_aware"]:
        found["referral.victim_wishes"] = v["referral.victim_wishes"]
    expect_each(found, case, "perpetrators", ("name", "dob", "address", "ethnicity", "relationship_to_victim"))
    return found


FORMS = [AreaForm("s42-adults-referral", "A council's Safeguarding Adults (Section 42) referral (names no area)",
                  SOURCE, "referral", build, expected)]
