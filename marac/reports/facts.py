"""The return's facts about one case, read from its parsed referrals: who referred it, how many children,
and each equality fact as True, False or None (not on the form, so counted as unknown, never as 'no')."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from generators.documents.render import same_agency
from marac.config import Config

MALE = {"male", "m", "man", "boy", "trans man", "transgender man"}


@dataclass
class CaseFacts:
    agency_type: str = "other"
    matched_agency: bool = False
    children: int = 0
    equality: dict[str, bool | None] = field(default_factory=dict)


def agency_type(config: Config, name: str | None) -> str | None:
    """The configured kind of the named agency; None when the name is not a configured agency's."""
    if name and same_agency(name, config.idva.service):
        return "idva"
    agency = next((a for a in config.agencies if same_agency(a.name, name)), None)
    return agency.type if agency else None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _age(person: dict[str, Any], on: dt.date) -> int | None:
    born = _date(person.get("dob"))
    if born:
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    age = person.get("age")
    return age if isinstance(age, int) and not isinstance(age, bool) else None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _male(gender: Any) -> bool | None:
    text = " ".join(str(gender or "").split()).casefold()
    return (text in MALE) if text else None


def _young_abuser(perpetrators: list[dict[str, Any]], on: dt.date) -> bool | None:
    ages = [_age(p, on) for p in perpetrators if isinstance(p, dict)]
    if any(a is not None and a <= 17 for a in ages):
        return True
    return False if ages and all(a is not None for a in ages) else None


def referral_facts(parsed: dict[str, Any], received: dt.date) -> dict[str, bool | None]:
    referral = parsed.get("referral") or {}
    victim = referral.get("victim") or {}
    age = _age(victim, received)
    return {"bme": _flag(victim.get("bme")), "lgbt": _flag(victim.get("lgbt")),
            "disabled": _flag(victim.get("disabled")), "male": _male(victim.get("gender")),
            "aged_16_17": None if age is None else age in (16, 17),
            "young_abuser": _young_abuser(list(referral.get("perpetrators") or []), received)}


def children_in_household(parsed: dict[str, Any]) -> int:
    children = (parsed.get("referral") or {}).get("children") or []
    # A child the form says does not live with the victim is not in the household; unsaid, it is counted.
    return sum(1 for c in children if isinstance(c, dict) and c.get("lives_with_victim") is not False)


def case_facts(config: Config, referrals: list[Any]) -> CaseFacts:
    """One case from its referrals, oldest first: the first referral is the one that referred the case;
    a fact missing from it is taken from a later referral that gives it."""
    facts = CaseFacts()
    for n, row in enumerate(referrals):
        parsed = json.loads(row["parsed"]) if row["parsed"] else {}
        received = _date(row["received_at"]) or dt.date.today()
        if n == 0:
            kind = agency_type(config, row["agency"])
            facts.agency_type, facts.matched_agency = kind or "other", kind is not None
        facts.children = max(facts.children, children_in_household(parsed))
        for key, value in referral_facts(parsed, received).items():
            if facts.equality.get(key) is None:
                facts.equality[key] = value
    return facts
