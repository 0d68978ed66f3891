"""review.xlsx as pure functions: written for a person, read back, and corrections read the way a form's
values are (UK dates, two-digit years only where plausible, postcodes, yes/no words), never as typed."""
from __future__ import annotations

import copy
import datetime as dt
import io
import random

import openpyxl
import pytest

from generators.forms.pdf_fill import fill_referral_pdf
from generators.review_sheet.apply import apply_edits, recheck
from generators.review_sheet.layout import CORRECTION_HEADER, Edits
from generators.review_sheet.read import NotAReviewSheet, read_review
from generators.review_sheet.write import MARKING, write_review
from parsers import parse_bytes
from tests.conftest import invented_referral

MISSING_DOB = {"field": "referral.victim.dob", "severity": "error", "file": None,
               "message": "the victim's date of birth (or age) is missing"}


@pytest.fixture(scope="module")
def read_once(blank_pdf) -> dict:
    values = invented_referral(random.Random(5), children=2)
    del values["referral.victim.dob"]
    return parse_bytes(fill_referral_pdf(blank_pdf, values), "referral.pdf")


@pytest.fixture
def joined(read_once) -> dict:
    return copy.deepcopy(read_once)


def _row_of(ws, key: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 6).value == key)


def _edited(data: bytes, main: dict[str, object] | None = None, sheet: str | None = None,
            cells: dict[tuple[int, int], object] | None = None) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Check and correct"]
    for key, value in (main or {}).items():
        ws.cell(_row_of(ws, key), 5).value = value
    for (row, column), value in (cells or {}).items():
        wb[sheet].cell(row, column).value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _corrected(joined: dict, **kwargs) -> tuple[dict, list[dict]]:
    data = _edited(write_review(joined, [MISSING_DOB], case_number="EXM-2026-0001"), **kwargs)
    return apply_edits(joined, read_review(data))


def test_the_sheet_is_made_for_a_person(joined):
    wb = openpyxl.load_workbook(io.BytesIO(write_review(joined, [MISSING_DOB], case_number="EXM-2026-0001")))
    ws = wb["Check and correct"]
    assert wb.sheetnames[:4] == ["Check and correct", "Perpetrators", "Children", "Other victims"]
    assert wb["as read"].sheet_state == "hidden" and ws.column_dimensions["F"].hidden
    assert "What needs your attention" in [ws.cell(r, 1).value for r in range(1, 8)]
    assert ws["A6"].value == "• the victim's date of birth (or age) is missing"
    dob = _row_of(ws, "referral.victim.dob")
    header = [ws.cell(dob - n, 5).value for n in range(1, dob)]
    assert CORRECTION_HEADER in header
    assert ws.cell(dob, 4).value == "the victim's date of birth (or age) is missing"
    assert ws.cell(dob, 5).number_format == "dd/mm/yyyy" and not ws.cell(dob, 5).protection.locked
    assert ws.cell(dob, 3).protection.locked and ws.protection.sheet and not ws.protection.password
    date_read = ws.cell(_row_of(ws, "referral.referrer.date"), 3)
    assert isinstance(date_read.value, dt.datetime) and date_read.number_format == "dd/mm/yyyy"
    drop_downs = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert drop_downs and f"E{_row_of(ws, 'referral.victim.safe_to_call')}" in str(drop_downs[0].sqref)
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.oddHeader.center.text == MARKING and "&P" in ws.oddFooter.right.text
    children = wb["Children"]
    assert children.cell(3, 2).value == "Name" and children.cell(4, 1).value == "Child 1"
    assert children.cell(4, 2).value == joined["referral"]["children"][0]["name"]
    assert not children.protection.insertRows and not children.cell(9, 2).protection.locked  # room to add


def test_nothing_typed_changes_nothing(joined):
    corrected, problems = apply_edits(joined, read_review(write_review(joined, [MISSING_DOB])))
    assert corrected == joined and problems == []


@pytest.mark.parametrize("typed, expected", [
    ("28/02/1990", "1990-02-28"), ("3.4.91", "1991-04-03"), (dt.datetime(1990, 2, 28), "1990-02-28"),
    ("28th February 1990", "1990-02-28")])
def test_a_date_of_birth_is_read_as_on_a_form(joined, typed, expected):
    corrected, problems = _corrected(joined, main={"referral.victim.dob": typed})
    assert problems == [] and corrected["referral"]["victim"]["dob"] == expected


@pytest.mark.parametrize("typed", ["about 40", "April 1991", "31/02/1990", "12/12/2099"])
def test_a_date_still_wrong_is_a_problem_never_a_value(joined, typed):
    corrected, problems = _corrected(joined, main={"referral.victim.dob": typed})
    assert corrected["referral"]["victim"]["dob"] is None
    (problem,) = problems
    assert problem["field"] == "referral.victim.dob" and problem["severity"] == "error"
    assert problem["message"].startswith("Victim's date of birth: your correction ")
    assert typed not in problem["message"] and "dd/mm/yyyy" in problem["message"]


def test_postcodes_yes_no_and_not_known(joined):
    corrected, problems = _corrected(joined, main={
        "referral.victim.postcode": "ex1 1aa", "referral.victim.safe_to_call": "No",
        "dash.answers.3": "Not known", "referral.victim.gp": "not known", "referral.victim.phone": "call after 6"})
    victim = corrected["referral"]["victim"]
    assert problems == [] and victim["postcode"] == "EX1 1AA" and victim["safe_to_call"] is False
    assert victim["gp"] is None and corrected["dash"]["answers"]["3"] == "unknown"
    assert corrected["dash"]["score"] == sum(a == "yes" for a in corrected["dash"]["answers"].values())
    _, wrong = _corrected(joined, main={"referral.victim.postcode": "nowhere", "referral.victim.phone": "0770 12",
                                        "referral.consent": "perhaps"})
    assert {p["field"] for p in wrong} == {"referral.victim.postcode", "referral.victim.phone", "referral.consent"}


def test_people_are_corrected_added_and_removed_in_place(joined):
    corrected, problems = _corrected(joined, sheet="Children", cells={
        (4, 2): "Renamed CHILD", (5, 2): None, (5, 3): None, (5, 4): None, (5, 5): None, (5, 6): None,
        (5, 7): None, (6, 2): "Added CHILD", (6, 3): "3.4.19"})
    assert problems == []
    children = corrected["referral"]["children"]
    assert [c["name"] for c in children] == ["Renamed CHILD", "Added CHILD"]
    assert children[0]["dob"] == joined["referral"]["children"][0]["dob"]  # untouched cells as read
    assert children[1]["dob"] == "2019-04-03"
    _, wrong = _corrected(joined, sheet="Perpetrators", cells={(4, 4): "about 40"})
    assert [p["field"] for p in wrong] == ["referral.perpetrators.0.dob"]


def test_text_that_looks_like_a_formula_stays_text(joined):
    joined["referral"]["victim"]["contact_notes"] = '=HYPERLINK("http://example.invalid","x")'
    ws = openpyxl.load_workbook(io.BytesIO(write_review(joined, [])))["Check and correct"]
    cell = ws.cell(_row_of(ws, "referral.victim.contact_notes"), 3)
    assert cell.data_type == "s" and cell.quotePrefix


def test_typed_corrections_survive_a_rewrite(joined):
    edits = read_review(_edited(write_review(joined, []), main={"referral.victim.dob": "about 40"}))
    again = read_review(write_review(joined, [MISSING_DOB], edits=edits, note="Checked again"))
    assert again.fields == {"referral.victim.dob": "about 40"}


def test_fields_json_values_are_read_again_like_a_form(joined):
    joined["referral"]["victim"]["dob"] = "28/02/1990"
    joined["referral"]["perpetrators"][0]["dob"] = "about 40"
    out, problems = recheck(joined)
    assert out["referral"]["victim"]["dob"] == "1990-02-28" and out["referral"]["perpetrators"][0]["dob"] is None
    assert [p["field"] for p in problems] == ["referral.perpetrators.0.dob"]


def test_a_file_that_is_not_a_review_sheet_is_refused():
    with pytest.raises(NotAReviewSheet):
        read_review(b"not a workbook")
    assert isinstance(Edits({}, {}, {}).changed_people(), dict)
