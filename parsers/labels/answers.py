"""Answers that say more than one thing, in the words referrers write them (parsers.labels.values takes boxes
apart with these): a numbered list of several people in one person's box, a box in front of each line of a
tick list, "No – reason" under a question whose reason has a follow-up, and the criteria of a referral named
in a sentence or chosen from a drop-down. Pure functions over the reader's items and the synonym table.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..fields import Kind, kind_of
from ..model import Labelled, RawValue
from ..tables.people_cell import people_in_text
from ..ticks import has_mark
from .matcher import ROLE_BASE, LabelTable

__all__ = ["LISTED", "NOT_LISTED", "chosen_reason", "further_victim", "no_and_why", "numbered", "per_person", "stands_in", "stated", "ticked_lines", "ticked_options"]

_NUMBER = re.compile(r"(?:^|(?<=\s))\(?(\d{1,2})[.)]\s+")
LISTED = " (listed in one box)"  # ends the title of a person split out of a list (a hint: matching ignores it)
_ROW_WORDS = {"perpetrator": "Perpetrator", "child": "Child"}


def numbered(text: str) -> list[str] | None:
    """ "1) Kieran FLETCHER – DOB 03/08/1995 2) Liam SZYMANSKI …": the items of a list numbered 1, 2, … from its
    start; None for anything else (a single item, numbers out of order, text before the first)."""
    marks = list(_NUMBER.finditer(text.strip()))
    if len(marks) < 2 or marks[0].start() != 0 or [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return None
    flat = text.strip()
    pieces = [flat[m.end():(marks[i + 1].start() if i + 1 < len(marks) else len(flat))].strip(" \t\n;,")
              for i, m in enumerate(marks)]
    return pieces if all(pieces) else None


def _named(table: LabelTable, label: str) -> str | None:
    """The row person ("perpetrator", "child") a label names in its own words, if any."""
    found = table.match(label, None)
    return next((r for r in _ROW_WORDS if found.status == "ok" and (found.target or "").startswith(ROLE_BASE[r])), None)


def per_person(item: Labelled, table: LabelTable) -> list[Labelled]:
    """A box of one person's field holding a numbered list ("Name and Date of Birth: 1) … 2) …" under the
    perpetrator's heading): one item per person, titled "Perpetrator 2", so that each goes to its own row and
    the first person is never given the whole list."""
    pieces = numbered(item.value) if isinstance(item.value, str) and len(item.value) < 600 else None
    if pieces is None and isinstance(item.value, str) and item.value.count("\n") >= 1 \
            and people_in_text(item.value) is not None:
        pieces = [line.strip() for line in item.value.split("\n") if line.strip()]  # "Name – DOB" a line each
    if not pieces:
        return [item]
    # "Name of abuser: 1) … 2) …" says whose in its own words; a "Date of birth: 1) … 2) …" after it in the
    # same box is theirs too (the name label just before), before any heading over the box
    said = [_named(table, item.label), *(_named(table, label) for label in item.context[:1])]
    role = next((r for r in (*said, table.section(item.title)[0], table.section(item.section)[0],
                             *(table.section(h)[0] for h in reversed(item.headings))) if r is not None), None)
    if role not in _ROW_WORDS:
        return [item]
    found = table.match(item.label, role)
    whose = table.combined.get(" ".join(table.words(item.label)))
    if not whose and (found.status != "ok" or not (found.target or "").startswith(ROLE_BASE[role])):
        return [item]
    return [replace(item, value=piece, title=f"{_ROW_WORDS[role]} {n}{LISTED}") for n, piece in enumerate(pieces, start=1)]



NOT_LISTED = object()
_BOXED_LINE = re.compile("^\\s*([☒☐\u2bd1])\\s*(\\S.*?)\\s*$")


def ticked_lines(value: str) -> RawValue | object:
    """A box in front of each line ("☐ Right to life …" / "☒ Overriding public interest …"), one choice a line:
    the ticked lines' words (None when none is ticked, or a box's state is not known); NOT_LISTED otherwise."""
    lines = [line for line in value.split("\n") if line.strip()]
    found = [_BOXED_LINE.match(line) for line in lines]
    if len(lines) < 2 or not all(found):
        return NOT_LISTED
    if any(m.group(1) == "\u2bd1" for m in found if m):
        return None
    ticked = [m.group(2) for m in found if m and m.group(1) == "☒"]
    return "; ".join(ticked) or None


def ticked_options(value: str) -> list[tuple[str, bool | None]]:
    """Each line of a list with a box in front of each line, as (its words, ticked; None when not known)."""
    found = [m for line in value.split("\n") if (m := _BOXED_LINE.match(line))]
    return [(m.group(2), None if m.group(1) == "\u2bd1" else m.group(1) == "☒") for m in found]


_NO_BECAUSE = re.compile(r"^\s*(no|n)\s*[–—,:;-]\s*(?P<why>\S.*)$", re.IGNORECASE | re.DOTALL)
_WHY_NOT = "If not, why not?"  # a [follow_ups] label: read as the reason its question leads to


def no_and_why(item: Labelled, table: LabelTable) -> list[Labelled] | None:
    """ "Is the victim aware of the referral? | No – not safe to discuss at present": the answer, then the reason
    the question's follow-up asks for ([follow_ups] in data/labels.toml), read as if it had its own box."""
    match = _NO_BECAUSE.match(item.value) if isinstance(item.value, str) else None
    if match is None:
        return None
    found = table.match(item.label, None)
    if found.status != "ok" or found.target not in table.follow_ups:
        return None
    return [replace(item, value=match.group(1)), replace(item, label=_WHY_NOT, value=match.group("why").strip())]


def chosen_reason(item: Labelled, table: LabelTable) -> list[Labelled] | None:
    """ "Reason for referral: Visible High Risk" (a drop-down or typed choice): the criterion it names
    is met. Only under a label that is itself a reasons heading, and only for a value that is a
    criterion's own label."""
    if not isinstance(item.value, str) or table.section(item.label)[0] != "reasons":
        return None
    # "Please choose from the following: Professional Judgement": the printed direction before a drop-down
    value = _CHOOSE.sub("", item.value).strip()
    if len(value) > 80:
        return _reasons_named(item, value, table) or _told(item, value, table)
    if table.match(item.label, None).status == "ok":
        return None
    if _criterion(value, table) is None:
        return _reasons_named(item, value, table) or _told(item, value, table)
    return [replace(item, label=value, value=True)]


def _told(item: Labelled, value: str, table: LabelTable) -> list[Labelled] | None:
    """ "Reason for referral: Strangled during an argument; threats to kill": an account in words that names no
    criterion, under a label that is only a reasons heading as listed, is the summary of the risks."""
    words = table.words(item.label)
    asks_why = words[:1] == ["why"] and any(w.startswith("referr") for w in words)  # "Why are you referring …?"
    listed = table.sections.get(" ".join(words)) == "reasons" or asks_why
    return [replace(item, label="summary of risks")] if listed and len(value.split()) >= 6 else None


_CHOOSE = re.compile(r"^\s*please\s+(?:choose|select|pick|tick)\b[^:\n]{0,60}:\s*", re.IGNORECASE)
_CRITERIA_SPLIT = re.compile(r"\s*(?:;|\n)\s*")
_EXPLAINED_BY = re.compile(r"\s+[–—-]\s+")


def _criterion(text: str, table: LabelTable) -> str | None:
    """The reasons path a criterion's own wording names ("Professional Judgement"), or None."""
    named = table.match(text, "reasons")
    target = named.target or ""
    if named.status != "ok" or not target.startswith("referral.reasons.") or target.endswith(("_rationale", "_details")):
        return None
    return target


def _reasons_named(item: Labelled, value: str, table: LabelTable) -> list[Labelled] | None:
    """ "Visible high risk – 16 ticks on the RIC; Professional judgement – recent escalation": the criteria a
    sentence names, each met, and what follows "Professional judgement –" its rationale where the form asks for
    one. None unless every piece starts with a criterion's wording."""
    found: list[Labelled] = []
    for piece in (p for p in _CRITERIA_SPLIT.split(value) if p.strip()):
        head, why = (_EXPLAINED_BY.split(piece, maxsplit=1) + [""])[:2]
        target = _criterion(head, table)
        if target is None:
            return None
        found.append(replace(item, label=head, value=True))
        if why.strip() and kind_of(f"{target}_rationale") is Kind.TEXT:
            found.append(replace(item, label=f"{head} rationale", value=why.strip()))
    return found or None


_OTHER = re.compile(r"^\s*other\b[\s(]*(?:please\s+)?(?:specify|state|give details)?\W*$", re.IGNORECASE)


def stands_in(value: RawValue) -> bool:
    """A value that only points at the real answer ("Other") or mixes tick boxes with words ("House ☒ No. of
    bedrooms 3"): a plain answer to the same field given later says it better."""
    return isinstance(value, str) and (bool(_OTHER.match(value)) or has_mark(value))


_FURTHER_VICTIM = re.compile(r"\bvictim\W*(\d{1,2})\s*$", re.IGNORECASE)


def further_victim(section: str | None) -> int | None:
    """The row of referral.additional_victims a heading "Victim 2" (3, ...) stands for."""
    match = _FURTHER_VICTIM.search(section or "")
    return int(match.group(1)) - 2 if match and int(match.group(1)) >= 2 else None


_NEGATED = re.compile(r"^\s*(?:(?:she|he|they|victim|client)\s+)?(?P<not>does\s+not|doesn't|do\s+not|don't|not|no)?\s*"
                      r"(?P<rest>[a-z][a-z '’/-]{5,80}?)\W*$", re.IGNORECASE)


def stated(item: Labelled, table: LabelTable) -> Labelled | None:
    """ "Has the victim placed any conditions on their consent (i.e. does not wish to report to police)? |
    Does not wish to report to police": under a label that names no field, an answer that is itself a yes / no
    field's wording, said or denied, answers that field."""
    if not isinstance(item.value, str) or table.match(item.label, None).status != "none":
        return None
    said = _NEGATED.match(item.value)
    if said is None or len(said.group("rest").split()) < 3:
        return None
    found = table.match(said.group("rest"), None)
    if found.status != "ok" or kind_of(found.target or "") is not Kind.BOOL or (found.target or "").startswith(
            "referral.reasons."):
        return None
    return replace(item, label=said.group("rest"), value="No" if said.group("not") else "Yes")
