"""The "VA1 - Adult Protection Referral Form – Confidential (June 2015)" (the stored copy names no area), used for a
woman with care and support needs abused by her partner: the victim is "the Vulnerable Adult (Subject of referral)"
and "Vulnerable Adult/Client"; a two-column section where the LEFT column is hers and the RIGHT column holds other
things ("Vulnerable Adult/Client's Current Address:" beside "Other Vulnerable Adults / Children living at the
property:", "Tel Number:" beside the "Main Client Group (tick ONE only):" list); "Gender: Male Female" and "Need
Interpreter: Yes No" as printed words with a box after each; a "Next of kin: / Relationship: / Telephone number:"
block (her sister: a second woman's name and phone on the form); the GP's "Telephone Number:" and "Surgery Address:";
awareness and consent as "Yes No" box pairs at the end of a long question; "Type of alleged abuse (tick all relevant
boxes)" and "Is the abuse: Historical Current".

Follows the published form (stored copy: docest.com, see SOURCE). Taken from it: the title line, "Please complete as
fully as possible, especially ensuring that risks are identified.", "1 About the Vulnerable Adult (Subject of
referral)", "Date alert/ concern raised", "Date(s) of Incident(s) if known:", "Client/Patient ID Number:", "Date of
birth:", "Gender: Male Female", "Vulnerable Adult/Client's Current Address:", "Other Vulnerable Adults / Children
living at the property:", "Tel Number:", "Main Client Group (tick ONE only):" with its eight groups, "Marital Status:",
"First Language:", "Need Interpreter: Yes No", "GP's Name:", "Telephone Number:", "Surgery Address:", "Case Status
(Social Services use only :" with its three lines, "Next of kin:", "Relationship:", "Telephone number:", "Is the
vulnerable adult aware of the referral? Yes No", "Has the vulnerable adult consented to the referral? Yes No", "Is there
any evidence to suggest that the vulnerable adult lacks mental capacity to consent to this referral? Yes No", "2 About
the alleged abuse", "Type of alleged abuse (tick all relevant boxes)" with "Physical Sexual Emotional/Psychological
Financial/Material" and "Of which is Racial Domestic", "Where did the alleged abuse occur?" (the first lines of its
list), "Is the abuse: Historical Current", "Description of alleged abuse/injuries:" and "(continue on separate sheet of
paper if necessary)", where the copied wording stops. The adult's name row (the stored text shows none), "3 About the
alleged abuser" and "4 About the person making this referral" are laid out in the same style with plain labels.

Filled per seed: the boxes as Wingdings symbols (seed 1), ☒ / ☐ typed (seed 2) or Word 2010 check boxes (seed 3);
dates "d/m/yyyy", "dd.mm.yyyy" or "ordinal"; the Main Client Group "Mental Health" ticked (seeds 1, 2) or "Physical
Disability" (seed 3).
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.fresh3._kit import expect_each
from tests.corpus.heldout._kit import grid, label, save

SOURCE = ("'VA1 - Adult Protection Referral Form – Confidential (June 2015)' (1 About the Vulnerable Adult (Subject of "
          "referral): Date alert/ concern raised, Client/Patient ID Number:, Date of birth:, Gender: Male Female, "
          "Vulnerable Adult/Client's Current Address:, Tel Number:, Main Client Group (tick ONE only):, First Language:, "
          "Need Interpreter: Yes No, GP's Name:, Next of kin: / Relationship:, Is the vulnerable adult aware of the "
          "referral? Yes No, Has the vulnerable adult consented to the referral? Yes No; 2 About the alleged abuse …); "
          "stored copy: https://docest.com/doc/12908/adult-protection-referral-form")

HEAD = "C6E0B4"
GROUPS = ("Elderly Mentally Infirm", "Older Person", "Visual Impairment", "Hearing impairment", "Learning Disability",
          "Mental Health", "Physical Disability", "Substance Misuse")


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"tick": ("wingdings", "☒", "w14")[i], "date": ("d/m/yyyy", "dd.mm.yyyy", "ordinal")[i],
            "group": ("Mental Health", "Mental Health", "Physical Disability")[i]}


def _options(paragraph: Any, words: tuple[str, ...], chosen: str | None, plan: dict[str, Any], fields: Fields) -> None:
    for index, word in enumerate(words):
        paragraph.add_run(f"{'   ' if index else ' '}{word} ")
        box(paragraph, word == chosen, plan["tick"], fields)


def _lv(cell: Any, text: str, value: str | None) -> None:
    cell.paragraphs[0].add_run(text).bold = True
    if value:
        cell.paragraphs[0].add_run(f" {value}")


def _yn_row(t: Table, question: str, value: bool | None, plan: dict[str, Any], fields: Fields) -> None:
    cells = t.add_row().cells
    cell = cells[0].merge(cells[-1])
    cell.paragraphs[0].add_run(question).bold = True
    _options(cell.paragraphs[0], ("Yes", "No"), None if value is None else ("Yes" if value else "No"), plan, fields)


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    fields = Fields()
    doc = Document()
    doc.add_paragraph().add_run("VA1 - Adult Protection Referral Form – Confidential (June 2015)").bold = True
    doc.add_paragraph("Please complete as fully as possible, especially ensuring that risks are identified.")
    t = grid(doc, 2)
    full_width_row(t, "1 About the Vulnerable Adult (Subject of referral)", fill=HEAD)
    cells = t.add_row().cells
    _lv(cells[0], "Date alert/ concern raised", date_text(v["referral.referrer.date"], d))
    _lv(cells[1], "Date(s) of Incident(s) if known:", date_text("2026-10-25", d))
    cells = t.add_row().cells
    _lv(cells[0], "Name:", v["referral.victim.name"])
    _lv(cells[1], "Client/Patient ID Number:", "")
    cells = t.add_row().cells
    _lv(cells[0], "Date of birth:", date_text(v["referral.victim.dob"], d))
    cells[1].paragraphs[0].add_run("Gender:").bold = True
    _options(cells[1].paragraphs[0], ("Male", "Female"), "Female", plan, fields)
    cells = t.add_row().cells
    cells[0].paragraphs[0].add_run("Vulnerable Adult/Client's Current Address:").bold = True
    write_lines = v["referral.victim.address"].split(", ")
    for line in write_lines:
        cells[0].add_paragraph(line)
    cells[1].paragraphs[0].add_run("Other Vulnerable Adults / Children living at the property:").bold = True
    for i in range(case.children):
        c = f"referral.children.{i}"
        cells[1].add_paragraph(f"{v[c + '.name']} ({v[c + '.relationship_to_victim'].lower()}), "
                               f"{date_text(v[c + '.dob'], d)}")
    cells = t.add_row().cells
    _lv(cells[0], "Tel Number:", v["referral.victim.phone"])
    cells[1].paragraphs[0].add_run("Main Client Group (tick ONE only):").bold = True
    for group in GROUPS:
        paragraph = cells[1].add_paragraph()
        box(paragraph, group == plan["group"], plan["tick"], fields)
        paragraph.add_run(f" {group}")
    cells = t.add_row().cells
    _lv(cells[0], "Marital Status:", "Separated" if "Ex" in v["referral.perpetrators.0.relationship_to_victim"]
        else "Single")
    _lv(cells[1], "First Language:", v["referral.victim.first_language"])
    cells = t.add_row().cells
    cells[0].paragraphs[0].add_run("Need Interpreter:").bold = True
    _options(cells[0].paragraphs[0], ("Yes", "No"),
             "No" if v["referral.victim.interpreter_language"] is None else "Yes", plan, fields)
    _lv(cells[1], "GP's Name:", v["referral.victim.gp"].split(",")[0])
    cells = t.add_row().cells
    _lv(cells[0], "Telephone Number:", "0117 496 0000")
    _lv(cells[1], "Surgery Address:", v["referral.victim.gp"].split(", ")[1] + ", Canal Street, Exampletown")
    cells = t.add_row().cells
    cells[0].paragraphs[0].add_run("Case Status (Social Services use only :").bold = True
    for line in ("Open, review only", "Not previously known", "Other County"):
        cells[0].add_paragraph(f"☐ {line}")
    _lv(cells[1], "Next of kin:", f"Joanne {v['referral.victim.name'].split()[-1]}")
    cells[1].add_paragraph().add_run("Relationship:").bold = True
    cells[1].paragraphs[-1].add_run(" Sister")
    cells[1].add_paragraph().add_run("Telephone number:").bold = True
    cells[1].paragraphs[-1].add_run(" 07700 900999")
    _yn_row(t, "Is the vulnerable adult aware of the referral? ", v["referral.victim_aware"], plan, fields)
    _yn_row(t, "Has the vulnerable adult consented to the referral? ", v["referral.consent"], plan, fields)
    _yn_row(t, "Is there any evidence to suggest that the vulnerable adult lacks mental capacity to consent to this "
               "referral? ", False, plan, fields)
    doc.add_paragraph()

    a = grid(doc, 2)
    full_width_row(a, "2 About the alleged abuse", fill=HEAD)
    cells = a.add_row().cells
    cell = cells[0].merge(cells[1])
    cell.paragraphs[0].add_run("Type of alleged abuse (tick all relevant boxes)").bold = True
    row = cell.add_paragraph()
    for word, on in (("Physical", True), ("Sexual", False), ("Emotional/Psychological", True),
                     ("Financial/Material", False)):
        row.add_run(f"{word} ")
        box(row, on, plan["tick"], fields)
        row.add_run("   ")
    row = cell.add_paragraph("Of which is   ")
    for word, on in (("Racial", False), ("Domestic", True)):
        row.add_run(f"{word} ")
        box(row, on, plan["tick"], fields)
        row.add_run("   ")
    cells = a.add_row().cells
    cells[0].paragraphs[0].add_run("Where did the alleged abuse occur?").bold = True
    for place, on in (("Own Home", True), ("Perpetrator's home", False), ("Relative's Home", False),
                      ("Public place", False)):
        paragraph = cells[0].add_paragraph()
        box(paragraph, on, plan["tick"], fields)
        paragraph.add_run(f" {place}")
    cells[1].paragraphs[0].add_run("Is the abuse:").bold = True
    _options(cells[1].paragraphs[0], ("Historical", "Current"), "Current", plan, fields)
    cells = a.add_row().cells
    cell = cells[0].merge(cells[1])
    cell.paragraphs[0].add_run("Description of alleged abuse/injuries:").bold = True
    cell.add_paragraph("(continue on separate sheet of paper if necessary)").runs[0].italic = True
    cell.add_paragraph(v["referral.risks_summary"])
    doc.add_paragraph()

    p = grid(doc, 2)
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        full_width_row(p, "3 About the alleged abuser", fill=HEAD)
        cells = p.add_row().cells
        _lv(cells[0], "Name:", v[f"{q}.name"])
        _lv(cells[1], "Date of birth:", date_text(v[f"{q}.dob"], d))
        cells = p.add_row().cells
        _lv(cells[0], "Address:", v[f"{q}.address"])
        _lv(cells[1], "Relationship to vulnerable adult:", v[f"{q}.relationship_to_victim"])
    doc.add_paragraph()

    r = grid(doc, 2)
    full_width_row(r, "4 About the person making this referral", fill=HEAD)
    for left, right in ((("Name:", v["referral.referrer.name"]), ("Job title:", v["referral.referrer.role"])),
                        (("Agency:", v["referral.referrer.agency"]), ("Telephone:", v["referral.referrer.phone"])),
                        (("Email:", v["referral.referrer.email"]), ("Date:", date_text(v["referral.referrer.date"],
                                                                                         d)))):
        cells = r.add_row().cells
        _lv(cells[0], *left)
        _lv(cells[1], *right)
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency", "referral.referrer.phone",
        "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.dob",
        "referral.victim.gender", "referral.victim.address", "referral.victim.phone",
        "referral.victim.first_language", "referral.victim_aware", "referral.consent", "referral.risks_summary")}
    expect_each(found, case, "children", ("name", "dob", "relationship_to_victim"))
    expect_each(found, case, "perpetrators", ("name", "dob", "address", "relationship_to_victim"))
    return found


FORMS = [AreaForm("va1-adult-protection", "A council's adult protection referral form ('VA1', June 2015; no area "
                  "named)", SOURCE, "referral", build, expected)]
