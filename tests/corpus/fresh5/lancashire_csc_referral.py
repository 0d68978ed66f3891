"""Lancashire's referral to Children's Social Care (the form used with "Lancashire's Continuum of Need and Threshold
Guidance"), used for a domestic abuse case: a children's form in which the CHILDREN come first as rows under a header
row "Child(ren) name | DOB | Age | Unborn Y/N", the children's gender typed one per line in a single "Gender M/F"
cell (in the same order as the names), ONE "Address" / "Postcode" / "Tel No" for them all, and the mother (the victim)
only as the children's primary carer; the man she fears in a "person(s) causing concern" table keyed by
"Relationship to child" and "Relationship to primary carer"; the referrer near the end.

Follows the published form (stored copy: docest.com, see SOURCE). Taken from it: a paraphrase of its opening notes
(for children at level 3 with consent and level 4 of Lancashire's Continuum of Need (CON); informed consent), "Making
contact", "Referral to : Lancashire Children's Social Care", "Date of Referral" / "Time of Referral", "Details of
Child(ren)", "Child(ren) name / DOB / Age / Unborn Y/N", "Child(ren) NHS number(s) if referral from Health",
"Child(ren) unique pupil number if referral from school", "Gender M/F", "Disability [if known please specify]",
"Ethnicity", "Childs first Language", "Is an interpreter needed? Y/N", "Address", "Postcode", "Tel No" and "Name of
child(ren) primary c…", where the stored text stops. The primary carer's rows, the person causing concern, consent,
the reason for referral and the referrer are laid out after it in the same style with plain labels.

Filled per seed: Y/N answers typed "Y" / "N" (seed 1), "Yes" / "No" (seed 2) or, seed 3, the answer cell holding
"Y / N" with the other letter struck through (the Unborn column typed "Y" / "N"); dates "dd/mm/yyyy", "d.m.yy" or "d month yyyy"; the time "10:15", "10.15am" or "1015hrs"; the
unused NHS / UPN rows "N/A" or left blank; the case without children (seed 3) refers the unborn baby ("Unborn baby",
the due date in the DOB column, Unborn "Y").
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import _Cell

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import struck_choice
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.fresh2._kit import to_child
from tests.corpus.fresh3._kit import due_date, expect_each, expect_unborn
from tests.corpus.fresh4._kit import age_on, split_address
from tests.corpus.heldout._kit import grid, label, save

SOURCE = ("Lancashire County Council, referral to Lancashire Children's Social Care (levels 3 and 4 of Lancashire's "
          "Continuum of Need: 'Referral to : Lancashire Children's Social Care', 'Date of Referral / Time of Referral', "
          "'Details of Child(ren)' with 'Child(ren) name / DOB / Age / Unborn Y/N', 'Gender M/F', 'Is an interpreter "
          "needed? Y/N', 'Address / Postcode / Tel No', 'Name of child(ren) primary c…'); stored copy: "
          "https://docest.com/doc/541390/consideration-needs-to-be-given-to-lancashires-continuum-of-need-and-"
          "threshold-guidance")

FILL = "DEEAF6"


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"yn": ("letter", "word", "delete")[i], "date": ("dd/mm/yyyy", "d.m.yy", "d month yyyy")[i],
            "time": ("10:15", "10.15am", "1015hrs")[i], "na": ("N/A", "", "N/A")[i]}


def _yn(value: bool | None, plan: dict[str, Any]) -> str:
    if value is None:
        return ""
    if plan["yn"] == "word":
        return "Yes" if value else "No"
    return "Y" if value else "N"


def _yn_cell(cell: _Cell, value: bool | None, plan: dict[str, Any]) -> None:
    """A Y/N answer cell: typed (seeds 1, 2), or the printed 'Y / N' with the other letter struck through (seed 3)."""
    if plan["yn"] == "delete":
        struck_choice(cell.paragraphs[0], value, how="strike")
    else:
        write(cell, _yn(value, plan))


def _pair(cells: list[_Cell], pairs: list[tuple[str, str]]) -> None:
    for index, (text, value) in enumerate(pairs):
        label(cells[index * 2], text, fill=FILL)
        write(cells[index * 2 + 1], value)


def _children(case: Case) -> list[dict[str, Any]]:
    v = case.values
    if not case.children:
        return [{"name": "Unborn baby", "dob": due_date(case), "age": "", "unborn": True, "gender": ""}]
    today = v["referral.referrer.date"]
    return [{"name": v[f"referral.children.{i}.name"], "dob": v[f"referral.children.{i}.dob"],
             "age": str(age_on(v[f"referral.children.{i}.dob"], today)), "unborn": False,
             "gender": v[f"referral.children.{i}.gender"][0]} for i in range(case.children)]


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    doc = Document()
    doc.add_heading("Referral to Children's Social Care", level=1)
    doc.add_paragraph("This form supports information sharing and decisions about children and young people who need "
                      "protection or support. Consider Lancashire's Continuum of Need (CON) and Threshold Guidance: "
                      "use the form at level 3 with the informed consent of parents or carers, and at level 4 whether "
                      "or not consent is given.")
    doc.add_paragraph().add_run("Making contact").bold = True
    doc.add_paragraph("Email this referral to the address given on the guidance; telephone first about level 4 "
                      "concerns.")

    t = grid(doc, 4)
    cells = t.add_row().cells
    label(cells[0], "Referral to :", fill=FILL)
    write(cells[1].merge(cells[3]), "Lancashire Children's Social Care")
    _pair(t.add_row().cells, [("Date of Referral", date_text(v["referral.referrer.date"], d)),
                              ("Time of Referral", plan["time"])])
    doc.add_paragraph()

    c = grid(doc, 4)
    full_width_row(c, "Details of Child(ren)", fill="9DC3E6")
    for cell, text in zip(c.add_row().cells, ("Child(ren) name", "DOB", "Age", "Unborn Y/N")):
        label(cell, text, fill=FILL)
    kids = _children(case)
    for kid in kids:
        cells = c.add_row().cells
        write(cells[0], kid["name"])
        write(cells[1], date_text(kid["dob"], d))
        write(cells[2], kid["age"])
        write(cells[3], _yn(kid["unborn"], plan))
    cells = c.add_row().cells
    label(cells[0].merge(cells[1]), "Child(ren) NHS number(s) if referral from Health", fill=FILL)
    write(cells[2].merge(cells[3]), plan["na"])
    cells = c.add_row().cells
    label(cells[0].merge(cells[1]), "Child(ren) unique pupil number if referral from school", fill=FILL)
    write(cells[2].merge(cells[3]), plan["na"])
    genders = "\n".join(kid["gender"] for kid in kids if kid["gender"])
    _pair(c.add_row().cells, [("Gender M/F", genders), ("Disability [if known please specify]", "None known")])
    cells = c.add_row().cells
    label(cells[0], "Ethnicity", fill=FILL)
    write(cells[1], v["referral.victim.ethnicity"] if case.children else "")
    label(cells[2], "Childs first Language", fill=FILL)
    write(cells[3], "English")
    cells = c.add_row().cells
    label(cells[0].merge(cells[2]), "Is an interpreter needed? Y/N", fill=FILL)
    _yn_cell(cells[3], False, plan)
    street, postcode = split_address(v["referral.victim.address"])
    cells = c.add_row().cells
    label(cells[0], "Address", fill=FILL)
    write(cells[1].merge(cells[3]), street)
    _pair(c.add_row().cells, [("Postcode", postcode), ("Tel No", v["referral.victim.phone"])])
    doc.add_paragraph()

    p = grid(doc, 4)
    full_width_row(p, "Name of child(ren) primary carer", fill="9DC3E6")
    _pair(p.add_row().cells, [("Name", v["referral.victim.name"]), ("Relationship to child", "Mother")])
    _pair(p.add_row().cells, [("DOB", date_text(v["referral.victim.dob"], d)), ("Tel No", v["referral.victim.phone"])])
    cells = p.add_row().cells
    label(cells[0], "Address (if different from the child(ren))", fill=FILL)
    write(cells[1].merge(cells[3]), "Same as above")
    doc.add_paragraph()

    q = grid(doc, 5)
    full_width_row(q, "Person(s) causing concern", fill="9DC3E6")
    for cell, text in zip(q.add_row().cells, ("Name", "DOB", "Address", "Relationship to child",
                                              "Relationship to primary carer")):
        label(cell, text, fill=FILL)
    for i in range(case.perpetrators):
        r = f"referral.perpetrators.{i}"
        for cell, text in zip(q.add_row().cells, (v[f"{r}.name"], date_text(v[f"{r}.dob"], d), v[f"{r}.address"],
                                                  to_child(case, i), v[f"{r}.relationship_to_victim"])):
            write(cell, text)
    doc.add_paragraph()

    s = grid(doc, 2)
    full_width_row(s, "Consent", fill="9DC3E6")
    for text, value in (("Have the parents / carers been told about this referral? Y/N", v["referral.victim_aware"]),
                        ("Have the parents / carers given consent? Y/N", v["referral.consent"])):
        cells = s.add_row().cells
        label(cells[0], text, fill=FILL)
        _yn_cell(cells[1], value, plan)
    cells = s.add_row().cells
    label(cells[0], "If no, why not?", fill=FILL)
    write(cells[1], v["referral.victim_aware_reason"] or v["referral.consent_override_reason"] or "")
    full_width_row(s, "Reason for referral", fill="9DC3E6")
    cells = s.add_row().cells
    label(cells[0], "What are your concerns?", fill=FILL)
    write(cells[1], v["referral.risks_summary"])
    cells = s.add_row().cells
    label(cells[0], "DASH risk assessment score (if completed)", fill=FILL)
    write(cells[1], str(v["dash.score"]))
    cells = s.add_row().cells
    label(cells[0], "Police reference (if known)", fill=FILL)
    write(cells[1], v["referral.crime_reference"])
    doc.add_paragraph()

    r = grid(doc, 4)
    full_width_row(r, "Referrer details", fill="9DC3E6")
    _pair(r.add_row().cells, [("Name", v["referral.referrer.name"]), ("Agency", v["referral.referrer.agency"])])
    _pair(r.add_row().cells, [("Role", v["referral.referrer.role"]), ("Tel No", v["referral.referrer.phone"])])
    cells = r.add_row().cells
    label(cells[0], "Email", fill=FILL)
    write(cells[1].merge(cells[3]), v["referral.referrer.email"])
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.agency", "referral.referrer.role", "referral.referrer.phone",
        "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.dob",
        "referral.victim.address", "referral.victim.phone", "referral.victim_aware", "referral.consent",
        "referral.risks_summary", "referral.crime_reference")}
    found["referral.dash_score_stated"] = v["dash.score"]
    if not v["referral.consent"]:
        found["referral.consent_override_reason"] = v["referral.victim_aware_reason"] or \
            v["referral.consent_override_reason"]
    expect_each(found, case, "perpetrators", ("name", "dob", "address", "relationship_to_victim"))
    expect_unborn(found, case)
    for i in range(case.children):
        c = f"referral.children.{i}"
        for k in ("name", "dob", "gender"):
            found[f"{c}.{k}"] = v[f"{c}.{k}"]
        found[f"{c}.address"] = v["referral.victim.address"]
    return found


FORMS = [AreaForm("lancashire-csc-referral", "Lancashire (referral to Children's Social Care)", SOURCE, "referral",
                  build, expected)]
