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
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Literal, TypeVar

from rapidfuzz.distance import OSA

from .config import Matching

__all__ = ["Identity", "Match", "Verdict", "compare", "best_match", "ranked_matches",
           "name_tokens", "normalise_phone", "normalise_postcode"]

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


# --- normalisation ------------------------------------------------------------------------------------
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev"})
_PLACEHOLDERS = frozenset({"unknown", "notknown", "nk", "na", "none", "tbc", "tba", "withheld", "notgiven",
                           "notstated", "refused"})
_LETTERS = str.maketrans({"ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                          "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "œ": "oe", "Œ": "OE",
                          "ı": "i", "\u00ad": ""})
_APOSTROPHES = re.compile(r"['’‘ʼʻ`´]")
_HYPHENS = re.compile(r"[-‐‑‒–—―]")
_NOT_LETTERS = re.compile(r"[^\w\s]|[\d_]")
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$")
_POSTCODE_IN_TEXT = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})\b")
_PHONE_IN_TEXT = re.compile(r"(?:\+|\b)[\d(][\d\s().-]{7,}\d")


def _fold(text: str) -> str:
    """Lower case without accents: Zoë -> zoe, Ø -> o."""
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def name_tokens(name: str | None) -> tuple[str, ...]:
    """The parts of a name, normalised: case, accents, apostrophes (joined: O'Brien -> obrien), hyphens
    (split: Smith-Jones -> smith jones), titles dropped, "SURNAME, Forename" turned round. Placeholders
    such as "Unknown" or "N/A" give no name at all."""
    if not name:
        return ()
    text = _APOSTROPHES.sub("", _fold(name))
    if re.sub(r"[\W_]", "", text) in _PLACEHOLDERS:
        return ()
    if "," in text:
        surname, _, forenames = text.partition(",")
        text = f"{forenames} {surname}"
    text = _NOT_LETTERS.sub(" ", _HYPHENS.sub(" ", text))
    tokens = text.split()
    named = [t for t in tokens if t not in _TITLES]
    return tuple(named)


def normalise_phone(phone: str | None) -> str | None:
    """Digits only, UK numbers in national form (+44 / 0044 / 44 -> 0, "(0)" dropped); None when there
    are too few digits to be a phone number."""
    if not phone:
        return None
    text = phone.strip()
    digits = re.sub(r"\D", "", text)
    international = text.startswith("+") or digits.startswith("00")
    digits = digits[2:] if digits.startswith("00") else digits
    if digits.startswith("44") and (international or len(digits) == 12):
        rest = digits[2:]
        digits = rest if rest.startswith("0") else "0" + rest
    elif international:
        digits = "00" + digits
    return digits if len(digits) >= 10 else None


def normalise_postcode(postcode: str | None) -> str | None:
    """Upper case, no spaces; None unless it is a whole UK postcode (a district alone proves little)."""
    if not postcode:
        return None
    text = re.sub(r"\s", "", postcode).upper()
    return text if _POSTCODE.match(text) else None


def _usable_dob(dob: date | None) -> date | None:
    """Systems record an unknown date of birth as 01/01/1900: that is no date of birth."""
    if dob is None or dob.year < 1900 or dob == date(1900, 1, 1):
        return None
    return dob


# --- identity -------------------------------------------------------------------------------------------
_ALIAS_WORDS = re.compile(r"\b(?:a\.?k\.?a\.?|also known as|known as|formerly|previously)\b[\s:]*", re.I)
_BIRTH_SURNAME = re.compile(r"^(?:n[ée]e|born|maiden name)\b[\s:]*", re.I)


def _split_name(name: str) -> tuple[str, list[str]]:
    """'Jane SMITH (née BROWN) aka Janey Smith' -> 'Jane SMITH', ['Jane BROWN', 'Janey Smith']."""
    extra = [m.strip() for m in re.findall(r"\(([^)]*)\)", name)]
    main = re.sub(r"\([^)]*\)", " ", name)
    main, *more = _ALIAS_WORDS.split(main)
    extra += more
    main = " ".join(main.split()).strip(" ,;/")
    aliases = []
    for alias in extra:
        alias = " ".join(_ALIAS_WORDS.sub("", alias).split()).strip(" ,;/")
        aliases.append(alias)
    return main, aliases


def _with_surname(main: str, surname: str) -> str:
    """The main name with its surname replaced (for 'née BROWN')."""
    if "," in main:
        return f"{main.partition(',')[2].strip()} {surname}"
    words = main.split()
    capitals = [i for i, w in enumerate(words) if len(w) > 1 and w.isupper()]
    if len(capitals) == 1 and len(words) > 1:
        at = capitals[0]
    else:
        at = len(words) - 1
    return " ".join(words[:at] + words[at + 1:] + [surname]) if words else surname


def _expand_alias(main: str, alias: str) -> str:
    birth = _BIRTH_SURNAME.match(alias)
    if birth:
        rest = alias[birth.end():].strip()
        return _with_surname(main, rest) if len(rest.split()) == 1 and main else rest
    return alias


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _phone_from(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    for found in _PHONE_IN_TEXT.findall(value):
        phone = normalise_phone(found)
        if phone:
            return phone
    return normalise_phone(value)


@dataclass(frozen=True, repr=False)
class Identity:
    """What identifies a victim across referrals. Its repr never shows the values (it may reach a log)."""
    name: str | None
    aliases: tuple[str, ...] = ()
    dob: date | None = None
    phone: str | None = None
    postcode: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.aliases, tuple):
            object.__setattr__(self, "aliases", tuple(self.aliases))

    def __repr__(self) -> str:
        shown = ", ".join(f"{f}={'given' if getattr(self, f) else 'none'}"
                          for f in ("name", "aliases", "dob", "phone", "postcode"))
        return f"Identity({shown})"

    @classmethod
    def from_referral(cls, referral: dict[str, Any] | None) -> "Identity":
        """From the schema's `referral` object (the whole parse output is accepted too). Aliases written
        into the name ("Jane SMITH (née BROWN)", "aka ...") become aliases; the postcode is taken from the
        address when the postcode field is empty."""
        referral = referral or {}
        if "victim" not in referral and isinstance(referral.get("referral"), dict):
            referral = referral["referral"]
        victim = referral.get("victim") or {}
        raw_name = victim.get("name") if isinstance(victim.get("name"), str) else None
        main, aliases = _split_name(raw_name) if raw_name else ("", [])
        listed = [a for a in (victim.get("aliases") or []) if isinstance(a, str)]
        for alias in listed:
            alias_main, alias_more = _split_name(alias)
            aliases += [alias_main, *alias_more]
        expanded: list[str] = []
        for alias in aliases:
            alias = _expand_alias(main, alias)
            if name_tokens(alias) and alias not in expanded:
                expanded.append(alias)
        postcode = normalise_postcode(victim.get("postcode") if isinstance(victim.get("postcode"), str) else None)
        address = victim.get("address")
        if postcode is None and isinstance(address, str):
            found = _POSTCODE_IN_TEXT.findall(address.upper())
            postcode = normalise_postcode("".join(found[-1])) if found else None
        return cls(name=main if name_tokens(main) else None, aliases=tuple(expanded),
                   dob=_usable_dob(_date(victim.get("dob"))), phone=_phone_from(victim.get("phone")),
                   postcode=postcode)


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

    dob_a, dob_b = _usable_dob(a.dob), _usable_dob(b.dob)
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


def blocking_keys(identity: Identity) -> set[str]:
    """Keys under which a referral is filed for matching: every name token and the date of birth."""
    keys = {f"n:{token}" for name in (identity.name, *identity.aliases) for token in name_tokens(name)
            if len(token) > 1}
    if identity.dob is not None:
        keys.add(f"d:{identity.dob.isoformat()}")
    if identity.phone:
        keys.add(f"p:{identity.phone}")
    return keys


def candidate_keys(identity: Identity) -> set[str]:
    """Keys to look up for a new referral: its own, plus its date of birth with day and month swapped,
    so every pair `compare` could call 'same' or 'possible' shares at least one key."""
    keys = blocking_keys(identity)
    dob = identity.dob
    if dob is not None and dob.day <= 12 and dob.day != dob.month:
        keys.add(f"d:{dob.replace(month=dob.day, day=dob.month).isoformat()}")
    return keys
