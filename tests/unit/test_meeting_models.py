"""Meeting models as a coordinator reads them off the diary: a daily MARAC that sits Monday to Thursday
over Christmas 2026 (Christmas Day on the Friday, Boxing Day observed on Monday 28 December, New Year's
Day on the Friday), and every existing configuration meaning what it meant before."""
from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from marac.config import Meetings
from marac.referral.meeting_dates import (
    circulation_day,
    cutoff,
    hearing_delay_warning,
    meeting_dates,
    next_meeting,
    working_days_after,
)

# "The list of cases is sent to representatives two days before"; referrals close the day before that.
DAILY = Meetings(frequency="daily", weekdays=["Monday", "Tuesday", "Wednesday", "Thursday"],
                 cutoff_working_days=3, circulate_working_days=2)


def test_a_daily_marac_sits_on_its_weekdays_and_never_on_a_bank_holiday():
    assert meeting_dates(DAILY, date(2026, 12, 21), date(2027, 1, 5)) == [
        date(2026, 12, 21), date(2026, 12, 22), date(2026, 12, 23), date(2026, 12, 24),
        date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 4), date(2027, 1, 5)]
    # Every working day unless told otherwise; a bank holiday is not moved onto the next sitting day.
    every_day = Meetings(frequency="daily", on_bank_holiday="next_working_day")
    assert meeting_dates(every_day, date(2026, 12, 24), date(2027, 1, 4)) == [
        date(2026, 12, 24), date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 4)]


@pytest.mark.parametrize(("received", "heard"), [
    (date(2026, 12, 18), date(2026, 12, 23)),  # Friday: three working days before Wednesday
    (date(2026, 12, 21), date(2026, 12, 24)),
    (date(2026, 12, 22), date(2026, 12, 29)),  # Christmas and the Boxing Day holiday are not counted
    (date(2026, 12, 23), date(2026, 12, 30)),
    (date(2026, 12, 24), date(2026, 12, 31)),
    (date(2026, 12, 25), date(2027, 1, 4)),  # arrived on Christmas Day
    (date(2026, 12, 28), date(2027, 1, 4)),
    (date(2026, 12, 29), date(2027, 1, 4)),  # New Year's Day is not a working day either
])
def test_which_day_each_referral_is_heard(received, heard):
    assert next_meeting(DAILY, received) == heard
    assert hearing_delay_warning(DAILY, received, heard) is None


@pytest.mark.parametrize(("meeting", "closes", "list_goes"), [
    (date(2026, 12, 24), date(2026, 12, 21), date(2026, 12, 22)),
    (date(2026, 12, 29), date(2026, 12, 22), date(2026, 12, 23)),
    (date(2026, 12, 30), date(2026, 12, 23), date(2026, 12, 24)),
    (date(2026, 12, 31), date(2026, 12, 24), date(2026, 12, 29)),
    (date(2027, 1, 4), date(2026, 12, 29), date(2026, 12, 30)),
])
def test_when_each_list_closes_and_goes_out(meeting, closes, list_goes):
    assert cutoff(DAILY, meeting) == closes
    assert circulation_day(DAILY, meeting, documents_lead=5) == list_goes  # [meetings] overrides [documents]


def test_an_existing_configuration_keeps_its_meaning():
    monthly = Meetings()
    assert (monthly.frequency, monthly.model, monthly.circulate_working_days) == ("monthly", "meeting", None)
    # Papers go out [documents] circulate_working_days before, as they always did.
    assert circulation_day(monthly, date(2026, 12, 8), documents_lead=2) == date(2026, 12, 4)
    assert meeting_dates(monthly, date(2026, 12, 1), date(2027, 1, 31)) == [date(2026, 12, 8), date(2027, 1, 12)]


def test_weekdays_belong_to_a_daily_marac_only():
    with pytest.raises(ValidationError, match="'weekdays' is for a daily MARAC"):
        Meetings(frequency="monthly", weekdays=["Monday"])
    with pytest.raises(ValidationError):
        Meetings(frequency="daily", weekdays=["Saturday"])


def test_minutes_are_due_three_working_days_after_the_meeting():
    assert Meetings().minutes_working_days == 3
    assert working_days_after(date(2026, 12, 23), 3) == date(2026, 12, 30)  # over both Christmas holidays
    assert working_days_after(date(2026, 12, 8), 3) == date(2026, 12, 11)


def _document() -> bytes:
    import datetime as dt

    from generators.documents.model import Agency, CaseEntry, Meeting, Person
    from generators.updates.render import render_updates
    from tests.conftest import ROOT
    template = (ROOT / "templates" / "information-and-updates.docx").read_bytes()
    meeting = Meeting("Exampleshire MARAC", dt.date(2027, 6, 8), "10:00", "none", "none")
    case = CaseEntry("EXM-2026-0009", False, ("Exampleshire Police",), Person("Sam TESTCASE", dt.date(1990, 2, 28)))
    return render_updates(template, meeting, case, [Agency("Exampleshire Police", "p@x"),
                                                    Agency("Exampleshire Health", "h@x")])


def test_a_virtual_marac_document_is_read_back_by_its_labels():
    import io

    from docx import Document

    from generators.updates.read import is_updates, read_updates
    from tests.conftest import ROOT
    doc = Document(io.BytesIO(_document()))
    assert "Sam TESTCASE" in "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    police, police_actions = doc.tables[1], doc.tables[2]
    police.rows[2].cells[1].text = "Known to us.\nTwo call-outs."
    police_actions.rows[2].cells[0].text = "Flag the address"  # a row left blank above it is skipped
    police_actions.rows[2].cells[2].text = "15/06/2027"
    out = io.BytesIO()
    doc.save(out)
    read = read_updates(out.getvalue())
    assert (read.case_number, read.due, read.problems) == ("EXM-2026-0009", date(2027, 6, 8), [])
    assert [(s.agency, s.information, [(a.action, a.owner, a.deadline) for a in s.actions])
            for s in read.sections] == [("Exampleshire Police", "Known to us.\nTwo call-outs.",
                                         [("Flag the address", "", "15/06/2027")]),
                                        ("Exampleshire Health", "", [])]
    assert is_updates(out.getvalue())
    assert not is_updates((ROOT / "templates" / "minutes.docx").read_bytes())
