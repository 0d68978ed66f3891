"""The SafeLives Dash risk checklist (RIC), the 24-question checklist referrers attach to a Marac referral.

Layout (wording from the published checklist): a short header ("Restricted when complete", "Name of
victim", "Date"), one table whose header row reads "Current situation | Yes (tick) | No | Don't know |
State source of info if not the victim e.g. police officer", then a row per question with the number
and bracketed asides in the question cell, sub-ticks inside the question cell for questions 14, 18, 21
and 24 ("You ☐ Children ☐ Other (please specify) ☐"), "Comment:" under questions 2-4, and a closing
"Total 'yes' responses" row. Below it the professional's questions and "Signed / Date / Name".

Per case (seeded): how the answers are marked (☒ ☑ ✓ ✔ X typed, Wingdings boxes, legacy FORMCHECKBOX,
w14 check boxes, or an area copy with a single typed "Yes / No / Don't know" column), whether the
right-hand column is the source column or a local "Comments" column, whether the assessor is named at
the top ("Name of person completing") or signs at the end, and the date style.
"""
from __future__ import annotations

import random
from typing import Any

from docx import Document
from docx.shared import Pt
from docx.table import _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import (
    MARK_STYLES,
    SAFELIVES,
    box,
    comment_for,
    mark_answer,
    pick,
    widths,
)
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import docx_bytes
from tests.corpus.areas.styles import DATE_STYLES, YES_NO_STYLES, answer_text, date_text
from tests.corpus.docx_parts import Fields, shade, write

SOURCE = ("SafeLives, 'SafeLives Dash risk checklist for the identification of high risk cases of domestic abuse, "
          "stalking and honour-based violence' (© SafeLives 2014/2015); stored copies: pdf4pro.com 'SafeLives Dash "
          "risk checklist for the identification of ...' and docest.com 'SafeLives Dash risk checklist quick start "
          "guidance'")

SOURCE_HEADING = "State source of info if not the victim e.g. police officer"
SOURCES = {2: "Victim", 8: "Police officer", 13: "Police log", 21: "Probation", 24: "Police (PNC)"}


def _style(case: Case) -> dict[str, Any]:
    rng = random.Random(case.seed * 31 + 5)
    return {"mark": pick(MARK_STYLES + ("typed",), case, 3), "date": rng.choice(DATE_STYLES),
            "typed": rng.choice(YES_NO_STYLES), "comments_column": rng.random() < 0.5,
            "assessor_on_top": rng.random() < 0.5, "sub_ticks": rng.random() < 0.7}


def _heading(cell: _Cell, text: str) -> None:
    write(cell, text, bold=True)
    shade(cell, "D9D9D9")


def _comment(n: int, case: Case, s: dict[str, Any]) -> str | None:
    answer = case[f"dash.answers.{n}"]
    if s["comments_column"]:
        return comment_for(n, answer)
    return SOURCES.get(n) if answer != "no" else None


def build(case: Case) -> bytes:
    s = _style(case)
    v = case.values
    fields = Fields()
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_paragraph("RESTRICTED WHEN COMPLETE").runs[0].bold = True
    doc.add_heading("SafeLives Dash risk checklist", level=1)
    doc.add_paragraph("Aim of the form: to help front line practitioners identify high risk cases of domestic "
                      "abuse, stalking and 'honour'-based violence.")
    top = doc.add_table(rows=0, cols=4)
    top.style = "Table Grid"
    row = top.add_row().cells
    _heading(row[0], "Name of victim:")
    write(row[1], v["referral.victim.name"])
    _heading(row[2], "Date:")
    write(row[3], date_text(v["dash.date"], s["date"]))
    if s["assessor_on_top"]:
        row = top.add_row().cells
        _heading(row[0], "Name of person completing:")
        write(row[1], v["dash.completed_by"])
        _heading(row[2], "Agency:")
        write(row[3], v["referral.referrer.agency"])
    doc.add_paragraph()
    doc.add_paragraph("Please explain that the purpose of asking these questions is for the safety and protection "
                      "of the individual concerned. Tick the box if the factor is present. Please use the comment "
                      "box at the end of the form to expand on any answer.")

    typed = s["mark"] == "typed"
    right = "Comments" if s["comments_column"] else SOURCE_HEADING
    heads = ["Current situation", "Yes / No / Don't know", right] if typed else \
        ["Current situation", "Yes (tick)", "No", "Don't know", right]
    grid = doc.add_table(rows=1, cols=len(heads))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, heads):
        _heading(cell, text)
    for n, (text, aside, subs) in enumerate(SAFELIVES, start=1):
        cells = grid.add_row().cells
        answer = case[f"dash.answers.{n}"]
        question = cells[0].paragraphs[0]
        question.add_run(f"{n}. {text}").bold = True
        if aside:
            question.add_run(f" {aside}")
        if n in (2, 3, 4):
            cells[0].add_paragraph("Comment:")
        if subs and s["sub_ticks"]:
            ticks = cells[0].add_paragraph()
            for i, sub in enumerate(subs):
                ticks.add_run(f"{sub} ")
                # the first option ticked when the answer is yes, as a referrer does
                box(ticks, answer == "yes" and i == 0, "☒" if s["mark"] in ("typed", "✓", "✔", "X") else s["mark"],
                    fields)
                ticks.add_run("  ")
        if typed:
            write(cells[1], answer_text(answer, s["typed"]))
        else:
            mark_answer(cells[1:4], ["yes", "no", "unknown"], answer, s["mark"], fields)
        comment = _comment(n, case, s)
        if comment:
            write(cells[-1], comment)
    total = grid.add_row().cells
    write(total[0], "Total 'yes' responses", bold=True)
    write(total[1].merge(total[-1]), str(v["dash.score"]))
    widths(grid, [9.5, 2.5, 3.5] if typed else [8.0, 1.6, 1.6, 1.6, 2.7])
    widths(top, [3.5, 4.5, 2.5, 5.0])

    doc.add_paragraph()
    doc.add_paragraph("For consideration by professional: Is there any other relevant information (from victim or "
                      "professional) which may increase risk levels?")
    doc.add_paragraph(v["referral.risks_summary"])
    doc.add_paragraph("Do you believe that there are reasonable grounds for referring this case to Marac?  Yes")
    end = doc.add_table(rows=0, cols=4)
    end.style = "Table Grid"
    row = end.add_row().cells
    _heading(row[0], "Signed:")
    write(row[1], v["dash.completed_by"] if not s["assessor_on_top"] else "")
    _heading(row[2], "Date:")
    write(row[3], date_text(v["dash.date"], s["date"]))
    if not s["assessor_on_top"]:
        row = end.add_row().cells
        _heading(row[0], "Name:")
        write(row[1].merge(row[3]), v["dash.completed_by"])
    return docx_bytes(doc)


def expected(case: Case) -> dict[str, Any]:
    s = _style(case)
    found: dict[str, Any] = {f"dash.answers.{n}": case[f"dash.answers.{n}"] for n in range(1, 25)}
    found["dash.score"] = case["dash.score"]
    found["dash.completed_by"] = case["dash.completed_by"]
    found["dash.date"] = case["dash.date"]
    found["dash.version"] = "safelives-ric"
    for n in range(1, 25):
        comment = _comment(n, case, s)
        if comment:
            found[f"dash.comments.{n}"] = comment
    return found


FORMS = [AreaForm("safelives-dash", "SafeLives (national checklist)", SOURCE, "dash", build, expected)]
