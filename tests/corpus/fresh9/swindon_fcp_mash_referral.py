"""Swindon's "Family Contact Point / Multi Agency Safeguarding Hub (MASH) Referral Form" (a children's front-door
referral), used for a domestic abuse case: a Word 2010 form whose answers are CONTENT CONTROLS under the labels
("Click here to enter text.", "Click here to enter a date." and a "Select Gender" drop-down where nothing was put), the
LABELS IN A ROW OVER THE ANSWERS, with the printed guidance in the label cell under the label ("Please record all
names child / young person have been/are known by.", "All known telephone numbers should be given"); the child's
address split into "Home Address:" | "Postcode:" | "Telephone/Mobile:"; an ethnicity TICK GRID in four columns
(group heading, then one option and its box a line); the other children in a "Siblings of Child / Young Person,
living at home address" table; then the victim only as "Details of Mother" (with "Is Mother Main Carer? Y / N" in the
heading), the father in a "Details of Father" block of the same shape ("Not known", "N/A" or untouched controls when
he is not the man who harms her), and the man or men who harm her under "Other Household members (including
non-family members)" (name | DoB | relationship to child) or "Significant family members who are not members of the
child's household" (name | relationship to child | address / telephone), told apart only by the relationship typed.

Copied from the stored copy (docest.com, the MASH version): the title "Swindon Family Contact Point /Multi Agency
Safeguarding Hub (MASH)", "Referral Form", "Date Referral Received:", "Details of Child / Young Person being
referred", "Surname:", "First names:", "Other known as names:", "Please record all names child / young person have
been/are known by.", "DoB or EDD:", "Gender:" with its "Select Gender" drop-down, "Home Address:", "This is child/young
person's usual or home address. …", "Postcode:", "Telephone/Mobile:", "All known telephone numbers should be given",
"Current address if different from above:", "Reason for residence at this address:", "Please indicate if child is in
Private Fostering arrangement.", "Child / Young Person's Ethnicity (please tick)" and the Word 2010 placeholders
"Click here to enter text." / "Click here to enter a date."; from the earlier version of the same form (paperzz.com,
"RF1 Jan 2010 CHILDREN'S SERVICES REFERRAL FORM FOR OTHER AGENCIES", and its copy on docest.com) the ethnicity
options ("Black or Black British" Caribbean / African / Any other Black background, "Asian or Asian British" Indian /
Pakistani / Bangladeshi / Any other Asian background, White British / White Irish / Any other White background,
"Mixed" White & Black Caribbean / White & Black African / White & Asian / Any other Mixed Background, "Other ethnic
groups" Chinese / Any other ethnic group), "Any further details regarding child/young person's ethnicity:", "Reasons
for Referral:" with its guidance, "Previous Concerns:", "Siblings of Child/Young Person, living at home address",
"Details of Mother Is Mother Main Carer ? Y / N", "Any known or suspected concerns linked to alcohol, drug misuse, or
domestic violence?", "Other Household members (including non-family members):", "Significant family members who are
not members of the child's household" and the parent's consent sentence ("I give consent for my child who is named on
page 1 to be referred to Children's Services by the named person making referral."). The stored texts stop short of
the columns of those tables and of the referrer's section; they, "Details of Father" (made like "Details of Mother"),
the consent questions and the police reference / DASH score lines are laid out in the same style with plain labels.

Filled per seed: every answer in a content control, dates in date pickers ("dd/MM/yyyy"), the gender chosen in the
drop-down, Word 2010 check boxes in the ethnicity grid, untouched controls left showing "Click here to enter text.",
"Y / N" answered "Y" / "N" (seed 1); controls with the dates typed "3.4.91" into text controls, typed ☒ / ☐ boxes,
"N/A" in some fields and placeholders left in others, "Y / N" with the other letter struck through, the mother's
address and phone "Same as child" / "As above" (seed 2); the referrer typed over the controls (plain text, no
controls), dates "3rd April 1991", an "X" typed after the chosen ethnicity, "Yes" / "No" typed (seed 3). The case
with no children (seed 3) refers the unborn baby ("First names: Unborn baby", "DoB or EDD: EDD …", gender "Not
known"), and the ex-husband, the baby's father, is in "Details of Father".
"""
from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from docx import Document
from docx.shared import Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from tests.corpus.areas import AreaForm
from tests.corpus.areas._dash_wording import box
from tests.corpus.areas.case import Case
from tests.corpus.areas.kit import _el, placeholder_control, struck_choice
from tests.corpus.areas.styles import date_text
from tests.corpus.docx_parts import Fields, full_width_row, shade, write
from tests.corpus.fresh2._kit import to_child
from tests.corpus.fresh3._kit import due_date, expect_each
from tests.corpus.fresh4._kit import split_address
from tests.corpus.heldout._kit import grid, save
from tests.corpus.unseen._kit import split_name

SOURCE = ("Swindon, 'Swindon Family Contact Point /Multi Agency Safeguarding Hub (MASH) Referral Form' (Date Referral "
          "Received:; Details of Child / Young Person being referred: Surname: / First names: / Other known as names: / "
          "DoB or EDD: / Gender: Select Gender / Home Address: / Postcode: / Telephone/Mobile: / Current address if "
          "different from above: / Reason for residence at this address:; Child / Young Person's Ethnicity (please "
          "tick); Word 2010 content controls 'Click here to enter text.'); stored copy: "
          "https://docest.com/swindon-family-contact-point-multi-agency-safeguarding-hub-mash; earlier version "
          "'RF1 Jan 2010 CHILDREN'S SERVICES REFERRAL FORM FOR OTHER AGENCIES' (ethnicity options, Siblings of "
          "Child/Young Person, living at home address, Details of Mother Is Mother Main Carer ? Y / N, Other Household "
          "members, Significant family members who are not members of the child's household): "
          "https://paperzz.com/doc/6914698/ssid-no---swindon-lscb and "
          "https://docest.com/doc/622037/referral-form-for-other-agencies")

HEAD = "C6D9F1"
GREY = RGBColor(0x7F, 0x7F, 0x7F)
_IDS = itertools.count(1)
REFERRER_ADDRESS = "Civic Offices, Euclid Street, Exampletown, SN1 9ZZ"
ETHNICITY = (("Black or Black British", ("Caribbean", "African", "Any other Black background")),
             ("Asian or Asian British", ("Indian", "Pakistani", "Bangladeshi", "Any other Asian background")),
             ("White", ("White British", "White Irish", "Any other White background")),
             ("Mixed", ("White & Black Caribbean", "White & Black African", "White & Asian",
                        "Any other Mixed Background")),
             ("Other ethnic groups", ("Chinese", "Any other ethnic group")))
ETHNIC_OPTION = {"White British": "White British", "White Polish": "Any other White background",
                 "Black Caribbean": "Caribbean", "Pakistani": "Pakistani",
                 "Mixed White and Asian": "White & Asian"}


def _plan(case: Case) -> dict[str, Any]:
    i = (case.seed - 1) % 3
    return {"how": ("controls", "mixed", "typed")[i], "date": ("dd/mm/yyyy", "d.m.yy", "ordinal")[i],
            "box": ("w14", "☒", "X")[i], "yn": ("letter", "strike", "word")[i],
            "blank": ("", "N/A", "")[i], "same": (None, "Same as child", "As above")[i]}


def _label(cell: _Cell, text: str, guidance: str | None = None) -> None:
    """The printed label in bold, the form's guidance under it in small grey type, the cell shaded."""
    write(cell, text, bold=True)
    if guidance:
        run = cell.add_paragraph().add_run(guidance)
        run.font.size = Pt(7)
        run.font.color.rgb = GREY
    shade(cell, HEAD)


def _answer(cell: _Cell, value: str | None, plan: dict[str, Any], *, date: bool = False) -> None:
    """An answer as the referrer left it: in the form's content control (its prompt showing when untouched), or typed
    over the control as plain text."""
    paragraph = cell.paragraphs[0]
    if plan["how"] == "typed":
        if value:
            write(cell, value)
        return
    if not value:
        placeholder_control(paragraph, "", date=date)
        return
    if date and plan["how"] == "controls":
        _date_control(paragraph, value)
        return
    placeholder_control(paragraph, value)


def _date_control(paragraph: Paragraph, shown: str) -> None:
    """A filled date picker (its stored date alongside, as Word keeps it)."""
    sdt = _el(paragraph._p, "w:sdt")
    props = _el(sdt, "w:sdtPr")
    _el(props, "w:id", w_val=str(-700000 - next(_IDS)))
    try:
        day = dt.datetime.strptime(shown.replace("EDD ", ""), "%d/%m/%Y")
        picker = _el(props, "w:date", w_fullDate=day.strftime("%Y-%m-%dT00:00:00Z"))
    except ValueError:
        picker = _el(props, "w:date")
    _el(picker, "w:dateFormat", w_val="dd/MM/yyyy")
    _el(picker, "w:lid", w_val="en-GB")
    content = _el(sdt, "w:sdtContent")
    run = _el(content, "w:r")
    _el(run, "w:t").text = shown


def _gender(cell: _Cell, gender: str | None, plan: dict[str, Any]) -> None:
    """The form's 'Select Gender' drop-down (Male / Female / Not known), or the word typed over it."""
    if plan["how"] == "typed":
        write(cell, gender or "Not known")
        return
    sdt = _el(cell.paragraphs[0]._p, "w:sdt")
    props = _el(sdt, "w:sdtPr")
    _el(props, "w:id", w_val=str(-700000 - next(_IDS)))
    if gender is None:
        _el(props, "w:showingPlcHdr")
    listing = _el(props, "w:dropDownList")
    for item in ("Male", "Female", "Not known"):
        _el(listing, "w:listItem", w_value=item, w_displayText=item)
    run = _el(_el(sdt, "w:sdtContent"), "w:r")
    if gender is None:
        _el(_el(run, "w:rPr"), "w:rStyle", w_val="PlaceholderText")
    _el(run, "w:t").text = gender or "Select Gender"


def _yn(cell_or_paragraph: Paragraph, value: bool, plan: dict[str, Any]) -> None:
    if plan["yn"] == "strike":
        struck_choice(cell_or_paragraph, value)
    elif plan["yn"] == "letter":
        cell_or_paragraph.add_run("Y" if value else "N")
    else:
        cell_or_paragraph.add_run("Yes" if value else "No")


def _labels_then_answers(table: Any, labels: list[tuple[str, str | None]], answers: list[Any],
                         plan: dict[str, Any]) -> None:
    """One row of labels (with their guidance), the row of answers under it; an answer is a string, ('date', s),
    ('gender', g) or ('merge', s) spanning the rest of the row."""
    for cell, (text, guidance) in zip(table.add_row().cells, labels):
        _label(cell, text, guidance)
    cells = table.add_row().cells
    for k, answer in enumerate(answers):
        if not labels[k][0]:
            continue  # a cell the form leaves empty under an empty label
        if isinstance(answer, tuple) and answer[0] == "date":
            _answer(cells[k], answer[1], plan, date=True)
        elif isinstance(answer, tuple) and answer[0] == "gender":
            _gender(cells[k], answer[1], plan)
        else:
            _answer(cells[k], answer, plan)


def _parent_block(doc: Any, heading: str, who: str, person: dict[str, Any] | None, main_carer: bool,
                  plan: dict[str, Any], fields: Fields) -> None:
    t = grid(doc, 3)
    cell = full_width_row(t, f"{heading}   Is {who} Main Carer ? ", fill=HEAD)
    if person is None:
        cell.paragraphs[0].add_run("Y / N")
    else:
        _yn(cell.paragraphs[0], main_carer, plan)
    if person is None:
        blank = plan["blank"] or "Not known"
        person = {"surname": blank, "first": blank if plan["how"] != "controls" else "", "dob": "",
                  "address": "", "phone": "", "ethnicity": ""}
    _labels_then_answers(t, [("Surname:", None), ("First names:", None), ("DoB:", None)],
                         [person["surname"], person["first"], ("date", person["dob"])], plan)
    _labels_then_answers(t, [("Address (if different from child):", None), ("Telephone/Mobile:", None),
                             ("Ethnicity:", None)],
                         [person["address"], person["phone"], person["ethnicity"]], plan)
    doc.add_paragraph()


def build(case: Case) -> bytes:
    plan = _plan(case)
    v, d, fields = case.values, plan["date"], Fields()
    doc = Document()
    doc.add_heading("Swindon Family Contact Point /Multi Agency Safeguarding Hub (MASH)", level=1)
    doc.add_heading("Referral Form", level=2)

    top = grid(doc, 2)
    cells = top.add_row().cells
    _label(cells[0], "Date Referral Received:")
    _answer(cells[1], "", plan, date=True)
    doc.add_paragraph()

    surname = split_name(v["referral.victim.name"])[1]
    street, postcode = split_address(v["referral.victim.address"])
    c = grid(doc, 3)
    full_width_row(c, "Details of Child / Young Person being referred", fill=HEAD)
    if case.children:
        first, _ = split_name(v["referral.children.0.name"])
        dob = date_text(v["referral.children.0.dob"], d)
        gender = v["referral.children.0.gender"]
    else:
        first, dob, gender = "Unborn baby", f"EDD {date_text(due_date(case), d)}", None
    _labels_then_answers(c, [("Surname:", None), ("First names:", None), ("", None)], [surname, first, ""], plan)
    _labels_then_answers(c, [("Other known as names:",
                              "Please record all names child / young person have been/are known by."),
                             ("DoB or EDD:", None), ("Gender:", None)],
                         [plan["blank"], ("date", dob), ("gender", gender)], plan)
    _labels_then_answers(c, [("Home Address:", ("This is child/young person's usual or home address. If child is living "
                              "away from home or where the parents have shared care, the child/young person may have "
                              "2 addresses.")), ("Postcode:", None),
                             ("Telephone/Mobile:", "All known telephone numbers should be given")],
                         [street, postcode, v["referral.victim.phone"]], plan)
    _labels_then_answers(c, [("Current address if different from above:", None), ("Postcode:", None),
                              ("Telephone/Mobile:", None)], [plan["blank"], "", ""], plan)
    _labels_then_answers(c, [("Reason for residence at this address:",
                              "Please indicate if child is in Private Fostering arrangement."),
                             ("School / Nursery attended:", None), ("", None)],
                         ["Lives with mother", v["referral.children.0.school"] if case.children else "N/A", ""], plan)
    doc.add_paragraph()

    e = grid(doc, len(ETHNICITY))
    full_width_row(e, "Child / Young Person's Ethnicity (please tick)", fill=HEAD)
    chosen = ETHNIC_OPTION.get(v["referral.victim.ethnicity"])
    cells = e.add_row().cells
    for cell, (group, options) in zip(cells, ETHNICITY):
        write(cell, group, bold=True)
        for option in options:
            line = cell.add_paragraph()
            line.add_run(f"{option} ")
            if plan["box"] == "X":
                if option == chosen:
                    line.add_run("X")
            else:
                box(line, option == chosen, plan["box"], fields)
    cells = e.add_row().cells
    merged = cells[0].merge(cells[-1])
    merged.paragraphs[0].add_run("Any further details regarding child/young person's ethnicity: ").bold = True
    if v["referral.victim.ethnicity"] == "White Polish":
        merged.paragraphs[0].add_run("Polish")
    doc.add_paragraph()

    s = grid(doc, 4)
    full_width_row(s, "Siblings of Child/Young Person, living at home address", fill=HEAD)
    for cell, text in zip(s.add_row().cells, ("Name", "DoB", "Gender", "School / Nursery")):
        _label(cell, text)
    for i in range(1, case.children):
        ch = f"referral.children.{i}"
        cells = s.add_row().cells
        for cell, text in zip(cells, (v[f"{ch}.name"], date_text(v[f"{ch}.dob"], d), v[f"{ch}.gender"],
                                      v[f"{ch}.school"])):
            _answer(cell, text, plan)
    if case.children < 2:
        cells = s.add_row().cells
        _answer(cells[0], "None" if plan["how"] == "typed" else plan["blank"], plan)
    doc.add_paragraph()

    phone = v["referral.victim.phone"] if plan["same"] is None else plan["same"]
    mother = {"surname": surname, "first": split_name(v["referral.victim.name"])[0],
              "dob": date_text(v["referral.victim.dob"], d),
              "address": plan["same"] or v["referral.victim.address"],
              "phone": phone if plan["how"] != "mixed" else "As above", "ethnicity": v["referral.victim.ethnicity"]}
    _parent_block(doc, "Details of Mother", "Mother", mother, True, plan, fields)
    father_i = next((i for i in range(case.perpetrators) if not case.children and i == 0), None)
    father = None
    if father_i is not None:
        q = f"referral.perpetrators.{father_i}"
        fn, sn = split_name(v[f"{q}.name"])
        father = {"surname": sn, "first": fn, "dob": date_text(v[f"{q}.dob"], d), "address": v[f"{q}.address"],
                  "phone": "Not known", "ethnicity": v[f"{q}.ethnicity"]}
    _parent_block(doc, "Details of Father", "Father", father, False, plan, fields)

    household = [i for i in range(case.perpetrators) if i != father_i
                 and v[f"referral.perpetrators.{i}.relationship_to_victim"] in ("Partner", "Boyfriend")]
    outside = [i for i in range(case.perpetrators) if i != father_i and i not in household]
    h = grid(doc, 3)
    full_width_row(h, "Other Household members (including non-family members):", fill=HEAD)
    for cell, text in zip(h.add_row().cells, ("Name", "DoB", "Relationship to child")):
        _label(cell, text)
    for i in household:
        q = f"referral.perpetrators.{i}"
        cells = h.add_row().cells
        for cell, text in zip(cells, (v[f"{q}.name"], date_text(v[f"{q}.dob"], d), to_child(case, i))):
            _answer(cell, text, plan)
    if not household:
        _answer(h.add_row().cells[0], "None" if plan["how"] != "controls" else "", plan)
    doc.add_paragraph()

    o = grid(doc, 3)
    full_width_row(o, "Significant family members who are not members of the child's household", fill=HEAD)
    for cell, text in zip(o.add_row().cells, ("Name", "Relationship to child", "Address / Telephone")):
        _label(cell, text)
    for i in outside:
        q = f"referral.perpetrators.{i}"
        cells = o.add_row().cells
        for cell, text in zip(cells, (v[f"{q}.name"], to_child(case, i), v[f"{q}.address"])):
            _answer(cell, text, plan)
    if not outside:
        _answer(o.add_row().cells[0], "", plan)
    doc.add_paragraph()

    r = grid(doc, 2)
    full_width_row(r, "Reason for referral", fill=HEAD)
    rows = (("Reasons for Referral:", ("Please include all relevant concerns including - what has happened / changed "
             "today for your concerns to reach Child Protection / Complex Child in Need level"), v["referral.risks_summary"]),
            ("Any known or suspected concerns linked to alcohol, drug misuse, or domestic violence?", None,
             "Domestic violence – mother is the victim (see above)"),
            ("Previous Concerns:", "Please give details of previous concerns and / or previous referrals",
             plan["blank"]),
            ("Police reference (if known):", None, v["referral.crime_reference"]),
            ("DASH risk score (if completed):", None, str(v["referral.dash_score_stated"])))
    for text, guidance, value in rows:
        cells = r.add_row().cells
        _label(cells[0], text, guidance)
        _answer(cells[1], value, plan)
    doc.add_paragraph()

    p = grid(doc, 2)
    full_width_row(p, "Details of person making referral", fill=HEAD)
    for text, value, is_date in (("Name:", v["referral.referrer.name"], False),
                                 ("Job title:", v["referral.referrer.role"], False),
                                 ("Agency:", v["referral.referrer.agency"], False),
                                 ("Address:", REFERRER_ADDRESS, False),
                                 ("Telephone:", v["referral.referrer.phone"], False),
                                 ("Email:", v["referral.referrer.email"], False),
                                 ("Date:", date_text(v["referral.referrer.date"], d), True)):
        cells = p.add_row().cells
        _label(cells[0], text)
        _answer(cells[1], value, plan, date=is_date)
    doc.add_paragraph()

    k = grid(doc, 2)
    full_width_row(k, "Consent", fill=HEAD)
    for text, value in (("Has the parent/carer been informed of this referral? Y / N", v["referral.victim_aware"]),
                        ("Has the parent/carer given consent to this referral? Y / N", v["referral.consent"])):
        cells = k.add_row().cells
        _label(cells[0], text)
        _yn(cells[1].paragraphs[0], value, plan)
    cells = k.add_row().cells
    _label(cells[0], "If No, please give reason:")
    _answer(cells[1], v["referral.consent_override_reason"] or v["referral.victim_aware_reason"] or "", plan)
    cells = k.add_row().cells
    merged = cells[0].merge(cells[1])
    write(merged, "I give consent for my child who is named on page 1 to be referred to Children's Services by the "
                  "named person making referral.")
    merged.add_paragraph("Signed (parent/carer): ………………………   Date: ……………")
    return save(doc)


def expected(case: Case) -> dict[str, Any]:
    v = case.values
    found: dict[str, Any] = {p: v[p] for p in (
        "referral.referrer.name", "referral.referrer.role", "referral.referrer.agency", "referral.referrer.phone",
        "referral.referrer.email", "referral.referrer.date", "referral.victim.name", "referral.victim.dob",
        "referral.victim.address", "referral.victim.phone", "referral.victim.ethnicity", "referral.victim_aware",
        "referral.consent", "referral.dash_score_stated", "referral.crime_reference", "referral.risks_summary")}
    found["referral.referrer.address"] = REFERRER_ADDRESS
    if not case.children:
        found["referral.children.0.unborn"] = True
        found["referral.children.0.dob"] = due_date(case)
        q = "referral.perpetrators.0"
        for k in ("name", "dob", "address", "ethnicity"):
            found[f"{q}.{k}"] = v[f"{q}.{k}"]
        return found
    expect_each(found, case, "children", ("name", "dob", "gender", "school"))
    found["referral.children.0.address"] = v["referral.victim.address"]
    for i in range(case.perpetrators):
        q = f"referral.perpetrators.{i}"
        found[f"{q}.name"] = v[f"{q}.name"]
        if v[f"{q}.relationship_to_victim"] in ("Partner", "Boyfriend"):
            found[f"{q}.dob"] = v[f"{q}.dob"]
        else:
            found[f"{q}.address"] = v[f"{q}.address"]
    return found


FORMS = [AreaForm("swindon-fcp-mash-referral",
                  "Swindon (Family Contact Point / MASH referral form, children's front door)", SOURCE, "referral",
                  build, expected)]
