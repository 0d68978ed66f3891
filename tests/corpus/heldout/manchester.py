"""Manchester Domestic Violence & Abuse Assessment & Referral Form: content controls under headings, the Risk
Indicator Checklist after the referral pages.

Follows the published Manchester "Domestic Violence & Abuse Assessment & Referral Form" (RESTRICTED WHEN
COMPLETED; stored copy: docsbay.net, see SOURCE). Layout taken from it: "RESTRICTED WHEN COMPLETED" above the
title on each part, a pathway question first ("Do you believe there is a high risk of homicide or serious
injury to this victim?" YES / NO, answered by striking one out), the note that the fields after it are only
completed for a referral, "Case Number (office use only)" left empty, and the Risk Indicator Checklist after
the referral fields. The stored text stops at the case number; the referral fields are laid out here as the
form's electronic version does, with plain labels: headings (Word "Heading 2" paragraphs, outside the tables)
decide whose fields follow ("Referrer", "Victim", "Perpetrator" repeated per perpetrator, "Children"), each
followed by a four-column table of label | content control pairs ("Click or tap here to enter text." where
empty), date pickers for dates, w14 check boxes for yes/no pairs and for the reasons ("tick all that apply":
an unticked box is a no). The checklist is the SafeLives RIC wording in a Yes / No / Don't know table, marked
per seed with ☒, w14 check boxes or typed ✓, a comments column, a total row, and the assessor's name and date.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import SAFELIVES, comment_for, mark_answer
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import struck_choice
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, shade, write
from tests.corpus.heldout._kit import grid, label, named, rng_for, save, take

SOURCE = ("Manchester Safeguarding Partnership, 'Domestic Violence & Abuse Assessment & Referral Form' (RESTRICTED "
          "WHEN COMPLETED, issued May 2017, referral fields then Risk Indicator Checklist); stored copy: "
          "https://docsbay.net/case-number-office-use-only")

REASONS = (("Visible high risk (14+ ticks)", "referral.reasons.visible_high_risk"),
           ("Professional judgement", "referral.reasons.professional_judgement"),
           ("Potential escalation", "referral.reasons.potential_escalation"),
           ("Repeat MARAC", "referral.reasons.repeat"))
CHILD_ROWS = 3


def _plan(case: Case) -> dict[str, Any]:
    rng = rng_for(case, 2)
    return {"date": rng.choice(("dd/mm/yyyy", "d month yyyy", "d.m.yy")),
            "mark": ("☒", "w14", "✓")[case.seed % 3], "gp": rng.random() < 0.5}


def _control(cell: _Cell, value: str | None, fields: Fields) -> None:
    fields.control_text(cell.paragraphs[0], value or "")


def _pairs(table: Table, pairs: list[tuple[str, str | None]], fields: Fields) -> None:
    for start in range(0, len(pairs), 2):
        cells = table.add_row().cells
        for offset, (text, value) in enumerate(pairs[start:start + 2]):
            label(cells[offset * 2], text, fill="E2EFD9")
            _control(cells[offset * 2 + 1], value, fields)


def _boxes(paragraph: Paragraph, value: bool | None, fields: Fields) -> None:
    for word, on in (("Yes ", value is True), ("   No ", value is False)):
        paragraph.add_run(word)
        fields.control_checkbox(paragraph, on)


def _rel(text: str) -> str:
    """No relation to the perpetrator: the referrer leaves the cell empty rather than type "None"."""
    return "" if text == "None" else text


def _comment(n: int, case: Case) -> str | None:
    return comment_for(n, case[f"dash.answers.{n}"])


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    fields = Fields()
    doc = Document()
    doc.add_paragraph().add_run("RESTRICTED WHEN COMPLETED").bold = True
    doc.add_heading("Domestic Violence & Abuse Assessment & Referral Form", level=1)
    doc.add_paragraph("Use this form whenever domestic abuse is identified. Complete it with the victim where you "
                      "can, and deal with any immediate needs first.")
    path = grid(doc, 2)
    cells = path.add_row().cells
    write(cells[0], "Do you believe there is a high risk of homicide or serious injury to this victim?")
    struck_choice(cells[1].paragraphs[0], True, options=("YES", "NO"))
    doc.add_paragraph("Only complete the fields below if you are making a referral to a specialist service or MARAC. "
                      "Use the Risk Indicator Checklist to guide your decision.")
    top = grid(doc, 2)
    cells = top.add_row().cells
    label(cells[0], "Case Number (office use only)")

    doc.add_heading("Referrer", level=2)
    t = grid(doc, 4)
    _pairs(t, [("Name", v["referral.referrer.name"]), ("Job title", v["referral.referrer.role"]),
               ("Agency", v["referral.referrer.agency"]), ("Telephone", v["referral.referrer.phone"]),
               ("Secure email", v["referral.referrer.email"])], fields)
    cells = t.add_row().cells
    label(cells[0], "Date of referral", fill="E2EFD9")
    fields.control_date(cells[1].paragraphs[0], date_text(v["referral.referrer.date"], "dd/mm/yyyy"))

    doc.add_heading("Victim", level=2)
    t = grid(doc, 4)
    cells = t.add_row().cells
    label(cells[0], "Full name", fill="E2EFD9")
    _control(cells[1], named(v["referral.victim.name"], v["referral.victim.aliases"]), fields)
    label(cells[2], "Date of birth", fill="E2EFD9")
    fields.control_date(cells[3].paragraphs[0], date_text(v["referral.victim.dob"], "dd/mm/yyyy"))
    _pairs(t, [("Address", v["referral.victim.address"]), ("Postcode", v["referral.victim.postcode"]),
               ("Safe telephone number", v["referral.victim.phone"]),
               ("Safe times to call", v["referral.victim.contact_notes"]),
               ("Ethnicity", v["referral.victim.ethnicity"]), ("Religion", None),
               ("First language", v["referral.victim.first_language"]), ("Housing", v["referral.victim.housing"]),
               ("GP", v["referral.victim.gp"] if plan["gp"] else None),
               ("Mental health", v["referral.victim.mental_health"])], fields)
    for left, right in ((("Safe to leave a message?", v["referral.victim.safe_to_leave_message"]),
                         ("Disability?", v["referral.victim.disabled"])),
                        (("Pregnant?", v["referral.victim.pregnant"]), ("LGBT?", v["referral.victim.lgbt"]))):
        cells = t.add_row().cells
        for offset, (text, value) in enumerate((left, right)):
            label(cells[offset * 2], text, fill="E2EFD9")
            _boxes(cells[offset * 2 + 1].paragraphs[0], bool(value), fields)

    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        doc.add_heading("Perpetrator", level=2)
        t = grid(doc, 4)
        cells = t.add_row().cells
        label(cells[0], "Full name", fill="E2EFD9")
        _control(cells[1], v[f"{q}.name"], fields)
        label(cells[2], "Date of birth", fill="E2EFD9")
        fields.control_date(cells[3].paragraphs[0], date_text(v[f"{q}.dob"], "dd/mm/yyyy"))
        _pairs(t, [("Alias", ", ".join(v[f"{q}.aliases"]) or None),
                   ("Relationship to victim", v[f"{q}.relationship_to_victim"]), ("Address", v[f"{q}.address"]),
                   ("Ethnicity", v[f"{q}.ethnicity"]), ("Occupation", v[f"{q}.occupation"]),
                   ("Telephone", None)], fields)

    doc.add_heading("Children", level=2)
    kids = grid(doc, 5, rows=1)
    for cell, text in zip(kids.rows[0].cells, ("Name", "Date of birth", "Gender", "School / nursery",
                                               "Relationship to perpetrator")):
        label(cell, text, fill="E2EFD9")
    for i in range(max(CHILD_ROWS, case.children)):
        cells = kids.add_row().cells
        c = f"referral.children.{i}"
        if i < case.children:
            texts = (v[f"{c}.name"], date_text(v[f"{c}.dob"], d), v[f"{c}.gender"], v[f"{c}.school"],
                     _rel(v[f"{c}.relationship_to_perpetrator"]))
        else:
            texts = ("",) * 5
        for cell, text in zip(cells, texts):
            _control(cell, text, fields)

    doc.add_heading("Reason for referral (tick all that apply)", level=2)
    t = grid(doc, 4)
    for start in (0, 2):
        cells = t.add_row().cells
        for offset, (text, key) in enumerate(REASONS[start:start + 2]):
            label(cells[offset * 2], text, fill="E2EFD9")
            fields.control_checkbox(cells[offset * 2 + 1].paragraphs[0], bool(v[key]))
    cells = t.add_row().cells
    label(cells[0], "Is the victim aware of the referral?", fill="E2EFD9")
    _boxes(cells[1].paragraphs[0], bool(v["referral.victim_aware"]), fields)
    label(cells[2], "Has the victim consented?", fill="E2EFD9")
    _boxes(cells[3].paragraphs[0], bool(v["referral.consent"]), fields)
    _pairs(t, [("Summary of current risks", v["referral.risks_summary"]),
               ("Crime reference", v["referral.crime_reference"])], fields)

    doc.add_page_break()
    doc.add_paragraph().add_run("RESTRICTED WHEN COMPLETED").bold = True
    doc.add_heading("Risk Indicator Checklist", level=2)
    heads = ["Question", "Yes", "No", "Don't know", "Comments"]
    ric = grid(doc, 5, rows=1)
    for cell, text in zip(ric.rows[0].cells, heads):
        label(cell, text, fill="A8D08D")
    for n, (text, aside, _subs) in enumerate(SAFELIVES, start=1):
        cells = ric.add_row().cells
        cells[0].paragraphs[0].add_run(f"{n}. {text}")
        if aside:
            cells[0].paragraphs[0].add_run(f" {aside}").italic = True
        mark_answer(cells[1:4], ["yes", "no", "unknown"], case[f"dash.answers.{n}"], plan["mark"], fields)
        comment = _comment(n, case)
        if comment:
            write(cells[4], comment)
    cells = ric.add_row().cells
    write(cells[0], "Total 'yes' responses", bold=True)
    shade(cells[0], "A8D08D")
    write(cells[1].merge(cells[4]), str(v["dash.score"]))
    end = grid(doc, 4)
    cells = end.add_row().cells
    label(cells[0], "Completed by", fill="E2EFD9")
    _control(cells[1], v["dash.completed_by"], fields)
    label(cells[2], "Date", fill="E2EFD9")
    fields.control_date(cells[3].paragraphs[0], date_text(v["dash.date"], "dd/mm/yyyy"))
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    plan = _plan(case)
    v = case.values
    found = take(v, ["referral.referrer.name", "referral.referrer.role", "referral.referrer.agency",
                     "referral.referrer.phone", "referral.referrer.email", "referral.referrer.date",
                     "referral.victim.name", "referral.victim.aliases", "referral.victim.dob",
                     "referral.victim.address", "referral.victim.postcode", "referral.victim.phone",
                     "referral.victim.contact_notes", "referral.victim.ethnicity", "referral.victim.first_language",
                     "referral.victim.housing", "referral.victim.mental_health",
                     "referral.victim.safe_to_leave_message", "referral.victim.disabled", "referral.victim.pregnant",
                     "referral.victim.lgbt", "referral.victim_aware", "referral.consent", "referral.risks_summary",
                     "referral.crime_reference"] + [path for _, path in REASONS])
    found["referral.victim.religion"] = None
    found["referral.victim.gp"] = v["referral.victim.gp"] if plan["gp"] else None
    for i in range(case.perpetrators):
        for k in ("name", "dob", "aliases", "relationship_to_victim", "address", "ethnicity", "occupation"):
            found[f"referral.perpetrators.{i}.{k}"] = v[f"referral.perpetrators.{i}.{k}"]
        found[f"referral.perpetrators.{i}.phone"] = None
    for i in range(case.children):
        for k in ("name", "dob", "gender", "school"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
        found[f"referral.children.{i}.relationship_to_perpetrator"] = \
            _rel(v[f"referral.children.{i}.relationship_to_perpetrator"]) or None
    for n in range(1, 25):
        found[f"dash.answers.{n}"] = v[f"dash.answers.{n}"]
        if _comment(n, case):
            found[f"dash.comments.{n}"] = _comment(n, case)
    found.update(take(v, ["dash.score", "dash.completed_by", "dash.date"]))
    found["dash.version"] = "safelives-ric"
    return found


FORMS = [AreaForm("manchester-referral-ric", "Manchester", SOURCE, "referral+dash", build, expected)]
