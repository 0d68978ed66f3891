"""Bolton MARAC Domestic Abuse Assessment and Referral Form: legacy Word form fields, people side by side in
columns, "N/A" wherever a question does not apply.

Follows the published "Bolton MARAC Domestic Abuse Assessment and Referral Form" (RESTRICTED WHEN COMPLETED;
stored copy: docsbay.net, see SOURCE). Taken from it: the "RESTRICTED WHEN COMPLETED" header, the guidance that
referrals are only accepted in Microsoft Word format, that names are written SURNAME (in capitals) then
Forename, and that "If the question is not applicable or the victim is unable to respond, please indicate this
on the form" (so referrers type "N/A" / "Not applicable" rather than leave a field blank), and the
repeat-MARAC definition (a further incident within twelve months of the last referral), paraphrased. The
stored text stops after the guidance; the fields are laid out here in the Word 97-2003 form style the
guidance implies (every answer a FORMTEXT field, yes/no pairs as FORMCHECKBOX) with plain labels:

- the referrer and victim as label | field rows, the victim's name "ABBOTT Grace" (surname first) on most
  seeds, and "N/A" for substance misuse or an interpreter that does not apply;
- the perpetrators in one table with a column per perpetrator ("Perpetrator 1 | Perpetrator 2"), rows Name,
  Date of birth, Address, Relationship to victim; a second column the referrer did not need says "N/A";
- the children as a table with a header row; "N/A" on the first row when there are none;
- reasons for referral as FORMCHECKBOX rows ("tick all that apply": an unticked box is a no), among them
  "Repeat (see definition above)", and "If a repeat, date of last MARAC: N/A".
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.heldout._kit import grid, label, rng_for, save, take

SOURCE = ("Bolton, 'Bolton MARAC Domestic Abuse Assessment and Referral Form' (RESTRICTED WHEN COMPLETED; guidance: "
          "Word format only, SURNAME Forename, indicate where not applicable, definition of a repeat); stored copy: "
          "https://docsbay.net/referrals-will-only-be-accepted-in-microsoft-word-format")

NOT_APPLICABLE = ("N/A", "Not applicable", "n/a")
REASONS = (("Visible high risk – 14 or more ticks on the risk indicator checklist",
            "referral.reasons.visible_high_risk"),
           ("Potential escalation", "referral.reasons.potential_escalation"),
           ("Professional judgement", "referral.reasons.professional_judgement"),
           ("Repeat (see definition above)", "referral.reasons.repeat"))
CHILD_ROWS = 3


def _plan(case: Case) -> dict[str, Any]:
    rng = rng_for(case, 3)
    return {"date": rng.choice(("ordinal", "d.m.yy", "dd.mm.yyyy")), "na": rng.choice(NOT_APPLICABLE),
            "surname_first": rng.random() < 0.7, "interpreter_na": rng.random() < 0.5}


def _surname_first(name: str) -> str:
    """'Grace DE SOUZA' as 'DE SOUZA Grace' (the capitals are the surname, however many words)."""
    words = name.split(" ")
    cut = len(words)
    while cut > 1 and words[cut - 1].isupper():
        cut -= 1
    return " ".join(words[cut:] + words[:cut])


def _field(cell: _Cell, value: str | None, fields: Fields) -> None:
    fields.form_text(cell.paragraphs[0], value or "")


def _yes_no(cell: _Cell, value: bool, fields: Fields) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.add_run("Yes ")
    fields.form_checkbox(paragraph, value)
    paragraph.add_run("   No ")
    fields.form_checkbox(paragraph, not value)


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d, na = case.values, plan["date"], plan["na"]
    fields = Fields()
    doc = Document()
    doc.add_paragraph().add_run("RESTRICTED WHEN COMPLETED").bold = True
    doc.add_heading("MARAC Domestic Abuse Assessment and Referral Form", level=1)
    doc.add_paragraph("Guidance: complete every field; if a question does not apply or the victim cannot answer, "
                      "say so on the form. Referrals are accepted in Word format only, named SURNAME Forename and "
                      "the date. A repeat is a further incident within twelve months of the last referral.")

    t = grid(doc, 2)
    full_width_row(t, "Referrer details", fill="C9C9C9")
    for text, value in (("Name", v["referral.referrer.name"]), ("Agency", v["referral.referrer.agency"]),
                        ("Job title", v["referral.referrer.role"]), ("Telephone", v["referral.referrer.phone"]),
                        ("Email", v["referral.referrer.email"]),
                        ("Date of referral", date_text(v["referral.referrer.date"], d))):
        cells = t.add_row().cells
        label(cells[0], text, fill=None)
        _field(cells[1], value, fields)
    full_width_row(t, "Victim details", fill="C9C9C9")
    name = _surname_first(v["referral.victim.name"]) if plan["surname_first"] else v["referral.victim.name"]
    language = v["referral.victim.first_language"]
    for text, value in (("Name (SURNAME Forename)", name), ("Date of birth", date_text(v["referral.victim.dob"], d)),
                        ("Age", str(v["referral.victim.age"])), ("Address", v["referral.victim.address"]),
                        ("Telephone number", v["referral.victim.phone"]),
                        ("Best times to call", v["referral.victim.contact_notes"]),
                        ("Ethnicity", v["referral.victim.ethnicity"]),
                        ("Interpreter required? (language)",
                         (na if plan["interpreter_na"] else "No") if language == "English" else language),
                        ("Occupation", v["referral.victim.occupation"]),
                        ("Substance misuse", v["referral.victim.substance_misuse"] or na)):
        cells = t.add_row().cells
        label(cells[0], text, fill=None)
        _field(cells[1], value, fields)
    for text, key in (("Is the number safe to call?", "referral.victim.safe_to_call"),
                      ("Is the victim aware of the referral?", "referral.victim_aware"),
                      ("Has the victim consented to the referral?", "referral.consent")):
        cells = t.add_row().cells
        label(cells[0], text, fill=None)
        _yes_no(cells[1], bool(v[key]), fields)

    doc.add_paragraph()
    columns = max(2, case.perpetrators)
    p = grid(doc, columns + 1, rows=1)
    label(p.rows[0].cells[0], "Perpetrator details", fill="C9C9C9")
    for i in range(columns):
        label(p.rows[0].cells[i + 1], f"Perpetrator {i + 1}", fill="C9C9C9")
    for text, key in (("Name", "name"), ("Date of birth", "dob"), ("Address", "address"),
                      ("Relationship to victim", "relationship_to_victim")):
        cells = p.add_row().cells
        label(cells[0], text, fill=None)
        for i in range(columns):
            if i < case.perpetrators:
                value = v[f"referral.perpetrators.{i}.{key}"]
                _field(cells[i + 1], date_text(value, d) if key == "dob" else value, fields)
            else:
                _field(cells[i + 1], na if key == "name" else "", fields)

    doc.add_paragraph()
    kids = grid(doc, 4, rows=1)
    for cell, text in zip(kids.rows[0].cells, ("Children – name", "Date of birth", "Relationship to victim",
                                               "School")):
        label(cell, text, fill="C9C9C9")
    for i in range(max(CHILD_ROWS, case.children)):
        cells = kids.add_row().cells
        c = f"referral.children.{i}"
        if i < case.children:
            texts = (v[f"{c}.name"], date_text(v[f"{c}.dob"], d), v[f"{c}.relationship_to_victim"], v[f"{c}.school"])
        else:
            texts = (na if i == 0 and case.children == 0 else "", "", "", "")
        for cell, text in zip(cells, texts):
            _field(cell, text, fields)

    doc.add_paragraph()
    r = grid(doc, 2)
    full_width_row(r, "Reason for referral (tick all that apply)", fill="C9C9C9")
    for text, key in REASONS:
        cells = r.add_row().cells
        write(cells[0], text)
        fields.form_checkbox(cells[1].paragraphs[0], bool(v[key]))
    cells = r.add_row().cells
    label(cells[0], "DASH score", fill=None)
    _field(cells[1], str(v["referral.dash_score_stated"]), fields)
    cells = r.add_row().cells
    label(cells[0], "If a repeat, date of last MARAC", fill=None)
    _field(cells[1], na, fields)
    cells = r.add_row().cells
    label(cells[0], "Details of the most recent incident and current risks", fill=None)
    _field(cells[1], v["referral.risks_summary"], fields)
    cells = r.add_row().cells
    label(cells[0], "Who is the victim afraid of?", fill=None)
    _field(cells[1], v["referral.afraid_of"], fields)
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found = take(v, ["referral.referrer.name", "referral.referrer.agency", "referral.referrer.role",
                     "referral.referrer.phone", "referral.referrer.email", "referral.referrer.date",
                     "referral.victim.name", "referral.victim.dob", "referral.victim.age", "referral.victim.address",
                     "referral.victim.postcode", "referral.victim.phone", "referral.victim.contact_notes",
                     "referral.victim.ethnicity", "referral.victim.interpreter_language",
                     "referral.victim.occupation", "referral.victim.substance_misuse", "referral.victim.safe_to_call",
                     "referral.victim_aware", "referral.consent", "referral.dash_score_stated",
                     "referral.risks_summary", "referral.afraid_of"] + [key for _, key in REASONS])
    found["referral.previous_marac"] = None  # "N/A"
    for i in range(case.perpetrators):
        for k in ("name", "dob", "address", "relationship_to_victim"):
            found[f"referral.perpetrators.{i}.{k}"] = v[f"referral.perpetrators.{i}.{k}"]
    for i in range(case.children):
        for k in ("name", "dob", "relationship_to_victim", "school"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    return found


FORMS = [AreaForm("bolton-referral", "Bolton", SOURCE, "referral", build, expected)]
