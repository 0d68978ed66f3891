"""Knowsley's "MASH MULTI AGENCY REFERRAL FORM", used for a domestic abuse case: a children's form that opens with two
routing questions answered "YES NO" ("Is your referral regarding a Safeguarding concern …?" OR "Is your referral a
request for early help …?"), then a head table in which ALL the children share one "NAME OF CHILD(REN)" cell and one
"Date of Birth" cell (one child per line, in the same order), then the referrer as "Name of person completing contact
or referral" with "Relationship to child(ren) being referred" (the referrer's role), "Date / Time" and "Telephone
Number" beside "Agency"; "Consent & confidentiality" as two "YES NO" questions; then "Children/Young People under 18
living at the above address" as a table (First Name / Surname / …) and the adults as a second table whose only
pointer to who is who is "Relationship to child" and whose mother's address is typed "As above".

Follows the published Knowsley MASH form (stored copy: docsbay.net, see SOURCE). Taken from it: the title, "Is your
referral regarding a Safeguarding concern for a child or young person? YES NO", "OR", "Is your referral a request for
early help as you think the child or young person is vulnerable or in need of early help to achieve expected
outcomes? YES NO", "WARNING" (the secure e-mail note paraphrased), "NAME OF CHILD(REN)", "Date of Birth", "Address",
"Name of person completing contact or referral", "Relationship to child(ren) being referred", "Date / Time",
"Telephone Number", "Agency", "Mobile Number", "Email", "Name of MASH/Early Help Social Worker spoken to (If
applicable)", "Consent & confidentiality", "Is the parent/carer aware of the referral? YES NO", "Has the parent/carer
given consent to the referral being made? YES NO", "If the answer to either of the above is No, please provide an
explanation as it is essential that professionals work in partnership with families.", "Children/Young People under
18 living at the above address" and its first column "First Name". The stored text stops there; the rest of the
children's columns, the adults' table and the concerns are laid out after it with plain labels.

Filled per seed: the YES / NO words marked with a typed ✓ (seed 1), by deleting the other word (seed 2) or with ☒ /
☐ boxes (seed 3); dates "dd/mm/yyyy", "d/m/yyyy" or "dd.mm.yyyy"; "Date / Time" as "date at 10:15" or "date 14.30";
the case without children (seed 3) has "Unborn – EDD …" as its only child line and an empty children's table.
"""
from __future__ import annotations

from typing import Any

from docx import Document

from tests.corpus.areas import AreaForm
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.fresh2._kit import to_child
from tests.corpus.fresh3._kit import due_date, expect_each, expect_unborn
from tests.corpus.fresh4._kit import yes_no_cells
from tests.corpus.heldout._kit import grid, label, save
from tests.corpus.unseen._kit import split_name

SOURCE = ("Knowsley MASH, 'MASH MULTI AGENCY REFERRAL FORM' (Is your referral regarding a Safeguarding concern … YES "
          "NO / OR / … a request for early help … YES NO; NAME OF CHILD(REN) / Date of Birth / Address; Name of person "
          "completing contact or referral / Relationship to child(ren) being referred / Date / Time / Telephone Number "
          "/ Agency; Consent & confidentiality; Children/Young People under 18 living at the above address); stored "
          "copy: https://docsbay.net/working-together-to-safeguard-children-2015")

FILL = "F2F2F2"


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"yes_no": ("tick", "delete", "box")[i], "date": ("dd/mm/yyyy", "d/m/yyyy", "dd.mm.yyyy")[i],
            "time": (" at 10:15", " 14.30", " – 09:40am")[i]}


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d = case.values, plan["date"]
    doc = Document()
    doc.add_heading("MASH MULTI AGENCY REFERRAL FORM", level=1)
    doc.add_paragraph("This form should be used to access services for children who need to be protected or require "
                      "the provision of Early Help. Once completed please email it to the MASH.")
    q = grid(doc, 3)
    for question, value in (("Is your referral regarding a Safeguarding concern for a child or young person?", True),
                            (("Is your referral a request for early help as you think the child or young person is "
                             "vulnerable or in need of early help to achieve expected outcomes?"), False)):
        cells = q.add_row().cells
        write(cells[0], question, bold=True)
        yes_no_cells(cells[1:], value, plan["yes_no"])
        if value:
            full_width_row(q, "OR", fill=None)
    p = doc.add_paragraph()
    p.add_run("WARNING").bold = True
    p.add_run("  All referrals to Knowsley MASH should be sent from a secure email address. Where you believe there is "
              "an immediate risk of significant harm please contact the police on 999.")

    h = grid(doc, 4)
    if case.children:
        names = "\n".join(v[f"referral.children.{i}.name"] for i in range(case.children))
        dobs = "\n".join(date_text(v[f"referral.children.{i}.dob"], d) for i in range(case.children))
    else:
        names, dobs = "Unborn", f"EDD {date_text(due_date(case), d)}"
    for text, value in (("NAME OF CHILD(REN)", names), ("Date of Birth", dobs), ("Address", v["referral.victim.address"])):
        cells = h.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1].merge(cells[3]), value)
    rows = [(("Name of person completing contact or referral", v["referral.referrer.name"]),),
            (("Relationship to child(ren) being referred", v["referral.referrer.role"]),),
            (("Date / Time", date_text(v["referral.referrer.date"], d) + plan["time"]),),
            (("Telephone Number", v["referral.referrer.phone"]), ("Agency", v["referral.referrer.agency"])),
            (("Mobile Number", ""), ("Email", v["referral.referrer.email"])),
            (("Name of MASH/Early Help Social Worker spoken to (If applicable)", "N/A"),)]
    for row in rows:
        cells = h.add_row().cells
        if len(row) == 1:
            label(cells[0], row[0][0], fill=FILL)
            write(cells[1].merge(cells[3]), row[0][1])
            continue
        for (text, value), (head, answer) in zip(row, ((cells[0], cells[1]), (cells[2], cells[3]))):
            label(head, text, fill=FILL)
            write(answer, value)
    doc.add_paragraph()

    c = grid(doc, 3)
    full_width_row(c, "Consent & confidentiality", fill="BFBFBF")
    for question, value in (("Is the parent/carer aware of the referral?", v["referral.victim_aware"]),
                            ("Has the parent/carer given consent to the referral being made?", v["referral.consent"])):
        cells = c.add_row().cells
        label(cells[0], question, fill=FILL)
        yes_no_cells(cells[1:], value, plan["yes_no"])
    cells = c.add_row().cells
    label(cells[0], "If the answer to either of the above is No, please provide an explanation as it is essential "
                    "that professionals work in partnership with families.", fill=FILL)
    write(cells[1].merge(cells[2]), v["referral.victim_aware_reason"] or v["referral.consent_override_reason"] or "")
    doc.add_paragraph()

    k = grid(doc, 5)
    full_width_row(k, "Children/Young People under 18 living at the above address", fill="BFBFBF")
    for cell, text in zip(k.add_row().cells, ("First Name", "Surname", "Date of Birth", "Gender", "School / Nursery")):
        label(cell, text, fill=FILL)
    for i in range(max(case.children, 1)):
        cells = k.add_row().cells
        if not case.children:
            continue
        ch = f"referral.children.{i}"
        first, surname = split_name(v[f"{ch}.name"])
        for cell, text in zip(cells, (first, surname, date_text(v[f"{ch}.dob"], d), v[f"{ch}.gender"],
                                      v[f"{ch}.school"])):
            write(cell, text)
    doc.add_paragraph()

    a = grid(doc, 5)
    full_width_row(a, "Adults living at or connected to the above address", fill="BFBFBF")
    for cell, text in zip(a.add_row().cells, ("First Name", "Surname", "Date of Birth", "Relationship to child",
                                              "Address (if different)")):
        label(cell, text, fill=FILL)
    people = [(v["referral.victim.name"], v["referral.victim.dob"], "Mother", "As above")]
    for i in range(case.perpetrators):
        p_ = f"referral.perpetrators.{i}"
        people.append((v[f"{p_}.name"], v[f"{p_}.dob"], to_child(case, i), v[f"{p_}.address"]))
    for name, born, who, where in people:
        first, surname = split_name(name)
        for cell, text in zip(a.add_row().cells, (first, surname, date_text(born, d), who, where)):
            write(cell, text)
    doc.add_paragraph()

    r = grid(doc, 2)
    full_width_row(r, "Reason for referral", fill="BFBFBF")
    for text, value in (("What are you worried about?", v["referral.risks_summary"]),
                        ("DASH score (if completed)", str(v["dash.score"])),
                        ("Police reference", v["referral.crime_reference"])):
        cells = r.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value)
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.role", "referral.referrer.date", "referral.referrer.phone",
        "referral.referrer.agency", "referral.referrer.email", "referral.victim.name", "referral.victim.dob",
        "referral.victim.address", "referral.victim_aware", "referral.consent", "referral.risks_summary",
        "referral.crime_reference")}
    found["referral.dash_score_stated"] = v["dash.score"]
    expect_each(found, case, "perpetrators", ("name", "dob", "address"))
    expect_unborn(found, case)
    for i in range(case.children):
        c = f"referral.children.{i}"
        for k in ("name", "dob", "gender", "school"):
            found[f"{c}.{k}"] = v[f"{c}.{k}"]
        found[f"{c}.address"] = v["referral.victim.address"]
    return found


FORMS = [AreaForm("knowsley-mash", "Knowsley (MASH multi agency referral form)", SOURCE, "referral", build, expected)]
