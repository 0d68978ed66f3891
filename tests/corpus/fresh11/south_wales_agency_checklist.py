"""The "Risk Assessment Checklist for agencies" (APPENDIX 3 of a MARAC protocol; developed by South Wales Police and
updated by CAADA from its use by the IDVAs of the Women's Safety Unit in Cardiff and ASSIST in Glasgow): a checklist
that is NOT the SafeLives Dash (23 questions counted in the "yes" box, questions 1 to 7 also marked as a
"significant concern", plus a count of police call-outs), headed by FREE LINES rather than a table: "Client's name:",
"Date of birth:", "Address:" … each a label, a tab and the typed answer; the children one per line under their label;
the abuser (and in seed 2 a second abuser) as further lines; the agency worker's lines at the end.

Copied from the stored copy: "APPENDIX 3", "Risk Assessment Checklist for agencies", "(Checklist using non-police
language assuming the Independent Domestic Violence Advocate or other professional will be discussing this with their
client.)", "To be completed by agency worker, where possible in conjunction with the client.", the answer columns
"Yes" / "No" / "Don't know" (CAADA's added "don't know" option), the "significant concern" mark for questions 1 to 7,
the count of 23 yes-box questions and the "police call-outs in past month". The stored text stops before the
questions and the header lines: the 23 questions here are SHORT PLAIN WORDING OF OUR OWN (not the original's, which
was not seen), and the header lines are plain labels; no guidance text (the risk-level bands) is copied.

Filled per seed: "✓" typed in the chosen column, dates "dd/mm/yyyy", the call-outs line left as "Click here to enter
text." (seed 1); Word 2010 check boxes in every column, dates "3rd April 1991", a second abuser's lines (seed 2);
legacy FORMCHECKBOX boxes in every column, dates "3.4.91", "Children:" answered "None" (seed 3).

Expected: the header's people (client, abuser(s) with their relationship to the client, children with their dates of
birth) and the agency worker. The checklist's answers are not Dash answers (its questions are not the SafeLives
ones), so no `dash.answers` path is listed: neither filing them under the Dash numbers nor leaving them is scored.
"""
from __future__ import annotations

from typing import Any

from docx import Document

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import mark_answer
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import placeholder_control
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, write
from tests.corpus.fresh3._kit import expect_each
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import tab_line

SOURCE = ("'Risk Assessment Checklist for agencies' (APPENDIX 3; 'Checklist using non-police language assuming the "
          "Independent Domestic Violence Advocate or other professional will be discussing this with their client'; "
          "originally developed by South Wales Police, updated by CAADA from the Women's Safety Unit in Cardiff and "
          "ASSIST in Glasgow; 23 yes-box questions, significant concerns Q1-7, police call-outs); stored copy: "
          "https://docest.com/doc/106381/to-be-completed-by-agency-worker-where-possible-in-conjunction-with-the-client")

FILL = "F2F2F2"
# Plain wording of our own: the stored copy's questions were not seen (see the docstring).
QUESTIONS = (
    "Has the client been injured in the latest incident?", "Is the client very frightened?",
    "Has the abuser threatened to kill the client or others?", "Has the abuser ever used a weapon?",
    "Has the abuser ever tried to strangle, choke or suffocate the client?", "Is the abuse getting worse?",
    "Is the abuse happening more often?", "Has the client recently separated or tried to separate?",
    "Is the client pregnant or has she recently had a baby?", "Is there conflict over contact with the children?",
    "Does the abuser constantly text, call, follow or turn up?", "Is the client isolated from family or friends?",
    "Is the abuser jealous or controlling?", "Has the abuser hurt the children?",
    "Has the abuser threatened to hurt the children?", "Does the abuser misuse drugs or alcohol?",
    "Has the abuser threatened or attempted suicide?", "Has the abuser broken bail or a court order?",
    "Has the abuser been in trouble with the police?", "Has the abuser hurt anyone else?",
    "Has the abuser hurt or threatened a pet?", "Are there financial difficulties?",
    "Has the abuser forced the client into sexual acts?")


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"mark": ("✓", "w14", "formcheckbox")[i], "date": ("dd/mm/yyyy", "ordinal", "d.m.yy")[i],
            "placeholders": i == 0, "none": ("None", "None", "None")[i]}


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d, fields = case.values, plan["date"], Fields()
    doc = Document()
    doc.add_paragraph().add_run("APPENDIX 3").bold = True
    doc.add_heading("Risk Assessment Checklist for agencies", level=1)
    doc.add_paragraph().add_run("(Checklist using non-police language assuming the Independent Domestic Violence "
                                "Advocate or other professional will be discussing this with their client.)").italic = True
    doc.add_paragraph("To be completed by agency worker, where possible in conjunction with the client.")

    tab_line(doc, "Client's name:", v["referral.victim.name"])
    tab_line(doc, "Date of birth:", date_text(v["referral.victim.dob"], d))
    tab_line(doc, "Address:", v["referral.victim.address"])
    tab_line(doc, "Safe telephone number:", v["referral.victim.phone"])
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        prefix = "Abuser's" if i == 0 else "Second abuser's"
        tab_line(doc, f"{prefix} name:", v[f"{q}.name"])
        tab_line(doc, f"{prefix} date of birth:", date_text(v[f"{q}.dob"], d))
        tab_line(doc, "Relationship to client:", v[f"{q}.relationship_to_victim"])
    if case.children:
        tab_line(doc, "Children (name and date of birth):", None)
        for i in range(case.children):
            p = f"referral.children.{i}"
            doc.add_paragraph(f"\t{v[p + '.name']} – {date_text(v[p + '.dob'], d)}")
    else:
        tab_line(doc, "Children (name and date of birth):", plan["none"])
    paragraph = tab_line(doc, "Number of police call-outs in past month:", None if plan["placeholders"] else "2")
    if plan["placeholders"]:
        placeholder_control(paragraph)
    doc.add_paragraph()

    t = grid(doc, 6)
    for cell, text in zip(t.add_row().cells, ("", "Question", "Yes", "No", "Don't know", "Significant concern")):
        label(cell, text, fill=FILL)
    for n, question in enumerate(QUESTIONS, start=1):
        answer = v[f"dash.answers.{n}"]
        cells = t.add_row().cells
        write(cells[0], str(n))
        write(cells[1], question)
        mark_answer(cells[2:5], ["yes", "no", "unknown"], answer, plan["mark"], fields)
        if n <= 7:
            mark_answer([cells[5]], ["yes"], answer, plan["mark"], fields)
    yes = sum(v[f"dash.answers.{n}"] == "yes" for n in range(1, len(QUESTIONS) + 1))
    cells = t.add_row().cells
    label(cells[0].merge(cells[1]), "Total ticks in the yes box (maximum 23)", fill=FILL)
    write(cells[2], str(yes))
    doc.add_paragraph()

    tab_line(doc, "Agency worker:", v["referral.referrer.name"])
    tab_line(doc, "Agency:", v["referral.referrer.agency"])
    tab_line(doc, "Telephone:", v["referral.referrer.phone"])
    tab_line(doc, "Date completed:", date_text(v["referral.referrer.date"], d))
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.victim.name", "referral.victim.dob", "referral.victim.address", "referral.victim.phone",
        "referral.referrer.name", "referral.referrer.agency", "referral.referrer.phone")}
    expect_each(found, case, "perpetrators", ("name", "dob", "relationship_to_victim"))
    expect_each(found, case, "children", ("name", "dob"))
    return found


FORMS = [AreaForm("south-wales-agency-checklist", "South Wales Police / CAADA ('Risk Assessment Checklist for "
                  "agencies', Appendix 3)", SOURCE, "dash", build, expected)]
