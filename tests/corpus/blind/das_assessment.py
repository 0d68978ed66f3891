"""A domestic abuse service's "Referral and Assessment Form" (Section 1, completed by the referrer or the helpline):
the victim ("client") in the left-hand boxes and the perpetrator in the right-hand boxes of the same rows, every
box holding its label and the typed answer, "Ethnicity:" printed on both sides, Y/N answers typed or deleted.

Follows the published "Referral and Assessment Form" of a domestic abuse service ("DAS"; the stored copy does not
name the area; stored copy: docsbay.net, see SOURCE). Taken from it: the title and the note that outside agencies
send it after completing Section 1; "Section 1 (Referrer or Helpline)"; the boxes "Date:" / "Person completing
Section 1:", "Source of referral:" / "Contact details of referrer:", "Client aware of referral: Y/N/Not known" /
"Is client known to Adult Social Care? Y/N", "Social worker's name & contact details:", "Language spoken:", "Does
client require Interpreter? Language Line needed?", "Client name:" with "AKA:" / "Perpetrator's name:" with "What
does he/she do? Where does he/she work?", "D.O.B:" / "Perpetrator's DOB:", "Ethnicity:" / "Ethnicity:", "Present
Address:" with "Local Authority area:" / "Perpetrator's Location (if different):", "Previous Address:" with "Local
Authority area:", "Safe contact number:" "Safe time to call:", "Safe to leave message: Y/N", "National Insurance
Number:", "Recourse to Public Funds? Y/N", "Indefinite leave to remain in the UK? Y/N", "Children:" / "Pregnant:",
the children columns "Name & Surname / Gender / DOB / Living with client? / Perpetrators child?", "Do any of the
children have support needs?", "Any social services involvement with the children? Y/N Contact name & details:",
the disability question "Under this definition would the client consider themselves to be disabled? Y/N",
"Relationship with perpetrator:", "Estimated date that abuse started:", "Estimated length of relationship:",
"Summary of circumstances:", "Police Involvement? Y/N Contact name and details:", "Crime Reference number:", "Bail
Conditions:", "Address Flagged? Y/N", "Any other professionals involved? Contact name and details:", "Support
Needs: Drugs/Alcohol/Mental Health/ Complex Needs", "Action taken:", "Refuge: Y/N". The copied text stops there.

Filled per seed: the referrer's phone and email typed together in "Contact details of referrer"; a social worker
named in her own box (a name and phone that are not the referrer's); "Y/N" answered by deleting the other letter
or by typing "Yes"/"No"; the interpreter box "No" or "Yes – <language>"; the perpetrator's occupation typed after
"What does he/she do?"; a second perpetrator in a row the referrer added under the perpetrator's boxes on seed 2;
the children's "Gender" as M/F; "Children: 0" and an empty table on seed 3.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.blind._kit import inline, inline_cells
from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.heldout._kit import grid, label, rng_for, save

SOURCE = ("A domestic abuse service ('DAS'; the stored copy names no area), 'Referral and Assessment Form' (Section 1 "
          "(Referrer or Helpline): Client name / AKA beside Perpetrator's name; D.O.B / Perpetrator's DOB; Safe contact "
          "number; children Name & Surname / Gender / DOB / Living with client? / Perpetrators child?); stored copy: "
          "https://docsbay.net/doc/464865/das-referral-and-assessment-form")


def _plan(case: Case) -> dict[str, Any]:
    rng = rng_for(case, 67)
    return {"date": ("dd/mm/yyyy", "d month yyyy", "d.m.yy")[case.seed % 3], "yn": rng.choice(("delete", "word")),
            "officer": case.seed % 2 == 1}


def _yn(value: bool | None, how: str) -> str:
    if value is None:
        return "Not known"
    if how == "delete":
        return "Y" if value else "N"
    return "Yes" if value else "No"


def _lines(cell: _Cell, pairs: list[tuple[str, str | None]]) -> None:
    """Several 'Label: answer' lines in one box (the form stacks two labels in some boxes)."""
    for index, (text, value) in enumerate(pairs):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.add_run(text).bold = True
        if value:
            paragraph.add_run(f" {value}")


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d, how = case.values, plan["date"], plan["yn"]
    q0 = "referral.perpetrators.0"
    doc = Document()
    doc.add_heading("Referral and Assessment Form", level=1)
    doc.add_paragraph("Outside agencies: please send this form once Section 1 is complete.")

    t = grid(doc, 2)
    full_width_row(t, "Section 1 (Referrer or Helpline)", fill="C6D9F1")
    inline_cells(t, [("Date:", date_text(v["referral.referrer.date"], d)),
                     ("Person completing Section 1:", f"{v['referral.referrer.name']}, {v['referral.referrer.role']}")])
    inline_cells(t, [("Source of referral:", v["referral.referrer.agency"]),
                     ("Contact details of referrer:", f"{v['referral.referrer.phone']} / {v['referral.referrer.email']}")])
    inline_cells(t, [("Client aware of referral: Y/N/Not known", _yn(bool(v["referral.victim_aware"]), how)),
                     ("Is client known to Adult Social Care? Y/N", _yn(False, how))])
    cells = inline_cells(t, [("Social worker's name & contact details:", "N/A"), ("", None)])
    cells[0].merge(cells[1])
    language = v["referral.victim.first_language"]
    interpreter = f"Yes – {language}" if v["referral.victim.interpreter_language"] else "No"
    inline_cells(t, [("Language spoken:", language),
                     ("Does client require Interpreter? Language Line needed?", interpreter)])

    cells = t.add_row().cells
    _lines(cells[0], [("Client name:", v["referral.victim.name"]),
                      ("AKA:", ", ".join(v["referral.victim.aliases"]))])
    _lines(cells[1], [("Perpetrator's name:", v[f"{q0}.name"] + (f" (aka {', '.join(v[f'{q0}.aliases'])})"
                                                                 if v[f"{q0}.aliases"] else "")),
                      ("What does he/she do? Where does he/she work?", v[f"{q0}.occupation"])])
    inline_cells(t, [("D.O.B:", date_text(v["referral.victim.dob"], d)),
                     ("Perpetrator's DOB:", date_text(v[f"{q0}.dob"], d))])
    inline_cells(t, [("Ethnicity:", v["referral.victim.ethnicity"]), ("Ethnicity:", v[f"{q0}.ethnicity"])])
    cells = t.add_row().cells
    _lines(cells[0], [("Present Address:", v["referral.victim.address"]), ("Local Authority area:", "Exampleshire")])
    _lines(cells[1], [("Perpetrator's Location (if different):", v[f"{q0}.address"])])
    if case.perpetrators > 1:  # the referrer inserted a row for the second perpetrator
        q1 = "referral.perpetrators.1"
        cells = t.add_row().cells
        _lines(cells[0], [("Second perpetrator's name:", v[f"{q1}.name"])])
        _lines(cells[1], [("Second perpetrator's DOB:", date_text(v[f"{q1}.dob"], d)),
                          ("Relationship with client:", v[f"{q1}.relationship_to_victim"])])
    cells = t.add_row().cells
    _lines(cells[0].merge(cells[1]), [("Previous Address:", "N/A"), ("Local Authority area:", "")])
    cells = t.add_row().cells
    _lines(cells[0].merge(cells[1]), [("Safe contact number:", v["referral.victim.phone"]),
                                      ("Safe time to call:", v["referral.victim.contact_notes"]),
                                      ("Safe to leave message: Y/N", _yn(bool(v["referral.victim.safe_to_leave_message"]),
                                                                          how))])
    cells = t.add_row().cells
    _lines(cells[0].merge(cells[1]), [("National Insurance Number:", "Not known"),
                                      ("Recourse to Public Funds? Y/N", _yn(True, how)),
                                      ("Indefinite leave to remain in the UK? Y/N", "N/A – British citizen")])
    inline_cells(t, [("Children:", str(case.children)), ("Pregnant:", _yn(bool(v["referral.victim.pregnant"]), how))])

    doc.add_paragraph()
    heads = ("Name & Surname", "Gender", "DOB", "Living with client?", "Perpetrators child?")
    kids = grid(doc, len(heads), rows=1)
    for cell, text in zip(kids.rows[0].cells, heads):
        label(cell, text, fill="C6D9F1")
    for i in range(max(case.children, 2)):
        c = f"referral.children.{i}"
        if i < case.children:
            own = v[f"{c}.relationship_to_perpetrator"] in ("Son", "Daughter")
            texts = (v[f"{c}.name"], v[f"{c}.gender"][0], date_text(v[f"{c}.dob"], d),
                     _yn(bool(v[f"{c}.lives_with_victim"]), how), _yn(own, how))
        else:
            texts = ("",) * 5
        for cell, text in zip(kids.add_row().cells, texts):
            write(cell, text)

    doc.add_paragraph()
    b = grid(doc, 2)
    for text, value in (("Do any of the children have support needs?", "No" if case.children else "N/A"),
                        ("Any social services involvement with the children? Y/N Contact name & details:",
                         f"{_yn(True, how)} – Sam Example, social worker, 07700 900555" if case.children else "N/A")):
        cells = inline_cells(b, [(text, value), ("", None)])
        cells[0].merge(cells[1])
    cells = b.add_row().cells
    write(cells[0], "The Disability Discrimination Act 1995 defines a disabled person as someone with a physical or "
                    "mental impairment with a substantial and long-term effect on day to day activities. Under this "
                    "definition would the client consider themselves to be disabled? Y/N")
    write(cells[1], _yn(bool(v["referral.victim.disabled"]), how))
    police = f"{_yn(True, how)} – {v['referral.police.officer_in_charge']}" if plan["officer"] else _yn(True, how)
    for text, value in (("Relationship with perpetrator:", v[f"{q0}.relationship_to_victim"]),
                        ("Estimated date that abuse started:", "Summer 2024"),
                        ("Estimated length of relationship:", "5 years"),
                        ("Summary of circumstances:", v["referral.risks_summary"]),
                        ("Police Involvement? Y/N Contact name and details:", police),
                        ("Crime Reference number:", v["referral.crime_reference"]),
                        ("Bail Conditions:", "Not to contact the client or attend her address"),
                        ("Address Flagged? Y/N", _yn(True, how)),
                        ("Any other professionals involved? Contact name and details:", "Health visitor"),
                        ("Support Needs: Drugs/Alcohol/Mental Health/ Complex Needs",
                         v["referral.victim.mental_health"] and "Mental Health" or "None"),
                        ("Action taken:", "Safety plan agreed; referred to the IDVA service"),
                        ("Refuge: Y/N", _yn(False, how))):
        cells = b.add_row().cells
        inline(cells[0].merge(cells[1]), text, value, below=text == "Summary of circumstances:")
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    plan = _plan(case)
    v = case.values
    q0 = "referral.perpetrators.0"
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.date", "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency",
        "referral.referrer.phone", "referral.referrer.email", "referral.victim_aware",
        "referral.victim.first_language", "referral.victim.interpreter_language", "referral.victim.name",
        "referral.victim.aliases", "referral.victim.dob", "referral.victim.ethnicity", "referral.victim.address",
        "referral.victim.postcode", "referral.victim.phone", "referral.victim.contact_notes",
        "referral.victim.safe_to_leave_message", "referral.victim.pregnant", "referral.victim.disabled",
        "referral.risks_summary", "referral.crime_reference")}
    for k in ("name", "aliases", "occupation", "dob", "ethnicity", "address", "relationship_to_victim"):
        found[f"{q0}.{k}"] = v[f"{q0}.{k}"]
    if case.perpetrators > 1:
        for k in ("name", "dob", "relationship_to_victim"):
            found[f"referral.perpetrators.1.{k}"] = v[f"referral.perpetrators.1.{k}"]
    if plan["officer"]:
        found["referral.police.officer_in_charge"] = v["referral.police.officer_in_charge"]
    for i in range(case.children):
        for k in ("name", "gender", "dob", "lives_with_victim"):
            found[f"referral.children.{i}.{k}"] = v[f"referral.children.{i}.{k}"]
    if not case.children:
        found["referral.children"] = []
    return found


FORMS = [AreaForm("das-referral-assessment", "Domestic abuse service (area not named in the stored copy)", SOURCE,
                  "referral", build, expected)]
