"""The meeting calendar: dates a coordinator would check against a diary, with real England and Wales
bank holidays (each one confirmed from the holidays package, not assumed)."""
from __future__ import annotations

from datetime import date, datetime

import holidays
import pytest

from marac.referral.meeting_dates import (cutoff, hearing_delay_warning, is_working_day, meeting_dates, next_meeting,
                            working_days_before)
from marac.config import Meetings

BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG", years=[2026, 2027])

CHRISTMAS_2026 = date(2026, 12, 25)  # Friday
BOXING_DAY_SUBSTITUTE_2026 = date(2026, 12, 28)  # Monday (26 December is a Saturday)
NEW_YEAR_2027 = date(2027, 1, 1)  # Friday
GOOD_FRIDAY_2027 = date(2027, 3, 26)
EASTER_MONDAY_2027 = date(2027, 3, 29)
EARLY_MAY_2027 = date(2027, 5, 3)  # Monday


def test_the_bank_holidays_these_tests_rely_on_are_real():
    for day in (CHRISTMAS_2026, BOXING_DAY_SUBSTITUTE_2026, NEW_YEAR_2027, GOOD_FRIDAY_2027,
                EASTER_MONDAY_2027, EARLY_MAY_2027):
        assert day in BANK_HOLIDAYS, day
        assert not is_working_day(day)
    for day in (date(2026, 12, 24), date(2026, 12, 29), date(2026, 12, 31), date(2027, 3, 25),
                date(2027, 3, 30), date(2027, 5, 4)):
        assert day not in BANK_HOLIDAYS and day.weekday() < 5
        assert is_working_day(day)
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 11, 29))  # Sunday


def test_monthly_second_tuesday():
    settings = Meetings(frequency="monthly", weekday="Tuesday", week_of_month=2)
    assert meeting_dates(settings, date(2026, 11, 22), date(2027, 5, 31)) == [
        date(2026, 12, 8), date(2027, 1, 12), date(2027, 2, 9), date(2027, 3, 9), date(2027, 4, 13),
        date(2027, 5, 11)]
    # November's meeting (10 November) is before the window.
    assert meeting_dates(settings, date(2026, 11, 22), date(2026, 12, 7)) == []


def test_last_friday_moves_off_christmas_and_good_friday():
    settings = Meetings(frequency="monthly", weekday="Friday", week_of_month="last")
    # 25 Dec 2026 -> Tuesday 29 Dec (28th is the Boxing Day substitute);
    # Good Friday 26 Mar 2027 -> Tuesday 30 Mar (29th is Easter Monday).
    assert meeting_dates(settings, date(2026, 11, 1), date(2027, 4, 30)) == [
        date(2026, 11, 27), date(2026, 12, 29), date(2027, 1, 29), date(2027, 2, 26), date(2027, 3, 30),
        date(2027, 4, 30)]
    # The window is about the day the meeting is actually held.
    assert meeting_dates(settings, date(2026, 12, 26), date(2026, 12, 31)) == [date(2026, 12, 29)]
    assert meeting_dates(settings, date(2026, 12, 1), date(2026, 12, 28)) == []


def test_last_friday_on_a_bank_holiday_can_be_skipped():
    settings = Meetings(frequency="monthly", weekday="Friday", week_of_month="last", on_bank_holiday="skip")
    assert meeting_dates(settings, date(2026, 11, 1), date(2027, 4, 30)) == [
        date(2026, 11, 27), date(2027, 1, 29), date(2027, 2, 26), date(2027, 4, 30)]


def test_weekly_keeps_the_day_of_first_date_in_both_directions():
    settings = Meetings(frequency="weekly", weekday="Monday", first_date=date(2026, 12, 7))
    assert meeting_dates(settings, date(2026, 11, 22), date(2026, 12, 7)) == [
        date(2026, 11, 23), date(2026, 11, 30), date(2026, 12, 7)]
    # Monday 28 Dec (Boxing Day substitute) is held on Tuesday 29 Dec.
    assert meeting_dates(settings, date(2026, 12, 14), date(2027, 1, 11)) == [
        date(2026, 12, 14), date(2026, 12, 21), date(2026, 12, 29), date(2027, 1, 4), date(2027, 1, 11)]
    # Easter Monday and the Early May bank holiday move to the Tuesday.
    assert meeting_dates(settings, date(2027, 3, 22), date(2027, 5, 10)) == [
        date(2027, 3, 22), date(2027, 3, 30), date(2027, 4, 5), date(2027, 4, 12), date(2027, 4, 19),
        date(2027, 4, 26), date(2027, 5, 4), date(2027, 5, 10)]


def test_weekly_bank_holiday_skipped():
    settings = Meetings(frequency="weekly", weekday="Monday", first_date=date(2026, 12, 7),
                        on_bank_holiday="skip")
    assert meeting_dates(settings, date(2026, 12, 14), date(2027, 1, 11)) == [
        date(2026, 12, 14), date(2026, 12, 21), date(2027, 1, 4), date(2027, 1, 11)]


def test_fortnightly_keeps_the_phase_of_first_date_before_and_after_it():
    settings = Meetings(frequency="fortnightly", weekday="Thursday", first_date=date(2026, 12, 3))
    assert meeting_dates(settings, date(2026, 11, 1), date(2027, 1, 31)) == [
        date(2026, 11, 5), date(2026, 11, 19), date(2026, 12, 3), date(2026, 12, 17), date(2026, 12, 31),
        date(2027, 1, 14), date(2027, 1, 28)]
    # Not the "other" Thursdays.
    assert date(2026, 12, 10) not in meeting_dates(settings, date(2026, 12, 1), date(2026, 12, 31))


def test_first_date_on_another_day_than_the_configured_weekday_is_refused():
    settings = Meetings(frequency="weekly", weekday="Monday", first_date=date(2026, 12, 8))  # a Tuesday
    with pytest.raises(ValueError, match="Tuesday 8 December 2026 is not a Monday"):
        meeting_dates(settings, date(2026, 12, 1), date(2026, 12, 31))


def test_explicit_dates_in_order_with_a_bank_holiday_moved():
    settings = Meetings(frequency="dates", dates=[date(2027, 5, 3), date(2026, 12, 8), date(2027, 1, 12)])
    assert meeting_dates(settings, date(2026, 11, 22), date(2027, 12, 31)) == [
        date(2026, 12, 8), date(2027, 1, 12), date(2027, 5, 4)]


def test_working_days_before_counts_only_working_days():
    assert working_days_before(date(2026, 12, 8), 5) == date(2026, 12, 1)
    assert working_days_before(date(2026, 12, 8), 0) == date(2026, 12, 8)
    # Back over New Year's Day, the weekend, the Boxing Day substitute, Christmas Day.
    assert working_days_before(date(2027, 1, 5), 5) == date(2026, 12, 24)
    with pytest.raises(ValueError):
        working_days_before(date(2026, 12, 8), -1)


def test_referral_on_the_cutoff_day_makes_the_meeting_and_the_next_day_does_not():
    settings = Meetings(frequency="monthly", weekday="Tuesday", week_of_month=2, cutoff_working_days=5)
    assert cutoff(settings, date(2026, 12, 8)) == date(2026, 12, 1)
    assert next_meeting(settings, date(2026, 12, 1)) == date(2026, 12, 8)
    assert next_meeting(settings, date(2026, 12, 2)) == date(2027, 1, 12)
    assert next_meeting(settings, date(2026, 11, 22)) == date(2026, 12, 8)  # today
    # Arriving on the meeting day itself, or on a Saturday after the cut-off.
    assert next_meeting(settings, date(2026, 12, 8)) == date(2027, 1, 12)
    assert next_meeting(settings, date(2026, 12, 5)) == date(2027, 1, 12)


def test_cutoff_skips_christmas_new_year_and_easter():
    settings = Meetings(frequency="monthly", weekday="Tuesday", week_of_month=1, cutoff_working_days=5)
    # Tuesday 5 Jan 2027: Mon 4 Jan, Thu 31, Wed 30, Tue 29 Dec, then (past 1 Jan, 28, 25 Dec and two
    # weekends) Thursday 24 Dec.
    assert cutoff(settings, date(2027, 1, 5)) == date(2026, 12, 24)
    assert next_meeting(settings, date(2026, 12, 24)) == date(2027, 1, 5)
    assert next_meeting(settings, date(2026, 12, 25)) == date(2027, 2, 2)
    # Tuesday 6 Apr 2027: Mon 5, Fri 2, Thu 1 Apr, Wed 31, Tue 30 Mar (Easter is just outside).
    assert cutoff(settings, date(2027, 4, 6)) == date(2027, 3, 30)
    thursday = Meetings(frequency="monthly", weekday="Thursday", week_of_month=1, cutoff_working_days=5)
    # Thursday 1 Apr 2027: Wed 31, Tue 30 Mar, (Easter Monday, weekend, Good Friday) Thu 25, Wed 24, Tue 23.
    assert cutoff(thursday, date(2027, 4, 1)) == date(2027, 3, 23)
    assert next_meeting(thursday, date(2027, 3, 23)) == date(2027, 4, 1)
    # The next is Thursday 6 May, cut-off Wed 28 Apr (Wed 5, Tue 4, Early May Monday skipped, Fri 30, ...).
    assert cutoff(thursday, date(2027, 5, 6)) == date(2027, 4, 28)
    assert next_meeting(thursday, date(2027, 3, 24)) == date(2027, 5, 6)


def test_next_meeting_uses_the_moved_meeting_and_its_own_cutoff():
    settings = Meetings(frequency="monthly", weekday="Friday", week_of_month="last", cutoff_working_days=3)
    # Held Tuesday 29 Dec 2026; 3 working days before: Thu 24, Wed 23, Tue 22 Dec.
    assert cutoff(settings, date(2026, 12, 29)) == date(2026, 12, 22)
    assert next_meeting(settings, date(2026, 12, 22)) == date(2026, 12, 29)
    assert next_meeting(settings, date(2026, 12, 23)) == date(2027, 1, 29)


def test_four_week_warning_for_a_fortnightly_marac():
    skip = Meetings(frequency="fortnightly", weekday="Monday", first_date=date(2026, 12, 14),
                    on_bank_holiday="skip")
    # Misses the 14 Dec cut-off (Mon 7 Dec); 28 Dec is skipped, so it waits until 11 Jan: 34 days.
    meeting = next_meeting(skip, date(2026, 12, 8))
    assert meeting == date(2027, 1, 11)
    warning = hearing_delay_warning(skip, date(2026, 12, 8), meeting)
    assert warning == ("The referral received on Tuesday 8 December 2026 will be heard on Monday 11 January "
                       "2027, 4 weeks 6 days later; a fortnightly MARAC should hear cases within 4 weeks "
                       "of referral.")
    moved = Meetings(frequency="fortnightly", weekday="Monday", first_date=date(2026, 12, 14))
    assert next_meeting(moved, date(2026, 12, 8)) == date(2026, 12, 29)
    assert hearing_delay_warning(moved, date(2026, 12, 8), date(2026, 12, 29)) is None


def test_four_week_limit_for_weekly_is_28_days():
    weekly = Meetings(frequency="weekly", weekday="Tuesday", first_date=date(2026, 12, 1))
    assert hearing_delay_warning(weekly, date(2026, 12, 1), date(2026, 12, 29)) is None
    assert "4 weeks 1 day later" in hearing_delay_warning(weekly, date(2026, 12, 1), date(2026, 12, 30))


def test_six_week_warning_for_a_monthly_marac():
    skip = Meetings(frequency="monthly", weekday="Friday", week_of_month="last", on_bank_holiday="skip")
    # Misses Friday 27 Nov (cut-off Fri 20 Nov); Christmas Day's meeting is skipped: 29 Jan 2027.
    assert next_meeting(skip, date(2026, 11, 23)) == date(2027, 1, 29)
    warning = hearing_delay_warning(skip, date(2026, 11, 23), date(2027, 1, 29))
    assert warning is not None
    assert "9 weeks 4 days later" in warning and "monthly MARAC should hear cases within 6 weeks" in warning
    second_tuesday = Meetings(frequency="monthly", weekday="Tuesday", week_of_month=2)
    # 2 Dec 2026 -> 12 Jan 2027 is 41 days: in time. 42 days is still in time, 43 is not.
    assert hearing_delay_warning(second_tuesday, date(2026, 12, 2), date(2027, 1, 12)) is None
    assert hearing_delay_warning(second_tuesday, date(2026, 12, 1), date(2027, 1, 12)) is None
    assert hearing_delay_warning(second_tuesday, date(2026, 11, 30), date(2027, 1, 12)) is not None


def test_explicit_dates_use_six_weeks_and_running_out_is_a_plain_error():
    settings = Meetings(frequency="dates", dates=[date(2026, 12, 8), date(2027, 1, 12)])
    assert next_meeting(settings, date(2026, 12, 2)) == date(2027, 1, 12)
    assert hearing_delay_warning(settings, date(2026, 12, 1), date(2027, 1, 12)) is None
    assert "a MARAC with set dates should hear cases within 6 weeks" in hearing_delay_warning(
        settings, date(2026, 11, 30), date(2027, 1, 12))
    # The 12 Jan cut-off is Tuesday 5 Jan; after it the list has run out.
    assert next_meeting(settings, date(2027, 1, 5)) == date(2027, 1, 12)
    with pytest.raises(ValueError) as raised:
        next_meeting(settings, date(2027, 1, 6))
    assert str(raised.value) == ("No meeting date in the configuration has a referral cut-off on or after "
                                 "Wednesday 6 January 2027: add the next meeting dates to [meetings] dates.")


def test_a_timestamp_is_refused_so_the_london_date_is_chosen_by_the_caller():
    settings = Meetings()
    with pytest.raises(TypeError):
        next_meeting(settings, datetime(2026, 12, 1, 23, 30))
