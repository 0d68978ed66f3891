"""The stand-alone stalking checklist ("Checklist for Stalking Cases (2009)", the S-DASH) sent as its own file: eleven
numbered questions that are NOT the 24 of the Dash risk checklist (its question 1 "Is the victim very frightened?"
is the RIC's question 2; its question 4 is no RIC question at all), a head block naming the victim, the stalker with
his date of birth and the professional, and "Yes ☑ / No ☑" column heads whose tick is a symbol-font character
(Wingdings 2 "R") that referrers copy into the column that applies.

Follows the published template (stored copy: docest.com 'need-to-insert-a-logo', see SOURCE; the template names no
force: its first line is a placeholder for the user's logo). Taken from it: "Checklist for Stalking Cases (2009)",
the notes "Risk identification is not a predictive process…", "PLEASE DO NOT CHANGE THIS CHECKLIST", "Risk
Identification for Stalking Cases" (paraphrased: used in all stalking cases, completed when there are two or more
incidents or the victim is extremely frightened), "The context and detail of what is happening is very important.
These are all risk factors of serious harm. Tick the relevant box and add comment where necessary to expand", the
head boxes "Name of Victim:" / "Date form completed:", "Name of Stalker:" / "Date of birth:", "Name of
Professional:" / "Reference number:", the columns "Yes" / "No" with the tick symbol, and the eleven questions (the
wording of `areas/_dash_wording.STALKING`, which is this checklist's).

Filled per seed: the tick copied from the head (Wingdings 2 "R", seed 1), a typed ✓ (seed 2) or X (seed 3) in the
column that applies; a question the victim could not answer left with neither column marked; comments in a third
column for some yes answers; the date of birth typed "3rd April 1991" or "03/04/1991"; "Reference number" a police
crime reference.

Expected: the answers under their `dash.extra` stalking slugs (what `areas/police_dash_2009.py` expects for the same
questions), an unanswered question as unknown-not-shown (None); the RIC answers 1-11 stay empty (a reader that
files these answers under the RIC's numbers is wrong); the victim's and the stalker's names, his date of birth, the
professional and the date.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import STALKING, extra_answers, widths
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import shade, write
from tests.corpus.heldout._kit import grid, save

SOURCE = ("'Checklist for Stalking Cases (2009)' (S-DASH: Name of Victim / Date form completed, Name of Stalker / Date of "
          "birth, Name of Professional / Reference number; eleven Yes / No questions; the template names no force); "
          "stored copy: https://docest.com/doc/286691/need-to-insert-a-logo")

SLUGS = [slug for slug, _ in STALKING]
COMMENTS = {"stalking_unannounced_visits": "At her flat most evenings last week",
            "stalking_following_loitering": "Seen outside her workplace three times",
            "stalking_third_parties": "Messaging her sister and her manager"}


def _style(case: Case) -> dict[str, Any]:
    return {"mark": ("wingdings2", "✓", "X")[(case.seed - 1) % 3], "dob": ("ordinal", "dd/mm/yyyy")[case.seed % 2],
            "date": ("dd/mm/yyyy", "d.m.yy", "d month yyyy")[case.seed % 3]}


def _tick_symbol(paragraph: Paragraph) -> None:
    """The Wingdings 2 'R' (a ticked box) as Word's Insert > Symbol writes it."""
    run = paragraph.add_run()
    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), "Wingdings 2")
    sym.set(qn("w:char"), "F052")
    run._r.append(sym)
    run.font.size = Pt(11)


def _mark(paragraph: Paragraph, style: str) -> None:
    if style == "wingdings2":
        _tick_symbol(paragraph)
    else:
        paragraph.add_run(style)


def _crime_ref(case: Case) -> str:
    return f"CR/{case.seed * 4111 % 90000 + 10000}/26"


def build(case: Case) -> bytes:
    s = _style(case)
    v = case.values
    answers = extra_answers(case, SLUGS, 31)
    doc = Document()
    doc.add_paragraph().add_run("[Insert logo]").italic = True
    doc.add_heading("Checklist for Stalking Cases (2009)", level=1)
    doc.add_paragraph("Risk identification is not a predictive process and there is no existing accurate procedure to "
                      "calculate or foresee which cases will result in homicide or further assault and harm.")
    doc.add_paragraph().add_run("PLEASE DO NOT CHANGE THIS CHECKLIST").bold = True
    doc.add_heading("Risk Identification for Stalking Cases", level=2)
    doc.add_paragraph("Use in all cases of stalking; complete it when there have been two or more incidents (reported "
                      "or unreported) or the victim is extremely frightened.")
    doc.add_paragraph("The context and detail of what is happening is very important. These are all risk factors of "
                      "serious harm. Tick the relevant box and add comment where necessary to expand.")

    head = grid(doc, 4)
    for pairs in ((("Name of Victim:", v["referral.victim.name"]),
                   ("Date form completed:", date_text(v["dash.date"], s["date"]))),
                  (("Name of Stalker:", v["referral.perpetrators.0.name"]),
                   ("Date of birth:", date_text(v["referral.perpetrators.0.dob"], s["dob"]))),
                  (("Name of Professional:", v["dash.completed_by"]), ("Reference number:", _crime_ref(case)))):
        cells = head.add_row().cells
        for index, (text, value) in enumerate(pairs):
            write(cells[index * 2], text, bold=True)
            shade(cells[index * 2], "EDEDED")
            write(cells[index * 2 + 1], value)

    doc.add_paragraph()
    t = grid(doc, 4)
    cells = t.add_row().cells
    write(cells[0], "")
    for cell, word in zip(cells[1:3], ("Yes", "No")):
        cell.paragraphs[0].add_run(word).bold = True
        cell.add_paragraph()
        _tick_symbol(cell.paragraphs[1])
        shade(cell, "D9D9D9")
    write(cells[3], "Comment", bold=True)
    shade(cells[3], "D9D9D9")
    for n, (slug, text) in enumerate(STALKING, start=1):
        cells = t.add_row().cells
        write(cells[0], f"{n}. {text.replace('(…..)', '(name of stalker(s)…..)') if n in (3, 4) else text}")
        answer = answers[slug]
        if answer == "yes":
            _mark(cells[1].paragraphs[0], s["mark"])
            if slug in COMMENTS:
                write(cells[3], COMMENTS[slug])
        elif answer == "no":
            _mark(cells[2].paragraphs[0], s["mark"])
    widths(t, [10.0, 1.4, 1.4, 4.0])
    doc.add_paragraph()
    doc.add_paragraph("Additional notes about the behaviours and the context:")
    doc.add_paragraph("Contact has escalated since she ended the relationship; a non-molestation order is being sought.")
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    answers = extra_answers(case, SLUGS, 31)
    found: dict[str, Any] = {f"dash.extra.{slug}": (a if a != "unknown" else None) for slug, a in answers.items()}
    for n in range(1, 12):
        found[f"dash.answers.{n}"] = None
    found["dash.completed_by"] = v["dash.completed_by"]
    found["dash.date"] = v["dash.date"]
    found["referral.victim.name"] = v["referral.victim.name"]
    found["referral.perpetrators.0.name"] = v["referral.perpetrators.0.name"]
    found["referral.perpetrators.0.dob"] = v["referral.perpetrators.0.dob"]
    return found


FORMS = [AreaForm("stalking-checklist-2009", "Stalking checklist template (S-DASH 2009; names no force)", SOURCE,
                  "dash", build, expected)]
