"""The police DASH (ACPO/CAADA DASH 2009 risk model): 27 questions, the SafeLives 24 among them in
another order, with stalking and honour-based violence questions at the end of the document.

Layout (wording from the published police form): "RESTRICTED", the model's title, the instruction
"The questions highlighted in bold are high risk factors. Tick the relevant box and add comment where
necessary to expand", then one table in four sections with full-width heading rows (CURRENT SITUATION,
CHILDREN/DEPENDANTS, DOMESTIC VIOLENCE HISTORY, ABUSER(S)). Questions are numbered 1-27 in the
question cell, bracketed asides follow, a "Comment:" line sits under each question and sub-ticks
("Kill: Self ☐ Children ☐ Other ☐", "Drugs ☐ Alcohol ☐ Mental Health ☐") inside the question cell. A
"Total 'yes' responses" row counts all 27. After it: "Other relevant information", the eleven stalking
and harassment questions and the honour-based violence questions (numbered from 1 again), and the
officer's name, number and date with a supervisor's line.

Per case (seeded): YES / NO columns (with or without a NOT KNOWN column; without it a don't-know answer
is left unmarked), "YES ☐ NO ☒" printed inline in one answer cell, or YES / NO columns with the comment
on a full-width row under each question; the mark style; the date style.

Expected: answers under their SafeLives numbers; the three children/dependants questions, the stalking and
the honour-based violence questions under `dash.extra` slugs (see `_dash_wording`); `dash.score` is the
count of "yes" among the 24 SafeLives questions (the printed total counts all 27, so it can be higher).
"""
from __future__ import annotations

import random
from typing import Any

from docx import Document
from docx.shared import Pt
from docx.table import Table

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import (
    BOXED,
    HBV,
    MARK_STYLES,
    POLICE,
    STALKING,
    box,
    comment_for,
    extra_answers,
    mark_answer,
    pick,
    widths,
)
from tests.corpus.areas.case import SURNAMES, Case
from tests.corpus.areas.kit import docx_bytes
from tests.corpus.areas.styles import DATE_STYLES, date_text
from tests.corpus.docx_parts import Fields, full_width_row, shade, write

SOURCE = ("ACPO/CAADA 'Domestic Abuse, Stalking and Harassment and Honour Based Violence (DASH 2009) Risk Model' "
          "(police version, 27 questions); stored copies: paperzz.com 'DASH risk form' and studylib.net '(DASH, "
          "2009) Risk Identification and Assessment and Management Model'; stalking questions: view.genial.ly "
          "'S-DASH questions'; honour-based abuse screening: dashriskchecklist.com 'Honour based abuse'")

LAYOUTS = ("columns", "inline", "comment-rows")
POLICE_SLUGS = [key for key, *_ in POLICE if isinstance(key, str)]
EXTRA_SLUGS = POLICE_SLUGS + [slug for slug, _ in STALKING] + [slug for slug, _ in HBV]


def _style(case: Case) -> dict[str, Any]:
    rng = random.Random(case.seed * 41 + 3)
    layout = pick(LAYOUTS, case, 1)
    marks = tuple(m for m in MARK_STYLES if m in BOXED) if layout == "inline" else MARK_STYLES
    return {"layout": layout, "mark": pick(marks, case, 5), "not_known": rng.random() < 0.5,
            "date": rng.choice(DATE_STYLES), "supervisor": f"PS {rng.choice(SURNAMES).title()}"}


def _answers(case: Case) -> dict[int | str, str]:
    found: dict[int | str, str] = {n: case[f"dash.answers.{n}"] for n in range(1, 25)}
    found.update(extra_answers(case, EXTRA_SLUGS, 27))
    return found


def _shown(answer: str | None, s: dict[str, Any]) -> str | None:
    """What the officer could mark: without a NOT KNOWN column a don't-know answer is left blank."""
    return None if answer == "unknown" and not s["not_known"] and s["layout"] != "inline" else answer


def _kinds(s: dict[str, Any]) -> list[str]:
    return ["yes", "no", "unknown"] if s["not_known"] or s["layout"] == "inline" else ["yes", "no"]


def _grid(doc: Any, first_heading: str, s: dict[str, Any]) -> Table:
    kinds = _kinds(s)
    if s["layout"] == "inline":
        table = doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        full_width_row(table, first_heading)
        return table
    table = doc.add_table(rows=1, cols=1 + len(kinds))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, [first_heading, "YES", "NO", "NOT KNOWN"]):
        write(cell, text, bold=True)
        shade(cell, "BFBFBF")
    return table


def _widths(table: Table, s: dict[str, Any]) -> None:
    columns = {1: [10.5, 5.0], 2: [10.5, 1.7, 1.7], 3: [9.8, 1.7, 1.7, 2.3]}
    widths(table, columns[1 if s["layout"] == "inline" else len(_kinds(s))])


def _question_row(table: Table, number: int, text: str, aside: str, subs: tuple[str, ...], answer: str | None,
                  comment: str | None, s: dict[str, Any], fields: Fields, comment_line: bool = True) -> None:
    cells = table.add_row().cells
    paragraph = cells[0].paragraphs[0]
    paragraph.add_run(f"{number}. {text}").bold = True
    if aside:
        paragraph.add_run(f" {aside}")
    if subs:
        ticks = cells[0].add_paragraph()
        for i, sub in enumerate(subs):
            ticks.add_run(f"{sub} ")
            box(ticks, answer == "yes" and i == 0, s["mark"] if s["mark"] in BOXED else "☒", fields)
            ticks.add_run("   ")
    if s["layout"] == "inline":
        line = cells[1].paragraphs[0]
        for kind, word in zip(_kinds(s), ("YES", "NO", "NOT KNOWN")):
            line.add_run(f"{word} ")
            box(line, kind == answer, s["mark"], fields)
            line.add_run("  ")
    else:
        mark_answer(cells[1:], _kinds(s), answer, s["mark"], fields)
    if not comment_line:
        return
    if s["layout"] == "comment-rows":
        full_width_row(table, f"Comment: {comment or ''}", fill=None, bold=False)
    else:
        cells[0].add_paragraph(f"Comment: {comment or ''}")


def build(case: Case) -> bytes:
    s = _style(case)
    v = case.values
    answers = _answers(case)
    fields = Fields()
    doc = Document()
    doc.styles["Normal"].font.size = Pt(9)
    doc.add_paragraph("RESTRICTED").runs[0].bold = True
    doc.add_heading("ACPO/CAADA Domestic Abuse, Stalking and Harassment and Honour Based Violence (DASH 2009) "
                    "Risk Model", level=2)
    top = doc.add_table(rows=1, cols=4)
    top.style = "Table Grid"
    for cell, text, bold in zip(top.rows[0].cells, ("Victim name:", v["referral.victim.name"], "URN / Crime no.:",
                                                    v["referral.crime_reference"]), (True, False, True, False)):
        write(cell, text, bold=bold)
    doc.add_paragraph("The context and detail of what is happening is very important. The questions highlighted in "
                      "bold are high risk factors. Tick the relevant box and add comment where necessary to expand.")
    table = None
    yes_total = 0
    for number, (key, text, aside, subs, section) in enumerate(POLICE, start=1):
        if table is None:
            table = _grid(doc, section or "", s)
        elif section:
            full_width_row(table, section)
        answer = _shown(answers[key], s)
        yes_total += answer == "yes"
        comment = comment_for(key, answer) if isinstance(key, int) else None
        _question_row(table, number, text, aside, subs, answer, comment, s, fields)
    assert table is not None
    total = table.add_row().cells
    write(total[0], "Total 'yes' responses", bold=True)
    write(total[1].merge(total[-1]), str(yes_total))
    _widths(table, s)

    doc.add_paragraph()
    doc.add_paragraph("Other relevant information (from victim or officer) which may increase risk levels. Consider "
                      "victim's situation in relation to disability, substance misuse, mental health issues, "
                      "cultural/language barriers, 'honour'-based systems and minimisation.").runs[0].bold = True
    doc.add_paragraph(v["referral.risks_summary"])
    for heading, intro, questions in (
            ("STALKING AND HARASSMENT", ("Consider asking these additional questions if the answer to question 8 "
             "is yes and concerns are raised."), STALKING),
            ("HONOUR BASED VIOLENCE", ("Consider asking these questions if the answer to question 4 is yes and "
             "concerns are raised."), HBV)):
        doc.add_paragraph()
        doc.add_paragraph(heading).runs[0].bold = True
        doc.add_paragraph(intro)
        extra = _grid(doc, "Question", s)
        for number, (slug, text) in enumerate(questions, start=1):
            _question_row(extra, number, text, "", (), _shown(answers[slug], s), None, s | {"layout": (
                "columns" if s["layout"] == "comment-rows" else s["layout"])}, fields, comment_line=False)
        _widths(extra, s)

    doc.add_paragraph()
    officer = doc.add_table(rows=0, cols=4)
    officer.style = "Table Grid"
    for left, right in ((("Officer completing:", v["dash.completed_by"]), ("Collar / staff no.:", "4471")),
                        (("Date completed:", date_text(v["dash.date"], s["date"])), ("Risk level:", "HIGH")),
                        (("Supervisor's name:", s["supervisor"]), ("Date reviewed:", ""))):
        cells = officer.add_row().cells
        for (label, value), label_cell, value_cell in ((left, cells[0], cells[1]), (right, cells[2], cells[3])):
            write(label_cell, label, bold=True)
            write(value_cell, value)
    return docx_bytes(doc)


def expected(case: Case) -> dict[str, Any]:
    s = _style(case)
    answers = _answers(case)
    found: dict[str, Any] = {}
    for n in range(1, 25):
        shown = _shown(answers[n], s)
        found[f"dash.answers.{n}"] = shown
        comment = comment_for(n, shown)
        if comment:
            found[f"dash.comments.{n}"] = comment
    for slug in EXTRA_SLUGS:
        found[f"dash.extra.{slug}"] = _shown(answers[slug], s)
    found["dash.score"] = sum(1 for n in range(1, 25) if answers[n] == "yes")
    found["dash.completed_by"] = case["dash.completed_by"]
    found["dash.date"] = case["dash.date"]
    found["dash.version"] = "police-27"
    return found


FORMS = [AreaForm("police-dash-2009", "ACPO / police forces (DASH 2009)", SOURCE, "dash", build, expected)]
