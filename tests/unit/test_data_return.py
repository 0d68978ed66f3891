"""Issue 16, the pure parts: periods, the facts read from one referral (unknown is never 'no'), spreads,
the agency kinds, and the steering group's small counts."""
from __future__ import annotations

import datetime as dt

import pytest

from generators.data_return.pdf import shown
from marac.config import load
from marac.reports.facts import agency_type, children_in_household, referral_facts
from marac.reports.figures import spread, weeks_bands
from marac.reports.period import parse_quarter, parse_year, quarter_before
from tests.conftest import LOCAL_CONFIG, write_config


def test_periods_as_people_write_them():
    q3 = parse_quarter("2026Q3")
    assert (q3.start, q3.end, q3.months, q3.key) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30), 3, "2026Q3")
    assert parse_quarter("2026q4").end == dt.date(2026, 12, 31) and parse_quarter("2027-Q1").start == dt.date(2027, 1, 1)
    assert q3.label == "2026 Q3 (July to September)"
    year = parse_year("2026")
    assert (year.start, year.end, year.months) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31), 12)
    for wrong in ("2026Q5", "Q3 2026", "26Q1"):
        with pytest.raises(ValueError):
            parse_quarter(wrong)
    with pytest.raises(ValueError):
        parse_year("twenty")
    assert quarter_before(dt.date(2026, 10, 1)).key == "2026Q3"
    assert quarter_before(dt.date(2027, 2, 14)).key == "2026Q4"


def test_a_fact_not_on_the_form_is_unknown_never_no():
    on = dt.date(2026, 7, 1)
    nothing = referral_facts({"referral": {"victim": {}, "perpetrators": [{}]}}, on)
    assert nothing == dict.fromkeys(("bme", "lgbt", "disabled", "male", "aged_16_17", "young_abuser"))
    said = referral_facts({"referral": {"victim": {"bme": False, "lgbt": True, "disabled": False, "gender": " male ",
                                                   "dob": "2009-07-02"},
                                        "perpetrators": [{"dob": "1990-01-01"}, {"age": 17}]}}, on)
    assert said == {"bme": False, "lgbt": True, "disabled": False, "male": True, "aged_16_17": True,
                    "young_abuser": True}
    # Age as stated when there is no date of birth; one abuser's age not known and none young: unknown.
    aged = referral_facts({"referral": {"victim": {"age": 18, "gender": "Female"},
                                        "perpetrators": [{"dob": "1990-01-01"}, {}]}}, on)
    assert (aged["aged_16_17"], aged["male"], aged["young_abuser"]) == (False, False, None)
    # The day before the 18th birthday the victim is still 17.
    assert referral_facts({"referral": {"victim": {"dob": "2008-07-02"}}}, on)["aged_16_17"] is True


def test_children_in_the_household():
    kids = [{"name": "A"}, {"name": "B", "lives_with_victim": True}, {"name": "C", "lives_with_victim": False}]
    assert children_in_household({"referral": {"children": kids}}) == 2
    assert children_in_household({}) == 0


def test_agency_kinds_are_matched_by_name_as_people_type_it(tmp_path):
    config = load(write_config(tmp_path, {'name = "Exampleshire Housing"\ntype = "housing"\n':
                                          'name = "Exampleshire Housing"\n'}))
    assert agency_type(config, "  exampleshire   POLICE ") == "police"
    assert agency_type(config, "Exampleshire Housing") == "other"  # configured, no type given: the default
    assert agency_type(config, "Exampleshire IDVA service") == "idva"
    assert agency_type(config, "Nobody We Know") is None and agency_type(config, None) is None


def test_a_misspelt_agency_type_is_one_plain_sentence(tmp_path):
    from marac.config import ConfigError
    path = write_config(tmp_path, {'type = "police"\n': 'type = "polis"\n'})
    with pytest.raises(ConfigError) as caught:
        load(path)
    assert any("type" in p and "police" in p for p in caught.value.problems), caught.value.problems


def test_report_settings_default_to_the_published_figures():
    report = load(LOCAL_CONFIG).report
    assert (report.national_cases, report.national_children, report.national_per_10k) == (119_985, 148_270, 47.0)
    assert (report.national_repeat_percent, report.national_non_police_percent) == (31.0, 36.1)
    assert (report.recommended_per_10k, report.small_count) == (40.0, 5)


def test_spreads_and_weeks():
    assert spread("x", "days", []).median is None
    s = spread("x", "days", [13, 14, 15, 20, 21, 22])
    assert (s.count, s.median, s.p95) == (6, 17.5, 22)
    assert spread("x", "h", range(1, 101)).p95 == 95  # nearest rank, no value invented
    assert weeks_bands([0, 14, 15, 28, 29, 43, 57]) == [("Up to 2 weeks", 2), ("2 to 4 weeks", 2),
                                                        ("4 to 6 weeks", 1), ("6 to 8 weeks", 1), ("Over 8 weeks", 1)]


def test_small_counts_are_not_shown_exactly():
    assert [shown(n, 5) for n in (0, 1, 4, 5, 1234)] == ["0", "fewer than 5", "fewer than 5", "5", "1,234"]
