"""Solas Cymru's supported-housing "REFERRAL FORM" (Wales), used for a woman fleeing domestic abuse: the victim is "the
applicant" (never "victim" or "client"), her "Title" chosen from a printed "Mr / Mrs / Miss / Ms / Other:" row, her
name as "Forenames" and "Surname" rows, "Sex" as a printed "M / F" and her date of birth typed ONE DIGIT TO A BOX under
printed "D D M M Y Y" heads; the referrer as "Name of referring agency:" and ONE cell "Name and contact details of
person making referral (including address, telephone number and e-mail)" holding name, address, phone and email on
separate lines; numbered sections ("1. Applicant Details:", "2. Details of referral agency", "3. Housing
Information:"), YES / NO answers typed in cells; the man she flees and the children with her after it.

Follows the published form (stored copy: docest.com, see SOURCE). Taken from it: the title, a paraphrase of its
opening note (be honest and open; the answers decide whether the applicant's needs can be met and show risks to her,
the residents and the premises), "1. Applicant Details:", "Title", "Mr / Mrs / Miss / Ms / Other:", "Forenames",
"Surname", "N.I Number", "D D M M Y Y", "Sex", "M / F", "Date of Birth", "If applying to a young persons service
please put the name of parent/guardian", "Address", "Applicant's point of contact (telephone or mobile or another
contact point where the applicant can be reached:", "2. Details of referral agency", "Name of referring agency:",
"Name and contact details of person making referral (including address, telephone number and e-mail)",
"Relationship to applicant and period you have known them for:", "Is the applicant subject to any legal attachments
…", "3. Housing Information:", "Current Address and type of housing (e.g. council, housing association, friends,
relatives, prison, hospital etc):", "When did the applicant move there? (month and year):", "4. Medication issues",
"Is the applicant on any medication at the moment – either to do with the applicant's physical or emotional health
YES /", where the stored text stops. The domestic abuse section (the person she is fleeing, the children with her,
consent, the reason for referral and the Dash score) is laid out after it in the same style with plain labels.

Filled per seed: the title and "M / F" marked by deleting the other words (seed 1), by making the chosen one bold and
underlined (seed 2) or by striking the others through (seed 3); YES / NO typed "YES" / "NO" (seeds 1, 3) or "Yes –
…" (seed 2); the man's and children's dates "dd/mm/yyyy", "d.m.yy" or "d month yyyy"; the victim's date of birth
always one digit to a box with a two-digit year.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import full_width_row, shade, write
from tests.corpus.fresh3._kit import expect_each
from tests.corpus.fresh5._kit import digit_boxes, pick_word
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import split_name, title_for

SOURCE = ("Solas Cymru (Wales), 'SOLAS CYMRU - REFERRAL FORM' (supported housing: 1. Applicant Details: Title Mr / Mrs "
          "/ Miss / Ms / Other:, Forenames, Surname, N.I Number, Sex M / F, Date of Birth 'D D M M Y Y'; 2. Details of "
          "referral agency: Name of referring agency:, Name and contact details of person making referral (including "
          "address, telephone number and e-mail); 3. Housing Information; 4. Medication issues); stored copy: "
          "https://docest.com/doc/307216/solas-cymru-referral-form")

HEAD = "C9C9C9"


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"mark": ("delete", "bold", "strike")[i], "yn": ("caps", "word", "caps")[i],
            "date": ("dd/mm/yyyy", "d.m.yy", "d month yyyy")[i]}


def _yn(value: bool, plan: dict[str, Any], detail: str = "") -> str:
    if plan["yn"] == "word":
        return ("Yes" if value else "No") + (f" – {detail}" if detail and value else "")
    return "YES" if value else "NO"


def _row(t: Table, text: str, value: str) -> None:
    cells = t.add_row().cells
    label(cells[0], text, fill=None)
    write(cells[1], value)


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    doc = Document()
    doc.add_heading("SOLAS CYMRU - REFERRAL FORM", level=1)
    doc.add_paragraph("Please answer honestly and fully: we use the answers to decide whether we can meet the "
                      "applicant's needs and to know of any risks, so that the applicant, our residents and our "
                      "premises are kept safe.")

    doc.add_paragraph().add_run("1. Applicant Details:").bold = True
    a = grid(doc, 9)
    cells = a.add_row().cells
    label(cells[0].merge(cells[1]), "Title", fill=HEAD)
    pick_word(cells[2].merge(cells[8]).paragraphs[0], ["Mr", "Mrs", "Miss", "Ms", "Other:"],
              title_for("Female", case.seed), plan["mark"])
    forenames, surname = split_name(v["referral.victim.name"])
    for text, value in (("Forenames", forenames), ("Surname", surname), ("N.I Number", "Not known")):
        cells = a.add_row().cells
        label(cells[0].merge(cells[1]), text, fill=HEAD)
        write(cells[2].merge(cells[8]), value)
    heads = a.add_row().cells
    heads[0].merge(heads[2])
    for cell, head in zip(heads[3:9], "DDMMYY"):
        write(cell, head, bold=True)
        shade(cell, HEAD)
    cells = a.add_row().cells
    label(cells[0], "Sex", fill=HEAD)
    pick_word(cells[1].paragraphs[0], ["M", "F"], "F", plan["mark"])
    label(cells[2], "Date of Birth", fill=HEAD)
    digit_boxes(cells[3:9], v["referral.victim.dob"])
    doc.add_paragraph()

    g = grid(doc, 2)
    _row(g, "If applying to a young persons service please put the name of parent/guardian", "N/A")
    _row(g, "Address", v["referral.victim.address"])
    _row(g, "Applicant's point of contact (telephone or mobile or another contact point where the applicant can be "
            "reached:", v["referral.victim.phone"] + ("" if v["referral.victim.safe_to_call"] else
                                                      " (text only – not safe to call)"))
    doc.add_paragraph()

    doc.add_paragraph().add_run("2. Details of referral agency").bold = True
    r = grid(doc, 2)
    _row(r, "Name of referring agency:", v["referral.referrer.agency"])
    _row(r, "Name and contact details of person making referral (including address, telephone number and e-mail)",
         "\n".join((v["referral.referrer.name"], "PO Box 100, Exampletown", v["referral.referrer.phone"],
                    v["referral.referrer.email"])))
    _row(r, "Relationship to applicant and period you have known them for:",
         f"{v['referral.referrer.role']} – known to her for about two months")
    _row(r, "Is the applicant subject to any legal attachments e.g. Licence, Schedule, Section, Appointeeship, etc.",
         "No")
    _row(r, "Date of referral:", date_text(v["referral.referrer.date"], d))
    doc.add_paragraph()

    doc.add_paragraph().add_run("3. Housing Information:").bold = True
    h = grid(doc, 2)
    _row(h, "Current Address and type of housing (e.g. council, housing association, friends, relatives, prison, "
            "hospital etc):", f"As above – {v['referral.victim.housing']}")
    _row(h, "When did the applicant move there? (month and year):", "March 2021")
    doc.add_paragraph()

    doc.add_paragraph().add_run("4. Medication issues").bold = True
    m = grid(doc, 2)
    _row(m, "Is the applicant on any medication at the moment – either to do with the applicant's physical or "
            "emotional health YES / NO", _yn(bool(v["referral.victim.mental_health"]), plan,
                                             v["referral.victim.mental_health"] or ""))
    doc.add_paragraph()

    doc.add_paragraph().add_run("5. Domestic abuse").bold = True
    x = grid(doc, 2)
    _row(x, "Is the applicant fleeing domestic abuse? YES / NO", _yn(True, plan))
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        full_width_row(x, "Person the applicant is fleeing" + (f" ({i + 1})" if case.perpetrators > 1 else ""),
                       fill=HEAD)
        _row(x, "Name", v[f"{q}.name"])
        _row(x, "Date of Birth", date_text(v[f"{q}.dob"], d))
        _row(x, "Relationship to applicant", v[f"{q}.relationship_to_victim"])
        _row(x, "Address (if known)", v[f"{q}.address"])
    _row(x, "Has the applicant agreed to this referral? YES / NO", _yn(v["referral.consent"], plan))
    _row(x, "Reason for referral and known risks", v["referral.risks_summary"])
    _row(x, "DASH risk checklist score (if completed)", str(v["dash.score"]))
    doc.add_paragraph()

    if case.children:
        doc.add_paragraph().add_run("Children who will come with the applicant").bold = True
        c = grid(doc, 3)
        for cell, text in zip(c.add_row().cells, ("Name", "Date of Birth", "Sex M / F")):
            label(cell, text, fill=HEAD)
        for i in range(case.children):
            k = f"referral.children.{i}"
            for cell, text in zip(c.add_row().cells, (v[f"{k}.name"], date_text(v[f"{k}.dob"], d),
                                                      v[f"{k}.gender"][0])):
                write(cell, text)
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.agency", "referral.referrer.phone", "referral.referrer.email",
        "referral.referrer.date", "referral.victim.name", "referral.victim.dob", "referral.victim.gender",
        "referral.victim.address", "referral.victim.phone", "referral.consent", "referral.risks_summary")}
    found["referral.dash_score_stated"] = v["dash.score"]
    expect_each(found, case, "perpetrators", ("name", "dob", "address", "relationship_to_victim"))
    expect_each(found, case, "children", ("name", "dob", "gender"))
    return found


FORMS = [AreaForm("solas-cymru-referral", "Solas Cymru (Wales; supported-housing referral)", SOURCE, "referral",
                  build, expected)]
