"""Cambridgeshire & Peterborough MARAC referral form with the DASH checklist: an electronic form of drop-down
lists, "client" wording, and the IDVA service's score thresholds.

Follows the Cambridgeshire and Peterborough IDVA service's "MARAC Referral Form" as its referral page
describes it (stored copy: cambsdasv.org.uk, see SOURCE): one Word form "which includes the DASH Risk
Assessment Checklist", "completed electronically and emailed to the IDVA team", with the local thresholds
(14-16 yes answers: to the IDVA service with the client's consent; 17 or more: to MARAC, consent preferred
but not essential; professional judgement at any score). Only the page describing the form was found, so the
labels here are plain and the layout is that of an electronic Word form:

- four-column rows of label | answer pairs; the person is "the client" ("Client name", "Client DOB");
- yes/no and list answers as drop-down content controls; one the referrer did not answer shows "Choose an
  item." (pregnancy is only chosen when it applies);
- "Telephone / email" and "Referrer name / job title": two answers in one cell;
- "Alleged perpetrator" rows repeated per perpetrator under a title row;
- the children in ONE cell, a line each: "Name, date of birth, gender" (or "None");
- the DASH (SafeLives RIC wording, asides dropped) as a table with a single drop-down answer column (Yes / No
  / Don't know) and a comments column; on some seeds the "don't know" questions are left at "Choose an item.";
  a total row; "RIC completed by" and "Date completed".
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table, _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import SAFELIVES, comment_for
from tests.corpus.areas.case import RELATIONSHIPS, Case
from tests.corpus.areas.kit import dropdown, placeholder_control
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.heldout._kit import grid, label, named, rng_for, save, take

SOURCE = ("Cambridgeshire and Peterborough IDVA Service, 'MARAC Referral Form' including the DASH Risk Assessment "
          "Checklist (completed electronically; 14-16 with consent to the IDVA service, 17+ to MARAC); stored copies: "
          "https://www.cambsdasv.org.uk/website/referral_forms/296136 and https://www.cambsdasv.org.uk/make_a_referral")

YES_NO = ["Yes", "No"]
ANSWERS = {"yes": "Yes", "no": "No", "unknown": "Don't know"}
ETHNICITIES = ["White British", "White Polish", "White Other", "Black Caribbean", "Black African", "Pakistani",
               "Bangladeshi", "Indian", "Mixed White and Asian", "Other"]
FILL = "FBE4D5"


def _plan(case: Case) -> dict[str, Any]:
    rng = rng_for(case, 4)
    return {"date": rng.choice(("dd/mm/yyyy", "d/m/yyyy", "d month yyyy")), "blank_unknowns": case.seed % 3 == 1,
            "aliases_in_name": rng.random() < 0.5}


def _yn(value: bool | None) -> str | None:
    return None if value is None else ("Yes" if value else "No")


def _answer(cell: _Cell, value: Any) -> None:
    """A typed answer, a drop-down (list of items, chosen), or an empty text control."""
    if isinstance(value, tuple):
        dropdown(cell.paragraphs[0], value[0], value[1])
    elif value:
        write(cell, value)
    else:
        placeholder_control(cell.paragraphs[0])


def _pairs(table: Table, pairs: list[tuple[str, Any]]) -> None:
    for start in range(0, len(pairs), 2):
        cells = table.add_row().cells
        chunk = pairs[start:start + 2]
        if len(chunk) == 1:
            label(cells[0], chunk[0][0], fill=FILL)
            _answer(cells[1].merge(cells[3]), chunk[0][1])
            continue
        for offset, (text, value) in enumerate(chunk):
            label(cells[offset * 2], text, fill=FILL)
            _answer(cells[offset * 2 + 1], value)


def _child_line(case: Case, i: int, style: str) -> str:
    c = f"referral.children.{i}"
    return f"{case[c + '.name']}, {date_text(case[c + '.dob'], style)}, {case[c + '.gender']}"


def _dash_answer(case: Case, n: int, plan: dict[str, Any]) -> str | None:
    answer = case[f"dash.answers.{n}"]
    return None if answer == "unknown" and plan["blank_unknowns"] else answer


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    doc = Document()
    doc.add_heading("MARAC Referral Form and DASH Risk Assessment Checklist", level=1)
    doc.add_paragraph("Complete electronically and email to the IDVA service. 17 or more 'yes' answers: the case "
                      "goes to MARAC (client consent preferred, not essential). 14-16: referral to the IDVA "
                      "service with the client's consent. Use professional judgement at any score.")
    t = grid(doc, 4)
    full_width_row(t, "Referrer", fill="F4B083")
    _pairs(t, [("Referrer name / job title", f"{v['referral.referrer.name']} / {v['referral.referrer.role']}"),
               ("Organisation", v["referral.referrer.agency"]),
               ("Telephone / email", f"{v['referral.referrer.phone']} / {v['referral.referrer.email']}"),
               ("Date of referral", date_text(v["referral.referrer.date"], d))])
    full_width_row(t, "Client", fill="F4B083")
    name = named(v["referral.victim.name"], v["referral.victim.aliases"]) if plan["aliases_in_name"] \
        else v["referral.victim.name"]
    pairs = [("Client name", name), ("Client DOB", date_text(v["referral.victim.dob"], d))]
    if not plan["aliases_in_name"]:
        pairs.append(("Also known as", ", ".join(v["referral.victim.aliases"]) or None))
    pairs += [("Gender", (["Female", "Male", "Other"], v["referral.victim.gender"])),
              ("Address", v["referral.victim.address"]), ("Postcode", v["referral.victim.postcode"]),
              ("Safe telephone", v["referral.victim.phone"]),
              ("Safe to call?", (YES_NO, _yn(v["referral.victim.safe_to_call"]))),
              ("Safe to leave a voicemail?", (YES_NO, _yn(v["referral.victim.safe_to_leave_message"]))),
              ("Ethnicity", (ETHNICITIES, v["referral.victim.ethnicity"])),
              ("Interpreter needed (language)", v["referral.victim.interpreter_language"]),
              ("Disability?", (YES_NO, _yn(v["referral.victim.disabled"]))),
              ("Pregnant?", (YES_NO, "Yes" if v["referral.victim.pregnant"] else None)),
              ("Client aware of referral?", (YES_NO, _yn(v["referral.victim_aware"]))),
              ("Client consent given?", (YES_NO, _yn(v["referral.consent"])))]
    _pairs(t, pairs)
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        full_width_row(t, "Alleged perpetrator", fill="F4B083")
        _pairs(t, [("Name", named(v[f"{q}.name"], v[f"{q}.aliases"])), ("DOB", date_text(v[f"{q}.dob"], d)),
                   ("Relationship to client", (list(RELATIONSHIPS), v[f"{q}.relationship_to_victim"])),
                   ("Address", v[f"{q}.address"])])
    full_width_row(t, "Children", fill="F4B083")
    kids = "\n".join(_child_line(case, i, d) for i in range(case.children)) or "None"
    _pairs(t, [("Children in the household (name, DOB, gender – one per line)", kids)])
    full_width_row(t, "Reason for referral", fill="F4B083")
    _pairs(t, [("DASH score", str(v["referral.dash_score_stated"])),
               ("Professional judgement?", (YES_NO, _yn(v["referral.reasons.professional_judgement"]))),
               ("Summary of the most recent incident", v["referral.risks_summary"])])

    doc.add_page_break()
    doc.add_heading("DASH Risk Assessment Checklist", level=2)
    ric = grid(doc, 3, rows=1)
    for cell, text in zip(ric.rows[0].cells, ("Question", "Answer", "Comments")):
        label(cell, text, fill="F4B083")
    for n, (text, _aside, _subs) in enumerate(SAFELIVES, start=1):
        cells = ric.add_row().cells
        write(cells[0], f"{n}. {text}")
        answer = _dash_answer(case, n, plan)
        dropdown(cells[1].paragraphs[0], list(ANSWERS.values()), ANSWERS[answer] if answer else None)
        comment = comment_for(n, answer)
        if comment:
            write(cells[2], comment)
    cells = ric.add_row().cells
    label(cells[0], "Total 'yes' answers", fill=FILL)
    write(cells[1].merge(cells[2]), str(v["dash.score"]))
    end = grid(doc, 4)
    _pairs(end, [("RIC completed by", v["dash.completed_by"]), ("Date completed", date_text(v["dash.date"], d))])
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    plan = _plan(case)
    v = case.values
    found = take(v, ["referral.referrer.name", "referral.referrer.role", "referral.referrer.agency",
                     "referral.referrer.phone", "referral.referrer.email", "referral.referrer.date",
                     "referral.victim.name", "referral.victim.aliases", "referral.victim.dob",
                     "referral.victim.gender", "referral.victim.address", "referral.victim.postcode",
                     "referral.victim.phone", "referral.victim.safe_to_call",
                     "referral.victim.safe_to_leave_message", "referral.victim.ethnicity",
                     "referral.victim.interpreter_language", "referral.victim.disabled", "referral.victim_aware",
                     "referral.consent", "referral.dash_score_stated", "referral.reasons.professional_judgement",
                     "referral.risks_summary", "dash.score", "dash.completed_by", "dash.date"])
    found["referral.victim.pregnant"] = True if v["referral.victim.pregnant"] else None  # else "Choose an item."
    for i in range(case.perpetrators):
        for k in ("name", "aliases", "dob", "relationship_to_victim", "address"):
            found[f"referral.perpetrators.{i}.{k}"] = v[f"referral.perpetrators.{i}.{k}"]
    for i in range(case.children):
        for k in ("name", "dob", "gender"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    for n in range(1, 25):
        answer = _dash_answer(case, n, plan)
        found[f"dash.answers.{n}"] = answer
        if comment_for(n, answer):
            found[f"dash.comments.{n}"] = comment_for(n, answer)
    found["dash.version"] = "safelives-ric"
    return found


FORMS = [AreaForm("cambridgeshire-referral-dash", "Cambridgeshire and Peterborough", SOURCE, "referral+dash", build,
                  expected)]
