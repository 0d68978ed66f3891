"""A safety net after a file is read: each value that does not look like what its field holds is left out
(null) with a problem saying what kind of thing was there and why it was not used, or kept with a warning
when it is probably right but unusual. Messages name fields, never the values (personal data: a warning
becomes a case note). A wrong value with no problem is the worst outcome: the coordinator trusts it
and an agency researches the wrong person.

The rules are general (never per area) and their words are data: parsers/data/plausibility.toml. They run on
one file's result (parsers.parse_bytes), before a message's files are joined (parsers.join), so each problem
names the file it came from. A well-filled form raises none."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from .contact import check_email, check_languages, check_referrer
from .names import check_person_name
from .people import (
    check_dates,
    check_victim_and_perpetrators,
    drop_repeated_perpetrators,
)
from .values import check_free_text, check_gender, check_run_on, check_single, check_tick_list
from .vocab import Found, words

__all__ = ["check"]

_PEOPLE = ("perpetrators", "children", "additional_victims")
_GROUPS = ("referrer", "police", "reasons")


def check(result: dict[str, Any], tagged: Iterable[str] = (), today: dt.date | None = None) -> dict[str, Any]:
    """The result with implausible values cleared or flagged, and the problems added (changed in place).

    `tagged`: the paths the reader took from boxes tagged with their field (the service's own forms). Such a
    box is that field by construction, so what is in it is what the referrer typed there, and is not
    second-guessed; the rules are for values placed by their label, where a misreading can put one field's
    text (or several people's) into another."""
    referral = result.get("referral")
    found = Found()
    sure = frozenset(re.sub(r"\.\d+\.", ".*.", path.partition("=")[0]) for path in tagged)
    if isinstance(referral, dict):
        _check_referral(referral, found, sure)
    dash = result.get("dash")
    if isinstance(dash, dict) and isinstance(dash.get("completed_by"), str):
        check_run_on("dash.completed_by", "completed_by", dash["completed_by"], dash, found)
    check_dates(result, found, sure, today)
    result["problems"] = list(result.get("problems") or []) + [p.as_dict() for p in found.problems]
    return result


def _trusted(sure: frozenset[str], path: str) -> bool:
    return re.sub(r"\.\d+\.", ".*.", path) in sure


def _check_referral(referral: dict[str, Any], found: Found, sure: frozenset[str]) -> None:
    drop_repeated_perpetrators(referral, found)
    referrer = referral.get("referrer")
    if isinstance(referrer, dict) and not _trusted(sure, "referral.referrer.name"):
        check_referrer("referral.referrer", referrer, found)
    records: list[tuple[str, dict[str, Any]]] = [("referral.victim", referral.get("victim") or {})]
    for section in _PEOPLE:
        if section not in referral:
            continue
        kept = []
        for person in referral.get(section) or []:
            path = f"referral.{section}.{len(kept)}"
            if _trusted(sure, f"{path}.name") or check_person_name(path, person, found):
                kept.append(person)
                records.append((path, person))
        referral[section] = kept
    if not _trusted(sure, "referral.victim.name"):
        check_person_name("referral.victim", referral.get("victim") or {}, found)
    records += [(f"referral.{group}", referral[group]) for group in _GROUPS if isinstance(referral.get(group), dict)]
    records.append(("referral", referral))
    for path, record in records:
        for key, value in list(record.items()):
            field = f"{path}.{key}"
            if not isinstance(value, str) or _trusted(sure, field):
                continue
            value = check_tick_list(field, key, value, record, found)
            if value is None:
                continue
            if key != "name" or path == "referral.referrer":
                if key in words("fields", "single"):  # a phone, an email or a date has checks of its own
                    check_run_on(field, key, value, record, found)
                    if record[key] is None:
                        continue
                check_single(field, key, value, record, found)
            check_free_text(field, key, value, found)
            if key == "gender":
                check_gender(field, value, found)
        if "email" in record and not _trusted(sure, f"{path}.email"):
            check_email(path, record, found)
        if "interpreter_language" in record and not _trusted(sure, f"{path}.interpreter_language"):
            check_languages(path, record, found)
    check_victim_and_perpetrators(referral, found)
