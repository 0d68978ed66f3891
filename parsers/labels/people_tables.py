"""Which person a table of people lists (perpetrators or children) and which field each of its columns is: from its
own title or the heading above, else from its headers (a "School" column makes it the children's). Split out of
parsers.labels.resolver, which puts the rows into the fields.
"""
from __future__ import annotations

import re

from ..model import RowTable
from .matcher import NONE, ROLE_BASE, LabelTable, Match, column_path
from .whose import whose_role

__all__ = ["ROW_ROLES", "as_own_column", "known_child", "match_for", "row_role_of", "table_columns"]

ROW_ROLES = ("perpetrator", "child")


def row_role_of(path: str) -> str | None:
    """Whose row a path is in (a perpetrator's or a child's), or None for a field of one."""
    return next((r for r in ROW_ROLES if path.startswith(ROLE_BASE[r])), None)


def _columns(table: LabelTable, headers: list[str], role: str) -> list[str | None]:
    """The path template of each header for a table of `role` rows; a header seen twice counts once."""
    seen: set[str] = set()
    columns: list[str | None] = []
    for header in headers:
        found = match_for(table, header, role)
        target = found.target if found.status == "ok" else None
        if target is None or not target.startswith(ROLE_BASE[role]) or target in seen:
            columns.append(None)
            continue
        seen.add(target)
        columns.append(target)
    return columns


def as_own_column(found: Match, role: str) -> Match:
    """A wording listed only for the victim ("Ethnic self classification", a bare "Ethnicity") in a box or row that
    is the perpetrator's (or a child's): his field of the same name, where he has one."""
    if found.status != "ok" or not (found.target or "").startswith("referral.victim."):
        return NONE
    column = column_path(role, (found.target or "").removeprefix("referral.victim."))
    return Match("ok", column) if column else NONE


_EITHER = re.compile(r"\s+and\s*/\s*or\s+|\s*/\s*|\s+or\s+|\s*&\s*|\s+and\s+")


def match_for(table: LabelTable, header: str, role: str) -> Match:
    """A header asking for one field of one person and another of another ("School / GP": a child's school, an
    adult's GP), or two of one person's ("Address & Contact number"): the first part that is a field of this
    person's (an address cell's phone number on its own line is split off by the reader of the rows)."""
    found = table.match(header, role)
    if found.status == "ok" or not _EITHER.search(header):
        return found
    own = ROLE_BASE[role].partition("*")[0]
    parts = [m for part in _EITHER.split(header) if (m := table.match(part, role)).status == "ok"
             and (m.target or "").startswith(own)]
    return parts[0] if parts else found


def table_columns(t: RowTable, table: LabelTable) -> tuple[str, list[str | None]] | None:
    if _professionals(t, table):
        return None  # "Other professionals involved: First Name | Family Name | Job Title | Team/Agency": no one's own
    role, _ = whose_role(table, t.section, t.title, None, t.headings)
    if role == "others":
        # "Significant family members who are not members of the child's household": adults or children, the
        # perpetrator among them or not; only the form's own words can say whose each row is (parsers.labels.adults)
        return "?", []
    if role in ROW_ROLES:
        return str(role), _columns(table, t.headers, str(role))
    # No heading that says whose rows these are: the headers decide (school -> children, aliases -> perpetrators).
    options = {r: _columns(table, t.headers, r) for r in ROW_ROLES}
    counts = {r: sum(c is not None for c in cols) for r, cols in options.items()}
    best = max(counts, key=lambda r: counts[r])
    if counts[best] == 0:
        return None
    if list(counts.values()).count(counts[best]) > 1:
        return "?", []  # could list children or perpetrators: the form's own words may say whose each row is
    return best, options[best]


def _professionals(t: RowTable, table: LabelTable) -> bool:
    """A table of the other agencies' workers, with a column of each one's agency or team: under a heading of the
    people or agencies involved, or with no one's date of birth or age ("Participants: Agency | Name")."""
    born = any((table.match(h, "child").target or "").endswith((".dob", ".age")) for h in t.headers)
    others = not born or table.section(t.section)[0] == "others" or any(table.section(h)[0] == "others"
                                                                         for h in t.headings)
    return others and any(table.match(h, "referrer").target == "referral.referrer.agency" for h in t.headers)


def _fold(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


def known_child(fields: dict[str, object], name: object,
                parts: dict[str, dict[str, object]] | None = None) -> tuple[int, bool] | None:
    """The child already read under this name, where a form lists its children twice (an identifying grid giving
    "Child 1: Owen", then the household table "Owen O'BRIEN"): (its row, whether the new name is the fuller one).
    Names read so far as forename and surname columns (`parts`, joined only at the end) count joined. None for a
    child not read yet, or a first name two children share."""
    if not isinstance(name, str) or not name.strip():
        return None
    new = _fold(name)
    joined = {path: " ".join(str(p[k]).strip() for k in ("forename", "surname") if isinstance(p.get(k), str))
              for path, p in (parts or {}).items() if path.endswith(".name")}
    found: list[tuple[int, bool]] = []
    for path, value in {**joined, **fields}.items():
        if not (path.startswith("referral.children.") and path.endswith(".name") and isinstance(value, str)):
            continue
        index, old = path.split(".")[2], _fold(value)
        if not index.isdigit() or not old:
            continue
        if old == new:
            found.append((int(index), False))
        elif " " not in old and new.split(" ")[0] == old:
            found.append((int(index), True))
    return found[0] if len(found) == 1 else None
