"""Children's front-door (MASH) referral forms sent for a domestic abuse case (issue 11; the eleventh blind set,
tests/corpus/fresh9, found them): a table of the other professionals involved (a GP, a school's lead), whose people
are no one's of the referral; a box for the receiving service ("Referral TAKEN by"), whose worker is not the
referrer; labels over answers with the form's guidance under each label, box after box; a box's title with a question
after it ("Details of Mother   Is Mother Main Carer ? Y"), whose adult the concerns tie ("mother is the victim"); a
"Date Referral Received:" label; the family members outside the household, who are not children. Each test builds the
Word file the way such forms are laid out; all people are invented.
"""
from __future__ import annotations

import pytest
from docx import Document
from docx.document import Document as DocumentType
from docx.shared import Pt
from docx.table import _Cell

from tests.corpus.docx_parts import full_width_row, shade
from tests.corpus.heldout._kit import label
from tests.word_forms import grid, label_pairs, label_row, parse_docx, value_row


def _referrer(doc: DocumentType) -> None:
    t = grid(doc, 4)
    full_width_row(t, "1. Details of Practitioner MAKING this REFERRAL")
    label_pairs(t, ("Name of Referrer:", "Alex EXAMPLE"), ("Job title:", "Housing Officer"))
    label_pairs(t, ("Tel/Mobile:", "0117 496 0001"), ("Email:", "alex@example.gov.uk"))


def test_the_professionals_involved_are_no_perpetrators() -> None:
    doc = Document()
    _referrer(doc)
    t = grid(doc, 6)
    full_width_row(t, "5. Other professionals involved (to include GP and school details)")
    label_row(t, "First Name", "Family Name", "Job Title", "Team/Agency", "Address", "Telephone/Mobile")
    value_row(t, "", "Abbott", "GP", "Canal Street Surgery", "Canal Street, Exampletown", "0117 496 0100")
    value_row(t, "Priya", "Sample", "Designated Safeguarding Lead", "Hillside Academy", "Hill Road, Exampletown",
         "0117 496 0200")
    referral = parse_docx(doc)["referral"]
    assert referral["perpetrators"] == []
    assert referral["children"] == []
    assert referral["referrer"]["phone"] == "0117 496 0001"  # "Tel/Mobile:" is a phone label


def test_the_worker_who_took_the_referral_is_not_the_referrer() -> None:
    doc = Document()
    t = grid(doc, 6)
    full_width_row(t, "Referral TAKEN by:")
    label_pairs(t, ("Name / Job Title:", "Robin SAMPLE / Senior Practitioner"), ("Agency/Team:", "MASH Duty Team"))
    label_pairs(t, ("Date of Referral:", "31/10/2026"), ("Time:", "11:05"), ("Telephone:", "023 8091 9000"))
    _referrer(doc)
    referrer = parse_docx(doc)["referral"]["referrer"]
    assert (referrer["name"], referrer["phone"]) == ("Alex EXAMPLE", "0117 496 0001")
    assert referrer["date"] == "2026-10-31"  # the referral's date, whoever wrote it down


def _guided(cell: _Cell, text: str, guidance: str) -> None:
    """The printed label in bold, the form's guidance under it in small type, the cell shaded."""
    shade(cell, "D9D9D9")
    cell.paragraphs[0].add_run(text).bold = True
    cell.add_paragraph().add_run(guidance).font.size = Pt(7)


def test_labels_with_guidance_over_their_answers_box_after_box() -> None:
    doc = Document()
    t = grid(doc, 3)
    full_width_row(t, "Details of Child / Young Person being referred")
    label_row(t, "Surname:", "First names:", "")
    value_row(t, "TESTCHILD", "Mia", "")
    cells = t.add_row().cells
    _guided(cells[0], "Other known as names:", "Please record all names child / young person have been known by.")
    label(cells[1], "DoB or EDD:")
    label(cells[2], "Gender:")
    value_row(t, "", "03/04/2019", "Female")
    cells = t.add_row().cells
    _guided(cells[0], "Home Address:", "This is the child's usual or home address. A child may have 2 addresses.")
    label(cells[1], "Postcode:")
    _guided(cells[2], "Telephone/Mobile:", "All known telephone numbers should be given")
    value_row(t, "4 Test Lane, Exampletown", "EX1 1AA", "07700 900111")
    label_row(t, "Current address if different from above:", "Postcode:", "Telephone/Mobile:")
    value_row(t, "", "", "")
    children = parse_docx(doc)["referral"]["children"]
    assert [(c["name"], c["dob"], c["gender"]) for c in children] == [("Mia TESTCHILD", "2019-04-03", "Female")]
    assert children[0]["address"].startswith("4 Test Lane, Exampletown")


@pytest.mark.parametrize("title", ["Details of Mother   Is Mother Main Carer ? Y",
                                   "Details of Mother Is Mother Main Carer ? Y"])  # as a PDF prints the spaces
def test_a_box_title_with_a_question_and_the_concerns_saying_whose_box_it_is(title: str) -> None:
    doc = Document()
    t = grid(doc, 3)
    full_width_row(t, title)
    label_row(t, "Surname:", "First names:", "DoB:")
    value_row(t, "TESTWOMAN", "Jo", "14/02/1990")
    label_row(t, "Address (if different from child):", "Telephone/Mobile:", "Ethnicity:")
    value_row(t, "Same as child", "07700 900111", "White British")
    t = grid(doc, 2)
    full_width_row(t, "Child's details")
    label_pairs(t, ("Name of child", "Mia TESTWOMAN"))
    label_pairs(t, ("Child's address", "4 Test Lane, Exampletown, EX1 1AA"))
    t = grid(doc, 2)
    full_width_row(t, "Reason for referral")
    label_pairs(t, ("Any known or suspected concerns linked to alcohol, drug misuse, or domestic violence?",
                    "Domestic violence – mother is the victim (see above)"))
    label_pairs(t, ("Date Referral Received:", ""))
    parsed = parse_docx(doc)
    victim = parsed["referral"]["victim"]
    assert (victim["name"], victim["dob"]) == ("Jo TESTWOMAN", "1990-02-14")
    assert victim["address"] == "4 Test Lane, Exampletown, EX1 1AA"  # "Same as child"
    assert not [p for p in parsed["problems"] if "Received" in p["message"]]


def test_a_box_of_an_adult_nothing_ties_is_one_problem_and_read_for_no_one() -> None:
    doc = Document()
    t = grid(doc, 3)
    full_width_row(t, "Details of Father   Is Father Main Carer ? Y / N")
    label_row(t, "Surname:", "First names:", "DoB:")
    value_row(t, "TESTMAN", "Sam", "02/06/1988")
    label_row(t, "Address (if different from child):", "Telephone/Mobile:", "Ethnicity:")
    value_row(t, "9 Sample Road, Exampletown", "07700 900222", "White British")
    parsed = parse_docx(doc)
    referral = parsed["referral"] or {"victim": {"name": None}, "perpetrators": []}
    assert referral["victim"]["name"] is None and referral["perpetrators"] == []
    unsaid = [p for p in parsed["problems"] if "does not say whose" in p["message"]]
    assert len(unsaid) == 1 and "'Surname'" in unsaid[0]["message"]


def test_family_members_outside_the_household_are_not_children() -> None:
    doc = Document()
    t = grid(doc, 3)
    full_width_row(t, "Significant family members who are not members of the child's household")
    label_row(t, "Name", "Relationship to child", "Address / Telephone")
    value_row(t, "Sam TESTMAN", "Half-brother", "9 Sample Road, Exampletown")
    parsed = parse_docx(doc)
    referral = parsed["referral"] or {"children": []}
    assert referral["children"] == []


_POLICE = "Crime reference: EX/12345/26{0}DASH risk assessment score: 15{0}Bail conditions in place"


@pytest.mark.parametrize("police", [_POLICE.format("\n"), _POLICE.format(" ")])
def test_a_record_of_a_discussion_its_police_box_and_its_named_person(police: str) -> None:
    """An inter-agency discussion record: the police's box holds "Crime reference: …" and "DASH risk assessment
    score: …" a line each; the "Named Person" is a professional, not the referrer; an agency's box left empty is a
    label, not "Agency: Information Social Work"."""
    doc = Document()
    t = grid(doc, 2)
    label_pairs(t, ("Referred by:", "Alex EXAMPLE, Housing Officer, Exampletown Council"))
    label_pairs(t, ("Named Person:", "Head Teacher, Hillside Academy"))
    t = grid(doc, 2)
    label_pairs(t, ("Agency Information - Police Scotland", police))  # the PDF runs the lines on
    label_pairs(t, ("Agency Information Social Work", ""))
    parsed = parse_docx(doc)
    referral = parsed["referral"]
    assert (referral["crime_reference"], referral["dash_score_stated"]) == ("EX/12345/26", 15)
    assert referral["referrer"]["name"] == "Alex EXAMPLE"
    assert referral["referrer"]["agency"] == "Exampletown Council"
    assert not [p for p in parsed["problems"] if "again" in p["message"]]


def test_the_childrens_shared_address_and_one_carer_under_the_carers_heading() -> None:
    """Children read as surname and forename, then "Address(es): …" and "Post Code(s): …" said of all of them; the
    one carer's row under "Parents / carers" is no child (the household's logic leaves "Mother" to the coordinator)."""
    doc = Document()
    t = grid(doc, 4)
    full_width_row(t, "2. CHILD/YOUNG PERSON DETAILS (add any additional names on separate sheet)")
    label_row(t, "Last Name", "First Name", "DOB/EDD", "M/F")
    value_row(t, "TESTCHILD", "Mia", "03/04/2019", "F")
    value_row(t, "TESTCHILD", "Leo", "06/08/2021", "M")
    label_pairs(t, ("Address(es):", "4 Test Lane, Exampletown"), ("Post Code(s):", "EX1 1AA"))
    t = grid(doc, 5)
    full_width_row(t, "3. PARENTS / CARERS")
    label_row(t, "Carer Last Name", "Carer First Name", "Relationship to child", "M/F", "DOB/Age")
    value_row(t, "TESTWOMAN", "Jo", "Mother", "F", "14/02/1990 (36)")
    children = parse_docx(doc)["referral"]["children"]
    assert [(c["name"], c["address"]) for c in children] == [("Mia TESTCHILD", "4 Test Lane, Exampletown, EX1 1AA"),
                                                             ("Leo TESTCHILD", "4 Test Lane, Exampletown, EX1 1AA")]


def test_a_second_address_box_answered_na_is_no_second_child() -> None:
    doc = Document()
    t = grid(doc, 2)
    full_width_row(t, "Details of Child / Young Person being referred")
    label_pairs(t, ("Name of child:", "Mia TESTCHILD"))
    label_pairs(t, ("Home Address:", "4 Test Lane, Exampletown"))
    label_pairs(t, ("Current address if different from above:", "N/A"))
    label_pairs(t, ("School / Nursery attended:", "Riverside Primary"))
    children = parse_docx(doc)["referral"]["children"]
    assert [(c["name"], c["school"]) for c in children] == [("Mia TESTCHILD", "Riverside Primary")]


def test_an_unknown_adult_nothing_ties_raises_nothing() -> None:
    """ "Surname: Not known" in a box nothing ties loses nothing: no problem for the coordinator to read."""
    doc = Document()
    t = grid(doc, 3)
    full_width_row(t, "Details of Father   Is Father Main Carer ? Y / N")
    label_row(t, "Surname:", "First names:", "DoB:")
    value_row(t, "Not known", "", "")
    parsed = parse_docx(doc)
    assert not [p for p in parsed["problems"] if "does not say whose" in p["message"]]


def test_the_participants_of_a_discussion_are_no_one_of_the_referral() -> None:
    doc = Document()
    _referrer(doc)
    t = grid(doc, 2)
    full_width_row(t, "Participants")
    label_row(t, "Agency", "Name")
    value_row(t, "Police", "DS Sample, Public Protection Unit")
    value_row(t, "Social Work", "Team Manager, Duty Team")
    parsed = parse_docx(doc)
    assert parsed["referral"]["perpetrators"] == [] and parsed["referral"]["children"] == []
    assert not [p for p in parsed["problems"] if "could list children or perpetrators" in p["message"]]


def test_the_referrers_job_title_typed_before_the_name() -> None:
    doc = Document()
    t = grid(doc, 2)
    label_pairs(t, ("Referred by:", "Health Visitor Robin Example, Riverside Housing Association"))
    referrer = parse_docx(doc)["referral"]["referrer"]
    assert (referrer["name"], referrer["role"], referrer["agency"]) == (
        "Robin Example", "Health Visitor", "Riverside Housing Association")


def test_adults_told_apart_by_the_role_in_their_relationship_cell() -> None:
    """ "Adults involved" (Name | DOB | Address | Relationship): "Mother (victim)" and "Mother's boyfriend (alleged
    perpetrator)" say whose each row is; a row saying only "Mother" would not (tested above)."""
    doc = Document()
    t = grid(doc, 4)
    full_width_row(t, "Adults involved")
    label_row(t, "Name", "DOB", "Address", "Relationship")
    value_row(t, "Jo TESTWOMAN", "14/02/1990", "4 Test Lane, Exampletown, EX1 1AA", "Mother (victim)")
    value_row(t, "Sam TESTMAN", "02/06/1988", "9 Sample Road, Exampletown, EX2 2BB",
              "Mother's boyfriend (alleged perpetrator)")
    value_row(t, "Lee TESTUNCLE", "01/01/1970", "1 Other Road, Exampletown, EX3 3CC", "Uncle")
    parsed = parse_docx(doc)
    referral = parsed["referral"]
    assert (referral["victim"]["name"], referral["victim"]["dob"]) == ("Jo TESTWOMAN", "1990-02-14")
    assert [(p["name"], p["address"]) for p in referral["perpetrators"]] == [
        ("Sam TESTMAN", "9 Sample Road, Exampletown, EX2 2BB")]
    assert not [p for p in parsed["problems"] if "could list children or perpetrators" in p["message"]]


def _adults(doc: DocumentType, *rows: tuple[str, str, str]) -> None:
    t = grid(doc, 3)
    full_width_row(t, "Adults involved")
    label_row(t, "Name", "DOB", "Relationship")
    for row in rows:
        value_row(t, *row)


def test_a_household_told_apart_only_by_relationship_is_presumed_and_held_for_a_person() -> None:
    """Nothing on the form says who is harmed: the mother is read as the victim and her boyfriend as the alleged
    perpetrator, and an error holds the case for the coordinator; the grandfather is read as no one."""
    doc = Document()
    _adults(doc, ("Jo TESTWOMAN", "14/02/1990", "Mother"), ("Sam TESTMAN", "02/06/1988", "Mother's boyfriend"),
            ("Ray TESTELDER", "01/01/1950", "Maternal grandfather"))
    parsed = parse_docx(doc)
    referral = parsed["referral"]
    assert referral["victim"]["name"] == "Jo TESTWOMAN"
    assert [p["name"] for p in referral["perpetrators"]] == ["Sam TESTMAN"]
    held = [p for p in parsed["problems"] if "does not say who is harmed" in p["message"]]
    assert len(held) == 1 and held[0]["severity"] == "error"
    assert "TESTWOMAN" not in held[0]["message"] and "TESTMAN" not in held[0]["message"]


def test_the_childs_father_is_presumed_only_where_no_partner_of_hers_is_listed() -> None:
    doc = Document()
    _adults(doc, ("Jo TESTWOMAN", "14/02/1990", "Mother"), ("Sam TESTMAN", "02/06/1988", "Father"),
            ("Lee TESTPARTNER", "03/03/1985", "Mother's partner"))
    assert [p["name"] for p in parse_docx(doc)["referral"]["perpetrators"]] == ["Lee TESTPARTNER"]
    doc = Document()
    _adults(doc, ("Jo TESTWOMAN", "14/02/1990", "Mother"), ("Sam TESTMAN", "02/06/1988", "Father"))
    assert [p["name"] for p in parse_docx(doc)["referral"]["perpetrators"]] == ["Sam TESTMAN"]


def test_nothing_is_presumed_where_the_form_says_who_harms_whom() -> None:
    """The concerns name him as the one who harms her: the form's words decide, and no presumption is raised."""
    doc = Document()
    _adults(doc, ("Jo TESTWOMAN", "14/02/1990", "Mother"), ("Sam TESTMAN", "02/06/1988", "Father"),
            ("Lee TESTPARTNER", "03/03/1985", "Mother's partner"))
    t = grid(doc, 2)
    label_pairs(t, ("Reason for referral", "Domestic abuse by Sam TESTMAN towards mother"))
    parsed = parse_docx(doc)
    assert [p["name"] for p in parsed["referral"]["perpetrators"]] == ["Sam TESTMAN"]
    assert parsed["referral"]["victim"]["name"] == "Jo TESTWOMAN"
    assert not [p for p in parsed["problems"] if "does not say who is harmed" in p["message"]]


def test_the_referrals_date_under_a_childrens_form_title() -> None:
    """ "Children's Social Care Referral Form" titles the whole form: its "Date and time of referral" is the
    referral's, not a child's (no child has one)."""
    doc = Document()
    doc.add_heading("Children's Social Care Referral Form", level=1)
    t = grid(doc, 2)
    full_width_row(t, "Section A – Basic Referral Details")
    label_pairs(t, ("Date and time of referral", "30/10/2026  10:40"))
    label_pairs(t, ("Is/are parent(s)/carer(s) aware of referral", "Yes"))
    assert parse_docx(doc)["referral"]["referrer"]["date"] == "2026-10-30"


def _parent_box(doc: DocumentType, title: str, surname: str, first: str, dob: str, phone: str = "07700 900111") -> None:
    t = grid(doc, 3)
    full_width_row(t, title)
    label_row(t, "Surname:", "First names:", "DoB:")
    value_row(t, surname, first, dob)
    label_row(t, "Address (if different from child):", "Telephone/Mobile:", "Ethnicity:")
    value_row(t, "9 Sample Road, Exampletown, EX2 2BB", phone, "White British")


def test_the_mothers_and_fathers_boxes_nothing_ties_are_presumed_and_held() -> None:
    doc = Document()
    _parent_box(doc, "Details of Mother   Is Mother Main Carer ? Y", "TESTWOMAN", "Jo", "14/02/1990")
    _parent_box(doc, "Details of Father   Is Father Main Carer ? N", "TESTMAN", "Sam", "02/06/1988")
    parsed = parse_docx(doc)
    referral = parsed["referral"]
    assert referral["victim"]["name"] == "Jo TESTWOMAN"
    assert [(p["name"], p["dob"]) for p in referral["perpetrators"]] == [("Sam TESTMAN", "1988-06-02")]
    assert [p["severity"] for p in parsed["problems"] if "does not say who is harmed" in p["message"]] == ["error"]


def test_the_mothers_box_the_concerns_tie_and_her_boyfriend_in_the_household_table() -> None:
    """The form's words make the mother the victim and say nothing of who harms her: the man listed as her boyfriend
    is presumed the alleged perpetrator, with an error; her phone "As above" is no number and is left for a person."""
    doc = Document()
    _parent_box(doc, "Details of Mother   Is Mother Main Carer ? Y", "TESTWOMAN", "Jo", "14/02/1990", "As above")
    t = grid(doc, 3)
    full_width_row(t, "Other Household members (including non-family members):")
    label_row(t, "Name", "DoB", "Relationship to child")
    value_row(t, "Sam TESTMAN", "02/06/1988", "Mother's boyfriend")
    t = grid(doc, 2)
    full_width_row(t, "Reason for referral")
    label_pairs(t, ("Any concerns linked to domestic violence?", "Domestic violence – mother is the victim"))
    parsed = parse_docx(doc)
    referral = parsed["referral"]
    assert referral["victim"]["name"] == "Jo TESTWOMAN" and referral["victim"]["phone"] is None
    assert [p["name"] for p in referral["perpetrators"]] == ["Sam TESTMAN"]
    held = [p for p in parsed["problems"] if "not who harms her" in p["message"]]
    assert [p["severity"] for p in held] == ["error"]
    assert [p["field"] for p in parsed["problems"] if "'as above'" in p["message"]] == ["referral.victim.phone"]


def test_her_ex_husbands_box_among_significant_others_where_a_table_lists_the_mother() -> None:
    doc = Document()
    t = grid(doc, 3)
    full_width_row(t, "4. Parents/person caring for child/young person")
    label_row(t, "Name", "DOB", "Relationship to child")
    value_row(t, "Jo TESTWOMAN", "14/02/1990", "Mother")
    value_row(t, "Pat TESTELDER", "01/01/1955", "Maternal grandmother")
    t = grid(doc, 5)
    full_width_row(t, "5. Significant others/other family members")
    label_row(t, "Relationship to child", "Surname", "Forename", "Address/Tel No", "DOB")
    value_row(t, "Mother's ex-husband", "TESTMAN", "Sam", "9 Sample Road, Exampletown, EX2 2BB\nTel: not known",
              "02/06/1988")
    referral = parse_docx(doc)["referral"]
    assert referral["victim"]["name"] == "Jo TESTWOMAN"
    assert [(p["name"], p["dob"], p["address"]) for p in referral["perpetrators"]] == [
        ("Sam TESTMAN", "1988-06-02", "9 Sample Road, Exampletown, EX2 2BB")]  # "Tel: not known" is no address


def test_the_childs_address_and_school_boxes_before_the_childrens_table_are_the_first_childs() -> None:
    """The child's "Current Address" and "Postcode" boxes, then the table of the child's name: one child, not a child
    with an address and another with a name; a relative outside the household gives the child no relationship."""
    doc = Document()
    t = grid(doc, 4)
    full_width_row(t, "1. Child/Young Person's Details")
    label_row(t, "Surname", "Forenames", "Date of Birth", "M / F")
    value_row(t, "TESTCHILD", "Mia", "03/04/2019", "F")
    label_row(t, "Current Address", "", "Postcode", "Tel No")
    value_row(t, "4 Test Lane, Exampletown", "", "EX1 1AA", "0117 496 0001")
    t = grid(doc, 2)
    full_width_row(t, "2. Child/Young Person's Ethnicity")
    label_pairs(t, ("School/Early Years Setting", "Riverside Primary"))
    t = grid(doc, 4)
    full_width_row(t, "5. Significant others/other family members")
    label_row(t, "Relationship to child", "Surname", "Forename", "DOB")
    value_row(t, "Half-brother", "TESTSON", "Lee", "01/01/2001")
    children = parse_docx(doc)["referral"]["children"]
    assert [(c["name"], c["address"], c["school"], c["relationship_to_victim"]) for c in children] == [
        ("Mia TESTCHILD", "4 Test Lane, Exampletown, EX1 1AA", "Riverside Primary", None)]


def test_a_household_rows_address_with_tel_not_known_under_it() -> None:
    doc = Document()
    t = grid(doc, 4)
    full_width_row(t, "4. Parents/person caring for child/young person")
    label_row(t, "Relationship to child", "Name", "Address/Tel No", "DOB")
    value_row(t, "Mother", "Jo TESTWOMAN", "4 Test Lane, Exampletown, EX1 1AA\nTel: 0117 496 0001", "14/02/1990")
    value_row(t, "Mother's boyfriend", "Sam TESTMAN", "9 Sample Road, Exampletown, EX2 2BB\nTel: not known",
              "02/06/1988")
    referral = parse_docx(doc)["referral"]
    assert (referral["victim"]["address"], referral["victim"]["phone"]) == ("4 Test Lane, Exampletown, EX1 1AA",
                                                                            "0117 496 0001")
    assert [(p["address"], p["phone"]) for p in referral["perpetrators"]] == [("9 Sample Road, Exampletown, EX2 2BB",
                                                                               None)]


def test_the_mothers_address_as_above_in_the_adults_table_is_the_childrens() -> None:
    doc = Document()
    t = grid(doc, 4)
    full_width_row(t, "Children/Young People under 18 living at the above address")
    label_row(t, "Name", "Date of Birth", "Address", "School / Nursery")
    value_row(t, "Mia TESTCHILD", "03/04/2019", "4 Test Lane, Exampletown, EX1 1AA", "Riverside Primary")
    value_row(t, "Leo TESTCHILD", "06/08/2021", "4 Test Lane, Exampletown, EX1 1AA", "Not yet at school")
    t = grid(doc, 4)
    full_width_row(t, "Adults living at or connected to the above address")
    label_row(t, "Name", "Date of Birth", "Relationship to child", "Address (if different)")
    value_row(t, "Jo TESTWOMAN", "14/02/1990", "Mother", "As above")
    value_row(t, "Sam TESTMAN", "02/06/1988", "Mother's partner", "9 Sample Road, Exampletown, EX2 2BB")
    referral = parse_docx(doc)["referral"]
    assert referral["victim"]["address"] == "4 Test Lane, Exampletown, EX1 1AA"
    assert [p["address"] for p in referral["perpetrators"]] == ["9 Sample Road, Exampletown, EX2 2BB"]


@pytest.mark.parametrize(("born", "presumed"), [("12/05/2001", True), ("12/05/2015", False)])
def test_her_grown_up_son_is_presumed_only_where_no_partner_or_father_is_listed(born: str, presumed: bool) -> None:
    """ "Mother" and "Half-brother" only: her son is the one man of the household, and presumed the alleged
    perpetrator if his date of birth makes him an adult; a boy of eleven never is."""
    doc = Document()
    _adults(doc, ("Jo TESTWOMAN", "14/02/1980", "Mother"), ("Lee TESTSON", born, "Half-brother"))
    referral = parse_docx(doc)["referral"]
    assert referral["victim"]["name"] == "Jo TESTWOMAN"
    assert [p["name"] for p in referral["perpetrators"]] == (["Lee TESTSON"] if presumed else [])
    doc = Document()
    _adults(doc, ("Jo TESTWOMAN", "14/02/1980", "Mother"), ("Lee TESTSON", born, "Half-brother"),
            ("Sam TESTMAN", "02/06/1978", "Mother's partner"))
    assert [p["name"] for p in parse_docx(doc)["referral"]["perpetrators"]] == ["Sam TESTMAN"]


def test_a_question_across_the_table_answered_by_boxes_in_the_row_under_it() -> None:
    """ "Are the parents/carers aware …?" printed across the table, "Yes ☐ No ☒" alone in the first cell of the row
    under it and the reason beside; "I agree for this referral to be made | No ☒": the consent."""
    doc = Document()
    t = grid(doc, 3)
    full_width_row(t, "Are the parents/carers aware of this referral to Early Help or Children's Social Care?")
    value_row(t, "Yes ☐   No ☒", "", "Not safe to discuss at present")
    t.rows[-1].cells[1].paragraphs[0].add_run("If 'No' give a reason for not informing parents/carers").bold = True
    full_width_row(t, "Parent / Carer / Young Person")
    value_row(t, "I agree for this referral to be made", "Yes ☒   No ☐", "")
    referral = parse_docx(doc)["referral"]
    assert (referral["victim_aware"], referral["victim_aware_reason"]) == (False, "Not safe to discuss at present")
    assert referral["consent"] is True


def test_his_box_answering_is_this_adult_the_person_causing_harm_makes_the_mother_the_victim() -> None:
    doc = Document()
    for n, (name, kin, harms) in enumerate((("Jo TESTWOMAN", "Mother", "Yes ☐   No ☒"),
                                            ("Sam TESTMAN", "Mother's partner", "Yes ☒   No ☐")), start=1):
        t = grid(doc, 4)
        full_width_row(t, f"Parent / carer / significant adult {n}")
        label_pairs(t, ("Name:", name), ("Relationship to child:", kin))
        label_pairs(t, ("Is this adult the person causing harm?", harms))
    parsed = parse_docx(doc)
    referral = parsed["referral"]
    assert referral["victim"]["name"] == "Jo TESTWOMAN"
    assert [p["name"] for p in referral["perpetrators"]] == ["Sam TESTMAN"]
    assert [p["severity"] for p in parsed["problems"] if "does not say who" in p["message"]] == []  # no hold
    assert [p["severity"] for p in parsed["problems"] if "other parent" in p["message"]] == ["warning"]


def test_if_no_please_give_the_reason_follows_the_question_before_it() -> None:
    doc = Document()
    t = grid(doc, 2)
    label_pairs(t, ("Are parents/carers aware of this referral?", "No"))
    label_pairs(t, ("If no, please give the reason", "Not safe to discuss at present"))
    label_pairs(t, ("Have parents/carers consented to this referral?", "No"))
    label_pairs(t, ("If no, please give the reason", "Risk of serious harm outweighs the need for consent"))
    referral = parse_docx(doc)["referral"]
    assert referral["victim_aware_reason"] == "Not safe to discuss at present"
    assert referral["consent_override_reason"] == "Risk of serious harm outweighs the need for consent"
