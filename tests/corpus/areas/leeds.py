"""Leeds MARAC referral form: client and suspect side by side, "Label: value" typed inside each cell.

Follows the Leeds MARAC referral as Leeds City Council's "Making a MARAC referral" page describes it (stored
copy: leeds.gov.uk, see SOURCE): the person referred is the "client", the abuser the "suspect"; the form asks
how the client would prefer to be contacted (email, text, voicemail, calls from a withheld number) and for
windows when the suspect is not there; and it has a section "Outline risk factors, relevant background and
reason for referral". That page is guidance, not the form, so the other wording and the layout are ours, not a
copy of the Leeds form. Layout traits exercised: a people table with a header row "CLIENT | SUSPECT" and no
label column, each cell holding label and value together ("Surname: X", "Forename(s): Y", "Date of birth: 3rd
April 1991", "Gender F", upper-case labels on some seeds), a column the referrer added for a second suspect,
"Not known" / "N/A" meaning unknown, children as "Names and dates of birth" in one cell, one per line or "1) …
2) …", contact methods ticked with ☒ / ☑ / ✓ / ✔ / X, criteria answered "Y / N" or "Yes / No" with one struck
through or deleted ("Y /"), "Yes – see below", a stated score written "16/24", and the referrer's details
last, under a "REFERRED BY" title row, so that only the heading says whose "Name" and "Telephone / email" they
are.
"""
from __future__ import annotations

import random
from typing import Any

from docx import Document
from docx.table import _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import SURNAMES, Case
from tests.corpus.areas.kit import docx_bytes, struck_choice
from tests.corpus.areas.styles import DATE_STYLES, date_text, yes_no_text
from tests.corpus.docx_parts import full_width_row, shade, write

SOURCE = ("Leeds City Council, 'Making a MARAC referral for domestic violence and abuse' (describes the Leeds "
          "MARAC referral form); stored copy: https://leeds.gov.uk/antisocial-behaviour-and-crime/"
          "domestic-violence-and-abuse/making-a-marac-referral-for-domestic-violence-and-abuse")

OTHER_AT_RISK = "Her mother, who lives at the same address"
CRITERIA = (("Visible high risk (14 or more ticks on the Dash)", "referral.reasons.visible_high_risk"),
            ("Professional judgement", "referral.reasons.professional_judgement"),
            ("Potential escalation (3 or more police call-outs in 12 months)", "referral.reasons.potential_escalation"),
            ("Repeat MARAC referral", "referral.reasons.repeat"))
METHODS = ("Email", "Text", "Voicemail", "Withheld number")


def split_name(name: str) -> tuple[str, str]:
    for surname in sorted(SURNAMES, key=len, reverse=True):
        if name.endswith(" " + surname):
            return name[: -len(surname) - 1], surname
    forenames, _, surname = name.rpartition(" ")
    return forenames, surname


def _label(cell: _Cell, text: str) -> None:
    write(cell, text, bold=True)
    shade(cell, "E2EFD9")


def _inline(cell: _Cell, label: str, value: str, upper: bool) -> None:
    """Label and value in one cell: 'Surname: ABBOTT' (or 'SURNAME: ABBOTT')."""
    paragraph = cell.paragraphs[0]
    paragraph.add_run((label.upper() if upper else label) + " ").bold = True
    paragraph.add_run(value)


def _choices(case: Case, rng: random.Random) -> dict[str, Any]:
    v = case.values
    return {
        "style": rng.choice(DATE_STYLES),
        "upper": rng.random() < 0.5,
        "tick": rng.choice(("☒", "☑", "✓", "✔", "X")),
        "options": rng.choice((("Y", "N"), ("Yes", "No"))),
        "children": rng.choice(("lines", "numbered")),
        # voicemail is only ticked where a message is safe: the form must not contradict itself
        "methods": {m: rng.random() < 0.5 and (m != "Voicemail" or bool(v["referral.victim.safe_to_leave_message"]))
                    for m in METHODS},
        "yes_style": rng.choice(("Y/N", "yes-see-below", "Yes/No")),
        "struck": rng.choice(("strike", "delete")),
        "other_at_risk": OTHER_AT_RISK if rng.random() < 0.5 else None,
        "officer": v["referral.police.officer_in_charge"] if rng.random() < 0.6 else None,
    }


def _person_rows(case: Case, c: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(label, value per column) for the CLIENT | SUSPECT [| SUSPECT 2] table."""
    v, style = case.values, c["style"]
    people = ["referral.victim"] + [f"referral.perpetrators.{i}" for i in range(case.perpetrators)]
    rows: list[tuple[str, list[str]]] = []
    names = [split_name(v[f"{p}.name"]) for p in people]
    rows.append(("Surname:", [surname for _, surname in names]))
    rows.append(("Forename(s):", [forenames for forenames, _ in names]))
    rows.append(("Alias:", ["; ".join(v[f"{p}.aliases"]) or "N/A" for p in people]))
    rows.append(("Date of birth:", [date_text(v[f"{p}.dob"], style) for p in people]))
    rows.append(("Gender", [v[f"{p}.gender"][0] for p in people]))
    rows.append(("Address:", [v[f"{p}.address"] for p in people]))
    rows.append(("Telephone:", [v["referral.victim.phone"]] + ["Not known"] * case.perpetrators))
    rows.append(("Ethnicity:", [v[f"{p}.ethnicity"] for p in people]))
    rows.append(("Relationship to client:", ["—"] + [v[f"{p}.relationship_to_victim"] for p in people[1:]]))
    return rows


def build(case: Case) -> bytes:
    rng = random.Random(case.seed * 17 + 7)
    c = _choices(case, rng)
    v = case.values
    doc = Document()
    doc.add_heading("Leeds MARAC Referral Form", level=1)
    doc.add_paragraph("Please complete every section. If you do not know an answer, say so.")

    columns = ["CLIENT", "SUSPECT"] + ["SUSPECT 2"] * (case.perpetrators - 1)
    people = doc.add_table(rows=1, cols=len(columns))
    people.style = "Table Grid"
    for cell, text in zip(people.rows[0].cells, columns):
        _label(cell, text)
    for label, values in _person_rows(case, c):
        for cell, value in zip(people.add_row().cells, values):
            _inline(cell, label, value, c["upper"])

    doc.add_paragraph()
    t = doc.add_table(rows=0, cols=2)
    t.style = "Table Grid"

    def row(label: str) -> _Cell:
        label_cell, value_cell = t.add_row().cells
        _label(label_cell, label)
        return value_cell

    write(row("Safe contact number"), v["referral.victim.phone"])
    struck_choice(row("Is this number safe to call?").paragraphs[0], v["referral.victim.safe_to_call"],
                  options=c["options"], how=c["struck"])
    methods = row("How would the client prefer to be contacted? (tick)").paragraphs[0]
    for method in METHODS:
        methods.add_run(f"{method} {c['tick'] if c['methods'][method] else '☐'}   ")
    struck_choice(row("Is it safe to leave a voicemail message?").paragraphs[0],
                  v["referral.victim.safe_to_leave_message"], options=c["options"], how=c["struck"])
    write(row("Safe times to contact / windows when the suspect is not present"), v["referral.victim.contact_notes"])
    kids = [f"{v[f'referral.children.{i}.name']} – {date_text(v[f'referral.children.{i}.dob'], c['style'])} "
            f"({v[f'referral.children.{i}.relationship_to_victim'].lower()})" for i in range(case.children)]
    if c["children"] == "numbered":  # all in one line: "1) ... 2) ..."
        kids = [" ".join(f"{n}) {kid}" for n, kid in enumerate(kids, 1))] if kids else []
    write(row("Names and dates of birth of any children (and their relationship to the client)"),
          "\n".join(kids) or "None")
    write(row("Other adults in the household at risk"), c["other_at_risk"] or "None known")

    full_width_row(t, "REASON FOR REFERRAL", fill="A8D08D")
    for label, path in CRITERIA:
        cell = row(label)
        if path == "referral.reasons.professional_judgement":
            write(cell, yes_no_text(v[path], c["yes_style"]))
        else:
            struck_choice(cell.paragraphs[0], v[path], options=c["options"], how=c["struck"])
    write(row("Dash score"), f"{v['referral.dash_score_stated']}/24")
    write(row("Outline risk factors, relevant background and reason for referral"), v["referral.risks_summary"])
    struck_choice(row("Is the client aware of the referral?").paragraphs[0], v["referral.victim_aware"],
                  how=c["struck"])
    struck_choice(row("Has the client consented to the referral?").paragraphs[0], v["referral.consent"],
                  options=c["options"], how="delete")
    write(row("Does the client want to speak to the police about the offences disclosed?"),
          yes_no_text(v["referral.police.victim_wants_police"], "Yes/No"))
    write(row("Police reference (if known)"), v["referral.crime_reference"])
    write(row("Officer in case"), c["officer"] or "Not known")

    full_width_row(t, "REFERRED BY", fill="A8D08D")
    write(row("Name"), v["referral.referrer.name"])
    write(row("Job title"), v["referral.referrer.role"])
    write(row("Agency"), v["referral.referrer.agency"])
    write(row("Telephone / email"), f"{v['referral.referrer.phone']} / {v['referral.referrer.email']}")
    write(row("Date"), date_text(v["referral.referrer.date"], c["style"]))
    return docx_bytes(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    c = _choices(case, random.Random(case.seed * 17 + 7))
    paths = ["referral.victim.name", "referral.victim.aliases", "referral.victim.dob", "referral.victim.gender",
             "referral.victim.address", "referral.victim.postcode", "referral.victim.phone",
             "referral.victim.ethnicity", "referral.victim.safe_to_call", "referral.victim.safe_to_leave_message",
             "referral.victim.contact_notes", "referral.dash_score_stated", "referral.risks_summary",
             "referral.victim_aware", "referral.consent", "referral.police.victim_wants_police",
             "referral.crime_reference", "referral.referrer.name", "referral.referrer.role",
             "referral.referrer.agency", "referral.referrer.phone", "referral.referrer.email",
             "referral.referrer.date"] + [path for _, path in CRITERIA]
    found = {p: v[p] for p in paths}
    found["referral.other_at_risk"] = c["other_at_risk"]
    found["referral.police.officer_in_charge"] = c["officer"]
    for i in range(case.perpetrators):
        p = f"referral.perpetrators.{i}"
        for k in ("name", "aliases", "dob", "gender", "address", "ethnicity", "relationship_to_victim"):
            found[f"{p}.{k}"] = v[f"{p}.{k}"]
        found[f"{p}.phone"] = None  # "Not known"
    for i in range(case.children):
        for k in ("name", "dob", "relationship_to_victim"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    return found


FORMS = [AreaForm("leeds-referral", "Leeds", SOURCE, "referral", build, expected)]
