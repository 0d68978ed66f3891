"""The layout of the service's own referral form and DASH checklist, shared by the Word and PDF
builders so both print the same sections, labels and field names (canonical paths)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from parsers.fields import (CHILD, FORM_CHILD_ROWS, FORM_PERPETRATOR_ROWS, PERPETRATOR, Kind,
                            scalar_paths)

_DASH_FILE = Path(__file__).resolve().parents[2] / "parsers" / "data" / "dash_questions.toml"


@dataclass(frozen=True)
class Field:
    path: str
    label: str
    kind: Kind


@dataclass(frozen=True)
class Section:
    title: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Table:
    """A repeated-row section: one row per person, columns from `columns`."""
    title: str
    section: str  # e.g. referral.children
    rows: int
    columns: tuple[tuple[str, str], ...]  # (column key, heading)


def _f(path: str, label: str) -> Field:
    return Field(path, label, scalar_paths()[path])


REFERRAL_SECTIONS: tuple[Section, ...] = (
    Section("Referrer", (
        _f("referral.referrer.agency", "Referring agency"),
        _f("referral.referrer.name", "Referrer's name"),
        _f("referral.referrer.phone", "Referrer's phone"),
        _f("referral.referrer.email", "Referrer's email"),
        _f("referral.referrer.date", "Date of referral"),
    )),
    Section("Victim", (
        _f("referral.victim.name", "Victim's full name"),
        _f("referral.victim.aliases", "Also known as"),
        _f("referral.victim.dob", "Victim's date of birth"),
        _f("referral.victim.gender", "Gender"),
        _f("referral.victim.address", "Victim's address"),
        _f("referral.victim.postcode", "Postcode"),
        _f("referral.victim.phone", "Victim's phone number"),
        _f("referral.victim.safe_to_call", "Is this number safe to call?"),
        _f("referral.victim.contact_notes", "Contact notes (safe times to call)"),
        _f("referral.victim.ethnicity", "Ethnicity"),
        _f("referral.victim.bme", "BME"),
        _f("referral.victim.disabled", "Disabled"),
        _f("referral.victim.lgbt", "LGBT"),
        _f("referral.victim.interpreter_language", "Interpreter needed (language)"),
        _f("referral.victim.pregnant", "Pregnant"),
        _f("referral.victim.gp", "Victim's GP"),
    )),
    Section("Reason for referral", (
        _f("referral.reasons.visible_high_risk", "Visible high risk (DASH score)"),
        _f("referral.dash_score_stated", "DASH score"),
        _f("referral.reasons.professional_judgement", "Professional judgement"),
        _f("referral.reasons.professional_judgement_rationale", "Reasons for professional judgement"),
        _f("referral.reasons.potential_escalation", "Potential escalation"),
        _f("referral.reasons.repeat", "Repeat MARAC referral"),
        _f("referral.reasons.repeat_details", "Date or case number of last MARAC"),
    )),
    Section("Consent and safety", (
        _f("referral.victim_aware", "Is the victim aware of the referral?"),
        _f("referral.victim_aware_reason", "If not, why not?"),
        _f("referral.consent", "Has the victim consented?"),
        _f("referral.afraid_of", "Who is the victim afraid of?"),
        _f("referral.safe_to_talk_to", "Who is it safe to talk to?"),
        _f("referral.not_safe_to_talk_to", "Who is it not safe to talk to?"),
        _f("referral.previous_marac", "Previous referral to another MARAC"),
        _f("referral.crime_reference", "Crime reference number"),
    )),
    Section("Risks", (
        _f("referral.risks_summary", "Summary of risks"),
        _f("referral.additional_information", "Additional information"),
    )),
)

PERPETRATOR_TABLE = Table(
    "Perpetrator(s)", "referral.perpetrators", FORM_PERPETRATOR_ROWS,
    (("name", "Name"), ("aliases", "Also known as"), ("dob", "Date of birth"), ("gender", "Gender"),
     ("relationship_to_victim", "Relationship to victim"), ("address", "Address")))
CHILDREN_TABLE = Table(
    "Children and other household members", "referral.children", FORM_CHILD_ROWS,
    (("name", "Name"), ("dob", "Date of birth"), ("relationship_to_victim", "Relationship to victim"),
     ("relationship_to_perpetrator", "Relationship to perpetrator"), ("address", "Address"),
     ("school", "School")))

# The service's own form asks for a subset of what other areas' forms carry (ethnicity, occupation...).
assert {c for c, _ in PERPETRATOR_TABLE.columns} <= set(PERPETRATOR)
assert {c for c, _ in CHILDREN_TABLE.columns} <= set(CHILD)

DASH_FOOTER: tuple[Field, ...] = (
    _f("dash.completed_by", "Checklist completed by"),
    _f("dash.date", "Date completed"),
)
DASH_CHOICES: tuple[tuple[str, str], ...] = (("yes", "Yes"), ("no", "No"), ("unknown", "Don't know"))


def dash_questions() -> list[tuple[int, str]]:
    with _DASH_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    return [(q["number"], q["text"]) for q in data["question"]]
