"""Is this referral about a victim we already know? Two referrals compared, with a confidence and the
evidence behind it.

Getting this wrong is dangerous both ways: two different people merged share information wrongly; one
person split loses the history that shows escalation. So the rules are conservative where a record must
be wrong (a transposed date of birth), where a date of birth is missing, and where only phone or postcode
agree; and anything uncertain comes out 'possible', for the coordinator to decide.

Scoring: each piece of evidence adds or subtracts weight (log-odds), the total is squashed to 0..1, the
verdict comes from the configured thresholds ([matching] sure / possible), and then the hard rules below
cap (or, in one case, floor) the verdict; the score is kept inside the band of the final verdict.

The evidence is plain phrases ("same date of birth", "name matches an alias"), never the personal values
themselves: it goes into logs and the coordinator's notes. Pure functions, no I/O.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Literal, TypeVar

from rapidfuzz.distance import OSA

from marac.config import Matching

from .identity import Identity, name_tokens, normalise_phone, normalise_postcode, usable_dob

__all__ = ["Match", "Verdict", "compare", "best_match", "ranked_matches"]

Verdict = Literal["same", "possible", "different"]
K = TypeVar("K")

# --- weights (log-odds); see the module docstring -------------------------------------------------------
PRIOR = -2.5
NAME_EXACT = 3.5
NAME_EXTRA_NAMES = 0.5       # middle name(s) on one side only: strong but not perfect
NAME_INITIAL = 0.5           # an initial standing for a name
NAME_FUZZY = 1.5             # per name spelt slightly differently
NAME_CONFLICT = 2.5          # both sides have a name the other lacks (e.g. different middle names)
NAME_ALIAS = 0.5             # the agreement is through an alias rather than the main name
NAME_ONE_IN_COMMON = -0.5    # only forename or only surname agrees, the other differs (surname change?)
NAME_ONE_GIVEN = 1.0         # one side gives a single name, and it agrees
NAME_DIFFERENT = -3.0
DOB_SAME = 2.2
DOB_SWAPPED = 0.7
DOB_DIFFERENT = -5.0
PHONE_SAME = 1.5
PHONE_DIFFERENT = -0.2       # people change phones, victims especially
POSTCODE_SAME = 1.0
POSTCODE_DIFFERENT = 0.0     # victims move, often in a hurry

STRONG_NAME = 2.5            # name agreement strong enough to outweigh a different date of birth (with support)
NAME_AGREES = 1.5            # name agreement needed for a 'same' verdict at all

_RANK: dict[str, int] = {"different": 0, "possible": 1, "same": 2}


@dataclass(frozen=True)
class Match:
    score: float                  # 0..1, inside the band of the verdict
    evidence: tuple[str, ...]     # plain phrases, never personal values
    verdict: Verdict


# --- names ----------------------------------------------------------------------------------------------
def _merge(tokens: tuple[str, ...], other: set[str]) -> tuple[str, ...]:
    """Join neighbouring parts that the other name writes as one: o + brien -> obrien."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for n in (4, 3, 2):
            run = tokens[i:i + n]
            if len(run) == n and "".join(run) in other and not all(t in other for t in run):
                out.append("".join(run))
                i += n
                break
        else:
            out.append(tokens[i])
            i += 1
    return tuple(out)


def _token_match(x: str, y: str) -> tuple[str, float] | None:
    if x == y:
        return "exact", 1.0
    if len(x) == 1 or len(y) == 1:
        return ("initial", 0.9) if x[0] == y[0] else None
    similarity = OSA.normalized_similarity(x, y)
    if max(len(x), len(y)) >= 4 and similarity >= 0.75:
        return "fuzzy", similarity
    return None


@dataclass(frozen=True)
class _Names:
    weight: float
    phrases: tuple[str, ...]


def _compare_tokens(a: tuple[str, ...], b: tuple[str, ...]) -> _Names:
    a, b = _merge(a, set(b)), _merge(b, set(a))
    if sorted(a) == sorted(b):
        return _Names(NAME_EXACT, ("same name",))
    pairs = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            found = _token_match(x, y)
            if found:
                pairs.append((found[1], min(x, y), max(x, y), i, j, found[0]))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    kinds: list[str] = []
    for _, _, _, i, j, kind in pairs:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            kinds.append(kind)
    extra_a, extra_b = len(a) - len(kinds), len(b) - len(kinds)
    full = [k for k in kinds if k != "initial"]
    if not full:
        return _Names(NAME_DIFFERENT, ("different name",))
    if len(kinds) == 1:
        if extra_a and extra_b:
            if full == ["exact"]:
                return _Names(NAME_ONE_IN_COMMON, ("only the forename or only the surname is the same",))
            return _Names(NAME_DIFFERENT, ("different name",))
        return _Names(NAME_ONE_GIVEN - (NAME_FUZZY if full == ["fuzzy"] else 0), ("only one name given",))
    weight = NAME_EXACT
    phrases = []
    fuzzy = kinds.count("fuzzy")
    if fuzzy:
        weight -= NAME_FUZZY * fuzzy
        phrases.append("name spelt slightly differently")
    if "initial" in kinds:
        weight -= NAME_INITIAL
        phrases.append("an initial matches a name")
    if extra_a and extra_b:
        weight -= NAME_CONFLICT
        phrases.append("some names differ")
    elif extra_a or extra_b:
        weight -= NAME_EXTRA_NAMES
        phrases.append("same name apart from a middle name")
    return _Names(weight, tuple(phrases))


def _compare_names(a: Identity, b: Identity) -> _Names | None:
    """The best agreement over every name and alias pair; None when either side has no name at all."""
    def variants(who: Identity) -> list[tuple[bool, tuple[str, ...]]]:
        found = [(False, name_tokens(who.name))] + [(True, name_tokens(alias)) for alias in who.aliases]
        return [(is_alias, tokens) for is_alias, tokens in found if tokens]

    va, vb = variants(a), variants(b)
    if not va or not vb:
        return None
    best: _Names | None = None
    for alias_a, ta in va:
        for alias_b, tb in vb:
            names = _compare_tokens(ta, tb)
            if (alias_a or alias_b) and names.weight > 0:
                phrase = "an alias matches an alias" if alias_a and alias_b else "name matches an alias"
                names = _Names(names.weight - NAME_ALIAS,
                               (phrase,) + tuple(p for p in names.phrases if p != "same name"))
            if best is None or names.weight > best.weight:
                best = names
    return best


# --- the comparison -------------------------------------------------------------------------------------
def _below(threshold: float) -> float:
    return max(0.0, round(threshold - 0.01, 3))


def _band(score: float, verdict: Verdict, settings: Matching) -> float:
    if verdict == "same":
        return max(score, settings.sure)
    if verdict == "possible":
        return min(max(score, settings.possible), max(settings.possible, _below(settings.sure)))
    return min(score, _below(settings.possible))


def compare(a: Identity, b: Identity, settings: Matching) -> Match:
    """How sure we are that two identities are the same victim, and why. Symmetric."""
    evidence: list[str] = []
    total = PRIOR

    names = _compare_names(a, b)
    if names is None:
        evidence.append("name missing on one referral")
        name_weight = 0.0
    else:
        evidence.extend(names.phrases)
        name_weight = names.weight
    total += name_weight

    dob_a, dob_b = usable_dob(a.dob), usable_dob(b.dob)
    if dob_a is None or dob_b is None:
        dob = "missing"
        evidence.append("date of birth missing on one referral")
    elif dob_a == dob_b:
        dob = "same"
        total += DOB_SAME
        evidence.append("same date of birth")
    elif dob_a.year == dob_b.year and dob_a.day == dob_b.month and dob_a.month == dob_b.day:
        dob = "swapped"
        total += DOB_SWAPPED
        evidence.append("date of birth with day and month swapped")
    else:
        dob = "different"
        total += DOB_DIFFERENT
        evidence.append("different date of birth")

    phone_a, phone_b = normalise_phone(a.phone), normalise_phone(b.phone)
    same_phone = phone_a is not None and phone_a == phone_b
    if same_phone:
        total += PHONE_SAME
        evidence.append("same phone number")
    elif phone_a and phone_b:
        total += PHONE_DIFFERENT
        evidence.append("different phone number")

    postcode_a, postcode_b = normalise_postcode(a.postcode), normalise_postcode(b.postcode)
    same_postcode = postcode_a is not None and postcode_a == postcode_b
    if same_postcode:
        total += POSTCODE_SAME
        evidence.append("same postcode")
    elif postcode_a and postcode_b:
        total += POSTCODE_DIFFERENT
        evidence.append("different postcode")

    score = round(1.0 / (1.0 + math.exp(-total)), 3)
    verdict: Verdict = "same" if score >= settings.sure else "possible" if score >= settings.possible \
        else "different"

    # The hard rules.
    cap: Verdict = "same"
    floor: Verdict = "different"
    if name_weight < NAME_AGREES:
        cap = "possible"          # 'same' needs the names to agree (a missing name cannot)
    note = None
    if dob == "swapped":
        cap = "possible"
        note = "one of the two dates of birth must be wrong: a person should check"
    elif dob == "missing" and not (same_phone and same_postcode):
        cap = "possible"
    elif dob == "different":
        if names is not None and name_weight >= STRONG_NAME and same_phone and same_postcode:
            cap = floor = "possible"
            note = "name, phone and postcode agree despite the different date of birth"
        else:
            cap = "different"
    if name_weight <= 0 and dob != "same":
        cap = "different"         # phone and postcode are never enough on their own
    if _RANK[verdict] > _RANK[cap]:
        verdict = cap
    if _RANK[verdict] < _RANK[floor]:
        verdict = floor
    if note and verdict == "possible":
        evidence.append(note)
    return Match(score=_band(score, verdict, settings), evidence=tuple(evidence), verdict=verdict)


def ranked_matches(candidate: Identity, known: Iterable[tuple[K, Identity]],
                   settings: Matching) -> list[tuple[K, Match]]:
    """Every known identity that is not 'different', strongest first ('same' before 'possible', then by
    score; ties keep the order given). More than one entry means the coordinator may want to look."""
    found = [(key, compare(candidate, identity, settings)) for key, identity in known]
    found = [(key, match) for key, match in found if match.verdict != "different"]
    return sorted(found, key=lambda item: (_RANK[item[1].verdict], item[1].score), reverse=True)


def best_match(candidate: Identity, known: Iterable[tuple[K, Identity]],
               settings: Matching) -> tuple[K, Match] | None:
    """The strongest match that is not 'different', or None."""
    ranked = ranked_matches(candidate, known, settings)
    return ranked[0] if ranked else None
