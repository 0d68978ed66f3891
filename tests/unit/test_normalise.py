"""Values as referrers write them become canonical ones; what cannot be read is refused, not guessed."""
from __future__ import annotations

import datetime as dt

import pytest

from parsers.normalise import NotUnderstood, parse_answer, parse_bool, parse_date, parse_postcode


@pytest.mark.parametrize("text", ["03/04/1988", "3/4/1988", "3 April 1988", "3rd April 1988", "03.04.1988",
                                  "1988-04-03", "03-04-1988", "3 Apr 1988", " 03/04/1988 "])
def test_uk_dates_in_any_common_spelling_are_day_first(text):
    assert parse_date(text) == dt.date(1988, 4, 3)


@pytest.mark.parametrize("text", ["31/02/1988", "April 1988", "03/04/88", "next Tuesday", "1988", "12/13/1988"])
def test_a_date_that_cannot_be_read_is_refused(text):
    with pytest.raises(NotUnderstood):
        parse_date(text)


def test_postcodes_are_upper_case_with_the_space():
    assert parse_postcode("ex11aa") == "EX1 1AA"
    assert parse_postcode("sw1a  2aa") == "SW1A 2AA"
    with pytest.raises(NotUnderstood):
        parse_postcode("not a postcode")


@pytest.mark.parametrize("text,expected", [("Yes", True), ("y", True), ("X", True), ("☒", True), ("✔", True),
                                           ("No", False), ("☐", False), ("N", False), ("Don't know", None)])
def test_ticks_and_words_become_booleans(text, expected):
    assert parse_bool(text) is expected


def test_dash_answers():
    assert [parse_answer(v) for v in ("Yes", "No", "DK", "Don’t know", "", True)] == [
        "yes", "no", "unknown", "unknown", None, "yes"]


def test_yes_no_answered_by_deleting_the_other_word_is_the_word_left() -> None:
    # "Yes / No (delete as appropriate)" with one word deleted, or the printed "Y/N" hint typed before the answer
    assert parse_bool("Yes / (delete as appropriate)") is True
    assert parse_bool("/ No   (delete as appropriate)") is False
    assert parse_bool("Y/N/Not known Y") is True
    assert parse_bool("Y/N N") is False
    with pytest.raises(NotUnderstood):
        parse_bool("Y / N")  # neither deleted: no answer
