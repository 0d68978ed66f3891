"""Everything one meeting's documents need, read from the store and the configuration.

Only listed (or already heard) cases appear: a case still on the coordinator's desk is not circulated
until it has been checked. Only agencies whose Information Sharing Protocol is signed and in date on
the meeting day are in the pack; the others are reported so the coordinator can chase them.

Per case, the agenda shows the reasons ticked on its referral forms, the highest DASH score among them
(counted from the checklist, else as the form states it), and where an inter-MARAC transfer came from
(a `transferred_from` column on the case when the store has one, else the form's `transfer_from`).

The 12-months rule: a victim referred again within `[rules] repeat_months` (12) of their last referral is
a repeat (the store's flag, set when the referral arrived). A case that is not a repeat, whose victim was
last heard at this MARAC on a meeting `repeat_months` or more before this one, is listed in the agenda's
"Cases where 12 months have passed since their last MARAC", with that earlier case and date.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta

from generators.documents.model import (
    Action,
    Agency,
    CaseEntry,
    Meeting,
    MeetingPack,
    Person,
)
from marac.config import Agency as AgencySettings
from marac.config import Config
from marac.referral import matching, meeting_dates
from marac.referral.identity import Identity, candidate_keys
from marac.store import actions, meetings
from marac.store import cases as case_store
from marac.store.db import Connection, Row

REASONS = (("visible_high_risk", "Visible high risk"), ("professional_judgement", "Professional judgement"),
           ("potential_escalation", "Potential escalation"), ("repeat", "Repeat"))


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _person(data: dict[str, Any], relationship: str | None = None) -> Person:
    return Person(name=data.get("name"), dob=_date(data.get("dob")), aliases=tuple(data.get("aliases") or ()),
                  address=data.get("address"), relationship=relationship, school=data.get("school"))


def _dash_score(parsed: dict[str, Any]) -> int | None:
    counted = (parsed.get("dash") or {}).get("score")
    stated = (parsed.get("referral") or {}).get("dash_score_stated")
    score = counted if isinstance(counted, int) and (parsed.get("dash") or {}).get("answers") else stated
    return score if isinstance(score, int) and not isinstance(score, bool) else None


def _why(parsed: list[dict[str, Any]], case: Row) -> dict[str, Any]:
    """Reasons ticked on any of the case's forms, the highest DASH score, and a transfer's origin."""
    forms = [p.get("referral") or {} for p in parsed]
    reasons = tuple(label for key, label in REASONS if any((f.get("reasons") or {}).get(key) for f in forms))
    scores = [s for s in map(_dash_score, parsed) if s is not None]
    stored = dict(case).get("transferred_from")  # a store from before transfers has no such column
    origin = stored or next((f["transfer_from"] for f in forms if f.get("transfer_from")), None)
    return {"reasons": reasons, "dash_score": max(scores) if scores else None, "transferred_from": origin}


def _last_heard(conn: Connection, config: Config, case: Row, victim: dict[str, Any],
                day: dt.date) -> tuple[str | None, dt.date | None]:
    """The victim's latest earlier case heard at this MARAC, when that hearing was `repeat_months` or more
    before `day` and none since; (None, None) otherwise. Found as a new referral is matched: by its keys."""
    if case["repeat"]:
        return None, None
    identity = Identity.from_referral({"victim": victim})
    keys = sorted(candidate_keys(identity))
    rows = [r for r in case_store.referrals_filed_under(conn, keys) if r["id"] != case["id"]
            and r["status"] == "heard" and r["meeting"] and r["meeting"] < day.isoformat()] if keys else []
    known = [(r, Identity.from_referral(json.loads(r["parsed"]).get("referral") or {})) for r in rows]
    same = [r for r, found in matching.ranked_matches(identity, known, config.matching) if found.verdict == "same"]
    if not same:
        return None, None
    latest = max(same, key=lambda r: r["meeting"])
    heard = dt.date.fromisoformat(latest["meeting"][:10])
    if heard > day - relativedelta(months=config.rules.repeat_months):
        return None, None
    return latest["case_number"], heard


def _victim_of(conn: Connection, case_id: int) -> Person | None:
    forms = [json.loads(r["parsed"]).get("referral") or {} for r in case_store.referrals_of(conn, case_id)]
    return _person(forms[0].get("victim") or {}) if forms else None


def _case_entry(conn: Connection, config: Config, case: Row, day: dt.date) -> CaseEntry:
    referrals = case_store.referrals_of(conn, case["id"])
    parsed = [json.loads(r["parsed"]) for r in referrals]
    forms = [p.get("referral") or {} for p in parsed]
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
    last_case, last_heard = _last_heard(conn, config, case, victim, day)
    return CaseEntry(case_number=case["case_number"], repeat=bool(case["repeat"]), referring_agencies=agencies,
                     victim=_person(victim), perpetrators=tuple(perpetrators), children=tuple(children),
                     previous_case=previous, last_heard_case=last_case, last_heard=last_heard,
                     **_why(parsed, case))


def isp_in_date(agency: AgencySettings, day: dt.date) -> bool:
    return agency.isp_signed is not None and agency.isp_signed <= day and (
        agency.isp_expires is None or agency.isp_expires >= day)


@dataclass(frozen=True)
class PackResult:
    pack: MeetingPack
    left_out: tuple[str, ...]  # agencies without an in-date ISP: they receive nothing
    on_desk: int  # cases for this meeting still waiting for the coordinator


def _incomplete_actions(conn: Connection, day: dt.date) -> tuple[Action, ...]:
    rows = actions.incomplete_before(conn, day)
    victims = {case_id: _victim_of(conn, case_id) for case_id in {r["case_id"] for r in rows}}
    return tuple(Action(r["action_ref"], r["case_number"], r["description"], r["agency"], r["owner"],
                        _date(r["deadline"]), r["status"], _date(r["meeting"]), victims[r["case_id"]])
                 for r in rows)


def _next_meeting(config: Config, day: dt.date) -> dt.date | None:
    """The calendar's next meeting after this one, for the minutes (None when the calendar has no more)."""
    found = meeting_dates.meeting_dates(config.meetings, day + dt.timedelta(days=1), day + dt.timedelta(days=400))
    return found[0] if found else None


def _expiring(conn: Connection, day: dt.date, months: int) -> tuple[str, ...]:
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


def load(conn: Connection, config: Config, day: dt.date) -> PackResult:
    settings = config.meetings
    stored = meetings.venue_and_chair(conn, day)
    meeting = Meeting(area_name=config.area.name, date=day, time=settings.time,
                      venue=stored["venue"] if stored else settings.venue,
                      chair=stored["chair"] if stored else settings.chair,
                      emergency=meetings.kind(conn, day) == "emergency")
    cases = case_store.for_meeting(conn, day)
    on_desk = case_store.count_on_desk(conn, day)
    signed = [a for a in config.agencies if isp_in_date(a, day)]
    pack = MeetingPack(
        meeting=meeting, cases=tuple(_case_entry(conn, config, c, day) for c in cases),
        agencies=tuple(Agency(a.name, a.email, a.representative, a.children_agency) for a in signed),
        incomplete_actions=_incomplete_actions(conn, day),
        expiring_cases=_expiring(conn, day, config.rules.repeat_months),
        next_meeting=_next_meeting(config, day), statuses=tuple(config.tracker.statuses))
    left_out = tuple(a.name for a in config.agencies if not isp_in_date(a, day))
    return PackResult(pack, left_out, int(on_desk))
