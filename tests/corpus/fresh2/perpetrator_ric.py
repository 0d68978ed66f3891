"""The risk identification checklist asked of the PERPETRATOR ("Tool Kit 3: Domestic violence assessment for safe
contact", Section 1a "RIC to use with perpetrators"): the 24 questions of the CAADA-DASH checklist in their order but
reworded to the man being assessed ("Did the current or most recent incident result in an injury to your
partner/ex?", "Do you think your partner/ex is frightened of you?"), so no question carries the victim-facing wording
a checklist reader knows; the answer typed into one column ("Yes", "No", "Don't know", or "Y" / "N" / "DK"), what
the worker gathered in a column beside it, a printed note between questions 7 and 8, and a head block naming the
man, his partner or ex-partner and the worker.

Follows the published toolkit (stored copy: studylib.net, see SOURCE; the stored copy names no area or agency).
Taken from it: "TOOL KIT 3", "Domestic violence assessment for safe contact", "Domestic Abuse risk assessment
toolkit based on 'CAADA-DASH' Risk Identification Checklist (RIC)", "Section 1a – RIC to use with perpetrators",
the instruction "Please enter in any relevant information you have gathered from the perpetrator from his
assessment, group work, individual sessions or in other ways. You should let him know that you are monitoring the
level of risk you think he poses to his victim and others", questions 1 to 8 as printed (with question 6's bracketed
prompt about other women in conflict over child contact, shortened), the note "Please note that there are additional
questions to help identify other potential or actual victims, which may then prompt the need for another RIC for
this pairing of perpetrator-potential victim", and the start of question 9 ("Is your current or most recent partner
pregnant or had a baby…"). The stored text stops there: questions 9 to 24 are the remaining CAADA-DASH questions
reworded the same way (to "you" and "your partner/ex"), and the head block and the total are laid out with plain
labels.

Filled per seed: answers typed as "Yes" / "No" / "Don't know" (seed 1), "Y" / "N" / "DK" (seed 2), or the printed
"Yes / No / Don't know" with the two that do not apply deleted (seed 3); information gathered for some yes answers,
with its source ("(group work)", "(probation record)"); the date "d month yyyy", "dd/mm/yy"-like or "dd.mm.yyyy".

Expected: the answers under the RIC numbers (the questions are the RIC's, in its order), the information as the
comments, the total, the worker and the date. Neither person is a referral's victim or perpetrator field: this is a
checklist about the man, sent on its own.
"""
from __future__ import annotations

from typing import Any

from docx import Document

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import comment_for, widths
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import answer_text, date_text
from tests.corpus.docx_parts import full_width_row, shade, write
from tests.corpus.heldout._kit import grid, label, save

SOURCE = ("'TOOL KIT 3 – Domestic violence assessment for safe contact: Domestic Abuse risk assessment toolkit based on "
          "CAADA-DASH Risk Identification Checklist (RIC), Section 1a – RIC to use with perpetrators' (the 24 RIC "
          "questions reworded to the perpetrator; the stored copy names no area); stored copy: "
          "https://studylib.net/doc/9438236/-toolkit-assessments-related-to-contact---assessment-tool...")

QUESTIONS = [
    "Did the current or most recent incident result in an injury to your partner/ex?",
    "Do you think you partner/ex is frightened of you?",
    ("Do you think your violence to your partner is getting worse? Do you think you are likely to use violence "
     "again?"),
    ("Have you ever tried to stop your partner/ex from seeing friends/family/doctor/colleagues or made life difficult "
     "if she did? Are you doing that at the moment?"),
    "Do you think your partner/ex is having depressed or suicidal thoughts at the moment?",
    ("Have you and your partner separated from each other or tried to separate in the last year? Has your partner "
     "ever tried to separate from you and you haven't wanted this?"),
    ("Do you have children that you do not live with – if so do you and your ex-partner currently disagree or get "
     "into arguments about the child contact?"),
    ("How often do you text, facebook, phone, contact, follow your partner or ex or turn up at their work or friends "
     "etc when they weren't expecting you? Do you do these things a lot and is this getting worse?"),
    "Is your current or most recent partner pregnant or had a baby in the last 18 months?",
    "Are the arguments or the abuse happening more often than before?",
    "Are the arguments or the abuse getting worse?",
    ("Do you try to control what your partner/ex does, who she sees or what she wears? Do you feel very jealous?"),
    "Have you ever used a weapon or an object to hurt your partner/ex?",
    "Have you ever threatened to kill your partner/ex or someone else?",
    "Have you ever tried to strangle, choke, suffocate or drown your partner/ex?",
    ("Have you done or said things of a sexual nature that made your partner/ex feel bad or that physically hurt "
     "her or someone else?"),
    "Is there anyone else (family, friends) who has threatened your partner/ex or who she is afraid of?",
    "Have you ever hurt anyone else – children, family members, a previous partner?",
    "Have you ever hurt an animal or the family pet?",
    "Are there money problems? Does your partner/ex depend on you for money? Have you lost your job recently?",
    ("In the past year have you had problems with drugs, alcohol or your mental health that made it hard to lead a "
     "normal life?"),
    "Have you ever threatened or attempted suicide?",
    ("Have you ever broken bail, an injunction or an agreement about when you can see your partner/ex or the "
     "children?"),
    "Have you ever been in trouble with the police or do you have a criminal record?",
]
NOTE = ("Please note that there are additional questions to help identify other potential or actual victims, which may "
        "then prompt the need for another RIC for this pairing of perpetrator-potential victim. See below.")
SOURCES = {1: " (police report)", 8: " (group work)", 24: " (probation record)"}


def _plan(case: Case) -> dict[str, Any]:
    return {"answers": ("typed", "short", "delete")[(case.seed - 1) % 3],
            "date": ("d month yyyy", "dd/mm/yyyy", "dd.mm.yyyy")[(case.seed - 1) % 3]}


def _answer(answer: str | None, how: str) -> str:
    if how == "typed":
        return answer_text(answer, "Yes/No")
    if how == "short":
        return answer_text(answer, "Y/N")
    return {"yes": "Yes", "no": "No", "unknown": "Don't know"}.get(answer or "", "Yes / No / Don't know")


def build(case: Case) -> bytes:
    plan = _plan(case)
    v = case.values
    doc = Document()
    doc.add_paragraph().add_run("TOOL KIT 3").bold = True
    doc.add_heading("Domestic violence assessment for safe contact", level=1)
    doc.add_paragraph("Domestic Abuse risk assessment toolkit based on \u201cCAADA-DASH\u201d Risk Identification "
                      "Checklist (RIC)")

    head = grid(doc, 4)
    perp, victim = v["referral.perpetrators.0.name"], v["referral.victim.name"]
    for pairs in ((("Name of man assessed", perp), ("Date of birth", date_text(v["referral.perpetrators.0.dob"],
                                                                               plan["date"]))),
                  (("Partner / ex-partner", victim), ("Relationship", v["referral.perpetrators.0.relationship_to_victim"])),
                  (("Worker completing", v["dash.completed_by"]), ("Date", date_text(v["dash.date"], plan["date"])))):
        cells = head.add_row().cells
        for index, (text, value) in enumerate(pairs):
            label(cells[index * 2], text)
            write(cells[index * 2 + 1], value)

    doc.add_paragraph()
    doc.add_paragraph().add_run("Section 1a \u2013 RIC to use with perpetrators").bold = True
    doc.add_paragraph("Please enter in any relevant information you have gathered from the perpetrator from his "
                      "assessment, group work, individual sessions or in other ways. You should let him know that you "
                      "are monitoring the level of risk you think he poses to his victim and others")
    t = grid(doc, 3)
    cells = t.add_row().cells
    for cell, text in zip(cells, ("Question", "Yes / No / Don't know", "Information gathered (and where from)")):
        label(cell, text)
    for n, question in enumerate(QUESTIONS, start=1):
        if n == 8:
            full_width_row(t, NOTE, fill="F2F2F2", bold=False)
        answer = case[f"dash.answers.{n}"]
        cells = t.add_row().cells
        write(cells[0], f"{n}. {question}")
        write(cells[1], _answer(answer, plan["answers"]))
        comment = comment_for(n, answer)
        if comment:
            write(cells[2], comment + SOURCES.get(n, ""))
    cells = t.add_row().cells
    label(cells[0], "Total number of \u2018yes\u2019 answers")
    write(cells[1], str(v["dash.score"]))
    shade(cells[1], "FFF2CC")
    widths(t, [9.5, 2.6, 5.0])
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    found: dict[str, Any] = {f"dash.answers.{n}": case[f"dash.answers.{n}"] for n in range(1, 25)}
    for n in range(1, 25):
        comment = comment_for(n, case[f"dash.answers.{n}"])
        if comment:
            found[f"dash.comments.{n}"] = comment + SOURCES.get(n, "")
    found["dash.score"] = case["dash.score"]
    found["dash.completed_by"] = case["dash.completed_by"]
    found["dash.date"] = case["dash.date"]
    return found


FORMS = [AreaForm("perpetrator-ric-toolkit", "Perpetrator-facing RIC (Tool Kit 3; the stored copy names no area)",
                  SOURCE, "dash", build, expected)]
