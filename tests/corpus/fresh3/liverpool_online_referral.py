"""Liverpool City Council's online "Homeless referral on behalf of someone else", as the referrer saves or prints it
after submitting (the confirmation copy such online referral forms e-mail back), for a woman made homeless by
domestic abuse: NO table at all; the form's step list "1 About you the referrer … 10 Summary" printed at the top as
numbered lines; then each step's heading and, under it, every question as a bold line and the answer on the line
below (the answer to a radio question is the chosen option's words, "I am a partner agency making a referral"; an
unanswered drop-down prints "-- Please Select --"); the referrer is named by labels that say whose value it is
("Name of person referring", "Email address of referrer"); the person referred and the person she fled are both
under "About the person you are referring"; the household as repeated "Household member N" groups.

Follows the published online form (stored copy: apps.liverpool.gov.uk, see SOURCE). Taken from it: the step list
("1About you the referrer 2About the person you are referring 3Main applicant details 4Employment 5Health, Disability
and Special Needs 6Nationality and family information 7Eviction notice and rent arrears details 8Evidence to be
provided with your application 9Equality questions 10Summary"), "Before you proceed do you have the permission of the
applicant to submit this information on their behalf?", "What is your role?" with its three options, "Partner agency
making a referral", "Please indicate which agency is referring the main applicant" with its list (Probation Service,
Police, Childrens Social Care, Charity Support Service, Hospitals/A&E, Private registered Provider (Housing
Association), …), "If Other, please specify", "Role of person referring", "Name of person referring", "Address of
referrer", "Email address of referrer", "Phone number of referrer", "Please can you provide the following information
for the customer you are supporting." The stored text stops in the probation questions; the person referred, the
person causing harm and the household are laid out after it with plain labels in the same question / answer style.

Filled per seed: dates as the date boxes print them, "03/04/1991" (seed 1), "1991-04-03" (seed 2, an HTML date box)
or "3 April 1991" (seed 3); the address in lines (line 1, town, postcode); optional questions left unanswered show
"-- Please Select --" or nothing; the agency is the list item nearest the referrer's own ("Police" for a police
referrer).
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.shared import Pt

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.heldout._kit import save
from tests.corpus.unseen._kit import split_name

from ._kit import expect_each

SOURCE = ("Liverpool City Council, 'Homeless referral on behalf of someone else' online form (steps '1 About you the "
          "referrer' to '10 Summary'; 'What is your role?', 'Please indicate which agency is referring the main "
          "applicant', 'Name of person referring', 'Email address of referrer', 'Phone number of referrer'); stored "
          "copy: http://apps.liverpool.gov.uk/lccforms/forms/homeless-referral-on-behalf-of-someone-else")

STEPS = ("About you the referrer", "About the person you are referring", "Main applicant details", "Employment",
         "Health, Disability and Special Needs", "Nationality and family information",
         "Eviction notice and rent arrears details", "Evidence to be provided with your application",
         "Equality questions", "Summary")
AGENCY_ITEM = {"Exampleshire Police": "Police", "Riverside Housing Association":
               "Private registered Provider (Housing Association)", "Exampleshire NHS Foundation Trust":
               "Hospitals/A&E", "Children's Social Care": "Childrens Social Care",
               "Women's Aid (Exampleshire)": "Charity Support Service", "Probation Service": "Probation Service"}
UNSELECTED = "-- Please Select --"


def _date(iso: str | None, seed: int) -> str:
    if not iso:
        return ""
    if seed % 3 == 2:
        return iso
    return date_text(iso, "dd/mm/yyyy" if seed % 3 == 1 else "d month yyyy")


def _street_town(address: str) -> tuple[str, str, str]:
    street, town, postcode = (part.strip() for part in address.split(","))
    return street, town, postcode


def build(case: Case) -> bytes:
    v, s = case.values, case.seed
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)

    def qa(question: str, answer: str | None) -> None:
        doc.add_paragraph().add_run(question).bold = True
        doc.add_paragraph(answer or "")

    doc.add_paragraph().add_run("Homeless referral on behalf of someone else").bold = True
    for number, step in enumerate(STEPS, start=1):
        doc.add_paragraph(f"{number}{step}")
    doc.add_paragraph("Progress")
    doc.add_heading(STEPS[-1], level=2)

    doc.add_heading(f"1 {STEPS[0]}", level=3)
    qa("Before you proceed do you have the permission of the applicant to submit this information on their behalf?",
       "Yes")
    qa("What is your role?", "I am a partner agency making a referral")
    doc.add_paragraph().add_run("Partner agency making a referral").italic = True
    qa("Please indicate which agency is referring the main applicant", AGENCY_ITEM[v["referral.referrer.agency"]])
    qa("If Other, please specify", None)
    qa("Role of person referring", v["referral.referrer.role"])
    qa("Name of person referring", v["referral.referrer.name"])
    qa("Address of referrer", "PO Box 100, Exampletown")
    qa("Email address of referrer", v["referral.referrer.email"])
    qa("Phone number of referrer", v["referral.referrer.phone"])
    qa("Date of referral", _date(v["referral.referrer.date"], s))

    doc.add_heading(f"2 {STEPS[1]}", level=3)
    doc.add_paragraph("Please can you provide the following information for the customer you are supporting.")
    first, last = split_name(v["referral.victim.name"])
    street, town, postcode = _street_town(v["referral.victim.address"])
    qa("First name", first)
    qa("Last name", last)
    qa("Date of birth", _date(v["referral.victim.dob"], s))
    qa("Address line 1", street)
    qa("Town / City", town)
    qa("Postcode", postcode)
    qa("Contact telephone number", v["referral.victim.phone"])
    qa("Is it safe to call this number?", "Yes" if v["referral.victim.safe_to_call"] else "No")
    qa("Reason for homelessness", "Domestic abuse")
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        if case.perpetrators > 1:
            doc.add_paragraph().add_run(f"Person causing harm {i + 1}").italic = True
        qa("Name of the person causing harm", v[f"{q}.name"])
        qa("Their date of birth (if known)", _date(v[f"{q}.dob"], s))
        qa("Their address (if known)", v[f"{q}.address"])
        qa("Relationship to the applicant", v[f"{q}.relationship_to_victim"])
    qa("Has the applicant been referred to MARAC?", "Yes" if v["dash.score"] >= 14 else UNSELECTED)
    qa("DASH score (if completed)", str(v["dash.score"]))

    doc.add_heading(f"3 {STEPS[2]}", level=3)
    qa("Ethnicity", v["referral.victim.ethnicity"])
    qa("First language", v["referral.victim.first_language"])
    qa("Interpreter needed?", "Yes" if v["referral.victim.interpreter_language"] else "No")
    qa("Sexual orientation", UNSELECTED)

    doc.add_heading(f"6 {STEPS[5]}", level=3)
    qa("Does anyone else live with the applicant?", "Yes" if case.children else "No")
    for i in range(case.children):
        c = f"referral.children.{i}"
        doc.add_paragraph().add_run(f"Household member {i + 1}").italic = True
        qa("Full name", v[f"{c}.name"])
        qa("Date of birth", _date(v[f"{c}.dob"], s))
        qa("Relationship to applicant", v[f"{c}.relationship_to_victim"])
        qa("Gender", v[f"{c}.gender"])

    doc.add_heading(f"{len(STEPS)} {STEPS[-1]}", level=3)
    qa("Please tell us anything else we should know", v["referral.risks_summary"])
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.role", "referral.referrer.name", "referral.referrer.email", "referral.referrer.phone",
        "referral.referrer.date", "referral.victim.name", "referral.victim.dob", "referral.victim.address",
        "referral.victim.postcode", "referral.victim.phone", "referral.victim.safe_to_call",
        "referral.victim.ethnicity", "referral.victim.first_language", "referral.risks_summary")}
    found["referral.referrer.agency"] = AGENCY_ITEM[v["referral.referrer.agency"]]
    found["referral.dash_score_stated"] = v["dash.score"]
    expect_each(found, case, "perpetrators", ("name", "dob", "address", "relationship_to_victim"))
    expect_each(found, case, "children", ("name", "dob", "relationship_to_victim", "gender"))
    if not case.children:
        found["referral.children"] = []
    return found


FORMS = [AreaForm("liverpool-online-referral", "Liverpool (online homeless referral, printed after submitting)",
                  SOURCE, "referral", build, expected)]
