"""Gloucestershire Public Protection Bureau: the partner agency DASH form (police-style, "DASH 2017 (Based on
2009 original) Risk Assessment Form"), which carries the case details and the 27-question police DASH in
one file and is sent in as the referral.

Layout (label wording from the published form, updated September 2017): "Name of Person Completing: |
Date of completing:", "Date of incident: | Police incident No. (if not known please state):", "OIC (if
not known please state):"; "Victim Details" with labels above values ("Surname | Forename | DOB"),
"Address" beside housing tick boxes ("Own Occ. ☐ Private rent ☐ Housing Assoc. ☐"), "Postcode" and a
"Male/Female" drop-down showing "SELECT" until chosen, "Contact No", "Ethnic Self Classification 16+1
code", "Officer perceived ethnicity 6+1 code"; a children table whose "Present During Incident?" and
"Resident at Address?" columns are Yes/No drop-downs; "Perpetrator Details" in the same shape with "Is
Perpetrator Parent To Child(ren) above" and "Spouse ☐ Ex-spouse ☐ Partner ☐ Ex-partner ☐ Other
Specify:"; an empty "Vulnerable Adults Present" table; then the 27 questions as number | question |
"YES" | "NO" with both words printed in every row and no header row, in sections, and "Total 'yes'
responses" (all 27).

Per case (seeded): the answer marked by a tick box beside the printed word (☒, Wingdings, FORMCHECKBOX
or w14), by deleting the word that does not apply, or by highlighting the word that does; a don't-know
answer is left unmarked (the form has no such column). Expected as in `police_dash_2009`.
"""
from __future__ import annotations

import random
from typing import Any

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt
from docx.table import Table, _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import POLICE, box, extra_answers, pick, widths
from tests.corpus.areas.case import SURNAMES, Case
from tests.corpus.areas.kit import docx_bytes, dropdown, symbol_box
from tests.corpus.areas.styles import DATE_STYLES, date_text
from tests.corpus.docx_parts import Fields, full_width_row, shade, write

SOURCE = ("Gloucestershire Public Protection Bureau, 'Partner Agency DASH Form – Updated September 2017: Domestic "
          "Abuse, Stalking, Harassment and Honour Based Violence DASH 2017 (Based on 2009 original) Risk Assessment "
          "Form'; stored copy: docsbay.net 'gloucestershire-public-protection-bureau'")

MARKS = ("☒", "highlight", "wingdings", "delete", "formcheckbox", "w14")
SLUGS = [key for key, *_ in POLICE if isinstance(key, str)]
RELATIONSHIP_TICKS = ("Spouse", "Ex-spouse", "Partner", "Ex-partner")
TICKED_AS = {"Husband": "Spouse", "Ex-husband": "Ex-spouse", "Partner": "Partner", "Ex-partner": "Ex-partner"}
HOUSING_TICKS = {"Owner occupier": "Own Occ.", "Private rented": "Private rent",
                 "Housing association (Riverside)": "Housing Assoc."}


def _style(case: Case) -> dict[str, Any]:
    rng = random.Random(case.seed * 71 + 2)
    return {"mark": pick(MARKS, case, 4), "date": rng.choice(DATE_STYLES), "oic": f"PC {rng.choice(SURNAMES).title()}"}


def _label(cell: _Cell, text: str) -> None:
    write(cell, text, bold=True)
    shade(cell, "DEEAF6")


def _split(name: str) -> tuple[str, str]:
    words = name.split(" ")
    first = next(i for i, w in enumerate(words) if all(x.isupper() for x in words[i:]))
    return " ".join(words[:first]), " ".join(words[first:])


def _person(doc: Any, heading: str, p: str, case: Case, s: dict[str, Any]) -> Table:
    v = case.values
    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    full_width_row(table, heading, fill="9DC3E6")
    forename, surname = _split(v[f"{p}.name"])
    labels = table.add_row().cells
    values = table.add_row().cells
    for cell, text in zip(labels, ("Surname", "Forename" if heading.startswith("Victim") else "Forenames", "DOB")):
        _label(cell, text)
    for cell, text in zip(values, (surname, forename, date_text(v[f"{p}.dob"], s["date"]))):
        write(cell, text)
    row = table.add_row().cells
    _label(row[0], "Address")
    write(row[1], v[f"{p}.address"])
    if heading.startswith("Victim"):
        ticks = row[2].merge(row[3]).paragraphs[0]
        for option in ("Own Occ.", "Private rent", "Housing Assoc."):
            ticks.add_run(f"{option} ")
            symbol_box(ticks, HOUSING_TICKS.get(v["referral.victim.housing"]) == option)
            ticks.add_run("  ")
    row = table.add_row().cells
    _label(row[0], "Postcode")
    write(row[1], v[f"{p}.address"].rsplit(", ", 1)[-1])
    _label(row[2], "Male/Female")
    dropdown(row[3].paragraphs[0], ["Male", "Female"], v[f"{p}.gender"])
    row = table.add_row().cells
    _label(row[0], "Contact No")
    write(row[1].merge(row[3]), v["referral.victim.phone"] if heading.startswith("Victim") else "")
    row = table.add_row().cells
    _label(row[0], "Ethnic Self Classification 16+1 code")
    write(row[1], v[f"{p}.ethnicity"])
    _label(row[2], "Officer perceived ethnicity 6+1 code")
    widths(table, [3.5, 4.5, 3.5, 4.0])
    return table


def _answer_cell(cell: _Cell, word: str, chosen: bool, answered: bool, s: dict[str, Any], fields: Fields) -> None:
    paragraph = cell.paragraphs[0]
    mark = s["mark"]
    if mark == "delete":
        if chosen or not answered:
            paragraph.add_run(word).bold = True
        return
    run = paragraph.add_run(word)
    run.bold = True
    if mark == "highlight":
        if chosen:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        return
    paragraph.add_run(" ")
    box(paragraph, chosen, mark, fields)


def build(case: Case) -> bytes:
    s = _style(case)
    v = case.values
    fields = Fields()
    doc = Document()
    doc.styles["Normal"].font.size = Pt(9)
    doc.add_paragraph("Partner Agency DASH Form – Updated September 2017").runs[0].italic = True
    doc.add_heading("Gloucestershire Public Protection Bureau", level=2)
    doc.add_paragraph("Domestic Abuse, Stalking, Harassment and Honour Based Violence").runs[0].bold = True
    doc.add_paragraph("DASH 2017 (Based on 2009 original) Risk Assessment Form").runs[0].bold = True
    top = doc.add_table(rows=3, cols=4)
    top.style = "Table Grid"
    for (r, c), text, is_label in (((0, 0), "Name of Person Completing:", True), ((0, 1), v["dash.completed_by"], 0),
                                   ((0, 2), "Date of completing:", True),
                                   ((0, 3), date_text(v["dash.date"], s["date"]), 0),
                                   ((1, 0), "Date of incident:", True), ((1, 1), "25/10/2026", 0),
                                   ((1, 2), "Police incident No. (if not known please state):", True),
                                   ((1, 3), v["referral.crime_reference"], 0),
                                   ((2, 0), "OIC (if not known please state):", True), ((2, 1), s["oic"], 0)):
        (_label if is_label else write)(top.cell(r, c), text)
    doc.add_paragraph()
    _person(doc, "Victim Details", "referral.victim", case, s)
    doc.add_paragraph()
    kids = doc.add_table(rows=1, cols=6)
    kids.style = "Table Grid"
    for cell, text in zip(kids.rows[0].cells, ("Children's Name", "DOB", "School", "GP", "Present During Incident?",
                                               "Resident at Address?")):
        _label(cell, text)
    for i in range(max(2, case.children)):
        cells = kids.add_row().cells
        c = f"referral.children.{i}"
        if i < case.children:
            for cell, text in zip(cells, (v[f"{c}.name"], date_text(v[f"{c}.dob"], s["date"]), v[f"{c}.school"],
                                          v["referral.victim.gp"])):
                write(cell, text)
        dropdown(cells[4].paragraphs[0], ["Yes", "No"], ("No" if i else "Yes") if i < case.children else None)
        dropdown(cells[5].paragraphs[0], ["Yes", "No"],
                 ("Yes" if v[f"{c}.lives_with_victim"] else "No") if i < case.children else None)
    doc.add_paragraph()
    perp = _person(doc, "Perpetrator Details", "referral.perpetrators.0", case, s)
    row = perp.add_row().cells
    _label(row[0], "Is Perpetrator Parent To Child(ren) above")
    dropdown(row[1].paragraphs[0], ["Yes", "No"], "Yes" if case.children else None)
    relation = row[2].merge(row[3]).paragraphs[0]
    ticked = TICKED_AS.get(v["referral.perpetrators.0.relationship_to_victim"])
    for option in RELATIONSHIP_TICKS:
        relation.add_run(f"{option} ")
        symbol_box(relation, option == ticked)
        relation.add_run(" ")
    relation.add_run("Other Specify: " + ("" if ticked else v["referral.perpetrators.0.relationship_to_victim"]))
    doc.add_paragraph()
    vulnerable = doc.add_table(rows=2, cols=3)
    vulnerable.style = "Table Grid"
    for cell, text in zip(vulnerable.rows[0].cells, ("Full Name", "Date of Birth", "*Nature of vulnerability")):
        _label(cell, text)
    doc.add_paragraph()
    doc.add_paragraph("The context and detail of what is happening is very important. The questions highlighted in "
                      "blue bold are high risk factors. Tick the relevant box and add comments wherever possible to "
                      "expand.")
    answers: dict[int | str, str] = {n: case[f"dash.answers.{n}"] for n in range(1, 25)}
    answers.update(extra_answers(case, SLUGS, 17))
    grid = doc.add_table(rows=0, cols=4)
    grid.style = "Table Grid"
    yes_total = 0
    for number, (key, text, aside, _subs, section) in enumerate(POLICE, start=1):
        if section:
            full_width_row(grid, section.split(" (")[0], fill="9DC3E6")
        answer = answers[key]
        yes_total += answer == "yes"
        cells = grid.add_row().cells
        write(cells[0], str(number))
        write(cells[1], f"{text} {aside}".strip())
        for cell, word, kind in ((cells[2], "YES", "yes"), (cells[3], "NO", "no")):
            _answer_cell(cell, word, answer == kind, answer in ("yes", "no"), s, fields)
    total = grid.add_row().cells
    write(total[0].merge(total[1]), "Total 'yes' responses", bold=True)
    write(total[2].merge(total[3]), str(yes_total))
    widths(grid, [1.0, 11.0, 1.75, 1.75])
    doc.add_paragraph()
    doc.add_paragraph("Other relevant information (from victim or professional) which may increase risk levels:").runs[
        0].bold = True
    doc.add_paragraph(v["referral.risks_summary"])
    return docx_bytes(doc)


def expected(case: Case) -> dict[str, Any]:
    s = _style(case)
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.victim.name", "referral.victim.dob", "referral.victim.address", "referral.victim.postcode",
        "referral.victim.gender", "referral.victim.phone", "referral.victim.ethnicity", "referral.crime_reference")}
    found["referral.police.officer_in_charge"] = s["oic"]
    p0 = "referral.perpetrators.0"
    for k in ("name", "dob", "address", "gender", "ethnicity"):
        found[f"{p0}.{k}"] = v[f"{p0}.{k}"]
    relationship = v[f"{p0}.relationship_to_victim"]
    found[f"{p0}.relationship_to_victim"] = TICKED_AS.get(relationship, relationship)
    for i in range(case.children):
        for k in ("name", "dob", "school", "lives_with_victim"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    for n in range(1, 25):
        answer = case[f"dash.answers.{n}"]
        found[f"dash.answers.{n}"] = answer if answer != "unknown" else None
    for slug, answer in extra_answers(case, SLUGS, 17).items():
        found[f"dash.extra.{slug}"] = answer if answer != "unknown" else None
    found["dash.score"] = case["dash.score"]
    found["dash.completed_by"] = case["dash.completed_by"]
    found["dash.date"] = case["dash.date"]
    found["dash.version"] = "police-27"
    return found


FORMS = [AreaForm("gloucestershire-dash", "Gloucestershire", SOURCE, "referral+dash", build, expected)]
