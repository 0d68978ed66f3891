"""Values as real areas' forms hold them (issue 11): small Word forms built the way those forms are,
checked for what a coordinator would notice. A value is read right, or left null with a problem saying
why; never a wrong value with no problem. Placeholders and "not known" are empty, with no problem.
All people, numbers and places are invented (Ofcom drama numbers, example.gov.uk addresses).
"""
from __future__ import annotations

import datetime as dt
import io
import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from docx import Document
from docx.table import _Cell

from parsers import parse_bytes
from tests.corpus.areas.kit import (
    SYMBOL_EMPTY,
    SYMBOL_TICKED,
    dropdown,
    placeholder_control,
    symbol_box,
)
from tests.corpus.docx_parts import shade, write

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "referral.schema.json").read_text("utf-8"))
Value = str | Callable[[_Cell], None] | None


def _form(sections: list[tuple[str, list[tuple[str, Value]]]]) -> dict[str, Any]:
    """A form of headed two-column tables (grey label cell, value cell), parsed and schema-checked.
    A value is text, None (left blank) or a function that fills the cell (a control, a symbol)."""
    doc = Document()
    doc.add_heading("MARAC referral form", level=1)
    for heading, rows in sections:
        doc.add_heading(heading, level=2)
        table = doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in rows:
            label_cell, value_cell = table.add_row().cells
            write(label_cell, label, bold=True)
            shade(label_cell, "D9D9D9")
            if callable(value):
                value(value_cell)
            elif value:
                write(value_cell, value)
    out = io.BytesIO()
    doc.save(out)
    parsed = parse_bytes(out.getvalue(), "referral.docx")
    jsonschema.validate(parsed, SCHEMA)
    return parsed


def _fields_named(parsed: dict[str, Any]) -> set[str | None]:
    return {p["field"] for p in parsed["problems"]}


def _control(prompt: str = "Click here to enter text.", date: bool = False) -> Callable[[_Cell], None]:
    return lambda cell: placeholder_control(cell.paragraphs[0], prompt=prompt, date=date)


def _symbol(checked: bool) -> Callable[[_Cell], None]:
    return lambda cell: symbol_box(cell.paragraphs[0], checked, glyphs=(SYMBOL_TICKED, SYMBOL_EMPTY))


def test_placeholders_are_empty_never_values_never_problems() -> None:
    parsed = _form([("Victim details", [
        ("Name", "Grace ABBOTT"),
        ("Address", _control()),
        ("Date of birth", _control(date=True)),
        ("Ethnicity", lambda cell: dropdown(cell.paragraphs[0], ["White British", "Pakistani"], None)),
        ("GP details", "[insert GP name and surgery]"),
        ("Telephone number", "\u2002" * 5),  # an empty legacy text field, as it prints
        ("Occupation", "Click or tap here to enter text."),  # typed out, as a PDF printed from Word has it
        ("Religion", "Enter text"),
    ])])
    victim = parsed["referral"]["victim"]
    assert victim["name"] == "Grace ABBOTT"
    for key in ("address", "dob", "ethnicity", "gp", "phone", "occupation", "religion"):
        assert victim[key] is None, key
    assert parsed["problems"] == []


def test_yes_no_as_referrers_write_it() -> None:
    parsed = _form([
        ("Victim details", [("Name", "Grace ABBOTT"), ("Is this number safe to call?", "Y /"),
                            ("Safe to leave a message?", "/ N"), ("Disabled", "Not known"), ("Pregnant", "N/K"),
                            ("LGBT", _symbol(False))]),
        ("Reason for referral", [("Visible high risk", "Yes – see below"), ("Professional judgement", "NO"),
                                 ("Potential escalation", _symbol(True)), ("Repeat MARAC", "N")]),
        ("Consent", [("Is the victim aware of the referral?", "YES"), ("Has consent been given?", "Y")]),
    ])
    referral = parsed["referral"]
    victim, reasons = referral["victim"], referral["reasons"]
    assert (victim["safe_to_call"], victim["safe_to_leave_message"], victim["lgbt"]) == (True, False, False)
    assert victim["disabled"] is None and victim["pregnant"] is None  # unknown: null, and nothing to fix
    assert reasons == {**reasons, "visible_high_risk": True, "professional_judgement": False,
                       "potential_escalation": True, "repeat": False}
    assert (referral["victim_aware"], referral["consent"]) == (True, True)
    assert parsed["problems"] == []
    # Both answers still printed (neither struck out nor deleted), or both ticked: asked, never guessed.
    unsure = _form([("Victim details", [("Name", "Grace ABBOTT"), ("Is this number safe to call?", "Y / N")])])
    assert unsure["referral"]["victim"]["safe_to_call"] is None
    assert _fields_named(unsure) == {"referral.victim.safe_to_call"}


def test_dates_two_digit_years_by_plausibility_and_partial_dates_refused() -> None:
    recent = dt.date.today() - dt.timedelta(days=3)
    parsed = _form([
        ("Referrer details", [("Name of referrer", "Jo Bloggs"), ("Date of referral", f"{recent:%d.%m.%y}")]),
        ("Victim details", [("Name", "Grace ABBOTT"), ("Date of birth", "3.4.91")]),
        ("Perpetrator details", [("Name", "Dean SMITH"), ("Date of birth", "22nd September 1978")]),
        ("Second perpetrator", [("Name", "Lee SMITH"), ("Date of birth", "April 1991")]),
        ("Children", [("Name", "Amy ABBOTT"), ("Date of birth", "15.8.20"), ("Name", "Ben ABBOTT"),
                      ("Date of birth", "Not known")]),
    ])
    referral = parsed["referral"]
    assert referral["referrer"]["date"] == recent.isoformat()
    assert referral["victim"]["dob"] == "1991-04-03"
    first, second = referral["perpetrators"]
    assert first["dob"] == "1978-09-22"
    assert second["dob"] is None and "referral.perpetrators.1.dob" in _fields_named(parsed)  # partial: asked, not guessed
    assert referral["children"][0]["dob"] == "2020-08-15"  # 1920 is no child's year of birth
    assert referral["children"][1]["name"] == "Ben ABBOTT" and referral["children"][1]["dob"] is None  # unknown
    assert len(parsed["problems"]) == 1


def test_aliases_are_read_out_of_names() -> None:
    parsed = _form([
        ("Victim details", [("Name", "Grace ABBOTT (aka Grace JONES)")]),
        ("Perpetrator details", [("Name", "Dean SMITH\nAlias: Deano")]),
        ("Second perpetrator", [("Name", "Lee SMITH"), ("Also known as", "Leroy SMITH")]),
    ])
    referral = parsed["referral"]
    assert (referral["victim"]["name"], referral["victim"]["aliases"]) == ("Grace ABBOTT", ["Grace JONES"])
    first, second = referral["perpetrators"]
    assert (first["name"], first["aliases"]) == ("Dean SMITH", ["Deano"])
    assert (second["name"], second["aliases"]) == ("Lee SMITH", ["Leroy SMITH"])
    assert parsed["problems"] == []


def test_label_and_value_in_one_cell_and_two_answers_in_one_cell() -> None:
    parsed = _form([
        ("Referrer details", [("Referrer Name & Agency", "Jo Bloggs, Exampleshire Police"),
                              ("Telephone / email", "07700 900123 / jo.bloggs@example.gov.uk"),
                              ("Contact details of agency (Address, Telephone and email)",
                               "Suite 2, Foundry Road, Exampletown, EX1 9XQ. Tel: 07700 900123")]),
        ("Victim details", [("Name and Date of Birth", "Aisha KHAN, 3rd April 1991"),
                            ("Telephone", "07700 900456 – mornings only"), ("Gender F", None),
                            ("Is the victim aware of the referral? If not, why not?",
                             "No – not safe to discuss at present")]),
    ])
    referral = parsed["referral"]
    referrer, victim = referral["referrer"], referral["victim"]
    assert (referrer["name"], referrer["agency"]) == ("Jo Bloggs", "Exampleshire Police")
    assert (referrer["phone"], referrer["email"]) == ("07700 900123", "jo.bloggs@example.gov.uk")
    assert referrer["address"] == "Suite 2, Foundry Road, Exampletown, EX1 9XQ"
    assert (victim["name"], victim["dob"]) == ("Aisha KHAN", "1991-04-03")
    assert (victim["phone"], victim["contact_notes"]) == ("07700 900456", "mornings only")
    assert victim["gender"] == "Female"
    assert (referral["victim_aware"], referral["victim_aware_reason"]) == (False, "not safe to discuss at present")
    assert parsed["problems"] == []


def test_new_schema_fields_are_read_in_the_schemas_shape() -> None:
    parsed = _form([
        ("Referrer details", [("Name of referrer", "Jo Bloggs"), ("Job title", "Housing Officer"),
                              ("Agency address", "1 Civic Way, Exampletown")]),
        ("Victim details", [("Name", "Grace ABBOTT"), ("Age", "34"), ("Is it safe to leave a message?", "No"),
                            ("Housing / tenure", "Council tenant"), ("Occupation", "Care assistant"),
                            ("Religion", "Christian"), ("Nationality", "Polish"),
                            ("Immigration status", "EU settled status"), ("First language", "Polish"),
                            ("Interpreter required?", "Yes – Polish"), ("Mental health", "Anxiety"),
                            ("Substance misuse", "None known")]),
        ("Perpetrator details", [("Name", "Dean SMITH"), ("Perpetrator ethnicity", "White British"),
                                 ("Occupation", "Builder"), ("Telephone", "07700 900789")]),
        ("Consent", [("Has consent been given?", "No"),
                     ("Reason for sharing information without consent", "Risk of serious harm"),
                     ("What does the victim want to happen as a result of this referral?", "To feel safe"),
                     ("Other adults in the household at risk", "Her mother")]),
        ("Police", [("Officer in charge", "DC Example"), ("OIC contact details", "07700 900321"),
                    ("Does the victim want to speak to the police about offences disclosed?", "Yes")]),
    ])
    referral = parsed["referral"]
    assert (referral["referrer"]["role"], referral["referrer"]["address"]) == ("Housing Officer", "1 Civic Way, Exampletown")
    victim = referral["victim"]
    assert {k: victim[k] for k in ("age", "safe_to_leave_message", "housing", "occupation", "religion", "nationality",
                                   "immigration_status", "first_language", "interpreter_language", "mental_health",
                                   "substance_misuse")} == {
        "age": 34, "safe_to_leave_message": False, "housing": "Council tenant", "occupation": "Care assistant",
        "religion": "Christian", "nationality": "Polish", "immigration_status": "EU settled status",
        "first_language": "Polish", "interpreter_language": "Polish", "mental_health": "Anxiety",
        "substance_misuse": None}
    [perpetrator] = referral["perpetrators"]
    assert (perpetrator["ethnicity"], perpetrator["occupation"], perpetrator["phone"]) == (
        "White British", "Builder", "07700 900789")
    assert referral["consent"] is False and referral["consent_override_reason"] == "Risk of serious harm"
    assert (referral["victim_wishes"], referral["other_at_risk"]) == ("To feel safe", "Her mother")
    assert referral["police"] == {"officer_in_charge": "DC Example", "officer_contact": "07700 900321",
                                  "victim_wants_police": True}
    assert referral["additional_victims"] == []
    assert parsed["problems"] == []


# --- classes of wording the held-out areas showed (tests.corpus.heldout) --------------------------

def test_perpetrator_fields_under_his_heading_are_his_once_his_box_has_begun() -> None:
    # "Ethnicity" (a wording listed for the victim) in the perpetrator's box, below his name: his.
    parsed = _form([
        ("Victim details", [("Full name", "Grace ABBOTT"), ("Ethnicity", "White Polish")]),
        ("Perpetrator", [("Full name", "Dean SMITH"), ("Date of birth", "02/06/1988"), ("Ethnicity", "Black African"),
                         ("Occupation", "Builder")]),
        ("Alleged perpetrator 2", [("Name", "Liam JONES"), ("Ethnic self classification 16+1 code", "Bangladeshi")]),
    ])
    referral = parsed["referral"]
    assert referral["victim"]["ethnicity"] == "White Polish"
    assert [(p["name"], p["ethnicity"], p["occupation"]) for p in referral["perpetrators"]] == [
        ("Dean SMITH", "Black African", "Builder"), ("Liam JONES", "Bangladeshi", None)]
    assert parsed["problems"] == []


def test_victim_only_field_heading_a_perpetrator_box_is_still_not_guessed() -> None:
    # Nothing in the box says a person's details have begun: neither the victim's nor his.
    parsed = _form([("Victim details", [("Name", "Grace ABBOTT")]),
                    ("Perpetrator details", [("Pregnant?", "No")])])
    assert parsed["referral"]["victim"]["pregnant"] is None


@pytest.mark.parametrize("label,value", [
    ("Referrer name / job title", "Stuart Cartwright / Domestic Abuse Officer"),
    ("Name and role of person completing referral", "Stuart Cartwright, Domestic Abuse Officer"),
    ("Referrer name and role", "Stuart Cartwright – Domestic Abuse Officer"),
    ("Name and job title of referrer", "Stuart Cartwright, Domestic Abuse Officer"),
])
def test_referrer_name_and_job_title_in_one_box(label: str, value: str) -> None:
    parsed = _form([("Referrer details", [(label, value), ("Agency", "Exampleshire Police")]),
                    ("Victim details", [("Name", "Grace ABBOTT")])])
    referrer = parsed["referral"]["referrer"]
    assert (referrer["name"], referrer["role"]) == ("Stuart Cartwright", "Domestic Abuse Officer")
    assert parsed["dash"] is None and parsed["problems"] == []


def test_name_and_job_title_that_cannot_be_told_apart_are_left_with_a_problem() -> None:
    parsed = _form([("Referrer details", [("Referrer name / job title", "Cartwright, Stuart / PC 1234")]),
                    ("Victim details", [("Name", "Grace ABBOTT")])])
    referrer = parsed["referral"]["referrer"]
    assert (referrer["name"], referrer["role"]) == (None, None)
    [problem] = parsed["problems"]
    assert "Referrer name / job title" in problem["message"] and "Cartwright" not in problem["message"]


def test_person_completing_the_referral_gives_whose_the_bare_labels_after_it_are() -> None:
    # Wolverhampton-style: the referrer's box has no heading of its own, only the form's title.
    parsed = _form([("MARAC referral form", [("Date of referral", "30/10/2026"),
                                             ("Name and role of person completing referral",
                                              "Stuart Cartwright, Domestic Abuse Officer"),
                                             ("Contact telephone number", "0117 496 0779"),
                                             ("Agency", "Exampleshire NHS Foundation Trust"),
                                             ("Email", "stuart.referrer@example.gov.uk")]),
                    ("Victim details", [("Name", "Grace ABBOTT"), ("Telephone", "0117 496 0855")])])
    referral = parsed["referral"]
    assert (referral["referrer"]["phone"], referral["referrer"]["email"]) == (
        "0117 496 0779", "stuart.referrer@example.gov.uk")
    assert referral["victim"]["phone"] == "0117 496 0855"
    assert parsed["problems"] == []


def test_bare_label_under_a_title_after_two_peoples_fields_is_not_guessed() -> None:
    # "Date of referral" is the referrer's, "Safe to leave a message?" the victim's: whose is "Telephone"?
    parsed = _form([("MARAC referral form", [("Date of referral", "30/10/2026"),
                                             ("Safe to leave a message?", "No"),
                                             ("Telephone", "0117 496 0855")])])
    referral = parsed["referral"]
    assert (referral["referrer"]["phone"], referral["victim"]["phone"]) == (None, None)
    assert any("'Telephone'" in p["message"] for p in parsed["problems"])


@pytest.mark.parametrize("label,value", [
    ("Date of DASH RIC", "30/10/2026   DASH RIC Score: 16"),
    ("Date of DASH and score", "30/10/2026 – 16"),
])
def test_date_and_score_of_the_checklist_in_one_box(label: str, value: str) -> None:
    parsed = _form([("Referral", [(label, value)]), ("Victim details", [("Name", "Grace ABBOTT")])])
    assert parsed["referral"]["dash_score_stated"] == 16
    assert parsed["problems"] == []


def test_free_text_holding_a_colon_is_not_taken_for_a_second_label() -> None:
    parsed = _form([("Reason for referral", [("Professional judgement", "Yes"),
                                             ("Rationale", "Recent escalation: strangulation reported")]),
                    ("Victim details", [("Name", "Grace ABBOTT")])])
    reasons = parsed["referral"]["reasons"]
    assert reasons["professional_judgement_rationale"] == "Recent escalation: strangulation reported"
    assert reasons["potential_escalation"] is None


@pytest.mark.parametrize("label", ["Safe telephone", "Safe phone", "Safe mobile number", "Safe contact number"])
def test_safe_telephone_wordings_are_the_victims_phone(label: str) -> None:
    parsed = _form([("Client", [("Client name", "Grace ABBOTT"), (label, "0117 496 0855"),
                                ("Is the number safe to call?", "Yes")])])
    victim = parsed["referral"]["victim"]
    assert (victim["phone"], victim["safe_to_call"]) == ("0117 496 0855", True)
    assert parsed["problems"] == []


@pytest.mark.parametrize("written,read", [
    ("DE SOUZA Grace", "Grace DE SOUZA"), ("O'BRIEN, Bethany", "Bethany O'BRIEN"),
    ("EVANS-PRICE Grace Mary", "Grace Mary EVANS-PRICE"), ("Grace DE SOUZA", "Grace DE SOUZA"),
    # capitals do not say which is the surname: left as written
    ("SMITH, Jane", "Jane SMITH"),
    ("Smith, Jane", "Smith, Jane"), ("JO Smith", "JO Smith"), ("GRACE ABBOTT", "GRACE ABBOTT"),
    ("MRS Jane", "MRS Jane"),
])
def test_names_written_surname_first_are_turned_round_only_when_capitals_say_so(written: str, read: str) -> None:
    parsed = _form([("Victim details", [("Name (SURNAME Forename)", written)]),
                    ("Perpetrator details", [("Name", "VAUGHAN Mohammed")])])
    assert parsed["referral"]["victim"]["name"] == read
    assert parsed["referral"]["perpetrators"][0]["name"] == "Mohammed VAUGHAN"
    assert parsed["problems"] == []


@pytest.mark.parametrize("label", [
    "Summary of the most recent incident", "Details of the most recent incident and current risks",
    "Summary of risks / most recent incident", "Brief details of the most recent incident",
    "Details of the index incident"])
def test_most_recent_incident_wordings_are_the_risks_summary(label: str) -> None:
    parsed = _form([("Victim details", [("Name", "Grace ABBOTT")]),
                    ("Reason for referral", [(label, "Strangled during an argument; threats to kill")])])
    assert parsed["referral"]["risks_summary"] == "Strangled during an argument; threats to kill"
    assert parsed["problems"] == []


_QUESTIONS = [q["text"] for q in sorted(
    tomllib.loads((Path(__file__).resolve().parents[2] / "parsers" / "data" / "dash_questions.toml").read_text())
    ["question"], key=lambda q: q["number"])]


@pytest.mark.parametrize("completed,total", [
    ("Officer completing", "Total 'yes' responses"), ("Assessor", "Total 'yes' answers"),
    ("Name of person completing", "Total number of 'yes' responses")])
def test_checklist_footer_wordings(completed: str, total: str) -> None:
    doc = Document()
    doc.add_heading("Risk Indicator Checklist", level=1)
    grid = doc.add_table(rows=1, cols=3)
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, ["Current situation", "Yes / No / Don't know", "Comments"]):
        write(cell, text, bold=True)
    for n, text in enumerate(_QUESTIONS, start=1):
        cells = grid.add_row().cells
        write(cells[0], f"{n}. {text}")
        write(cells[1], "Y" if n <= 16 else "N")
    foot = doc.add_table(rows=0, cols=2)
    foot.style = "Table Grid"
    for label, value in ((total, "16"), (completed, "Stuart Cartwright"), ("Date", "30/10/2026")):
        cells = foot.add_row().cells
        write(cells[0], label, bold=True)
        write(cells[1], value)
    out = io.BytesIO()
    doc.save(out)
    parsed = parse_bytes(out.getvalue(), "checklist.docx")
    jsonschema.validate(parsed, SCHEMA)
    assert parsed["dash"]["score"] == 16 and parsed["dash"]["completed_by"] == "Stuart Cartwright"
    assert parsed["problems"] == []


@pytest.mark.parametrize("label,typed,read", [
    ("Spouse ☐ Ex-spouse ☒ Partner ☐ Ex-partner ☐ Other (specify)", None, "Ex-spouse"),
    ("Spouse ☐ Ex-spouse ☐ Partner ☐ Ex-partner ☐ Other Specify", "Son", "Son"),
    ("Husband ☐ Wife ☐ Boyfriend ☐ Girlfriend ☐ Family member ☒ Other ☐", None, "Family member"),
])
def test_relationship_printed_as_a_row_of_tick_boxes(label: str, typed: str | None, read: str) -> None:
    parsed = _form([("Victim details", [("Name", "Grace ABBOTT")]),
                    ("Perpetrator details", [("Name", "Dean SMITH"), (label, typed)])])
    assert parsed["referral"]["perpetrators"][0]["relationship_to_victim"] == read
    assert parsed["problems"] == []


def test_relationship_tick_boxes_contradicting_the_typed_answer_are_a_problem() -> None:
    parsed = _form([("Victim details", [("Name", "Grace ABBOTT")]),
                    ("Perpetrator details", [("Name", "Dean SMITH"),
                                             ("Spouse ☒ Ex-spouse ☐ Partner ☒ Ex-partner ☐ Other Specify", None)])])
    assert parsed["referral"]["perpetrators"][0]["relationship_to_victim"] is None
    [problem] = parsed["problems"]
    assert "tick boxes" in problem["message"]


@pytest.mark.parametrize("question,follow_up,path", [
    ("Has the victim consented to be discussed at MARAC?", "If not, why?", "consent_override_reason"),
    ("Does the victim consent to this referral?", "If no, please explain", "consent_override_reason"),
    ("Is the victim aware of the referral?", "If not, why not?", "victim_aware_reason"),
])
def test_follow_up_question_takes_its_meaning_from_the_question_before(question: str, follow_up: str,
                                                                       path: str) -> None:
    parsed = _form([("Victim details", [("Name", "Grace ABBOTT")]),
                    ("Consent", [(question, "No"), (follow_up, "Risk of serious harm outweighs consent")])])
    referral = parsed["referral"]
    assert referral[path] == "Risk of serious harm outweighs consent"
    other = {"consent_override_reason", "victim_aware_reason"} - {path}
    assert referral[other.pop()] is None
    assert parsed["problems"] == []


def test_follow_up_answered_after_a_yes_is_not_used_and_said() -> None:
    parsed = _form([("Victim details", [("Name", "Grace ABBOTT")]),
                    ("Consent", [("Has the victim consented?", "Yes"), ("If not, why not?", "Date of last MARAC N/A")])])
    referral = parsed["referral"]
    assert referral["consent"] is True and referral["consent_override_reason"] is None
    assert referral["victim_aware_reason"] is None  # not the awareness question's reason either
    [problem] = parsed["problems"]
    assert "'If not, why not?'" in problem["message"] and "MARAC N/A" not in problem["message"]


def test_a_label_whose_bracket_says_what_the_box_holds() -> None:
    # "Reason for referral (please include details of the most recent incident)": the box holds the incident;
    # a plain "Reason for referral" answered with a criterion is no summary of risks.
    summary = "Strangled during an argument on 25 October; threats to kill"
    parsed = _form([("Perpetrator details", [
        ("Perpetrator name", "Darren FLETCHER"),
        ("Reason for referral (please include details of the most recent incident)", summary)])])
    assert parsed["referral"]["risks_summary"] == summary
    assert parsed["problems"] == []
    parsed = _form([("Risk information", [("Reason for referral", "Visible High Risk"),
                                          ("Brief summary of incident and risks", summary)])])
    assert parsed["referral"]["risks_summary"] == summary
    assert parsed["problems"] == []


def test_a_printed_direction_under_a_label_is_not_its_answer() -> None:
    doc = Document()
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    label, value = table.add_row().cells
    write(label, "Victim name", bold=True)
    write(value, "Grace ABBOTT")
    for text in ("REASON FOR REFERRAL", "Please TICK ONE of the below 3 options as your reason for this referral"):
        row = table.add_row()
        row.cells[0].merge(row.cells[1]).paragraphs[0].add_run(text)
    label, value = table.add_row().cells
    write(label, "Summary of risks", bold=True)
    write(value, "Threats to kill")
    out = io.BytesIO()
    doc.save(out)
    parsed = parse_bytes(out.getvalue(), "referral.docx")
    assert parsed["referral"]["risks_summary"] == "Threats to kill"
    assert parsed["problems"] == []
