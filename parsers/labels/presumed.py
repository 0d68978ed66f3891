"""What a children's form's household says when nothing on the form says who is harmed or who harms: no row's own
words, no box, no clause of the concerns; only what each adult is to the child ("Mother", "Mother's boyfriend"). Read
as most such referrals are (data/values.toml [household] presumed_*), with an error that keeps the case off the agenda
until the coordinator has checked it: values to confirm rather than to type, never a value passed on unchecked (the
IDVA copy carries only the referrer's own files). Split out of parsers.labels.adults, which ties the rows.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal, Protocol

from ..model import RawValue
from ..normalise import vocabulary
from ..problem import Problem, Severity

__all__ = ["PRESUMED", "Victim", "Warn", "presumed", "presumption_said", "victim_so_far"]

# Whether the victim is already read when a table of adults is: not yet (None), from the form's own words ("read"), or
# presumed to be the child's mother from an earlier table ("mother"; PRESUMED was raised).
Victim = Literal["read", "mother"] | None


class Warn(Protocol):
    def __call__(self, message: str, path: str | None = None, severity: Severity = "warning") -> None: ...


PRESUMED = ("the form does not say who is harmed or who harms, only what each adult is to the child: as in most "
            "referrals of this kind, the child's mother was read as the victim, and the adults listed as her partners "
            "or ex-partners (else the child's father) as the alleged perpetrators; check before the case is listed, "
            "and correct it in review.xlsx if that is wrong")


@lru_cache(maxsize=1)
def _presumption() -> tuple[frozenset[str], re.Pattern[str], frozenset[str]]:
    data = vocabulary().get("household", {})
    mothers = frozenset(data.get("presumed_victim", []))
    partners = "|".join(re.escape(w) for w in sorted(data.get("presumed_partner", []), key=len, reverse=True))
    whose = "|".join(re.escape(w) for w in sorted(mothers, key=len, reverse=True))
    return (mothers, re.compile(rf"(?:{whose})'s\s+(?:{partners})"),
            frozenset(data.get("presumed_father", [])))


def presumed(kins: list[str | None], adult: list[bool], roles: list[str | None], victim: Victim = None
              ) -> list[str | None]:
    """Where nothing the form says ties anyone (no row's own words, no box, no clause of the concerns), the household
    read as most such referrals are (data/values.toml [household] presumed_*): the one mother as the victim ("victim??")
    and the adults listed as her partners or ex-partners ("Mother's boyfriend") as the alleged perpetrators
    ("perpetrator??"); the child's father or stepfather only where no partner of hers is listed. Never where the form
    ties a role to anyone, or where the form's words gave the victim elsewhere (`victim` "read"); where the mother was
    presumed the victim from another table ("mother"), only her partners here are presumed."""
    if any(r is not None for r in roles) or victim == "read":
        return roles
    mothers, partner, fathers = _presumption()
    her = [i for i, (k, a) in enumerate(zip(kins, adult)) if a and k in mothers]
    if len(her) != (victim is None):
        return roles
    men = [i for i, (k, a) in enumerate(zip(kins, adult)) if a and k and partner.fullmatch(k)] or \
        [i for i, (k, a) in enumerate(zip(kins, adult)) if a and k in fathers]
    out = list(roles)
    for i in her:
        out[i] = "victim??"
    for i in men:
        out[i] = "perpetrator??"
    return out


def presumption_said(roles: list[str | None], warn: Warn | None) -> list[str | None]:
    """The roles with the presumed ones made plain, and the coordinator told what was presumed: an error, so the case
    waits for a person before it is listed."""
    if "victim??" in roles and warn is not None:
        warn(PRESUMED, "referral.victim", "error")
    return [r.rstrip("?") if r in ("victim??", "perpetrator??") else r for r in roles]


def victim_so_far(problems: list[Problem], fields: dict[str, RawValue]) -> Victim:
    """Whether the victim is read yet when the next table of adults is, and how."""
    if any(p.message == PRESUMED for p in problems):
        return "mother"
    name = fields.get("referral.victim.name")
    return "read" if isinstance(name, str) and name.strip() else None
