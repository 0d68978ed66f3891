"""The canonical fields of a parsed referral, as dotted paths into the output object.

Every reader (PDF, Word, ...) reports values against these paths, so what a field means is
decided once, here, and the output shape follows `docs/referral.schema.json`.
List sections (perpetrators, children) use an index: `referral.children.0.name`.
"""
from __future__ import annotations

import functools
from enum import Enum
from typing import Any


class Kind(str, Enum):
    TEXT = "text"
    DATE = "date"
    BOOL = "bool"
    INT = "int"
    LIST = "list"  # several values in one box, e.g. aliases separated by ; or ,
    ANSWER = "answer"  # DASH: yes / no / unknown


REFERRER = {
    "agency": Kind.TEXT, "name": Kind.TEXT, "phone": Kind.TEXT, "email": Kind.TEXT, "date": Kind.DATE,
    "role": Kind.TEXT, "address": Kind.TEXT,
}
VICTIM = {
    "name": Kind.TEXT, "aliases": Kind.LIST, "dob": Kind.DATE, "gender": Kind.TEXT,
    "address": Kind.TEXT, "postcode": Kind.TEXT, "phone": Kind.TEXT, "safe_to_call": Kind.BOOL,
    "contact_notes": Kind.TEXT, "ethnicity": Kind.TEXT, "bme": Kind.BOOL, "disabled": Kind.BOOL,
    "lgbt": Kind.BOOL, "interpreter_language": Kind.TEXT, "pregnant": Kind.BOOL, "gp": Kind.TEXT,
    "age": Kind.INT, "safe_to_leave_message": Kind.BOOL, "first_language": Kind.TEXT, "religion": Kind.TEXT,
    "nationality": Kind.TEXT, "immigration_status": Kind.TEXT, "housing": Kind.TEXT, "occupation": Kind.TEXT,
    "mental_health": Kind.TEXT, "substance_misuse": Kind.TEXT,
}
PERPETRATOR = {
    "name": Kind.TEXT, "aliases": Kind.LIST, "dob": Kind.DATE, "gender": Kind.TEXT,
    "relationship_to_victim": Kind.TEXT, "address": Kind.TEXT,
    "ethnicity": Kind.TEXT, "occupation": Kind.TEXT, "phone": Kind.TEXT,
}
CHILD = {
    "name": Kind.TEXT, "dob": Kind.DATE, "relationship_to_victim": Kind.TEXT,
    "relationship_to_perpetrator": Kind.TEXT, "address": Kind.TEXT, "school": Kind.TEXT,
    "gender": Kind.TEXT, "lives_with_victim": Kind.BOOL, "unborn": Kind.BOOL,
}
REASONS = {
    "visible_high_risk": Kind.BOOL, "professional_judgement": Kind.BOOL,
    "professional_judgement_rationale": Kind.TEXT, "potential_escalation": Kind.BOOL,
    "repeat": Kind.BOOL, "repeat_details": Kind.TEXT,
}
REFERRAL_TOP = {
    "dash_score_stated": Kind.INT, "victim_aware": Kind.BOOL, "victim_aware_reason": Kind.TEXT,
    "consent": Kind.BOOL, "afraid_of": Kind.TEXT, "safe_to_talk_to": Kind.TEXT,
    "not_safe_to_talk_to": Kind.TEXT, "previous_marac": Kind.TEXT, "crime_reference": Kind.TEXT,
    "risks_summary": Kind.TEXT, "additional_information": Kind.TEXT,
    "other_at_risk": Kind.TEXT, "victim_wishes": Kind.TEXT, "consent_override_reason": Kind.TEXT,
    "previous_marac_elsewhere": Kind.BOOL, "transfer_from": Kind.TEXT,
    # The date of the DASH as a referral form states it ("DATE OF DASH RIC") when the checklist is not in
    # the same file: the form's own DASH boxes are no checklist (parsers.assemble, parsers.join).
    "dash_date_stated": Kind.DATE,
}
POLICE = {"officer_in_charge": Kind.TEXT, "officer_contact": Kind.TEXT, "victim_wants_police": Kind.BOOL}
DASH_TOP = {"completed_by": Kind.TEXT, "date": Kind.DATE}
DASH_QUESTIONS = 24

# Fields read from other areas' forms only: the service's own forms do not carry them (form_paths).
NOT_ON_OWN_FORMS = frozenset(
    [f"referral.referrer.{k}" for k in ("role", "address")]
    + [f"referral.victim.{k}" for k in ("age", "safe_to_leave_message", "first_language", "religion", "nationality",
                                        "immigration_status", "housing", "occupation", "mental_health",
                                        "substance_misuse")]
    + [f"referral.perpetrators.*.{k}" for k in ("ethnicity", "occupation", "phone")]
    + [f"referral.children.*.{k}" for k in ("gender", "lives_with_victim", "unborn")]
    + [f"referral.{k}" for k in ("other_at_risk", "victim_wishes", "consent_override_reason",
                                 "previous_marac_elsewhere", "transfer_from", "dash_date_stated")]
    + [f"referral.police.{k}" for k in POLICE])

# How many rows the service's own forms offer; readers of other layouts may report more.
FORM_PERPETRATOR_ROWS = 2
FORM_CHILD_ROWS = 6


def scalar_paths() -> dict[str, Kind]:
    """Every non-indexed path with its kind (a fresh dict: callers may add to it)."""
    return dict(_scalar_paths())


@functools.lru_cache(maxsize=1)
def _scalar_paths() -> dict[str, Kind]:
    """Built once: readers ask for the kind of a path hundreds of times per form. Never mutated."""
    paths: dict[str, Kind] = {}
    paths.update({f"referral.referrer.{k}": v for k, v in REFERRER.items()})
    paths.update({f"referral.victim.{k}": v for k, v in VICTIM.items()})
    paths.update({f"referral.reasons.{k}": v for k, v in REASONS.items()})
    paths.update({f"referral.{k}": v for k, v in REFERRAL_TOP.items()})
    paths.update({f"referral.police.{k}": v for k, v in POLICE.items()})
    paths.update({f"dash.{k}": v for k, v in DASH_TOP.items()})
    for n in range(1, DASH_QUESTIONS + 1):
        paths[f"dash.answers.{n}"] = Kind.ANSWER
        paths[f"dash.comments.{n}"] = Kind.TEXT
    return paths


ROW_SECTIONS: dict[str, dict[str, Kind]] = {
    "referral.perpetrators": PERPETRATOR,
    "referral.children": CHILD,
    "referral.additional_victims": VICTIM,  # a victim box duplicated for a second victim
}


def kind_of(path: str) -> Kind | None:
    """The kind of a canonical path (indexed row paths included), or None if it is not one.
    Cached: the tables above are constants, and readers ask again for every field of every form
    (names longer than any real path, which only a strange file has, are not kept)."""
    return _cached_kind_of(path) if len(path) <= 120 else _kind_of(path)


@functools.lru_cache(maxsize=8192)
def _cached_kind_of(path: str) -> Kind | None:
    return _kind_of(path)


def _kind_of(path: str) -> Kind | None:
    scalar = _scalar_paths().get(path)
    if scalar is not None:
        return scalar
    for section, columns in ROW_SECTIONS.items():
        prefix = section + "."
        if path.startswith(prefix):
            index, _, column = path[len(prefix):].partition(".")
            if index.isdigit() and column in columns:
                return columns[column]
    return None


def form_paths() -> dict[str, Kind]:
    """Every path the service's own forms carry, rows included, in form order."""
    paths = {p: v for p, v in scalar_paths().items() if p not in NOT_ON_OWN_FORMS}
    for i in range(FORM_PERPETRATOR_ROWS):
        paths.update({f"referral.perpetrators.{i}.{k}": v for k, v in PERPETRATOR.items()
                      if f"referral.perpetrators.*.{k}" not in NOT_ON_OWN_FORMS})
    for i in range(FORM_CHILD_ROWS):
        paths.update({f"referral.children.{i}.{k}": v for k, v in CHILD.items()
                      if f"referral.children.*.{k}" not in NOT_ON_OWN_FORMS})
    return paths


def value_at(obj: Any, path: str) -> Any:
    """The value at a dotted path of a parsed referral (list rows by index: 'referral.children.0.name'),
    or None where the path leads nowhere."""
    for part in path.split("."):
        if isinstance(obj, list):
            obj = obj[int(part)] if part.isdigit() and int(part) < len(obj) else None
        elif isinstance(obj, dict):
            obj = obj.get(part)
        else:
            return None
    return obj
