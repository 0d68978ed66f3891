"""The CAADA-DASH Risk Identification Checklist, Young People's Version (SafeLives' checklist for young people aged
about 13 to 17 being harmed in their own relationships), as a practitioner fills it in Word: the questions are NOT in
the adult checklist's one numbered list of 24 but grouped under the young people's version's headings ("Your
feelings", "What is happening to you now?", "Your life and your relationship", "Things that might have happened to
you in the past", "The person who harms you"), each heading a shaded row of its own answer table, so the 24 come in
another order; the abuser is "the person who harms you" throughout; the numbering restarts under each heading
(seed 1), is left off (seed 2), or runs 1 to 24 in the NEW order (seed 3: the printed numbers are not the adult
checklist's numbers, so an answer must be filed by its question, not by its number); a last section "For
consideration by the professional" holds the practitioner's own notes, not questions to the young person.

Follows SafeLives' "Dash risk checklist: young people" / "CAADA-DASH Risk Identification Checklist (RIC) – Young
People's Version" (stored copies: docsbay.net and safelives.org.uk, see SOURCE), seen only as far as its contents
list. Taken from it: the title, "Young People's Version", the six section headings above. The stored copies do not show
the questions' wording: the questions are the adult SafeLives checklist's (`tests.corpus.areas._dash_wording`) with
"(name of abuser)" read as "the person who harms you", and their grouping under the headings is this module's
(where each question's subject fits: the young person's fear under "Your feelings", the abuser's history under "The
person who harms you"). The head (name, date of birth, practitioner, agency, date) and the total use plain labels.

Filled per seed: the answers marked in Yes / No / Don't know columns the ways `_dash_wording.mark_answer` marks them;
comments typed where the answer is yes; the young person 16 or 17; dates "dd/mm/yyyy", "3 April 2010" or "03.04.2010";
the total typed after "Total 'yes' answers".
"""
from __future__ import annotations

from typing import Any

from docx import Document

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import ABUSER, MARK_STYLES, SAFELIVES, comment_for, mark_answer, pick, widths
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.blind._kit import young_dob
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.heldout._kit import grid, label, save

SOURCE = ("SafeLives (formerly CAADA), 'CAADA-DASH Risk Identification Checklist (RIC) – Young People's Version' / "
          "'Dash risk checklist: young people' (sections Your feelings; What is happening to you now?; Your life and "
          "your relationship; Things that might have happened to you in the past; The person who harms you; For "
          "consideration by the professional); stored copies: https://docsbay.net/using-the-young-people-s-checklist "
          "and https://safelives.org.uk/resources-library/dash-risk-checklist-young-people/")

HARMS = "the person who harms you"
SECTIONS: list[tuple[str, list[int]]] = [
    ("Your feelings", [2, 3, 4, 5]),
    ("What is happening to you now?", [1, 10, 11, 8, 12, 15, 16]),
    ("Your life and your relationship", [6, 7, 9, 20]),
    ("Things that might have happened to you in the past", [13, 14, 17]),
    ("The person who harms you", [18, 19, 21, 22, 23, 24]),
]


def _wording(n: int) -> str:
    text, aside, subs = SAFELIVES[n - 1]
    text = text.replace(ABUSER, HARMS).replace("(name of abuser(s))", HARMS)
    aside = aside.replace(ABUSER, HARMS).replace("(name of abuser(s))", HARMS)
    if text.startswith(HARMS):
        text = text[0].upper() + text[1:]
    line = f"{text} {aside}".strip()
    if subs:
        line += "\n" + "   ".join(f"{sub} ☐" for sub in subs)
    return line


def _plan(case: Case) -> dict[str, Any]:
    return {"numbers": ("restart", "none", "running")[(case.seed - 1) % 3], "mark": pick(MARK_STYLES, case, 3),
            "date": ("dd/mm/yyyy", "d month yyyy", "dd.mm.yyyy")[(case.seed - 1) % 3]}


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    fields = Fields()
    doc = Document()
    doc.add_heading("CAADA-DASH Risk Identification Checklist (RIC)", level=1)
    doc.add_paragraph().add_run("Young People's Version").bold = True

    head = grid(doc, 4)
    for pairs in ((("Name of young person", v["referral.victim.name"]),
                   ("Date of birth", date_text(young_dob(case), d))),
                  (("Practitioner completing", v["dash.completed_by"]), ("Agency", v["referral.referrer.agency"])),
                  (("Date completed", date_text(v["dash.date"], d)), ("Contact number", v["referral.referrer.phone"]))):
        cells = head.add_row().cells
        for index, (text, value) in enumerate(pairs):
            label(cells[index * 2], text)
            write(cells[index * 2 + 1], value)
    doc.add_paragraph()

    t = grid(doc, 5)
    cells = t.add_row().cells
    for cell, text in zip(cells, ("Question", "Yes", "No", "Don't know", "Comment")):
        label(cell, text)
    running = 0
    for heading, numbers in SECTIONS:
        full_width_row(t, heading, fill="D9E2F3")
        for index, n in enumerate(numbers, start=1):
            running += 1
            prefix = {"restart": f"{index}. ", "none": "", "running": f"{running}. "}[plan["numbers"]]
            answer = case[f"dash.answers.{n}"]
            cells = t.add_row().cells
            write(cells[0], prefix + _wording(n))
            mark_answer(cells[1:4], ["yes", "no", "unknown"], answer, plan["mark"], fields)
            comment = comment_for(n, answer)
            if comment:
                write(cells[4], comment)
    full_width_row(t, "For consideration by the professional", fill="D9E2F3")
    cells = t.add_row().cells
    write(cells[0].merge(cells[4]), "Practitioner's notes: seen alone at school; she says her family do not know "
                                    "about the relationship.")
    cells = t.add_row().cells
    label(cells[0], "Total 'yes' answers")
    write(cells[1].merge(cells[4]), str(v["dash.score"]))
    widths(t, [9.0, 1.3, 1.3, 1.6, 4.0])
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {f"dash.answers.{n}": case[f"dash.answers.{n}"] for n in range(1, 25)}
    for n in range(1, 25):
        comment = comment_for(n, case[f"dash.answers.{n}"])
        if comment:
            found[f"dash.comments.{n}"] = comment
    found["dash.score"] = v["dash.score"]
    found["dash.completed_by"] = v["dash.completed_by"]
    found["dash.date"] = v["dash.date"]
    found["referral.victim.name"] = v["referral.victim.name"]
    found["referral.victim.dob"] = young_dob(case)
    return found


FORMS = [AreaForm("yp-ric-sections", "SafeLives (CAADA-DASH RIC, Young People's Version; no area)", SOURCE, "dash",
                  build, expected)]
