"""One box answering for several people a line each, every line saying whose ("Relationship of the person(s) posing
the risk: Perpetrator 1: Boyfriend / Perpetrator 2: Husband"): each line is the numbered person's answer, as if typed
in that person's own box. Read whole, the lines would be one person's answer and the second person lost."""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Labelled
from .matcher import ROLE_BASE, LabelTable
from .whose import whose_role

__all__ = ["numbered_lines"]

_ROW_FIELDS = tuple(base for role, base in ROLE_BASE.items() if base.endswith(".*."))
_LINE = re.compile(r"^\s*(?P<who>[A-Za-z][A-Za-z' ]{2,40}?\s*\d{1,2})\s*[:\-–—)]\s*(?P<answer>\S.*?)\s*$")


def numbered_lines(labelled: list[Labelled], table: LabelTable) -> list[Labelled]:
    out: list[Labelled] = []
    for item in labelled:
        out += _split(item, table) or [item]
    return out


def _split(item: Labelled, table: LabelTable) -> list[Labelled] | None:
    if not isinstance(item.value, str):
        return None
    lines = [line for line in item.value.splitlines() if line.strip()]
    found = [_LINE.match(line) for line in lines]
    if len(lines) < 2 or not all(found):
        return None
    who = [table.section(m.group("who")) for m in found if m]
    role = whose_role(table, item.section, item.title, item.context, item.headings)[0]
    target = table.match(item.label, role).target or table.match(item.label, None).target or ""
    roles = {r for r, _ in who}
    # every line one numbered person of the role the box asks about, each a different one
    if len(roles) != 1 or None in roles or any(i is None for _, i in who) or len({i for _, i in who}) != len(who) \
            or not target.startswith(ROLE_BASE[next(iter(roles))]) or not target.startswith(_ROW_FIELDS):
        return None
    return [replace(item, value=m.group("answer"), section=m.group("who").strip(), title=None,
                    headings=[*item.headings, m.group("who").strip()]) for m in found if m]
