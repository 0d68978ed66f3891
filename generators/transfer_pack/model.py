"""What a transfer pack holds, as plain data."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PackAction:
    ref: str
    meeting: str | None
    description: str
    agency: str
    owner: str | None
    deadline: str | None
    status: str | None


@dataclass(frozen=True)
class TransferPack:
    case_number: str
    from_marac: str  # this area's MARAC, as the receiving coordinator knows it
    to_marac: str
    sent_on: dt.date
    coordinator: str | None  # whom the receiving coordinator should reply to
    referrals: tuple[dict[str, Any], ...]  # each referral as read (referral.schema.json), oldest first
    hearings: tuple[tuple[str, str | None, str], ...] = ()  # (case number, meeting date, status), newest first
    actions: tuple[PackAction, ...] = ()
    minutes: tuple[tuple[str, str, str], ...] = ()  # (meeting or file, case number, the case's section)
    agency_information: tuple[tuple[str, str, str], ...] = ()  # virtual MARAC: (meeting, agency, text)
    forms: tuple[tuple[str, bytes], ...] = field(default=())  # (file name, bytes) as the referrer sent them
