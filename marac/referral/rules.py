"""Checks on a joined referral: is it complete, and does it meet the local referral criteria?

Thresholds and required fields come from the configuration ([rules]); what is decided here is only how
to read them. Every problem is a plain sentence for the coordinator, naming fields and figures, never
a person's details.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marac.config import Rules
from parsers.fields import value_at
from parsers.problem import Problem, Severity

_PLAIN = {
    "referral.victim.name": "the victim's name is missing",
    "referral.victim.dob": "the victim's date of birth (or age) is missing",
    "referral.referrer.agency": "the referring agency is missing",
    "referral.referrer.name": "the referrer's name is missing",
    "referral.referrer.phone|referral.referrer.email": "the referrer's phone number or email is missing",
    "referral.perpetrators.0.name": "the perpetrator's name is missing",
    "referral.victim.safe_to_call": "'is this number safe to call?' is not answered",
    "referral.victim_aware": "'is the victim aware of the referral?' is not answered",
}


get = value_at  # the value at a dotted path of a joined referral, or None


def _problem(message: str, field: str | None = None, severity: Severity = "error") -> dict[str, Any]:
    return Problem(message, field, severity).as_dict()


@dataclass(frozen=True)
class Criteria:
    """Which referral criteria are met, with the figures behind them."""
    score: int | None
    visible_high_risk: bool
    professional_judgement: bool
    judgement_ticked: bool
    escalation: bool
    repeat: bool

    @property
    def met(self) -> bool:
        return self.visible_high_risk or self.professional_judgement or self.escalation or self.repeat

    def summary(self, rules: Rules) -> str:
        score = "no DASH checklist" if self.score is None else f"DASH score {self.score}"
        judgement = ("with reasons" if self.professional_judgement else
                     "ticked without reasons" if self.judgement_ticked else "not used")
        return (f"{score} (visible high risk needs {rules.visible_high_risk}); professional judgement "
                f"{judgement}; potential escalation "
                f"({rules.escalation_incidents} or more incidents in {rules.escalation_months} months) "
                f"{'ticked' if self.escalation else 'not ticked'}; "
                f"{'a repeat' if self.repeat else 'not a repeat'} at this MARAC")


def criteria(joined: dict[str, Any], rules: Rules, repeat: bool) -> Criteria:
    """The counted DASH score decides visible high risk; professional judgement never lowers it."""
    score = joined["dash"]["score"] if joined.get("dash") else None
    reasons = get(joined, "referral.reasons") or {}
    judgement = bool(reasons.get("professional_judgement")) and bool(reasons.get("professional_judgement_rationale"))
    return Criteria(score=score,
                    visible_high_risk=score is not None and score >= rules.visible_high_risk,
                    professional_judgement=judgement,
                    judgement_ticked=bool(reasons.get("professional_judgement")),
                    escalation=bool(reasons.get("potential_escalation")),
                    repeat=repeat)


def check(joined: dict[str, Any], rules: Rules) -> list[dict[str, Any]]:
    """Completeness problems: those of the parse plus the area's required fields."""
    problems = list(joined["problems"])
    if joined["referral"] is None:
        message = ("only a DASH checklist was found; the referral form is missing"
                   if joined["dash"] is not None else "no referral form was recognised in the attachments")
        problems.append(_problem(message))
        return problems
    for required in rules.required:
        if all(get(joined, path) in (None, "", []) for path in required.split("|")):
            problems.append(_problem(_PLAIN.get(required, f"{required} is missing"), required.split("|")[0]))
    if get(joined, "referral.victim_aware") is False and not get(joined, "referral.victim_aware_reason"):
        problems.append(_problem("the victim is not aware of the referral, and the form does not say why",
                                 "referral.victim_aware_reason"))
    reasons = get(joined, "referral.reasons") or {}
    if reasons.get("professional_judgement") and not reasons.get("professional_judgement_rationale"):
        problems.append(_problem("professional judgement is ticked but the referrer has not written the reasons",
                                 "referral.reasons.professional_judgement_rationale"))
    return problems


def criteria_problems(found: Criteria, joined: dict[str, Any], rules: Rules) -> list[dict[str, Any]]:
    problems = []
    stated_vhr = get(joined, "referral.reasons.visible_high_risk")
    if stated_vhr and found.score is not None and not found.visible_high_risk:
        problems.append(_problem(f"the form ticks visible high risk but the checklist counts {found.score} "
                                 f"'yes' answers (the threshold is {rules.visible_high_risk})",
                                 "referral.reasons.visible_high_risk", "warning"))
    if not found.met:
        problems.append(_problem(f"the referral meets none of the referral criteria: {found.summary(rules)}"))
    return problems


def needs_a_person(problems: list[dict[str, Any]]) -> bool:
    return any(p.get("severity", "error") == "error" for p in problems)
