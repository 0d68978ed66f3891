"""Herefordshire's Multi-Agency Referral Form to Children's Well Being Services, used for a domestic abuse case: a
children's form whose answer cells carry the printed instruction "Do not leave blank" in grey, which the referrer
overtypes, answers with the form's own "No Information Available" / "Not Applicable", or (where the question was
skipped) leaves as printed; "Yes" and "No" printed in two cells of their own with the referrer's choice kept and the
other cell emptied, or marked "X"; the children in one table whose first line asks for an unborn baby too; each adult
in a block of label | value rows of its own ("Adult 1", "Adult 2"), the victim and the perpetrator told apart only
by the "Relationship to child" and a "Domestic abuse: victim / alleged perpetrator" row.

Follows the published "Herefordshire Multi-Agency Referral Form, Amended February 2017" (stored copy: docsbay.net,
see SOURCE). Taken from it: the title and "Amended February 2017", a paraphrase of its notes (for all professional
agencies referring a child for support services, child protection or accommodation; inform the parent/carer unless
that places the child at risk; telephone the Multi Agency Safeguarding Hub if unsure; "If you do not have any
relevant information for specific sections please state 'No Information Available' or 'Not Applicable'. Please do
not leave sections blank."), "Consent" with "Have you informed the child/family that you are making this referral?
Yes / No", "If 'no', please state why not:", "Has consent been obtained for the sharing of information between
agencies? Yes / No", "Who gave the consent?", "Whose information is covered by the consent?" each with "Do not leave
blank" in its answer cell, and "Details of the child(ren)" with "Record details of unborn baby, infant, child…". The
stored text stops there; the children's columns, the adults, the concerns and the referrer are laid out after it in
the same style with plain labels.

Filled per seed: Yes / No by emptying the other cell (seed 1, 3) or by "X" in the chosen cell (seed 2); skipped
prompts left as "Do not leave blank" (seed 1) or typed "Not Applicable" (seed 2, 3); the mother's other telephone
"No Information Available"; a child living elsewhere with the address typed, the others "Same as mother"; dates
"d month yyyy" or "dd/mm/yyyy"; the case without children (seed 3) with the children's table left with its printed
line and "Not Applicable".
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.fresh2._kit import prompt, to_child
from tests.corpus.heldout._kit import grid, label, save

SOURCE = ("Herefordshire, 'Herefordshire Multi-Agency Referral Form' (Amended February 2017; Consent: 'Have you informed "
          "the child/family…? Yes / No', 'Who gave the consent?' with 'Do not leave blank' in the answer cells; "
          "'No Information Available' / 'Not Applicable'; Details of the child(ren) incl. unborn baby); stored copy: "
          "https://docsbay.net/accommodation-to-become-looked-after")

FILL = "E2EFD9"
BLANK = "Do not leave blank"
OTHER_ADDRESS = "c/o maternal grandmother, 12 Elm Close, Exampletown, LS8 9UU"


def _plan(case: Case) -> dict[str, Any]:
    return {"yn": ("empty", "x")[(case.seed + 1) % 2], "skipped": None if case.seed == 1 else "Not Applicable",
            "date": ("d month yyyy", "dd/mm/yyyy", "d month yyyy")[case.seed % 3]}


def _yes_no(t: Table, question: str, value: bool, how: str) -> None:
    cells = t.add_row().cells
    label(cells[0], question, fill=FILL)
    for cell, word, chosen in ((cells[1], "Yes", value), (cells[2], "No", not value)):
        if how == "empty":
            write(cell, word if chosen else "")
        else:
            write(cell, f"{word}  X" if chosen else word)


def _prompted(t: Table, question: str, value: str | None) -> None:
    cells = t.add_row().cells
    label(cells[0], question, fill=FILL)
    prompt(cells[1].merge(cells[2]), BLANK, value)


def _pairs(t: Table, rows: list[tuple[str, str | None]]) -> None:
    for text, value in rows:
        cells = t.add_row().cells
        label(cells[0], text, fill=FILL)
        prompt(cells[1], BLANK, value)


def _child_address(case: Case, i: int) -> tuple[str, str]:
    if case[f"referral.children.{i}.lives_with_victim"]:
        return "Same as mother", case["referral.victim.address"]
    return OTHER_ADDRESS, OTHER_ADDRESS


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    doc = Document()
    doc.add_heading("Herefordshire Multi-Agency Referral Form", level=1)
    doc.add_paragraph("Amended February 2017").runs[0].italic = True
    doc.add_paragraph("This form is for all professional agencies referring a child or young person to Children's Well "
                      "Being Services for support services, child protection or accommodation. Inform the parent or "
                      "carer of your referral unless that would place the child at risk of significant harm. If you "
                      "are unsure whether to refer, telephone the Multi Agency Safeguarding Hub.")
    doc.add_paragraph("If you do not have any relevant information for specific sections please state \"No Information "
                      "Available\" or \"Not Applicable\". Please do not leave sections blank.").runs[0].bold = True

    c = grid(doc, 3)
    full_width_row(c, "Consent", fill="A8D08D")
    aware = bool(v["referral.victim_aware"])
    _yes_no(c, "Have you informed the child/family that you are making this referral?", aware, plan["yn"])
    _prompted(c, "If 'no', please state why not:", v["referral.victim_aware_reason"] or plan["skipped"])
    _yes_no(c, "Has consent been obtained for the sharing of information between agencies?",
            bool(v["referral.consent"]), plan["yn"])
    _prompted(c, "Who gave the consent?", f"Mother ({v['referral.victim.name']})" if v["referral.consent"]
              else plan["skipped"])
    _prompted(c, "Whose information is covered by the consent?", "Mother and children" if v["referral.consent"]
              else plan["skipped"])
    doc.add_paragraph()

    k = grid(doc, 5)
    full_width_row(k, "Details of the child(ren)", fill="A8D08D")
    note = k.add_row().cells
    note[0].merge(note[4]).paragraphs[0].add_run("Record details of unborn baby, infant, child or young person "
                                                  "(add rows as needed)").italic = True
    head = k.add_row().cells
    for cell, text in zip(head, ("Full name", "Date of birth / EDD", "Gender", "School / nursery", "Address")):
        label(cell, text, fill=FILL)
    for i in range(case.children):
        q = f"referral.children.{i}"
        cells = k.add_row().cells
        for cell, text in zip(cells, (v[f"{q}.name"], date_text(v[f"{q}.dob"], d), v[f"{q}.gender"],
                                      v[f"{q}.school"], _child_address(case, i)[0])):
            write(cell, text)
    if not case.children:
        cells = k.add_row().cells
        write(cells[0], "Not Applicable")
    doc.add_paragraph()

    adults = [("Mother", {"Full name": v["referral.victim.name"], "Date of birth": date_text(v["referral.victim.dob"], d),
                          "Relationship to child": "Mother",
                          "Domestic abuse: victim / alleged perpetrator": "Victim",
                          "Address": v["referral.victim.address"], "Telephone": v["referral.victim.phone"],
                          "Other telephone": "No Information Available",
                          "Ethnicity": v["referral.victim.ethnicity"],
                          "First language / interpreter needed?": v["referral.victim.first_language"] + (
                              " – interpreter needed" if v["referral.victim.interpreter_language"] else "")})]
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        adults.append((f"Adult {i + 2}", {
            "Full name": v[f"{q}.name"], "Date of birth": date_text(v[f"{q}.dob"], d),
            "Relationship to child": to_child(case, i) if case.children else
            f"Mother's {v[f'{q}.relationship_to_victim'].lower()}",
            "Relationship to mother": v[f"{q}.relationship_to_victim"],
            "Domestic abuse: victim / alleged perpetrator": "Alleged perpetrator",
            "Address": v[f"{q}.address"], "Telephone": plan["skipped"], "Ethnicity": v[f"{q}.ethnicity"]}))
    for number, (_, rows) in enumerate(adults, start=1):
        a = grid(doc, 2)
        full_width_row(a, f"Details of parent / carer / significant adult – Adult {number}", fill="A8D08D")
        _pairs(a, list(rows.items()))
        doc.add_paragraph()

    r = grid(doc, 2)
    full_width_row(r, "Reason for referral", fill="A8D08D")
    _pairs(r, [("What are your concerns?", v["referral.risks_summary"]),
               ("Has a DASH risk checklist been completed? Score:", f"Yes – {v['dash.score']}"),
               ("Has a MARAC referral been made?", "Yes" if v["dash.score"] >= 14 else "No"),
               ("Police crime / incident number", v["referral.crime_reference"])])
    doc.add_paragraph()
    p = grid(doc, 2)
    full_width_row(p, "Referrer details", fill="A8D08D")
    _pairs(p, [("Name", v["referral.referrer.name"]), ("Role", v["referral.referrer.role"]),
               ("Agency", v["referral.referrer.agency"]), ("Telephone", v["referral.referrer.phone"]),
               ("Secure email", v["referral.referrer.email"]),
               ("Date of referral", date_text(v["referral.referrer.date"], d))])
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.victim.name", "referral.victim.dob", "referral.victim.address", "referral.victim.phone",
        "referral.victim.ethnicity", "referral.victim.first_language", "referral.risks_summary",
        "referral.crime_reference", "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency",
        "referral.referrer.phone", "referral.referrer.email", "referral.referrer.date")}
    found["referral.dash_score_stated"] = v["dash.score"]
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        for k in ("name", "dob", "address", "relationship_to_victim", "ethnicity"):
            found[f"{q}.{k}"] = v[f"{q}.{k}"]
        found[f"{q}.phone"] = None
    for i in range(case.children):
        q = f"referral.children.{i}"
        for k in ("name", "dob", "gender", "school"):
            found[f"{q}.{k}"] = v[f"{q}.{k}"]
        found[f"{q}.address"] = _child_address(case, i)[1]
    if not case.children:
        found["referral.children"] = []
    return found


FORMS = [AreaForm("herefordshire-marf", "Herefordshire (children's multi-agency referral form)", SOURCE, "referral",
                  build, expected)]
