"""Everything one meeting's documents need, read from the store and the configuration.

Only listed (or already heard) cases appear: a case still on the coordinator's desk is not circulated
until it has been checked. Only agencies whose Information Sharing Protocol is signed and in date on
the meeting day are in the pack; the others are reported so the coordinator can chase them.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta

from generators.documents.model import Action, Agency, CaseEntry, Meeting, MeetingPack, Person
from marac.config import Agency as AgencySettings
from marac.config import Config
from marac.store import actions, meetings
from marac.store import cases as case_store


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _person(data: dict[str, Any], relationship: str | None = None) -> Person:
    return Person(name=data.get("name"), dob=_date(data.get("dob")), aliases=tuple(data.get("aliases") or ()),
                  address=data.get("address"), relationship=relationship, school=data.get("school"))


def _case_entry(conn: sqlite3.Connection, case: sqlite3.Row) -> CaseEntry:
    referrals = case_store.referrals_of(conn, case["id"])
    forms = [json.loads(r["parsed"]).get("referral") or {} for r in referrals]
    first = forms[0] if forms else {}
    victim = dict(first.get("victim") or {})
    # Later referrals may add what the first one lacked (an alias, an address); never overwrite.
    for form in forms[1:]:
        for key, value in (form.get("victim") or {}).items():
            if victim.get(key) in (None, "", []):
                victim[key] = value
    perpetrators = [_person(p, p.get("relationship_to_victim")) for p in first.get("perpetrators") or []]
    seen_children: set[tuple[str | None, str | None]] = set()
    children = []
    for form in forms:
        for child in form.get("children") or []:
            key = ((child.get("name") or "").lower() or None, child.get("dob"))
            if key not in seen_children:
                seen_children.add(key)
                children.append(_person(child, child.get("relationship_to_victim")))
    previous = None
    if case["previous_case"]:
        previous = case_store.number_of(conn, case["previous_case"])
    agencies = tuple(dict.fromkeys(r["agency"] for r in referrals if r["agency"]))
    return CaseEntry(case_number=case["case_number"], repeat=bool(case["repeat"]), referring_agencies=agencies,
                     victim=_person(victim), perpetrators=tuple(perpetrators), children=tuple(children),
                     previous_case=previous)


def isp_in_date(agency: AgencySettings, day: dt.date) -> bool:
    return agency.isp_signed is not None and agency.isp_signed <= day and (
        agency.isp_expires is None or agency.isp_expires >= day)


@dataclass(frozen=True)
class PackResult:
    pack: MeetingPack
    left_out: tuple[str, ...]  # agencies without an in-date ISP: they receive nothing
    on_desk: int  # cases for this meeting still waiting for the coordinator


def _incomplete_actions(conn: sqlite3.Connection, day: dt.date) -> tuple[Action, ...]:
    rows = actions.incomplete_before(conn, day)
    return tuple(Action(r["action_ref"], r["case_number"], r["description"], r["agency"], r["owner"],
                        _date(r["deadline"]), r["status"], _date(r["meeting"])) for r in rows)


def _expiring(conn: sqlite3.Connection, day: dt.date, months: int) -> tuple[str, ...]:
    """Heard cases whose repeat window closes before this meeting and after the one before it."""
    previous = meetings.previous_date(conn, day)
    since = _date(previous) or day - dt.timedelta(days=31)
    rows = case_store.heard_with_last_referral(conn)
    expiring = []
    for row in rows:
        last = dt.date.fromisoformat(row["last"][:10])
        ends = last + relativedelta(months=months)
        if since < ends <= day:
            expiring.append(row["case_number"])
    return tuple(expiring)


def load(conn: sqlite3.Connection, config: Config, day: dt.date) -> PackResult:
    settings = config.meetings
    stored = meetings.venue_and_chair(conn, day)
    meeting = Meeting(area_name=config.area.name, date=day, time=settings.time,
                      venue=stored["venue"] if stored else settings.venue,
                      chair=stored["chair"] if stored else settings.chair)
    cases = case_store.for_meeting(conn, day)
    on_desk = case_store.count_on_desk(conn, day)
    signed = [a for a in config.agencies if isp_in_date(a, day)]
    pack = MeetingPack(
        meeting=meeting, cases=tuple(_case_entry(conn, c) for c in cases),
        agencies=tuple(Agency(a.name, a.email, a.representative, a.children_agency) for a in signed),
        incomplete_actions=_incomplete_actions(conn, day),
        expiring_cases=_expiring(conn, day, config.rules.repeat_months))
    left_out = tuple(a.name for a in config.agencies if not isp_in_date(a, day))
    return PackResult(pack, left_out, int(on_desk))
