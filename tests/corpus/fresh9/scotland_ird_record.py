"""A Scottish "IRD electronic recording form" (the record of an Inter-agency Referral Discussion between police, health
and social work, circulated by e-mail the same day; the stored copy names no area, its file name begins "ab_"), made
for a domestic abuse incident with children in the household: the discussion's own details as "Label: answer" pairs
in a four-column grid ("Date of IRD:" / "Time of IRD :", "Referral Date:" / "Referral Time:", "Referred by:" holding
the referrer's NAME, ROLE AND AGENCY IN ONE CELL, "Date Child Seen:" / "Time Child Seen:", "Named Person:"); a
"Participants" table (Agency | Name, one row per agency: Police / Health / Social Work / Education / Other) naming
professionals who are NOT the referrer; the children in a "Children involved" header-row table (Name | DOB | Address |
School, later rows' address typed "As above"); the victim and the man or men who harm her in an "Adults involved"
table (Name | DOB | Address | Relationship | PR*, with the footnote "* Parental responsibility"), told apart ONLY by
the relationship to the child typed in the Relationship column; the concerns under "Reasons for IRD/ Allegations or
concerns:"; the crime reference and DASH score only as lines typed in the "Agency Information - Police Scotland" cell;
"Decision (pick one only)" as seven boxed options; the "Key Questions: immediate action" as questions with a typed
Yes / No in the next cell; an "Action Plan" table (Action to be taken | By Whom? | By When?).

Copied from the stored copy: "Date of IRD:", "Time of IRD :", "Previous referrals:", "Referral Date:", "Referral
Time:", "Referred by:", "Date Child Seen:", "Time Child Seen:", "Named Person:", "Participants", "Agency", "Name",
"Police", "Health", "Social Work", "Education", "Other", "Children involved" (Name / DOB / Address / School), "Adults
involved" (Name / DOB / Address / Relationship / PR*), "* Parental responsibility", "Reasons for IRD/ Allegations or
concerns:", "Include if Child is open/known to SW", "Significant additional information considered:", "Agency
Information - Police Scotland", "Agency Information Health", "Agency Information Social Work", "Agency Information -
Education", "Agency Information - Other", "Summary of Discussion", "Decision (pick one only)" with its seven options
("No CP Investigation - information to be passed to Named Person", "No CP Investigation - recommend Named Person
arrange support/further assessment via Child Plan Meeting", "Not CP - further enquiries required to determine if CP",
"Convene - CP Case Discussion", "CP Investigation Single agency", "CP Investigation Joint", "Refer to Vulnerable Young
Persons Protocol"), "Reasons for decision:", "Target Date for completion of CP1:", "Target date for CPM/CPCC:", "Key
Questions: immediate action" with its five questions, "Action Plan" (Action to be taken / By Whom? / By When?) and "Post
IRD follow up and checklist" / "Date Updated:" (where this form stops). Nothing is laid out with plain labels.

Filled per seed: typed ☒ / ☐ decision boxes, dates "dd/mm/yyyy", "PR*" answered "Y" / "N", the relationship typed
plainly ("Mother", "Half-brother") (seed 1); Word 2010 check boxes, dates "3.4.91", "Yes" / "No", the relationship with
the role in brackets ("Mother (victim)", "Mother's boyfriend (alleged perpetrator)"), two men, the children's
addresses after the first "As above" (seed 2); legacy FORMCHECKBOX boxes, dates "3rd April 1991", untouched cells
"N/A", the case with no children an IRD for the unborn baby ("Unborn baby of …", "EDD …" in the DOB column, "N/A" for
school) (seed 3).
"""
from __future__ import annotations

from typing import Any

from docx import Document

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, write
from tests.corpus.fresh2._kit import to_child
from tests.corpus.fresh3._kit import due_date, expect_each, expect_unborn
from tests.corpus.heldout._kit import grid, label, save

SOURCE = ("A Scottish partnership's 'IRD electronic recording form' (Inter-agency Referral Discussion record: Date of "
          "IRD: / Time of IRD : / Referral Date: / Referred by: / Named Person:; Participants Agency / Name; Children "
          "involved Name / DOB / Address / School; Adults involved Name / DOB / Address / Relationship / PR* "
          "(* Parental responsibility); Reasons for IRD/ Allegations or concerns:; Agency Information - Police "
          "Scotland; Decision (pick one only); Key Questions: immediate action; Action Plan); the stored copy names no "
          "area; stored copy: http://shyft-uk.com/sites/default/files/2023-04/ab_ird_electronic_recording_form.doc")

FILL = "E2EFD9"
DECISIONS = ("No CP Investigation - information to be passed to Named Person",
             "No CP Investigation - recommend Named Person arrange support/further assessment via Child Plan Meeting",
             "Not CP - further enquiries required to determine if CP",
             "Convene - CP Case Discussion",
             "CP Investigation Single agency",
             "CP Investigation Joint",
             "Refer to Vulnerable Young Persons Protocol")
QUESTIONS = (("Is there a need for emergency protective action?", False),
             ("Are any of the adults carers of vulnerable adults?", False),
             ("Is an Adult Protection referral required?", False),
             ("Are there any other children potentially at risk?", False),
             ("Is there a need for a medical examination of the child or siblings?", False))


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"box": ("☒", "w14", "formcheckbox")[i], "date": ("dd/mm/yyyy", "d.m.yy", "ordinal")[i],
            "yn": (("Y", "N"), ("Yes", "No"), ("Yes", "No"))[i], "roles": i == 1, "as_above": i == 1,
            "blank": ("", "", "N/A")[i], "time": ("14:30", "10.15am", "16:00")[i]}


def _referred_by(case: Case) -> str:
    v, i = case.values, (case.seed - 1) % 3
    name, role, agency = v["referral.referrer.name"], v["referral.referrer.role"], v["referral.referrer.agency"]
    return (f"{name}, {role}, {agency}", f"{name} ({role}) – {agency}", f"{role} {name}, {agency}")[i]


def _relationship(case: Case, who: int | None, roles: bool) -> str:
    """What the adult is to the child(ren), as typed; with `roles` the part in the incident follows in brackets."""
    if who is None:
        return "Mother (victim)" if roles else "Mother"
    text = to_child(case, who)
    if not case.children and text.startswith("Mother's "):
        text = "Expectant mother's " + text[len("Mother's "):]
    return f"{text} (alleged perpetrator)" if roles else text


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d, fields, blank = case.values, plan["date"], Fields(), plan["blank"]
    doc = Document()
    doc.add_heading("IRD Electronic Recording Form", level=1)

    referral_day = v["referral.referrer.date"]
    g = grid(doc, 4)
    rows = ((("Date of IRD:", date_text(referral_day, d)), ("Time of IRD :", plan["time"])),
            (("Previous referrals:", "None known" if not blank else blank),),
            (("Referral Date:", date_text(referral_day, d)), ("Referral Time:", "09:40")),
            (("Referred by:", _referred_by(case)),),
            (("Date Child Seen:", date_text(referral_day, d) if case.children else blank),
             ("Time Child Seen:", "12:00" if case.children else blank)),
            (("Named Person:", "Head Teacher, Hillside Academy" if case.children else "Midwife, Exampletown "
              "Maternity Unit"),))
    for row in rows:
        cells = g.add_row().cells
        if len(row) == 1:
            label(cells[0], row[0][0], fill=FILL)
            write(cells[1].merge(cells[3]), row[0][1])
            continue
        for k, (text, value) in enumerate(row):
            label(cells[2 * k], text, fill=FILL)
            write(cells[2 * k + 1], value)
    doc.add_paragraph()

    p = grid(doc, 2)
    full_width_row(p, "Participants", fill=FILL)
    for cell, text in zip(p.add_row().cells, ("Agency", "Name")):
        label(cell, text, fill=FILL)
    for agency, name in (("Police", f"DS {v['referral.police.officer_in_charge'].split()[-1]}, Public Protection Unit"),
                         ("Health", "Child Protection Advisor (Health)"), ("Social Work", "Team Manager, Duty Team"),
                         ("Education", "Head Teacher" if case.children else blank), ("Other", blank)):
        cells = p.add_row().cells
        write(cells[0], agency)
        write(cells[1], name)
    doc.add_paragraph()

    c = grid(doc, 4)
    full_width_row(c, "Children involved", fill=FILL)
    for cell, text in zip(c.add_row().cells, ("Name", "DOB", "Address", "School")):
        label(cell, text, fill=FILL)
    if case.children:
        for i in range(case.children):
            ch = f"referral.children.{i}"
            address = "As above" if plan["as_above"] and i else v["referral.victim.address"]
            for cell, text in zip(c.add_row().cells, (v[f"{ch}.name"], date_text(v[f"{ch}.dob"], d), address,
                                                      v[f"{ch}.school"])):
                write(cell, text)
    else:
        for cell, text in zip(c.add_row().cells, (f"Unborn baby of {v['referral.victim.name']}",
                                                  f"EDD {date_text(due_date(case), d)}", v["referral.victim.address"],
                                                  "N/A")):
            write(cell, text)
    doc.add_paragraph()

    a = grid(doc, 5)
    full_width_row(a, "Adults involved", fill=FILL)
    for cell, text in zip(a.add_row().cells, ("Name", "DOB", "Address", "Relationship", "PR*")):
        label(cell, text, fill=FILL)
    yes, no = plan["yn"]
    people = [(v["referral.victim.name"], v["referral.victim.dob"], v["referral.victim.address"],
               _relationship(case, None, plan["roles"]), yes)]
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        people.append((v[f"{q}.name"], v[f"{q}.dob"], v[f"{q}.address"], _relationship(case, i, plan["roles"]),
                       yes if to_child(case, i) in ("Father", "Stepfather") else no))
    for name, dob, address, relationship, pr in people:
        for cell, text in zip(a.add_row().cells, (name, date_text(dob, d), address, relationship, pr)):
            write(cell, text)
    doc.add_paragraph("* Parental responsibility").runs[0].italic = True

    r = grid(doc, 2)
    rows = (("Reasons for IRD/ Allegations or concerns:\nInclude if Child is open/known to SW",
             v["referral.risks_summary"]),
            ("Significant additional information considered:", blank or "Previous domestic abuse incidents at the "
             "address recorded by police"),
            ("Agency Information - Police Scotland",
             (f"Crime reference: {v['referral.crime_reference']}\n"
             f"DASH risk assessment score: {v['referral.dash_score_stated']}\n"
             "Suspect arrested and released on bail")),
            ("Agency Information Health", "Health visitor / midwife aware; no concerns about attendance"),
            ("Agency Information Social Work", "Not currently open to Social Work" if not blank else blank),
            ("Agency Information - Education", "Attendance good" if case.children else blank),
            ("Agency Information - Other", blank),
            ("Summary of Discussion", ("Agreed domestic abuse is the main concern; mother to be offered support "
             "and a MARAC referral made")))
    for text, value in rows:
        cells = r.add_row().cells
        first, *rest = text.split("\n")
        label(cells[0], first, fill=FILL)
        for line in rest:
            cells[0].add_paragraph(line).runs[0].italic = True
        write(cells[1], value)
    doc.add_paragraph()

    k = grid(doc, 2)
    full_width_row(k, "Decision (pick one only)", fill=FILL)
    chosen = DECISIONS[1] if case.seed % 2 else DECISIONS[4]
    for option in DECISIONS:
        cells = k.add_row().cells
        write(cells[0], option)
        box(cells[1].paragraphs[0], option == chosen, plan["box"], fields)
    for text, value in (("Reasons for decision:", "Risk arises from the domestic abuse; mother is protective"),
                        ("Target Date for completion of CP1:", blank),
                        ("Target date for CPM/CPCC:", blank)):
        cells = k.add_row().cells
        label(cells[0], text, fill=FILL)
        write(cells[1], value)
    doc.add_paragraph()

    q = grid(doc, 2)
    full_width_row(q, "Key Questions: immediate action", fill=FILL)
    for question, answer in QUESTIONS:
        cells = q.add_row().cells
        write(cells[0], question)
        write(cells[1], yes if answer else no)
    doc.add_paragraph()

    t = grid(doc, 3)
    full_width_row(t, "Action Plan", fill=FILL)
    for cell, text in zip(t.add_row().cells, ("Action to be taken", "By Whom?", "By When?")):
        label(cell, text, fill=FILL)
    later = date_text(referral_day, d)
    for action, who in (("MARAC referral", "Police"), ("Safety planning with mother", "Social Work")):
        for cell, text in zip(t.add_row().cells, (action, who, later)):
            write(cell, text)
    doc.add_paragraph()

    f = grid(doc, 2)
    full_width_row(f, "Post IRD follow up and checklist", fill=FILL)
    cells = f.add_row().cells
    label(cells[0], "Date Updated:", fill=FILL)
    write(cells[1], blank)
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency", "referral.referrer.date",
        "referral.victim.name", "referral.victim.dob", "referral.victim.address", "referral.dash_score_stated",
        "referral.crime_reference", "referral.risks_summary")}
    expect_each(found, case, "perpetrators", ("name", "dob", "address"))
    expect_unborn(found, case)
    for i in range(case.children):
        c = f"referral.children.{i}"
        for k in ("name", "dob", "school"):
            found[f"{c}.{k}"] = v[f"{c}.{k}"]
        found[f"{c}.address"] = v["referral.victim.address"]
    return found


FORMS = [AreaForm("scotland-ird-record",
                  "A Scottish partnership (IRD electronic recording form: Police Scotland / health / social work "
                  "inter-agency referral discussion)", SOURCE, "referral", build, expected)]
