"""Children's-services referral forms used for a domestic abuse case (issue 11): the victim and the man she fears
appear only as the child's "parents / carers" or in the household table, by what they are to the child. Whose row is
whose comes from the rows' own words, else from the concerns text ("Domestic abuse by X towards mother"); "Mother"
and "Father" alone are only a presumption, read with an error that holds the case for a person. Also: a child listed twice
(an identifying grid, then the household table) is one child; a grown-up in a children's table is no child; a header
asking two things ("School / GP", "Address & Contact number"); "Their date of birth" after the perpetrator's name.
Each test builds the Word file the way such forms are laid out; all people are invented.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.document import Document as DocumentType

from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.heldout._kit import grid, label
from tests.word_forms import parse_docx


def _messages(parsed: dict[str, Any]) -> list[str]:
    return [p["message"] for p in parsed["problems"]]


def _parents_columns(doc: DocumentType, columns: list[tuple[str, list[str]]]) -> None:
    """ "C. PARENTS / CARERS": a blank corner over the column titles, labels down the left."""
    t = grid(doc, 1 + len(columns))
    full_width_row(t, "C. PARENTS / CARERS")
    head = t.add_row().cells
    label(head[0], "")
    for cell, (title, _) in zip(head[1:], columns):
        label(cell, title)
    for row, text in enumerate(("Name", "Relationship to child", "Date of birth", "Address", "Telephone")):
        cells = t.add_row().cells
        label(cells[0], text)
        for cell, (_, values) in zip(cells[1:], columns):
            write(cell, values[row])


def _concerns(doc: DocumentType, text: str) -> None:
    t = grid(doc, 2)
    full_width_row(t, "D. REASON FOR REFERRAL")
    cells = t.add_row().cells
    label(cells[0], "What are you worried about?")
    write(cells[1], text)


MOTHER = ["Jo TESTWOMAN", "Mother", "14/02/1990", "4 Test Lane, Exampletown, EX1 1AA", "07700 900111"]
FATHER = ["Sam TESTMAN", "Mother's boyfriend", "01/05/1988", "9 Other Road, Exampletown, EX2 2BB", "Not known"]


def test_parents_columns_are_told_apart_by_the_concerns_text_with_no_problem() -> None:
    doc = Document()
    _parents_columns(doc, [("Mother / carer", MOTHER), ("Father / carer", FATHER)])
    _concerns(doc, "Domestic abuse by Sam TESTMAN towards mother. Strangled her last week.")
    parsed = parse_docx(doc)
    referral = parsed["referral"]
    assert referral["victim"]["name"] == "Jo TESTWOMAN"
    assert referral["victim"]["dob"] == "1990-02-14"
    assert referral["victim"]["address"] == "4 Test Lane, Exampletown, EX1 1AA"
    assert [p["name"] for p in referral["perpetrators"]] == ["Sam TESTMAN"]
    assert referral["perpetrators"][0]["relationship_to_victim"] == "Boyfriend"
    assert not any("adults of the household" in m for m in _messages(parsed))


def test_the_concerns_text_wins_over_what_the_adults_are_to_the_child() -> None:
    doc = Document()
    father = ["Sam TESTMAN", "Father", "01/05/1988", "4 Test Lane, Exampletown, EX1 1AA", "07700 900222"]
    _parents_columns(doc, [("Mother / carer", MOTHER), ("Father / carer", father)])
    _concerns(doc, "Domestic abuse by Jo TESTWOMAN towards father; she has threatened to kill him.")
    referral = parse_docx(doc)["referral"]
    assert referral["victim"]["name"] == "Sam TESTMAN"  # the text says so: no mother-is-victim guess
    assert [p["name"] for p in referral["perpetrators"]] == ["Jo TESTWOMAN"]


def _household(doc: DocumentType, rows: list[list[str]]) -> None:
    t = grid(doc, 5)
    full_width_row(t, "Composition of Family and who else lives at the child's address")
    head = t.add_row().cells
    for cell, text in zip(head, ("Name", "Relationship to Child", "D.O.B.", "Address & Contact number", "School / GP")):
        label(cell, text)
    for row in rows:
        for cell, text in zip(t.add_row().cells, row):
            write(cell, text)


def test_household_adults_tied_by_the_concerns_text_with_two_answers_under_one_header() -> None:
    doc = Document()
    _household(doc, [
        ["Jo TESTWOMAN", "Mother", "14/02/1990", "4 Test Lane, Exampletown, EX1 1AA\n07700 900111", "Dr Example"],
        ["Sam TESTMAN", "Mother's boyfriend", "01/05/1988", "9 Other Road, Exampletown, EX2 2BB (not at this address)",
         ""],
        ["Ava TESTCHILD", "Daughter", "01/02/2018", "As above", "Riverside Primary"]])
    _concerns(doc, "Domestic abuse by Sam TESTMAN against Jo TESTWOMAN; threats to kill.")
    parsed = parse_docx(doc)
    referral = parsed["referral"]
    assert referral["victim"]["name"] == "Jo TESTWOMAN"
    assert referral["victim"]["address"] == "4 Test Lane, Exampletown, EX1 1AA"  # the number on its own line apart
    assert referral["victim"]["phone"] == "07700 900111"
    assert referral["victim"]["gp"] == "Dr Example"  # "School / GP": an adult's GP
    assert referral["perpetrators"][0]["name"] == "Sam TESTMAN"
    assert referral["perpetrators"][0]["relationship_to_victim"] == "Boyfriend"
    assert referral["perpetrators"][0]["address"] == "9 Other Road, Exampletown, EX2 2BB"  # the note in brackets off
    assert [(c["name"], c["school"]) for c in referral["children"]] == [("Ava TESTCHILD", "Riverside Primary")]
    assert len(parsed["problems"]) <= 1


def test_a_number_run_on_after_the_postcode_is_the_adults_phone() -> None:
    # A PDF printed from Word rewraps "address / number on its own line" into one run of words.
    doc = Document()
    _household(doc, [["Jo TESTWOMAN", "Mother", "14/02/1990", "4 Test Lane, Exampletown, EX1 1AA 07700 900111", ""],
                     ["Sam TESTMAN", "Mother's boyfriend", "01/05/1988", "9 Other Road, Exampletown, EX2 2BB", ""]])
    _concerns(doc, "Domestic abuse by Sam TESTMAN against Jo TESTWOMAN.")
    victim = parse_docx(doc)["referral"]["victim"]
    assert (victim["address"], victim["phone"]) == ("4 Test Lane, Exampletown, EX1 1AA", "07700 900111")


def test_mother_and_father_alone_are_presumed_and_held_for_a_person() -> None:
    # Nothing else on the form says who is harmed: the mother is read as the victim and the father as the alleged
    # perpetrator, as in most such referrals, with an error that keeps the case off the agenda until a person checks
    # (the IDVA copy carries only the referrer's own files, so the presumption never reaches the IDVA).
    doc = Document()
    _household(doc, [
        ["Jo TESTWOMAN", "Mother", "14/02/1990", "4 Test Lane, Exampletown, EX1 1AA", ""],
        ["Sam TESTMAN", "Father", "01/05/1988", "9 Other Road, Exampletown, EX2 2BB", ""],
        ["Ava TESTCHILD", "Daughter", "01/02/2018", "4 Test Lane, Exampletown, EX1 1AA", "Riverside Primary"]])
    parsed = parse_docx(doc)
    referral = parsed["referral"]
    assert referral["victim"]["name"] == "Jo TESTWOMAN"
    assert [p["name"] for p in referral["perpetrators"]] == ["Sam TESTMAN"]
    assert [c["name"] for c in referral["children"]] == ["Ava TESTCHILD"]
    held = [p for p in parsed["problems"] if "does not say who is harmed" in p["message"]]
    assert [p["severity"] for p in held] == ["error"]


def test_a_grown_up_in_the_children_table_is_no_child() -> None:
    doc = Document()
    t = grid(doc, 4)
    full_width_row(t, "Details of children in the household")
    head = t.add_row().cells
    for cell, text in zip(head, ("Name", "Date of birth", "Relationship", "School")):
        label(cell, text)
    for row in (["Ava TESTCHILD", "01/02/2018", "Daughter", "Riverside Primary"],
                ["Lee TESTSON", "03/04/1996", "Half-brother", ""]):
        for cell, text in zip(t.add_row().cells, row):
            write(cell, text)
    parsed = parse_docx(doc)
    assert [c["name"] for c in parsed["referral"]["children"]] == ["Ava TESTCHILD"]
    assert any("adults of the household" in m for m in _messages(parsed))


def test_a_child_listed_in_a_grid_and_again_in_the_household_table_is_one_child() -> None:
    doc = Document()
    t = grid(doc, 4)
    full_width_row(t, "Identifying details")
    head = t.add_row().cells
    for cell, text in zip(head, ("Children", "Forename(s)", "Surname", "Date of Birth")):
        label(cell, text)
    cells = t.add_row().cells
    label(cells[0], "Child 1")
    write(cells[1], "Ava")
    doc.add_paragraph()
    _household(doc, [
        ["Jo TESTWOMAN", "Mother", "14/02/1990", "4 Test Lane, Exampletown, EX1 1AA", ""],
        ["Sam TESTMAN", "Father", "01/05/1988", "9 Other Road, Exampletown, EX2 2BB", ""],
        ["Ava TESTCHILD", "Daughter", "01/02/2018", "4 Test Lane, Exampletown, EX1 1AA", "Riverside Primary"]])
    children = parse_docx(doc)["referral"]["children"]
    assert [c["name"] for c in children] == ["Ava TESTCHILD"]
    assert children[0]["dob"] == "2018-02-01"


def test_their_date_of_birth_after_the_perpetrators_name_is_his() -> None:
    doc = Document()
    doc.add_heading("Referral on behalf of someone else", level=1)  # an online form's confirmation copy
    doc.add_heading("About the person you are referring", level=2)
    for question, answer in (("First name", "Jo"), ("Last name", "TESTWOMAN"), ("Date of birth", "14/02/1990"),
                             ("Name of the person causing harm", "Sam TESTMAN"),
                             ("Their date of birth (if known)", "01/05/1988"),
                             ("Their address (if known)", "9 Other Road, Exampletown, EX2 2BB"),
                             ("Relationship to the applicant", "Ex-husband")):
        doc.add_paragraph().add_run(question).bold = True
        doc.add_paragraph(answer)
    referral = parse_docx(doc)["referral"]
    assert referral["victim"]["dob"] == "1990-02-14"
    assert not referral["victim"].get("address")  # never his address as hers
    perpetrator = referral["perpetrators"][0]
    assert (perpetrator["name"], perpetrator["dob"]) == ("Sam TESTMAN", "1988-05-01")
    assert perpetrator["address"] == "9 Other Road, Exampletown, EX2 2BB"
    assert perpetrator["relationship_to_victim"] == "Ex-husband"
