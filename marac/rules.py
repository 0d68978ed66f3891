"""Checks on a joined referral: what must be present before a case can go ahead without a person."""
from __future__ import annotations

from typing import Any

from .config import Rules

_PLAIN = {
    "referral.victim.name": "the victim's name is missing",
    "referral.victim.dob": "the victim's date of birth is missing",
    "referral.referrer.agency": "the referring agency is missing",
    "referral.referrer.name": "the referrer's name is missing",
    "referral.perpetrators.0.name": "the perpetrator's name is missing",
    "referral.victim.safe_to_call": "'is this number safe to call?' is not answered",
    "referral.victim_aware": "'is the victim aware of the referral?' is not answered",
}


def _get(obj: Any, path: str) -> Any:
    for part in path.split("."):
        if isinstance(obj, list):
            obj = obj[int(part)] if part.isdigit() and int(part) < len(obj) else None
        elif isinstance(obj, dict):
            obj = obj.get(part)
        else:
            return None
    return obj


def check(joined: dict[str, Any], rules: Rules) -> list[dict[str, Any]]:
    """Problems with the joined referral; severity 'error' means a person must look before it goes on."""
    problems = [p for p in joined["problems"]]
    if joined["referral"] is None:
        message = ("only a DASH checklist was found; the referral form is missing"
                   if joined["dash"] is not None else "no referral form was recognised in the attachments")
        problems.append({"field": None, "severity": "error", "file": None, "message": message})
        return problems
    for path in rules.required:
        if _get(joined, path) in (None, "", []):
            problems.append({"field": path, "severity": "error", "file": None,
                             "message": _PLAIN.get(path, f"{path} is missing")})
    return problems


def needs_a_person(problems: list[dict[str, Any]]) -> bool:
    return any(p.get("severity", "error") == "error" for p in problems)
