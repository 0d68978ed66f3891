"""A person typed as one line of prose after a label naming them: "Victim: Grace EVANS-PRICE, DOB 17/10/1974, 25
Hawthorn Drive, Exampletown, BS5 0XJ (aka Grace PRICE)". Taken apart only where each part is recognisable by its
shape: the name first and free of digits, the date of birth after "DOB" / "born", an address only where it ends in
a postcode, a phone by its pattern; "(aka …)" stays with the name (parsers.labels.tidy takes it to the aliases).
A line that does not read so is left whole (the name check then raises its problem). A bracket in the label naming a
relationship ("Alleged perpetrator (son)") is his relationship to the victim. Split out of parsers.labels.values.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..model import Labelled
from ..normalise import vocabulary
from .matcher import LabelTable, plain
from .recognisers import RECOGNISERS

__all__ = ["person_line"]

# "Mohammed VAUGHAN (son), DOB 02/06/1988, …": the name, what he is to her in a bracket, the date of birth, the rest;
# a sentence after a full stop ("… 02/06/1988. Not in law enforcement.") says something else and is left
_LINE = re.compile(rf"^\s*(?P<name>[^,\d()]+?)(?:\s*\((?P<kin>[^()\d]{{2,30}})\))?\s*,\s*"
                   rf"(?:dob|d\.o\.b\.?|date of birth|born)\s*:?\s*(?P<dob>{RECOGNISERS['date'].pattern})\s*"
                   rf"(?:,\s*(?P<rest>[^\n]*?))?(?:[.;]\s+[A-Z][^\n]*)?\s*\.?\s*$", re.IGNORECASE | re.DOTALL)
_MARKER = re.compile(r"^\s*\(?(\d{1,2})[).]\s+")
_AKA = re.compile(r"\s*\((?:aka|a\.k\.a\.?|also known as)\b[^()]*\)", re.IGNORECASE)
_BRACKET = re.compile(r"\s*\(([^()]*)\)\s*$")
_POSTCODE_END = re.compile(rf"(?:{RECOGNISERS['postcode'].pattern})\s*\.?$")
_SPACED_DASH = re.compile(r"\s+[–—-]\s+")
_LIVES_WITH = re.compile(r"^(?:lives|living|resides|residing|stays|staying)\s+with\s+(?P<whom>[^,]+?)"
                         r"\s*(?:,\s*(?P<at>.*))?$", re.IGNORECASE)


def _said_of(who: str, said: str, child: bool) -> list[tuple[str, str]]:
    """What one part of the line after the date of birth says, where its shape tells: an address that ends as one
    does; for a child, a school or nursery by its words (data/values.toml [child_line]) and whom the child lives
    with ("lives with mum": the victim; "lives with maternal grandmother, 12 Elm Close, …": not, and that address).
    Words of any other shape are not guessed at."""
    living = _LIVES_WITH.match(said) if child else None
    if living is not None:
        whom = plain(living.group("whom"))
        words = vocabulary().get("child_line", {})
        found: list[tuple[str, str]] = []
        if whom in words.get("with_victim", []):
            found.append((f"{who} lives with victim", "Yes"))
        elif whom in words.get("with_others", []):
            found.append((f"{who} lives with victim", "No"))
        at = living.group("at") or ""
        return found + ([(f"{who} address", at)] if _POSTCODE_END.search(at) else [])
    if _POSTCODE_END.search(said):
        return [(f"{who} address", said)]
    if child and _school_words().search(said) and len(said.split()) <= 6:
        return [(f"{who} school", said)]
    return []


@lru_cache(maxsize=1)
def _school_words() -> re.Pattern[str]:
    words = vocabulary().get("child_line", {}).get("school_words", [])
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


def person_line(item: Labelled, table: LabelTable) -> list[Labelled] | None:
    """The label's person's name, date of birth, address and phone from one line, or None where it is no such line."""
    if not isinstance(item.value, str):
        return None
    found = table.match(item.label, None)
    if found.status not in ("ok", "needs_section") or not (found.target or "").endswith((".name", "?name")):
        return None
    marker = _MARKER.match(item.value)  # "1) Darren EVANS-PRICE, DOB …" under "Children": the first of them
    line = _LINE.match(item.value[marker.end():] if marker else item.value)
    if line is None or (marker and "*" not in (found.target or "")):
        return None
    rest = line.group("rest") or ""
    alias = " ".join(m.group(0).strip() for m in _AKA.finditer(rest))
    rest = _AKA.sub("", rest).strip(" ,;")
    phones = [m.group(0) for m in RECOGNISERS["phone"].finditer(rest)]
    for phone in phones:
        rest = rest.replace(phone, " ")
    rest = " ".join(rest.split()).strip(" ,;–-")
    bracket = _BRACKET.search(item.label)
    who = _BRACKET.sub("", item.label).strip() if bracket else item.label
    who = f"{who} {marker.group(1)}" if marker else who
    parts = [(f"{who} name", f"{line.group('name')} {alias}".strip()), (f"{who} date of birth", line.group("dob"))]
    for said in _SPACED_DASH.split(rest) if rest else ():
        parts += _said_of(who, said.strip(" ,;."), ".children." in (found.target or ""))
    if len(phones) == 1:
        parts.append((f"{who} telephone", phones[0]))
    kin = bracket.group(1) if bracket else line.group("kin")
    if kin and plain(kin) in table.option_lists.get("relationship to victim", frozenset()):
        word = kin.strip()
        parts.append((f"{who} relationship to victim", word[:1].upper() + word[1:]))
    return [replace(item, label=label, value=value) for label, value in parts]
