"""A referral typed as prose under the form's own headings (issue 11: the "Essential Information for DASH / MARAC
forms" class of layout, where there are no boxes at all): a numbered list of children running on over several lines
after "Children:", each child's school and whom they live with said after the date of birth, a bold question
answered on its own line, the referrer's telephone, email and date typed on the line after "Referred by" under a
title that says "DASH / MARAC referral", and the victim's telephone under "Contact details for the victim". Each test
builds the Word file as a referrer types it and checks the value, or no value where the words do not say. All data
is invented.
"""
from __future__ import annotations

from docx import Document
from docx.document import Document as DocumentType

from tests.corpus.docx_parts import full_width_row, write
from tests.word_forms import grid, label_pairs
from tests.word_forms import parse_docx as _parse


def _bold(doc: DocumentType, text: str) -> None:
    doc.add_paragraph().add_run(text).bold = True


def _asked(doc: DocumentType, question: str, answer: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(question + " ").bold = True
    paragraph.add_run(answer)


def _referral(children: list[str], *, title: str = "DASH / MARAC referral") -> DocumentType:
    doc = Document()
    doc.add_heading(title, level=1)
    doc.add_paragraph("Referred by: Pat Example, IDVA, Exampleshire Women's Aid")
    doc.add_paragraph("Tel: 0117 496 0111    Email: pat.referrer@example.gov.uk    Date: 3.11.26")
    _bold(doc, "Names and dates of birth for victim, alleged perpetrator and any children; include any aliases")
    doc.add_paragraph("Victim: Jo EXAMPLE, DOB 14/02/1990, 4 Test Lane, Exampletown, EX1 1AA")
    doc.add_paragraph("Alleged perpetrator (partner): Sam EXAMPLE, DOB 01/05/1988, 9 Other Road, Exampletown, EX2 2BB")
    doc.add_paragraph("Children:")
    for line in children:
        doc.add_paragraph(line)
    _bold(doc, "SAFE contact details for the victim, including the best time to call; GP details")
    doc.add_paragraph("Tel 07700 900222. Safe to call: yes. Best time: mornings.")
    _bold(doc, "CURRENT high risk issues:")
    _asked(doc, "What happened?", "Strangled during an argument; threats to kill.")
    _asked(doc, "Was it reported to the police?", "Yes – crime ref EX/12345/26, OIC DC Testperson.")
    return doc


def test_numbered_children_run_on_over_lines_each_with_school_and_whom_they_live_with() -> None:
    parsed = _parse(_referral([
        "1) Ava EXAMPLE, DOB 01/02/2018, Riverside Primary – lives with mum",
        "2) Ben EXAMPLE, DOB 03/04/2023, Not yet at school – lives with mum",
        "3) Cal EXAMPLE, DOB 05/06/2012, Hillside Academy – lives with maternal grandmother, 12 Elm Close, "
        "Exampletown, EX3 3CC"]))
    children = parsed["referral"]["children"]
    assert [c["name"] for c in children] == ["Ava EXAMPLE", "Ben EXAMPLE", "Cal EXAMPLE"]
    assert [c["dob"] for c in children] == ["2018-02-01", "2023-04-03", "2012-06-05"]
    assert [c["school"] for c in children] == ["Riverside Primary", "Not yet at school", "Hillside Academy"]
    assert [c["lives_with_victim"] for c in children] == [True, True, False]
    assert children[2]["address"] == "12 Elm Close, Exampletown, EX3 3CC"  # the grandmother's, never the school


def test_whom_a_child_lives_with_is_not_guessed_from_words_the_vocabulary_lacks() -> None:
    parsed = _parse(_referral(["1) Ava EXAMPLE, DOB 01/02/2018, Riverside Primary – lives with Chris mostly",
                               "2) Ben EXAMPLE, DOB 03/04/2023, plays football – lives with mum"]))
    children = parsed["referral"]["children"]
    assert children[0]["lives_with_victim"] is None
    assert children[1]["school"] is None  # "plays football" says no school
    assert children[1]["lives_with_victim"] is True


def test_a_line_numbered_out_of_turn_does_not_join_the_list() -> None:
    doc = _referral(["1) Ava EXAMPLE, DOB 01/02/2018, Riverside Primary – lives with mum"])
    doc.add_paragraph("3) Please return this form to the MARAC coordinator by secure email.")
    parsed = _parse(doc)
    assert [c["name"] for c in parsed["referral"]["children"]] == ["Ava EXAMPLE"]


def test_a_bold_question_answered_on_its_line_gives_the_values_inside_the_answer() -> None:
    parsed = _parse(_referral([]))
    assert parsed["referral"]["crime_reference"] == "EX/12345/26"
    assert parsed["referral"]["police"]["officer_in_charge"] == "DC Testperson"


def test_the_referrers_contact_line_under_a_dash_and_marac_title_is_the_referrers() -> None:
    parsed = _parse(_referral([]))
    referrer = parsed["referral"]["referrer"]
    assert (referrer["phone"], referrer["email"], referrer["date"]) == \
        ("0117 496 0111", "pat.referrer@example.gov.uk", "2026-11-03")
    assert parsed["referral"]["dash_date_stated"] is None  # the referral's date, not a checklist's


def test_contact_details_for_the_victim_are_the_victims() -> None:
    parsed = _parse(_referral([]))
    assert parsed["referral"]["victim"]["phone"] == "07700 900222"
    assert parsed["referral"]["referrer"]["phone"] == "0117 496 0111"


def _household(rows: list[tuple[str, str, str, str]]) -> DocumentType:
    doc = Document()
    doc.add_heading("Multi agency referral form", level=1)
    box = grid(doc, 4)
    label_pairs(box, ("Name of person completing referral", "Pat Example"), ("Date", "03/11/2026"))
    doc.add_paragraph()
    table = grid(doc, 5)
    full_width_row(table, "HOUSEHOLD: children and adults")
    for cell, text in zip(table.add_row().cells, ("Full name", "Date of birth", "Role in household", "Address",
                                                  "School / GP")):
        write(cell, text, bold=True)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            write(cell, text)
    return doc


def test_adults_in_a_household_table_are_the_victim_and_perpetrator_their_role_says_never_children() -> None:
    parsed = _parse(_household([
        ("Ava EXAMPLE", "01/02/2018", "Child (female)", "4 Test Lane, Exampletown, EX1 1AA"),
        ("Jo EXAMPLE", "14/02/1990", "Mother – victim", "4 Test Lane, Exampletown, EX1 1AA"),
        ("Sam EXAMPLE", "01/05/1988", "Alleged perpetrator – mother's partner", "9 Other Road, Exampletown, EX2 2BB")]))
    referral = parsed["referral"]
    assert [c["name"] for c in referral["children"]] == ["Ava EXAMPLE"]
    assert (referral["victim"]["name"], referral["victim"]["dob"]) == ("Jo EXAMPLE", "1990-02-14")
    assert [(p["name"], p["address"]) for p in referral["perpetrators"]] == \
        [("Sam EXAMPLE", "9 Other Road, Exampletown, EX2 2BB")]


def test_an_adult_of_the_household_whose_role_is_not_said_is_no_child_and_the_desk_is_told() -> None:
    parsed = _parse(_household([
        ("Ava EXAMPLE", "01/02/2018", "Daughter", "As victim"),
        ("Chris EXAMPLE", "03/03/1960", "Grandmother", "12 Elm Close, Exampletown, EX3 3CC")]))
    assert [c["name"] for c in parsed["referral"]["children"]] == ["Ava EXAMPLE"]
    assert "referral.children" in [p["field"] for p in parsed["problems"]]


def test_a_childs_relationship_that_names_the_victim_keeps_the_child_a_child() -> None:
    parsed = _parse(_household([("Ava EXAMPLE", "01/02/2018", "Victim's daughter", "As victim"),
                                ("Ben EXAMPLE", "03/04/2020", "Son of the perpetrator", "As victim")]))
    assert [c["name"] for c in parsed["referral"]["children"]] == ["Ava EXAMPLE", "Ben EXAMPLE"]
    assert parsed["referral"]["perpetrators"] == []


def test_a_stated_score_written_with_its_unit_is_read() -> None:
    from parsers.normalise import NotUnderstood, parse_int
    assert [parse_int(v) for v in ("16", "16/24", "16 ticks", "16 out of 24", "16 'yes' answers")] == [16] * 5
    for refused in ("16 years", "2 or 3"):
        try:
            parse_int(refused)
        except NotUnderstood:
            continue
        raise AssertionError(refused)


def _web_form(questions: list[tuple[str, str]]) -> DocumentType:
    """A web form printed after submitting: each question a bold line, its answer the plain line under it."""
    doc = Document()
    doc.add_heading("Referral on behalf of someone else", level=1)
    doc.add_heading("1 About you the referrer", level=2)
    for question, answer in questions[:2]:
        doc.add_paragraph().add_run(question).bold = True
        doc.add_paragraph(answer)
    doc.add_heading("2 About the person you are referring", level=2)
    doc.add_paragraph("Please can you provide the following information for the person you are supporting.")
    for question, answer in questions[2:]:
        doc.add_paragraph().add_run(question).bold = True
        doc.add_paragraph(answer)
    return doc


def test_a_printed_web_forms_bold_questions_take_the_line_below_as_their_answer() -> None:
    parsed = _parse(_web_form([
        ("Name of person referring", "Pat Example"), ("Date of referral", "03/11/2026"),
        ("First name", "Jo"), ("Last name", "EXAMPLE"), ("Address line 1", "4 Test Lane"),
        ("If other, please specify", ""), ("Town / City", "Exampletown"), ("Postcode", "EX1 1AA"),
        ("Reason for homelessness", "Domestic abuse"), ("Contact telephone number", "07700 900222")]))
    referral = parsed["referral"]
    assert referral["referrer"]["date"] == "2026-11-03"  # the guidance under the next heading is no part of it
    assert (referral["victim"]["name"], referral["victim"]["address"], referral["victim"]["phone"]) == \
        ("Jo EXAMPLE", "4 Test Lane, Exampletown, EX1 1AA", "07700 900222")


def test_a_victims_address_read_without_its_first_line_is_not_used_and_the_desk_is_told() -> None:
    parsed = _parse(_web_form([
        ("Name of person referring", "Pat Example"), ("Date of referral", "03/11/2026"),
        ("First name", "Jo"), ("Last name", "EXAMPLE"), ("House, flat and road", "4 Test Lane"),
        ("Town / City", "Exampletown"), ("Postcode", "EX1 1AA")]))
    assert parsed["referral"]["victim"]["address"] is None
    assert "referral.victim.address" in [p["field"] for p in parsed["problems"]]


def test_address_lines_one_and_two_are_joined_in_order_with_town_and_postcode() -> None:
    parsed = _parse(_web_form([
        ("Name of person referring", "Pat Example"), ("Date of referral", "03/11/2026"),
        ("First name", "Jo"), ("Last name", "EXAMPLE"), ("Address line 1", "Flat 2"),
        ("Address line 2", "4 Test Lane"), ("Town / City", "Exampletown"), ("Postcode", "EX1 1AA")]))
    assert parsed["referral"]["victim"]["address"] == "Flat 2, 4 Test Lane, Exampletown, EX1 1AA"


def test_an_unborn_babys_due_date_is_its_date_of_birth_in_this_century() -> None:
    parsed = _parse(_household([
        ("Unborn – EDD 02/02/27", "", "Unborn baby", "4 Test Lane, Exampletown, EX1 1AA"),
        ("Ava EXAMPLE", "EDD 03.04.27", "Child", "4 Test Lane, Exampletown, EX1 1AA")]))
    children = parsed["referral"]["children"]
    assert [(c["name"], c["dob"], c["unborn"]) for c in children] == \
        [(None, "2027-02-02", True), ("Ava EXAMPLE", "2027-04-03", True)]
