"""Where a checked referral goes: a new case, another referral on a case already listed, a repeat of a
case heard within the repeat window, or a question for the coordinator when the match is uncertain.
And which meeting hears it."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from dateutil.relativedelta import relativedelta

from marac.config import Config
from marac.referral import matching, meeting_dates
from marac.referral.identity import Identity, candidate_keys
from marac.referral.rules import get
from marac.store import cases
from marac.store.db import Connection
from parsers.problem import Problem

Kind = Literal["new", "joined", "repeat", "possible"]


@dataclass
class Placement:
    kind: Kind
    meeting: dt.date
    case_id: int | None = None  # joined: the case the referral joins
    previous_case: int | None = None  # repeat or possible: the earlier case
    evidence: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Known:
    case_id: int
    case_number: str
    status: str
    meeting: dt.date | None
    last_referral: dt.date


def _known_victims(conn: Connection, since: dt.date,
                   identity: Identity) -> list[tuple[Known, Identity]]:
    """Victims sharing a name token or date of birth with the new one, on cases still open or referred
    within the repeat window: the only ones that matter, found through an index."""
    keys = sorted(candidate_keys(identity))
    if not keys:
        return []
    rows = cases.referrals_filed_under(conn, keys)
    known = []
    for row in rows:
        if row["status"] not in ("listed", "exception") and row["last"][:10] < since.isoformat():
            continue
        referral = json.loads(row["parsed"]).get("referral") or {}
        meeting = dt.date.fromisoformat(row["meeting"]) if row["meeting"] else None
        known.append((Known(row["id"], row["case_number"], row["status"], meeting,
                            dt.date.fromisoformat(row["last"][:10])), Identity.from_referral(referral)))
    return known


def place(conn: Connection, config: Config, joined: dict[str, Any], received: dt.date) -> Placement:
    meeting = meeting_dates.next_meeting(config.meetings, received)
    warnings = [w for w in [meeting_dates.hearing_delay_warning(config.meetings, received, meeting)] if w]
    identity = Identity.from_referral(joined["referral"] or {})
    window = received - relativedelta(months=config.rules.repeat_months)
    ranked = matching.ranked_matches(identity, _known_victims(conn, window, identity), config.matching)
    sure = [(known, found) for known, found in ranked if found.verdict == "same"]
    if sure:
        # A victim referred again and again has a chain of cases: the open one, else the latest, is the one.
        upcoming = [(k, f) for k, f in sure if k.status in ("listed", "exception")
                    and (k.meeting is None or k.meeting >= received)]
        if upcoming:
            known, found = upcoming[0]
            # Two agencies referring the same victim for the same meeting: one case, several referrals.
            return Placement("joined", known.meeting or meeting, case_id=known.case_id, evidence=found.evidence)
        known, found = max(sure, key=lambda pair: pair[0].last_referral)
        if known.last_referral >= window:
            return Placement("repeat", meeting, previous_case=known.case_id, evidence=found.evidence,
                             warnings=warnings)
        return Placement("new", meeting, warnings=warnings)
    if ranked:
        known, found = ranked[0]
        return Placement("possible", meeting, previous_case=known.case_id, evidence=found.evidence,
                         warnings=warnings)
    return Placement("new", meeting, warnings=warnings)


def _district(joined: dict[str, Any]) -> str | None:
    postcode = get(joined, "referral.victim.postcode")
    return str(postcode).split()[0].upper() if postcode and str(postcode).split() else None


def served_elsewhere(config: Config, joined: dict[str, Any]) -> str | None:
    """The code of another area served by this same service whose districts hold the victim's postcode.

    Only a district outside this area's own list counts, and only a MARAC marked `served_here` (the
    areas of one multi-area configuration): a neighbouring MARAC elsewhere still needs a person and a
    transfer by secure email.
    """
    own = {d.upper() for d in config.area.postcode_districts}
    district = _district(joined)
    if not own or district is None or district in own:
        return None
    for area in config.marac_areas:
        if area.served_here and district in {d.upper() for d in area.postcode_districts}:
            return area.code
    return None


def area_problems(config: Config, joined: dict[str, Any]) -> list[dict[str, Any]]:
    """A victim living outside the area is heard by another MARAC: the coordinator arranges a transfer."""
    districts = {d.upper() for d in config.area.postcode_districts}
    district = _district(joined)
    if not districts:
        return []
    if district is None:
        return [Problem("the victim's postcode is not given, so the area could not be checked",
                        "referral.victim.postcode", "warning").as_dict()]
    if district in districts:
        return []
    likely = next((a for a in config.marac_areas if district in {d.upper() for d in a.postcode_districts}), None)
    if likely is not None:  # name the MARAC and how to send the case there (marac/flow/transfer_out.py)
        return [Problem(f"outside area: postcode district {district} is covered by {likely.name}; to transfer the "
                        f"case there, write {likely.code} in transfer.txt in this folder and move the folder into "
                        "exceptions/approved/", "referral.victim.postcode").as_dict()]
    codes = ", ".join(a.code for a in config.marac_areas)
    how = (f" To transfer it, write the MARAC's code ({codes}) in transfer.txt in this folder and move the folder "
           "into exceptions/approved/" if codes else "")
    return [Problem(f"outside area: postcode district {district} is not covered by this MARAC; "
                    f"transfer to another MARAC?{how}", "referral.victim.postcode").as_dict()]


def repeat_problems(joined: dict[str, Any], placement: Placement) -> list[dict[str, Any]]:
    """The store decides repeat; a form that disagrees is worth a look but does not decide."""
    said = get(joined, "referral.reasons.repeat")
    if said and placement.kind not in ("repeat", "possible"):
        return [Problem("the form says this is a repeat referral, but no case for this victim was found at this "
                        "MARAC in the repeat period (it may have been heard at another MARAC)",
                        "referral.reasons.repeat", "warning").as_dict()]
    return []
