"""Numbered sections of typed lines, as a reader of a PDF printed from Word hands them on (and an unnumbered blank
"Victim Information:" line over the lines it heads).

A form laid out as numbered sections of "Label: answer" lines ("1. Person at risk of harm information:", "3.
Safeguarding Adults concern raised by: Was the referral anonymous: Yes / No") prints each section's heading in the
same type as its labels, ended by a colon: a reader that cannot tell it from a label hands it on as a label with no
answer (or with the question after it as its answer), under the heading before it. Were it left so, the victim's
"Name" under "1. Person at risk …" would have no heading saying whose it is, and the referrer's "Name" under "3." would
be read as the victim's. Here such a label is the heading it is: only a numbered line that names a section the label
table knows and is no field's label itself, so "1. Name: Grace" stays a numbered label and its answer.

A heading that goes on after its colon with the form's instruction ("4. Source of alleged harm information (…): If any
of this information is not known then state why …") is known by the words before the colon: the instruction's "why"
is no reason for referral.

Also here: the person's sex printed as options with a box after each ("Male: ☐   Female: ☒") after the name on the
same line, which a PDF reader hands on as one tick box per word, is one answer, the gender.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Labelled, RawValue
from ..normalise import is_gender_word
from ..printed import colon_pairs
from ..ticks import interpret
from .matcher import LabelTable

__all__ = ["numbered_heads"]

_ASKS = re.compile(r"^\W*(?:is|are|does|do|has|have|was|were|did|can|will)\b", re.IGNORECASE)  # a question left blank
_NUMBERED = re.compile(r"^\s*\d{1,2}[a-z]?[.)]\s+\S")
_HEAD_THEN_MORE = re.compile(r"^(\s*\d{1,2}[a-z]?[.)]\s+[^:\n]{3,100}?)\s*:\s*\S")


def _head_only(text: str | None) -> str | None:
    """ "4. Source of alleged harm information (…): If any of this …" -> "4. Source of alleged harm information (…)"."""
    found = _HEAD_THEN_MORE.match(text or "")
    return found.group(1).strip() if found else text


def _as_heading(item: Labelled, table: LabelTable) -> tuple[str, Labelled | None] | None:
    """(heading, the pair typed after it or None) for a numbered section heading handed on as a label."""
    # Unnumbered, only a blank one naming whose the lines after it are ("Victim Information:" over "Your name: …")
    named = item.value is None and len(item.label.split()) <= 4 and not _ASKS.match(item.label) \
        and table.section(item.label)[0] in ("victim", "perpetrator", "referrer")
    if not (_NUMBERED.match(item.label) or named) or table.match(item.label, None).status != "none" \
            or table.section(item.label)[0] is None:
        return None
    if item.value is None:
        return item.label, None
    pairs = colon_pairs(item.value) if isinstance(item.value, str) else None
    if pairs is None or len(pairs) != 1:
        return None
    return item.label, replace(item, label=pairs[0][0], value=interpret(pairs[0][1]))


def _gender_run(items: list[Labelled], start: int) -> int:
    """How many items from `start` are one printed row of sex options, each its own tick box."""
    end = start
    while end < len(items) and isinstance(items[end].value, bool) and items[end].section == items[start].section \
            and is_gender_word(items[end].label):
        end += 1
    return end - start if end - start >= 2 else 0


def _gender(run: list[Labelled]) -> Labelled:
    ticked = [item.label for item in run if item.value is True]
    value: RawValue = ticked[0] if len(ticked) == 1 else " / ".join(ticked) or None  # both ticked: a problem later
    return replace(run[0], label="Gender", value=value)


def numbered_heads(items: list[Labelled], table: LabelTable) -> list[Labelled]:
    """The items with numbered headings handed on as labels made the headings of the items after them."""
    out: list[Labelled] = []
    opened: tuple[str | None, str] | None = None  # (the section the reader gave, the heading that stands for it)
    i = 0
    while i < len(items):
        item = items[i]
        given = _head_only(item.section)
        if given != item.section:
            item = replace(item, section=given, headings=[_head_only(h) or h for h in item.headings])
        run = _gender_run(items, i)
        if run:
            item = replace(_gender(items[i:i + run]), section=item.section, headings=item.headings)
        i += run or 1
        head = _as_heading(item, table)
        if head is not None:
            opened = (given, head[0])
            if head[1] is not None:
                out.append(replace(head[1], section=head[0], headings=[*item.headings, head[0]], context=[]))
            continue
        if opened is not None and given == opened[0]:
            item = replace(item, section=opened[1], headings=[*item.headings, opened[1]])
        else:
            opened = None
        out.append(item)
    return out
