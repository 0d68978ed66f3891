"""Kirklees DRAMM-MARAC referral form: victim and perpetrator side by side in one table, the grounds for sharing
without consent as a tick list, children "(inc unborn)", the reason chosen from a list.

Follows the published Kirklees "DRAMM-MARAC Referral Form" (Daily Risk Assessment Management Meeting and MARAC;
stored copy: docest.com, see SOURCE). Taken from it: the title and a paraphrase of the note on top, "Referred by:"
and "Contact email:" (the referrer's name, role and agency typed in one cell), "Would you like to attend the
DRAMM when this case is discussed?", the "Details of Victim and Perpetrator" table with a "Victim" column and a
"Perpetrator" column and the rows Name / Date of Birth / Relationship to victim / Substance Misuse / Mental Ill
Health / Risk to professionals, "Victim Consent to referral" with "Consent to referral Yes/No", the
"Justification to override consent" grounds (Right to life; free from torture or degrading treatment;
prevention or detection of crime; vital interests; child protection; overriding public interest;
administration of justice; functions under an enactment) as a tick list, "Has the victim placed any
conditions/limitations on their consent", "Details of children" ("This includes all children linked to either
the victim or the perpetrator") with the columns Children (inc unborn) / DOB/EDD / Relationship to victim /
Relationship to perpetrator / Present: / In the care of/ Address, and "Reason for Referral: Please choose from
the following:". The stored text stops there; the choice is laid out as a Word drop-down, followed by plain
"DASH score", "Professional judgement – please explain" and "Summary of the current incident and risks" rows.

Filled per seed: "Referred by" as "Name, role, agency" on one line or three; the email cell sometimes also
carrying a phone number; a second perpetrator in a column the referrer inserted ("Perpetrator 2"); "N/A" in the
victim's "Relationship to victim" cell; "None known" for needs the referrer does not know of (unknown, not a
value); "Yes/No" answered by striking or deleting the other word; when there is no consent, one ground ticked
(typed ☒ or a Word check box); an unborn baby listed as a child on one seed (name "Unborn", the due date in
DOB/EDD); "None" in the children table when there are none.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from docx import Document

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import dropdown, struck_choice
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.heldout._kit import grid, label, named, rng_for, save

SOURCE = ("Kirklees DRAMM-MARAC, 'DRAMM-MARAC Referral Form' (Referred by / Contact email; Details of Victim and "
          "Perpetrator in two columns; Victim Consent to referral with the justifications to override consent; "
          "Details of children (inc unborn); Reason for Referral 'Please choose from the following'); stored copy: "
          "https://docest.com/doc/585923/completed-referrals-to-be-sent-by-secure-email-to; process page: "
          "kirkleessafeguardingchildren.co.uk 'DRAMM-MARAC'")

GROUNDS = ("Right to life (Human Rights Act, art. 2 & 3)",
           "Right to be free from torture, of inhuman or degrading treatment (Human Rights Act, art. 2 & 3)",
           "Prevention / detection of crime and/or apprehension or prosecution of offenders (DPA, sch 2 & 3)",
           "To protect vital interests of the data subject; serious harm or matter of life or death (DPA, sch 2 & 3)",
           ("Child protection – disclosure to social services or police for the exercise of functions under the "
            "Children Act"),
           "Overriding public interest (common law)",
           "For the administration of justice (DPA, sch 2 & 3)",
           "For the exercise of functions conferred on any person by or under any enactment (DPA, sch 2 & 3)")
REASONS = (("Visible High Risk (14 or more ticks on the DASH)", "referral.reasons.visible_high_risk"),
           ("Professional Judgement", "referral.reasons.professional_judgement"),
           ("Potential Escalation", "referral.reasons.potential_escalation"),
           ("Repeat MARAC referral", "referral.reasons.repeat"))
CHILD_ROWS = 3
FILL = "DEEAF6"


def _plan(case: Case) -> dict[str, Any]:
    rng = rng_for(case, 21)
    v = case.values
    chosen = next((path for _, path in (REASONS[1], REASONS[0], REASONS[2]) if v[path]), None)
    return {"date": rng.choice(("dd/mm/yyyy", "d.m.yy", "ordinal")), "referred": rng.choice(("line", "lines")),
            "phone_with_email": rng.random() < 0.5, "yes_no": rng.choice(("strike", "delete")),
            "tick": ("☒", "w14")[case.seed % 2], "ground": rng.randrange(len(GROUNDS)),
            "unborn": case.seed % 3 == 0, "edd": dt.date(2027, 2, 1) + dt.timedelta(days=rng.randint(0, 90)),
            "chosen": chosen}


def _needs(value: str | None) -> str:
    return value or "None known"


def _row(table: Any, text: str, values: list[str]) -> None:
    cells = table.add_row().cells
    label(cells[0], text, fill=FILL)
    for cell, value in zip(cells[1:], values):
        write(cell, value)


def _referred_by(case: Case, how: str) -> str:
    v = case.values
    parts = (v["referral.referrer.name"], v["referral.referrer.role"], v["referral.referrer.agency"])
    return ", ".join(parts) if how == "line" else "\n".join(parts)


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    fields = Fields()
    doc = Document()
    doc.add_heading("DRAMM-MARAC Referral Form", level=1)
    doc.add_paragraph("DRAMM-MARAC meetings discuss the most serious cases of domestic abuse in the district. Before "
                      "referring, read the actions agencies may take set out in the information sharing protocol. "
                      "Send the completed referral by secure email.")
    top = grid(doc, 2)
    cells = top.add_row().cells
    label(cells[0], "Referred by:", fill=FILL)
    write(cells[1], _referred_by(case, plan["referred"]))
    cells = top.add_row().cells
    label(cells[0], "Contact email:", fill=FILL)
    email = v["referral.referrer.email"]
    write(cells[1], f"{email} / {v['referral.referrer.phone']}" if plan["phone_with_email"] else email)
    cells = top.add_row().cells
    label(cells[0], "Would you like to attend the DRAMM when this case is discussed? If so please state which "
                    "date(s) you are available to attend", fill=FILL)
    write(cells[1], "No")

    doc.add_paragraph()
    people = grid(doc, 2 + case.perpetrators)
    heads = ["", "Victim", "Perpetrator"] + [f"Perpetrator {i + 1}" for i in range(1, case.perpetrators)]
    full_width_row(people, "Details of Victim and Perpetrator", fill="BDD6EE")
    for cell, text in zip(people.add_row().cells, heads):
        if text:
            label(cell, text, fill=FILL)
    perps = [f"referral.perpetrators.{i}" for i in range(case.perpetrators)]
    _row(people, "Name", [named(v["referral.victim.name"], v["referral.victim.aliases"])]
         + [named(v[f"{q}.name"], v[f"{q}.aliases"]) for q in perps])
    _row(people, "Date of Birth", [date_text(v["referral.victim.dob"], d)] + [date_text(v[f"{q}.dob"], d) for q in perps])
    _row(people, "Relationship to victim", ["N/A"] + [v[f"{q}.relationship_to_victim"] for q in perps])
    _row(people, "Substance Misuse", [_needs(v["referral.victim.substance_misuse"])]
         + [("Alcohol, daily", "Cannabis", "Not known")[(case.seed + i) % 3] for i in range(case.perpetrators)])
    _row(people, "Mental Ill Health", [_needs(v["referral.victim.mental_health"])] + ["Not known"] * case.perpetrators)
    _row(people, "Risk to professionals", ["None known"]
         + ["Aggressive towards police on arrest"] + ["None known"] * (case.perpetrators - 1))

    doc.add_paragraph()
    consent = grid(doc, 2)
    full_width_row(consent, "Victim Consent to referral", fill="BDD6EE")
    cells = consent.add_row().cells
    label(cells[0], "Consent to referral", fill=FILL)
    struck_choice(cells[1].paragraphs[0], bool(v["referral.consent"]), options=("Yes", "No"), how=plan["yes_no"])
    cells = consent.add_row().cells
    label(cells[0], "Justification to override consent", fill=FILL)
    for number, ground in enumerate(GROUNDS):
        paragraph = cells[1].paragraphs[0] if number == 0 else cells[1].add_paragraph()
        ticks_on = not v["referral.consent"] and number == plan["ground"]
        _tick(paragraph, ticks_on, plan["tick"], fields)
        paragraph.add_run(f" {ground}")
    cells = consent.add_row().cells
    label(cells[0], "Has the victim placed any conditions/limitations on their consent (i.e. does not wish to "
                    "report to police)", fill=FILL)
    if not v["referral.consent"]:
        write(cells[1], "N/A")
    else:
        write(cells[1], "No" if v["referral.police.victim_wants_police"] else "Does not wish to report to police")

    doc.add_paragraph()
    kids = grid(doc, 6)
    full_width_row(kids, "Details of children", fill="BDD6EE")
    full_width_row(kids, "This includes all children linked to either the victim or the perpetrator.", fill=None,
                   bold=False)
    for cell, text in zip(kids.add_row().cells, ("Children (inc unborn)", "DOB/EDD", "Relationship to victim",
                                                 "Relationship to perpetrator", "Present:", "In the care of/ Address")):
        label(cell, text, fill=FILL)
    rows = _child_rows(case, plan)
    for texts in rows + [("",) * 6] * max(0, CHILD_ROWS - len(rows)):
        for cell, text in zip(kids.add_row().cells, texts):
            write(cell, text)

    doc.add_paragraph()
    reason = grid(doc, 2)
    full_width_row(reason, "Reason for Referral", fill="BDD6EE")
    cells = reason.add_row().cells
    label(cells[0], "Reason for Referral:", fill=FILL)
    cells[1].paragraphs[0].add_run("Please choose from the following: ")
    chosen = next((text for text, path in REASONS if path == plan["chosen"]), None)
    dropdown(cells[1].paragraphs[0], [text for text, _ in REASONS], chosen)
    for text, value in (("DASH score", str(v["referral.dash_score_stated"])),
                        ("Professional judgement – please explain",
                         v["referral.reasons.professional_judgement_rationale"]
                         if plan["chosen"] == "referral.reasons.professional_judgement" else "N/A"),
                        ("Summary of the current incident and risks", v["referral.risks_summary"])):
        cells = reason.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value or "")
    return save(doc)


def _tick(paragraph: Any, on: bool, style: str, fields: Fields) -> None:
    if style == "w14":
        fields.control_checkbox(paragraph, on)
    else:
        paragraph.add_run("☒" if on else "☐")


def _child_rows(case: Case, plan: dict[str, Any]) -> list[tuple[str, ...]]:
    v, d = case.values, plan["date"]
    rows = []
    for i in range(case.children):
        c = f"referral.children.{i}"
        rel = v[f"{c}.relationship_to_perpetrator"]
        rows.append((v[f"{c}.name"], date_text(v[f"{c}.dob"], d), v[f"{c}.relationship_to_victim"],
                     "" if rel == "None" else rel, "Y" if i == 0 else "N",
                     "Mother – same address" if v[f"{c}.lives_with_victim"] else "Maternal grandmother"))
    if plan["unborn"]:
        rows.append(("Unborn", date_text(plan["edd"].isoformat(), "dd/mm/yyyy"), "", "", "N/A", "N/A"))
    if not rows:
        rows.append(("None", "", "", "", "", ""))
    return rows


def expected(case: Case) -> dict[str, Any]:
    plan = _plan(case)
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in ("referral.referrer.name", "referral.referrer.role",
                                                "referral.referrer.agency", "referral.referrer.email",
                                                "referral.victim.name", "referral.victim.aliases",
                                                "referral.victim.dob", "referral.victim.substance_misuse",
                                                "referral.victim.mental_health", "referral.consent",
                                                "referral.dash_score_stated", "referral.risks_summary")}
    if plan["phone_with_email"]:
        found["referral.referrer.phone"] = v["referral.referrer.phone"]
    found["referral.consent_override_reason"] = None if v["referral.consent"] else GROUNDS[plan["ground"]]
    if v["referral.consent"] and not v["referral.police.victim_wants_police"]:
        found["referral.police.victim_wants_police"] = False
    for i in range(case.perpetrators):
        for k in ("name", "aliases", "dob", "relationship_to_victim"):
            found[f"referral.perpetrators.{i}.{k}"] = v[f"referral.perpetrators.{i}.{k}"]
    for i in range(case.children):
        c = f"referral.children.{i}"
        for k in ("name", "dob", "relationship_to_victim"):
            found[f"{c}.{k}"] = v[f"{c}.{k}"]
        rel = v[f"{c}.relationship_to_perpetrator"]
        found[f"{c}.relationship_to_perpetrator"] = None if rel == "None" else rel
    if plan["unborn"]:
        c = f"referral.children.{case.children}"
        found[f"{c}.unborn"] = True
        found[f"{c}.dob"] = plan["edd"].isoformat()
        found[f"{c}.name"] = None
    elif case.children == 0:
        found["referral.children"] = []
    if plan["chosen"]:
        found[plan["chosen"]] = True
    if plan["chosen"] == "referral.reasons.professional_judgement":
        found["referral.reasons.professional_judgement_rationale"] = v["referral.reasons.professional_judgement_rationale"]
    return found


FORMS = [AreaForm("kirklees-dramm-marac", "Kirklees", SOURCE, "referral", build, expected)]
