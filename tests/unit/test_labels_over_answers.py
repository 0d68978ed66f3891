"""Adult safeguarding referral forms used for a domestic abuse case (issue 11; the seventh blind set,
tests/corpus/fresh5, found them): labels in one row with the answers in the row under them, blank cells beside
("Police crime reference number: | DASH risk checklist score: | | "); a raised "M" after every mandatory label
("Gender:ᴹ"), which is no answer "Male"; a topic row inside the person's box ("Health Conditions") that leaves the
box whose it is; the address and its postcode in boxes of their own; another agency's "Name of organisation" under
"Agencies involved", which is not the referrer's. Each test builds the Word file the way such forms are laid out;
all people are invented.
"""
from __future__ import annotations

from docx import Document
from docx.document import Document as DocumentType
from docx.table import Table, _Cell

from parsers.pdf.layout import Word, _less_raised_marks
from tests.corpus.docx_parts import full_width_row, shade, write
from tests.word_forms import grid, parse_docx


def _label(cell: _Cell, text: str, mandatory: bool = True) -> None:
    """A printed label, bold on grey, with the form's raised "M" after it when the box must be filled in."""
    shade(cell, "D9D9D9")
    paragraph = cell.paragraphs[0]
    paragraph.add_run(text).bold = True
    if mandatory:
        mark = paragraph.add_run("M")
        mark.font.superscript = True


def _labels_over(t: Table, labels: list[str], answers: list[str]) -> None:
    for cell, text in zip(t.add_row().cells, labels):
        if text:
            _label(cell, text)
    for cell, text in zip(t.add_row().cells, answers):
        write(cell, text)


def _victim_box(doc: DocumentType) -> None:
    t = grid(doc, 4)
    full_width_row(t, "Details of the adult at risk")
    _labels_over(t, ["Forename:", "Surname:", "Date of Birth:", ""], ["Jo", "TESTWOMAN", "14/02/1990", ""])
    cells = t.add_row().cells
    _label(cells[0], "Gender:")
    write(cells[1], "Female")
    _label(cells[2], "Religion:")
    write(cells[3], "None")
    full_width_row(t, "Health Conditions")
    full_width_row(t, "None known", fill=None, bold=False)
    _labels_over(t, ["Address:", "Postcode:", "Telephone:", ""], ["4 Test Lane, Exampletown", "EX1 1AA",
                                                                   "07700 900111", ""])


def test_a_raised_mandatory_mark_is_no_answer_and_a_topic_row_keeps_the_box_whose_it_is() -> None:
    doc = Document()
    _victim_box(doc)
    parsed = parse_docx(doc)
    victim = parsed["referral"]["victim"]
    assert victim["name"] == "Jo TESTWOMAN"
    assert victim["gender"] == "Female"  # "Gender:ᴹ" is not "Gender: M"
    # under "Health Conditions", still in her box; her address ends with the postcode from its own box
    assert victim["address"] == "4 Test Lane, Exampletown, EX1 1AA"
    assert victim["postcode"] == "EX1 1AA"
    assert victim["phone"] == "07700 900111"
    assert parsed["problems"] == []


def test_labels_with_blank_cells_beside_them_are_read_over_their_answers() -> None:
    doc = Document()
    _victim_box(doc)
    t = grid(doc, 4)
    full_width_row(t, "Details of the concern")
    _labels_over(t, ["Police crime reference number:", "DASH risk checklist score:", "", ""],
                 ["EX/10001/26", "16", "", ""])
    t = grid(doc, 4)
    full_width_row(t, "D. Details of the person making this referral")
    _labels_over(t, ["Name:", "Organisation:", "Job title:", "Telephone:"],
                 ["Pat EXAMPLE", "Exampleshire Council", "Social Worker", "0117 496 0000"])
    _labels_over(t, ["Email:", "Date of referral:", "", ""], ["pat@example.gov.uk", "30/10/2026", "", ""])
    referral = parse_docx(doc)["referral"]
    assert referral["crime_reference"] == "EX/10001/26"  # not "DASH risk checklist score:"
    assert referral["dash_score_stated"] == 16
    referrer = referral["referrer"]
    assert (referrer["name"], referrer["agency"], referrer["email"]) == ("Pat EXAMPLE", "Exampleshire Council",
                                                                          "pat@example.gov.uk")
    assert referrer["date"] == "2026-10-30"
    assert referral["perpetrators"] == []  # the referrer's two rows are not two people


def test_another_agencys_details_are_not_the_referrers() -> None:
    doc = Document()
    t = grid(doc, 2)
    full_width_row(t, "Referrer details")
    for text, value in (("Name", "Pat EXAMPLE"), ("Agency", "Exampleshire Council")):
        cells = t.add_row().cells
        _label(cells[0], text, mandatory=False)
        write(cells[1], value)
    _victim_box(doc)
    t = grid(doc, 3)
    full_width_row(t, "Agencies Involved")
    _labels_over(t, ["Name of organisation", "Contact person, phone & email", "Type of involvement"],
                 ["Children's Services", "Sam Example, 07700 900444, sam@example.gov.uk", "Social worker"])
    parsed = parse_docx(doc)
    assert parsed["referral"]["referrer"]["agency"] == "Exampleshire Council"
    assert parsed["referral"]["referrer"]["phone"] is None
    assert parsed["problems"] == []  # nothing asked of the other agency's row


def test_a_raised_mark_in_a_pdf_is_dropped_and_a_typed_m_kept() -> None:
    label = Word("Gender:", 100.0, 140.0, 200.0, 211.0, True, 11.0)
    raised = Word("M", 141.0, 146.0, 198.0, 205.0, True, 6.4)  # LibreOffice prints a superscript at 58 %
    typed = Word("M", 144.0, 152.0, 200.0, 211.0, False, 11.0)  # "Gender: M", typed as the answer
    assert [w.text for w in _less_raised_marks([label, raised])] == ["Gender:"]
    assert [w.text for w in _less_raised_marks([label, typed])] == ["Gender:", "M"]


def _pairs_box(doc: DocumentType, title: str, rows: list[list[str]]) -> None:
    t = grid(doc, max(len(r) for r in rows))
    full_width_row(t, title)
    for row in rows:
        cells = t.add_row().cells
        for k, text in enumerate(row):
            if k % 2 == 0:
                _label(cells[k], text, mandatory=False)
            else:
                write(cells[k], text)


def test_sex_boxes_after_the_words_over_two_lines_and_a_reference_number_label() -> None:
    doc = Document()
    _pairs_box(doc, "Personal Details of Person about Whom Concern is Raised", [
        ["Agency Ref. No.:", "", "NHS Number:", ""],
        ["Surname:", "TESTWOMAN", "Forename(s):", "Jo"],
        ["Sex:", "Male ☐   Female ☒\nUnknown ☐   Indeterminate ☐", "Date of Birth or Age:", "14/02/1990"]])
    _pairs_box(doc, "Personal Details of Person Alleged to have Caused Harm", [
        ["Surname:", "TESTMAN", "Forename(s):", "Sam"],
        ["Sex:", "Male ☒   Female ☐\nUnknown ☐   Indeterminate ☐", "Date of Birth or Age:", "01/05/1988"],
        ["Relationship to Person about Whom Concern is Raised:", "Husband"]])
    _pairs_box(doc, "Details of Person Making the Referral", [["Name:", "Pat EXAMPLE", "Agency:", "Exampleshire Council"]])
    parsed = parse_docx(doc)
    referral = parsed["referral"]
    assert referral["victim"]["gender"] == "Female"
    assert referral["perpetrators"][0]["gender"] == "Male"
    assert referral["perpetrators"][0]["relationship_to_victim"] == "Husband"
    assert referral["referrer"]["agency"] == "Exampleshire Council"  # "Agency Ref. No." is not "Agency: Ref. No."
    assert parsed["problems"] == []


def test_a_childrens_form_reads_the_primary_carer_as_the_victim_of_the_person_causing_concern() -> None:
    doc = Document()
    doc.add_heading("Referral to Children's Social Care", level=1)
    _pairs_box(doc, "Referral", [["Date of Referral", "30/10/2026", "Time of Referral", "10:15"]])
    _pairs_box(doc, "Name of child(ren) primary carer", [
        ["Name", "Jo TESTWOMAN", "DOB", "14/02/1990"]])
    t = grid(doc, 3)
    full_width_row(t, "Person(s) causing concern")
    for cell, text in zip(t.add_row().cells, ("Name", "DOB", "Relationship to primary carer")):
        _label(cell, text, mandatory=False)
    for cell, text in zip(t.add_row().cells, ("Sam TESTMAN", "01/05/1988", "Boyfriend")):
        write(cell, text)
    _pairs_box(doc, "Consent", [["Have the parents / carers been told about this referral? Y/N", "N"],
                                ["Have the parents / carers given consent? Y/N", "N"]])
    referral = parse_docx(doc)["referral"]
    assert referral["referrer"]["date"] == "2026-10-30"  # the form's title names where it goes, not a child's box
    assert (referral["victim"]["name"], referral["victim"]["dob"]) == ("Jo TESTWOMAN", "1990-02-14")
    assert referral["perpetrators"][0]["relationship_to_victim"] == "Boyfriend"
    assert referral["children"] == []
    assert (referral["victim_aware"], referral["consent"]) == (False, False)


def test_the_young_person_a_checklist_names_is_its_victim_not_a_child() -> None:
    # The young people's Dash: "Name of young person" at its head, then the questions. A checklist alone (the
    # referral form comes apart), never a referral holding one child and nothing else.
    from parsers import parse_bytes
    from tests.corpus.areas.case import invented_case
    from tests.corpus.fresh3.yp_ric_sections import FORMS

    parsed = parse_bytes(FORMS[0].build(invented_case(1, 1, 2)), "checklist.docx")
    assert parsed["forms"] == ["dash"]
    assert parsed["referral"] is None
    assert parsed["dash"]["score"] == 16


def test_what_a_childrens_box_asks_once_is_said_of_all_the_children_listed_above() -> None:
    # Children as rows, then "Gender M/F" one a line, and one "Address" / "Postcode" for them all; the carer's own
    # "Address (if different from the child(ren)): Same as above" is theirs, and her "Relationship to child" no field.
    doc = Document()
    t = grid(doc, 4)
    full_width_row(t, "Details of Child(ren)")
    for cell, text in zip(t.add_row().cells, ("Child(ren) name", "DOB", "Age", "Unborn Y/N")):
        _label(cell, text, mandatory=False)
    for row in (("Ava TESTCHILD", "01/02/2018", "8", "N"), ("Max TESTCHILD", "03/04/2021", "5", "N")):
        for cell, text in zip(t.add_row().cells, row):
            write(cell, text)
    for pair in (("Gender M/F", "F\nM", "Ethnicity", "White British"), ("Address", "4 Test Lane\nExampletown", "", ""),
                 ("Postcode", "EX1 1AA", "", "")):
        cells = t.add_row().cells
        for k, text in enumerate(pair):
            (_label(cells[k], text, mandatory=False) if k % 2 == 0 and text else write(cells[k], text))
    _pairs_box(doc, "Name of child(ren) primary carer", [
        ["Name", "Jo TESTWOMAN", "Relationship to child", "Mother"],
        ["Address (if different from the child(ren))", "Same as above"]])
    _pairs_box(doc, "Person(s) causing concern", [["Name", "Sam TESTMAN", "Relationship to primary carer", "Partner"]])
    parsed = parse_docx(doc)
    referral = parsed["referral"]
    assert [(c["name"], c["gender"], c["address"]) for c in referral["children"]] == [
        ("Ava TESTCHILD", "Female", "4 Test Lane\nExampletown, EX1 1AA"),  # over two lines as typed, never split
        ("Max TESTCHILD", "Male", "4 Test Lane\nExampletown, EX1 1AA")]
    assert referral["victim"]["address"] == "4 Test Lane\nExampletown, EX1 1AA"
    assert parsed["problems"] == []
