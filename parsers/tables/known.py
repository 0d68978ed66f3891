"""Whether a line of a form is a label the synonym table lists (data/labels.toml), for layouts whose labels carry
no cue a reader can see, neither a colon nor bold nor a box of their own ("First name" on a line over "Grace").

Read from the data here, not through parsers.labels: the label matcher sits above the readers. So this asks less
than the matcher does: the wording as printed (case, punctuation, brackets, articles and trailing hints aside, each
person's synonyms as the person's one word), or a person's word with a generic field ("Perpetrator's DOB"),
exactly; no fuzzy matching, so a name ("Grace") is never taken for a label ("Race").
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ..printed import clean_label, is_label_text, looks_like_data, plain, short_line
from ..vocabulary import labels_data
from .people_cell import people_label

_ARTICLES = frozenset({"the", "a", "an"})
_FILLERS = frozenset({"of", "is", "are", "has", "have", "does", "do", "for", "their", "his", "her", "to", "s"})


@functools.lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return labels_data()


def _plain(text: str) -> list[str]:
    text = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", text)  # "(M/F)", "(if known)": hints
    return [w for w in plain(text).split() if w not in _ARTICLES]


@dataclass(frozen=True)
class _Table:
    roles: dict[str, str]  # person phrase -> the person's one word
    persons: re.Pattern[str]
    hints: list[list[str]]
    wordings: frozenset[str] = frozenset()
    sections: frozenset[str] = frozenset()

    def normal(self, text: str) -> str:
        words = _plain(text)
        for hint in self.hints:
            if hint and len(words) > len(hint) and words[-len(hint):] == hint:
                words = words[:-len(hint)]
        return self.persons.sub(lambda m: self.roles[m.group(1)], " ".join(words))


@functools.lru_cache(maxsize=1)
def _table() -> _Table:
    """The table's wordings and section headings, normalised alike."""
    data = _data()
    roles = {" ".join(_plain(p)): role for role, phrases in data.get("roles", {}).items() for p in phrases}
    persons = re.compile(r"\b(" + "|".join(re.escape(p) for p in sorted(roles, key=len, reverse=True)) + r")s?\b")
    bare = _Table(roles, persons, [_plain(h) for h in data.get("hints", {}).get("drop", [])])
    wordings: list[str] = [w for words in data.get("generic", {}).values() for w in words]
    wordings += [w for words in data.get("fields", {}).values() for w in words]
    wordings += [w for table in data.get("columns", {}).values() for words in table.values() for w in words]
    wordings += [w for entry in data.get("combined", []) for w in entry.get("labels", [])]
    sections = [h for heads in data.get("sections", {}).values() for h in heads]
    return _Table(roles, persons, bare.hints, frozenset(map(bare.normal, wordings)),
                  frozenset(map(bare.normal, sections)))


@functools.lru_cache(maxsize=4096)
def known_label(text: str) -> bool:
    """The whole line is a wording of the label table, exactly (see the module's note)."""
    label = clean_label(text)
    if not label or "\n" in text.strip() or not short_line(label) or not is_label_text(label) \
            or looks_like_data(label):
        return False
    if people_label(label) and label[:1].isupper():  # (a question's bracket wrapped onto a line is no label)
        return True  # "Children (names and ages)": the bracket asks for the people, a label though "Children" heads
    table = _table()
    normal = table.normal(label)
    if not normal or normal in table.roles.values():
        return False  # "Survivor": whose section follows
    if normal in table.sections or normal in table.wordings:
        # "Perpetrator details" heads a section; "Risk summary" heads one and is a label too: a label here
        return normal in table.wordings
    if _listed(label):
        return True
    words = normal.split()
    rest = [w for w in words if w not in table.roles.values()]
    while rest and rest[0] in _FILLERS:
        rest.pop(0)
    while rest and rest[-1] in _FILLERS:
        rest.pop()
    return len(rest) < len(words) and bool(rest) and " ".join(rest) in table.wordings


_LIST = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _listed(label: str) -> bool:
    """ "Ethnicity, disability (if any), gender and sexual orientation": three or more of one person's fields
    listed, all but one of them labels the table lists."""
    parts = [p for p in _LIST.split(label) if p.strip()]
    return len(parts) >= 3 and sum(known_label(p) for p in parts) >= len(parts) - 1


@functools.lru_cache(maxsize=1024)
def names_section(text: str) -> bool:
    """A short line naming a section the label table lists ("Client details"), or a person with a number
    ("Perpetrator 2"): a heading, never the next line of an answer."""
    label = clean_label(text)
    if not label or len(label.split()) > 4 or looks_like_data(label.rstrip("0123456789 ")):
        return False
    table = _table()
    normal = table.normal(label.rstrip("0123456789 "))
    return normal in table.roles.values() or normal in table.sections


_SECTION_NUMBER = re.compile(r"^\s*(?:section\s+)?\d+[a-z]?\b\W*", re.IGNORECASE)
_DETAILS = frozenset({"details", "information", "info"})


def names_a_box(text: str) -> bool:
    """The lead words of a long title row, its directions cut off: a section the table lists, or one person's
    details ("1a.Child's details (Please complete Section 1b for further children)")."""
    lead = _SECTION_NUMBER.sub("", clean_label(text))
    if names_section(lead):
        return True
    table = _table()
    words = table.normal(lead).split()
    return 0 < len(words) <= 3 and sum(w in table.roles.values() for w in words) == 1 \
        and all(w in _DETAILS or w in table.roles.values() or w == "of" for w in words)


_HOUSEHOLD_WORDS = frozenset({"children", "siblings", "dependants", "household", "parents", "carers"})


def lists_household(heading: str) -> bool:
    """A heading over the household's people: "Siblings and other related children's details", "Children in the
    household", "Other household members", "Parents / carers" (not "Child's details": the one child referred). One
    row under it is a row of its table, for the household's logic to tell a child from an adult."""
    return any(w in _HOUSEHOLD_WORDS for w in _plain(_SECTION_NUMBER.sub("", heading)))


def label_first(text: str) -> list[tuple[str, str]] | None:
    """ "Reason for referral" on a box's first line, in the same type as the answer on the lines below (nothing
    sets it apart but its words): the label and its answer; None unless the first line is a label the table lists
    and the next is not one."""
    first, _, rest = text.strip().partition("\n")
    if not rest.strip() or not known_label(first) or known_label(rest.strip().split("\n")[0]):
        return None
    return [(first, rest.strip())]


# "   Email: " or ". Safe to call: " inside a line: where the next "Label:" may start (checked against the table).
_NEXT_LABEL = re.compile(r"(?:[ \u00a0]{2,}|(?<=[.;])[ \u00a0]+)(?=([A-Z][^:\t\n.;@]{0,40}?)\s*:(?:\s|$))")
_LEAD_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ./]{0,30}?)[ \u00a0]+(?P<value>\d[\d \u00a0]{5,}\d)\.?$")


def run_on(text: str) -> str:
    """ "Tel: 0117 …    Email: x@y    Date: 3/4/26" (labels typed one after another on one line, set apart by
    spaces or by a sentence's end) with a tab before each label the table lists, so the line reads as separate
    "Label: value" pairs; a line opening "Tel 0117 …." before such a label gets its colon. Only labels the table
    lists split a line: "Yes – he said: leave" stays one value."""
    if "\n" in text.strip():
        return text
    found = list(_NEXT_LABEL.finditer(text))
    if not any(known_label(m.group(1)) for m in found):
        return text
    # Once the line is known to be run-on pairs, a short label after a sentence's end starts a pair too ("Safe to
    # call: yes. Best time: mornings"), so that it does not end up inside the value before it.
    cuts = [m for m in found if known_label(m.group(1))
            or (text[m.start() - 1:m.start()] in ".;" and len(m.group(1).split()) <= 3)]
    out, start = [], 0
    for cut in cuts:
        out.append(text[start:cut.start()].rstrip(" .;\u00a0"))
        start = cut.end()
    out.append(text[start:])
    lead = _LEAD_LABEL.match(out[0].strip())
    if ":" not in out[0] and lead is not None and known_label(lead.group("label")):
        out[0] = f"{lead.group('label')}: {lead.group('value')}"  # "Tel 0117 496 0855" before "Safe to call:"
    return "\t".join(out)
