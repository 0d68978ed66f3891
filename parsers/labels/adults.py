"""A children's form's table of the adults ("Name | Relationship to child | Date of Birth | Address | Contact No."):
its heading names no one and its columns fit a victim as well as a perpetrator, so whose each row is must come from
what the form says elsewhere, in its own words: the concerns text naming the person in a clause that says one role
("Grace EVANS-PRICE (mother) is the victim; the alleged perpetrator is Kieran FLETCHER"), or says who harms whom
("Domestic abuse by Kieran FLETCHER towards mother": data/values.toml [household] done_by / done_to), or the form's
own boxes ("Alleged perpetrator(s): …"), or the row's own relationship cell ("Mother (victim)"). Where the alleged
perpetrator is named and the victim is not, the one other parent of the child is read as the victim, with a problem
(OTHER_PARENT). Where nothing ties anyone, "Mother", "Mother's boyfriend" and the like are only a presumption, read
with an error that holds the case for a person (parsers.labels.presumed). The rows tied are put as the victim's or a
perpetrator's (`cells_of`), with what he is to her where the relationships to the child tell it ("Mother's
boyfriend"). Split out of parsers.labels.resolver, which puts what `adult_rows` returns into the fields.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import RawValue, RowTable
from ..normalise import parse_bool_or_none, vocabulary
from .address_cell import address_and_phone
from .matcher import ROLE_BASE, LabelTable
from .meaning import says_as_above
from .people_tables import as_own_column, match_for
from .presumed import Kin, Victim, Warn, grown_rows, kin_kind, presumed, presumption_said
from .recognisers import RECOGNISERS

__all__ = ["OTHER_PARENT", "adult_roles", "adult_rows", "adult_words", "cells_of", "column_roles", "household_kinds",
           "kin_of", "kin_role", "named_elsewhere", "own_roles", "relation_columns", "role_asked", "row_names",
           "said_yes"]

_FIRST_PART = re.compile(r"\s+[–—-]\s+|[(,;/]")


def kin_of(text: object) -> str | None:
    """What a cell says the adult is to the child, folded: "Mother's boyfriend (lives elsewhere)" -> "mother's
    boyfriend", "Father / carer" -> "father"."""
    if not isinstance(text, str) or not text.strip():
        return None
    first = _FIRST_PART.split(text.strip(), maxsplit=1)[0]
    return " ".join(first.lower().replace("’", "'").split()) or None

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


@lru_cache(maxsize=1)
def _done() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = vocabulary().get("household", {})
    by, to = ([re.escape(p) for p in sorted(data.get(k, []), key=len, reverse=True)] for k in ("done_by", "done_to"))
    return (re.compile(rf"\b(?:{'|'.join(by)})\s+(?P<who>.+?)(?=\s+(?:{'|'.join(to)})\b|$)", re.IGNORECASE),
            re.compile(rf"\b(?:{'|'.join(to)})\s+(?:the\s+|her\s+|his\s+|their\s+)?(?P<who>.+?)"
                       r"(?:\s+by\s+(?P<by>.+))?$", re.IGNORECASE))


def _spans(clause: str) -> tuple[list[str], list[str]]:
    """The stretches of a clause naming who harms ("by Kieran FLETCHER and Liam SZYMANSKI") and who is harmed
    ("towards mother")."""
    by, to = _done()
    after = [m for m in to.finditer(clause)]  # "abuse towards mother by Kieran TESTER": who harms comes last
    return ([m.group("who") for m in by.finditer(clause)] + [m.group("by") for m in after if m.group("by")],
            [m.group("who") for m in after])


def _whole(name: str) -> re.Pattern[str] | None:
    # the whole name, word for word: a cell cut short ("Imran PEMBERTO" from a wrapped PDF cell) is no match
    return re.compile(rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])") if len(name) >= _NAME_MIN else None


def _roles(table: LabelTable, names: list[str], texts: list[str], kins: list[str | None] | None = None
           ) -> list[str | None]:
    found: list[str | None] = []
    clauses = [c for text in texts for c in _CLAUSE.split(text) if c.strip()]
    spans = [_spans(c) for c in clauses]
    kins = kins or [None] * len(names)
    for name, kin in zip(names, kins):
        whole = _whole(name)
        said = {_role_in(table, c, name) for c in clauses if whole and whole.search(c)} - {None}
        for by, to in spans:
            said |= {"perpetrator" for span in by if whole and whole.search(span)}
            said |= {"victim" for span in to if (whole and whole.search(span)) or _kin_is(kin, span, kins)}
        found.append(said.pop() if len(said) == 1 else None)
    return found


def _kin_is(kin: str | None, span: str, kins: list[str | None]) -> bool:
    """ "towards mother" names the one adult whose relationship to the child is "Mother"."""
    if not kin:
        return False
    first = " ".join(span.lower().replace("’", "'").split()[:len(kin.split())])
    return first == kin and kins.count(kin) == 1


def adult_roles(table: LabelTable, names: list[str], kins: list[str | None], adult: list[bool],
                roles: list[str | None], texts: list[str], victim: Victim = None, grown: list[bool] | None = None,
                men_read: bool = False) -> list[str | None]:
    """The roles of a table's rows, the adults' unknown ones taken from the concerns text; where nothing ties anyone,
    what each adult is to the child, as a presumption (parsers.labels.presumed: "victim??", "perpetrator??")."""
    said = _roles(table, names, texts, kins)
    out = [r if r is not None or not a else s for r, a, s in zip(roles, adult, said)]
    if out.count("victim") > 1:
        out = [None if r == "victim" and a else r for r, a in zip(out, adult)]  # two victims named: none is guessed
    if (other := _other_parent(kins, adult, out)) is not None:
        out[other] = "victim?"  # the caller reads it as the victim's, and says how it was told (OTHER_PARENT)
    return presumed(kins, adult, out, victim, grown, men_read)


OTHER_PARENT = ("the form names the alleged perpetrator but not the victim; the child's other parent in the household "
                "was read as the victim: check")


@lru_cache(maxsize=1)
def _parent_words() -> frozenset[str]:
    return frozenset(vocabulary().get("household", {}).get("parents", []))


def _other_parent(kins: list[str | None], adult: list[bool], roles: list[str | None]) -> int | None:
    """The one adult left who is a parent of the child, where the form names the alleged perpetrator (by his row's
    own words, the concerns text or its own box) and not the victim: a parent he is not, whom the referral is about.
    Never where no perpetrator is named: "Mother" and "Father" alone do not say which is which."""
    if "perpetrator" not in roles or "victim" in roles:
        return None
    parents = [i for i, (k, a, r) in enumerate(zip(kins, adult, roles))
               if a and r is None and k in _parent_words()]
    return parents[0] if len(parents) == 1 else None


def adult_rows(t: RowTable, table: LabelTable, texts: list[str], next_perpetrator: int,
               slots: dict[str, int] | None = None, warn: Warn | None = None, victim: Victim = None
               ) -> list[tuple[str, RawValue, str]] | None:
    """(path, value, header) for each cell of the rows the form's text ties to the victim or a perpetrator; None
    when the table has no name column or no row is tied (the caller's own reading, and its problem, stand)."""
    names = row_names(t, table)
    if not any(names):
        return None
    kin_at = kin_column(t, table)
    kins = [kin_of(row[kin_at]) if kin_at is not None else None for row in t.rows]
    roles = adult_roles(table, names, kins, [True] * len(t.rows), own_roles(t, table), texts, victim,
                        grown_rows(t, table), next_perpetrator > 0)
    if not any(roles):
        return None
    if "victim?" in roles and warn is not None:
        warn(OTHER_PARENT, "referral.victim")
    roles = presumption_said(["victim" if r == "victim?" else r for r in roles], warn, victim)
    return cells_of(t, table, roles, next_perpetrator, kin_at, victim_kin(t, roles, kin_at), slots)


@lru_cache(maxsize=1)
def adult_words() -> frozenset[str]:
    """What an adult of the household is to the child ("Mother", "Step-father", "Lodger": data/values.toml)."""
    return frozenset(vocabulary().get("household", {}).get("adults", []))


@lru_cache(maxsize=1)
def _role_columns() -> dict[str, frozenset[str]]:
    said = vocabulary().get("household", {}).get("role_columns", {})
    return {role: frozenset(said.get(role, [])) for role in _ROLES}


def column_roles(t: RowTable, table: LabelTable) -> list[str | None]:
    """Each row's role where a column asks it of every person ("Alleged to be causing harm? Y / N": "Y"), the one
    role its yes answers say; None where no such column is answered yes (a "Y / N" left as printed says nothing)."""
    out: list[str | None] = [None] * len(t.rows)
    for at, header in enumerate(t.headers):
        role = role_asked(table, header)
        for i, row in enumerate(t.rows):
            if role is not None and at < len(row) and said_yes(row[at]):
                out[i] = role if out[i] in (None, role) else "?"
    return [None if r == "?" else r for r in out]


# "the victim's son", "son of the perpetrator": the role word says whose someone is, not who this row is
_QUALIFIES = re.compile(r"^['’]s\b")
_OF = re.compile(r"\b(?:of|to|for|with|by|as)\s+(?:the\s+)?$")
# ("relationshipto child": a PDF's narrow header cell may lose the space after the word)
_RELATION = re.compile(r"\b(relationship|relation|role\b|who\b)")


def _role_said(table: LabelTable, text: str) -> str | None:
    """The one role (victim or perpetrator) a cell's words give its row; None for none, or both."""
    flat = " ".join(re.sub(r"[^\w']+", " ", text.lower().replace("’", "'")).split())  # "victim's" kept whole
    roles = set()
    for hit in table.role_re.finditer(flat):
        if _QUALIFIES.match(flat[hit.end():]) or _OF.search(flat[:hit.start()]) or "carer" in hit.group(1).split():
            continue  # ("Mother / carer", "Main carer": a part in the household, which a heading may give the victim)
        roles.add(table.role_of.get(hit.group(1)))
    roles &= set(_ROLES)
    return roles.pop() if len(roles) == 1 else None


def relation_columns(t: RowTable, table: LabelTable) -> list[bool]:
    """Which columns say what each person is ("Relationship", "Relationship to child", "Role in household")."""
    return [bool(_RELATION.search(" ".join(table.words(h)))) for h in t.headers]


def own_roles(t: RowTable, table: LabelTable) -> list[str | None]:
    """The role each row gives itself: a yes under a column asking it ("Alleged to be causing harm? Y / N"), or its
    relationship cell's own words ("Mother (victim)", "Mother's boyfriend (alleged perpetrator)"); None where
    neither says one role."""
    relation = relation_columns(t, table)
    out: list[str | None] = []
    for row, asked in zip(t.rows, column_roles(t, table)):
        said = {r for at, c in zip(relation, row) if at and isinstance(c, str) and (r := _role_said(table, c))}
        out.append(asked if asked is not None and said <= {asked} else said.pop() if len(said) == 1 else None)
    return out


def kin_role(table: LabelTable, kin: str, texts: list[str]) -> str | None:
    """The role the form's text gives an adult by what they are to the child, said outright: "mother is the victim",
    "Father was the alleged perpetrator". One role, or None."""
    said = re.compile(rf"\b{re.escape(kin)}\s+(?:is|was)\s+(?:the\s+|an?\s+)?(?:alleged\s+)?(?P<rest>\S.*)",
                      re.IGNORECASE)
    roles = set()
    for clause in (c for text in texts for c in _CLAUSE.split(text)):
        if (found := said.search(clause)) and (hit := table.role_re.match(" ".join(table.words(found["rest"])))):
            roles.add(table.role_of.get(hit.group(1)))
    roles &= set(_ROLES)
    return roles.pop() if len(roles) == 1 else None


def role_asked(table: LabelTable, label: str) -> str | None:
    """The role a yes to this question gives the person it is asked of ("Alleged to be causing harm?")."""
    words = " ".join(table.words(label))
    return next((role for role, phrases in _role_columns().items() if words in phrases), None)


def said_yes(cell: RawValue) -> bool:
    return cell is True or (isinstance(cell, str) and parse_bool_or_none(cell) is True)


def row_names(t: RowTable, table: LabelTable) -> list[str]:
    """Each row's full name: its name column, or its forename and surname columns joined ("" where none)."""
    targets = [(table.match(h, None).target or "").rpartition(".")[2].lstrip("?").removeprefix("name#")
               for h in t.headers]
    parts = [i for part in ("name", "forename", "surname") for i, x in enumerate(targets) if x == part]
    at = parts[:1] if "name" in targets else parts
    return [" ".join(str(row[i]).strip() for i in at if isinstance(row[i], str) and row[i].strip()) for row in t.rows]


_SEVERAL = re.compile(r"\s*(?:,|;|&|\band\b)\s*")


def named_elsewhere(fields: dict[str, RawValue], names: set[str]) -> tuple[list[str], dict[str, int]]:
    """What the form's own boxes say of the people a table lists ("Alleged perpetrator(s): Kieran TESTER and Liam
    TESTER" above a family table keyed by relationship to the child), as clauses for the concerns-text tie, and
    the perpetrator row each named one is (a box naming two, each listed in the table, is split into two rows)."""
    clauses: list[str] = []
    slots: dict[str, int] = {}
    if isinstance(victim := fields.get("referral.victim.name"), str) and victim.strip():
        clauses.append(f"the victim is {victim.strip()}")
    given = sorted((int(m.group(1)), v) for p, v in fields.items()
                   if (m := re.fullmatch(r"referral\.perpetrators\.(\d+)\.name", p)) and isinstance(v, str))
    for index, value in given:
        parts = [p for p in _SEVERAL.split(value.strip()) if p]
        if len(parts) > 1 and all(p in names for p in parts) and not any(i > index for i, _ in given):
            for offset, part in enumerate(parts):  # each listed in the table: two people, not one of two names
                fields[f"referral.perpetrators.{index + offset}.name"] = part
        for offset, part in enumerate(parts if len(parts) > 1 and parts[0] in names else [value.strip()]):
            clauses.append(f"the alleged perpetrator is {part}")
            slots[part.casefold()] = index + offset
    return clauses, slots


def household_kinds(tables: list[RowTable], table: LabelTable) -> set[Kin | None]:
    """What the tables' adults are to the presumption (parsers.labels.presumed); nothing where a row's own words give
    it a role (the tables then say who is who)."""
    if any(any(own_roles(t, table)) for t in tables):
        return set()
    return {kin_kind(kin_of(row[at])) for t in tables if (at := kin_column(t, table)) is not None for row in t.rows}


def kin_column(t: RowTable, table: LabelTable) -> int | None:
    """The column saying what each adult is to the child ("Relationship to child", "Role in household")."""
    words = [" ".join(table.words(h)) for h in t.headers]
    # ("Relationship to child referred", "Relationship" alone in a table no heading says is the victim's or his)
    to_child = next((i for i, w in enumerate(words) if re.search(r"\bto (?:the )?child\b", w)), None)
    return to_child if to_child is not None else next(
        (i for i, w in enumerate(words) if w in ("role in household", "role", "relationship")), None)


def victim_kin(t: RowTable, roles: list[str | None], kin_at: int | None) -> str | None:
    """What the victim is to the child, in one word ("Mother"), to tell what he is to her ("Mother's boyfriend")."""
    if kin_at is None:
        return None
    for row, role in zip(t.rows, roles):
        cell = row[kin_at]
        if role == "victim" and isinstance(cell, str) and (kin := _FIRST_WORD.match(cell.strip())):
            return kin.group(0)
    return None


_FIRST_WORD = re.compile(r"[A-Za-z]+(?=\s*(?:$|[–—/(,-]))")


def cells_of(t: RowTable, table: LabelTable, roles: list[str | None], next_perpetrator: int, kin_at: int | None = None,
             kin: str | None = None, slots: dict[str, int] | None = None) -> list[tuple[str, RawValue, str]]:
    """(path, value, header) for each cell of the rows given a role (victim or perpetrator), perpetrators numbered
    on from `next_perpetrator`, or in the row of the same name given before (`slots`)."""
    out: list[tuple[str, RawValue, str]] = []
    index = next_perpetrator
    names = row_names(t, table)
    for row, role, name in zip(t.rows, roles, names):
        if role not in ("victim", "perpetrator"):
            continue
        at = (slots or {}).get(name.casefold(), index) if role == "perpetrator" else index
        base = "referral.victim." if role == "victim" else ROLE_BASE["perpetrator"].replace("*", str(at))
        for header, cell in zip(t.headers, row):
            found = match_for(table, header, role)
            if found.status != "ok":  # "Ethnicity" in his row: his, though the bare word is the victim's wording
                found = as_own_column(match_for(table, header, "victim"), role)
            target = found.target or ""
            if target.endswith(".address") and isinstance(cell, str):
                cell, phone = address_and_phone(cell)
                if phone:  # "Address & Contact number": the address lines, then the number on a line of its own
                    out.append((base + "phone", phone, header))
                if not _POSTCODE_END.search(cell) and not says_as_above(cell):
                    continue  # an address is taken whole or not at all ("As above" is settled once all is read)
            if found.status == "ok" and target.startswith(ROLE_BASE[role].partition("*")[0]):
                out.append((base + target.rpartition(".")[2], cell, header))
        told = _to_her(row[kin_at], kin) if role == "perpetrator" and kin and kin_at is not None else None
        if told:  # "Mother's boyfriend" where the victim's row says Mother: what he is to her
            out.append((base + "relationship_to_victim", told, t.headers[kin_at or 0]))
        index += role == "perpetrator" and at == index
    return out


def _to_her(cell: RawValue, kin: str) -> str | None:
    """ "Father – mother's ex-husband" -> "Ex-husband", when the victim is the child's "Mother"."""
    if not isinstance(cell, str):
        return None
    match = re.search(rf"(?:^|[\u2013\u2014,-]\s*){re.escape(kin)}['\u2019]s\s+([\w-]+(?:\s[\w-]+)?)\s*$", cell.strip(),
                      re.IGNORECASE)
    return match.group(1)[:1].upper() + match.group(1)[1:] if match else None
