"""An adult social care "Adult Safeguarding concerns" form (a council's, the stored copy names no area; its record
number is a "Frameworki No:"), used for a domestic abuse case: an ADULT safeguarding form, so the victim is "the Adult"
(never "victim"); "Adults Details" as label | answer | label | answer rows ("Frameworki No:" | … | "NHS ID:" | …,
"Title" | … | "Date of Birth" | …), the gender, ethnicity and support reasons as Word DROP-DOWNS whose prompt is
"Please Select" (the support reasons left unselected), the date of birth in a date control (seed 1); a "Next of Kin
(or main person in their life) details:" box holding the victim's SISTER (not a party to the abuse) with her own
"Telephone no" / "Mobile no" / "Email address"; a "Details of GP" block with a third "Telephone no"; "Yes No Not Known"
questions answered by a box after each word (awareness, consent, police involvement); the man or men thought to be
the cause of risk in their own block after the concerns; the person raising the concern at the END.

Copied from the stored copy: "Adult Safeguarding concerns", "Adults Details", "Frameworki No:", "NHS ID:", "Name",
"Title", "Date of Birth", "Gender", "Ethnicity", "Please Select", "Telephone no", "Primary Support Reason", "Social
Support", "Please give a brief overview of the adults care and support needs, health conditions and care being
provided.", "Next of Kin (or main person in their life) details:", "Mobile no", "Email address", "Details of GP",
"Name of GP", "Address of GP", "Does this person live alone?", "Carers details (if applicable):", "Details of
Concern/Incident:", "Date this happened:", "Has this happened before/is it an on-going concern?", "What are the
concerns being raised and what are the risks for the Adult?", "What, if any, action has already been taken to
minimise any risk for the Adult?", "Is the Adult aware of this concern being raised?", "Does the Adult consent to
information being shared and concerns being raised?", "Adult's Views and Wishes:", "Are there any indications that
the adult may not have capacity around this concern?", "Has the Person and/or service thought to be the cause of risk
been informed about the concerns being raised?", "Are the Police aware or involved?", "Details, including Crime
Reference Number:" and "Relevant persons or professionals involved" with "Yes No" / "Yes No Not Known" (where the
stored text stops). The Adult's "Address", the block of the person(s) thought to be the cause of risk and the block of
the person raising the concern are laid out after it in the same style with plain labels; no guidance text of the
original is copied.

Filled per seed: typed ☒ / ☐ boxes, the date of birth and the incident date in date controls, "Please Select" left in
the support-reason drop-downs, "Frameworki No:" and "NHS ID:" left as "Click here to enter text." (seed 1); Word 2010
check boxes, dates "3rd April 1991", two men, one block each (seed 2); legacy FORMCHECKBOX boxes, dates "3/4/1991",
"N/A" in unused boxes (seed 3).
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.text.paragraph import Paragraph

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import _el, placeholder_control
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.fresh3._kit import expect_each
from tests.corpus.heldout._kit import grid, label, save

SOURCE = ("A council's adult social care 'Adult Safeguarding concerns' form (the stored copy names no area; 'Frameworki "
          "No:'): Adults Details: Frameworki No: / NHS ID: / Name / Title / Date of Birth / Gender / Ethnicity (Please "
          "Select) / Telephone no / Primary Support Reason / Social Support; Next of Kin (or main person in their life) "
          "details:; Details of GP; Does this person live alone? Yes No; Details of Concern/Incident: Date this "
          "happened:; Is the Adult aware of this concern being raised? Yes No Not Known; Does the Adult consent …; Are "
          "the Police aware or involved?; Details, including Crime Reference Number:; stored copy: "
          "https://docsbay.net/doc/293156/please-refer-to-the-last-page-for-guidance-notes")

FILL = "FFF2CC"
SISTER = ("Karen WHITFIELD (sister)", "0117 496 0991", "07700 900 417", "")
RELATIONSHIP = {"Son": "Her son", "Boyfriend": "Her boyfriend", "Husband": "Her husband",
                "Ex-husband": "Her ex-husband", "Partner": "Her partner", "Ex-partner": "Her ex-partner"}
_drop_ids = iter(range(400000, 500000))


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"box": ("☒", "w14", "formcheckbox")[i], "date": ("dd/mm/yyyy", "ordinal", "d/m/yyyy")[i],
            "controls": i == 0, "blank": ("", "", "N/A")[i]}


def _please_select(paragraph: Paragraph, items: list[str], chosen: str | None) -> None:
    """A drop-down content control whose prompt (and first entry) is 'Please Select'."""
    sdt = _el(paragraph._p, "w:sdt")
    props = _el(sdt, "w:sdtPr")
    _el(props, "w:id", w_val=str(-next(_drop_ids)))
    if chosen is None:
        _el(props, "w:showingPlcHdr")
    listing = _el(props, "w:dropDownList")
    for item in ["Please Select", *items]:
        _el(listing, "w:listItem", w_value=item, w_displayText=item)
    run = _el(_el(sdt, "w:sdtContent"), "w:r")
    if chosen is None:
        _el(_el(run, "w:rPr"), "w:rStyle", w_val="PlaceholderText")
    _el(run, "w:t").text = chosen if chosen is not None else "Please Select"


def _answer(cell: Any, value: str, plan: dict[str, Any], *, date: bool = False) -> None:
    if plan["controls"] and date:
        placeholder_control(cell.paragraphs[0], value, date=True)
    elif plan["controls"] and not value:
        placeholder_control(cell.paragraphs[0])
    else:
        write(cell, value or plan["blank"])


def _pair(table: Any, left: str, lvalue: str, right: str, rvalue: str, plan: dict[str, Any],
          *, rdate: bool = False) -> None:
    cells = table.add_row().cells
    label(cells[0], left, fill=FILL)
    _answer(cells[1], lvalue, plan)
    label(cells[2], right, fill=FILL)
    _answer(cells[3], rvalue, plan, date=rdate)


def _wide(table: Any, text: str, value: str, plan: dict[str, Any], *, date: bool = False) -> None:
    cells = table.add_row().cells
    label(cells[0], text, fill=FILL)
    _answer(cells[1].merge(cells[3]), value, plan, date=date)


def _choose(table: Any, text: str, chosen: str, options: tuple[str, ...], plan: dict[str, Any],
            fields: Fields) -> None:
    cells = table.add_row().cells
    write(cells[0].merge(cells[1]), text, bold=True)
    paragraph = cells[2].merge(cells[3]).paragraphs[0]
    for k, word in enumerate(options):
        paragraph.add_run(f"{'   ' if k else ''}{word} ")
        box(paragraph, word == chosen, plan["box"], fields)


def _drop(table: Any, text: str, items: list[str], chosen: str | None) -> None:
    cells = table.add_row().cells
    label(cells[0], text, fill=FILL)
    _please_select(cells[1].merge(cells[3]).paragraphs[0], items, chosen)


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d, fields = case.values, plan["date"], Fields()
    day = v["referral.referrer.date"]
    doc = Document()
    doc.add_heading("Adult Safeguarding concerns", level=1)

    t = grid(doc, 4)
    full_width_row(t, "Adults Details", fill=FILL)
    _pair(t, "Frameworki No:", "", "NHS ID:", "", plan)
    _wide(t, "Name", v["referral.victim.name"], plan)
    _pair(t, "Title", "Ms", "Date of Birth", date_text(v["referral.victim.dob"], d), plan, rdate=True)
    _drop(t, "Gender", ["Female", "Male", "Other", "Not known"], v["referral.victim.gender"])
    _drop(t, "Ethnicity", ["White British", "White Polish", "Black Caribbean", "Black African", "Pakistani",
                           "Bangladeshi", "Indian", "Any other"], v["referral.victim.ethnicity"])
    _wide(t, "Address", v["referral.victim.address"], plan)
    _wide(t, "Telephone no", v["referral.victim.phone"], plan)
    support = ["Physical Support", "Sensory Support", "Support with Memory and Cognition", "Learning Disability Support",
               "Mental Health Support", "Social Support"]
    mental = v["referral.victim.mental_health"]
    _drop(t, "Primary Support Reason", support, "Mental Health Support" if mental else None)
    _drop(t, "Social Support", ["Substance misuse support", "Asylum seeker support", "Support for social isolation"],
          "Substance misuse support" if v["referral.victim.substance_misuse"] else None)
    _wide(t, "Please give a brief overview of the adults care and support needs, health conditions and care being "
             "provided.", f"No formal care package. {'Mental health: ' + mental + '. ' if mental else ''}"
                          f"First language {v['referral.victim.first_language']}"
                          f"{' – interpreter needed' if v['referral.victim.interpreter_language'] else ''}.", plan)
    doc.add_paragraph()

    k = grid(doc, 4)
    full_width_row(k, "Next of Kin (or main person in their life) details:", fill=FILL)
    _wide(k, "Name", SISTER[0], plan)
    _pair(k, "Telephone no", SISTER[1], "Mobile no", SISTER[2], plan)
    _wide(k, "Email address", SISTER[3], plan)
    full_width_row(k, "Details of GP", fill=FILL)
    doctor, surgery = v["referral.victim.gp"].split(", ", 1)
    _pair(k, "Name of GP", doctor, "Address of GP", f"{surgery}, Canal Street, Exampletown", plan)
    _wide(k, "Telephone no", "0117 496 0100", plan)
    _choose(k, "Does this person live alone?", "No" if case.children or case.perpetrators > 1 else "Yes",
            ("Yes", "No"), plan, fields)
    _wide(k, "Carers details (if applicable):", "", plan)
    doc.add_paragraph()

    c = grid(doc, 4)
    full_width_row(c, "Details of Concern/Incident:", fill=FILL)
    _wide(c, "Date this happened:", date_text(day, d), plan, date=True)
    _choose(c, "Has this happened before/is it an on-going concern?", "Yes", ("Yes", "No", "Not Known"), plan,
            fields)
    _wide(c, "What are the concerns being raised and what are the risks for the Adult?", v["referral.risks_summary"],
          plan)
    _wide(c, "What, if any, action has already been taken to minimise any risk for the Adult?",
          "Safety plan agreed; referred to MARAC and the IDVA service", plan)
    _choose(c, "Is the Adult aware of this concern being raised?", "Yes" if v["referral.victim_aware"] else "No",
            ("Yes", "No", "Not Known"), plan, fields)
    _choose(c, "Does the Adult consent to information being shared and concerns being raised?",
            "Yes" if v["referral.consent"] else "No", ("Yes", "No", "Not Known"), plan, fields)
    _wide(c, "Adult's Views and Wishes:", v["referral.victim_wishes"], plan)
    _choose(c, "Are there any indications that the adult may not have capacity around this concern?", "No",
            ("Yes", "No", "Not Known"), plan, fields)
    _choose(c, "Has the Person and/or service thought to be the cause of risk been informed about the concerns being "
               "raised?", "No", ("Yes", "No"), plan, fields)
    _choose(c, "Are the Police aware or involved?", "Yes", ("Yes", "No", "Not Known"), plan, fields)
    _wide(c, "Details, including Crime Reference Number:",
          f"Crime ref {v['referral.crime_reference']}, OIC {v['referral.police.officer_in_charge']}", plan)
    _wide(c, "Relevant persons or professionals involved", "MARAC – referral sent; IDVA service", plan)
    doc.add_paragraph()

    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        p = grid(doc, 4)
        full_width_row(p, "Person thought to be the cause of risk", fill=FILL)
        _wide(p, "Name", v[f"{q}.name"], plan)
        _pair(p, "Date of Birth", date_text(v[f"{q}.dob"], d), "Relationship to the Adult",
              RELATIONSHIP.get(v[f"{q}.relationship_to_victim"], v[f"{q}.relationship_to_victim"]), plan)
        _wide(p, "Address", v[f"{q}.address"], plan)
        doc.add_paragraph()

    r = grid(doc, 4)
    full_width_row(r, "Person raising the concern", fill=FILL)
    _pair(r, "Name", v["referral.referrer.name"], "Job title", v["referral.referrer.role"], plan)
    _wide(r, "Organisation", v["referral.referrer.agency"], plan)
    _pair(r, "Telephone no", v["referral.referrer.phone"], "Email address", v["referral.referrer.email"], plan)
    _wide(r, "Date concern raised", date_text(day, d), plan)
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency", "referral.referrer.phone",
        "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.dob",
        "referral.victim.gender", "referral.victim.ethnicity", "referral.victim.address", "referral.victim.phone",
        "referral.victim_aware", "referral.consent", "referral.crime_reference", "referral.risks_summary",
        "referral.victim_wishes")}
    expect_each(found, case, "perpetrators", ("name", "dob", "address"))
    return found


FORMS = [AreaForm("adult-safeguarding-concerns", "A council's 'Adult Safeguarding concerns' form (no area named)",
                  SOURCE, "referral", build, expected)]
