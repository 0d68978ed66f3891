"""What meeting documents are built from: plain records, filled from the store by marac/meetings/pack.py.

Document builders are pure functions of these records (plus a template's bytes) to document bytes.
Only what agencies need to research their own records is here: no phone numbers, no risk narrative.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Person:
    name: str | None
    dob: dt.date | None = None
    aliases: tuple[str, ...] = ()
    address: str | None = None
    relationship: str | None = None  # perpetrator: to the victim; child: to the victim
    school: str | None = None


@dataclass(frozen=True)
class CaseEntry:
    case_number: str
    repeat: bool
    referring_agencies: tuple[str, ...]
    victim: Person
    perpetrators: tuple[Person, ...] = ()
    children: tuple[Person, ...] = ()
    previous_case: str | None = None  # for a repeat: the earlier case number
    reasons: tuple[str, ...] = ()  # "Visible high risk", "Professional judgement", ... as ticked on the forms
    dash_score: int | None = None  # the highest counted (else stated) DASH score among its referrals
    transferred_from: str | None = None  # the MARAC an inter-MARAC transfer came from, when recorded
    # Heard at this MARAC before, but 12 months or more ago (so not a repeat): its earlier case and date.
    last_heard_case: str | None = None
    last_heard: dt.date | None = None

    @property
    def twelve_months_passed(self) -> bool:
        """Listed in the agenda's "12 months have passed since their last MARAC" section, not as new."""
        return self.last_heard is not None and not self.repeat

    @property
    def has_children(self) -> bool:
        return bool(self.children)


@dataclass(frozen=True)
class Agency:
    name: str
    email: str
    representative: str | None = None
    children_agency: bool = False


@dataclass(frozen=True)
class Meeting:
    area_name: str
    date: dt.date
    time: str
    venue: str
    chair: str
    emergency: bool = False  # called for one case (`meeting add --emergency`): every paper says so


@dataclass(frozen=True)
class Action:
    action_ref: str
    case_number: str
    description: str
    agency: str
    owner: str | None
    deadline: dt.date | None
    status: str = "open"
    meeting: dt.date | None = None  # the meeting that agreed it
    victim: Person | None = None  # its case's victim; None: looked up among the pack's cases


@dataclass(frozen=True)
class MeetingPack:
    """Everything the agenda, research forms and minutes of one meeting need."""
    meeting: Meeting
    cases: tuple[CaseEntry, ...]
    agencies: tuple[Agency, ...] = ()  # ISP-signed agencies only
    incomplete_actions: tuple[Action, ...] = ()  # from earlier meetings, still not done
    expiring_cases: tuple[str, ...] = ()  # case numbers whose 12 months have passed since the last referral
    next_meeting: dt.date | None = None
    # The tracker's status drop-down: documents print a stored status ("open") as it spells it ("Open").
    statuses: tuple[str, ...] = ("Open", "In progress", "Done", "Not done", "Cancelled")
    confidentiality_statement: str = field(default=(
        "The information discussed by agencies within the MARAC is strictly confidential and must not be "
        "disclosed to third parties without the consent of the agencies that provided it, unless there is "
        "an overriding public interest. Agencies should consider the information shared, and their own "
        "records, in deciding the actions they take."))
