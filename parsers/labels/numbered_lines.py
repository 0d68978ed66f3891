"""One box answering for several people a line each, every line saying whose ("Relationship of the person(s) posing
the risk: Perpetrator 1: Boyfriend / Perpetrator 2: Husband"): each part is the numbered person's answer, as if typed
in that person's own box. Read whole, the lines would be one person's answer and the second person lost."""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Labelled
from .matcher import ROLE_BASE, LabelTable
from .whose import whose_role

__all__ = ["numbered_lines"]

_ROW_FIELDS = tuple(base for role, base in ROLE_BASE.items() if base.endswith(".*."))
# "Perpetrator 1:", "Child 2 -": one word and a number (a PDF may run the lines into one)
_WHO = re.compile(r"(?<![\w'])(?P<who>[A-Za-z]+\s*\d{1,2})\s*[:\-–—)]\s*")


def numbered_lines(labelled: list[Labelled], table: LabelTable) -> list[Labelled]:
    out: list[Labelled] = []
    for item in labelled:
        out += _split(item, table) or [item]
    return out


def _split(item: Labelled, table: LabelTable) -> list[Labelled] | None:
    if not isinstance(item.value, str):
        return None
    found = list(_WHO.finditer(item.value))
    if len(found) < 2 or item.value[:found[0].start()].strip():
        return None
    answers = [item.value[m.end():end].strip() for m, end in
               zip(found, [n.start() for n in found[1:]] + [len(item.value)])]
    who = [table.section(m.group("who")) for m in found]
    role = whose_role(table, item.section, item.title, item.context, item.headings)[0]
    target = table.match(item.label, role).target or table.match(item.label, None).target or ""
    roles = {r for r, _ in who}
    # every part one numbered person of the role the box asks about, each a different one, each answered
    if len(roles) != 1 or None in roles or any(i is None for _, i in who) or len({i for _, i in who}) != len(who) \
            or not all(answers) or not target.startswith(ROLE_BASE[next(iter(roles))]) \
            or not target.startswith(_ROW_FIELDS):
        return None
    return [replace(item, value=answer, section=m.group("who"), title=None, headings=[*item.headings, m.group("who")])
            for m, answer in zip(found, answers)]
