"""One box answered for several people by name: "Nature of relationship between perpetrator / victim: Kieran:
Boyfriend; Liam: Husband". Each perpetrator whose first name the box gives takes his own part; a perpetrator the
box names nothing for, or a box whose names match none of them, gets nothing from it (never the whole list, which
would read as his relationship). Split out of parsers.labels.resolver.
"""
from __future__ import annotations

import re

from ..model import RawValue

__all__ = ["split_per_name"]

_PAIR = re.compile(r"\s*([A-Z][\w'\-]+)\s*[:\u2013\u2014-]\s*([^;:]+?)\s*$")
_PER_NAME_COLUMNS = ("relationship_to_victim",)  # what a box says of each perpetrator by name


def _pairs(value: RawValue) -> dict[str, str] | None:
    """ "Kieran: Boyfriend; Liam: Husband" -> {"kieran": "Boyfriend", "liam": "Husband"}; None if not such a list."""
    if not isinstance(value, str) or ";" not in value and "\n" not in value:
        return None
    found: dict[str, str] = {}
    for part in re.split(r"[;\n]", value):
        if not part.strip():
            continue
        match = _PAIR.match(part)
        if match is None:
            return None
        found[match.group(1).casefold()] = match.group(2)
    return found if len(found) >= 2 else None


def split_per_name(fields: dict[str, RawValue], tagged: set[str]) -> None:
    """Give each perpetrator his own part of a box answered per name, in place."""
    for column in _PER_NAME_COLUMNS:
        paths = [p for p in fields if re.fullmatch(rf"referral\.perpetrators\.\d+\.{column}", p) and p not in tagged]
        lists = [pairs for p in paths if (pairs := _pairs(fields[p])) is not None]
        if not lists:
            continue
        given = {k: v for pairs in lists for k, v in pairs.items()}
        for path in paths:
            if _pairs(fields[path]) is None:
                continue
            name = fields.get(path.removesuffix(column) + "name")
            first = name.split()[0].casefold() if isinstance(name, str) and name.split() else None
            fields[path] = given.get(first) if first else None
        # a perpetrator with no relationship of his own yet, named in the list, takes his part too
        for index in range(20):
            base = f"referral.perpetrators.{index}."
            name = fields.get(base + "name")
            if not isinstance(name, str) or not name.split():
                continue
            if fields.get(base + column) in (None, "") and (part := given.get(name.split()[0].casefold())):
                fields[base + column] = part
