"""The `[report]` settings (the SafeLives data return and the steering group's figures) and the kinds of
agency the return counts referrals by.

The national figures and recommended levels default to SafeLives' published ones (year to 30 September
2024); an area updates them here when SafeLives publishes new ones, without a release.
"""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from intake.settings import Strict

# The agency kinds of the SafeLives return, in its column order. An agency not typed is "other".
AGENCY_TYPES: tuple[str, ...] = ("police", "idva", "health", "childrens_social_care", "adult_social_care",
                                 "housing", "probation", "education", "substance_misuse", "voluntary", "other")
AgencyType = Literal["police", "idva", "health", "childrens_social_care", "adult_social_care", "housing",
                     "probation", "education", "substance_misuse", "voluntary", "other"]


class Report(Strict):
    # The area's women aged 16 and over (ONS mid-year estimate): without it the rate is not worked out.
    adult_female_population: int | None = Field(default=None, gt=0)
    # In the steering group's PDF a count below this is shown as "fewer than N", so no one is recognisable.
    small_count: int = Field(default=5, ge=1, le=50)
    recommended_per_10k: float = Field(default=40.0, gt=0)  # cases a year per 10,000 adult women
    national_period: str = "year to 30 September 2024"
    national_cases: int = Field(default=119_985, ge=0)
    national_children: int = Field(default=148_270, ge=0)
    national_per_10k: float = Field(default=47.0, ge=0)
    national_repeat_percent: float = Field(default=31.0, ge=0, le=100)
    national_non_police_percent: float = Field(default=36.1, ge=0, le=100)
    # The daemon writes the quarter's return once the quarter has ended and mails it to the coordinator.
    quarterly_to_coordinator: bool = True
