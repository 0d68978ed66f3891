"""A table of the children that also lists the adults of the household ("Full name | Date of birth | Role in
household": "Child (male)", "Mother – victim", "Alleged perpetrator – mother's boyfriend"), as children's services
forms print it. A row whose own words give it the victim's or a perpetrator's role is that person's; a row whose
relationship says it is an adult of the household ("Mother", "Stepfather", "Lodger": data/values.toml [household])
but not which of the two is no child, and is not read as one. Every other row is a child, as before.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from ..model import RawValue, RowTable
from ..normalise import vocabulary
from .adults import cells_of
from .matcher import LabelTable

__all__ = ["household", "row_roles"]

# "the victim's son", "son of the perpetrator": the role word says whose someone is, not who this row is
_QUALIFIES = re.compile(r"^['’]s\b")
_OF = re.compile(r"\b(?:of|to|for|with|by|as)\s+(?:the\s+)?$")
_RELATION = re.compile(r"\b(relationship|relation|role|relationship to child|who)\b")


@lru_cache(maxsize=1)
def _adult_words() -> frozenset[str]:
    return frozenset(vocabulary().get("household", {}).get("adults", []))


def _role_said(table: LabelTable, text: str) -> str | None:
    """The one role (victim or perpetrator) a cell's words give its row; None for none, or both."""
    flat = " ".join(re.sub(r"[^\w']+", " ", text.lower().replace("’", "'")).split())  # "victim's" kept whole
    roles = set()
    for hit in table.role_re.finditer(flat):
        if _QUALIFIES.match(flat[hit.end():]) or _OF.search(flat[:hit.start()]):
            continue
        roles.add(table.role_of.get(hit.group(1)))
    roles &= {"victim", "perpetrator"}
    return roles.pop() if len(roles) == 1 else None


def _adult_kin(text: str) -> bool:
    """ "Mother", "Step-father (not living here)", "Mother's partner": an adult of the household by what the cell's
    first words say the person is to the child."""
    first = re.split(r"\s+[–—-]\s+|[(,;/]", text.strip(), maxsplit=1)[0]
    return " ".join(first.lower().replace("’", "'").split()) in _adult_words()


def row_roles(t: RowTable, table: LabelTable) -> list[str | None]:
    """For each row of a children's table: "victim" or "perpetrator" where its relationship or role cell says so,
    "adult" where that cell makes it an adult of the household but not which, None for a child."""
    relation = [bool(_RELATION.search(" ".join(table.words(h)))) for h in t.headers]
    out: list[str | None] = []
    for row in t.rows:
        said = {r for at, c in zip(relation, row) if at and isinstance(c, str) and (r := _role_said(table, c))}
        if len(said) == 1:
            out.append(said.pop())
        elif any(at and isinstance(cell, str) and _adult_kin(cell) for at, cell in zip(relation, row)):
            out.append("adult")
        else:
            out.append(None)
    return out


def household(t: RowTable, table: LabelTable, next_perpetrator: int, put: Callable[[str, RawValue, str], None],
              warn: Callable[[str, str | None], None]) -> RowTable:
    """The children's table with only the children's rows left. The rows that are the victim's or a perpetrator's
    are put as theirs; adults' rows that say neither are not read, and `warn` says so."""
    roles = row_roles(t, table)
    if not any(roles):
        return t
    for path, value, header in cells_of(t, table, roles, next_perpetrator):
        put(path, value, header)
    if "adult" in roles:
        warn("the children's table also lists adults of the household that it does not say are the victim or the "
             "perpetrator; they were not read as children: check the household on the form", "referral.children")
    return replace(t, rows=[row for row, role in zip(t.rows, roles) if role is None])
