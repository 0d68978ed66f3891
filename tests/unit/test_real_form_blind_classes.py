"""Word forms laid out the way the blind areas' forms are (issue 11: a young persons' referral, a refuge referral, an
overseas safe-at-home form, a domestic abuse service's referral and assessment form): labels and answers in one box
with no heading saying whose, two labels stacked in one box, victim and perpetrator side by side, counts read as
people, answers given by deleting words, ticked interpreter boxes, health answers "No" / "Yes, details: …", word
risk scores. Each test builds the form as a referrer's Word copy looks and checks what a coordinator would notice:
the right value, or no value and a problem, never a wrong value alone. All people, places and dates are invented.
"""
from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.table import Table, _Cell

from parsers import parse_bytes
from tests.corpus.docx_parts import full_width_row, shade, write


def _table(doc: DocumentType, cols: int) -> Table:
    table = doc.add_table(rows=0, cols=cols)
    table.style = "Table Grid"
    return table


def _label(cell: _Cell, text: str) -> None:
    write(cell, text, bold=True)
    shade(cell, "D9D9D9")


def _lines(cell: _Cell, *pairs: tuple[str, str]) -> None:
    """ "Label: answer" lines stacked in one box, each label in bold with the answer typed after it."""
    for index, (label, answer) in enumerate(pairs):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.add_run(label).bold = True
        if answer:
            paragraph.add_run(f" {answer}")


def _row(table: Table, *boxes: tuple[tuple[str, str], ...]) -> None:
    for cell, pairs in zip(table.add_row().cells, boxes):
        _lines(cell, *pairs)


def _parse(doc: DocumentType) -> dict[str, Any]:
    out = io.BytesIO()
    doc.save(out)
    return parse_bytes(out.getvalue(), "referral.docx")


def _messages(parsed: dict[str, Any]) -> list[str]:
    return [p["message"] for p in parsed["problems"]]


def _assessment_form(children: str, kids: list[tuple[str, str, str]]) -> DocumentType:
    """A service's "Referral and Assessment Form": the client in the left-hand boxes, the perpetrator in the right."""
    doc = Document()
    doc.add_heading("Referral and Assessment Form", level=1)
    t = _table(doc, 2)
    full_width_row(t, "Section 1 (Referrer or Helpline)", fill="C6D9F1")
    _row(t, (("Date:", "30/10/2026"),), (("Person completing Section 1:", "Jo Example, Outreach Worker"),))
    _row(t, (("Source of referral:", "Exampletown Housing"),),
         (("Contact details of referrer:", "07700 900123 / jo.example@example.gov.uk"),))
    _row(t, (("Client name:", "Rosa EXAMPLE"), ("AKA:", "")),
         (("Perpetrator's name:", "Dale SAMPLE"), ("What does he/she do? Where does he/she work?", "Unemployed")))
    _row(t, (("D.O.B:", "14/02/1985"),), (("Perpetrator's DOB:", "09/09/1980"),))
    _row(t, (("Present Address:", "4 Example Road, Exampletown, EX1 2AB"),),
         (("Perpetrator's Location (if different):", "9 Sample Street, Exampletown, EX3 4CD"),))
    _row(t, (("Safe to leave message: Y/N", "N"),), (("Children:", children),))
    kids_table = _table(doc, 4)
    for cell, text in zip(kids_table.add_row().cells, ("Name & Surname", "Gender", "DOB", "Living with client?")):
        _label(cell, text)
    for kid in kids:
        for cell, text in zip(kids_table.add_row().cells, (*kid, "Y")):
            write(cell, text)
    return doc


# --- 1 and 3. side by side: whose a bare label is -------------------------------------------------------------

def test_a_bare_dob_beside_the_perpetrators_dob_is_the_clients_and_never_given_to_him() -> None:
    parsed = _parse(_assessment_form("1", [("Mia EXAMPLE", "F", "03/04/2019")]))
    referral = parsed["referral"]
    assert referral["victim"]["dob"] == "1985-02-14"
    assert referral["perpetrators"][0]["dob"] == "1980-09-09"
    assert referral["perpetrators"][0]["address"] == "9 Sample Street, Exampletown, EX3 4CD"
    assert referral["victim"]["address"] == "4 Example Road, Exampletown, EX1 2AB"


def test_a_heading_in_other_words_says_whose_the_bare_labels_are() -> None:
    doc = Document()
    doc.add_heading("Young Persons Domestic Abuse meeting referral", level=1)
    t = _table(doc, 2)
    full_width_row(t, "THE VICTIM", fill="D9D9D9")
    _row(t, (("Victim name:", "Rosa EXAMPLE"),), (("DOB:", "14/02/2009"),))
    t = _table(doc, 2)
    full_width_row(t, "THE PERSON WHO HARMS", fill="D9D9D9")
    _row(t, (("Name:", "Dale SAMPLE"),), (("DOB:", "09/09/2007"),))
    _row(t, (("Address:", "9 Sample Street, Exampletown, EX3 4CD"),), (("Relationship to victim:", "Ex-boyfriend"),))
    parsed = _parse(doc)
    perpetrator = parsed["referral"]["perpetrators"][0]
    assert (perpetrator["name"], perpetrator["dob"]) == ("Dale SAMPLE", "2007-09-09")
    assert perpetrator["relationship_to_victim"] == "Ex-boyfriend"
    assert parsed["referral"]["victim"]["dob"] == "2009-02-14"
    assert not any("does not say whose" in m for m in _messages(parsed))


def test_one_box_that_goes_on_from_the_victim_to_the_referrer_and_the_abuser() -> None:
    """"Personal Information" over one box: the referrer's and the abuser's labels later in it are theirs."""
    doc = Document()
    t = _table(doc, 2)
    full_width_row(t, "Personal Information", fill="D9D9D9")
    _row(t, (("Name:", "Rosa EXAMPLE"),), (("Date of birth:", "14/02/1985"),))
    _row(t, (("Tel:", "07700 900111"),), (("Referring Agency:", "Exampletown Housing"),))
    _row(t, (("Contact name:", "Jo Example"),), (("Number:", "07700 900222"),))
    _row(t, (("Name of abuser:", "1) Dale SAMPLE 2) Lee SAMPLE"),),
         (("Date of birth:", "1) 09/09/1980 2) 01/01/1979"),))
    _row(t, (("Relationship to abuser:", "1) Boyfriend 2) Husband"),), (("Length of relationship:", "6 years"),))
    parsed = _parse(doc)
    referral = parsed["referral"]
    assert (referral["victim"]["name"], referral["victim"]["dob"]) == ("Rosa EXAMPLE", "1985-02-14")
    assert referral["victim"]["phone"] == "07700 900111"
    assert (referral["referrer"]["agency"], referral["referrer"]["name"]) == ("Exampletown Housing", "Jo Example")
    assert referral["referrer"]["phone"] == "07700 900222"
    assert [(p["name"], p["dob"], p["relationship_to_victim"]) for p in referral["perpetrators"]] == [
        ("Dale SAMPLE", "1980-09-09", "Boyfriend"), ("Lee SAMPLE", "1979-01-01", "Husband")]
    assert parsed["problems"] == []


# --- 2. two labels stacked in one box -------------------------------------------------------------------------

def test_the_perpetrators_name_does_not_run_on_into_the_next_label_in_his_box() -> None:
    parsed = _parse(_assessment_form("1", [("Mia EXAMPLE", "F", "03/04/2019")]))
    perpetrator = parsed["referral"]["perpetrators"][0]
    assert perpetrator["name"] == "Dale SAMPLE"
    assert perpetrator["occupation"] == "Unemployed"


# --- 4. counts are not people ---------------------------------------------------------------------------------

def test_children_given_as_a_count_are_not_a_child() -> None:
    parsed = _parse(_assessment_form("2", [("Mia EXAMPLE", "F", "03/04/2019"), ("Leo EXAMPLE", "M", "05/06/2021")]))
    assert [(c["name"], c["dob"]) for c in parsed["referral"]["children"]] == [("Mia EXAMPLE", "2019-04-03"),
                                                                             ("Leo EXAMPLE", "2021-06-05")]
    assert not any("child" in m for m in _messages(parsed))


def test_children_nought_is_no_children_and_no_problem() -> None:
    parsed = _parse(_assessment_form("0", []))
    assert parsed["referral"]["children"] == []
    assert not any("child" in m for m in _messages(parsed))


# --- 6. yes / no as the blind forms answer it -----------------------------------------------------------------

def _one_column(rows: list[tuple[str, str]], heading: str = "THE VICTIM") -> DocumentType:
    doc = Document()
    t = _table(doc, 2)
    full_width_row(t, heading, fill="D9D9D9")
    for label, answer in rows:
        cells = t.add_row().cells
        _label(cells[0], label)
        write(cells[1], answer)
    return doc


def test_yes_no_answered_by_deleting_a_word_before_delete_as_appropriate() -> None:
    parsed = _parse(_one_column([("Victim name", "Rosa EXAMPLE"),
                                 ("Is this number safe to call?", "Yes / (delete as appropriate)"),
                                 ("Is the victim aware of the referral?", "/ No (delete as appropriate)"),
                                 ("Has consent been given?", "Y/N/Not known Y")]))
    referral = parsed["referral"]
    assert (referral["victim"]["safe_to_call"], referral["victim_aware"], referral["consent"]) == (True, False, True)
    assert not any("is not a yes or no" in m for m in _messages(parsed))


def test_yes_no_with_neither_word_deleted_is_no_answer_and_a_problem() -> None:
    parsed = _parse(_one_column([("Victim name", "Rosa EXAMPLE"), ("Has consent been given?", "Y / N")]))
    assert parsed["referral"]["consent"] is None
    assert any(p["field"] == "referral.consent" for p in parsed["problems"])


def test_ticked_interpreter_box_with_the_language_in_its_bracket() -> None:
    parsed = _parse(_one_column([("Victim name", "Rosa EXAMPLE"),
                                 ("Interpreter required", "Yes ☒  No ☐  (Polish)")]))
    assert parsed["referral"]["victim"]["interpreter_language"] == "Polish"
    assert parsed["problems"] == []


def test_health_answers_no_and_yes_details_are_split_from_their_yes_or_no() -> None:
    parsed = _parse(_one_column([("Victim name", "Rosa EXAMPLE"),
                                 ("Does the victim have any mental health issues?", "No"),
                                 ("Does the victim have any drug or alcohol issues?", "Yes, details: Alcohol")]))
    victim = parsed["referral"]["victim"]
    assert victim["mental_health"] is None
    assert victim["substance_misuse"] == "Alcohol"


# --- 7. other wordings of the same fields ---------------------------------------------------------------------

def test_boy_or_girl_and_the_address_being_fled_and_a_reason_box() -> None:
    doc = _one_column([("Name", "Rosa EXAMPLE"), ("Current address you are fleeing", "4 Example Road, Exampletown"),
                       ("Reason for referral (current situation which has prompted the referral)",
                        "Threats to kill on 25 October")], heading="Personal Information")
    doc.add_paragraph().add_run("Children coming with you").bold = True
    kids = _table(doc, 3)
    for cell, text in zip(kids.add_row().cells, ("Name", "Date of birth", "Boy or girl")):
        _label(cell, text)
    for kid in (("Mia EXAMPLE", "03/04/2019", "Girl"), ("Leo EXAMPLE", "05/06/2021", "Boy")):
        for cell, text in zip(kids.add_row().cells, kid):
            write(cell, text)
    parsed = _parse(doc)
    referral = parsed["referral"]
    assert referral["victim"]["address"] == "4 Example Road, Exampletown"
    assert referral["risks_summary"] == "Threats to kill on 25 October"
    assert [c["gender"] for c in referral["children"]] == ["Female", "Male"]


# --- 8. false alarms ------------------------------------------------------------------------------------------

def test_a_risk_score_in_words_is_no_dash_count_and_no_error() -> None:
    parsed = _parse(_one_column([("Victim name", "Rosa EXAMPLE"), ("Risk Score", "High")]))
    assert parsed["referral"]["dash_score_stated"] is None
    assert not any(p["severity"] == "error" for p in parsed["problems"])


def test_shaded_column_headings_of_an_agencies_table_are_not_the_referrers_agency_again() -> None:
    doc = Document()
    t = _table(doc, 4)
    full_width_row(t, "SECTION ONE: Referrer Details", fill="D9D9D9")
    cells = t.add_row().cells
    _label(cells[0], "Referrer")
    write(cells[1], "Jo Example")
    _label(cells[2], "Agency")
    write(cells[3], "Exampletown Housing")
    full_width_row(t, "SECTION SIX: Agencies Involved", fill="D9D9D9")
    for cell, text in zip(t.add_row().cells, ("Name of organisation", "contact person, phone & email",
                                              "type of involvement", "")):
        if text:
            _label(cell, text)
    for cell, text in zip(t.add_row().cells, ("Children's services", "Sam Example, 07700 900444", "Social worker", "")):
        write(cell, text)
    parsed = _parse(doc)
    assert parsed["referral"]["referrer"]["agency"] == "Exampletown Housing"
    assert not any("again" in m for m in _messages(parsed))


# --- 1. "(Client/Perpetrator)" beside "(Partner/Victim)": only the heading says whose ---------------------------

def _programme_form(left: str, right: str) -> DocumentType:
    """A perpetrator programme's form: two titles, each over a label | answer pair of columns."""
    doc = Document()
    doc.add_heading("Domestic Abuse Prevention Programme", level=1)
    t = _table(doc, 4)
    cells = t.add_row().cells
    _label(cells[0].merge(cells[1]), left)
    _label(cells[2].merge(cells[3]), right)
    for label, his, hers in (("Full Name", "Dale SAMPLE", "Rosa EXAMPLE"), ("Current Address", "9 Sample Street", ""),
                             ("Home Tel", "", ""), ("Mobile", "07700 900333", "07700 900111"),
                             ("Occupation", "Unemployed", "Care assistant")):
        row = t.add_row().cells
        _label(row[0], label)
        write(row[1], his)
        _label(row[2], label)
        write(row[3], hers)
    return doc


def test_the_client_is_the_perpetrator_where_the_column_heading_says_so() -> None:
    parsed = _parse(_programme_form("CONTACT DETAILS (Client/Perpetrator)", "CONTACT DETAILS (Partner/Victim)"))
    referral = parsed["referral"]
    assert len(referral["perpetrators"]) == 1  # an empty "Home Tel" before "Mobile" starts no second man
    perpetrator = referral["perpetrators"][0]
    assert (perpetrator["name"], perpetrator["phone"], perpetrator["occupation"]) == (
        "Dale SAMPLE", "07700 900333", "Unemployed")
    assert (referral["victim"]["name"], referral["victim"]["phone"]) == ("Rosa EXAMPLE", "07700 900111")
    assert parsed["problems"] == []


def test_columns_whose_headings_name_no_one_are_not_guessed() -> None:
    parsed = _parse(_programme_form("CONTACT DETAILS", "OTHER CONTACT DETAILS"))
    referral = parsed["referral"] or {}
    assert "Dale SAMPLE" not in str(referral.get("victim")) and "Rosa EXAMPLE" not in str(referral.get("perpetrators"))
    assert parsed["problems"]


def test_relationship_with_perpetrator_outside_a_childrens_table_is_his_relationship_to_her() -> None:
    parsed = _parse(_one_column([("Victim name", "Rosa EXAMPLE"), ("Relationship with perpetrator", "Son")],
                                heading="Section 1 (Referrer or Helpline)"))
    assert [p["relationship_to_victim"] for p in parsed["referral"]["perpetrators"]] == ["Son"]


def test_street_suburb_and_city_rows_make_one_address() -> None:
    parsed = _parse(_one_column([("Victim name", "Rosa EXAMPLE"), ("Street", "4 Example Road"), ("Suburb", "Hillside"),
                                 ("City", "Exampletown"), ("Property Ownership", "Private Rental")]))
    victim = parsed["referral"]["victim"]
    assert (victim["address"], victim["housing"]) == ("4 Example Road, Hillside, Exampletown", "Private Rental")


def test_a_diversity_tick_row_with_gender_f_and_the_m_deleted() -> None:
    parsed = _parse(_one_column([("Victim name", "Rosa EXAMPLE"),
                                 ("Diversity Data (if known)", "B&ME ☒  Disabled ☐  LGBT ☐  \nGender F /")]))
    victim = parsed["referral"]["victim"]
    assert (victim["bme"], victim["disabled"], victim["lgbt"], victim["gender"]) == (True, False, False, "Female")


def test_a_bare_date_at_the_top_of_the_form_is_the_referral_date() -> None:
    parsed = _parse(_assessment_form("1", [("Mia EXAMPLE", "F", "03/04/2019")]))
    assert parsed["referral"]["referrer"]["date"] == "2026-10-30"
    assert (parsed["referral"]["referrer"]["name"], parsed["referral"]["referrer"]["role"]) == (
        "Jo Example", "Outreach Worker")
    assert parsed["referral"]["referrer"]["phone"] == "07700 900123"


def test_the_childrens_social_worker_is_not_a_list_of_children() -> None:
    doc = _one_column([("Victim name", "Rosa EXAMPLE"),
                       ("Name and contact details of child(ren)'s social worker", "Sam Example, 07700 900444")],
                      heading="Dependants")
    parsed = _parse(doc)
    assert parsed["referral"]["children"] == []
    assert not any("lists people" in m for m in _messages(parsed))


def test_a_box_that_explains_first_is_read_by_its_question() -> None:
    parsed = _parse(_one_column([
        ("Victim name", "Rosa EXAMPLE"),
        ("The Example Act defines a disabled person as someone with a long-term impairment. Under this definition "
         "would the client consider themselves to be disabled? Y/N", "N"),
        ("Please give details why a referral is being made to the service? Please provide as much information as "
         "possible. Nature of abuse, extent, recent incidents.", "Threats to kill on 25 October")]))
    referral = parsed["referral"]
    assert referral["victim"]["disabled"] is False
    assert referral["risks_summary"] == "Threats to kill on 25 October"


def test_as_client_under_the_partners_children_is_no_child() -> None:
    doc = _programme_form("CONTACT DETAILS (Client/Perpetrator)", "CONTACT DETAILS (Partner/Victim)")
    t = doc.tables[0]
    full_width_row(t, "Dependants", fill="D9D9D9")
    row = t.add_row().cells
    _label(row[0], "Name/DOB")
    _lines(row[1], ("", "Mia EXAMPLE – 03/04/2019"), ("", "Leo EXAMPLE – 05/06/2021"))
    _label(row[2], "Name/DOB")
    write(row[3], "As client")
    parsed = _parse(doc)
    assert [(c["name"], c["dob"]) for c in parsed["referral"]["children"]] == [("Mia EXAMPLE", "2019-04-03"),
                                                                             ("Leo EXAMPLE", "2021-06-05")]
    assert parsed["problems"] == []


# --- 5. several people in one box -----------------------------------------------------------------------------

def test_two_children_run_together_on_one_line_are_never_one_child_made_of_both() -> None:
    parsed = _parse(_one_column([("Victim name", "Rosa EXAMPLE"),
                                 ("Name/DOB", "Mia EXAMPLE – 03/04/2019 Leo EXAMPLE – 05/06/2021")],
                                heading="Dependants"))
    children = parsed["referral"]["children"]
    assert not any("Mia" in (c["name"] or "") and "Leo" in (c["name"] or "") for c in children)
    assert children == [] and parsed["problems"]
