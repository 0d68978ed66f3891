"""Which person a table of people lists (perpetrators or children) and which field each of its columns is: from its
own title or the heading above, else from its headers (a "School" column makes it the children's). Split out of
parsers.labels.resolver, which puts the rows into the fields.
"""
from __future__ import annotations

from ..model import RowTable
from .matcher import ROLE_BASE, LabelTable
from .whose import whose_role

__all__ = ["ROW_ROLES", "table_columns"]

ROW_ROLES = ("perpetrator", "child")


def _columns(table: LabelTable, headers: list[str], role: str) -> list[str | None]:
    """The path template of each header for a table of `role` rows; a header seen twice counts once."""
    seen: set[str] = set()
    columns: list[str | None] = []
    for header in headers:
        found = table.match(header, role)
        target = found.target if found.status == "ok" else None
        if target is None or not target.startswith(ROLE_BASE[role]) or target in seen:
            columns.append(None)
            continue
        seen.add(target)
        columns.append(target)
    return columns


def table_columns(t: RowTable, table: LabelTable) -> tuple[str, list[str | None]] | None:
    role, _ = whose_role(table, t.section, t.title, None, t.headings)
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
