"""A table of the children that also lists the adults of the household ("Full name | Date of birth | Role in
household": "Child (female)", "Mother – victim", "Alleged perpetrator – mother's boyfriend"), as children's services
forms print it. A row whose own words give it the victim's or a perpetrator's role is that person's; a row whose
relationship says it is an adult of the household ("Mother", "Stepfather", "Lodger": data/values.toml [household]),
or whose date of birth makes them an adult, is no child: it is the victim's or a perpetrator's where the form's other
words tie it (parsers.labels.adults) or the presumption reads it so (parsers.labels.presumed), and otherwise not read,
with a problem. Every other row is a child; "(female)"
after "Child" in the role column is the child's gender.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ..model import RawValue, RowTable
from .adults import (
    OTHER_PARENT,
    adult_roles,
    adult_words,
    cells_of,
    kin_column,
    kin_of,
    own_roles,
    relation_columns,
    row_names,
    victim_kin,
)
from .matcher import LabelTable
from .people_tables import match_for
from .presumed import Victim, Warn, grown_rows, grown_up, presumption_said

__all__ = ["household", "row_roles"]


def _adult_kin(text: str) -> bool:
    """ "Mother", "Step-father (not living here)", "Mother's partner": an adult of the household by what the cell's
    first words say the person is to the child."""
    return kin_of(text) in adult_words()


def row_roles(t: RowTable, table: LabelTable) -> list[str | None]:
    """For each row of a children's table: "victim" or "perpetrator" where its relationship or role cell says so,
    "adult" where that cell makes it an adult of the household but not which, None for a child."""
    relation = relation_columns(t, table)
    born = [(m := match_for(table, h, "child")).status == "ok" and (m.target or "").endswith(".dob") for h in t.headers]
    out: list[str | None] = []
    for row, own in zip(t.rows, own_roles(t, table)):
        if own is not None:
            out.append(own)
        elif any(at and isinstance(cell, str) and _adult_kin(cell) for at, cell in zip(relation, row)) \
                or any(at and grown_up(cell) for at, cell in zip(born, row)):
            out.append("adult")  # by what the row says they are to the child, or by their age ("Half-brother", 26)
        else:
            out.append(None)
    return out


def household(t: RowTable, table: LabelTable, next_perpetrator: int, put: Callable[[str, RawValue, str], None],
              warn: Warn, texts: list[str], slots: dict[str, int], victim: Victim = None) -> RowTable:
    """The children's table with only the children's rows left. The rows that are the victim's or a perpetrator's
    are put as theirs: by their own words, else by what the concerns text says of them. Adults' rows that neither
    ties are not read, and `warn` says so."""
    roles = row_roles(t, table)
    if not any(roles):
        return t
    adult = [r == "adult" for r in roles]
    kin_at = kin_column(t, table)
    if "adult" in roles:
        names = row_names(t, table)
        kins = [kin_of(row[kin_at]) if kin_at is not None else None for row in t.rows]
        tied = adult_roles(table, names, kins, adult, [None if a else r for r, a in zip(roles, adult)], texts, victim,
                           grown_rows(t, table), next_perpetrator > 0)
        if "victim?" in tied:
            warn(OTHER_PARENT, "referral.victim")
        tied = presumption_said(tied, warn, victim)
        roles = ["victim" if r == "victim?" else r if r is not None or not a else "adult" for r, a in zip(tied, adult)]
    for path, value, header in cells_of(t, table, roles, next_perpetrator, kin_at, victim_kin(t, roles, kin_at),
                                        slots):
        put(path, value, header)
    if "adult" in roles:
        warn("the children's table also lists adults of the household that it does not say are the victim or the "
             "perpetrator; they were not read as children: check the household on the form", "referral.children")
    return _with_gender(replace(t, rows=[row for row, role in zip(t.rows, roles) if role is None]), table, kin_at)


_GENDER = re.compile(r"\((female|male|girl|boy|f|m)\)", re.IGNORECASE)


def _with_gender(t: RowTable, table: LabelTable, kin_at: int | None) -> RowTable:
    """ "Child (female)" in the role column, where the table has no gender column of its own: the child's gender."""
    if kin_at is None or any((m := table.match(h, "child")).status == "ok" and (m.target or "").endswith(".gender")
                             for h in t.headers):
        return t
    found = [_GENDER.search(row[kin_at]) if isinstance(row[kin_at], str) else None for row in t.rows]
    if not any(found):
        return t
    said = [("Female" if m.group(1).lower() in ("female", "girl", "f") else "Male") if m else None for m in found]
    return replace(t, headers=[*t.headers, "Gender"], rows=[[*row, g] for row, g in zip(t.rows, said)])
