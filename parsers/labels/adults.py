"""A children's form's table of the adults ("Name | Relationship to child | Date of Birth | Address | Contact No."):
its heading names no one and its columns fit a victim as well as a perpetrator, so whose each row is must come from
what the form says elsewhere, in its own words: the concerns text naming the person in a clause that says one role
("Grace EVANS-PRICE (mother) is the victim; the alleged perpetrator is Kieran FLETCHER"). "Mother" or "Father"
alone never says it. A row no clause ties to exactly one role is not read (nor is the table, if none is).
Split out of parsers.labels.resolver, which puts what `adult_rows` returns into the fields.
"""
from __future__ import annotations

import re

from ..model import RawValue, RowTable
from .matcher import ROLE_BASE, LabelTable
from .recognisers import RECOGNISERS

__all__ = ["adult_rows", "cells_of"]

_ROLES = ("victim", "perpetrator")
_CLAUSE = re.compile(r"[;.\n]+")
_NAME_MIN = 5  # a name shorter than this is too likely to occur by chance in the text
_POSTCODE_END = re.compile(rf"(?:{RECOGNISERS['postcode'].pattern})\s*\.?$")


def _role_in(table: LabelTable, clause: str, name: str) -> str | None:
    """The one role a clause gives the name it holds."""
    rest = clause.replace(name, " ")
    roles = {table.role_of.get(m.group(1)) for m in table.role_re.finditer(" ".join(table.words(rest)))}
    roles &= set(_ROLES)
    return roles.pop() if len(roles) == 1 else None


def _roles(table: LabelTable, names: list[str], texts: list[str]) -> list[str | None]:
    found: list[str | None] = []
    clauses = [c for text in texts for c in _CLAUSE.split(text) if c.strip()]
    for name in names:
        # the whole name, word for word: a cell cut short ("Imran PEMBERTO" from a wrapped PDF cell) is no match
        whole = re.compile(rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])") if len(name) >= _NAME_MIN else None
        said = {_role_in(table, c, name) for c in clauses if whole and whole.search(c)} - {None}
        found.append(said.pop() if len(said) == 1 else None)
    return found


def adult_rows(t: RowTable, table: LabelTable, texts: list[str],
               next_perpetrator: int) -> list[tuple[str, RawValue, str]] | None:
    """(path, value, header) for each cell of the rows the form's text ties to the victim or a perpetrator; None
    when the table has no name column or no row is tied (the caller's own reading, and its problem, stand)."""
    headers = [table.match(h, None) for h in t.headers]
    name_at = next((i for i, m in enumerate(headers) if m.status in ("ok", "needs_section")
                    and (m.target or "").rpartition(".")[2].lstrip("?") == "name"), None)
    if name_at is None:
        return None
    names = [str(row[name_at]).strip() if isinstance(row[name_at], str) else "" for row in t.rows]
    roles = _roles(table, names, texts)
    if roles.count("victim") > 1:
        roles = [None if r == "victim" else r for r in roles]  # two victims named: neither row is guessed
    if not any(roles):
        return None
    kin_at = next((i for i, h in enumerate(t.headers) if table.words(h)[-2:] == ["to", "child"]), None)
    kin = next((row[kin_at] for row, role in zip(t.rows, roles) if role == "victim" and kin_at is not None
                and isinstance(row[kin_at], str) and len(row[kin_at].split()) == 1), None)
    return cells_of(t, table, roles, next_perpetrator, kin_at, kin)


def cells_of(t: RowTable, table: LabelTable, roles: list[str | None], next_perpetrator: int, kin_at: int | None = None,
             kin: str | None = None) -> list[tuple[str, RawValue, str]]:
    """(path, value, header) for each cell of the rows given a role (victim or perpetrator), perpetrators numbered
    on from `next_perpetrator`."""
    out: list[tuple[str, RawValue, str]] = []
    index = next_perpetrator
    for row, role in zip(t.rows, roles):
        if role not in ("victim", "perpetrator"):
            continue
        base = "referral.victim." if role == "victim" else ROLE_BASE["perpetrator"].replace("*", str(index))
        for header, cell in zip(t.headers, row):
            found = table.match(header, role)
            target = found.target or ""
            if target.endswith(".address") and isinstance(cell, str) and not _POSTCODE_END.search(cell):
                continue  # an address is taken whole or not at all: one without its postcode may be cut short
            if found.status == "ok" and target.startswith(ROLE_BASE[role].partition("*")[0]):
                out.append((base + target.rpartition(".")[2], cell, header))
        told = _to_her(row[kin_at], kin) if role == "perpetrator" and kin and kin_at is not None else None
        if told:  # "Mother's boyfriend" where the victim's row says Mother: what he is to her
            out.append((base + "relationship_to_victim", told, t.headers[kin_at or 0]))
        index += role == "perpetrator"
    return out


def _to_her(cell: RawValue, kin: str) -> str | None:
    """ "Father – mother's ex-husband" -> "Ex-husband", when the victim is the child's "Mother"."""
    if not isinstance(cell, str):
        return None
    match = re.search(rf"(?:^|[\u2013\u2014,-]\s*){re.escape(kin)}['\u2019]s\s+([\w-]+(?:\s[\w-]+)?)\s*$", cell.strip(),
                      re.IGNORECASE)
    return match.group(1)[:1].upper() + match.group(1)[1:] if match else None
