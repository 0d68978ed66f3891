"""What a children's form's household says when nothing on the form says who is harmed or who harms: no row's own
words, no box, no clause of the concerns; only what each adult is to the child ("Mother", "Mother's boyfriend"). Read
as most such referrals are (data/values.toml [household] presumed_*), with an error that keeps the case off the agenda
until the coordinator has checked it: values to confirm rather than to type, never a value passed on unchecked (the
IDVA copy carries only the referrer's own files). Split out of parsers.labels.adults, which ties the rows.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Literal, Protocol

from ..model import RawValue, RowTable
from ..normalise import birth_window, parse_date, vocabulary, years_before
from ..problem import Problem, Severity
from .matcher import LabelTable
from .tidy import date_less_age

__all__ = ["PRESUMED", "PRESUMED_HIM", "Kin", "Victim", "Warn", "grown_rows", "grown_up", "kin_kind", "presumed",
           "presumption_said", "victim_so_far"]

# Whether the victim is already read when a table of adults is: not yet (None), from the form's own words ("read"),
# presumed to be the child's mother ("mother": PRESUMED or PRESUMED_HIM was raised), or said by the form's words to be
# the child's mother ("her": a box "Details of Mother" the concerns tie, who harms her not said).
Victim = Literal["read", "her", "mother"] | None


class Warn(Protocol):
    """How a reader of the adults raises a problem (parsers.labels.resolver's _Out.warn)."""

    def __call__(self, message: str, path: str | None = None, severity: Severity = "warning") -> None: ...


PRESUMED = ("the form does not say who is harmed or who harms, only what each adult is to the child: as in most "
            "referrals of this kind, the child's mother was read as the victim, and the adults listed as her partners "
            "or ex-partners (else the child's father, else her one grown-up son) as the alleged perpetrators; check "
            "before the case is listed, and correct it in review.xlsx if that is wrong")
PRESUMED_HIM = ("the form says who is harmed but not who harms her, only what each adult is to the child: the adults "
                "listed as her partners or ex-partners (else the child's father, else her one grown-up son) were read "
                "as the alleged perpetrators, as in most referrals of this kind; check before the case is listed, and "
                "correct it in review.xlsx if that is wrong")


@lru_cache(maxsize=1)
def _presumption() -> tuple[frozenset[str], re.Pattern[str], frozenset[str], frozenset[str]]:
    data = vocabulary().get("household", {})
    mothers = frozenset(data.get("presumed_victim", []))
    partners = "|".join(re.escape(w) for w in sorted(data.get("presumed_partner", []), key=len, reverse=True))
    whose = "|".join(re.escape(w) for w in sorted(mothers, key=len, reverse=True))
    return (mothers, re.compile(rf"(?:{whose})'s\s+(?:{partners})"),
            frozenset(data.get("presumed_father", [])), frozenset(data.get("presumed_son", [])))


Kin = Literal["mother", "partner", "father", "son"]


def kin_kind(kin: str | None) -> Kin | None:
    """What a folded relationship to the child ("mother's ex-husband") is to the presumption: the mother, a partner
    or ex-partner of hers, the child's father, her son, or none of them."""
    mothers, partner, fathers, sons = _presumption()
    if not kin:
        return None
    return "mother" if kin in mothers else "partner" if partner.fullmatch(kin) else "father" if kin in fathers else \
        "son" if kin in sons else None


_ADULT_AGE = 18


def grown_up(cell: RawValue) -> bool:
    """A date of birth making the person an adult (an age typed after it is no part of the date)."""
    if not isinstance(cell, str):
        return False
    try:
        born = parse_date(date_less_age(cell), window=birth_window())
    except ValueError:
        return False
    return born < years_before(dt.date.today(), _ADULT_AGE)


def grown_rows(t: RowTable, table: LabelTable) -> list[bool]:
    """Which rows of a table of people a date of birth makes adults."""
    born = [any((table.match(h, role).target or "").endswith(".dob") for role in ("perpetrator", "child"))
            for h in t.headers]  # ("DOB/EDD": a child's heading, over a grown-up's date all the same)
    return [any(b and grown_up(cell) for b, cell in zip(born, row)) for row in t.rows]


def presumed(kins: list[str | None], adult: list[bool], roles: list[str | None], victim: Victim = None,
             grown: list[bool] | None = None, men_read: bool = False) -> list[str | None]:
    """Where nothing the form says ties anyone (no row's own words, no box, no clause of the concerns), the household
    read as most such referrals are (data/values.toml [household] presumed_*): the one mother as the victim ("victim??")
    and, as the alleged perpetrators ("perpetrator??"), the adults listed as her partners or ex-partners ("Mother's
    boyfriend"); else the child's father or stepfather; else her son (the child's "Half-brother"), if he is the one
    and `grown` by his date of birth. Where the form's words make the mother the victim (her row's, or `victim` "her")
    and name no perpetrator, only the men. Never where the form names a perpetrator, or a victim who is not the mother
    (`victim` "read"). Where the mother was presumed the victim already ("mother"), her row here is hers if there is
    one; where a man was read before (`men_read`), only her partners are presumed."""
    if "perpetrator" in roles or victim == "read":
        return roles
    kinds = [kin_kind(k) if a else None for k, a in zip(kins, adult)]
    if "victim" in roles:
        if any(kinds[i] != "mother" for i, r in enumerate(roles) if r == "victim"):
            return roles
        victim = "her"
    her = [i for i, (k, r) in enumerate(zip(kinds, roles)) if k == "mother" and r is None] if victim != "her" else []
    if len(her) > 1 or (victim is None and not her):
        return roles
    free = [i for i, r in enumerate(roles) if r is None]
    sons = [i for i in free if kinds[i] == "son" and grown and grown[i]]
    men = [i for i in free if kinds[i] == "partner"] or ([] if men_read else [  # (a partner read in another table)
        i for i in free if kinds[i] == "father"] or (sons if len(sons) == 1 else []))
    out = list(roles)
    for i in her:
        out[i] = "victim??"
    for i in men:
        out[i] = "perpetrator??"
    return out


def presumption_said(roles: list[str | None], warn: Warn | None, victim: Victim = None) -> list[str | None]:
    """The roles with the presumed ones made plain, and the coordinator told what was presumed (once: not where the
    mother was presumed the victim before): an error, so the case waits for a person before it is listed."""
    if warn is not None and victim is None and "victim??" in roles:
        warn(PRESUMED, "referral.victim", "error")
    elif warn is not None and victim != "mother" and "perpetrator??" in roles and "victim??" not in roles:
        warn(PRESUMED_HIM, "referral.perpetrators", "error")
    return [r.rstrip("?") if r in ("victim??", "perpetrator??") else r for r in roles]


def victim_so_far(problems: list[Problem], fields: dict[str, RawValue], hers: bool = False) -> Victim:
    """Whether the victim is read yet when the next table of adults is, and how (`hers`: the form's words gave the
    victim a box of the child's mother)."""
    if any(p.message in (PRESUMED, PRESUMED_HIM) for p in problems):
        return "mother"
    if hers:
        return "her"
    name = fields.get("referral.victim.name")
    return "read" if isinstance(name, str) and name.strip() else None
