"""Word forms laid out the way the fresh blind set's forms are (issue 11: a police incident form, a children's
service referral, a safeguarding adult concern form, a CAADA checklist with one comment box, a stand-alone stalking
checklist, a web form saved to Word), for the classes of WORDING and VALUE the reader got wrong there: people the
vocabulary did not know ("Name of Woman being referred", "Details of person raising the concern", "Name of
Stalker"), labels worded another way ("Police URN", "Has the service user given permission to share…"), a gender
typed into the forename box, "As above" for an address, ethnicity as a legend's code, a relationship with a
bracket after it, a "Significant others" box after the perpetrator's, comments keyed by question number, and the
false alarms of a well-filled form. Each test builds the form as a referrer's Word copy looks and checks the right
value, or no value (and a problem where a person must look), never a wrong value alone. All data is invented.
"""
from __future__ import annotations

from docx import Document
from docx.document import Document as DocumentType

from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.fresh._kit import boxed
from tests.word_forms import grid as _table
from tests.word_forms import label_pairs as _pairs
from tests.word_forms import parse_docx as _parse
from tests.word_forms import problem_fields as _fields


def _victim_box(doc: DocumentType, *extra: tuple[str, str]) -> None:
    t = _table(doc, 2)
    full_width_row(t, "Victim details")
    for pair in (("Name", "Jo EXAMPLE"), ("Address", "4 Test Lane, Exampletown, EX1 1AA"), *extra):
        _pairs(t, pair)


def test_significant_others_after_the_perpetrator_are_no_perpetrators() -> None:
    doc = Document()
    _victim_box(doc)
    doc.add_paragraph()
    p = _table(doc, 4)
    full_width_row(p, "Perpetrators details")
    _pairs(p, ("Name:", "Sam EXAMPLE"), ("Current address:", "9 Other Road, Exampletown, EX2 2BB"))
    doc.add_paragraph()
    doc.add_paragraph("Significant others (extended family/friends/professionals) who are not members of the referred "
                      "person's household.")
    s = _table(doc, 4)
    _pairs(s, ("Name:", "Pat GRANDMOTHER"), ("Name:", "Lee WORKER"))
    _pairs(s, ("Relationship:", "Maternal grandmother"), ("Relationship:", "Social worker"))
    _pairs(s, ("Tel:", "07700 900111"), ("Tel:", "0117 496 0111"))
    parsed = _parse(doc)
    people = parsed["referral"]["perpetrators"]
    assert [p["name"] for p in people] == ["Sam EXAMPLE"]
    assert people[0]["phone"] is None


def test_as_above_is_the_victims_address_never_the_words() -> None:
    doc = Document()
    _victim_box(doc)
    doc.add_paragraph()
    c = _table(doc, 3)
    full_width_row(c, "Children")
    for row in (("", "Child 1", "Child 2"), ("Name", "Ava EXAMPLE", "Ben EXAMPLE"),
                ("Date of birth", "01/02/2018", "03/04/2020"), ("Address", "As above", "Same as victim")):
        for index, (cell, text) in enumerate(zip(c.add_row().cells, row)):
            write(cell, text, bold=index == 0 or not row[0])
    parsed = _parse(doc)
    addresses = [child["address"] for child in parsed["referral"]["children"]]
    assert addresses == ["4 Test Lane, Exampletown, EX1 1AA"] * 2


def test_as_above_with_no_address_above_is_left_empty_with_a_problem() -> None:
    doc = Document()
    t = _table(doc, 2)
    full_width_row(t, "Victim details")
    _pairs(t, ("Name", "Jo EXAMPLE"))
    doc.add_paragraph()
    p = _table(doc, 2)
    full_width_row(p, "Perpetrator details")
    _pairs(p, ("Name", "Sam EXAMPLE"))
    _pairs(p, ("Address", "As above"))
    parsed = _parse(doc)
    assert parsed["referral"]["perpetrators"][0]["address"] is None
    assert "referral.perpetrators.0.address" in _fields(parsed)


def test_an_ethnicity_code_is_read_as_its_words_or_not_at_all() -> None:
    doc = Document()
    _victim_box(doc, ("Ethnic origin code", "7 - Bangladeshi"))
    doc.add_paragraph()
    p = _table(doc, 2)
    full_width_row(p, "Perpetrator details")
    _pairs(p, ("Name", "Sam EXAMPLE"))
    _pairs(p, ("Ethnic origin", "2"))
    parsed = _parse(doc)
    assert parsed["referral"]["victim"]["ethnicity"] == "Bangladeshi"
    assert parsed["referral"]["perpetrators"][0]["ethnicity"] is None  # a code alone, no legend on the form


def test_an_ethnicity_code_is_read_from_the_legend_the_form_prints() -> None:
    doc = Document()
    _victim_box(doc, ("Ethnic origin code", "3"))
    legend = _table(doc, 2)
    _pairs(legend, ("Ethnic Origin:", ("1 White\n2. Black African\n3. Black Caribbean\n4. Black other\n5. Indian\n"
                                       "6. Pakistani")))
    parsed = _parse(doc)
    assert parsed["referral"]["victim"]["ethnicity"] == "Black Caribbean"


def test_a_gender_typed_in_the_forename_box_is_the_gender_not_part_of_the_name() -> None:
    doc = Document()
    t = _table(doc, 3)
    full_width_row(t, "PRIMARY VICTIM")
    cells = t.add_row().cells
    boxed(cells[0], "Forename(s) (M/F)", "Grace (F)")  # the small printed label over the typed answer
    boxed(cells[1], "Surname/family name", "EXAMPLE")
    boxed(cells[2], "Date of birth", "17/10/1974")
    doc.add_paragraph()
    c = _table(doc, 3)
    full_width_row(c, "CHILDREN")
    for row in (("", "Child 1", "Child 2"), ("Forename(s) (M/F)", "Darren (M)", "Owen – F"),
                ("Surname/family name", "EXAMPLE", "EXAMPLE"), ("Date of birth", "29/08/2020", "06/08/2023")):
        for index, (cell, text) in enumerate(zip(c.add_row().cells, row)):
            write(cell, text, bold=index == 0 or not row[0])
    parsed = _parse(doc)
    names = [child["name"] for child in parsed["referral"]["children"]]
    assert all("(" not in (n or "") and "–" not in (n or "") for n in names)
    assert names == ["Darren EXAMPLE", "Owen EXAMPLE"]
    assert [child["gender"] for child in parsed["referral"]["children"]] == ["Male", "Female"]
    assert (parsed["referral"]["victim"]["name"], parsed["referral"]["victim"]["gender"]) == ("Grace EXAMPLE", "Female")


def test_a_relationship_with_a_bracket_is_the_relationship_word() -> None:
    doc = Document()
    _victim_box(doc)
    doc.add_paragraph()
    p = _table(doc, 2)
    full_width_row(p, "Perpetrator details")
    _pairs(p, ("Name", "Sam EXAMPLE"))
    _pairs(p, ("Relationship to service user", "Ex-partner (father of Ava)"))
    parsed = _parse(doc)
    assert parsed["referral"]["perpetrators"][0]["relationship_to_victim"] == "Ex-partner"


def test_the_people_and_labels_the_vocabulary_now_knows() -> None:
    doc = Document()
    doc.add_heading("Safeguarding adult concern form", level=1)
    t = _table(doc, 2)
    _pairs(t, ("Name of Woman being referred", "Jo EXAMPLE"))
    _pairs(t, ("Police URN", "EX/12345/26"))
    _pairs(t, ("preferred language/communication needs?", "Polish"))
    _pairs(t, ("Has this referral been discussed with the service user?", "Yes or No? Yes"))
    _pairs(t, ("Has the service user given permission to share the concerns with appropriate others", "No"))
    _pairs(t, (("If the answer either/both of the above questions is No, please state the reasons for proceeding "
                "without consent?"), "Risk of serious harm"))
    _pairs(t, ("What are the service user's views and what outcome do they expect?", "To feel safe at home"))
    _pairs(t, ("Is anyone else at risk of harm? Please state", "Her sister"))
    doc.add_paragraph()
    p = _table(doc, 4)
    full_width_row(p, "Details of the people involved in the incident")
    _pairs(p, ("Name:", "Sam EXAMPLE"), ("DOB:", "02/06/1988"))
    doc.add_paragraph()
    r = _table(doc, 4)
    full_width_row(r, "Details of person raising the concern")
    _pairs(r, ("Name:", "Alex REFERRER"), ("Job title:", "Nurse"))
    _pairs(r, ("Organisation:", "Example NHS Trust"), ("Tel no:", "0117 496 0123"))
    parsed = _parse(doc)
    ref = parsed["referral"]
    assert ref["victim"]["name"] == "Jo EXAMPLE"
    assert ref["crime_reference"] == "EX/12345/26"
    assert ref["victim"]["first_language"] == "Polish"
    assert (ref["victim_aware"], ref["consent"]) == (True, False)
    assert ref["consent_override_reason"] == "Risk of serious harm"
    assert ref["victim_wishes"] == "To feel safe at home"
    assert ref["other_at_risk"] == "Her sister"
    assert [p["name"] for p in ref["perpetrators"]] == ["Sam EXAMPLE"]
    assert (ref["referrer"]["name"], ref["referrer"]["agency"]) == ("Alex REFERRER", "Example NHS Trust")
    assert "referral.referrer.agency" not in _fields(parsed)


def test_a_well_filled_adult_concern_form_raises_no_false_alarm() -> None:
    doc = Document()
    doc.add_heading("Safeguarding adult concern form", level=1)
    t = _table(doc, 4)
    full_width_row(t, "Personal details of adult at risk")
    _pairs(t, ("Name:", "Jo EXAMPLE"), ("Dob:", "17/10/1974"))
    _pairs(t, ("Current Address:", "4 Test Lane, Exampletown, EX1 1AA"), ("Tel no:", "0117 496 0855"))
    _pairs(t, ("Home address (if different):", "N/A"), ("GP:", "Dr Example, Canal Street Surgery"))
    _pairs(t, ("Tel no:", "0117 496 0500"), ("NHS no (if known):", "485 777 3456"))
    doc.add_paragraph()
    a = _table(doc, 2)
    full_width_row(a, "What type of abuse is suspected? Please check all appropriate")
    cells = a.add_row().cells
    write(cells[0], "Organisational")
    write(cells[1], "☐")
    doc.add_paragraph()
    r = _table(doc, 4)
    full_width_row(r, "Details of person raising the concern")
    _pairs(r, ("Name:", "Alex REFERRER"), ("Organisation:", "Example NHS Trust"))
    parsed = _parse(doc)
    assert parsed["referral"]["victim"]["phone"] == "0117 496 0855"
    assert parsed["referral"]["victim"]["address"] == "4 Test Lane, Exampletown, EX1 1AA"
    assert parsed["referral"]["referrer"]["agency"] == "Example NHS Trust"
    assert parsed["problems"] == []


def _checklist(doc: DocumentType, answers: dict[int, str], source: dict[int, str]) -> None:
    from tests.corpus.areas._dash_wording import SAFELIVES
    grid = _table(doc, 5)
    for cell, text in zip(grid.add_row().cells, ("Question", "Yes (tick)", "No", "Don't Know",
                                                 "State source of info if not the victim e.g. police officer")):
        write(cell, text, bold=True)
    for n, question in enumerate(SAFELIVES, start=1):
        cells = grid.add_row().cells
        write(cells[0], f"{n}. {question[0]}")
        write(cells[{"yes": 1, "no": 2, "unknown": 3}[answers.get(n, "no")]], "✓")
        write(cells[4], source.get(n, ""))


def test_comments_gathered_in_one_box_are_read_by_question_number() -> None:
    doc = Document()
    doc.add_heading("CAADA-DASH Risk Identification Checklist", level=1)
    _checklist(doc, {1: "yes", 3: "yes", 8: "yes"}, {8: "Sister (present at visit)"})
    doc.add_paragraph()
    box = _table(doc, 1)
    cell = box.add_row().cells[0]
    cell.paragraphs[0].add_run("Comments (please give the question number)").bold = True
    for line in ("Q1: Bruising to upper arm", "Q3: Afraid he will kill her", "Q8: Texts 30+ times a day"):
        cell.add_paragraph(line)
    parsed = _parse(doc)
    comments = parsed["dash"]["comments"]
    assert comments == {"1": "Bruising to upper arm", "3": "Afraid he will kill her", "8": "Texts 30+ times a day"}
    assert (parsed["referral"] or {}).get("additional_information") is None


def test_a_comment_box_whose_numbers_are_no_questions_is_not_guessed() -> None:
    doc = Document()
    doc.add_heading("CAADA-DASH Risk Identification Checklist", level=1)
    _checklist(doc, {1: "yes"}, {})
    box = _table(doc, 1)
    cell = box.add_row().cells[0]
    cell.paragraphs[0].add_run("Comments").bold = True
    cell.add_paragraph("31 – Not a question of this checklist")
    parsed = _parse(doc)
    assert parsed["dash"]["comments"] == {}
    assert "dash.comments" in _fields(parsed)


def test_a_stalking_checklists_head_is_the_checklists_not_a_referrers() -> None:
    doc = Document()
    doc.add_heading("Checklist for Stalking Cases (2009)", level=1)
    head = _table(doc, 4)
    _pairs(head, ("Name of Victim:", "Jo EXAMPLE"), ("Date form completed:", "30/10/2026"))
    _pairs(head, ("Name of Stalker:", "Sam EXAMPLE"), ("Date of birth:", "02/06/1988"))
    _pairs(head, ("Name of Professional:", "Alex REFERRER"), ("Reference number:", "CR/1/26"))
    parsed = _parse(doc)
    referral = parsed["referral"] or {}
    assert (referral.get("referrer") or {}).get("date") is None
    assert [p["name"] for p in referral.get("perpetrators", [])] == ["Sam EXAMPLE"]
    assert referral["perpetrators"][0]["dob"] == "1988-06-02"


def test_a_comment_box_read_from_a_pdf_as_one_pair_a_line_is_read_by_number() -> None:
    # A PDF's lines of the box come as "Q1" = "…" pairs after the box's empty label.
    from parsers.labels import resolve
    from parsers.model import DashLine, Labelled, RawForm
    from tests.corpus.areas._dash_wording import SAFELIVES
    lines = [DashLine(q[0], "yes" if n in (1, 3) else "no", n) for n, q in enumerate(SAFELIVES, start=1)]
    labelled = [Labelled("Comments (please give the question number)", None, "Risk Identification Checklist"),
                Labelled("Q1", "Bruising to upper arm", "Risk Identification Checklist"),
                Labelled("Q3", "Afraid he will kill her", "Risk Identification Checklist"),
                Labelled("Signed", "Alex REFERRER", "Risk Identification Checklist")]
    fields = resolve(RawForm("pdf-text", labelled=labelled, dash_lines=lines)).fields
    assert (fields["dash.comments.1"], fields["dash.comments.3"]) == ("Bruising to upper arm", "Afraid he will kill her")
    assert "referral.additional_information" not in fields


def test_a_stand_alone_stalking_checklist_answers_its_own_questions() -> None:
    # Eleven S-DASH lines in a file of their own: "Is the victim very frightened?" is the stalking screen's question,
    # not SafeLives question 2, and "abusing alcohol / drugs" not question 21.
    from parsers.labels import resolve
    from parsers.model import DashLine, RawForm
    questions = ["Is the victim very frightened?", "Is there previous domestic abuse or stalking or harassment history?",
                 "Has (name of stalker) vandalised or destroyed property?",
                 "Has (name of stalker) turned up unannounced more than three times a week?",
                 "Is (…..) following you or loitering near your home, workplace or other places?",
                 ("Has (…..) made any threats of physical or sexual violence in the current stalking and harassment "
                  "incident?"), "Has (…..) been harassing any third party since the harassment began?",
                 "Has (…..) acted violently to anyone else during the stalking incident?",
                 "Has (…..) engaged others to help (wittingly or unwittingly)?", "Has (…..) been abusing alcohol / drugs?",
                 "Has (…..) been violent in the past? (Physical or psychological)"]
    lines = [DashLine(q, "yes" if n % 2 else "no", n) for n, q in enumerate(questions, start=1)]
    resolved = resolve(RawForm("docx", dash_lines=lines))
    assert not any(p.startswith("dash.answers.") for p in resolved.fields)
    assert resolved.fields["dash.extra.stalking_very_frightened"] == "yes"
    assert resolved.fields["dash.extra.stalking_substance_misuse"] == "no"
    assert resolved.dash_version == "s-dash-2009"


def test_a_printed_note_and_a_childs_additional_information_are_not_the_referrals() -> None:
    doc = Document()
    doc.add_heading("Refer a client", level=1)
    doc.add_paragraph().add_run("Referral details").bold = True
    note = doc.add_paragraph()
    note.add_run("NOTE: ").bold = True
    note.add_run("we accept referrals only with the client's consent, unless the client is at serious threat.").italic = True
    _victim_box(doc)
    doc.add_paragraph()
    c = _table(doc, 2)
    full_width_row(c, "CHILDREN")
    for row in (("", "Child 1"), ("Name", "Ava EXAMPLE"), ("Date of birth", "01/02/2018"),
                ("Additional information", "Asleep upstairs during the incident")):
        for index, (cell, text) in enumerate(zip(c.add_row().cells, row)):
            write(cell, text, bold=index == 0 or not row[0])
    parsed = _parse(doc)
    assert parsed["referral"]["additional_information"] is None
    assert [child["name"] for child in parsed["referral"]["children"]] == ["Ava EXAMPLE"]


def test_a_house_number_parted_from_its_street_is_put_back_before_it() -> None:
    """ "131" on a line of its own (a narrow PDF cell, or a row cut by a page break) goes before its street; an
    address typed on several lines stays on them."""
    doc = Document()
    t = _table(doc, 2)
    full_width_row(t, "Victim details")
    _pairs(t, ("Name", "Jo TESTWOMAN"))
    _pairs(t, ("Address", "131\nFoundry Road\nExampletown\nEX1 1AA"))
    assert _parse(doc)["referral"]["victim"]["address"] == "131 Foundry Road\nExampletown\nEX1 1AA"
