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

from ..model import Labelled
from .matcher import LabelTable, plain
from .recognisers import RECOGNISERS

__all__ = ["person_line"]

_LINE = re.compile(rf"^\s*(?P<name>[^,\d()]+?)\s*,\s*(?:dob|d\.o\.b\.?|date of birth|born)\s*:?\s*"
                   rf"(?P<dob>{RECOGNISERS['date'].pattern})\s*(?:,\s*(?P<rest>.*?))?\s*$", re.IGNORECASE | re.DOTALL)
_MARKER = re.compile(r"^\s*\(?(\d{1,2})[).]\s+")
_AKA = re.compile(r"\s*\((?:aka|a\.k\.a\.?|also known as)\b[^()]*\)", re.IGNORECASE)
_BRACKET = re.compile(r"\s*\(([^()]*)\)\s*$")
_POSTCODE_END = re.compile(rf"(?:{RECOGNISERS['postcode'].pattern})\s*\.?$")


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
    if rest and _POSTCODE_END.search(rest):
        parts.append((f"{who} address", rest))  # only an address that ends as one does; other words are not guessed
    if len(phones) == 1:
        parts.append((f"{who} telephone", phones[0]))
    if bracket and plain(bracket.group(1)) in table.option_lists.get("relationship to victim", frozenset()):
        word = bracket.group(1).strip()
        parts.append((f"{who} relationship to victim", word[:1].upper() + word[1:]))
    return [replace(item, label=label, value=value) for label, value in parts]
