"""Checks across a form's people and dates: the victim read from a perpetrator's box (or the other way round), a
perpetrator read twice, a date of birth no victim or perpetrator can have, a referral dated in the future."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .vocab import Found, fold, setting

_DATES = (("referral.referrer.date", ("referrer", "date")), ("referral.dash_date_stated", ("dash_date_stated",)))


def _same_person(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The same name (ignoring case and spacing), or the same date of birth and family name."""
    name_a, name_b = a.get("name"), b.get("name")
    if not isinstance(name_a, str) or not isinstance(name_b, str):
        return False
    if fold(name_a) == fold(name_b):
        return True
    return bool(a.get("dob")) and a.get("dob") == b.get("dob") and fold(name_a).split()[-1:] == fold(name_b).split()[-1:]


# "Grace EVANS-PRICE": a forename and a family name in capitals, the way forms ask names to be typed
_NAMED = re.compile(r"^[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)*\s+[A-Z][A-Z'’-]+$")


def check_victim_and_perpetrators(referral: dict[str, Any], found: Found) -> None:
    victim = referral.get("victim") or {}
    perpetrators = referral.get("perpetrators") or []
    for perpetrator in perpetrators:
        relationship = perpetrator.get("relationship_to_victim")
        if isinstance(relationship, str) and _NAMED.match(relationship.strip()):
            # "Partner / ex-partner: Grace EVANS-PRICE" names her; it says nothing of what he is to her
            perpetrator["relationship_to_victim"] = None
    for n, perpetrator in enumerate(perpetrators):
        if _same_person(victim, perpetrator):
            found.add("referral.victim", f"the victim and perpetrator {n + 1} are the same person on this reading "
                                         "(a swap, or one person's box read as the other's): check both on the form")
            break
    for n, perpetrator in enumerate(perpetrators[1:], 1):
        if _same_person(perpetrators[n - 1], perpetrator):
            found.add(f"referral.perpetrators.{n}", f"repeats perpetrator {n}'s name or date of birth: the same box "
                                                    "read twice? check the form")
    if victim.get("name") and not perpetrators and referral.get("children"):
        # A referral far enough filled to list the children names the perpetrator: with none read, the
        # perpetrator's box may have been read as the victim's. A victim's box alone says nothing of that.
        found.add("referral.victim", "no perpetrator was read from this form: if it names one, check that the "
                                     "victim's details are not the perpetrator's", "warning")


def drop_repeated_perpetrators(referral: dict[str, Any], found: Found) -> None:
    """A perpetrator whose every value repeats the one before is one box read twice: the copy is left out
    (before any other check, so the problems name the rows that stay)."""
    kept: list[dict[str, Any]] = []
    for perpetrator in referral.get("perpetrators") or []:
        if kept and perpetrator == kept[-1]:
            found.add("referral.perpetrators", f"the details of perpetrator {len(kept)} were read twice: the copy "
                                               "was left out; check the form has no other perpetrator", "warning")
            continue
        kept.append(perpetrator)
    if "perpetrators" in referral:
        referral["perpetrators"] = kept


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def check_dates(result: dict[str, Any], found: Found, sure: frozenset[str] = frozenset(),
                today: dt.date | None = None) -> None:
    """Dates in the future, and dates of birth giving an impossible age (not those from tagged boxes: `sure`)."""
    today = today or dt.date.today()
    referral = result.get("referral") or {}
    # A date a day ahead is a clock or time-zone difference, not a wrong date.
    for path, keys in _DATES:
        node: Any = referral
        for key in keys[:-1]:
            node = node.get(key) or {}
        day = _day(node.get(keys[-1]))
        if day is not None and day > today + dt.timedelta(days=1):
            node[keys[-1]] = None
            found.add(path, "is in the future, so it was not used: read it from the form")
    dash = result.get("dash") or {}
    day = _day(dash.get("date"))
    if day is not None and day > today + dt.timedelta(days=1):
        dash["date"] = None
        found.add("dash.date", "is in the future, so it was not used: read it from the form")
    on = _day((referral.get("referrer") or {}).get("date")) or today
    people = [("referral.victim", referral.get("victim"), "victim")]
    people += [(f"referral.additional_victims.{n}", p, "victim") for n, p in enumerate(referral.get("additional_victims") or [])]
    people += [(f"referral.perpetrators.{n}", p, "perpetrator") for n, p in enumerate(referral.get("perpetrators") or [])]
    for path, person, whose in people:
        born = _day((person or {}).get("dob"))
        if born is None or re.sub(r"\.\d+$", ".*", path) + ".dob" in sure or f"{path}.dob" in sure:
            continue
        low, high = setting("ages", whose, [10, 110])
        age = _age(born, on)
        if not low <= age <= high:
            person["dob"] = None  # type: ignore[index]
            found.add(f"{path}.dob", f"would make the {whose} {age} years old, so it was not used: read the date of "
                                     "birth from the form")
