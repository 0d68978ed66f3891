"""When the MARAC sits, and how: the `[meetings]` section.

Areas differ in kind, not only in weekday, and each difference is a setting here, never a branch per
area: a daily MARAC that sits every working day (or only some weekdays) by conference call, with its
list sent two working days before; a weekly, fortnightly or monthly meeting; a list of dates; and a
virtual MARAC (Norfolk's model since 2022) that holds no meeting at all but collects each agency's
information and actions in a written document per case, due on the case's date.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from intake.settings import Strict as _Strict

Weekday = Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
WORKING_WEEK: list[Weekday] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


class Meetings(_Strict):
    """When the MARAC meets. Monthly meetings are 'the Nth <weekday> of the month' (or the last)."""
    frequency: Literal["daily", "weekly", "fortnightly", "monthly", "dates"] = "monthly"
    weekday: Weekday = "Tuesday"
    # daily: the weekdays it sits; bank holidays are never sitting days (a daily MARAC does not move).
    weekdays: list[Weekday] = Field(default_factory=lambda: list(WORKING_WEEK), min_length=1)
    week_of_month: int | Literal["last"] = 2
    first_date: dt.date | None = None  # weekly/fortnightly: a date the cycle runs through
    dates: list[dt.date] = Field(default_factory=list)  # frequency = "dates": the explicit list
    time: str = "10:00"
    venue: str = "To be confirmed"
    chair: str = "To be confirmed"
    cutoff_working_days: int = Field(default=5, ge=0, le=30)
    # When the list (agenda and research forms, or a virtual MARAC's documents) goes out, in working days
    # before the meeting; not set: [documents] circulate_working_days, as before this setting existed.
    circulate_working_days: int | None = Field(default=None, ge=0, le=20)
    on_bank_holiday: Literal["next_working_day", "skip"] = "next_working_day"
    # "virtual": no meeting; each case's "information and updates" document is completed by its date.
    model: Literal["meeting", "virtual"] = "meeting"
    # The minutes should go out within this many working days of the meeting; the coordinator is
    # reminded once when they have not.
    minutes_working_days: int = Field(default=3, ge=1, le=20)

    @model_validator(mode="after")
    def _complete(self) -> Meetings:
        if self.frequency in ("weekly", "fortnightly") and self.first_date is None:
            raise ValueError(f"a {self.frequency} MARAC needs 'first_date', a date the cycle runs through")
        if self.frequency == "dates" and not self.dates:
            raise ValueError("frequency = \"dates\" needs the list of meeting 'dates'")
        if isinstance(self.week_of_month, int) and not 1 <= self.week_of_month <= 4:
            raise ValueError("'week_of_month' must be 1 to 4, or \"last\"")
        if "weekdays" in self.model_fields_set and self.frequency != "daily":
            raise ValueError("'weekdays' is for a daily MARAC (frequency = \"daily\"); "
                             "a weekly, fortnightly or monthly one takes 'weekday'")
        return self

    def lead(self, documents_default: int) -> int:
        """Working days before the meeting that its papers go out."""
        return documents_default if self.circulate_working_days is None else self.circulate_working_days
