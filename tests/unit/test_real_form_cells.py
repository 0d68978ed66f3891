"""Word forms whose cells hold more than a label or a value, laid out the way real areas' forms are (issue 11,
the layouts of the unseen areas): several people in one cell, a label on a cell's first line with the answer
under it, two or three answers in one cell, children rows that name no child, Yes / No ticked after the
question in the same cell, a name split into Title / First name / Last name, and a form of tab-stop lines with
no table. Each test builds the form as a referrer's Word copy looks and checks what a coordinator would notice:
the right value, or no value and a problem, never a wrong value alone. All people, places and dates are invented.
"""
from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Cm
from docx.table import Table, _Cell

from parsers import parse_bytes
from tests.corpus.areas.kit import dropdown
from tests.corpus.docx_parts import Fields, full_width_row, shade, write


def _table(doc: DocumentType, cols: int) -> Table:
    table = doc.add_table(rows=0, cols=cols)
    table.style = "Table Grid"
    return table


def _label(cell: _Cell, text: str) -> None:
    write(cell, text, bold=True)
    shade(cell, "D9D9D9")


def _label_then_lines(cell: _Cell, label: str, *lines: str) -> None:
    """The printed label in bold on the cell's first line, the answer typed on the lines under it."""
    cell.paragraphs[0].add_run(label).bold = True
    for line in lines:
        cell.add_paragraph(line)


def _bold_then_answer(cell: _Cell, label: str, answer: str) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.add_run(label).bold = True
    paragraph.add_run(f" {answer}")


def _parse(doc: DocumentType) -> dict[str, Any]:
    out = io.BytesIO()
    doc.save(out)
    return parse_bytes(out.getvalue(), "referral.docx")


def _fields(parsed: dict[str, Any]) -> list[str | None]:
    return [p.get("field") for p in parsed["problems"]]


# --- 1. several people in one cell ----------------------------------------------------------------------------

def test_numbered_perpetrators_in_one_cell_are_two_people_never_one_made_of_both() -> None:
    doc = Document()
    doc.add_heading("Referral and Risk Assessment Form", level=1)
    t = _table(doc, 2)
    full_width_row(t, "Client Details", fill="D9E2F3")
    row = t.add_row().cells
    _label_then_lines(row[0], "Name and Date of Birth:", "Nadia OKAFOR", "12/05/1990")
    _label_then_lines(row[1], "Ethnicity:", "Black British")
    full_width_row(t, "Alleged perpetrator:", fill="D9E2F3")
    row = t.add_row().cells
    _label_then_lines(row[0], "Name and Date of Birth:", "1) Dale HOLLIS – DOB 03/08/1991",
                      "2) Ryan PRESCOTT – DOB 11/02/1979")
    _label_then_lines(row[1], "Address of alleged perpetrator:", "1) 14 Quarry Lane, Exampletown, EX1 2AB",
                      "2) 9 Mill Row, Exampletown, EX3 4CD")
    row = t.add_row().cells
    _label_then_lines(row[0], "Ethnicity of perpetrator:", "1) White British", "2) Mixed")
    _label_then_lines(row[1], "Relationship between victim and perpetrator:", "1) Ex-partner", "2) Brother")
    parsed = _parse(doc)
    perps = parsed["referral"]["perpetrators"]
    assert [(p["name"], p["dob"], p["relationship_to_victim"]) for p in perps] == [
        ("Dale HOLLIS", "1991-08-03", "Ex-partner"), ("Ryan PRESCOTT", "1979-02-11", "Brother")]
    assert perps[1]["address"] == "9 Mill Row, Exampletown, EX3 4CD" and perps[0]["ethnicity"] == "White British"
    assert parsed["referral"]["victim"]["name"] == "Nadia OKAFOR"
    assert not any((f or "").startswith("referral.perpetrators") for f in _fields(parsed))


def test_children_one_per_line_under_a_label_on_the_first_line_and_none_is_no_child() -> None:
    def form(*lines: str) -> dict[str, Any]:
        doc = Document()
        t = _table(doc, 2)
        full_width_row(t, "Children:", fill="D9E2F3")
        row = t.add_row().cells
        _label_then_lines(row[0], "Names and Dates of Birth", *lines)
        _label_then_lines(row[1], "Address of children:", "Same as client")
        t2 = _table(doc, 2)
        row = t2.add_row().cells
        _label(row[0], "Victim name")
        write(row[1], "Nadia OKAFOR")
        return _parse(doc)

    parsed = form("Kai OKAFOR – 29/08/2020", "Lily OKAFOR 6 August 2023")
    assert [(c["name"], c["dob"]) for c in parsed["referral"]["children"]] == [
        ("Kai OKAFOR", "2020-08-29"), ("Lily OKAFOR", "2023-08-06")]
    nobody = form("None")
    assert nobody["referral"]["children"] == [] and nobody["problems"] == []


# --- 2. label on a cell's first line, answer below; two labels stacked in one cell ------------------------------

def test_label_on_the_first_line_of_a_cell_with_the_answer_below_it() -> None:
    doc = Document()
    t = _table(doc, 2)
    full_width_row(t, "Client Details", fill="D9E2F3")
    row = t.add_row().cells
    _label_then_lines(row[0], "Name and Date of Birth:", "Nadia OKAFOR", "12/05/1990")
    _label_then_lines(row[1], "Address & Contact No:", "14 Quarry Lane, Exampletown, EX1 2AB",
                      "07700 900123 – mornings only")
    row = t.add_row().cells
    _label_then_lines(row[0].merge(row[1]), "Does client have a disability? (This will include any long-term illness)",
                      "No")
    row = t.add_row().cells
    _label_then_lines(row[0].merge(row[1]), "Background and Risk Issues:", "Threats to kill; strangled last week")
    victim = _parse(doc)["referral"]["victim"]
    assert (victim["name"], victim["dob"], victim["disabled"]) == ("Nadia OKAFOR", "1990-05-12", False)
    assert (victim["address"], victim["postcode"]) == ("14 Quarry Lane, Exampletown, EX1 2AB", "EX1 2AB")
    assert (victim["phone"], victim["contact_notes"]) == ("07700 900123", "mornings only")


def test_two_labels_stacked_in_one_cell_each_with_its_answer() -> None:
    doc = Document()
    doc.add_heading("Referral", level=1)
    t = _table(doc, 2)
    full_width_row(t, "Victim details", fill="D9E2F3")
    row = t.add_row().cells
    _label_then_lines(row[0], "Victim name", "Nadia OKAFOR")
    row[0].add_paragraph().add_run("Date of birth").bold = True
    row[0].add_paragraph("12/05/1990")
    _label_then_lines(row[1], "Safe contact number", "07700 900123")
    victim = _parse(doc)["referral"]["victim"]
    assert (victim["name"], victim["dob"], victim["phone"]) == ("Nadia OKAFOR", "1990-05-12", "07700 900123")


# --- 3. two or three answers in one cell ---------------------------------------------------------------------

def test_referrer_name_and_agency_with_contact_details_on_the_line_below() -> None:
    doc = Document()
    t = _table(doc, 1)
    _label_then_lines(t.add_row().cells[0], "Referring Officer and Agency:", "Priya NAIR, Exampletown Housing Trust",
                      "Tel: 01632 960123   Email: priya.nair@example.gov.uk")
    t2 = _table(doc, 2)
    row = t2.add_row().cells
    _label(row[0], "Victim name")
    write(row[1], "Nadia OKAFOR")
    referrer = _parse(doc)["referral"]["referrer"]
    assert (referrer["name"], referrer["agency"]) == ("Priya NAIR", "Exampletown Housing Trust")
    assert (referrer["phone"], referrer["email"]) == ("01632 960123", "priya.nair@example.gov.uk")


def test_first_language_and_interpreter_in_one_answer() -> None:
    doc = Document()
    doc.add_paragraph().add_run("Survivor").bold = True
    for label, value in (("Name:", "Nadia OKAFOR"), ("First language / interpreter needed:", "Polish – interpreter needed")):
        paragraph = doc.add_paragraph()
        paragraph.add_run(label).bold = True
        paragraph.add_run(f"\t{value}")
    victim = _parse(doc)["referral"]["victim"]
    assert (victim["first_language"], victim["interpreter_language"]) == ("Polish", "Polish")


def test_no_and_the_reason_in_one_answer() -> None:
    doc = Document()
    t = _table(doc, 2)
    for label, value in (("Victim name", "Nadia OKAFOR"), ("Is the person referred aware of the MARAC referral?",
                                                             "No – not safe to discuss at present")):
        row = t.add_row().cells
        _label(row[0], label)
        write(row[1], value)
    referral = _parse(doc)["referral"]
    assert (referral["victim_aware"], referral["victim_aware_reason"]) == (False, "not safe to discuss at present")


# --- 4. children rows that name no child ---------------------------------------------------------------------

def test_unborn_row_is_an_unborn_child_and_none_row_is_no_child() -> None:
    def form(first: tuple[str, str, str]) -> dict[str, Any]:
        doc = Document()
        t = _table(doc, 2)
        row = t.add_row().cells
        _label(row[0], "Victim name")
        write(row[1], "Nadia OKAFOR")
        kids = _table(doc, 3)
        full_width_row(kids, "Details of children", fill="BDD6EE")
        for cell, text in zip(kids.add_row().cells, ("Children (inc unborn)", "DOB/EDD", "Relationship to victim")):
            _label(cell, text)
        for texts in (first, ("", "", "")):
            for cell, text in zip(kids.add_row().cells, texts):
                write(cell, text)
        return _parse(doc)

    unborn = form(("Unborn", "01/03/2027", ""))["referral"]["children"]
    assert len(unborn) == 1 and unborn[0]["unborn"] is True and unborn[0]["name"] is None
    assert unborn[0]["dob"] == "2027-03-01"
    # the due date with a two-digit year: only this century's reading is a child's (or a baby expected)
    assert form(("Unborn", "EDD 02.02.27", ""))["referral"]["children"][0]["dob"] == "2027-02-02"
    for none in ("None", "No children"):
        assert form((none, "", ""))["referral"]["children"] == []


# --- 5. Yes / No ticked after the question; tick lists; a drop-down -------------------------------------------

def test_yes_no_ticked_after_the_question_in_the_same_cell() -> None:
    doc = Document()
    t = _table(doc, 2)
    full_width_row(t, "Client's details", fill="E2EFD9")
    row = t.add_row().cells
    _label(row[0], "Name")
    write(row[1], "Nadia OKAFOR")
    for text in ("Consent of survivor for referral   Yes ☐   No ☒",
                 "Home Telephone: 07700 900123    safe to call Yes ☒   No ☐",
                 "Mobile:        safe to call Yes ☐   No ☐",
                 "Does the client consider her/himself to be disabled or have any special needs? Yes ☐   No ☒"):
        cells = t.add_row().cells
        write(cells[0].merge(cells[1]), text)
    referral = _parse(doc)["referral"]
    victim = referral["victim"]
    assert referral["consent"] is False
    assert (victim["phone"], victim["safe_to_call"], victim["disabled"]) == ("07700 900123", True, False)


def test_ticked_ground_for_sharing_without_consent_and_reason_from_a_drop_down() -> None:
    doc = Document()
    fields = Fields()
    t = _table(doc, 2)
    row = t.add_row().cells
    _label(row[0], "Victim name")
    write(row[1], "Nadia OKAFOR")
    row = t.add_row().cells
    _label(row[0], "Justification to override consent")
    grounds = ("Right to life (Human Rights Act)", "Prevention or detection of crime", "Overriding public interest")
    for number, ground in enumerate(grounds):
        paragraph = row[1].paragraphs[0] if number == 0 else row[1].add_paragraph()
        fields.control_checkbox(paragraph, number == 1)
        paragraph.add_run(f" {ground}")
    row = t.add_row().cells
    _label(row[0], "Reason for Referral:")
    row[1].paragraphs[0].add_run("Please choose from the following: ")
    dropdown(row[1].paragraphs[0], ["Visible High Risk", "Professional Judgement", "Potential Escalation"],
             "Professional Judgement")
    referral = _parse(doc)["referral"]
    assert referral["consent_override_reason"] == "Prevention or detection of crime"
    assert referral["reasons"]["professional_judgement"] is True
    assert referral["reasons"]["visible_high_risk"] is not True


def test_criteria_named_in_a_sentence_with_the_judgement_explained() -> None:
    doc = Document()
    t = _table(doc, 1)
    _label_then_lines(t.add_row().cells[0], "Reasons for Referral:", "Visible high risk – 15 ticks on the RIC",
                      "Professional judgement – Recent escalation: threats with a knife")
    _label_then_lines(t.add_row().cells[0], "Victim name:", "Nadia OKAFOR")
    reasons = _parse(doc)["referral"]["reasons"]
    assert (reasons["visible_high_risk"], reasons["professional_judgement"]) == (True, True)
    assert reasons["professional_judgement_rationale"] == "Recent escalation: threats with a knife"


# --- 6. name split into Title / First name / Last name -------------------------------------------------------

def test_name_in_title_first_and_last_name_cells_and_other_then_specified() -> None:
    doc = Document()
    doc.add_paragraph().add_run("Client's details").bold = True
    t = _table(doc, 6)
    cells = t.add_row().cells
    for offset, (label, value) in enumerate((("Title", "Ms"), ("First name", "Nadia"), ("Last name", "OKAFOR"))):
        _label(cells[offset * 2], label)
        write(cells[offset * 2 + 1], value)
    cells = t.add_row().cells
    _label(cells[0], "Client's Nationality")
    write(cells[1].merge(cells[2]), "British ☐   Other ☒")
    _bold_then_answer(cells[3].merge(cells[5]), "If other, state client's Nationality:", "Nigerian")
    parsed = _parse(doc)
    victim = parsed["referral"]["victim"]
    assert (victim["name"], victim["nationality"]) == ("Nadia OKAFOR", "Nigerian")
    assert "referral.victim.nationality" not in _fields(parsed)


# --- 7. tab-stop lines with no table -------------------------------------------------------------------------

def _tab_line(doc: DocumentType, label: str, value: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(8.5), WD_TAB_ALIGNMENT.LEFT)
    paragraph.add_run(label).bold = True
    paragraph.add_run(f"\t{value}")


def test_tab_stop_lines_children_lines_and_criteria_heading_that_asks_for_ticks() -> None:
    doc = Document()
    doc.add_heading("MARAC Referral Form", level=1)
    doc.add_paragraph().add_run("Survivor").bold = True
    _tab_line(doc, "Name:", "Nadia OKAFOR")
    _tab_line(doc, "Date of birth:", "12/05/1990")
    doc.add_paragraph().add_run("Children").bold = True
    doc.add_paragraph().add_run("Name\tDate of birth\tSchool").bold = True
    doc.add_paragraph("Kai OKAFOR\t29/08/2020\tRiverside Primary")
    doc.add_paragraph("Lily OKAFOR\t06/08/2023\tNot yet at school")
    doc.add_paragraph().add_run("Referral criteria (tick all that apply)").bold = True
    doc.add_paragraph("☒  Visible high risk (14 or more ticks on the DASH risk checklist)")
    doc.add_paragraph("☐  Potential escalation")
    _tab_line(doc, "Professional judgement – why?", "Recent escalation: threats with a knife")
    _tab_line(doc, "Summary of current risks:", "Strangled last week; threats to kill")
    referral = _parse(doc)["referral"]
    assert [(c["name"], c["dob"], c["school"]) for c in referral["children"]] == [
        ("Kai OKAFOR", "2020-08-29", "Riverside Primary"), ("Lily OKAFOR", "2023-08-06", "Not yet at school")]
    assert referral["reasons"]["visible_high_risk"] is True and referral["reasons"]["potential_escalation"] is False
    assert referral["reasons"]["professional_judgement_rationale"] == "Recent escalation: threats with a knife"
    assert referral["risks_summary"] == "Strangled last week; threats to kill"


# --- more of the same classes, in label | value rows ---------------------------------------------------------

def _rows(*pairs: tuple[str, str], heading: str | None = None) -> dict[str, Any]:
    doc = Document()
    t = _table(doc, 2)
    if heading:
        full_width_row(t, heading, fill="D9E2F3")
    for label, value in pairs:
        row = t.add_row().cells
        _label(row[0], label)
        write(row[1], value)
    return _parse(doc)


def test_people_one_per_line_and_a_single_answer_beside_them_is_not_given_to_one() -> None:
    parsed = _rows(("Name and Date of Birth", "Dale HOLLIS – 03/08/1991\nRyan PRESCOTT, 11/02/1979"),
                   ("Address", "14 Quarry Lane, Exampletown"), heading="Perpetrator details")
    perps = parsed["referral"]["perpetrators"]
    assert [(p["name"], p["dob"], p["address"]) for p in perps] == [
        ("Dale HOLLIS", "1991-08-03", None), ("Ryan PRESCOTT", "1979-02-11", None)]
    assert "referral.perpetrators" in _fields(parsed)  # whose address it is cannot be told: said, not guessed


def test_children_none_zero_and_unborn_in_a_labelled_box() -> None:
    for none in ("None", "No children", "0", "Children: 0"):
        parsed = _rows(("Victim name", "Nadia OKAFOR"), ("Children", none))
        assert parsed["referral"]["children"] == [], none
        assert not any((f or "").startswith("referral.children") for f in _fields(parsed))
    kids = _rows(("Victim name", "Nadia OKAFOR"), ("Child name", "Unborn"), ("Child DOB", "01/03/2027"))
    assert [(c["name"], c["unborn"], c["dob"]) for c in kids["referral"]["children"]] == [(None, True, "2027-03-01")]


def test_email_box_holding_a_phone_number_and_referred_by_name_role_agency() -> None:
    for referred in ("Priya NAIR, Housing Officer, Exampletown Housing Trust",
                     "Priya NAIR\nHousing Officer\nExampletown Housing Trust"):
        parsed = _rows(("Referred by:", referred), ("Contact email:", "priya.nair@example.gov.uk / 01632 960123"),
                       ("Victim name", "Nadia OKAFOR"))
        referrer = parsed["referral"]["referrer"]
        assert (referrer["name"], referrer["role"], referrer["agency"]) == (
            "Priya NAIR", "Housing Officer", "Exampletown Housing Trust")
        assert (referrer["email"], referrer["phone"]) == ("priya.nair@example.gov.uk", "01632 960123")
        assert parsed["problems"] == []


def test_an_answer_that_is_a_statement_answers_the_yes_no_it_states() -> None:
    question = ("Has the victim placed any conditions/limitations on their consent (i.e. does not wish to report "
                "to police)")
    parsed = _rows(("Victim name", "Nadia OKAFOR"), (question, "Does not wish to report to police"))
    assert parsed["referral"]["police"]["victim_wants_police"] is False


def test_tab_stop_label_wrapping_onto_a_second_line_does_not_cut_the_answer() -> None:
    for lines in ((("If no consent, why is information", "Risk of serious"), ("being shared?", "harm to her life")),
                  (("If no consent, why is", ""), ("information being shared?", "Risk of serious harm to her life"))):
        doc = Document()
        doc.add_paragraph().add_run("Survivor").bold = True
        _tab_line(doc, "Name:", "Nadia OKAFOR")
        _tab_line(doc, "Has the survivor consented to the referral?", "No")
        paragraph = doc.add_paragraph()
        for number, (label, answer) in enumerate(lines):
            if number:
                paragraph.add_run().add_break()
            paragraph.add_run(label).bold = True
            if answer:
                paragraph.add_run(f"\t{answer}")
        referral = _parse(doc)["referral"]
        assert (referral["consent"], referral["consent_override_reason"]) == (False, "Risk of serious harm to her life")


def test_label_over_answer_told_by_the_words_where_bold_cannot_be_seen() -> None:
    """A PDF printed from such a form shows no bold: a question (with its aside) or a "Names and dates of birth"
    label over its answer in one cell is still a label and its answer."""
    from parsers.tables.first_lines import text_parts
    assert text_parts("Does client have a disability? (This will include any\nlong-term illness)\nNo") == [
        ("Does client have a disability? (This will include any long-term illness)", "No")]
    assert text_parts("Names and Dates of Birth\nKai OKAFOR 29 August 2020\nLily OKAFOR 6 August 2023") == [
        ("Names and Dates of Birth", "Kai OKAFOR 29 August 2020\nLily OKAFOR 6 August 2023")]
    assert text_parts("Address\n14 Quarry Lane") is None  # no question, no list of people: not told apart


def test_second_perpetrator_read_without_the_first_is_said() -> None:
    parsed = _rows(("Victim name", "Nadia OKAFOR"), ("Perpetrator 2 name", "Ryan PRESCOTT"))
    assert [p["name"] for p in parsed["referral"]["perpetrators"]] == ["Ryan PRESCOTT"]
    assert "referral.perpetrators" in _fields(parsed)  # the list's first is not the form's first: said
