"""Who a referral is about, as matching sees it: the victim's names, aliases, date of birth, phone and
postcode, normalised so that spelling, case, accents, titles and formatting do not matter, and the
keys under which a referral is filed so that every possible match can be found again cheaply.

An `Identity` never shows its values in a repr (it may reach a log). Pure functions, no I/O.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

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


def usable_dob(dob: date | None) -> date | None:
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
                   dob=usable_dob(_date(victim.get("dob"))), phone=_phone_from(victim.get("phone")),
                   postcode=postcode)


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
