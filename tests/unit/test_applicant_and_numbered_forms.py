"""Two classes of form from the fifth fresh blind set (issue 11), built the way such forms are laid out; all people are
invented.

A supported-housing (or refuge) referral: the victim is "the applicant" and the man under "Person the applicant is
fleeing" (never read as hers); her date of birth typed one digit to a box under "D D M M Y Y"; "Applicant's point of
contact (telephone …"; the referrer's name, address, phone and email on four lines of one box; a children's table with
a "Sex M / F" column.

An adult safeguarding concern form of numbered sections of typed "Label: answer" lines: "Name: … Male: ☐ Female: ☒"
on one line; "3. … concern raised by: Was the referral anonymous: Yes / No" (a numbered heading with a question after
its colon); "4. Source of alleged harm information (…): If any … state why …" for the man; "Role:/Relationship";
"Is the adult at risk aware …? Yes / No" answered by deleting a word or typing the answer after it. The same page as a
PDF printed from Word is handed on by the PDF reader in its own shapes, tested here at the label layer.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.document import Document as DocumentType

from parsers.labels import resolve
from parsers.model import Labelled, RawForm
from parsers.pdf.layout import Line, Word
from parsers.pdf.open_items import heading_goes_on, tick_pairs
from parsers.printed import asked_yes_no, label_pairs, numbered_heading
from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.heldout._kit import grid, label
from tests.word_forms import parse_docx


def _row(t: Any, text: str, value: str) -> None:
    cells = t.add_row().cells
    label(cells[0], text, fill=None)
    write(cells[1], value)


def _applicant_form(doc: DocumentType, dob_digits: str = "171074") -> None:
    doc.add_heading("SUPPORTED HOUSING - REFERRAL FORM", level=1)
    doc.add_paragraph().add_run("1. Applicant Details:").bold = True
    a = grid(doc, 9)
    for text, value in (("Forenames", "Jo"), ("Surname", "TESTWOMAN")):
        cells = a.add_row().cells
        label(cells[0].merge(cells[1]), text)
        write(cells[2].merge(cells[8]), value)
    heads = a.add_row().cells
    heads[0].merge(heads[2])
    for cell, head in zip(heads[3:9], "DDMMYY"):
        write(cell, head, bold=True)
    cells = a.add_row().cells
    label(cells[0], "Sex")
    write(cells[1], "F")
    label(cells[2], "Date of Birth")
    for cell, digit in zip(cells[3:9], dob_digits):
        write(cell, digit)
    g = grid(doc, 2)
    _row(g, "Applicant's point of contact (telephone or mobile or another contact point where the applicant can be "
            "reached:", "07700 900111")
    doc.add_paragraph().add_run("2. Details of referral agency").bold = True
    r = grid(doc, 2)
    _row(r, "Name of referring agency:", "Test Housing Association")
    _row(r, "Name and contact details of person making referral (including address, telephone number and e-mail)",
         "Sam Referrer\nPO Box 1, Exampletown\n0117 496 0000\nsam.referrer@example.org")
    doc.add_paragraph().add_run("5. Domestic abuse").bold = True
    x = grid(doc, 2)
    full_width_row(x, "Person the applicant is fleeing")
    _row(x, "Name", "Alex TESTMAN")
    _row(x, "Date of Birth", "01/05/1988")
    _row(x, "Relationship to applicant", "Ex-partner")
    _row(x, "Reason for referral and known risks", "Threats to kill last week")
    doc.add_paragraph().add_run("Children who will come with the applicant").bold = True
    c = grid(doc, 3)
    for cell, text in zip(c.add_row().cells, ("Name", "Date of Birth", "Sex M / F")):
        label(cell, text)
    for child in (("Kim TESTWOMAN", "02/03/2019", "F"), ("Lee TESTWOMAN", "04/05/2021", "M")):
        for cell, text in zip(c.add_row().cells, child):
            write(cell, text)


def test_the_person_the_applicant_is_fleeing_is_the_perpetrator_not_her() -> None:
    doc = Document()
    _applicant_form(doc)
    parsed = parse_docx(doc)
    referral = parsed["referral"]
    assert referral["victim"]["name"] == "Jo TESTWOMAN"  # "Forenames" and "Surname" joined
    assert referral["perpetrators"][0]["name"] == "Alex TESTMAN"
    assert referral["perpetrators"][0]["dob"] == "1988-05-01"
    assert referral["perpetrators"][0]["relationship_to_victim"] == "Ex-partner"
    assert referral["risks_summary"] == "Threats to kill last week"
    assert referral["victim"]["phone"] == "07700 900111"
    assert [c["gender"] for c in referral["children"]] == ["Female", "Male"]  # the "Sex M / F" column


def test_a_date_of_birth_typed_one_digit_to_a_box_is_one_date() -> None:
    doc = Document()
    _applicant_form(doc)
    parsed = parse_docx(doc)
    assert parsed["referral"]["victim"]["dob"] == "1974-10-17"
    assert not any("dob" in (p["field"] or "") for p in parsed["problems"])


def test_too_few_digit_boxes_are_no_date_and_say_so() -> None:
    doc = Document()
    _applicant_form(doc, dob_digits="1710")  # the year left out: never a guess
    parsed = parse_docx(doc)
    assert parsed["referral"]["victim"]["dob"] is None
    assert "referral.victim.dob" in [p["field"] for p in parsed["problems"]]


def test_the_referrers_name_address_phone_and_email_on_four_lines_of_one_box() -> None:
    doc = Document()
    _applicant_form(doc)
    referrer = parse_docx(doc)["referral"]["referrer"]
    assert referrer["name"] == "Sam Referrer"
    assert referrer["agency"] == "Test Housing Association"
    assert referrer["phone"] == "0117 496 0000"
    assert referrer["email"] == "sam.referrer@example.org"


def _line(doc: DocumentType, bold: str, plain: str = "") -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(bold).bold = True
    if plain:
        paragraph.add_run(plain)


def _concern_form(doc: DocumentType, aware: str) -> None:
    _line(doc, "1. Person at risk of harm information:")
    _line(doc, "Name:", " Jo TESTWOMAN   Male: ☐   Female: ☒")
    _line(doc, "Date of Birth:", " 14/02/1990")
    _line(doc, "3. Safeguarding Adults concern raised by: ", "Was the referral anonymous: No")
    _line(doc, "Name(Full Name) :", " Sam Referrer")
    _line(doc, "Role:/Relationship", " Housing Officer")
    _line(doc, "4. Source of alleged harm information (person/organisation/Relationship to adult at risk etc.): If "
               "any of this information is not known then state why it's not known do not leave blank.")
    _line(doc, "Name:", " Alex TESTMAN   Male: ☒   Female: ☐")
    _line(doc, "Date of Birth:", " 01/05/1988")
    _line(doc, "Relationship to adult at risk:", " Ex-partner")
    _line(doc, "5. Consent")
    doc.add_paragraph(f"Is the adult at risk aware of this concern being raised? {aware}")


def test_numbered_sections_of_typed_lines_say_whose_name_it_is() -> None:
    doc = Document()
    _concern_form(doc, "Yes")
    referral = parse_docx(doc)["referral"]
    assert referral["victim"]["name"] == "Jo TESTWOMAN"  # not "Female", not the boxes after the name
    assert referral["victim"]["gender"] == "Female"
    assert referral["victim"]["dob"] == "1990-02-14"
    assert referral["referrer"]["name"] == "Sam Referrer"
    assert referral["referrer"]["role"] == "Housing Officer"  # not "/Relationship Housing Officer"
    assert referral["perpetrators"][0]["name"] == "Alex TESTMAN"
    assert referral["perpetrators"][0]["gender"] == "Male"
    assert referral["perpetrators"][0]["relationship_to_victim"] == "Ex-partner"
    assert referral["victim_aware"] is True


def test_yes_no_answered_by_typing_the_answer_after_the_printed_words() -> None:
    doc = Document()
    _concern_form(doc, "Yes / No   NO")
    assert parse_docx(doc)["referral"]["victim_aware"] is False


def test_printed_text_rules() -> None:
    assert label_pairs("Name: Jo TESTWOMAN   Male: ☐   Female: ☒") == [("Name", "Jo TESTWOMAN"), ("Gender", "Female")]
    assert label_pairs("Role:/Relationship Housing Officer") == [("Role/Relationship", "Housing Officer")]
    assert numbered_heading("3. Concern raised by: Was the referral anonymous: No", False) == \
        ("3. Concern raised by", "Was the referral anonymous: No")
    assert numbered_heading("1. Name: Jo TESTWOMAN", False) is None  # a numbered label and its answer
    assert asked_yes_no("Has the adult at risk consented to it? Yes /") == ("Has the adult at risk consented to it?",
                                                                           "Yes /")
    assert asked_yes_no("Why was she not told? She is in hospital") is None


def _pdf_line(text: str, top: float, bold: bool = True) -> Line:
    words, x = [], 90.0
    for piece in text.split():
        words.append(Word(piece, x, x + 6 * len(piece), top, top + 11, bold=bold, size=11.0))
        x += 6 * len(piece) + 4
    return Line(words)


def test_pdf_a_long_numbered_heading_goes_on_over_its_bold_lines() -> None:
    first = _pdf_line("(person/organisation/Relationship to adult at risk etc.): If any of this", 190)
    third = _pdf_line("information is not known then state why it's not known do not leave very long", 203)
    assert heading_goes_on(third, first, "4. Source of alleged harm information")
    assert not heading_goes_on(third, first, "Victim details")  # only a numbered heading
    assert not heading_goes_on(_pdf_line("Name: Alex", 203, bold=False), first, "4. Source of alleged harm")
    assert tick_pairs("Is the adult at risk aware of this concern being raised? Yes /") == \
        [("Is the adult at risk aware of this concern being raised?", "Yes /")]


def test_pdf_numbered_headings_handed_on_as_labels_are_headings() -> None:
    top = "Safeguarding Adults – Concern"
    items = [Labelled("1. Person at risk of harm information", None, top),
             Labelled("Name", "Jo TESTWOMAN", top), Labelled("Male", False, top), Labelled("Female", True, top),
             Labelled("D", None, top), Labelled("M", None, top),  # the printed heads over the boxes
             Labelled("Date of Birth", "1", top), Labelled("4", "0", top), Labelled("2", "9", top),
             Labelled("0", None, top),  # "1 4 0 2 9 0", a box a digit, read as label | value pairs
             Labelled("3. Safeguarding Adults concern raised by", "Was the referral anonymous: No", top),
             Labelled("Name(Full Name)", "Sam Referrer", top),
             Labelled("Name", "Alex TESTMAN", "4. Source of alleged harm information (…): If any of this is not "
                                              "known then state why it's not known do not leave blank."),
             Labelled("Male", True, "4. Source of alleged harm information (…): If any of this is not known then "
                                    "state why it's not known do not leave blank."),
             Labelled("Female", False, "4. Source of alleged harm information (…): If any of this is not known "
                                       "then state why it's not known do not leave blank.")]
    fields = resolve(RawForm("pdf-text", labelled=items)).fields
    assert fields["referral.victim.name"] == "Jo TESTWOMAN"
    assert fields["referral.victim.gender"] == "Female"
    assert fields["referral.victim.dob"] == "14/02/90"
    assert fields["referral.referrer.name"] == "Sam Referrer"
    assert fields["referral.perpetrators.0.name"] == "Alex TESTMAN"
    assert fields["referral.perpetrators.0.gender"] == "Male"


def test_the_chosen_letter_of_a_printed_m_or_f_made_bold_and_underlined() -> None:
    doc = Document()
    _applicant_form(doc)
    sex = next(c for t in doc.tables for row in t.rows for c in row.cells if c.text == "F")  # her "Sex" answer box
    paragraph = sex.paragraphs[0]
    paragraph.runs[0].text = ""
    for index, option in enumerate(("M", "F")):
        if index:
            paragraph.add_run(" / ")
        run = paragraph.add_run(option)
        run.bold = run.underline = option == "F"
    assert parse_docx(doc)["referral"]["victim"]["gender"] == "Female"


def test_a_second_label_typed_after_spaces_on_the_line_and_a_mans_organisation() -> None:
    doc = Document()
    doc.add_heading("Safeguarding Adults – Concern", level=1)
    _line(doc, "Date of Concern:", " 30/10/2026     Time: 14:30")
    _concern_form(doc, "No")
    _line(doc, "Organisation:", " Test Housing Association")  # the referrer's, then the man's below
    _line(doc, "4. Source of alleged harm information (person/organisation/Relationship to adult at risk etc.): If "
               "any of this information is not known then state why it's not known do not leave blank.")
    _line(doc, "Name:", " Chris TESTMAN   Male: ☒   Female: ☐")
    _line(doc, "Organisation:", " N/A – not a professional")
    _line(doc, "If no, give the reasons:", " N/A")
    parsed = parse_docx(doc)
    assert parsed["referral"]["referrer"]["date"] == "2026-10-30"  # not "30/10/2026 Time: 14:30"
    assert "referral.referrer.agency" not in [p["field"] for p in parsed["problems"]]


def _give_details(doc: DocumentType, account: str) -> None:
    _line(doc, "2a. Alleged Abuse: More than one category may be applicable")
    paragraph = doc.add_paragraph()
    paragraph.add_run("Give details: ").bold = True
    paragraph.add_run("Full names and titles should be used. This is the first information the reader sees so it "
                      "must make sense.").italic = True
    doc.add_paragraph(account)


def test_give_details_with_its_printed_instruction_and_the_account_below() -> None:
    doc = Document()
    doc.add_heading("Safeguarding Adults – Concern", level=1)
    _give_details(doc, "Strangled during an argument last week")
    assert parse_docx(doc)["referral"]["risks_summary"] == "Strangled during an argument last week"


def test_give_details_elsewhere_or_holding_the_instruction_is_no_account() -> None:
    section = "2a. Alleged Abuse: More than one category may be applicable"
    fields = resolve(RawForm("pdf-text", labelled=[  # the PDF reader sees no italics: the instruction as the answer
        Labelled("Give details", "Full names and titles should be used. It must make sense.", section)])).fields
    assert not fields.get("referral.risks_summary")
    fields = resolve(RawForm("pdf-text", labelled=[Labelled("Give details", "Uses a wheelchair", "Disability")])).fields
    assert not fields.get("referral.risks_summary")  # a bare "Give details" under another heading is no account


def test_one_gender_box_holding_a_gender_a_line_for_several_children_is_not_one_childs() -> None:
    fields = resolve(RawForm("pdf-text", labelled=[Labelled("Child's name", "Kim TESTWOMAN", "Details of children"),
                                                   Labelled("Gender M/F", "F\nM\nF", "Details of children")]))
    assert not fields.fields.get("referral.children.0.gender")
    assert "referral.children.0.gender" in [p.field for p in fields.problems]


def test_a_short_answer_typed_in_italics_is_still_the_answer() -> None:
    doc = Document()
    doc.add_heading("Victim details", level=1)
    paragraph = doc.add_paragraph()
    paragraph.add_run("Name: ").bold = True
    paragraph.add_run("Jo TESTWOMAN").italic = True
    doc.add_paragraph("Please make sure every section is completed before sending.")
    assert parse_docx(doc)["referral"]["victim"]["name"] == "Jo TESTWOMAN"
