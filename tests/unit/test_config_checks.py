"""The rules behind check-config: webmail and over-broad secure domains, Information Sharing Protocol
dates, and meeting rules that give no meeting (checked against the calendar itself)."""
from __future__ import annotations

import datetime as dt

import pytest

from marac.config import Meetings, config_findings, findings, load
from marac.config_checks import MeetingRule, Party, isp_findings, meeting_findings, secure_domain_findings
from marac.referral import meeting_dates

from tests.conftest import write_config

TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize("domain", ["gmail.com", "hotmail.co.uk", "proton.me", "btinternet.com", "com", "co.uk",
                                    "org.uk", "uk", "mail.yahoo.com"])
def test_a_secure_domain_anyone_can_get_an_address_on_stops_the_service(domain):
    assert len(secure_domain_findings([domain]).unsafe) == 1


@pytest.mark.parametrize("domain", ["gov.uk", "police.uk", "nhs.net", "cjsm.net", "exampleshire.gov.uk"])
def test_public_sector_secure_domains_pass(domain):
    assert secure_domain_findings([domain]).unsafe == []


def _isp(signed: dt.date | None, expires: dt.date | None = None):
    return isp_findings(Party("Exampleshire Housing", "marac@housing.exampleshire.gov.uk", (), signed, expires),
                        TODAY)


def test_isp_rules():
    assert _isp(dt.date(2025, 4, 1)).errors == _isp(dt.date(2025, 4, 1)).warnings == []
    assert _isp(dt.date(2027, 4, 1)).errors == [
        "the ISP date of agency 'Exampleshire Housing' is 2027-04-01, which is in the future; write the day it was "
        "signed (dates are written like 2025-12-13)"]
    assert _isp(dt.date(2025, 4, 1), dt.date(2025, 3, 31)).errors == [
        "the ISP of agency 'Exampleshire Housing' expires on 2025-03-31, before it was signed on 2025-04-01; check "
        "both dates"]
    # A lapsed ISP is a fact to chase, not a typo: a warning, and the agency is sent nothing meanwhile.
    expired = _isp(dt.date(2024, 1, 10), dt.date(2026, 1, 9))
    assert expired.errors == [] and expired.warnings == [
        "the ISP of agency 'Exampleshire Housing' expired on 2026-01-09, so it will not be sent meeting documents "
        "until a renewed ISP's dates are entered"]
    assert _isp(dt.date(2024, 1, 10), dt.date(2026, 12, 20)).warnings == [
        "the ISP of agency 'Exampleshire Housing' expires on 2026-12-20, in 20 day(s); after that it will not be "
        "sent meeting documents"]
    assert _isp(dt.date(2023, 11, 29)).warnings == [
        "the ISP of agency 'Exampleshire Housing' was signed on 2023-11-29, more than 3 years ago, and has no "
        "expiry date (isp_expires); check it is still in force"]
    assert _isp(dt.date(2023, 12, 1)).warnings == []
    assert _isp(None).warnings == ["agency 'Exampleshire Housing' has no Information Sharing Protocol date "
                                   "(isp_signed), so it will not be sent meeting documents"]


def test_the_idva_without_an_isp_is_a_warning_and_existing_configs_still_load(tmp_path):
    path = write_config(tmp_path, {"isp_signed = 2025-04-01\n# isp_expires": "# isp_expires"})
    config = load(path)
    errors, warnings = config_findings(config)
    assert errors == [] and warnings == [
        "the IDVA service 'Exampleshire IDVA service' has no Information Sharing Protocol date (isp_signed), so it "
        "will not be sent the agenda and research forms"]


RULES = [
    Meetings(frequency="dates", dates=[dt.date(2026, 1, 13), dt.date(2026, 11, 10)]),
    Meetings(frequency="dates", dates=[dt.date(2026, 12, 25)], on_bank_holiday="skip"),
    Meetings(frequency="dates", dates=[dt.date(2026, 12, 25)]),
    Meetings(frequency="dates", dates=[dt.date(2027, 3, 9)]),
    Meetings(frequency="weekly", weekday="Monday", first_date=dt.date(2026, 12, 8)),
    Meetings(frequency="weekly", first_date=dt.date(2026, 12, 8)),
    Meetings(frequency="fortnightly", weekday="Thursday", first_date=dt.date(2026, 12, 3)),
    Meetings(frequency="monthly", week_of_month="last", weekday="Friday", on_bank_holiday="skip"),
]


@pytest.mark.parametrize("settings", RULES, ids=range(len(RULES)))
def test_a_meeting_rule_is_refused_exactly_when_the_calendar_finds_no_meeting(settings):
    rule = MeetingRule(settings.frequency, settings.weekday, "weekday" in settings.model_fields_set,
                       settings.first_date, tuple(settings.dates), settings.on_bank_holiday == "skip")
    refused = bool(meeting_findings(rule, TODAY).errors)
    try:
        meeting_dates.next_meeting(settings.model_copy(update={"cutoff_working_days": 0}), TODAY)
        found = True
    except ValueError:
        found = False
    assert refused == (not found)


def test_dates_running_out_and_a_weekend_date_are_warnings():
    rule = MeetingRule("dates", "Tuesday", False, None, (dt.date(2026, 12, 12),), False)
    assert meeting_findings(rule, TODAY).warnings == [
        "the meeting date 2026-12-12 in [meetings] dates is a Saturday",
        "the last date in [meetings] dates is Saturday 12 December 2026; add the dates after it before then"]


def test_the_example_configuration_has_no_findings(tmp_path):
    found = findings(load(write_config(tmp_path)), TODAY)
    assert (found.unsafe, found.errors, found.warnings) == ([], [], [])


def test_two_agencies_with_one_name(tmp_path):
    config = load(write_config(tmp_path, {'name = "Exampleshire Housing"': 'name = "Exampleshire Police"'}))
    assert findings(config, TODAY).errors == [
        "two agencies are both called 'Exampleshire Police'; give each its own name, or list the agency once"]


def test_papers_going_out_before_the_cut_off_are_a_warning(tmp_path):
    path = write_config(tmp_path, {"cutoff_working_days = 5": "cutoff_working_days = 2\ncirculate_working_days = 3"})
    warnings = findings(load(path)).warnings
    assert any("go out 3 working days before each meeting" in w and "until 2 working days" in w for w in warnings)
