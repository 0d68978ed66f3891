"""The CAADA-DASH Risk Identification Checklist as Dorset published it (the CAADA wording that came before the
SafeLives one), a checklist-only file: a page of quick start guidance first, then the questions in a table whose
numbers come from Word's automatic numbering (no "1." in the text), the column header row printed again part way
down the table (where the printed form starts a new page), a mark in one of "Yes (tick) / No / Don't Know", a
"State source of info if not the victim" column, and all comments gathered in one comment box at the end ("please
use the comment box at the end of the form to expand on any answer"), keyed by question number.

Follows the published "CAADA Risk Identification Checklist (RIC) & Quick Start Guidance for Domestic Abuse,
Stalking and 'Honour'-Based Violence" (Dorset: dorsetforyou.com 'CAADA-risk-assessment-form', stored copies on
yumpu.com and paperzz.com, see SOURCE) and the "MARAC Risk Indicator Checklist – CAADA-DASH Risk Identification
Checklist (RIC) for use by IDVAs and other non-police agencies" (stored copy: docest.com, see SOURCE). Taken from
them: the quick start guidance headings and a paraphrase of its points (before, whilst and after asking the
questions, with its own questions "Is it safe to talk now? What are safe contact details?"); the instruction "Tick
the box if the factor is present. Please use the comment box at the end of the form to expand on any answer. It is
assumed that your main source of information is the victim. If this is not the case please indicate in the right
hand column"; the column heads "Yes (tick) / No / Don't Know / State source of info if not the victim e.g. police
officer", repeated as "Tick box if factor is present. Please use the comment box at the end of the form to expand on
any answer."; the 24 questions (the SafeLives wording, which differs from CAADA's only in small words, is used from
`areas/_dash_wording.py`); "Total 'yes' responses"; "For consideration by professional: Is there any other relevant
information (from victim or professional) which may increase risk levels?"; "Do you believe that there are
reasonable grounds for referring this case to MARAC? Yes / No", "If yes, have you made a referral? Yes / No",
"Signed:", "Date:", and the children's question "Do you believe that there are risks facing the children in the
family? Yes / No" with "If yes, please confirm if you have made a referral to safeguard the children: Yes / No",
"Date referral made:". "Name of victim:" / "Date:" head the checklist as on the SafeLives pages.

Filled per seed: the mark a typed ✓ in the chosen column (seed 1), a typed X (seed 2) or Wingdings boxes in every
column (seed 3); "Police officer" or "Sister (present at visit)" in the source column of some yes answers (seed 2);
"Name of victim" and "Date" typed after the labels, or in the page header (seed 2); the comment box "Q1: …" lines
(or "1 – …"); the end questions answered by deleting the option that does not apply.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import SAFELIVES, comment_for, mark_answer, widths
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import struck_choice
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, shade, write
from tests.corpus.heldout._kit import save

SOURCE = ("Dorset, 'CAADA Risk Identification Checklist (RIC) & Quick Start Guidance for Domestic Abuse, Stalking and "
          "'Honour'-Based Violence' (dorsetforyou.com 'CAADA-risk-assessment-form'); stored copies: "
          "https://www.yumpu.com/en/document/view/53878732/caada-risk-assessment-form-dorsetforyoucom and "
          "https://paperzz.com/doc/7724973/caada-risk-identification-checklist--ric-; table layout: 'MARAC Risk "
          "Indicator Checklist - CAADA-DASH RIC for use by IDVAs and other non-police agencies', stored copy: "
          "https://docest.com/doc/354803/caada-dash-risk-identification-checklist-for-use-by-idvas-and-other-non-police-agencies")

HEAD = ("Yes (tick)", "No", "Don't Know", "State source of info if not the victim e.g. police officer")
REPEAT_AT = 12  # the printed form's second page starts at question 12


def _style(case: Case) -> dict[str, Any]:
    return {"mark": ("✓", "X", "wingdings")[(case.seed - 1) % 3], "sources": case.seed % 3 == 2,
            "in_header": case.seed % 3 == 2, "date": ("d/m/yyyy", "ordinal", "dd.mm.yyyy")[case.seed % 3],
            "q_prefix": case.seed % 2 == 1}


def _source(n: int, answer: str | None, s: dict[str, Any]) -> str | None:
    if not s["sources"] or answer != "yes":
        return None
    return {1: "Police officer", 15: "Police officer", 8: "Sister (present at visit)"}.get(n)


def _head_row(table: Table, first: str) -> None:
    cells = table.add_row().cells
    for cell, text in zip(cells, (first, *HEAD)):
        write(cell, text, bold=True)
        shade(cell, "D9D9D9")


def build(case: Case) -> bytes:
    s = _style(case)
    v = case.values
    fields = Fields()
    doc = Document()
    doc.add_heading("CAADA Risk Identification Checklist (RIC) & Quick Start Guidance for Domestic Abuse, Stalking "
                    "and 'Honour'-Based Violence", level=1)
    doc.add_paragraph("These notes help practitioners working with a victim of domestic abuse understand why each "
                      "question on the checklist is asked. The checklist identifies victims at high risk of harm whose "
                      "cases should be referred to a MARAC.")
    doc.add_paragraph("Before you begin to ask the questions in the RIC:").runs[0].bold = True
    for point in (("Establish how much time the victim has to talk to you. Is it safe to talk now? What are safe "
                   "contact details?"), "Establish the whereabouts of the perpetrator and children.",
                  "Explain why you are asking these questions and how it relates to the MARAC."):
        doc.add_paragraph(point, style="List Bullet")
    doc.add_paragraph("Whilst you are asking the questions in the RIC:").runs[0].bold = True
    doc.add_paragraph("Identify early on who the victim is frightened of: ex-partner, partner or family member.",
                      style="List Bullet")
    doc.add_paragraph("After completing the RIC:").runs[0].bold = True
    doc.add_paragraph("Use your professional judgement; 14 or more ticks is the recommended threshold for referral "
                      "to MARAC.", style="List Bullet")
    doc.add_page_break()

    victim, day = v["referral.victim.name"], date_text(v["dash.date"], s["date"])
    if s["in_header"]:
        header = doc.sections[0].header.paragraphs[0]
        header.add_run(f"RESTRICTED WHEN COMPLETE      Name of victim: {victim}      Date: {day}")
    else:
        doc.add_paragraph("RESTRICTED WHEN COMPLETE").runs[0].bold = True
        line = doc.add_paragraph()
        line.add_run("Name of victim: ").bold = True
        line.add_run(victim)
        line.add_run("        Date: ").bold = True
        line.add_run(day)
    doc.add_heading("CAADA-DASH Risk Identification Checklist (RIC) for use by IDVAs and other non-police agencies",
                    level=2)

    grid = doc.add_table(rows=0, cols=5)
    grid.style = "Table Grid"
    _head_row(grid, "Please explain that the purpose of asking these questions is for the safety and protection of "
                    "the individual concerned. Tick the box if the factor is present. Please use the comment box at "
                    "the end of the form to expand on any answer. It is assumed that your main source of information "
                    "is the victim. If this is not the case please indicate in the right hand column.")
    for n, (text, aside, subs) in enumerate(SAFELIVES, start=1):
        if n == REPEAT_AT:
            _head_row(grid, "Tick box if factor is present. Please use the comment box at the end of the form to "
                            "expand on any answer.")
        answer = case[f"dash.answers.{n}"]
        cells = grid.add_row().cells
        question = cells[0].paragraphs[0]
        question.style = doc.styles["List Number"]
        question.add_run(text)
        if aside:
            cells[0].add_paragraph(aside).runs[0].italic = True
        if subs:
            line = cells[0].add_paragraph()
            for index, sub in enumerate(subs):
                line.add_run(f"{'   ' if index else ''}{sub} ")
                line.add_run("☒" if answer == "yes" and index == 0 else "☐")
        mark_answer(cells[1:4], ["yes", "no", "unknown"], answer, s["mark"], fields)
        source = _source(n, answer, s)
        if source:
            write(cells[4], source)
    total = grid.add_row().cells
    write(total[0], "Total 'yes' responses", bold=True)
    write(total[1].merge(total[4]), str(v["dash.score"]))
    widths(grid, [9.0, 1.6, 1.4, 1.6, 3.2])

    doc.add_paragraph()
    box = doc.add_table(rows=0, cols=1)
    box.style = "Table Grid"
    cell = box.add_row().cells[0]
    cell.paragraphs[0].add_run("Comments (please give the question number)").bold = True
    for n in range(1, 25):
        comment = comment_for(n, case[f"dash.answers.{n}"])
        if comment:
            cell.add_paragraph(f"Q{n}: {comment}" if s["q_prefix"] else f"{n} – {comment}")

    doc.add_paragraph()
    doc.add_paragraph("For consideration by professional: Is there any other relevant information (from victim or "
                      "professional) which may increase risk levels?")
    doc.add_paragraph(v["referral.risks_summary"])
    for question, value in (("Do you believe that there are reasonable grounds for referring this case to MARAC?",
                             v["dash.score"] >= 14),
                            ("If yes, have you made a referral?", v["dash.score"] >= 14),
                            ("Do you believe that there are risks facing the children in the family?", True),
                            ("If yes, please confirm if you have made a referral to safeguard the children:", True)):
        paragraph = doc.add_paragraph(f"{question}   ")
        struck_choice(paragraph, value, options=("Yes", "No"), how="delete")
    doc.add_paragraph(f"Date referral made: {date_text(v['dash.date'], s['date'])}")
    end = doc.add_table(rows=0, cols=4)
    end.style = "Table Grid"
    row = end.add_row().cells
    write(row[0], "Signed:", bold=True)
    write(row[1], "")
    write(row[2], "Date:", bold=True)
    write(row[3], date_text(v["dash.date"], s["date"]))
    row = end.add_row().cells
    write(row[0], "Name:", bold=True)
    write(row[1].merge(row[3]), v["dash.completed_by"])
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    found: dict[str, Any] = {f"dash.answers.{n}": case[f"dash.answers.{n}"] for n in range(1, 25)}
    for n in range(1, 25):
        comment = comment_for(n, case[f"dash.answers.{n}"])
        if comment:
            found[f"dash.comments.{n}"] = comment
    found["dash.score"] = case["dash.score"]
    found["dash.completed_by"] = case["dash.completed_by"]
    found["dash.date"] = case["dash.date"]
    found["dash.version"] = "safelives-ric"
    return found


FORMS = [AreaForm("dorset-caada-ric", "Dorset (CAADA-DASH RIC)", SOURCE, "dash", build, expected)]
