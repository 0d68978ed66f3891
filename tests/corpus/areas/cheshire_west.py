"""Cheshire West & Chester: "MARAC Referral Form – for agency use in referring a High Risk client to a
MARAC" with the partnership's Risk Indicator Checklist (RIC) and stalking questions in the same file.

Layout (label wording from the published form, September 2017): a two-column notifier block ("Date of
notification:", "Name of person notifying:", "Agency:", "Contact number:"); then one table with a
"Victim | Alleged perpetrator" header and the label typed at the start of each cell ("Surname: ...",
"Forename(s): ...", "Alias:", "Date of birth:", "Address:", "Housing status:", "Ethnic origin:",
"Occupation:", "Religion:"), with full-width rows for "Safe telephone contact: (Please also note a safe
time span to call if there is one)", "Status of relationship:", "GP details:". Consent questions are
printed "Yes/No" and answered by striking one out. "List all children of victim/ perpetrator" is a
Name | DOB | School | Address table. "Please add anything you know about:" is one box of three dashed
prompts, each answered after it. Then the RIC: an instruction cell heading the Yes | No | Don't know |
"State source of info if not the victim e.g. police officer" columns, the 24 questions, "Total 'yes'
responses", and on the last page the eleven stalking questions for when stalking is identified.
"""
from __future__ import annotations

import random
from typing import Any

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt
from docx.table import _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import (
    MARK_STYLES,
    SAFELIVES,
    STALKING,
    extra_answers,
    mark_answer,
    pick,
    widths,
)
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import docx_bytes, struck_choice
from tests.corpus.areas.styles import DATE_STYLES, date_text
from tests.corpus.docx_parts import Fields, full_width_row, shade, write

SOURCE = ("Cheshire West & Chester Domestic Abuse Partnership, 'MARAC referral form and RIC with stalking questions' "
          "(September 2017); stored copy: docsbay.net 'marac-referral-form-and-ric-wth-stalking-questions-september-"
          "2017'; referral guidance: cheshirewestandchester.gov.uk 'Referring to Marac'")

INSTRUCTION = ("Please explain that the purpose of asking these questions is for the safety and protection of the "
               "individual concerned. Tick the box if the factor is present. Please use the comment box at the end "
               "of the form to expand on any answer. It is assumed that your main source of information is the "
               "victim. If this is not the case please indicate in the right hand column.")
SOURCES = {1: "Police officer", 8: "Police log", 21: "Probation officer", 23: "Police", 24: "PNC check"}
STALKING_SLUGS = [slug for slug, _ in STALKING]
CHILD_ROWS = 3


def _style(case: Case) -> dict[str, Any]:
    rng = random.Random(case.seed * 67 + 11)
    return {"mark": pick(MARK_STYLES, case, 1), "date": rng.choice(DATE_STYLES),
            "how": rng.choice(("strike", "delete")), "stalking": rng.random() < 0.8}


def _in_cell(cell: _Cell, label: str, value: str | None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.add_run(label).bold = True
    if value:
        paragraph.add_run(f" {value}")


def _yes_no(paragraph: Any, label: str, value: bool | None, how: str) -> None:
    paragraph.add_run(f"{label} ").bold = True
    struck_choice(paragraph, value, options=("Yes", "No"), how=how)


def _split(name: str) -> tuple[str, str]:
    """'Maria José DE SOUZA' -> ('Maria José', 'DE SOUZA'): the surname is the capitals at the end."""
    words = name.split(" ")
    first = next(i for i, w in enumerate(words) if w.isupper() and all(x.isupper() for x in words[i:]))
    return " ".join(words[:first]), " ".join(words[first:])


def _source(n: int, case: Case) -> str | None:
    return SOURCES.get(n) if case[f"dash.answers.{n}"] != "no" else None


def build(case: Case) -> bytes:
    s = _style(case)
    v = case.values
    p0 = "referral.perpetrators.0"
    fields = Fields()
    doc = Document()
    doc.styles["Normal"].font.size = Pt(9.5)
    doc.add_paragraph("RESTRICTED WHEN COMPLETE").runs[0].bold = True
    doc.add_heading("MARAC Referral Form – for agency use in referring a High Risk client to a MARAC", level=2)
    head = doc.add_table(rows=2, cols=2)
    head.style = "Table Grid"
    _in_cell(head.cell(0, 0), "Date of notification:", date_text(v["referral.referrer.date"], s["date"]))
    _in_cell(head.cell(0, 1), "Agency:", v["referral.referrer.agency"])
    _in_cell(head.cell(1, 0), "Name of person notifying:", v["referral.referrer.name"])
    _in_cell(head.cell(1, 1), "Contact number:", v["referral.referrer.phone"])
    doc.add_paragraph()

    people = doc.add_table(rows=1, cols=2)
    people.style = "Table Grid"
    for cell, text in zip(people.rows[0].cells, ("Victim", "Alleged perpetrator")):
        write(cell, text, bold=True)
        shade(cell, "D9D9D9")
    (victim_fore, victim_sur), (perp_fore, perp_sur) = _split(v["referral.victim.name"]), _split(v[f"{p0}.name"])
    rows = (("Surname:", victim_sur, perp_sur), ("Forename(s):", victim_fore, perp_fore),
            ("Alias:", ", ".join(v["referral.victim.aliases"]), ", ".join(v[f"{p0}.aliases"])),
            ("Date of birth:", date_text(v["referral.victim.dob"], s["date"]), date_text(v[f"{p0}.dob"], s["date"])),
            ("Address:", v["referral.victim.address"], v[f"{p0}.address"]),
            ("Housing status:", v["referral.victim.housing"], ""))
    for label, victim, perpetrator in rows:
        cells = people.add_row().cells
        _in_cell(cells[0], label, victim)
        _in_cell(cells[1], label, perpetrator)
    safe = full_width_row(people, "Safe telephone contact:", fill=None)
    safe.paragraphs[0].add_run(" (Please also note a safe time span to call if there is one) ")
    safe.paragraphs[0].add_run(f"{v['referral.victim.phone']} – {v['referral.victim.contact_notes']}")
    for label, victim, perpetrator in (("Ethnic origin:", v["referral.victim.ethnicity"], v[f"{p0}.ethnicity"]),
                                       ("Occupation:", v["referral.victim.occupation"], v[f"{p0}.occupation"]),
                                       ("Religion:", "", "")):
        cells = people.add_row().cells
        _in_cell(cells[0], label, victim)
        _in_cell(cells[1], label, perpetrator)
    full_width_row(people, "Status of relationship:", fill=None).paragraphs[0].add_run(
        f" {v[f'{p0}.relationship_to_victim']}")
    full_width_row(people, "If refugee/asylum seeker: (victim only) Nationality:          Status:", fill=None)
    full_width_row(people, "GP details:", fill=None).paragraphs[0].add_run(f" {v['referral.victim.gp']}")
    full_width_row(people, "Other persons living in the household at risk", fill=None)
    doc.add_paragraph()

    consent = doc.add_table(rows=2, cols=2)
    consent.style = "Table Grid"
    _yes_no(consent.cell(0, 0).merge(consent.cell(0, 1)).paragraphs[0], "Client's Consent obtained?",
            v["referral.consent"], s["how"])
    _yes_no(consent.cell(1, 0).paragraphs[0], "Is client aware of the MARAC Referral?", v["referral.victim_aware"],
            s["how"])
    _yes_no(consent.cell(1, 1).paragraphs[0], "If not, can you satisfy the requirement to share information "
            "without consent?", None if v["referral.victim_aware"] else True, s["how"])
    doc.add_paragraph()

    kids = doc.add_table(rows=0, cols=4)
    kids.style = "Table Grid"
    full_width_row(kids, "List all children of victim/ perpetrator", fill="D9D9D9")
    cells = kids.add_row().cells
    for cell, text in zip(cells, ("Name", "DOB", "School", "Address, if different from above")):
        write(cell, text, bold=True)
    for i in range(max(CHILD_ROWS, case.children)):
        cells = kids.add_row().cells
        if i < case.children:
            c = f"referral.children.{i}"
            for cell, text in zip(cells, (v[f"{c}.name"], date_text(v[f"{c}.dob"], s["date"]), v[f"{c}.school"],
                                          "" if v[f"{c}.lives_with_victim"] else "With maternal grandmother")):
                write(cell, text)
    doc.add_paragraph()

    more = doc.add_table(rows=3, cols=1)
    more.style = "Table Grid"
    _yes_no(more.cell(0, 0).paragraphs[0], "Have you discussed this referral with your Line Manager and MARAC Rep "
            "who will present the case at MARAC?", True, s["how"])
    box_cell = more.cell(1, 0)
    write(box_cell, "Please add anything you know about:", bold=True)
    for prompt, path in (("- who the victim is afraid of (other than alleged perpetrator)", "referral.afraid_of"),
                         ("- who does the victim believe it's safe to talk to?", "referral.safe_to_talk_to"),
                         ("- Who does the victim believe it's not safe to talk to?", "referral.not_safe_to_talk_to")):
        paragraph = box_cell.add_paragraph(prompt)
        paragraph.add_run(f" {v[path]}")
    ric = more.cell(2, 0).paragraphs[0]
    _yes_no(ric, "Has a RIC been completed?", True, s["how"])
    ric.add_run("     ")
    _yes_no(ric, "Is the RIC attached?", True, s["how"])

    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("Cheshire West & Chester Domestic Abuse Partnership").runs[0].bold = True
    doc.add_heading("Domestic Abuse, Stalking and Harassment Risk Indicator Checklist (RIC)", level=3)
    doc.add_paragraph("Please fill in all three pages and complete MARAC referral form if high risk")
    doc.add_paragraph(f"Victim name or code {v['referral.victim.name']}")
    grid = doc.add_table(rows=1, cols=5)
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, (INSTRUCTION, "Yes", "No", "Don't know",
                                               "State source of info if not the victim e.g. police officer")):
        write(cell, text, bold=cell is not grid.rows[0].cells[0])
        shade(cell, "E7E6E6")
    for n, (text, aside, _subs) in enumerate(SAFELIVES, start=1):
        cells = grid.add_row().cells
        write(cells[0], f"{n}. {text}" + (f"\n{aside}" if aside else ""))
        mark_answer(cells[1:4], ["yes", "no", "unknown"], case[f"dash.answers.{n}"], s["mark"], fields)
        if source := _source(n, case):
            write(cells[4], source)
    total = grid.add_row().cells
    write(total[0], "Total 'yes' responses", bold=True)
    write(total[1], str(v["dash.score"]))
    widths(grid, [8.0, 1.4, 1.4, 1.6, 3.1])
    widths(people, [7.75, 7.75])
    widths(kids, [4.5, 3.0, 4.0, 4.0])
    doc.add_paragraph()
    sign = doc.add_table(rows=2, cols=4)
    sign.style = "Table Grid"
    for (r, c), text, bold in (((0, 0), "Name:", True), ((0, 1), v["dash.completed_by"], False),
                               ((0, 2), "Date:", True), ((0, 3), date_text(v["dash.date"], s["date"]), False),
                               ((1, 0), "Agency:", True), ((1, 1), v["referral.referrer.agency"], False)):
        write(sign.cell(r, c), text, bold=bold)

    if s["stalking"]:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_paragraph("Stalking: if stalking has been identified please complete these additional eleven "
                          "questions and submit them with the RIC").runs[0].bold = True
        stalk = doc.add_table(rows=1, cols=4)
        stalk.style = "Table Grid"
        for cell, text in zip(stalk.rows[0].cells, ("Stalking and harassment", "Yes", "No", "Don't know")):
            write(cell, text, bold=True)
            shade(cell, "E7E6E6")
        answers = extra_answers(case, STALKING_SLUGS, 11)
        for n, (slug, text) in enumerate(STALKING, start=1):
            cells = stalk.add_row().cells
            write(cells[0], f"{n}. {text}")
            mark_answer(cells[1:4], ["yes", "no", "unknown"], answers[slug], s["mark"], fields)
        widths(stalk, [10.5, 1.6, 1.6, 1.8])
    return docx_bytes(doc)


def expected(case: Case) -> dict[str, Any]:
    s = _style(case)
    v = case.values
    p0 = "referral.perpetrators.0"
    paths = ["referral.referrer.date", "referral.referrer.agency", "referral.referrer.name", "referral.referrer.phone",
             "referral.victim.name", "referral.victim.aliases", "referral.victim.dob", "referral.victim.address",
             "referral.victim.postcode", "referral.victim.housing", "referral.victim.phone",
             "referral.victim.contact_notes", "referral.victim.ethnicity", "referral.victim.occupation",
             "referral.victim.gp", "referral.consent", "referral.victim_aware", "referral.afraid_of",
             "referral.safe_to_talk_to", "referral.not_safe_to_talk_to"]
    found: dict[str, Any] = {p: v[p] for p in paths}
    for k in ("name", "aliases", "dob", "address", "relationship_to_victim", "ethnicity", "occupation"):
        found[f"{p0}.{k}"] = v[f"{p0}.{k}"]
    for i in range(case.children):
        for k in ("name", "dob", "school"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    for n in range(1, 25):
        found[f"dash.answers.{n}"] = case[f"dash.answers.{n}"]
        if source := _source(n, case):
            found[f"dash.comments.{n}"] = source
    if s["stalking"]:
        found.update({f"dash.extra.{slug}": a for slug, a in extra_answers(case, STALKING_SLUGS, 11).items()})
    found["dash.score"] = case["dash.score"]
    found["dash.completed_by"] = case["dash.completed_by"]
    found["dash.date"] = case["dash.date"]
    found["dash.version"] = "safelives-ric"
    return found


FORMS = [AreaForm("cheshire-west-referral", "Cheshire West and Chester", SOURCE, "referral+dash", build, expected)]
