"""The DASH checklist written as numbered question lines, with no table: as some areas print it inside
their referral form, and as practitioners retype it into a letter or case note.

Layout: a heading, then one paragraph per question ("1. Has the current incident resulted in injury?
Yes"), the SafeLives wording with its bracketed asides, then "Total 'yes' responses: 16", "Completed
by" and "Date" lines. Two forms:

- `numbered-checklist`: the checklist alone.
- `numbered-in-referral`: a short paragraph-style Marac referral ("Victim name: ...", "Reason for
  referral: ...") with the numbered checklist embedded under "Risk Identification Checklist (RIC)".

Per case (seeded), the answer is: typed after the question ("Yes", "N", "DON'T KNOW", with "– comment"
after it), printed options "Yes / No / Don't know" with the ones that do not apply struck through,
on its own line under the question ("Answer: No", "Comment: ..."), or tick boxes after the question
("Yes ☐ No ☒ Don't know ☐"). Questions are numbered by typed "1." or by Word's automatic numbering
(List Number style: the number is not in the text).
"""
from __future__ import annotations

import random
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.shared import Pt

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import SAFELIVES, box, comment_for, pick
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import docx_bytes
from tests.corpus.areas.styles import DATE_STYLES, YES_NO_STYLES, answer_text, date_text
from tests.corpus.docx_parts import Fields

SOURCE = ("SafeLives Dash risk checklist wording (pdf4pro.com 'SafeLives Dash risk checklist for the identification "
          "of ...'), set as numbered lines the way the Bury Partnership 'Domestic Abuse Risk Assessment and Referral "
          "Form' (docslib.org 'Risk Indicator Checklist (Caada-Dash)') and retyped case notes carry it")

MODES = ("typed", "struck", "answer-line", "boxes")
OPTIONS = (("yes", "Yes"), ("no", "No"), ("unknown", "Don't know"))


def _style(case: Case, salt: int) -> dict[str, Any]:
    rng = random.Random(case.seed * 53 + salt)
    mode = pick(MODES, case, salt)
    return {"mode": mode, "typed": rng.choice(YES_NO_STYLES), "date": rng.choice(DATE_STYLES),
            "auto_numbered": mode in ("typed", "answer-line") and rng.random() < 0.5,
            "mark": pick(("☑", "wingdings", "☒"), case, salt), "asides": rng.random() < 0.6}


def _comment(n: int, case: Case, s: dict[str, Any]) -> str | None:
    return comment_for(n, case[f"dash.answers.{n}"]) if s["mode"] in ("typed", "answer-line") else None


def _question_lines(doc: DocumentType, case: Case, s: dict[str, Any]) -> None:
    fields = Fields()
    for n, (text, aside, _subs) in enumerate(SAFELIVES, start=1):
        answer = case[f"dash.answers.{n}"]
        comment = _comment(n, case, s)
        wording = f"{text} {aside}" if aside and s["asides"] else text
        if s["auto_numbered"]:
            paragraph = doc.add_paragraph(style="List Number")
            paragraph.add_run(wording)
        else:
            paragraph = doc.add_paragraph(f"{n}. {wording}")
        mode = s["mode"]
        if mode == "typed":
            typed = answer_text(answer, s["typed"])
            paragraph.add_run(f"  {typed}" + (f" – {comment}" if comment else "")).bold = True
        elif mode == "struck":
            paragraph.add_run("   ")
            for i, (kind, word) in enumerate(OPTIONS):
                if i:
                    paragraph.add_run(" / ")
                paragraph.add_run(word).font.strike = kind != answer
        elif mode == "boxes":
            paragraph.add_run("   ")
            for kind, word in OPTIONS:
                paragraph.add_run(f"{word} ")
                box(paragraph, kind == answer, s["mark"], fields)
                paragraph.add_run("  ")
        else:  # the answer on its own line
            doc.add_paragraph(f"Answer: {answer_text(answer, s['typed'])}")
            if comment:
                doc.add_paragraph(f"Comment: {comment}")
    doc.add_paragraph()
    doc.add_paragraph(f"Total 'yes' responses: {case['dash.score']}").runs[0].bold = True


def _signature(doc: DocumentType, case: Case, s: dict[str, Any]) -> None:
    doc.add_paragraph(f"Completed by: {case['dash.completed_by']}")
    doc.add_paragraph(f"Date: {date_text(case['dash.date'], s['date'])}")


def _save(doc: DocumentType) -> bytes:
    return docx_bytes(doc)


def build_checklist(case: Case) -> bytes:
    s = _style(case, 0)
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_heading("Domestic Abuse, Stalking and Honour Based Violence (DASH) Risk Identification Checklist", 2)
    doc.add_paragraph("Ask every question. Write Yes, No or Don't know after each one and add any comment.")
    _question_lines(doc, case, s)
    _signature(doc, case, s)
    return _save(doc)


def build_referral(case: Case) -> bytes:
    s = _style(case, 1)
    v = case.values
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_heading("MARAC Referral", 1)
    p0 = "referral.perpetrators.0"
    sections = (
        ("Referrer details", (("Referrer name", v["referral.referrer.name"]),
                              ("Agency", v["referral.referrer.agency"]), ("Telephone", v["referral.referrer.phone"]),
                              ("Email", v["referral.referrer.email"]),
                              ("Date of referral", date_text(v["referral.referrer.date"], s["date"])))),
        ("Victim details", (("Victim name", v["referral.victim.name"]),
                            ("Date of birth", date_text(v["referral.victim.dob"], s["date"])),
                            ("Address", v["referral.victim.address"]), ("Telephone", v["referral.victim.phone"]))),
        ("Perpetrator details", (("Perpetrator name", v[f"{p0}.name"]),
                                 ("Date of birth", date_text(v[f"{p0}.dob"], s["date"])),
                                 ("Relationship to victim", v[f"{p0}.relationship_to_victim"]),
                                 ("Address", v[f"{p0}.address"]))))
    for heading, lines in sections:
        doc.add_paragraph(heading).runs[0].bold = True
        for label, value in lines:
            doc.add_paragraph(f"{label}: {value}")
    doc.add_paragraph("Reason for referral (please include details of the most recent incident):").runs[0].bold = True
    doc.add_paragraph(v["referral.risks_summary"])
    doc.add_paragraph()
    doc.add_paragraph("Risk Identification Checklist (RIC)").runs[0].bold = True
    _question_lines(doc, case, s)
    return _save(doc)


def expected_checklist(case: Case) -> dict[str, Any]:
    s = _style(case, 0)
    found: dict[str, Any] = {f"dash.answers.{n}": case[f"dash.answers.{n}"] for n in range(1, 25)}
    for n in range(1, 25):
        if comment := _comment(n, case, s):
            found[f"dash.comments.{n}"] = comment
    found["dash.score"] = case["dash.score"]
    found["dash.completed_by"] = case["dash.completed_by"]
    found["dash.date"] = case["dash.date"]
    return found


def expected_referral(case: Case) -> dict[str, Any]:
    s = _style(case, 1)
    v = case.values
    paths = ["referral.referrer.name", "referral.referrer.agency", "referral.referrer.phone", "referral.referrer.email",
             "referral.referrer.date", "referral.victim.name", "referral.victim.dob", "referral.victim.address",
             "referral.victim.postcode", "referral.victim.phone", "referral.risks_summary"]
    found = {p: v[p] for p in paths}
    for k in ("name", "dob", "relationship_to_victim", "address"):
        found[f"referral.perpetrators.0.{k}"] = v[f"referral.perpetrators.0.{k}"]
    found.update({f"dash.answers.{n}": case[f"dash.answers.{n}"] for n in range(1, 25)})
    for n in range(1, 25):
        if comment := _comment(n, case, s):
            found[f"dash.comments.{n}"] = comment
    found["dash.score"] = case["dash.score"]
    return found


FORMS = [
    AreaForm("numbered-checklist", "Numbered question lines (no table)", SOURCE, "dash", build_checklist,
             expected_checklist),
    AreaForm("numbered-in-referral", "Numbered question lines in a referral", SOURCE, "referral+dash", build_referral,
             expected_referral),
]
