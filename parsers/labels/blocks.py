"""Whose a block of label | value rows is when its heading names no one ("Details of parent / carer / significant
adult – Adult 2"), but a row inside it says: "Domestic abuse: victim / alleged perpetrator" answered "Alleged
perpetrator". A children's form lists the adults this way; the block is then read as if headed so.

Only the form's own words decide. "Relationship to child: Father" alone never makes anyone the perpetrator: a
block no row of which says victim or perpetrator is left as it is (its bare labels are not used). Where the
victim's block says what she is to the child ("Mother"), "Relationship to mother" in a perpetrator's block is his
relationship to her; "Relationship to child" in an adult's block is no field of the adult's and is not read.
Split out of parsers.labels.resolver, which reads the items these return.
"""
from __future__ import annotations

import dataclasses
from itertools import groupby

from ..model import Labelled, RawValue
from .adults import adult_words, kin_of, kin_role, role_asked, said_yes
from .matcher import LabelTable

__all__ = ["numbered", "told_blocks"]

_TOLD = ("victim", "perpetrator")  # the roles a row of the block can give it
_HEADING = {"victim": "Victim", "perpetrator": "Alleged perpetrator"}  # read by the matcher as those sections


def _words(table: LabelTable, text: RawValue) -> list[str]:
    return table.words(text) if isinstance(text, str) else []


def _asks_both(table: LabelTable, text: RawValue) -> bool:
    """ "victim / alleged perpetrator", "Victim or person causing harm?": a question whose answer is one of them."""
    words = set(_words(table, text))
    return all(role in words for role in _TOLD)


def _one_role(table: LabelTable, text: RawValue) -> str | None:
    """ "Victim", "Alleged perpetrator", "Person causing harm": one role and nothing more."""
    words = [w for w in _words(table, text) if w not in ("the", "is", "a")]
    return words[0] if len(words) == 1 and words[0] in _TOLD else None


def _role_of(table: LabelTable, block: list[Labelled]) -> tuple[str | None, set[int]]:
    """The one role the block's rows give, and the rows that said it (they are the form's question, not a field)."""
    roles: set[str] = set()
    saying: set[int] = set()
    for i, item in enumerate(block):
        if (asked := role_asked(table, item.label)) is not None and said_yes(item.value):
            roles.add(asked)  # "Alleged to be causing harm? Y / N: Y"
            saying.add(i)
            continue
        if not (_asks_both(table, item.label) or _asks_both(table, item.value)):
            continue
        answer = _one_role(table, item.value)
        if answer is None and i + 1 < len(block) and block[i + 1].value in (None, "") \
                and (answer := _one_role(table, block[i + 1].label)) is not None:
            saying.add(i + 1)  # "Domestic abuse: victim / alleged perpetrator" then "Victim" split off as a row
        if answer is not None:
            roles.add(answer)
            saying.add(i)
    return (roles.pop() if len(roles) == 1 else None), saying


_DETAILS = frozenset({"details", "of", "information", "particulars", "about"})


def _heading_kin(table: LabelTable, heading: str | None) -> str | None:
    """What a box's heading says its adult is to the child: "Details of Mother" -> "mother"."""
    words = [w for w in _words(table, heading) if w not in _DETAILS]
    kin = " ".join(words)
    return kin if words and kin_of(kin) in adult_words() else None


def _kin(table: LabelTable, block: list[Labelled]) -> str | None:
    """What the victim is to the child, as her block says ("Relationship to child: Mother")."""
    for item in block:
        if _words(table, item.label)[-2:] == ["to", "child"] and len(kin := _words(table, item.value)) == 1:
            return kin[0]
    return None


def told_blocks(items: list[Labelled], table: LabelTable, texts: list[str] | None = None
                ) -> tuple[list[Labelled], list[list[Labelled]]]:
    """The items, with each block whose heading names no one but whose rows say victim or perpetrator read as
    headed by that role; and, apart, the blocks of "Other significant adults" a row says are a perpetrator's, each to
    be read after the tables as the next perpetrator (the form lists them after the parents, often a table)."""
    blocks = [list(group) for _, group in groupby(items, key=lambda item: (item.section, tuple(item.headings)))]
    told: list[tuple[list[Labelled], str | None, set[int]]] = []
    for block in blocks:
        role = None
        saying: set[int] = set()
        # (a box of "Other significant adults" is no one's either, until a row says whose)
        if table.section(block[0].section)[0] in (None, "others") and table.section(block[0].title)[0] is None:
            role, saying = _role_of(table, block)
            if role is None and (kin := _heading_kin(table, block[0].section)):
                # "Details of Mother" where the text says "mother is the victim"
                role = kin_role(table, kin, texts or [])
        told.append((block, role, saying))
    kin = next((k for block, role, _ in told if role == "victim" and (k := _kin(table, block))), None)
    out: list[Labelled] = []
    later: list[list[Labelled]] = []
    for block, role, saying in told:
        if role is None:
            out += block
            continue
        heading = _HEADING[role]
        into = out
        if role == "perpetrator" and table.section(block[0].section)[0] == "others":
            into = []
            later.append(into)
        for i, item in enumerate(block):
            words = _words(table, item.label)
            if i in saying or words[-2:] == ["to", "child"]:
                continue  # the form's question, or what the adult is to the child: no field of the adult's
            label = item.label
            if role == "perpetrator" and kin and words[-2:] == ["to", kin]:
                label = "Relationship to victim"  # "Relationship to mother" where the victim's block says Mother
            into.append(dataclasses.replace(item, label=label, section=heading,
                                            headings=[*item.headings, heading]))
    return out, later


def numbered(block: list[Labelled], number: int) -> list[Labelled]:
    """A block told a perpetrator's, read as the box of the perpetrator of that number ("Alleged perpetrator 2")."""
    return [dataclasses.replace(item, section=f"{item.section} {number}",
                                headings=[*item.headings[:-1], f"{item.section} {number}"]) for item in block]
