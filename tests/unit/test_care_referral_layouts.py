"""Children's social care and adult safeguarding forms sent for a domestic abuse case (issue 11; the twelfth blind
set, tests/corpus/fresh10, found them): the parents one column each with labels closed by a colon ("Name:"); the
answers' cells merged across the blank cell beside each label ("Surname | | Forenames | " over "Cartwright |
Stuart"); an adult safeguarding form whose adult at risk is "the Adult" and whose man is "the person thought to be
the cause of risk"; a "*" set against a name, as the form asks. Each test builds the Word file the way such forms are
laid out; all people are invented.
"""
from __future__ import annotations

from docx import Document

from tests.corpus.docx_parts import full_width_row, write
from tests.word_forms import grid, label_pairs, label_row, parse_docx, value_row


def test_the_parents_one_column_each_with_labels_closed_by_a_colon_are_no_children() -> None:
    doc = Document()
    t = grid(doc, 2)
    full_width_row(t, "Child or Young Person's Details")
    label_pairs(t, ("Family name:", "TESTCHILD"))
    label_pairs(t, ("First Name(s):", "Mia"))
    t = grid(doc, 3)
    full_width_row(t, "Section C – Parents / carers")
    label_row(t, "", "Parent / carer 1", "Parent / carer 2")
    for left, one, two in (("Name:", "Jo TESTWOMAN", "Sam TESTMAN"), ("D.O.B:", "14/02/1990", "02/06/1988"),
                           ("Relationship to child:", "Mother", "Father")):
        label_row(t, left)
        row = t.rows[-1].cells
        write(row[1], one)
        write(row[2], two)
    children = parse_docx(doc)["referral"]["children"]
    assert [c["name"] for c in children] == ["Mia TESTCHILD"]


def test_answers_merged_across_the_blank_cell_beside_each_label() -> None:
    doc = Document()
    t = grid(doc, 4)
    full_width_row(t, "3. Details of person making the referral")
    label_row(t, "Surname", "", "Forenames", "")
    answers = t.add_row().cells
    answers[0].merge(answers[1]).text = "EXAMPLE"
    answers[2].merge(answers[3]).text = "Alex"
    label_row(t, "Postcode", "Tel No", "When can you be contacted", "")
    answers = t.add_row().cells
    answers[0].text, answers[1].text = "EX1 1AA", "0117 496 0001"
    answers[2].merge(answers[3]).text = "Weekdays, 9am to 5pm"
    referrer = parse_docx(doc)["referral"]["referrer"]
    assert (referrer["name"], referrer["phone"]) == ("Alex EXAMPLE", "0117 496 0001")


def test_an_adult_safeguarding_concern_about_the_adult_and_the_person_causing_risk() -> None:
    doc = Document()
    doc.add_paragraph().add_run("Adult Safeguarding concerns").bold = True
    t = grid(doc, 2)
    full_width_row(t, "Adults Details")
    label_pairs(t, ("Name", "Jo TESTWOMAN"))
    label_pairs(t, ("Date of Birth", "14/02/1990"))
    t = grid(doc, 2)
    full_width_row(t, "Details of Concern/Incident:")
    label_pairs(t, ("Is the Adult aware of this concern being raised?", "Yes"))
    label_pairs(t, ("Does the Adult consent to information being shared and concerns being raised?", "No"))
    label_pairs(t, ("Adult's Views and Wishes:", "To feel safe at home"))
    t = grid(doc, 2)
    full_width_row(t, "Person thought to be the cause of risk")
    label_pairs(t, ("Name", "Sam TESTMAN"))
    label_pairs(t, ("Date of Birth", "02/06/1988"))
    referral = parse_docx(doc)["referral"]
    assert (referral["victim"]["name"], referral["victim"]["dob"]) == ("Jo TESTWOMAN", "1990-02-14")
    assert [(p["name"], p["dob"]) for p in referral["perpetrators"]] == [("Sam TESTMAN", "1988-06-02")]
    assert (referral["victim_aware"], referral["consent"], referral["victim_wishes"]) == (
        True, False, "To feel safe at home")


def test_a_star_set_against_a_childs_name_is_no_part_of_it() -> None:
    doc = Document()
    t = grid(doc, 3)
    full_width_row(t, "Other children in household (Please indicate by *against name if another child is also "
                      "being referred)")
    label_row(t, "Surname", "Forename", "DOB")
    value_row(t, "TESTCHILD", "Leo *", "06/08/2021")
    value_row(t, "TESTCHILD", "Mia", "03/04/2019")
    children = parse_docx(doc)["referral"]["children"]
    assert [c["name"] for c in children] == ["Leo TESTCHILD", "Mia TESTCHILD"]


def test_a_croydon_style_head_the_date_and_time_and_the_police_reference() -> None:
    doc = Document()
    t = grid(doc, 2)
    full_width_row(t, "Child or Young Person's Details")
    label_pairs(t, ("Family name:", "TESTCHILD"))
    label_pairs(t, ("First Name(s):", "Mia"))
    label_pairs(t, ("D.O.B or expected date of delivery:", "03/04/2019"))
    t = grid(doc, 2)
    full_width_row(t, "Section A – Basic Referral Details (to be completed in all cases)")
    label_pairs(t, ("Date and time of referral:", "30/10/2026  10:40"))
    label_pairs(t, ("Are the parents/carers aware of this referral?", "Yes"))
    label_pairs(t, ("Police involvement – crime reference number:", "EX/12345/26"))
    referral = parse_docx(doc)["referral"]
    assert referral["children"][0]["dob"] == "2019-04-03"
    assert (referral["referrer"]["date"], referral["crime_reference"], referral["victim_aware"]) == (
        "2026-10-30", "EX/12345/26", True)


def test_the_referrers_agency_with_its_address_on_the_lines_below() -> None:
    doc = Document()
    t = grid(doc, 2)
    full_width_row(t, "3. Details of person making the referral")
    label_pairs(t, ("Name", "Alex EXAMPLE"))
    label_pairs(t, ("Agency & Address", "Exampletown Council\nTown Hall Annexe, Station Road, Exampletown"))
    referrer = parse_docx(doc)["referral"]["referrer"]
    assert (referrer["agency"], referrer["address"]) == ("Exampletown Council",
                                                         "Town Hall Annexe, Station Road, Exampletown")
