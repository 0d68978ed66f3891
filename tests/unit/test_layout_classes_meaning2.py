"""Word forms laid out the way the second fresh blind set's forms are (issue 11: a perpetrator-facing checklist with
its stated total, a children's form with a GP row in each child's block and adults in blocks of their own, a risk
tool with label and value in one box), for the classes of WORDING and VALUE the reader got wrong there. Each test
builds the form as a referrer's Word copy looks and checks the right value, or no value (and a problem where a
person must look), never a wrong value alone. All data is invented.
"""
from __future__ import annotations

from docx import Document
from docx.document import Document as DocumentType

from parsers.labels.dash_questions import identify
from tests.corpus.docx_parts import full_width_row, shade, write
from tests.word_forms import grid as _table
from tests.word_forms import label_pairs as _pairs
from tests.word_forms import parse_docx as _parse
from tests.word_forms import problem_fields as _fields

_PERPETRATOR_RIC = [
    "Did the current or most recent incident result in an injury to your partner/ex?",
    "Do you think your partner/ex is frightened of you?",
    "Do you think your violence to your partner is getting worse? Do you think you are likely to use violence again?",
    "Have you ever tried to stop your partner/ex from seeing friends/family/doctor or made life difficult if she did?",
    "Do you think your partner/ex is having depressed or suicidal thoughts at the moment?",
    "Have you and your partner separated from each other or tried to separate in the last year?",
    "Do you and your ex-partner currently disagree or get into arguments about the child contact?",
    ("How often do you text, facebook, phone, contact, follow your partner or ex or turn up at their work when they "
     "weren't expecting you? Is this getting worse?"),
    "Is your current or most recent partner pregnant or had a baby in the last 18 months?",
    "Are the arguments or the abuse happening more often than before?",
    "Are the arguments or the abuse getting worse?",
    "Do you try to control what your partner/ex does, who she sees or what she wears? Do you feel very jealous?",
    "Have you ever used a weapon or an object to hurt your partner/ex?",
    "Have you ever threatened to kill your partner/ex or someone else?",
    "Have you ever tried to strangle, choke, suffocate or drown your partner/ex?",
    "Have you done or said things of a sexual nature that made your partner/ex feel bad or that physically hurt her?",
    "Is there anyone else (family, friends) who has threatened your partner/ex or who she is afraid of?",
    "Have you ever hurt anyone else – children, family members, a previous partner?",
    "Have you ever hurt an animal or the family pet?",
    "Are there money problems? Does your partner/ex depend on you for money? Have you lost your job recently?",
    "In the past year have you had problems with drugs, alcohol or your mental health?",
    "Have you ever threatened or attempted suicide?",
    "Have you ever broken bail, an injunction or an agreement about when you can see your partner/ex?",
    "Have you ever been in trouble with the police or do you have a criminal record?",
]


def _perpetrator_checklist(answers: dict[int, str], total: int) -> DocumentType:
    doc = Document()
    doc.add_paragraph().add_run("Section 1a – RIC to use with perpetrators").bold = True
    t = _table(doc, 3)
    for cell, text in zip(t.add_row().cells, ("Question", "Yes / No / Don't know", "Information gathered")):
        write(cell, text, bold=True)
    for n, question in enumerate(_PERPETRATOR_RIC, start=1):
        cells = t.add_row().cells
        write(cells[0], f"{n}. {question}")
        write(cells[1], answers.get(n, "No"))
    cells = t.add_row().cells
    write(cells[0], "Total number of ‘yes’ answers", bold=True)
    write(cells[1], str(total))
    return doc


# --- 1. a stated total is never silently replaced by a recount ------------------------------------------------

def test_a_stated_total_above_a_partial_recount_is_kept_with_a_problem() -> None:
    answers = {n: "Yes" for n in range(1, 17)}
    answers[5] = "Yes / No / Don't know"  # left as printed: no answer read for it
    parsed = _parse(_perpetrator_checklist(answers, 16))
    assert parsed["dash"]["score"] == 16  # the referrer counted every answer; 15 were read
    assert "dash.score" in _fields(parsed)


def test_a_stated_total_the_answers_read_cannot_explain_is_never_taken_silently() -> None:
    answers = {n: "Yes" for n in range(1, 11)}
    parsed = _parse(_perpetrator_checklist(answers, 16))  # all 24 read, 10 yes: the total is the wrong one
    score = parsed["dash"]["score"]
    assert score == 10 or "dash.score" in _fields(parsed)


# --- 6. the checklist asked of the perpetrator -----------------------------------------------------------------

def test_perpetrator_worded_questions_are_each_their_own_question() -> None:
    for number, question in enumerate(_PERPETRATOR_RIC, start=1):
        assert identify(f"{number}. {question}") == number, question


def test_perpetrator_checklist_reads_questions_3_8_and_20() -> None:
    answers = {3: "Yes", 8: "Y", 11: "No", 20: "DK"}
    parsed = _parse(_perpetrator_checklist(answers, 2))
    got = parsed["dash"]["answers"]
    assert (got["3"], got["8"], got["11"], got["20"]) == ("yes", "yes", "no", "unknown")
    assert parsed["dash"]["score"] == 2
    assert not any(f == "dash.answers.11" for f in _fields(parsed))


# --- 2. another party's address in a child's block -------------------------------------------------------------

def test_gp_address_in_a_childs_block_is_not_the_childs_address() -> None:
    doc = Document()
    doc.add_heading("Multi Agency Referral Form", level=1)
    for number, (name, address) in enumerate((("Owen EXAMPLE", "4 Test Lane, Exampletown, EX1 1AA"),
                                              ("Ada EXAMPLE", "")), start=1):
        t = _table(doc, 2)
        full_width_row(t, f"1. CHILD / YOUNG PERSON'S DETAILS (Child {number} of 2)", fill="8EAADB")
        _pairs(t, ("Family Name", name.split()[1]))
        _pairs(t, ("First Name(s)", name.split()[0]))
        _pairs(t, ("Address", address))
        _pairs(t, ("GP Address/ Contact", "Dr Abbott, Canal Street Surgery"))
        _pairs(t, ("Nursery/School/ Children's Centre Address/ Contact", "Riverside Primary"))
        doc.add_paragraph()
    children = _parse(doc)["referral"]["children"]
    assert len(children) == 2  # no child made of the GP's rows
    assert [c["name"] for c in children] == ["Owen EXAMPLE", "Ada EXAMPLE"]
    assert children[0]["address"] == "4 Test Lane, Exampletown, EX1 1AA"
    assert children[1]["address"] is None  # never the surgery
    assert all("Surgery" not in str(c.get("address")) and "Surgery" not in str(c.get("phone")) for c in children)


# --- 3 and 4. adults in blocks of their own, told apart by a row of the block ------------------------------------

def _adult(doc: DocumentType, number: int, rows: list[tuple[str, str]]) -> None:
    t = _table(doc, 2)
    full_width_row(t, f"Details of parent / carer / significant adult – Adult {number}")
    for pair in rows:
        _pairs(t, pair)
    doc.add_paragraph()


def test_adult_blocks_are_read_by_their_victim_or_perpetrator_row_without_false_alarms() -> None:
    doc = Document()
    _adult(doc, 1, [("Full name", "Grace EXAMPLE"), ("Date of birth", "03/04/1991"), ("Relationship to child", "Mother"),
                    ("Domestic abuse: victim / alleged perpetrator", "Victim"),
                    ("Address", "25 Test Drive, Exampletown, EX1 2BB"), ("Telephone", "0117 496 0000")])
    _adult(doc, 2, [("Full name", "Kieran EXAMPLE"), ("Date of birth", "03/08/1995"),
                    ("Relationship to child", "Mother's boyfriend"), ("Relationship to mother", "Boyfriend"),
                    ("Domestic abuse: victim / alleged perpetrator", "Alleged perpetrator"),
                    ("Address", "131 Test Road, Exampletown, EX2 9QQ"), ("Telephone", "Do not leave blank")])
    parsed = _parse(doc)
    victim, perpetrators = parsed["referral"]["victim"], parsed["referral"]["perpetrators"]
    assert (victim["name"], victim["dob"], victim["phone"]) == ("Grace EXAMPLE", "1991-04-03", "0117 496 0000")
    assert len(perpetrators) == 1
    him = perpetrators[0]
    assert (him["name"], him["relationship_to_victim"], him["phone"]) == ("Kieran EXAMPLE", "Boyfriend", None)
    assert len(parsed["problems"]) <= 1


def test_adult_blocks_no_row_of_which_says_whose_are_only_presumed_from_mother_and_father() -> None:
    doc = Document()
    _adult(doc, 1, [("Full name", "Grace EXAMPLE"), ("Relationship to child", "Mother")])
    _adult(doc, 2, [("Full name", "Kieran EXAMPLE"), ("Relationship to child", "Father")])
    parsed = _parse(doc)
    referral = parsed["referral"]
    assert referral["victim"]["name"] == "Grace EXAMPLE"
    assert [p["name"] for p in referral["perpetrators"]] == ["Kieran EXAMPLE"]
    assert [p["severity"] for p in parsed["problems"] if "does not say who is harmed" in p["message"]] == ["error"]


# --- 7. wording ----------------------------------------------------------------------------------------------------

def test_concerns_score_and_relationship_wordings() -> None:
    doc = Document()
    v = _table(doc, 2)
    full_width_row(v, "Victim details")
    _pairs(v, ("Name", "Grace EXAMPLE"))
    doc.add_paragraph()
    p = _table(doc, 2)
    full_width_row(p, "Perpetrator details")
    _pairs(p, ("Name", "Kieran EXAMPLE"))
    _pairs(p, ("Name", "Liam EXAMPLE"))
    _pairs(p, ("Nature of relationship between perpetrator / victim", "Kieran: Boyfriend; Liam: Husband"))
    doc.add_paragraph()
    r = _table(doc, 2)
    full_width_row(r, "Reason for referral")
    _pairs(r, ("What are your concerns?", "Strangled during an argument; threats to kill"))
    _pairs(r, ("Has a DASH risk checklist been completed? Score:", "Yes – 16"))
    referral = _parse(doc)["referral"]
    assert referral["risks_summary"] == "Strangled during an argument; threats to kill"
    assert referral["dash_score_stated"] == 16
    assert [x["relationship_to_victim"] for x in referral["perpetrators"]] == ["Boyfriend", "Husband"]


def _adults_table(doc: DocumentType, rows: list[tuple[str, ...]]) -> None:
    t = _table(doc, 5)
    full_width_row(t, "2. PARENTS / CARERS AND OTHER SIGNIFICANT ADULTS", fill="8EAADB")
    for cell, text in zip(t.add_row().cells, ("Name", "Relationship to child", "Date of Birth", "Address",
                                              "Contact No.")):
        write(cell, text, bold=True)
        shade(cell, "D9D9D9")
    for row in rows:
        for cell, text in zip(t.add_row().cells, row):
            write(cell, text)


_ADULTS = [("Grace EXAMPLE", "Mother", "03/04/1991", "25 Test Drive, Exampletown, EX1 2BB", "0117 496 0000"),
           ("Kieran EXAMPLE", "Father – mother's ex-husband", "03/08/1995", "131 Test Road, Exampletown, EX2 9QQ",
            "Not known")]


def test_adults_table_rows_are_read_by_what_the_concerns_text_says() -> None:
    doc = Document()
    doc.add_heading("Multi Agency Referral Form", level=1)
    _adults_table(doc, _ADULTS)
    doc.add_paragraph()
    c = _table(doc, 2)
    full_width_row(c, "3. REASON FOR REFERRAL / CONCERNS", fill="8EAADB")
    concerns = "Domestic abuse. Grace EXAMPLE (mother) is the victim; the alleged perpetrator is Kieran EXAMPLE."
    _pairs(c, ("Details of concerns", concerns))
    parsed = _parse(doc)
    victim, perpetrators = parsed["referral"]["victim"], parsed["referral"]["perpetrators"]
    assert (victim["name"], victim["dob"], victim["phone"]) == ("Grace EXAMPLE", "1991-04-03", "0117 496 0000")
    assert [(p["name"], p["dob"], p["relationship_to_victim"]) for p in perpetrators] == [
        ("Kieran EXAMPLE", "1995-08-03", "Ex-husband")]
    assert len(parsed["problems"]) <= 1


def test_adults_table_no_text_ties_is_only_presumed_from_mother_and_father() -> None:
    doc = Document()
    doc.add_heading("Multi Agency Referral Form", level=1)
    _adults_table(doc, _ADULTS)
    parsed = _parse(doc)
    referral = parsed["referral"]
    assert referral["victim"]["name"] == "Grace EXAMPLE"
    assert [p["name"] for p in referral["perpetrators"]] == ["Kieran EXAMPLE"]  # "Father – mother's ex-husband"
    assert [p["severity"] for p in parsed["problems"] if "does not say who is harmed" in p["message"]] == ["error"]


# --- 5. a narrative referral: people as prose lines, values inside sentences ---------------------------------------

def test_person_lines_and_values_inside_sentences() -> None:
    doc = Document()
    doc.add_heading("Multi Agency Referral", level=1)
    t = _table(doc, 2)
    full_width_row(t, "Names and dates of birth", fill="8EAADB")
    _pairs(t, ("Victim", "Grace EXAMPLE, DOB 17/10/1974, 25 Test Drive, Exampletown, EX1 2BB (aka Grace TEST)"))
    _pairs(t, ("Alleged perpetrator (son)", "Mo EXAMPLE, DOB 2nd June 1988, 186 Test Avenue, Exampletown, EX2 9XY"))
    _pairs(t, ("Children", "1) Ada EXAMPLE, DOB 29/08/2020, Riverside Primary – lives with mum"))
    doc.add_paragraph()
    c = _table(doc, 2)
    full_width_row(c, "Current high risk issues", fill="8EAADB")
    _pairs(c, ("Was it reported to the police?", "Yes – crime ref EX/61544/26, OIC DC Llewellyn."))
    parsed = _parse(doc)
    victim, him = parsed["referral"]["victim"], parsed["referral"]["perpetrators"][0]
    assert (victim["name"], victim["dob"], victim["address"]) == (
        "Grace EXAMPLE", "1974-10-17", "25 Test Drive, Exampletown, EX1 2BB")
    assert victim["aliases"] == ["Grace TEST"]
    assert (him["name"], him["dob"], him["relationship_to_victim"]) == ("Mo EXAMPLE", "1988-06-02", "Son")
    assert [(c["name"], c["dob"]) for c in parsed["referral"]["children"]] == [("Ada EXAMPLE", "2020-08-29")]
    assert parsed["referral"]["crime_reference"] == "EX/61544/26"
    assert parsed["referral"]["police"]["officer_in_charge"] == "DC Llewellyn"


def test_a_person_line_without_a_postcode_gives_no_guessed_address() -> None:
    doc = Document()
    doc.add_heading("Multi Agency Referral", level=1)
    t = _table(doc, 2)
    full_width_row(t, "Names and dates of birth", fill="8EAADB")
    _pairs(t, ("Victim", "Grace EXAMPLE, DOB 17/10/1974, lives with her sister"))
    victim = _parse(doc)["referral"]["victim"]
    assert (victim["name"], victim["dob"], victim["address"]) == ("Grace EXAMPLE", "1974-10-17", None)


def test_worker_completing_is_who_completed_the_checklist() -> None:
    doc = _perpetrator_checklist({1: "Yes"}, 1)
    head = _table(doc, 4)
    _pairs(head, ("Worker completing", "Sam WORKER"), ("Date", "30/10/2026"))
    parsed = _parse(doc)
    assert (parsed["dash"]["completed_by"], parsed["dash"]["date"]) == ("Sam WORKER", "2026-10-30")


def test_a_checklists_own_head_date_after_the_man_assessed_is_the_checklists_date() -> None:
    doc = Document()
    head = _table(doc, 4)
    _pairs(head, ("Name of man assessed", "Sam EXAMPLE"), ("Date of birth", "01/05/1988"))
    _pairs(head, ("Worker completing", "Pat WORKER"), ("Date", "30/10/2026"))
    body = _perpetrator_checklist({1: "Yes"}, 1)
    for element in body.element.body:
        doc.element.body.append(element)
    parsed = _parse(doc)
    assert parsed["referral"] is None
    assert parsed["dash"]["date"] == "2026-10-30"
