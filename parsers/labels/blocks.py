"""Whose a block of label | value rows is when its heading names no one ("Details of parent / carer / significant
adult – Adult 2"), but a row inside it says: "Domestic abuse: victim / alleged perpetrator" answered "Alleged
perpetrator". A children's form lists the adults this way; the block is then read as if headed so.

The form's own words decide; where no box and no table row says who is harmed or who harms, what each box's adult is
to the child ("Details of Mother", "Relationship to child: Mother's ex-husband") is read as a presumption held for a
person (parsers.labels.presumed); a block nothing ties is left as it is (its bare labels are not used). Where the
victim's block says what she is to the child ("Mother"), "Relationship to mother" in a perpetrator's block is his
relationship to her; "Relationship to child" in an adult's block is no field of the adult's and is not read.
Split out of parsers.labels.resolver, which reads the items these return.
"""
from __future__ import annotations

import dataclasses
from itertools import groupby

from ..model import Labelled, RawValue
from ..normalise import is_unknown_text
from .adults import OTHER_PARENT, adult_words, kin_of, kin_role, role_asked, said_yes
from .matcher import LabelTable
from .presumed import PRESUMED, PRESUMED_HIM, Kin, Warn, grown_up, kin_kind

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


def _block_kin(table: LabelTable, block: list[Labelled]) -> Kin | None:
    """What a box's adult is to the presumption (parsers.labels.presumed): by its heading ("Details of Mother") or its
    "Relationship to child" row ("Mother's ex-husband")."""
    said = _heading_kin(table, block[0].section) or next(
        (item.value for item in block if _words(table, item.label)[-2:] == ["to", "child"]
         and isinstance(item.value, str)), None)
    return kin_kind(kin_of(said))


def _named(table: LabelTable, block: list[Labelled]) -> bool:
    """A box whose name, or surname, is filled in ("Not known" is not)."""
    return any(isinstance(item.value, str) and item.value.strip() and not is_unknown_text(item.value)
               and (table.match(item.label, "perpetrator").target or "").rpartition(".")[2].startswith("name")
               for item in block)


Told = list[tuple[list[Labelled], str | None, set[int]]]  # each block, the role it is read as, the rows that said it


def _grown(table: LabelTable, block: list[Labelled]) -> bool:
    """A box whose date of birth makes its person an adult."""
    return any((table.match(item.label, "perpetrator").target or "").endswith(".dob") and grown_up(item.value)
               for item in block)


def _presumed_roles(table: LabelTable, told: Told, in_tables: set[Kin | None], warn: Warn | None) -> tuple[Told, bool]:
    """Where no box and no table row says who harms, the boxes of the household read as the tables' rows are
    (parsers.labels.presumed): the one mother's box as the victim's unless a table lists her or the form's words
    already make her the victim, her partners' boxes as the alleged perpetrators', the child's father's box (named)
    where no partner of hers is listed anywhere, her grown-up son's where no man else is. Also whether the victim's box
    is the child's mother's."""
    kinds = [_block_kin(table, block) for block, _, _ in told]
    # what each box is: as its rows said, else as its heading says ("primary carer", "Person(s) causing concern")
    said = [role or table.section(block[0].section)[0] or table.section(block[0].title)[0] for block, role, _ in told]
    victims = [i for i, role in enumerate(said) if role == "victim"]
    hers = bool(victims) and all(kinds[i] == "mother" for i in victims)
    free = [i for i, role in enumerate(said) if role in (None, "others")]
    if "perpetrator" in said and not victims and warn is not None \
            and len(mothers := [i for i in free if kinds[i] == "mother"]) == 1 and "mother" not in in_tables:
        warn(OTHER_PARENT, "referral.victim")  # his box says he causes harm; hers, the one mother's, is the victim's
        return [(block, "victim" if i == mothers[0] else role, saying) for i, (block, role, saying) in enumerate(told)], \
            True
    if "perpetrator" in said or (victims and not hers) or warn is None:
        return told, hers
    mothers = [i for i in free if kinds[i] == "mother"] if not hers else []
    if len(mothers) > 1 or not (hers or mothers or "mother" in in_tables) or (mothers and "mother" in in_tables):
        return told, hers
    men = [i for i in free if kinds[i] == "partner"]
    if not men and "partner" not in in_tables:
        men = [i for i in free if kinds[i] == "father" and _named(table, told[i][0])]
    sons = [i for i in free if kinds[i] == "son" and _named(table, told[i][0]) and _grown(table, told[i][0])]
    if not men and not in_tables & {"partner", "father", "son"} and len(sons) == 1:
        men = sons  # her grown-up son, the one man of the household listed
    if not mothers and not men:
        return told, hers
    warn(PRESUMED if mothers or not hers else PRESUMED_HIM, "referral.victim" if mothers else "referral.perpetrators",
         "error")
    roles = {i: "victim" for i in mothers} | {i: "perpetrator" for i in men}
    return [(block, roles.get(i, role), saying) for i, (block, role, saying) in enumerate(told)], hers


def told_blocks(items: list[Labelled], table: LabelTable, texts: list[str] | None = None,
                in_tables: set[Kin | None] | None = None, warn: Warn | None = None
                ) -> tuple[list[Labelled], list[list[Labelled]], bool]:
    """The items, with each block whose heading names no one but whose rows say victim or perpetrator read as
    headed by that role; and, apart, the blocks of "Other significant adults" a row says are a perpetrator's, each to
    be read after the tables as the next perpetrator (the form lists them after the parents, often a table). Where
    nothing says it, the household's boxes are presumed as its tables' rows are (`in_tables`: what the tables' adults
    are to the presumption), and `warn` says so; and whether the victim's box is the child's mother's."""
    blocks = [list(group) for _, group in groupby(items, key=lambda item: (item.section, tuple(item.headings)))]
    told: Told = []
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
    told, hers = _presumed_roles(table, told, in_tables or set(), warn)
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
    return out, later, hers


def numbered(block: list[Labelled], number: int) -> list[Labelled]:
    """A block told a perpetrator's, read as the box of the perpetrator of that number ("Alleged perpetrator 2")."""
    return [dataclasses.replace(item, section=f"{item.section} {number}",
                                headings=[*item.headings[:-1], f"{item.section} {number}"]) for item in block]
