"""Children's-services request forms and a housing move request sent for a domestic abuse case (issue 11; the tenth
blind set, tests/corpus/fresh8, found them): the parents as one column per person with "Alleged to be causing harm?
Y / N" asked of each; a second man in a box of "Other significant adults" whose own row says he causes harm; one box
answering for two numbered men a line each ("Perpetrator 1: Boyfriend"); a section number run into its heading
("1a.Child's details"); one sibling under a siblings heading, his address "As above"; a second officer's column of
the referrer's details. Each test builds the Word file the way such forms are laid out; all people are invented.
"""
from __future__ import annotations

import pytest
from docx import Document
from docx.document import Document as DocumentType
from docx.table import Table

from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.heldout._kit import label
from tests.word_forms import grid, label_pairs, label_row, parse_docx


def _rows(t: Table, head: tuple[str, ...], *rows: tuple[str, ...], label_column: bool = True) -> None:
    """A printed header row, then rows whose first cell is a printed label where `label_column` (bold on grey)."""
    label_row(t, *head)
    for values in rows:
        for k, (cell, text) in enumerate(zip(t.add_row().cells, values)):
            label(cell, text) if k == 0 and label_column else write(cell, text)


def _parents(doc: DocumentType, harm: tuple[str, str]) -> None:
    t = grid(doc, 3)
    full_width_row(t, "3. DETAILS OF PARENTS / CARERS")
    _rows(t, ("", "Parent/Carer 1", "Parent/Carer 2"),
          ("Name", "Jo TESTWOMAN", "Sam TESTMAN"),
          ("Date of Birth", "14/02/1990", "02/06/1988"),
          ("Relationship to child", "Mother", "Mother's boyfriend"),
          ("Address", "4 Test Lane, Exampletown, EX1 1AA", "9 Sample Road, Exampletown, EX2 2BB"),
          ("Alleged to be causing harm? Y / N", harm[0], harm[1]))


def _child(doc: DocumentType) -> None:
    t = grid(doc, 2)
    full_width_row(t, "2. DETAILS OF CHILD / YOUNG PERSON")
    label_pairs(t, ("Child's Name", "Mia TESTWOMAN"))
    label_pairs(t, ("Date of Birth", "03/04/2019"))


def test_the_parent_a_column_says_causes_harm_is_the_perpetrator_and_the_other_parent_the_victim() -> None:
    doc = Document()
    _child(doc)
    _parents(doc, ("N", "Y"))
    parsed = parse_docx(doc)
    referral = parsed["referral"]
    assert [p["name"] for p in referral["perpetrators"]] == ["Sam TESTMAN"]
    assert referral["perpetrators"][0]["dob"] == "1988-06-02"
    assert (referral["victim"]["name"], referral["victim"]["dob"]) == ("Jo TESTWOMAN", "1990-02-14")
    # the victim was inferred, not said: the coordinator is told so
    assert [p["field"] for p in parsed["problems"]] == ["referral.victim"]


def test_parents_whose_harm_question_is_left_unanswered_are_presumed_and_held() -> None:
    """ "Y / N" left as printed says nothing: the mother and her boyfriend are only presumed, and the case is held."""
    doc = Document()
    _child(doc)
    _parents(doc, ("Y / N", "Y / N"))
    parsed = parse_docx(doc)
    referral = parsed["referral"]
    assert referral["victim"]["name"] == "Jo TESTWOMAN"
    assert [p["name"] for p in referral["perpetrators"]] == ["Sam TESTMAN"]
    assert [p["severity"] for p in parsed["problems"] if "does not say who is harmed" in p["message"]] == ["error"]


def test_another_adult_whose_own_row_says_he_causes_harm_is_the_next_perpetrator() -> None:
    doc = Document()
    _child(doc)
    _parents(doc, ("N", "Y"))
    t = grid(doc, 2)
    full_width_row(t, "4. OTHER SIGNIFICANT ADULTS (including anyone in or visiting the household)")
    label_pairs(t, ("Name", "Lee SAMPLE"))
    label_pairs(t, ("Date of Birth", "01/01/1979"))
    label_pairs(t, ("Relationship to child / family", "Mother's husband"))
    label_pairs(t, ("Alleged to be causing harm? Y / N", "Y"))
    referral = parse_docx(doc)["referral"]
    assert [(p["name"], p["dob"]) for p in referral["perpetrators"]] == [
        ("Sam TESTMAN", "1988-06-02"), ("Lee SAMPLE", "1979-01-01")]


@pytest.mark.parametrize("typed", ["Perpetrator 1: Boyfriend\nPerpetrator 2: Husband",
                                   "Perpetrator 1: Boyfriend Perpetrator 2: Husband"])  # as a PDF runs the lines on
def test_one_box_answering_for_two_numbered_men_a_line_each(typed: str) -> None:
    doc = Document()
    t = grid(doc, 2)
    full_width_row(t, "Section 2 – Risk")
    label_pairs(t, ("Relationship of the person(s) posing the risk to the applicant", typed))
    referral = parse_docx(doc)["referral"]
    assert [p["relationship_to_victim"] for p in referral["perpetrators"]] == ["Boyfriend", "Husband"]


def test_a_section_number_run_into_the_heading_and_one_sibling_as_above() -> None:
    doc = Document()
    t = grid(doc, 2)
    full_width_row(t, "1a.Child's details (Please complete Section 1b for further children)")
    label_pairs(t, ("Name of child", "Mia TESTWOMAN"))
    label_pairs(t, ("Education provider/employer", "Riverside Primary"))
    label_pairs(t, ("Child's address and postcode", "4 Test Lane, Exampletown, EX1 1AA"))
    t = grid(doc, 4)
    full_width_row(t, "1b. Siblings and other related children's details")
    _rows(t, ("full name", "DOB", "Gender", "Address"), ("Leo TESTWOMAN", "06/08/2023", "Male", "As above"),
          label_column=False)
    parsed = parse_docx(doc)
    children = parsed["referral"]["children"]
    assert [(c["name"], c["school"]) for c in children] == [("Mia TESTWOMAN", "Riverside Primary"),
                                                             ("Leo TESTWOMAN", None)]
    assert children[1]["dob"] == "2023-08-06"
    assert children[1]["address"] == "4 Test Lane, Exampletown, EX1 1AA"
    assert not [p for p in parsed["problems"] if "again" in p["message"]]


def test_a_second_officers_column_is_one_problem_not_one_per_label() -> None:
    doc = Document()
    t = grid(doc, 3)
    full_width_row(t, "Section 3 – Nominating Officer details")
    _rows(t, ("", "Nominating Officer 1", "Nominating Officer 2"),
          ("Name", "Alex EXAMPLE", "Robin SAMPLE"),
          ("Job title", "Housing Officer", "Tenancy Officer"),
          ("Organisation", "Exampletown Council", "Example Homes"),
          ("Telephone", "0117 496 0001", "0117 496 0002"))
    parsed = parse_docx(doc)
    referrer = parsed["referral"]["referrer"]
    assert (referrer["name"], referrer["agency"], referrer["phone"]) == ("Alex EXAMPLE", "Exampletown Council",
                                                                         "0117 496 0001")
    assert [p["field"] for p in parsed["problems"]] == ["referral.referrer"]
    assert "second set" in parsed["problems"][0]["message"]
