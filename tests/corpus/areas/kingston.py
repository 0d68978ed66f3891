"""The Royal Borough of Kingston MARAC referral form (the Kingston / Wandsworth family of London forms).

Follows the published "ROYAL BOROUGH OF KINGSTON MARAC REFERRAL FORM", headed "RESTRICTED WHEN
COMPLETE". Label wording taken from the stored copy: the consent question "Does the client consent to
this referral to MARAC?" with "If you answer no you must complete the form at Annex A"; a "Referred By"
box (Name, Position, Referring Agency, Date of Referral, Telephone Number, Email Address); a "Victim"
box whose title row says "(please duplicate this box for each victim)" with "Name (SURNAME in
capitals)", "Dob", "Ethnic Origin", "Language (state if client requires an interpreter)", "Address",
"Housing type (if RSL state which if possible)", "Contact Telephone No.", "Safe to leave message",
"Mental Health Issues", "Drink/Drugs Issues", "Disability (Please state)"; and the "information shared
without consent" form at Annex A. The stored text stops after the victim box, so the perpetrator box
(same label style, duplicated per perpetrator, with an "Alias" row), the children table, the referral
criteria (those Kingston lists on its MARAC page) and the Annex A rows are laid out in the same style
with plain wording.

Layout traits: label | value boxes, each headed by a shaded title row that decides whose fields follow;
the victim box duplicated for a second victim in some cases (-> referral.additional_victims); a phone
number followed by times to call in one cell; "Safe to leave message" answered by striking, deleting,
typing or ticking Wingdings boxes; "None known" / "Not known" (unknown); aliases as "(aka ...)" after
the name; a children table with a header row and "None" or blank rows; a short paraphrase of the
guidance first (not answers); Annex A on its own page, left as placeholders when consent was given.
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Any

from docx import Document
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import FORENAMES_F, SURNAMES, Case
from tests.corpus.areas.kit import docx_bytes, placeholder_control, struck_choice, symbol_box
from tests.corpus.areas.styles import date_text, yes_no_text
from tests.corpus.docx_parts import Fields, full_width_row, shade, write

SOURCE = ("Royal Borough of Kingston, 'MARAC Referral Form' (RESTRICTED WHEN COMPLETE, with Annex A "
          "'information shared without consent'); stored copy: "
          "https://docsbay.net/Confidential-Wandsworth-Borough-MARAC-Referral-Form")
DATE_STYLES = ("d.m.yy", "dd/mm/yyyy", "ordinal", "d.m.yy")
CHILD_ROWS = 3


def _label(cell: _Cell, text: str) -> None:
    write(cell, text, bold=True)
    shade(cell, "DEEAF6")


def _value(cell: _Cell, text: str | None) -> None:
    if text:
        write(cell, text)
    else:
        placeholder_control(cell.paragraphs[0])


def _box(doc: Any, title: str, note: str = "") -> Table:
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    head = table.rows[0].cells
    write(head[0], title, bold=True)
    write(head[1], note)
    for cell in head:
        shade(cell, "8EAADB")
    return table


def _row(table: Table, label: str, value: str | None) -> _Cell:
    cells = table.add_row().cells
    _label(cells[0], label)
    _value(cells[1], value)
    return cells[1]


def _yes_no(paragraph: Paragraph, value: bool, how: str, style: str) -> None:
    if how in ("strike", "delete"):
        struck_choice(paragraph, value, options=("Yes", "No"), how=how)
    elif how == "boxes":
        paragraph.add_run("Yes ")
        symbol_box(paragraph, value)
        paragraph.add_run("   No ")
        symbol_box(paragraph, not value)
    else:
        paragraph.add_run(yes_no_text(value, style))


def _named(name: str, aliases: list[str]) -> str:
    return f"{name} (aka {', '.join(aliases)})" if aliases else name


def _second_victim(case: Case) -> dict[str, Any] | None:
    """Some referrals duplicate the victim box: here the victim's adult sister, invented per seed."""
    if case.seed % 3 != 2:
        return None
    rng = random.Random(case.seed * 31 + 5)
    surname = case["referral.victim.name"].split(" ")[-1]
    dob = dt.date(2026, 11, 2) - dt.timedelta(days=rng.randint(19 * 365, 50 * 365))
    return {"name": f"{rng.choice(FORENAMES_F)} {rng.choice((surname, rng.choice(SURNAMES)))}",
            "dob": dob.isoformat(), "address": case["referral.victim.address"],
            "phone": f"07700 900{rng.randint(0, 999):03d}", "safe_to_leave_message": rng.random() < 0.5}


def _plan(case: Case) -> dict[str, Any]:
    """How this referrer writes things (seeded): used by build() and expected() alike."""
    rng = random.Random(case.seed * 11 + 3)
    return {"style": rng.choice(DATE_STYLES), "yn": rng.choice(("Yes/No", "Y/N", "YES/NO")),
            "notes_in_phone": rng.random() < 0.6, "how": rng.choice(("strike", "delete", "typed", "boxes")),
            "same_as_above": rng.random() < 0.5}


def build(case: Case) -> bytes:
    plan = _plan(case)
    style, yn = plan["style"], plan["yn"]
    v = case.values
    fields = Fields()
    doc = Document()
    doc.add_paragraph().add_run("RESTRICTED WHEN COMPLETE").bold = True
    doc.add_heading("ROYAL BOROUGH OF KINGSTON MARAC REFERRAL FORM", level=1)
    doc.add_paragraph("Before referring: what you write here is shared with the MARAC partner agencies. If the "
                      "client has not consented, fill in Annex A as well.")

    consent = doc.add_table(rows=2, cols=2)
    consent.style = "Table Grid"
    _label(consent.cell(0, 0), "Does the client consent to this referral to MARAC?")
    answer = consent.cell(0, 1).paragraphs[0]
    answer.add_run("Yes ")
    fields.control_checkbox(answer, bool(v["referral.consent"]))
    answer.add_run("   No ")
    fields.control_checkbox(answer, not v["referral.consent"])
    merged = consent.cell(1, 0).merge(consent.cell(1, 1))
    write(merged, "If you answer no you must complete the form at Annex A", bold=True)

    doc.add_paragraph()
    referred = doc.add_table(rows=0, cols=2)
    referred.style = "Table Grid"
    full_width_row(referred, "Referred By", fill="8EAADB")
    for label, value in (("Name", v["referral.referrer.name"]), ("Position", v["referral.referrer.role"]),
                         ("Referring Agency", v["referral.referrer.agency"]),
                         ("Date of Referral", date_text(v["referral.referrer.date"], style)),
                         ("Telephone Number", v["referral.referrer.phone"]),
                         ("Email Address", v["referral.referrer.email"])):
        _row(referred, label, value)

    doc.add_paragraph()
    victim = _box(doc, "Victim", "(please duplicate this box for each victim)")
    language = v["referral.victim.first_language"]
    notes_in_phone = plan["notes_in_phone"]
    for label, value in (
            ("Name (SURNAME in capitals)", _named(v["referral.victim.name"], v["referral.victim.aliases"])),
            ("Dob", date_text(v["referral.victim.dob"], style)),
            ("Ethnic Origin", v["referral.victim.ethnicity"]),
            ("Language (state if client requires an interpreter)",
             language if language == "English" else f"{language} – interpreter required"),
            ("Address", v["referral.victim.address"]),
            ("Housing type (if RSL state\nwhich if possible)", v["referral.victim.housing"]),
            ("Contact Telephone No.", f"{v['referral.victim.phone']} – {v['referral.victim.contact_notes'].lower()}"
             if notes_in_phone else v["referral.victim.phone"])):
        _row(victim, label, value)
    cells = victim.add_row().cells
    _label(cells[0], "Safe to leave message")
    _yes_no(cells[1].paragraphs[0], bool(v["referral.victim.safe_to_leave_message"]), plan["how"], yn)
    _row(victim, "Mental Health Issues", v["referral.victim.mental_health"] or "None known")
    _row(victim, "Drink/Drugs Issues", v["referral.victim.substance_misuse"] or "Not known")
    _row(victim, "Disability (Please state)",
         "Yes – registered partially sighted" if v["referral.victim.disabled"] else yes_no_text(False, yn))

    second = _second_victim(case)
    if second:
        doc.add_paragraph()
        box = _box(doc, "Victim", "(please duplicate this box for each victim)")
        _row(box, "Name (SURNAME in capitals)", second["name"])
        _row(box, "Dob", date_text(second["dob"], style))
        _row(box, "Address", "Same as above" if plan["same_as_above"] else second["address"])
        _row(box, "Contact Telephone No.", second["phone"])
        cells = box.add_row().cells
        _label(cells[0], "Safe to leave message")
        _yes_no(cells[1].paragraphs[0], second["safe_to_leave_message"], "strike", yn)

    for i in range(case.perpetrators):
        p = f"referral.perpetrators.{i}"
        doc.add_paragraph()
        box = _box(doc, "Perpetrator", "(please duplicate this box for each perpetrator)")
        _row(box, "Name (SURNAME in capitals)", v[f"{p}.name"])
        _row(box, "Alias", ", ".join(v[f"{p}.aliases"]) or "None known")
        _row(box, "Dob", date_text(v[f"{p}.dob"], style))
        _row(box, "Ethnic Origin", v[f"{p}.ethnicity"])
        _row(box, "Address", v[f"{p}.address"])
        _row(box, "Relationship to victim", v[f"{p}.relationship_to_victim"])

    doc.add_paragraph()
    kids = doc.add_table(rows=0, cols=4)
    kids.style = "Table Grid"
    full_width_row(kids, "Children", fill="8EAADB")
    head = kids.add_row().cells
    for cell, text in zip(head, ("Name", "Dob", "School / Nursery", "Lives with victim? (Y/N)")):
        _label(cell, text)
    for i in range(max(CHILD_ROWS, case.children)):
        cells = kids.add_row().cells
        c = f"referral.children.{i}"
        if i < case.children:
            for cell, text in zip(cells, (v[f"{c}.name"], date_text(v[f"{c}.dob"], style), v[f"{c}.school"],
                                          yes_no_text(v[f"{c}.lives_with_victim"], "Y/N"))):
                write(cell, text)
        elif i == 0:
            write(cells[0], "None")

    doc.add_paragraph()
    reasons = doc.add_table(rows=0, cols=2)
    reasons.style = "Table Grid"
    full_width_row(reasons, "Reason for referral (tick all that apply)", fill="8EAADB")
    for label, value in (("Visible high risk (DASH 14 or more)", v["referral.reasons.visible_high_risk"]),
                         ("Professional judgement", v["referral.reasons.professional_judgement"]),
                         ("Potential escalation", v["referral.reasons.potential_escalation"]),
                         ("Suspected honour based violence", False),
                         ("Repeat incident within 12 months of last MARAC", v["referral.reasons.repeat"])):
        cells = reasons.add_row().cells
        _label(cells[0], label)
        symbol_box(cells[1].paragraphs[0], bool(value))
    _row(reasons, "DASH score", str(v["referral.dash_score_stated"]))
    _row(reasons, "Brief summary of the risks", v["referral.risks_summary"])

    doc.add_page_break()
    doc.add_heading("Annex A – information shared without consent", level=2)
    annex = doc.add_table(rows=0, cols=2)
    annex.style = "Table Grid"
    filled = not v["referral.consent"]
    cells = annex.add_row().cells
    _label(cells[0], "Is the client aware of this referral?")
    if filled:
        _yes_no(cells[1].paragraphs[0], bool(v["referral.victim_aware"]), "typed", yn)
    else:
        placeholder_control(cells[1].paragraphs[0])
    _row(annex, "If not, why not?", v["referral.victim_aware_reason"] if filled else None)
    _row(annex, "Reason for sharing information without consent",
         v["referral.consent_override_reason"] if filled else None)
    return docx_bytes(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    plan = _plan(case)
    paths = ["referral.consent", "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency",
             "referral.referrer.date", "referral.referrer.phone", "referral.referrer.email",
             "referral.victim.name", "referral.victim.aliases", "referral.victim.dob", "referral.victim.ethnicity",
             "referral.victim.first_language", "referral.victim.interpreter_language", "referral.victim.address",
             "referral.victim.postcode", "referral.victim.housing", "referral.victim.phone",
             "referral.victim.safe_to_leave_message", "referral.victim.mental_health",
             "referral.victim.substance_misuse", "referral.victim.disabled", "referral.reasons.visible_high_risk",
             "referral.reasons.professional_judgement", "referral.reasons.potential_escalation",
             "referral.reasons.repeat", "referral.dash_score_stated", "referral.risks_summary",
             "referral.consent_override_reason", "referral.victim_aware_reason"]
    found = {p: v[p] for p in paths}
    if plan["notes_in_phone"]:
        found["referral.victim.contact_notes"] = v["referral.victim.contact_notes"]
    if not v["referral.consent"]:
        found["referral.victim_aware"] = v["referral.victim_aware"]
    else:  # Annex A left as placeholders
        found["referral.consent_override_reason"] = found["referral.victim_aware_reason"] = None
    second = _second_victim(case)
    if second:
        for key in ("name", "dob", "address", "phone", "safe_to_leave_message"):
            if key != "address" or not plan["same_as_above"]:  # "Same as above" is left to judgement
                found[f"referral.additional_victims.0.{key}"] = second[key]
    for i in range(case.perpetrators):
        for k in ("name", "aliases", "dob", "ethnicity", "address", "relationship_to_victim"):
            found[f"referral.perpetrators.{i}.{k}"] = v[f"referral.perpetrators.{i}.{k}"]
    for i in range(case.children):
        for k in ("name", "dob", "school", "lives_with_victim"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    return found


FORMS = [AreaForm("kingston-referral", "Royal Borough of Kingston", SOURCE, "referral", build, expected)]
