"""An intake or assessment sheet sent on as the referral (issue 11; the ninth blind set, tests/corpus/fresh7, found
it): typed lines with the printed underscore blanks left round the answers, the worker's name, role and service in one
box, "Interpreter: ☐ No ☒ Yes (language): Polish", and two perpetrators typed a line each in their boxes (two men,
in the order of the lines; never one man's name where the other boxes do not say so). All people invented."""
from __future__ import annotations

from docx import Document
from docx.table import Table

from tests.corpus.docx_parts import write
from tests.word_forms import grid, parse_docx


def test_typed_lines_with_underscore_blanks_read_without_them() -> None:
    doc = Document()
    doc.add_paragraph("Family Violence Assessment")
    for line in ("Client name/ID: Jo TESTWOMAN___________", "Date of birth: 14/02/1990__________________",
                 "Address: ____________ 4 Test Lane, Exampletown, EX1 1AA",
                 "Assessor/Role/Service: Pat EXAMPLE / Outreach Worker / Exampleshire Women's Aid____",
                 "Interpreter: ☐ No ☒ Yes (language): Polish", "Safe number/email: 07700 900111_______________"):
        doc.add_paragraph(line)
    referral = parse_docx(doc)["referral"]
    victim = referral["victim"]
    assert (victim["name"], victim["dob"]) == ("Jo TESTWOMAN", "1990-02-14")
    assert victim["address"] == "4 Test Lane, Exampletown, EX1 1AA"
    assert (victim["interpreter_language"], victim["phone"]) == ("Polish", "07700 900111")
    referrer = referral["referrer"]
    assert (referrer["name"], referrer["role"], referrer["agency"]) == ("Pat EXAMPLE", "Outreach Worker",
                                                                      "Exampleshire Women's Aid")


def test_two_perpetrators_typed_a_line_each_in_each_box_are_two_men() -> None:
    doc = Document()
    t: Table = grid(doc, 2)
    write(t.add_row().cells[0], "Perpetrator details", bold=True)
    for label, value in (("Perpetrator(s) Name:", "Sam TESTMAN\nLee EXAMPLE"), ("Perpetrator(s) DOB:", "1.5.88\n2.6.79"),
                         ("Relationship to victim:", "Boyfriend\nHusband")):
        cells = t.add_row().cells
        write(cells[0], label, bold=True)
        write(cells[1], value)
    perpetrators = parse_docx(doc)["referral"]["perpetrators"]
    assert [(p["name"], p["dob"], p["relationship_to_victim"]) for p in perpetrators] == [
        ("Sam TESTMAN", "1988-05-01", "Boyfriend"), ("Lee EXAMPLE", "1979-06-02", "Husband")]


def test_two_perpetrators_typed_a_line_each_in_one_box_are_never_one_name() -> None:
    doc = Document()
    t: Table = grid(doc, 2)
    for label, value in (("Perpetrator(s) Name:", "Sam TESTMAN\nLee EXAMPLE"), ("Relationship to victim:",
                                                                               "Boyfriend\nHusband")):
        cells = t.add_row().cells
        write(cells[0], label, bold=True)
        write(cells[1], value)
    parsed = parse_docx(doc)
    perpetrators = parsed["referral"]["perpetrators"]
    assert all(p["name"] != "Sam TESTMAN Lee EXAMPLE" for p in perpetrators)
    assert all(p["relationship_to_victim"] != "Boyfriend\nHusband" for p in perpetrators)
    assert any("several lines" in p["message"] for p in parsed["problems"])


def test_the_answer_typed_on_the_line_under_an_empty_blank_and_a_person_in_the_notes() -> None:
    doc = Document()
    doc.add_paragraph("Family Violence Assessment")
    for line in ("Client name/ID: ____________________________", "Jo TESTWOMAN",
                 "Date of birth: ____________________________", "14 February 1990",
                 "Notes: Alleged perpetrator: Sam TESTMAN (husband), DOB 01/05/1988. Not in law enforcement."):
        doc.add_paragraph(line)
    referral = parse_docx(doc)["referral"]
    assert (referral["victim"]["name"], referral["victim"]["dob"]) == ("Jo TESTWOMAN", "1990-02-14")
    man = referral["perpetrators"][0]
    assert (man["name"], man["dob"], man["relationship_to_victim"]) == ("Sam TESTMAN", "1988-05-01", "Husband")


def test_a_printed_blank_line_in_a_pdf_is_no_word() -> None:
    from parsers.pdf.layout import Word, less_blank_lines
    label = Word("ID:", 120.0, 140.0, 100.0, 111.0, False, 11.0)
    blank = Word("____________________________", 160.0, 320.0, 100.0, 111.0, False, 11.0)
    typed = Word("EVANS-PRICE___", 160.0, 250.0, 100.0, 111.0, False, 11.0)  # typed over the line: kept
    assert [w.text for w in less_blank_lines([label, blank, typed])] == ["ID:", "EVANS-PRICE___"]


def test_two_people_named_one_after_the_other_in_a_notes_box() -> None:
    doc = Document()
    doc.add_paragraph("Family Violence Assessment")
    doc.add_paragraph("Client name/ID: Jo TESTWOMAN")
    doc.add_paragraph("Notes: Alleged perpetrator: Sam TESTMAN (boyfriend), DOB 01/05/1988; Alleged perpetrator: "
                      "Lee EXAMPLE (husband), DOB 02/06/1979. Neither in law enforcement.")
    parsed = parse_docx(doc)
    assert [(p["name"], p["dob"], p["relationship_to_victim"]) for p in parsed["referral"]["perpetrators"]] == [
        ("Sam TESTMAN", "1988-05-01", "Boyfriend"), ("Lee EXAMPLE", "1979-06-02", "Husband")]
    assert parsed["problems"] == []
