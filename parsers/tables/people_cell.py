"""Several people in one cell: "1) Jo SMITH – 03.04.2019 (son) 2) …", one person a line, or "Names and Dates of
Birth" with a name and a date on each line; and the labels that ask for them. Read into a table of people (a name and
a date of birth each) or left with a problem where they cannot be told one by one.
Split out of parsers.tables.cells (what one cell holds).
"""
from __future__ import annotations

import functools
import re

from ..model import Labelled, RawValue, RowTable
from ..normalise import is_gender_word
from ..problem import Problem
from ..vocabulary import labels_data
from .cells import no_entry

_NUMBERED = re.compile(r"(?:^|\s)\(?\d{1,2}[.)]\s+")
DATE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?[./\- ](?:\d{1,2}|[A-Za-z]{3,9})[./\- ]\d{2,4}\b")
_PEOPLE_LABEL = re.compile(r"\bnames\b.*\b(birth|dob|d\.o\.b|ages?)\b|\bnames?\b.*\b(children|child|dependants|household)\b|"
                           r"\b(children|dependants)\b.*\b(names?|living|live|resident)\b", re.IGNORECASE)
_WORKER = re.compile(r"\b(social workers?|workers?|contact names?|professionals?|practitioners?)\b", re.IGNORECASE)
_BIRTH_WORDS = re.compile(r"[\s–—,:;(-]*\b(d\.?o\.?b\.?|date of birth|born|b\.)[\s:.)]*$", re.IGNORECASE)
_CHILD_WORDS = re.compile(r"\b(child|children|dependants?|young people)\b", re.IGNORECASE)
_AGE = re.compile(r"\b(?:aged?\s+\d{1,2}|\d{1,2}\s*(?:yrs?|years?)(?:\s+old)?)\b", re.IGNORECASE)
_PLURAL = re.compile(r"\b(names|children|dependants|people)\b|\(ren\)|\(s\)", re.IGNORECASE)
PEOPLE_HEADERS = ["Name", "Date of birth"]


def people_label(label: str) -> bool:
    """A label asking for several people's names in one box ("Names and dates of birth of children"), not for
    the professional who works with them ("Name and contact details of child(ren)'s social worker")."""
    return bool(_PEOPLE_LABEL.search(label)) and not _WORKER.search(label)


_ASIDE_END = re.compile(r"\s*\(([^()\d]{1,40})\)$")
_TAIL_PIECE = re.compile(r"\(([^()]{1,40})\)|([^(),;–—-]+)")


def _said_after(tail: str) -> tuple[str | None, str | None]:
    """What follows a person's date of birth: (what is said in brackets, the gender given), e.g. "(son)",
    ", Male", " (F)"; a word of the gender vocabulary is the gender wherever it stands."""
    aside = gender = None
    for match in _TAIL_PIECE.finditer(tail):
        piece = (match.group(1) or match.group(2) or "").strip()
        if not piece:
            continue
        if is_gender_word(piece):
            gender = gender or piece
        elif match.group(1) and aside is None:
            aside = piece
    return aside, gender


def _named_age(item: str) -> re.Match[str] | None:
    """ "Owen O'BRIEN, age 6": one age after a name in capitals (never "Two girls, aged 3 and 5")."""
    age = _AGE.search(item)
    named = age is not None and all(w[:1].isupper() for w in item[:age.start()].replace(",", " ").split())
    return age if named and age is not None and not any(ch.isdigit() for ch in item[age.end():]) else None


def people_in_text(text: str) -> list[list[RawValue]] | None:
    """Each person of a box listing several, as [name, date of birth, what is said in brackets, gender];
    None unless every item reads as a name with a date of birth (anything less is not a person to report)."""
    flat = text.strip()
    items = [i for i in _NUMBERED.split(flat) if i.strip()] if _NUMBERED.match(flat) else flat.split("\n")
    people: list[list[RawValue]] = []
    for item in (i.strip() for i in items if i.strip()):
        date = DATE.search(item) or _named_age(item)  # "Owen O'BRIEN, age 5": an age where no date is given
        name = _BIRTH_WORDS.sub("", item[:date.start()]).strip(" \t–—-,:;") if date else ""
        if date is None or not name or any(ch.isdigit() for ch in name) or len(name.split()) > 6 \
                or DATE.search(item, date.end()):  # two dates on a line: two people run together, or a guess
            return None
        aside, gender = _said_after(item[date.end():])
        if aside is None and (before := _ASIDE_END.search(name)):  # "Darren EVANS-PRICE (daughter), 29/8/2020"
            name, aside = name[:before.start()].strip(), before.group(1).strip()
        people.append([name, date.group() if date.re is DATE else None, aside, gender])
    return people or None


@functools.cache
def _kin_words() -> frozenset[str]:
    lists = labels_data().get("option_lists", {})
    return frozenset(w.lower() for w in lists.get("relationship to victim", []))


def people_in_one_box(item: Labelled, problems: list[Problem]) -> RowTable | bool:
    """ "Names and dates of birth of children | 1) Jo SMITH – 3.4.2019 (son) 2) ...": the people a box
    lists, as a table; True when the box names nobody or cannot be read one by one (a problem says so,
    into `problems`: never one made-up person of the whole text); False when it is no such box."""
    if not isinstance(item.value, str) or not people_label(item.label) or (
            "\n" not in item.value.strip() and not _PLURAL.search(item.label)):
        return False  # "Name of Child being referred | Jordan HUSSAIN": one person's name, asked for singly
    if no_entry(item.value):
        return True  # "None", "N/A": nobody to list
    people = people_in_text(item.value)
    if people is None:
        child = _CHILD_WORDS.search(item.label)
        problems.append(Problem(
            f"the box '{' '.join(item.label.split())[:80]}' lists people in a way that could not be read one "
            "by one (a name and date of birth each); it was not used", "referral.children" if child else None,
            "warning"))
        return True
    # "(son)", "(daughter)" in brackets after each name: what the child is to her, as a relationship column says
    related = "relationship" in item.label.lower() or all(
        isinstance(p[2], str) and p[2].strip().lower() in _kin_words() for p in people)
    gendered = any(person[3] for person in people)
    headers = PEOPLE_HEADERS + (["Relationship to victim"] if related else []) + (["Gender"] if gendered else [])
    rows = [person[:2] + (person[2:3] if related else []) + (person[3:] if gendered else []) for person in people]
    return RowTable(headers, rows, item.section, item.title or item.label)


