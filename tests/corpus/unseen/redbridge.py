"""Redbridge MARAC Referral and Risk Assessment Form: label and answer in the same cell (label on the first line),
two answers asked in one label, several people written into one cell.

Follows the published Redbridge MARAC "Referral and Risk Assessment Form" (stored copy: docsbay.net, see SOURCE).
Taken from it: the title, "Referral Date:", the "Client Details" block with "Name and Date of Birth:" beside
"Address & Contact No:", "Ethnicity:", "Does client have a disability? (This will include any long-term
illness)", the "Alleged perpetrator:" block ("Name and Date of Birth:", "Address of alleged perpetrator:",
"Ethnicity of perpetrator:", "Relationship between victim and perpetrator:"), "Children:" with "Names and Dates
of Birth" and "Address of children:", then "Reasons for Referral:", "Risk assessment score:", "Background and
Risk Issues:", "Why does this case require a multi-agency approach?", "Is the person referred aware of the MARAC
referral?", "Referring Officer and Agency:" and the line pointing to the attached Risk Indicator Checklist. The
checklist itself (an older, differently numbered question set) is not reproduced: its answers have no agreed
place in the SafeLives numbering, so a perfect reader's answer could not be stated honestly.

The form has no separate answer cells: each cell holds the printed label and, on the lines below it (or after
it on the same line for short answers), what the referrer typed. Filled per seed: the name and date of birth
together ("Grace ABBOTT" then the date on the next line; "ABBOTT, Grace 3.4.91"; "Grace ABBOTT – DOB
03/04/1991"), "(aka …)"; the address with the phone number under it and sometimes the safe time to call after
the number; two perpetrators numbered "1) … 2) …" inside each cell; the children one per line "Name – date" or
"None"; the reasons for referral as a sentence naming the criteria met; the score as "16" or "16/24"; "Yes" or
"No – reason" for awareness; "Referring Officer and Agency" as "Name, Agency" with the phone and email on a
second line on some seeds.
"""
from __future__ import annotations

from typing import Any

from docx import Document

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text, name_surname_first
from tests.corpus.docx_parts import full_width_row
from tests.corpus.heldout._kit import grid, inline, named, rng_for, save
from tests.corpus.unseen._kit import label_then_lines

SOURCE = ("Redbridge MARAC, 'Referral and Risk Assessment Form' (Client Details: 'Name and Date of Birth', 'Address & "
          "Contact No'; Alleged perpetrator; Children: 'Names and Dates of Birth'; Risk assessment score; 'Referring "
          "Officer and Agency'; Risk Indicator Checklist attached); stored copy: "
          "https://docsbay.net/referral-and-risk-assessment-form")

FILL = "D9E2F3"


def _plan(case: Case) -> dict[str, Any]:
    rng = rng_for(case, 22)
    return {"date": rng.choice(("dd/mm/yyyy", "d.m.yy", "d month yyyy")),
            "name": ("lines", "surname-first", "dash")[case.seed % 3], "notes": rng.random() < 0.6,
            "score": rng.choice(("plain", "of24")), "contact_line": rng.random() < 0.5,
            "child_sep": rng.choice((" – ", " ")), "reasons_joined": rng.choice(("; ", "\n"))}


def _name_and_dob(name: str, aliases: list[str], dob: str | None, how: str, d: str) -> list[str]:
    if how == "lines":
        return [named(name, aliases), date_text(dob, d)]
    if how == "surname-first":
        return [f"{named(name_surname_first(name), aliases)} {date_text(dob, d)}"]
    return [f"{named(name, aliases)} – DOB {date_text(dob, d)}"]


def _numbered(values: list[str]) -> list[str]:
    return values if len(values) == 1 else [f"{n}) {value}" for n, value in enumerate(values, start=1)]


def _reasons(case: Case) -> list[str]:
    v = case.values
    said = []
    if v["referral.reasons.visible_high_risk"]:
        said.append(f"Visible high risk – {v['referral.dash_score_stated']} ticks on the RIC")
    if v["referral.reasons.professional_judgement"]:
        said.append(f"Professional judgement – {v['referral.reasons.professional_judgement_rationale']}")
    if v["referral.reasons.potential_escalation"]:
        said.append("Potential escalation – three police call-outs in the last 12 months")
    return said


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    doc = Document()
    doc.add_heading("Referral and Risk Assessment Form", level=1)
    doc.add_paragraph().add_run("Redbridge MARAC").bold = True
    t = grid(doc, 2)
    row = t.add_row().cells
    inline(row[0].merge(row[1]), "Referral Date:", date_text(v["referral.referrer.date"], d))
    full_width_row(t, "Client Details", fill=FILL)
    row = t.add_row().cells
    label_then_lines(row[0], "Name and Date of Birth:",
                     _name_and_dob(v["referral.victim.name"], v["referral.victim.aliases"], v["referral.victim.dob"],
                                   plan["name"], d))
    phone = v["referral.victim.phone"]
    label_then_lines(row[1], "Address & Contact No:",
                     [v["referral.victim.address"],
                      f"{phone} – {v['referral.victim.contact_notes']}" if plan["notes"] else phone])
    row = t.add_row().cells
    inline(row[0].merge(row[1]), "Ethnicity:", v["referral.victim.ethnicity"])
    row = t.add_row().cells
    label_then_lines(row[0].merge(row[1]), "Does client have a disability? (This will include any long-term illness)",
                     ["Yes – long-term illness (diabetes)" if v["referral.victim.disabled"] else "No"])

    full_width_row(t, "Alleged perpetrator:", fill=FILL)
    perps = [f"referral.perpetrators.{i}" for i in range(case.perpetrators)]
    names = [line for q in perps for line in
             [" ".join(_name_and_dob(v[f"{q}.name"], v[f"{q}.aliases"], v[f"{q}.dob"],
                                     "dash" if plan["name"] == "lines" else plan["name"], d))]]
    row = t.add_row().cells
    label_then_lines(row[0], "Name and Date of Birth:", _numbered(names))
    label_then_lines(row[1], "Address of alleged perpetrator:", _numbered([v[f"{q}.address"] for q in perps]))
    row = t.add_row().cells
    label_then_lines(row[0], "Ethnicity of perpetrator:", _numbered([v[f"{q}.ethnicity"] for q in perps]))
    label_then_lines(row[1], "Relationship between victim and perpetrator:",
                     _numbered([v[f"{q}.relationship_to_victim"] for q in perps]))

    full_width_row(t, "Children:", fill=FILL)
    kids = [f"{v[f'referral.children.{i}.name']}{plan['child_sep']}{date_text(v[f'referral.children.{i}.dob'], d)}"
            for i in range(case.children)]
    row = t.add_row().cells
    label_then_lines(row[0], "Names and Dates of Birth", kids or ["None"])
    label_then_lines(row[1], "Address of children:", ["Same as client"] if kids else ["N/A"])

    reasons = _reasons(case)
    score = v["referral.dash_score_stated"]
    for text, lines in (
            ("Reasons for Referral:", [plan["reasons_joined"].join(reasons)] if plan["reasons_joined"] == "; "
             else reasons),
            ("Risk assessment score:", [f"{score}/24" if plan["score"] == "of24" else str(score)]),
            ("Background and Risk Issues:", [v["referral.risks_summary"]]),
            ("Why does this case require a multi-agency approach?",
             [("Children in the household and several agencies involved; housing and health need to share "
               "information to keep her safe.")]),
            ("Is the person referred aware of the MARAC referral?",
             ["Yes" if v["referral.victim_aware"] else f"No – {v['referral.victim_aware_reason']}"]),
            ("Referring Officer and Agency:",
             [f"{v['referral.referrer.name']}, {v['referral.referrer.agency']}"]
             + ([f"Tel: {v['referral.referrer.phone']}   Email: {v['referral.referrer.email']}"]
                if plan["contact_line"] else []))):
        row = t.add_row().cells
        label_then_lines(row[0].merge(row[1]), text, lines)

    doc.add_paragraph("Please see attached Risk Indicator Checklist for use by IDVAs and other agencies for MARAC case "
                      "identification when domestic abuse, 'honour'-based violence and/or stalking are disclosed.")
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    plan = _plan(case)
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.date", "referral.referrer.name", "referral.referrer.agency",
        "referral.victim.name", "referral.victim.aliases", "referral.victim.dob", "referral.victim.address",
        "referral.victim.postcode", "referral.victim.phone", "referral.victim.ethnicity",
        "referral.victim.disabled", "referral.dash_score_stated", "referral.risks_summary",
        "referral.victim_aware", "referral.victim_aware_reason")}
    if plan["notes"]:
        found["referral.victim.contact_notes"] = v["referral.victim.contact_notes"]
    if plan["contact_line"]:
        found["referral.referrer.phone"] = v["referral.referrer.phone"]
        found["referral.referrer.email"] = v["referral.referrer.email"]
    for i in range(case.perpetrators):
        for k in ("name", "aliases", "dob", "address", "ethnicity", "relationship_to_victim"):
            found[f"referral.perpetrators.{i}.{k}"] = v[f"referral.perpetrators.{i}.{k}"]
    for i in range(case.children):
        for k in ("name", "dob"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    if case.children == 0:
        found["referral.children"] = []
    for path in ("referral.reasons.visible_high_risk", "referral.reasons.professional_judgement",
                 "referral.reasons.potential_escalation"):
        if v[path]:  # the form names the criteria met; it says nothing of the others
            found[path] = True
    if v["referral.reasons.professional_judgement"]:
        found["referral.reasons.professional_judgement_rationale"] = \
            v["referral.reasons.professional_judgement_rationale"]
    return found


FORMS = [AreaForm("redbridge-referral", "Redbridge", SOURCE, "referral", build, expected)]
