"""Southwark's "ADULT SAFEGUARDING REFERRAL FORM", used for a domestic abuse case: LABELS IN ONE ROW AND THE ANSWERS
IN THE ROW UNDER THEM ("Title:M | Forename:M | Surname:M | Date of Birth:(dd/mm/yyyy)M" over the four answers), a
superscript-like "M" glued to every mandatory label, and "Please select" drop-downs for title, gender, religion,
client group, ethnicity (Southwark's own wording: "White: English/Welsh/Scottish/Northern Irish", "Asian/Asian
British: Pakistani" …) and sexual orientation; lettered sections ("A. Please enter the following information about
the adult at risk"); the man she fears in a later lettered section laid out the same way.

Follows the published form (stored copy: docest.com, see SOURCE). Taken from it: the title, "Form fields marked with
the M symbol are mandatory", a paraphrase of its confidentiality note (Southwark multi-agency Safeguarding Vulnerable
Adults policy and procedure; shared on a need to know basis), "A. Please enter the following information about the
adult at risk", "Details of the adult at risk", "Title:M", "Forename:M", "Surname:M", "Date of Birth:(dd/mm/yyyy)M",
"Please select" and the title items (Mr Mrs Ms Sir Lady Dr Prof Other Not Known), "Gender:M" (Female Male Not known),
"Religion:M" (a shortened list), "Client Group:M" and its items, "Ethnicity:M" and its items, "Sexual
orientation:M" (its items, shortened), "Person References / IdentifiersM" with "CareFirst ID:" / "EPJ ID:" / "NHS
ID:", and "Health Conditions" with "An illness, disability or condition affecting the client - and diagnosed by a
he…", where the stored text stops. The address, concern, consent, the person alleged to have caused harm and the
referrer are laid out after it in the same style (label row over answer row, "M" marks, "Please select") with plain
labels.

Filled per seed: the drop-downs as content controls (seed 1), typed over "Please select" as plain text (seed 2), or
content controls with the optional ones left showing "Please select" (seed 3); dates "dd/mm/yyyy" as asked (seeds
1, 3) or "d/m/yyyy" (seed 2).
"""
from __future__ import annotations

import itertools
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table, _Cell
from lxml import etree

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import full_width_row, shade, write
from tests.corpus.fresh3._kit import expect_each
from tests.corpus.fresh4._kit import split_address
from tests.corpus.heldout._kit import grid, save
from tests.corpus.unseen._kit import split_name, title_for

SOURCE = ("London Borough of Southwark, 'ADULT SAFEGUARDING REFERRAL FORM' (Southwark multi-agency Safeguarding "
          "Vulnerable Adults policy and procedure; 'Form fields marked with the M symbol are mandatory'; A. Details of "
          "the adult at risk: Title:M / Forename:M / Surname:M / Date of Birth:(dd/mm/yyyy)M with 'Please select' "
          "lists, Gender:M, Religion:M, Client Group:M, Ethnicity:M, Sexual orientation:M, Person References / "
          "Identifiers); stored copy: https://docest.com/doc/621753/adult-safeguarding-referral-form")

HEAD = "FBE4D5"
TITLES = ["Mr", "Mrs", "Ms", "Sir", "Lady", "Dr", "Prof", "Other", "Not Known"]
GENDERS = ["Female", "Male", "Not known"]
RELIGIONS = ["Baptist", "Buddhist", "Church of England", "Hindu", "Jewish", "Muslim", "Roman Catholic", "Sikh",
             "Other", "None", "Not Known", "Refused to say"]
GROUPS = ["Other Vulnerable Adult", "Physical Disability / Frailty", "Sensory Impairment", "Learning Disability",
          "Mental Health", "Substance Misuse"]
ETHNICITIES = ["White: English/Welsh/Scottish/Northern Irish", "White: Irish", "White: Gypsy/Irish Traveller",
               "White: Any other White background", "Mixed: White and Black Caribbean",
               "Mixed: White and Black African", "Mixed: White and Asian", "Mixed: Any other mixed background",
               "Asian/Asian British: Indian", "Asian/Asian British: Pakistani", "Asian/Asian British: Bangladeshi",
               "Asian/Asian British: Chinese", "Black/Black British: African", "Black/Black British: Caribbean",
               "Other ethnic group: Other", "Not known"]
ETHNIC_OF = {"White British": "White: English/Welsh/Scottish/Northern Irish",
             "White Polish": "White: Any other White background", "Black Caribbean": "Black/Black British: Caribbean",
             "Black African": "Black/Black British: African", "Pakistani": "Asian/Asian British: Pakistani",
             "Bangladeshi": "Asian/Asian British: Bangladeshi", "Mixed White and Asian": "Mixed: White and Asian"}
ORIENTATIONS = ["Heterosexual", "Gay/Lesbian", "Bi-sexual", "Person asked and does not know or is not sure",
                "Person asked but declined to provide a response", "Not Stated"]
CATEGORIES = ["Physical", "Sexual", "Psychological", "Financial", "Neglect", "Discriminatory", "Institutional",
              "Domestic Abuse", "Other"]
YES_NO = ["Yes", "No", "Not known"]
_ids = itertools.count(1)


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"select": ("control", "typed", "control-partial")[i], "date": ("dd/mm/yyyy", "d/m/yyyy", "dd/mm/yyyy")[i]}


def _select(cell: _Cell, items: list[str], chosen: str | None, plan: dict[str, Any], *, optional: bool = False) -> None:
    """A 'Please select' drop-down (content control), or the answer typed where the list was."""
    if optional and plan["select"] == "control-partial":
        chosen = None
    if plan["select"] == "typed":
        write(cell, chosen or "Please select")
        return
    p = cell.paragraphs[0]._p
    sdt = etree.SubElement(p, qn("w:sdt"))
    props = etree.SubElement(sdt, qn("w:sdtPr"))
    etree.SubElement(props, qn("w:id")).set(qn("w:val"), str(-400000 - next(_ids)))
    if chosen is None:
        etree.SubElement(props, qn("w:showingPlcHdr"))
    listing = etree.SubElement(props, qn("w:dropDownList"))
    for item in ["Please select"] + items:
        entry = etree.SubElement(listing, qn("w:listItem"))
        entry.set(qn("w:displayText"), item)
        entry.set(qn("w:value"), item)
    run = etree.SubElement(etree.SubElement(sdt, qn("w:sdtContent")), qn("w:r"))
    if chosen is None:
        style = etree.SubElement(etree.SubElement(run, qn("w:rPr")), qn("w:rStyle"))
        style.set(qn("w:val"), "PlaceholderText")
    etree.SubElement(run, qn("w:t")).text = chosen if chosen is not None else "Please select"


def _label(cell: _Cell, text: str, mandatory: bool = True) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.add_run(text).bold = True
    if mandatory:
        mark = paragraph.add_run("M")
        mark.bold = True
        mark.font.size = Pt(7)
        mark.font.superscript = True
    shade(cell, HEAD)


def _labels_over(t: Table, heads: list[tuple[str, bool]], values: list[Any], plan: dict[str, Any]) -> None:
    """One row of labels, the answers in the row under it; a value (items, chosen) is a drop-down."""
    for cell, (text, mandatory) in zip(t.add_row().cells, heads):
        _label(cell, text, mandatory)
    for cell, value in zip(t.add_row().cells, values):
        if isinstance(value, tuple):
            _select(cell, value[0], value[1], plan, optional=len(value) > 2)
        else:
            write(cell, value or "")


def _pairs(t: Table, pairs: list[tuple[str, bool, Any]], plan: dict[str, Any]) -> None:
    """Label | answer | label | answer in one row (the way the stored copy lays out gender and religion)."""
    cells = t.add_row().cells
    for index, (text, mandatory, value) in enumerate(pairs):
        _label(cells[index * 2], text, mandatory)
        if isinstance(value, tuple):
            _select(cells[index * 2 + 1], value[0], value[1], plan, optional=len(value) > 2)
        else:
            write(cells[index * 2 + 1], value or "")


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    doc = Document()
    doc.add_heading("ADULT SAFEGUARDING REFERRAL FORM", level=1)
    run = doc.add_paragraph().add_run("Form fields marked with the M symbol are mandatory")
    run.italic = True
    doc.add_paragraph("This form follows the Southwark multi-agency Safeguarding Vulnerable Adults policy and "
                      "procedure. What it holds is confidential and is shared only on a need to know basis, in the "
                      "best interest of the Adult at Risk, and with their consent where it is appropriate to ask.")

    t = grid(doc, 4)
    full_width_row(t, "A. Please enter the following information about the adult at risk", fill="F4B183")
    full_width_row(t, "Details of the adult at risk", fill=None)
    forenames, surname = split_name(v["referral.victim.name"])
    _labels_over(t, [("Title:", True), ("Forename:", True), ("Surname:", True), ("Date of Birth:(dd/mm/yyyy)", True)],
                 [(TITLES, title_for("Female", case.seed)), forenames, surname,
                  date_text(v["referral.victim.dob"], d)], plan)
    _pairs(t, [("Gender:", True, (GENDERS, "Female")), ("Religion:", True, (RELIGIONS, "Not Known", "optional"))],
           plan)
    _pairs(t, [("Client Group:", True, (GROUPS, "Other Vulnerable Adult")),
               ("Ethnicity:", True, (ETHNICITIES, ETHNIC_OF.get(v["referral.victim.ethnicity"], "Not known")))], plan)
    _pairs(t, [("Sexual orientation:", True, (ORIENTATIONS, "Not Stated", "optional")), ("", False, "")], plan)
    full_width_row(t, "Person References / Identifiers", fill=None)
    _labels_over(t, [("CareFirst ID:", False), ("EPJ ID:", False), ("NHS ID:", False), ("", False)],
                 ["", "", "", ""], plan)
    full_width_row(t, "Health Conditions", fill=None)
    cells = t.add_row().cells
    write(cells[0].merge(cells[3]), "An illness, disability or condition affecting the client - and diagnosed by a "
                                    "health professional:  " + (v["referral.victim.mental_health"] or "None known"))
    street, postcode = split_address(v["referral.victim.address"])
    _labels_over(t, [("Address:", True), ("Postcode:", True), ("Telephone:", True), ("Safe to call?", False)],
                 [street, postcode, v["referral.victim.phone"],
                  (YES_NO, "Yes" if v["referral.victim.safe_to_call"] else "No")], plan)
    doc.add_paragraph()

    c = grid(doc, 4)
    full_width_row(c, "B. Details of the concern", fill="F4B183")
    _pairs(c, [("Category of abuse:", True, (CATEGORIES, "Domestic Abuse")), ("Date of incident:", False,
                                                                              "25/10/2026")], plan)
    cells = c.add_row().cells
    _label(cells[0].merge(cells[3]), "Description of the concern:")
    cells = c.add_row().cells
    write(cells[0].merge(cells[3]), v["referral.risks_summary"])
    _pairs(c, [("Is the adult at risk aware of this referral?", True,
                (YES_NO, "Yes" if v["referral.victim_aware"] else "No")),
               ("Has the adult at risk consented to this referral?", True,
                (YES_NO, "Yes" if v["referral.consent"] else "No"))], plan)
    cells = c.add_row().cells
    _label(cells[0], "If no, why are you referring without consent?", False)
    write(cells[1].merge(cells[3]), v["referral.victim_aware_reason"] or v["referral.consent_override_reason"] or "")
    _labels_over(c, [("Police crime reference number:", False), ("DASH risk checklist score:", False),
                     ("", False), ("", False)], [v["referral.crime_reference"], str(v["dash.score"]), "", ""], plan)
    doc.add_paragraph()

    p = grid(doc, 4)
    full_width_row(p, "C. Details of the person alleged to have caused harm", fill="F4B183")
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        first, last = split_name(v[f"{q}.name"])
        _labels_over(p, [("Forename:", True), ("Surname:", True), ("Date of Birth:(dd/mm/yyyy)", False),
                         ("Relationship to adult at risk:", True)],
                     [first, last, date_text(v[f"{q}.dob"], d), v[f"{q}.relationship_to_victim"]], plan)
        cells = p.add_row().cells
        _label(cells[0], "Address:", False)
        write(cells[1].merge(cells[3]), v[f"{q}.address"])
    doc.add_paragraph()

    r = grid(doc, 4)
    full_width_row(r, "D. Details of the person making this referral", fill="F4B183")
    _labels_over(r, [("Name:", True), ("Organisation:", True), ("Job title:", False), ("Telephone:", True)],
                 [v["referral.referrer.name"], v["referral.referrer.agency"], v["referral.referrer.role"],
                  v["referral.referrer.phone"]], plan)
    _labels_over(r, [("Email:", True), ("Date of referral:(dd/mm/yyyy)", True), ("", False), ("", False)],
                 [v["referral.referrer.email"], date_text(v["referral.referrer.date"], d), "", ""], plan)
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.agency", "referral.referrer.role", "referral.referrer.phone",
        "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.dob",
        "referral.victim.address", "referral.victim.phone", "referral.victim.gender", "referral.victim.safe_to_call",
        "referral.victim_aware", "referral.consent", "referral.risks_summary", "referral.crime_reference")}
    found["referral.victim.ethnicity"] = ETHNIC_OF.get(v["referral.victim.ethnicity"], "Not known")
    found["referral.dash_score_stated"] = v["dash.score"]
    if not v["referral.consent"]:
        found["referral.consent_override_reason"] = v["referral.victim_aware_reason"] or \
            v["referral.consent_override_reason"]
    expect_each(found, case, "perpetrators", ("name", "dob", "address", "relationship_to_victim"))
    return found


FORMS = [AreaForm("southwark-adult-safeguarding", "Southwark (adult safeguarding referral)", SOURCE, "referral",
                  build, expected)]
