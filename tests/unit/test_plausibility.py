"""The plausibility safety net (parsers/plausible, issue 11): a value that does not look like what its field
holds is left out with a problem saying why, or kept with a warning; a well-filled form raises nothing.
Per rule with small result dicts, then through Word forms built the way real areas' forms are.
All people, numbers and places are invented (Ofcom drama numbers, example.gov.uk addresses).
"""
from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import pytest
from docx import Document

from parsers import parse_bytes
from parsers.fields import (
    CHILD,
    PERPETRATOR,
    POLICE,
    REASONS,
    REFERRAL_TOP,
    REFERRER,
    VICTIM,
    Kind,
)
from parsers.plausible import check
from parsers.plausible.vocab import vocabulary
from tests.corpus.docx_parts import shade, write

TODAY = dt.date(2026, 11, 30)


def _blank(columns: dict[str, Kind]) -> dict[str, Any]:
    return {k: ([] if kind is Kind.LIST else None) for k, kind in columns.items()}


def _result(victim: dict[str, Any] | None = None, perpetrators: list[dict[str, Any]] | None = None,
            children: list[dict[str, Any]] | None = None, referrer: dict[str, Any] | None = None,
            **top: Any) -> dict[str, Any]:
    """A parse result shaped as parsers.assemble makes it, well filled unless told otherwise."""
    referral = {
        "referrer": {**_blank(REFERRER), "name": "Stuart Cartwright", "agency": "Exampleshire Police",
                     "email": "stuart.referrer@example.gov.uk", "phone": "0117 496 0779", "date": "2026-10-30",
                     **(referrer or {})},
        "victim": {**_blank(VICTIM), "name": "Grace ABBOTT", "dob": "1991-04-03", "address": "12 Elm Close, "
                   "Exampletown, BS5 0XJ", "ethnicity": "White British", "first_language": "English", **(victim or {})},
        "perpetrators": [{**_blank(PERPETRATOR), **p} for p in (perpetrators if perpetrators is not None else [
            {"name": "Kieran FLETCHER", "dob": "1995-08-03", "relationship_to_victim": "Boyfriend"}])],
        "children": [{**_blank(CHILD), **c} for c in (children or [])],
        "reasons": _blank(REASONS), **_blank(REFERRAL_TOP), "additional_victims": [], "police": _blank(POLICE),
    }
    referral.update(top)
    return {"source": {"filename": "referral.docx", "kind": "docx", "sha256": "0" * 64}, "forms": ["referral"],
            "referral": referral, "dash": None, "problems": []}


def _checked(result: dict[str, Any], tagged: tuple[str, ...] = ()) -> tuple[dict[str, Any], dict[str, dict]]:
    out = check(result, tagged=tagged, today=TODAY)
    return out["referral"], {p["field"]: p for p in out["problems"]}


def test_a_well_filled_form_is_left_alone_with_no_problem() -> None:
    result = _result(children=[{"name": "Owen ABBOTT", "dob": "2020-03-26", "relationship_to_victim": "Son"}],
                     consent_override_reason="Risk of serious harm outweighs the need for consent")
    before = copy.deepcopy(result)
    referral, problems = _checked(result)
    assert problems == {} and referral == before["referral"]


# --- names ------------------------------------------------------------------------------------------------

def test_a_name_holding_two_numbered_people_is_left_out_with_a_problem() -> None:
    referral, problems = _checked(_result(perpetrators=[{"name": "1) Kieran FLETCHER – DOB\n2) Liam SZYMANSKI"}]))
    assert referral["perpetrators"][0]["name"] is None
    problem = problems["referral.perpetrators.0.name"]
    assert problem["severity"] == "error" and "more than one person" in problem["message"]
    assert "FLETCHER" not in problem["message"]  # values are personal data: the message names the field


@pytest.mark.parametrize("name, why", [
    ("Kieran FLETCHER 1995", "digits or a date"),
    ("Kieran FLETCHER DOB", "another field's words"),
    ("Kieran FLETCHER and Liam SZYMANSKI", "more than one person"),
    ("1) Kieran FLETCHER", "list marker"),
])
def test_a_name_holding_other_things_is_left_out(name: str, why: str) -> None:
    referral, problems = _checked(_result(perpetrators=[{"name": name}]))
    assert referral["perpetrators"][0]["name"] is None
    assert why in problems["referral.perpetrators.0.name"]["message"]


def test_boxes_run_together_are_never_one_value() -> None:
    """A table whose cell walls were lost (a .doc saved by one program and opened by another) reads as one
    line of labels and answers: none of it is the name, the ethnicity or the checklist's author."""
    result = _result(victim={"name": "Grace ABBOTTEthnicity:White British", "ethnicity": "White BritishLanguage:English"},
                     referrer={"name": "Stuart CartwrightJob title:Domestic Abuse OfficerDate:30/10/2026"})
    result["dash"] = {"completed_by": "Stuart CartwrightCollar / staff no.:4471Date completed:30/10/2026", "answers": {}}
    out = check(result, today=TODAY)
    problems = {p["field"]: p["message"] for p in out["problems"]}
    assert out["referral"]["victim"]["name"] is None and out["referral"]["victim"]["ethnicity"] is None
    assert out["referral"]["referrer"]["name"] is None and out["dash"]["completed_by"] is None
    assert all("run together" in problems[f] for f in ("referral.victim.ethnicity", "referral.referrer.name",
                                                       "dash.completed_by", "referral.victim.name"))


@pytest.mark.parametrize("field, value", [("address", "Flat 2: 25 Hawthorn Drive, Exampletown, BS5 0XJ"),
                                          ("role", "PC 4471, Safeguarding Team"), ("name", "Stuart McDONALD")])
def test_one_label_colon_or_a_time_is_not_boxes_run_together(field: str, value: str) -> None:
    result = _result(referrer={field: value})
    result["dash"] = {"completed_by": "PC 4471 Cartwright at 10:40", "answers": {}}
    out = check(result, today=TODAY)
    assert out["referral"]["referrer"][field] == value and out["dash"]["completed_by"] == "PC 4471 Cartwright at 10:40"


def test_a_name_with_its_own_date_of_birth_keeps_the_name_and_fills_an_empty_date() -> None:
    referral, problems = _checked(_result(victim={"name": "Grace ABBOTT – DOB 03/04/1991", "dob": None}))
    assert (referral["victim"]["name"], referral["victim"]["dob"]) == ("Grace ABBOTT", "1991-04-03")
    assert problems == {}


def test_a_name_the_box_wrapped_onto_two_lines_is_one_name() -> None:
    referral, problems = _checked(_result(victim={"name": "Grace\nEVANS-PRICE"}))
    assert referral["victim"]["name"] == "Grace EVANS-PRICE" and problems == {}


@pytest.mark.parametrize("word", ["None", "Name", "Victim", "See above"])
def test_a_placeholder_as_a_victims_name_is_left_out(word: str) -> None:
    referral, problems = _checked(_result(victim={"name": word}))
    assert referral["victim"]["name"] is None
    assert "is not a name" in problems["referral.victim.name"]["message"]


def test_none_as_a_child_means_no_children_and_unborn_is_an_expected_baby() -> None:
    referral, problems = _checked(_result(children=[
        {"name": "None"}, {"name": "Unborn", "dob": "2027-02-01"}, {"name": "Owen ABBOTT", "dob": "2020-03-26"}]))
    assert [(c["name"], c["unborn"], c["dob"]) for c in referral["children"]] == [
        (None, True, "2027-02-01"), ("Owen ABBOTT", None, "2020-03-26")]
    assert problems == {}


# --- one person's box holding several people's values, tick rows, choice words -------------------------------

def test_numbered_addresses_and_ethnicities_are_two_peoples_values() -> None:
    referral, problems = _checked(_result(perpetrators=[{
        "name": "Kieran FLETCHER", "address": "1) 131 Foundry Road, Exampletown\n2) 115 Canal Street, Exampletown",
        "ethnicity": "1) Black African 2) Bangladeshi"}]))
    perpetrator = referral["perpetrators"][0]
    assert (perpetrator["address"], perpetrator["ethnicity"], perpetrator["name"]) == (None, None, "Kieran FLETCHER")
    assert "numbered list" in problems["referral.perpetrators.0.address"]["message"]
    assert "numbered list" in problems["referral.perpetrators.0.ethnicity"]["message"]


def test_a_free_text_answer_may_hold_a_numbered_list() -> None:
    _, problems = _checked(_result(risks_summary="1) Strangled last week.\n2) Threats to kill."))
    assert problems == {}


def test_tick_boxes_and_the_next_question_are_not_an_answer() -> None:
    referral, problems = _checked(_result(victim={"housing": "House ☐ No. of bedrooms 3", "nationality": "Other"}))
    assert (referral["victim"]["housing"], referral["victim"]["nationality"]) == (None, "Other")
    assert "tick boxes" in problems["referral.victim.housing"]["message"]
    assert problems["referral.victim.nationality"]["severity"] == "warning"


def test_a_reason_cut_off_mid_phrase_is_kept_with_a_warning() -> None:
    referral, problems = _checked(_result(consent_override_reason="Risk of serious"))
    assert referral["consent_override_reason"] == "Risk of serious"
    assert problems["referral.consent_override_reason"]["severity"] == "warning"
    assert "mid-phrase" in problems["referral.consent_override_reason"]["message"]


@pytest.mark.parametrize("reason", ["The risk is serious", "Risk of serious harm", "Risk to life."])
def test_a_whole_reason_is_not_called_cut_off(reason: str) -> None:
    assert _checked(_result(consent_override_reason=reason))[1] == {}


# --- the referrer's box --------------------------------------------------------------------------------------

def test_referred_by_holding_name_role_and_agency_is_split() -> None:
    referral, problems = _checked(_result(referrer={
        "name": "Fatima Cartwright, Housing Officer, Exampleshire NHS Foundation Trust", "role": None,
        "agency": None}))
    referrer = referral["referrer"]
    assert (referrer["name"], referrer["role"], referrer["agency"]) == (
        "Fatima Cartwright", "Housing Officer", "Exampleshire NHS Foundation Trust")
    assert problems == {}


def test_a_role_and_agency_on_one_line_are_told_apart() -> None:
    referral, _ = _checked(_result(referrer={
        "name": "Stuart Cartwright\nDomestic Abuse Officer Exampleshire NHS Foundation Trust", "agency": None}))
    assert (referral["referrer"]["role"], referral["referrer"]["agency"]) == (
        "Domestic Abuse Officer", "Exampleshire NHS Foundation Trust")


def test_a_surname_first_name_is_left_as_written() -> None:
    referral, problems = _checked(_result(referrer={"name": "Cartwright, Stuart"}))
    assert referral["referrer"]["name"] == "Cartwright, Stuart" and problems == {}


def test_a_referrer_box_that_cannot_be_told_apart_is_left_out() -> None:
    referral, problems = _checked(_result(referrer={"name": "Stuart Cartwright, Exampleshire Police, Kent House"}))
    assert referral["referrer"]["name"] is None
    assert "more than a name" in problems["referral.referrer.name"]["message"]


def test_an_email_box_holding_a_phone_keeps_the_email_and_moves_the_phone() -> None:
    referral, problems = _checked(_result(referrer={"email": "fatima.referrer@example.gov.uk / 0117 496 0828",
                                                    "phone": None}))
    assert (referral["referrer"]["email"], referral["referrer"]["phone"]) == (
        "fatima.referrer@example.gov.uk", "0117 496 0828")
    assert problems == {}


def test_a_phone_in_the_email_box_that_differs_from_the_phone_box_is_said() -> None:
    referral, problems = _checked(_result(referrer={"email": "fatima.referrer@example.gov.uk / 0117 496 0828"}))
    assert (referral["referrer"]["email"], referral["referrer"]["phone"]) == (
        "fatima.referrer@example.gov.uk", "0117 496 0779")
    assert problems["referral.referrer.phone"]["severity"] == "warning"


# --- languages -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("written, interpreter, first, warned", [
    ("Polish – interpreter needed", "Polish", "Polish", False),
    ("English", None, "English", False),
    ("Urdu - no interpreter needed", None, "Urdu", False),
    ("No", None, None, False),
    ("Yes", None, None, True),
    ("Polish", "Polish", None, False),
])
def test_the_interpreter_box_holds_a_language_an_interpreter_is_needed_in(
        written: str, interpreter: str | None, first: str | None, warned: bool) -> None:
    referral, problems = _checked(_result(victim={"interpreter_language": written, "first_language": None}))
    victim = referral["victim"]
    assert (victim["interpreter_language"], victim["first_language"]) == (interpreter, first)
    assert ("referral.victim.interpreter_language" in problems) is warned


# --- people against each other, dates ---------------------------------------------------------------------

def test_a_victim_identical_to_a_perpetrator_is_an_error_and_nothing_is_cleared() -> None:
    referral, problems = _checked(_result(victim={"name": "Kieran FLETCHER", "dob": "1995-08-03"}))
    assert referral["victim"]["name"] == "Kieran FLETCHER" and referral["perpetrators"][0]["name"]
    assert problems["referral.victim"]["severity"] == "error"
    assert "perpetrator 1" in problems["referral.victim"]["message"]


def test_a_perpetrator_read_twice_is_left_out_once_and_a_near_copy_flagged() -> None:
    same = {"name": "Kieran FLETCHER", "dob": "1995-08-03"}
    referral, problems = _checked(_result(perpetrators=[same, dict(same)]))
    assert len(referral["perpetrators"]) == 1 and problems["referral.perpetrators"]["severity"] == "warning"
    referral, problems = _checked(_result(perpetrators=[same, {**same, "address": "9 Mill Lane, Exampletown"}]))
    assert len(referral["perpetrators"]) == 2 and problems["referral.perpetrators.1"]["severity"] == "error"


def test_a_date_of_birth_no_victim_or_perpetrator_can_have_is_left_out() -> None:
    referral, problems = _checked(_result(victim={"dob": "2020-03-26"},
                                          perpetrators=[{"name": "Kieran FLETCHER", "dob": "1905-01-01"}]))
    assert referral["victim"]["dob"] is None and referral["perpetrators"][0]["dob"] is None
    assert "6 years old" in problems["referral.victim.dob"]["message"]
    assert "referral.perpetrators.0.dob" in problems


def test_a_referral_dated_in_the_future_is_left_out() -> None:
    result = _result(referrer={"date": "2027-10-30"})
    result["dash"] = {"date": "2027-01-01"}
    out = check(result, today=TODAY)
    assert out["referral"]["referrer"]["date"] is None and out["dash"]["date"] is None
    assert {p["field"] for p in out["problems"]} == {"referral.referrer.date", "dash.date"}


def test_no_perpetrator_on_a_referral_listing_children_warns_about_the_victims_details() -> None:
    _, problems = _checked(_result(perpetrators=[], children=[{"name": "Owen ABBOTT", "dob": "2020-03-26"}]))
    assert problems["referral.victim"]["severity"] == "warning"


def test_values_from_boxes_tagged_with_their_field_are_not_second_guessed() -> None:
    # The service's own forms: the box is the field, so what is in it is what the referrer typed there.
    result = _result(victim={"name": "Invented name 7", "dob": "2019-11-08"})
    referral, problems = _checked(result, tagged=("referral.victim.name", "referral.victim.dob"))
    assert (referral["victim"]["name"], referral["victim"]["dob"]) == ("Invented name 7", "2019-11-08")
    assert problems == {}


def test_the_words_are_data_an_administrator_can_extend() -> None:
    data = vocabulary()
    for section, key in (("names", "not_a_name"), ("names", "unborn"), ("referrer", "role_words"),
                         ("referrer", "organisation_words"), ("lists", "markers"), ("languages", "interpreter_needed")):
        assert data[section][key], (section, key)


# --- through Word forms built the way real areas' forms are --------------------------------------------------

def _form(sections: list[tuple[str, list[tuple[str, str]]]],
          people: Sequence[tuple[str, list[str], list[list[str]]]] = ()) -> dict[str, Any]:
    """Headed two-column tables (grey label cell, value cell) and tables of people under a header row."""
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
            if value:
                write(value_cell, value)
    for heading, header, rows in people:
        doc.add_heading(heading, level=2)
        table = doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header):
            write(cell, text, bold=True)
            shade(cell, "D9D9D9")
        for row in rows:
            for cell, text in zip(table.add_row().cells, row):
                if text:
                    write(cell, text)
    out = io.BytesIO()
    doc.save(out)
    return parse_bytes(out.getvalue(), "referral.docx")


REFERRER_ROWS = [("Referrer name", "Stuart Cartwright"), ("Agency", "Exampleshire Police"),
                 ("Telephone", "0117 496 0779"), ("Email", "stuart.referrer@example.gov.uk"),
                 ("Date of referral", "30/10/2026")]
VICTIM_ROWS = [("Name", "Grace ABBOTT"), ("Date of birth", "03/04/1991"),
               ("Address", "12 Elm Close, Exampletown, BS5 0XJ")]


def test_a_form_with_two_perpetrators_numbered_in_one_cell_has_no_silent_wrong_value() -> None:
    parsed = _form([("Referrer details", REFERRER_ROWS), ("Victim details", VICTIM_ROWS),
                    ("Alleged perpetrator", [
                        ("Name and Date of Birth", ("1) Kieran FLETCHER – DOB 03/08/1995\n"
                                                    "2) Liam SZYMANSKI – DOB 11/02/1976")),
                        ("Address of alleged perpetrator", ("1) 131 Foundry Road, Exampletown, E15 9QQ\n"
                                                            "2) 115 Canal Street, Exampletown, NR3 9TT")),
                        ("Ethnicity of perpetrator", "1) Black African\n2) Bangladeshi")])])
    flagged = {p["field"] for p in parsed["problems"]}
    people = parsed["referral"]["perpetrators"]
    if [p["name"] for p in people] == ["Kieran FLETCHER", "Liam SZYMANSKI"]:
        return  # the reader took the cell apart itself: right, and nothing for the safety net to do
    # Otherwise what the coordinator sees: each of the first perpetrator's boxes empty, with why.
    for key in ("name", "address", "ethnicity"):
        assert people[0][key] is None, key
        assert f"referral.perpetrators.0.{key}" in flagged, key
    name_problem = next(p for p in parsed["problems"] if p["field"] == "referral.perpetrators.0.name")
    assert name_problem["message"].startswith("perpetrator 1 name: holds several lines (more than one person")


def test_referred_by_holding_name_role_and_agency_through_a_form() -> None:
    parsed = _form([("Referred by", [
        ("Referred by", "Fatima Cartwright, Housing Officer, Exampleshire NHS Foundation Trust"),
        ("Email", "fatima.referrer@example.gov.uk / 0117 496 0828"), ("Date of referral", "30/10/2026")]),
        ("Victim details", VICTIM_ROWS), ("Perpetrator details", [("Name", "Kieran FLETCHER")])])
    referrer = parsed["referral"]["referrer"]
    assert (referrer["name"], referrer["role"], referrer["agency"]) == (
        "Fatima Cartwright", "Housing Officer", "Exampleshire NHS Foundation Trust")
    assert (referrer["email"], referrer["phone"]) == ("fatima.referrer@example.gov.uk", "0117 496 0828")
    assert parsed["problems"] == []


def test_an_unborn_child_and_an_interpreter_answer_through_a_form() -> None:
    parsed = _form([("Referrer details", REFERRER_ROWS),
                    ("Victim details", [*VICTIM_ROWS, ("First language / interpreter needed",
                                                       "Polish – interpreter needed")]),
                    ("Perpetrator details", [("Name", "Kieran FLETCHER"), ("Date of birth", "03/08/1995")])],
                   [("Children", ["Name", "Date of birth", "Relationship to victim"],
                     [["Unborn", "01/03/2027", ""], ["Owen ABBOTT", "26/03/2020", "Son"]])])
    victim, children = parsed["referral"]["victim"], parsed["referral"]["children"]
    assert victim["interpreter_language"] == "Polish" and victim["first_language"] in ("Polish", None)
    assert [(c["name"], c["unborn"]) for c in children] == [(None, True), ("Owen ABBOTT", None)]
    assert parsed["problems"] == []


def test_a_well_filled_form_raises_no_problem() -> None:
    parsed = _form([("Referrer details", [*REFERRER_ROWS, ("Job title", "Domestic Abuse Officer")]),
                    ("Victim details", [*VICTIM_ROWS, ("Ethnicity", "White British"), ("First language", "English"),
                                        ("Interpreter needed", "No")]),
                    ("Perpetrator details", [("Name", "Kieran FLETCHER"), ("Date of birth", "03/08/1995"),
                                             ("Address", "131 Foundry Road, Exampletown, E15 9QQ")]),
                    ("Consent", [("If no consent, why is information being shared?",
                                  "Risk of serious harm outweighs the need for consent")])],
                   [("Children", ["Name", "Date of birth", "Relationship to victim"],
                     [["Owen ABBOTT", "26/03/2020", "Son"]])])
    assert parsed["problems"] == []
    assert parsed["referral"]["victim"]["name"] == "Grace ABBOTT"
    assert parsed["referral"]["perpetrators"][0]["name"] == "Kieran FLETCHER"


def test_a_label_read_with_its_name_is_dropped_and_a_question_is_not_an_answer() -> None:
    referral, problems = _checked(_result(victim={"name": "Name: Grace ABBOTT",
                                                  "housing": "Council Is the client pregnant? Yes"}))
    assert (referral["victim"]["name"], referral["victim"]["housing"]) == ("Grace ABBOTT", None)
    assert list(problems) == ["referral.victim.housing"]


def test_a_phone_box_holding_an_email_too_gives_each_its_field() -> None:
    referral, problems = _checked(_result(referrer={"phone": "0117 496 0779 / stuart@example.gov.uk", "email": None}))
    assert (referral["referrer"]["phone"], referral["referrer"]["email"]) == ("0117 496 0779", "stuart@example.gov.uk")
    assert problems == {}


def test_a_tick_one_list_read_as_the_answer_gives_the_ticked_line() -> None:
    reasons = ("☐ Right to life (Human Rights Act, art. 2 & 3)\n☒ Overriding public interest (common law)\n"
               "☐ For the administration of justice")
    referral, problems = _checked(_result(consent_override_reason=reasons))
    assert referral["consent_override_reason"] == "Overriding public interest (common law)" and problems == {}
    referral, problems = _checked(_result(consent_override_reason=reasons.replace("☒", "☐")))
    assert referral["consent_override_reason"] is None and problems == {}


def test_yes_to_an_interpreter_asks_for_one_in_the_persons_own_language() -> None:
    referral, problems = _checked(_result(victim={"interpreter_language": "Yes", "first_language": "Urdu"}))
    assert referral["victim"]["interpreter_language"] == "Urdu" and problems == {}
