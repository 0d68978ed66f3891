"""The label matcher (parsers.labels): three areas' wordings of the referral form, typos and guards,
an administrator's additions, DASH checklists in another order. RawForms are built by hand, as a
reader would hand them on; every value is invented (generators.fake_referrals)."""
from __future__ import annotations

import json
import random
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generators.fake_referrals import invented_referral
from parsers.assemble import assemble
from parsers.labels import load_table, resolve
from parsers.labels.dash_questions import match_question
from parsers.model import DashLine, Labelled, RawForm, RawValue, RowTable
from tests.corpus.wordings import CHILD_HEADERS, DASH_ANSWER_HEADERS, SECTIONS, WORDINGS, section_of

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "referral.schema.json"
DATA = Path(__file__).resolve().parents[2] / "parsers" / "data"
QUESTIONS = {q["number"]: q["text"] for q in tomllib.loads((DATA / "dash_questions.toml").read_text())["question"]}
SHA = "0" * 64
# How each area writes a tick: a box (bool), Y/N, Yes/No.
TICKS = {"safelives": (True, False), "client": ("Y", "N"), "survivor": ("Yes", "No")}


def _values(seed: int) -> dict[str, Any]:
    """An invented referral with every field of the wordings filled (the generator leaves a few out)."""
    values: dict[str, Any] = invented_referral(random.Random(seed), children=2)
    values.update({
        "referral.victim.aliases": "Zee Tester", "referral.perpetrators.0.aliases": "Daz",
        "referral.victim.interpreter_language": "Polish",
        "referral.reasons.professional_judgement_rationale": "Escalating threats since the separation",
        "referral.reasons.repeat_details": "None known", "referral.victim_aware_reason": "Aware",
        "referral.previous_marac": "No", "referral.additional_information": "Works shifts at the depot",
        "referral.children.0.address": "Same as victim",
    })
    return values


def _written(value: Any, area: str) -> RawValue:
    if isinstance(value, bool):
        return TICKS[area][0] if value else TICKS[area][1]
    return value


def _answer(value: str, area: str) -> str:
    yes, no, unknown = DASH_ANSWER_HEADERS[area]
    return {"yes": yes, "no": no, "unknown": unknown}[value]


def _area_form(area: str, values: dict[str, Any]) -> tuple[RawForm, dict[str, RawValue]]:
    """The form as a reader of that area's layout reports it, and the fields it should resolve to."""
    sections = SECTIONS[area]
    labelled = [Labelled(label, _written(values.get(path), area), sections[section_of(path)])
                for path, label in WORDINGS[area].items()]
    labelled += [Labelled("Completed by", values["dash.completed_by"], sections["dash"]),
                 Labelled("Date", values["dash.date"], sections["dash"])]
    headers = CHILD_HEADERS[area]
    rows = [[values.get(f"referral.children.{i}.{col}") for col in headers] for i in range(2)]
    tables = [RowTable(list(headers.values()), rows, sections["children"])]
    dash = [DashLine(QUESTIONS[n], _answer(values[f"dash.answers.{n}"], area), n) for n in range(1, 25)]
    expected = {path: _written(values.get(path), area) for path in WORDINGS[area]}
    expected.update({p: values[p] for p in ("dash.completed_by", "dash.date")})
    expected.update({f"referral.children.{i}.{col}": values.get(f"referral.children.{i}.{col}")
                     for i in range(2) for col in headers})
    expected.update({f"dash.answers.{n}": _answer(values[f"dash.answers.{n}"], area) for n in range(1, 25)})
    if expected.get("referral.children.0.address") == "Same as victim":  # the words point at her address
        expected["referral.children.0.address"] = expected.get("referral.victim.address")
    return RawForm("docx", labelled=labelled, tables=tables, dash_lines=dash), expected


def _schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _resolve_one(label: str, value: RawValue, section: str | None = None, **kw: Any) -> RawForm:
    return resolve(RawForm("pdf-text", labelled=[Labelled(label, value, section)]), **kw)


def _no_values_in(problems: list[Any], *values: str) -> None:
    for problem in problems:
        for value in values:
            assert value not in problem.message


# --- three areas' wordings ------------------------------------------------------------------------

@pytest.mark.parametrize("area", sorted(WORDINGS))
def test_each_area_wording_resolves_to_every_path(area: str) -> None:
    values = _values(seed=len(area))
    raw, expected = _area_form(area, values)
    resolved = resolve(raw)
    assert resolved.problems == []
    mismatches = {p: (resolved.fields.get(p), want) for p, want in expected.items() if resolved.fields.get(p) != want}
    assert mismatches == {}
    assert set(resolved.fields) == set(expected)


@pytest.mark.parametrize("area", sorted(WORDINGS))
def test_each_area_assembles_to_a_valid_referral(area: str) -> None:
    values = _values(seed=7 + len(area))
    raw, _ = _area_form(area, values)
    parsed = assemble(resolve(raw), f"{area}.docx", SHA)
    jsonschema.validate(parsed, _schema(), format_checker=jsonschema.FormatChecker())
    assert parsed["problems"] == []
    assert parsed["forms"] == ["referral", "dash"]
    referral = parsed["referral"]
    day, month, year = values["referral.victim.dob"].split("/")
    assert referral["victim"]["dob"] == f"{year}-{month}-{day}"
    assert referral["victim"]["name"] == values["referral.victim.name"]
    assert referral["perpetrators"][0]["name"] == values["referral.perpetrators.0.name"]
    assert referral["perpetrators"][0]["dob"] != referral["victim"]["dob"] or \
        values["referral.perpetrators.0.dob"] == values["referral.victim.dob"]
    assert [c["name"] for c in referral["children"]] == [values[f"referral.children.{i}.name"] for i in range(2)]
    assert referral["victim"]["safe_to_call"] is values["referral.victim.safe_to_call"]
    assert parsed["dash"]["score"] == sum(values[f"dash.answers.{n}"] == "yes" for n in range(1, 25))


def test_resolve_leaves_its_input_alone() -> None:
    raw, _ = _area_form("client", _values(seed=3))
    before = (dict(raw.fields), list(raw.problems))
    resolved = resolve(raw)
    assert (raw.fields, raw.problems) == before and resolved is not raw and resolved.fields


# --- the guard: whose field a label is ------------------------------------------------------------

@pytest.mark.parametrize("label,section", [
    ("Perpetrator's DOB", "Victim details"), ("Alleged perpetrator D.O.B.", None), ("D.O.B.", "Alleged perpetrator"),
    ("Date of birth", "Person causing harm"), ("DOB", "Perpetrator 1"), ("Abuser's date of birth", "Client information"),
])
def test_perpetrator_dob_never_lands_in_the_victims(label: str, section: str | None) -> None:
    fields = _resolve_one(label, "02/03/1981", section).fields
    assert fields == {"referral.perpetrators.0.dob": "02/03/1981"}


def test_victim_and_perpetrator_dob_side_by_side() -> None:
    raw = RawForm("pdf-text", labelled=[
        Labelled("Name", "Zoë ASHCOMBE", "Victim details"), Labelled("D.O.B", "01/01/1990", "Victim details"),
        Labelled("Name", "Rory Vantrell", "Perpetrator details"), Labelled("D.O.B", "05/06/1985", "Perpetrator details"),
        Labelled("Victim's date of birth", "09/09/1999", "Perpetrator details"),
    ])
    fields = resolve(raw).fields
    assert fields["referral.victim.dob"] == "01/01/1990"  # the first one given is kept
    assert fields["referral.perpetrators.0.dob"] == "05/06/1985"
    assert fields["referral.perpetrators.0.name"] == "Rory Vantrell"


def test_victim_only_field_under_perpetrator_heading_is_not_the_victims() -> None:
    # A referrer writes the perpetrator's ethnicity in the "Ethnicity" box under his heading, as his date of
    # birth in "DOB": now that he has an ethnicity field it is his. Never the victim's, and nothing is lost.
    assert _resolve_one("Ethnicity", "White British", "Perpetrator details").fields == {
        "referral.perpetrators.0.ethnicity": "White British"}
    assert _resolve_one("Ethnicity", "White British", "Victim details").fields == {"referral.victim.ethnicity": "White British"}


def test_victim_only_field_in_a_box_that_names_the_victim_is_not_guessed() -> None:
    # Under the perpetrator's heading, but in a box that named the victim first: whose it is is not said.
    item = Labelled("Religion", "Christian", "Perpetrator details", context=["Victim name"])
    assert resolve(RawForm("docx", labelled=[item])).fields == {}


def test_field_the_perpetrator_does_not_have_is_nobodys_under_his_heading() -> None:
    assert _resolve_one("Religion", "Christian", "Perpetrator details").fields == {}


def test_generic_label_without_a_section_is_not_guessed() -> None:
    resolved = _resolve_one("Name", "Zoë Quillfeather", None)
    assert resolved.fields == {}
    [problem] = resolved.problems
    assert problem.severity == "warning" and "'Name'" in problem.message
    _no_values_in(resolved.problems, "Zoë", "Quillfeather")


def test_empty_generic_label_without_a_section_is_quiet() -> None:
    assert _resolve_one("DOB", None, "Section 9").problems == []


@pytest.mark.parametrize("label,section,path", [
    ("Date of brith", "Victim details", "referral.victim.dob"),
    ("VICTIMS NAME:", None, "referral.victim.name"),
    ("Safe to call Y/N", "Victim details", "referral.victim.safe_to_call"),
    ("Victim\u2019s D.O.B", None, "referral.victim.dob"),
    ("Perpertrator D.O.B", None, "referral.perpetrators.0.dob"),
    ("Clients phone no.", "Consent", "referral.victim.phone"),
    ("E-mail:", "Referrer details", "referral.referrer.email"),
    ("Name of service user *", None, "referral.victim.name"),
    ("Is the survivor pregnant? (Y/N)", None, "referral.victim.pregnant"),
    ("Who is it NOT safe to speak with?", "Safety", "referral.not_safe_to_talk_to"),
    ("Proffesional judgment", "Reason for referral", "referral.reasons.professional_judgement"),
    ("Crime Ref. No.", None, "referral.crime_reference"),
    ("Relationship to the victim", "Second perpetrator", "referral.perpetrators.1.relationship_to_victim"),
    ("Child 2 - school", "Children", "referral.children.1.school"),
    ("Name (perpetrator)", None, "referral.perpetrators.0.name"),
    ("Address of perpetrator (if different from victim)", None, "referral.perpetrators.0.address"),
    ("Date of birth", "Details of the alleged perpetrator (2)", "referral.perpetrators.1.dob"),
])
def test_typos_and_variants_match(label: str, section: str | None, path: str) -> None:
    resolved = _resolve_one(label, "x", section)
    assert resolved.fields == {path: "x"} and resolved.problems == []


@pytest.mark.parametrize("label", ["For office use only", "Signature", "Signature of referrer", "Text12",
                                   "Check Box3", "form1.Text12", "Print form", "Page 2 of 4"])
def test_unrelated_labels_are_not_matched(label: str) -> None:
    resolved = _resolve_one(label, "x", "Victim details")
    assert resolved.fields == {} and resolved.problems == []


# --- what the reader already knew, rows, names ---------------------------------------------------

def test_fields_from_tags_win() -> None:
    raw = RawForm("docx", fields={"referral.victim.name": "Tagged Person", "referral.victim.pregnant=yes": True},
                  labelled=[Labelled("Victim name", "Other Person", "Victim"), Labelled("Pregnant", "No", "Victim"),
                            Labelled("DOB", "01/01/1990", "Victim")])
    resolved = resolve(raw)
    assert resolved.fields == {"referral.victim.name": "Tagged Person", "referral.victim.pregnant=yes": True,
                               "referral.victim.dob": "01/01/1990"}
    assert resolved.problems == []


def test_a_second_perpetrator_block_gets_the_next_row() -> None:
    labelled = [Labelled(label, value, "Perpetrator details") for label, value in [
        ("Name", "Rory Vantrell"), ("DOB", "05/06/1985"), ("Relationship", "Ex-partner"),
        ("Name", "Anton Dunmore"), ("DOB", "07/08/1979"), ("Relationship", "Brother-in-law")]]
    labelled.append(Labelled("Name", "Lewis Penhallow", "Perpetrator 3"))
    fields = resolve(RawForm("pdf-text", labelled=labelled)).fields
    assert [fields.get(f"referral.perpetrators.{i}.name") for i in range(3)] == \
        ["Rory Vantrell", "Anton Dunmore", "Lewis Penhallow"]
    assert fields["referral.perpetrators.1.relationship_to_victim"] == "Brother-in-law"


def test_a_perpetrator_label_elsewhere_does_not_start_a_second_perpetrator() -> None:
    raw = RawForm("pdf-text", labelled=[
        Labelled("Perpetrator's name", "Rory Vantrell", "Victim details"),
        Labelled("Name", "Rory Vantrell", "Perpetrator details"), Labelled("DOB", "05/06/1985", "Perpetrator details")])
    resolved = resolve(raw)
    assert resolved.fields == {"referral.perpetrators.0.name": "Rory Vantrell", "referral.perpetrators.0.dob": "05/06/1985"}
    assert resolved.problems == []


def test_forename_and_surname_make_one_name() -> None:
    raw = RawForm("pdf-text", labelled=[Labelled("Forename(s)", "Siân", "Victim"), Labelled("Surname", "MARROW-LYLE", "Victim")])
    assert resolve(raw).fields == {"referral.victim.name": "Siân MARROW-LYLE"}


def test_table_rows_continue_after_rows_already_given() -> None:
    table = RowTable(["Child's name", "D.O.B.", "School / nursery"],
                     [["Aoife Test", "01/02/2015", "Exampleton Primary"], [None, "", None], ["Marta Test", "03/04/2019", None]],
                     "Children / household")
    raw = RawForm("docx", fields={"referral.children.0.name": "Tagged Child"}, tables=[table])
    fields = resolve(raw).fields
    assert fields["referral.children.1.name"] == "Aoife Test"
    assert fields["referral.children.2.name"] == "Marta Test"
    assert "referral.children.3.name" not in fields


def test_table_without_a_heading_is_told_by_its_headers() -> None:
    children = RowTable(["Name", "DOB", "School"], [["Aoife Test", "01/02/2015", "Exampleton Primary"]])
    perpetrators = RowTable(["Full name", "Aliases", "Gender"], [["Rory Vantrell", "Roz", "Male"]])
    fields = resolve(RawForm("pdf-text", tables=[children, perpetrators])).fields
    assert fields["referral.children.0.school"] == "Exampleton Primary"
    assert fields["referral.perpetrators.0.aliases"] == "Roz"


def test_table_of_something_else_is_ignored() -> None:
    table = RowTable(["Agency", "Worker", "Involvement"], [["Exampleshire Police", "PC Test", "Attended"]], "Other agencies")
    resolved = resolve(RawForm("pdf-text", tables=[table]))
    assert resolved.fields == {} and resolved.problems == []


# --- the administrator's table --------------------------------------------------------------------

def test_an_administrators_extra_wording_works(tmp_path: Path) -> None:
    extra = tmp_path / "labels.toml"
    extra.write_text('[fields]\n"referral.crime_reference" = ["Athena reference"]\n'
                     '[roles]\nvictim = ["adult experiencing harm"]\n', encoding="utf-8")
    assert _resolve_one("Athena reference", "AT/123", None).fields == {}
    table = load_table(extra)
    assert _resolve_one("Athena reference", "AT/123", None, table=table).fields == {"referral.crime_reference": "AT/123"}
    assert _resolve_one("Adult experiencing harm's DOB", "01/01/1990", None, table=table).fields == \
        {"referral.victim.dob": "01/01/1990"}
    assert load_table() is load_table()  # the packaged table is read once


def test_a_label_matching_two_paths_equally_is_left_with_a_warning(tmp_path: Path) -> None:
    extra = tmp_path / "labels.toml"
    extra.write_text('[fields]\n"referral.crime_reference" = ["Reference"]\n'
                     '"referral.previous_marac" = ["Reference"]\n', encoding="utf-8")
    resolved = _resolve_one("Reference:", "CR/55555/26", None, table=load_table(extra))
    assert resolved.fields == {}
    [problem] = resolved.problems
    assert problem.severity == "warning" and "'Reference:'" in problem.message and "crime reference" in problem.message
    _no_values_in(resolved.problems, "CR/55555/26")


def test_a_mistake_in_the_administrators_file_is_named(tmp_path: Path) -> None:
    extra = tmp_path / "labels.toml"
    extra.write_text('[fields]\n"referral.victim.shoe_size" = ["Shoe size"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="referral.victim.shoe_size"):
        load_table(extra)


def test_packaged_table_gives_each_wording_one_meaning() -> None:
    table = load_table()
    assert {w: keys for w, keys in table.entries.items() if len(keys) > 1} == {}
    assert len(table.entries) > 400


# --- DASH checklists --------------------------------------------------------------------------

# An older police checklist: its own wording, starting with criminal history, two S-DASH extras.
OLDER_WORDING = {
    24: "Do you know if (....) has ever been in trouble with the police or has a criminal history? (If yes, please specify)",
    21: "Has (....) had problems in the past year with drugs (prescription or other), alcohol or mental health?",
    1: "Has the current incident resulted in injury? (Please state what and whether this is the first injury.)",
    15: "Has (....) ever attempted to strangle/choke/suffocate/drown you?",
    3: "What are you afraid of? Is it further injury or violence? (Please give an indication of what you think might happen)",
    17: "Is there any other person that has threatened you or that you are afraid of?",
    19: "Has (....) ever mistreated an animal or the family pet?",
    9: "Are you currently pregnant or have you recently had a baby in the past 18 months?",
}
S_DASH = ["Has (name) vandalised or destroyed property?", "Has (name) turned up unannounced more than three times a week?"]


def test_dash_in_another_order_with_extra_questions_maps_by_text() -> None:
    rng = random.Random(24)
    numbers = list(range(1, 25))
    rng.shuffle(numbers)
    numbers.remove(24)
    numbers.insert(0, 24)
    lines = [DashLine(OLDER_WORDING.get(n, QUESTIONS[n]), "yes" if n % 3 == 0 else "no", i + 1, f"note {n}")
             for i, n in enumerate(numbers)]
    lines[5:5] = [DashLine(text, "yes", 6 + k, "stalking note") for k, text in enumerate(S_DASH)]
    resolved = resolve(RawForm("pdf-text", dash_lines=lines))
    assert resolved.problems == []
    for n in range(1, 25):
        assert resolved.fields[f"dash.answers.{n}"] == ("yes" if n % 3 == 0 else "no"), n
        assert resolved.fields[f"dash.comments.{n}"] == f"note {n}"
    assert "stalking note" not in resolved.fields.values()
    parsed = assemble(resolved, "dash.pdf", SHA)
    assert parsed["dash"]["score"] == 8
    jsonschema.validate(parsed, _schema(), format_checker=jsonschema.FormatChecker())


def test_two_lines_for_one_question_keep_the_first() -> None:
    lines = [DashLine(QUESTIONS[2], "yes", 2), DashLine("Are you very frightened?", "no", 12, "private comment")]
    resolved = resolve(RawForm("pdf-text", dash_lines=lines))
    assert resolved.fields == {"dash.answers.2": "yes"}
    [problem] = resolved.problems
    assert "question 2" in problem.message and problem.field == "dash.answers.2" and problem.severity == "warning"
    _no_values_in(resolved.problems, "private comment")


def test_dash_from_tags_is_not_overwritten() -> None:
    raw = RawForm("docx", fields={"dash.answers.1=yes": True, "dash.answers.1=no": False},
                  dash_lines=[DashLine(QUESTIONS[1], "no", 1)])
    assert "dash.answers.1" not in resolve(raw).fields


@pytest.mark.parametrize("number", range(1, 25))
def test_every_question_is_recognised_by_its_own_text(number: int) -> None:
    assert match_question(QUESTIONS[number]) == number
    assert match_question(f"{25 - number}. {QUESTIONS[number]}") == number


@pytest.mark.parametrize("text", [
    *S_DASH, "Is (name) following you or loitering near your home, workplace etc.?",
    "Has (name) engaged others to help (wittingly or unwittingly)?", "Is there a risk of forced marriage?",
    "Have you been threatened with being taken abroad?", "Has (....) ever threatened to hurt or kill the children/dependants?",
    "Signature", "Source of information if not the victim", ""])
def test_extra_questions_are_not_one_of_the_24(text: str) -> None:
    assert match_question(text) is None


def test_who_signed_a_checklist_is_read_under_its_heading_and_asked_nowhere_else() -> None:
    assert _resolve_one("Signed", "Stuart Cartwright", "DASH risk checklist").fields == {
        "dash.completed_by": "Stuart Cartwright"}
    assert _resolve_one("Name", "Stuart Cartwright", "DASH risk checklist").fields == {
        "dash.completed_by": "Stuart Cartwright"}
    # "Signed" at the foot of a referral with no heading: no person's field, and nothing to ask about
    quiet = _resolve_one("Signed", "Stuart Cartwright", None)
    assert quiet.fields == {} and quiet.problems == []
