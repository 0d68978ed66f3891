"""Adult protection and family-service referral forms (issue 11; the eighth blind set, tests/corpus/fresh6, found
them): "the vulnerable adult (subject of referral)" is the victim; a next of kin named in her box, with the bare
"Relationship" and "Telephone number" lines after it, is not her; the children typed one a line as "Name (daughter),
29/8/2020" under "Other vulnerable adults / children living at the property"; a printed "(continue on separate sheet
…)" before the account; a long "Significant others (…) who are not …" row
heads the people under it, who are nobody the referral is about. All people invented."""
from __future__ import annotations

from docx import Document

from tests.corpus.docx_parts import full_width_row, write
from tests.word_forms import grid, parse_docx


def _inline_rows(doc: Document, title: str, rows: list[list[str]]) -> None:
    """Label and answer typed in one cell, two cells a row, under a full-width title."""
    t = grid(doc, 2)
    full_width_row(t, title)
    for row in rows:
        cells = t.add_row().cells
        for cell, text in zip(cells, row):
            write(cell, text)


def test_the_vulnerable_adults_box_is_the_victims_and_her_next_of_kin_is_not_her() -> None:
    doc = Document()
    doc.add_paragraph("Adult Protection Referral Form")
    _inline_rows(doc, "1 About the Vulnerable Adult (Subject of referral)", [
        ["Name: Jo TESTWOMAN", "Date of birth: 14/02/1990"],
        ["Current Address:\n4 Test Lane\nExampletown\nEX1 1AA",
         "Other Vulnerable Adults / Children living at the property:\nAva TESTCHILD (daughter), 1/2/2018\n"
         "Max TESTCHILD (son), 3/4/2021"],
        ["Tel Number: 07700 900111", "Next of kin: Lee TESTWOMAN\nRelationship: Sister\nTelephone number: 07700 900999"],
        ["Is the vulnerable adult aware of the referral? Yes", ""]])
    _inline_rows(doc, "2 About the alleged abuse", [
        ["Description of alleged abuse/injuries:\n(continue on separate sheet of paper if necessary)\n"
         "Strangled last week; threats to kill.", ""]])
    _inline_rows(doc, "3 About the alleged abuser", [["Name: Sam TESTMAN", "Relationship to vulnerable adult: Husband"]])
    parsed = parse_docx(doc)
    referral = parsed["referral"]
    victim = referral["victim"]
    assert (victim["name"], victim["phone"]) == ("Jo TESTWOMAN", "07700 900111")  # never the sister's number
    assert victim["address"] == "4 Test Lane\nExampletown\nEX1 1AA"  # kept over its lines, as typed
    assert referral["victim_aware"] is True
    assert [(c["name"], c["dob"], c["relationship_to_victim"]) for c in referral["children"]] == [
        ("Ava TESTCHILD", "2018-02-01", "daughter"), ("Max TESTCHILD", "2021-04-03", "son")]  # as typed
    assert referral["risks_summary"] == "Strangled last week; threats to kill."
    assert referral["perpetrators"][0]["relationship_to_victim"] == "Husband"


def test_a_long_significant_others_row_heads_people_who_are_nobody_the_referral_is_about() -> None:
    doc = Document()
    _inline_rows(doc, "Perpetrators details", [["Name: Sam TESTMAN", "Date of birth: 01/05/1988"]])
    _inline_rows(doc, "Significant others (extended family/friends/professionals) who are not members of the "
                      "referred person's household.", [["Name: Lee (maternal aunt)", "Name:"],
                                                       ["Relationship: Sister of mum", "Relationship:"],
                                                       ["Tel: 07700 900999", "Tel:"]])
    referral = parse_docx(doc)["referral"]
    assert [p["name"] for p in referral["perpetrators"]] == ["Sam TESTMAN"]


def test_a_victims_own_log_says_you_for_her() -> None:
    # A stalking incident log she fills in herself: "Your name" under "Victim Information:" is hers, the man's
    # "Relationship to you" his to her, and "Home:" before her one number the kind of phone it is.
    doc = Document()
    doc.add_paragraph("STALKING INCIDENT LOG")
    for line in ("Victim Information:", "Your name:\tJo TESTWOMAN", "Date of Birth:\t14/02/1990",
                 "Telephone numbers including home, work and mobile:\tHome: 0117 496 0000",
                 "Aboriginality or Ethnicity:\tWhite British", "Offender Information",
                 "Name of offender:\tSam TESTMAN", "Relationship to you:\tEx-partner"):
        paragraph = doc.add_paragraph()
        paragraph.add_run(line).bold = line.endswith(("Information:", "Information"))
    referral = parse_docx(doc)["referral"]
    assert referral["referrer"]["name"] is None
    victim = referral["victim"]
    assert (victim["name"], victim["phone"], victim["ethnicity"]) == ("Jo TESTWOMAN", "0117 496 0000", "White British")
    assert referral["perpetrators"][0]["relationship_to_victim"] == "Ex-partner"


def test_cells_each_holding_a_label_and_its_answer_with_a_plain_word_and_an_empty_label_among_them() -> None:
    doc = Document()
    _inline_rows(doc, "Personal details of adult at risk", [
        ["Name: Jo TESTWOMAN", "Mrs"], ["Dob: 14/02/1990", "Gender: Female"],
        ["Current Address: 4 Test Lane, Exampletown, EX1 1AA", ""], ["Tel no: 07700 900111", "Home address (if different): Same"],
        ["Tel no:", "GP: Dr Example, Test Surgery"], ["Tel no: 0117 496 0000", "NHS no (if known): Not known"],
        ["Other ref no:", "Ethnic origin: White British"]])
    parsed = parse_docx(doc)
    victim = parsed["referral"]["victim"]
    assert (victim["dob"], victim["gp"], victim["ethnicity"]) == ("1990-02-14", "Dr Example, Test Surgery",
                                                                 "White British")
    assert victim["phone"] == "07700 900111"  # not the surgery's number after the GP
    assert parsed["problems"] == []  # "Same" and the blank "Tel no" say nothing again
