"""The adults of a child's household typed into one free-text box ("Name of Parents / Carers: include all adults"),
one a line or one a clause: "Bethany TESTER – Mother – DOB 24/10/1989 – 149 Canal Street, Exampletown, NR3 9TT – tel
0117 …", or "Kieran TESTER (mother's boyfriend), d.o.b. 3.8.95, 131 Foundry Road, …, E15 9QQ, tel not known". Each
becomes a row of a household table (name, relationship to the child, date of birth, address, phone), so that the
resolver tells the victim from the perpetrator as for any household table: by what the row or the concerns text says,
never by "Mother" alone. Parts are taken only by their shape: the date after "DOB", the phone after "tel", an address
that ends in a postcode; a line that does not start with a name is not read. The box's labels are data
(data/values.toml [household] adults_labels).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Labelled, RawValue, RowTable
from ..normalise import vocabulary
from .matcher import LabelTable
from .recognisers import RECOGNISERS

__all__ = ["HEADERS", "adult_lines"]

HEADERS = ["Name", "Relationship to child", "Date of birth", "Address", "Telephone"]
_NAME = re.compile(r"^\s*(?P<name>[A-Za-z][^,\d()–—]*?)\s*(?:\((?P<kin>[^()]*)\))?\s*(?:[,–—]|\s-\s|$)")
_DOB = re.compile(rf"\b(?:dob|d\.o\.b\.?|date of birth|born)\s*:?\s*(?P<date>{RECOGNISERS['date'].pattern})",
                  re.IGNORECASE)
_PHONE = re.compile(rf"\b(?:tel|telephone|phone|mob|mobile)\.?\s*:?\s*(?P<phone>{RECOGNISERS['phone'].pattern}"
                    r"|not known|unknown|n/k)", re.IGNORECASE)
_POSTCODE_END = re.compile(rf"(?:{RECOGNISERS['postcode'].pattern})\s*$")
_PARTS = re.compile(r"\s+[–—-]\s+")
_KIN_SHAPE = re.compile(r"^[A-Za-z'’ -]{3,30}$")


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], frozenset[str]]:
    data = vocabulary().get("household", {})
    return frozenset(data.get("adults_labels", [])), frozenset(data.get("adults", []))


def _line(line: str) -> list[RawValue] | None:
    """[name, relationship to child, dob, address, phone] of one adult's line, or None where it starts with no name."""
    head = _NAME.match(line)
    if head is None or len(head.group("name").split()) < 2:
        return None
    rest = line[head.end():]
    dob, phone = _DOB.search(rest), _PHONE.search(rest)
    for found in (dob, phone):
        if found is not None:
            rest = rest.replace(found.group(0), " – ")
    kin = head.group("kin")
    address_parts: list[str] = []
    for part in _PARTS.split(rest):
        part = part.strip(" ,;.–—-")
        if not part:
            continue
        words = " ".join(part.lower().replace("’", "'").split())
        if kin is None and (words in _words()[1] or (not address_parts and _KIN_SHAPE.match(part))):
            kin = part  # "Mother", or whatever words first follow the name ("Half-brother"), no number in them
        else:
            address_parts.append(part)
    address = ", ".join(p for p in address_parts if p)
    address = re.sub(r"\s*,\s*,\s*", ", ", address)
    phone_text = phone.group("phone") if phone else None
    return [head.group("name").strip(), kin.strip() if kin else None, dob.group("date") if dob else None,
            address if _POSTCODE_END.search(address) else None,
            phone_text if phone_text and RECOGNISERS["phone"].fullmatch(phone_text) else None]


def adult_lines(item: Labelled, table: LabelTable) -> RowTable | None:
    """The household table a parents / carers box makes, or None for any other box (or one no line of reads)."""
    labels, _ = _words()
    if not isinstance(item.value, str) or " ".join(table.words(item.label)) not in labels:
        return None
    lines = [p for p in re.split(r"\n|;\s+", item.value) if p.strip()]
    rows = [row for row in map(_line, lines) if row is not None]
    if not rows or len(rows) != len(lines):
        return None  # a line not read as an adult: the box is not taken apart by halves
    return RowTable(list(HEADERS), rows, item.section, None, list(item.headings))
