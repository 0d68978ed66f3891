"""Classes of layout from children's-services and adult-safeguarding referral forms used for domestic abuse cases
(issue 11; the sixth blind set, tests/corpus/fresh4, found them): the adults typed one a line into a "Name of Parents /
Carers" box whose label carries a printed hint; a family table whose rows only the form's own "Alleged
perpetrator(s)" box ties; "the person" of an adult-safeguarding form; a "Please tick ✓ or cross ✗ | YES | NO" grid;
children's names and dates of birth in two boxes one a line; a numbered section heading; an age after a date of birth.
Each test builds the Word file the way such forms lay it out; all people are invented.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.table import Table

from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.heldout._kit import grid, label
from tests.word_forms import parse_docx


def _pair(t: Table, text: str, value: str) -> None:
    cells = t.add_row().cells
    label(cells[0], text)
    write(cells[1], value)


def _messages(parsed: dict[str, Any]) -> list[str]:
    return [p["message"] for p in parsed["problems"]]


def test_parents_carers_box_one_adult_a_line_is_tied_by_the_concerns_text() -> None:
    doc = Document()
    doc.add_heading("Multi-Agency Referral Form", level=1)
    t = grid(doc, 2)
    full_width_row(t, "1. Child / Young Person Details")
    _pair(t, "Child's First Name", "Ava")
    _pair(t, "Child's Surname / Last Name", "TESTCHILD")
    _pair(t, "Date of Birth or Estimated Date of Delivery", "01/02/2018")
    _pair(t, "Name of Parents / Carers: Include all adults involved in the care of the child",
          "Jo TESTWOMAN – Mother – DOB 14/02/1990 – 4 Test Lane, Exampletown, EX1 1AA – tel 07700 900111\n"
          "Sam TESTMAN – Stepfather – DOB 01/05/1988 – 9 Other Road, Exampletown, EX2 2BB – tel not known")
    r = grid(doc, 2)
    full_width_row(r, "3. Reason for Referral")
    _pair(r, "What are your concerns?", "Domestic abuse towards mother by Sam TESTMAN. Threats to kill.")
    referral = parse_docx(doc)["referral"]
    assert [c["name"] for c in referral["children"]] == ["Ava TESTCHILD"]  # "First Name" is no child 1's name
    victim = referral["victim"]
    assert (victim["name"], victim["dob"], victim["phone"]) == ("Jo TESTWOMAN", "1990-02-14", "07700 900111")
    assert victim["address"] == "4 Test Lane, Exampletown, EX1 1AA"
    assert [(p["name"], p["dob"]) for p in referral["perpetrators"]] == [("Sam TESTMAN", "1988-05-01")]


def test_the_forms_own_perpetrator_box_ties_the_family_table_and_the_other_parent_is_read_with_a_problem() -> None:
    doc = Document()
    doc.add_heading("MASH referral", level=1)
    t = grid(doc, 5)
    full_width_row(t, "Section 2 - Details of the family (including perpetrator if applicable)")
    head = t.add_row().cells
    for cell, text in zip(head, ("First Name", "Last Name", "DoB/est. DoB/Age", "Relationship to Child",
                                 "School and/or GP")):
        label(cell, text)
    for row in (["Ava", "TESTCHILD", "01/02/2018", "Sister", "Riverside Primary"],
                ["Jo", "TESTWOMAN", "14/02/1990 (36)", "Mother", "Dr Example"],
                ["Sam", "TESTMAN", "01/05/1988 (38)", "Mother's partner", ""],
                ["Lee", "TESTMAN", "03/03/1980 (46)", "Mother's ex-partner", ""]):
        for cell, text in zip(t.add_row().cells, row):
            write(cell, text)
    r = grid(doc, 2)
    full_width_row(r, "Section 5 - Reason for referral")
    _pair(r, "Alleged perpetrator(s)", "Sam TESTMAN and Lee TESTMAN")
    parsed = parse_docx(doc)
    referral = parsed["referral"]
    assert [(p["name"], p["dob"]) for p in referral["perpetrators"]] == [("Sam TESTMAN", "1988-05-01"),
                                                                         ("Lee TESTMAN", "1980-03-03")]
    assert [(c["name"], c["school"]) for c in referral["children"]] == [("Ava TESTCHILD", "Riverside Primary")]
    # the perpetrators named, the one other parent is the one the referral is about; the reader says how it knew
    assert (referral["victim"]["name"], referral["victim"]["dob"]) == ("Jo TESTWOMAN", "1990-02-14")
    assert referral["victim"]["gp"] == "Dr Example"
    assert [p["relationship_to_victim"] for p in referral["perpetrators"]] == ["Partner", "Ex-partner"]
    assert sum("child's other parent" in m for m in _messages(parsed)) == 1


def test_adult_safeguarding_form_reads_the_person_and_the_source_of_risk() -> None:
    doc = Document()
    doc.add_heading("Safeguarding Adults Concern Form", level=1)
    t = grid(doc, 2)
    full_width_row(t, "Details of the person")
    _pair(t, "Name", "Jo TESTWOMAN")
    _pair(t, "Dob", "14/02/1990")
    _pair(t, "How best to contact this person", "Mornings only")
    p = grid(doc, 2)
    full_width_row(p, "Details of the person alleged to be the source of risk")
    _pair(p, "Name", "Sam TESTMAN")
    _pair(p, "Relationship to the person", "Ex-partner")
    c = grid(doc, 2)
    full_width_row(c, "Confidentiality and consent")
    _pair(c, "Have you discussed raising this concern with the person?", "No")
    _pair(c, "Does the person consent for the Safeguarding concern to be reported to Adults' Services?", "No")
    referral = parse_docx(doc)["referral"]
    assert (referral["victim"]["name"], referral["victim"]["contact_notes"]) == ("Jo TESTWOMAN", "Mornings only")
    assert [(p["name"], p["relationship_to_victim"]) for p in referral["perpetrators"]] == [
        ("Sam TESTMAN", "Ex-partner")]
    assert (referral["victim_aware"], referral["consent"]) == (False, False)


def test_yes_no_grid_headed_by_how_to_mark_it() -> None:
    doc = Document()
    doc.add_heading("Safeguarding Adults Referral Form", level=1)
    t = grid(doc, 3)
    full_width_row(t, "Description of the alleged abuse")
    head = t.add_row().cells
    for cell, text in zip(head, ("Please tick ✓ or cross ✗", "YES", "NO")):
        write(cell, text, bold=True)
    for question, yes, no in (("Is the adult aware of this referral?", "✓", ""),
                              ("Has the adult consented to this referral?", "", "✗")):
        cells = t.add_row().cells
        label(cells[0], question, fill=None)
        write(cells[1], yes)
        write(cells[2], no)
    referral = parse_docx(doc)["referral"]
    assert (referral["victim_aware"], referral["consent"]) == (True, False)


def test_childrens_names_beside_their_dates_of_birth_one_a_line_are_each_child_once() -> None:
    doc = Document()
    doc.add_heading("MASH Multi Agency Referral Form", level=1)
    t = grid(doc, 2)
    _pair(t, "NAME OF CHILD(REN)", "Ava TESTCHILD\nBen TESTCHILD")
    _pair(t, "Date of Birth", "01/02/2018\n03/04/2021")
    c = grid(doc, 3)
    full_width_row(c, "Children/Young People under 18 living at the above address")
    head = c.add_row().cells
    for cell, text in zip(head, ("First Name", "Surname", "School / Nursery")):
        label(cell, text)
    for row in (["Ava", "TESTCHILD", "Riverside Primary"], ["Ben", "TESTCHILD", "Little Acorns Nursery"]):
        for cell, text in zip(c.add_row().cells, row):
            write(cell, text)
    parsed = parse_docx(doc)
    children = parsed["referral"]["children"]
    assert [(k["name"], k["dob"], k["school"]) for k in children] == [
        ("Ava TESTCHILD", "2018-02-01", "Riverside Primary"), ("Ben TESTCHILD", "2021-04-03", "Little Acorns Nursery")]
    assert not any("could not be read one by one" in m for m in _messages(parsed))


def test_a_numbered_section_heading_names_whose_details_follow() -> None:
    doc = Document()
    t = grid(doc, 2)
    full_width_row(t, "Section 1 - About the Child")
    _pair(t, "First Name", "Ava")
    _pair(t, "Last Name", "TESTCHILD")
    _pair(t, "Address", "4 Test Lane, Exampletown")
    _pair(t, "Post Code", "EX1 1AA")
    [child] = parse_docx(doc)["referral"]["children"]
    assert (child["name"], child["address"]) == ("Ava TESTCHILD", "4 Test Lane, Exampletown, EX1 1AA")


def test_a_referral_date_with_its_time_after_it() -> None:
    doc = Document()
    doc.add_heading("MASH Multi Agency Referral Form", level=1)
    t = grid(doc, 2)
    _pair(t, "Name of person completing contact or referral", "Pat EXAMPLE")
    _pair(t, "Date / Time", "28.10.2026 – 09:40am")
    _pair(t, "Telephone Number", "0117 496 0111")
    referrer = parse_docx(doc)["referral"]["referrer"]
    assert (referrer["name"], referrer["date"], referrer["phone"]) == ("Pat EXAMPLE", "2026-10-28", "0117 496 0111")
