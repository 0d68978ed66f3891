"""A DASH / MARAC referral written to an area's "Essential Information for DASH / MARAC forms" sheet: no boxes at
all, the referrer types the sheet's own headings in bold ("Names and dates of birth…", "SAFE contact details…",
"CURRENT high risk issues:", "What happened?", "When did it happen?") and answers each in sentences and lines of
prose under it: each person a line "Victim: name, DOB …, address (aka …)", the children "1) … 2) …", the best time
to call and a safe friend's number in the same paragraph as the victim's number, the police reference inside the
answer to "Was it reported to the police?".

Follows the published "Essential Information for DASH / MARAC forms April 2014" (stored copy: docsbay.net, see
SOURCE; the stored copy does not name the area). Taken from it: the title; its headings, shortened: "Names and dates
of birth for victim, alleged perpetrator, any children connected to the family and all relevant addresses; include
any known aliases", "Ethnicity, disability (if any), gender and sexual orientation", "SAFE contact details for the
victim, including the best time to call … an alternative contact, e.g. 'safe' friend/family member; … GP details",
"CURRENT high risk issues:" with "What happened?", "When did it happen?", "Where did it happen?", "What were the
circumstances?", "Were there any injuries?", "Was it reported to the police?", "Is the victim engaging with your
service, are there barriers/additional issues that IDVAS/Police need to be aware of?" and "Are there any
drug/alcohol/mental health…". The stored text stops there; the referrer's own details at the top are laid out with
plain labels.

Filled per seed: dates "dd/mm/yyyy", "3rd April 1991" or "3.4.91"; one perpetrator line or two (seed 2); the
children on numbered lines or "None" (seed 3); aliases typed "(aka …)"; "Safe to call: yes" or "NOT safe to call –
text first" inside the contact paragraph.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.document import Document as DocumentType

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.fresh3._kit import expect_each
from tests.corpus.heldout._kit import save

SOURCE = ("An area's 'Essential Information for DASH / MARAC forms April 2014' (Names and dates of birth…, include any "
          "known aliases; SAFE contact details incl. best time to call and a safe friend/family member; GP details; "
          "CURRENT high risk issues: What happened? When? Where? Circumstances? Injuries? Reported to the police?; the "
          "stored copy names no area); stored copy: "
          "https://docsbay.net/doc/637121/essential-information-for-dash-marac-forms-april-2014")


def _plan(case: Case) -> dict[str, Any]:
    return {"date": ("dd/mm/yyyy", "ordinal", "d.m.yy")[(case.seed - 1) % 3]}


def _heading(doc: DocumentType, text: str) -> None:
    doc.add_paragraph().add_run(text).bold = True


def _aka(aliases: list[str]) -> str:
    return f" (aka {', '.join(aliases)})" if aliases else ""


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    doc = Document()
    doc.add_heading("DASH / MARAC referral", level=1)
    doc.add_paragraph(f"Referred by: {v['referral.referrer.name']}, {v['referral.referrer.role']}, "
                      f"{v['referral.referrer.agency']}")
    doc.add_paragraph(f"Tel: {v['referral.referrer.phone']}    Email: {v['referral.referrer.email']}    "
                      f"Date: {date_text(v['referral.referrer.date'], d)}")

    _heading(doc, "Names and dates of birth for victim, alleged perpetrator, any children connected to the family and "
                  "all relevant addresses; include any known aliases")
    doc.add_paragraph(f"Victim: {v['referral.victim.name']}, DOB {date_text(v['referral.victim.dob'], d)}, "
                      f"{v['referral.victim.address']}{_aka(v['referral.victim.aliases'])}")
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        head = "Alleged perpetrator" + (f" {i + 1}" if case.perpetrators > 1 else "")
        doc.add_paragraph(f"{head} ({v[f'{q}.relationship_to_victim'].lower()}): {v[f'{q}.name']}, DOB "
                          f"{date_text(v[f'{q}.dob'], d)}, {v[f'{q}.address']}{_aka(v[f'{q}.aliases'])}")
    if case.children:
        doc.add_paragraph("Children:")
        for i in range(case.children):
            c = f"referral.children.{i}"
            where = "lives with mum" if v[f"{c}.lives_with_victim"] else \
                "lives with maternal grandmother, 12 Elm Close, Exampletown, LS8 9UU"
            doc.add_paragraph(f"{i + 1}) {v[f'{c}.name']}, DOB {date_text(v[f'{c}.dob'], d)}, "
                              f"{v[f'{c}.school']} – {where}")
    else:
        doc.add_paragraph("Children: None")

    _heading(doc, "Ethnicity, disability (if any), gender and sexual orientation")
    disabled = "has a disability (uses a wheelchair)" if v["referral.victim.disabled"] else "no disability"
    doc.add_paragraph(f"{v['referral.victim.ethnicity']}, {disabled}, female, heterosexual.")

    _heading(doc, "SAFE contact details for the victim, including the best time to call; an alternative contact, "
                  "e.g. 'safe' friend/family member; GP details")
    safe = "Safe to call: yes" if v["referral.victim.safe_to_call"] else "NOT safe to call – text first"
    doc.add_paragraph(f"Tel {v['referral.victim.phone']}. {safe}. Best time: "
                      f"{v['referral.victim.contact_notes'].lower()}. Alternative contact: her sister on 07700 900321.")
    doc.add_paragraph(f"GP: {v['referral.victim.gp']}")

    _heading(doc, "CURRENT high risk issues:")
    for question, answer in (
            ("What happened?", v["referral.risks_summary"]),
            ("When did it happen?", f"{date_text('2026-10-25', d)}, about 11pm."),
            ("Where did it happen?", "At her home address, in the kitchen; he followed her upstairs."),
            ("What were the circumstances?", ("He had been drinking and she had told him she wanted to end the "
                                             "relationship.")),
            ("Were there any injuries?", "Bruising to her neck; she did not go to hospital."),
            ("Was it reported to the police?", (f"Yes – crime ref {v['referral.crime_reference']}, OIC "
                                               f"{v['referral.police.officer_in_charge']}.")),
            (("Is the victim engaging with your service, are there barriers/additional issues that IDVAS/Police need "
             "to be aware of?"), "Engaging well; prefers appointments at the children's centre."),
            ("Are there any drug/alcohol/mental health issues?", v["referral.victim.mental_health"] or "None known.")):
        paragraph = doc.add_paragraph()
        paragraph.add_run(question + " ").bold = True
        paragraph.add_run(answer)
    doc.add_paragraph(f"DASH score: {v['dash.score']}")
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.victim.name", "referral.victim.dob", "referral.victim.address", "referral.victim.postcode",
        "referral.victim.aliases", "referral.victim.phone", "referral.victim.safe_to_call",
        "referral.victim.ethnicity", "referral.victim.disabled", "referral.victim.gp", "referral.crime_reference",
        "referral.police.officer_in_charge", "referral.referrer.name", "referral.referrer.role",
        "referral.referrer.agency", "referral.referrer.phone", "referral.referrer.email", "referral.referrer.date")}
    found["referral.victim.gender"] = "Female"
    found["referral.victim.mental_health"] = v["referral.victim.mental_health"]
    found["referral.dash_score_stated"] = v["dash.score"]
    expect_each(found, case, "perpetrators", ("name", "dob", "address", "aliases", "relationship_to_victim"))
    expect_each(found, case, "children", ("name", "dob", "school", "lives_with_victim"))
    if not case.children:
        found["referral.children"] = []
    return found


FORMS = [AreaForm("essential-info-referral", "An area's 'Essential Information for DASH / MARAC forms' (names no area)",
                  SOURCE, "referral", build, expected)]
