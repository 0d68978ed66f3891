"""The reader's labelled items and tables made ready to be tied to fields, in order: boxes holding more than one
thing taken apart, numbered headings the PDF reader handed on as labels made headings again, dates typed one digit to
a box put together, "Give details:" under a heading about the abuse read as the account, a checklist's comments in
one box at the end set aside, blocks whose own row says whose they are, and what a children's box says of all the
children it lists set aside to be put on them once their table is read (parsers.labels.said_of_all), and a next of kin
or emergency contact named inside someone's box left out with the lines that describe them, and one box answering
for several numbered people a line each split among them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import Labelled, RowTable
from .abuse_details import abuse_details
from .adults import household_kinds
from .blocks import told_blocks
from .dash_comments import comment_boxes
from .digit_boxes import digit_boxes
from .matcher import ROLE_BASE, LabelTable
from .numbered_heads import numbered_heads
from .numbered_lines import numbered_lines
from .presumed import Warn
from .question_rows import questions_answered_below
from .recognisers import PHONE_KINDS
from .said_of_all import Shared, pull_shared
from .values import expand
from .whose import whose_role

__all__ = ["Prepared", "prepare"]


@dataclass
class Prepared:
    labelled: list[Labelled]
    tables: list[RowTable]
    boxes: list[dict[int, str]]  # a checklist's comments given in one box, by question (parsers.labels.dash_comments)
    shared: list[Shared]  # said of all the children a table lists
    later: list[list[Labelled]]  # other significant adults' boxes a row says are a perpetrator's: read after the tables
    hers: bool = False  # the form's words gave the victim a box of the child's mother (parsers.labels.presumed)


def prepare(labelled: list[Labelled], tables: list[RowTable], table: LabelTable, warn: Warn,
            has_dash_lines: bool) -> Prepared:
    labelled = [_less_blank_line(item) for item in labelled]  # "0117 496 0855_______": the printed line typed on
    labelled, tables = expand(labelled, tables, table, warn)  # boxes holding more than one thing
    labelled = digit_boxes(numbered_heads(labelled, table), table)  # "1. Person at risk of harm information:"
    labelled = abuse_details(labelled, table)  # "Give details:" under "2a. Alleged Abuse"
    labelled = questions_answered_below(labelled, table)  # "Are the parents/carers aware …?" over "Yes ☐ No ☒"
    labelled, boxes = comment_boxes(labelled, table, has_dash_lines)  # "Q1: …" in one box at the end
    texts = [item.value for item in labelled if isinstance(item.value, str)]  # "mother is the victim"
    labelled, later, hers = told_blocks(labelled, table, texts, household_kinds(tables, table), warn)  # "Victim"
    labelled, shared = pull_shared(labelled, tables, table)  # "Address" under the children's rows: all theirs
    labelled = _one_a_line(_numbers_by_kind(_less_other_parties(labelled, table), table), table)
    labelled = numbered_lines(labelled, table)  # "Perpetrator 1: Boyfriend" / "Perpetrator 2: Husband" in one box
    return Prepared(labelled, tables, boxes, shared, later, hers)


_PERPETRATOR = ROLE_BASE["perpetrator"]
_A_NAME = re.compile(r"^[A-Z][\w'’-]*(?:\s+[\w'’-]+)+$")  # words alone: no "(aka Dee)", no date, no comma
_ALIAS = re.compile(r"\b(?:aka|a\.k\.a|alias|known as)\b", re.IGNORECASE)


def _lines(value: object) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()] if isinstance(value, str) else []


def _one_a_line(labelled: list[Labelled], table: LabelTable) -> list[Labelled]:
    """ "Perpetrator(s) Name: Kieran FLETCHER / Liam SZYMANSKI", "Perpetrator(s) DOB: 3.8.95 / 11.2.76",
    "Relationship to victim: Boyfriend / Husband", a line each: one man's boxes after the other's, in the order of
    the lines (the reader starts the next man where his name comes again). Only where every line of the name box is a
    name of two words or more and each box after it in his section holds as many lines."""
    out: list[Labelled] = []
    i = 0
    while i < len(labelled):
        item, names = labelled[i], _lines(labelled[i].value)
        role = whose_role(table, item.section, item.title, item.context, item.headings)[0]
        found = table.match(item.label, role)
        if not (role == "perpetrator" and found.target == _PERPETRATOR + "name" and len(names) >= 2
                and all(_A_NAME.match(n) and not _ALIAS.search(n) for n in names)):
            out.append(item)
            i += 1
            continue
        end = i + 1
        while end < len(labelled) and labelled[end].section == item.section \
                and len(_lines(labelled[end].value)) == len(names) \
                and (table.match(labelled[end].label, role).target or "").startswith(_PERPETRATOR):
            end += 1
        for k in range(len(names)):
            out += [replace(box, value=_lines(box.value)[k]) for box in labelled[i:end]]
        i = end
    return out


_PHONE_KINDS = frozenset(PHONE_KINDS) | {"home tel", "work tel"}


def _numbers_by_kind(labelled: list[Labelled], table: LabelTable) -> list[Labelled]:
    """ "Telephone numbers including home, work and mobile: Home: 0117 496 0855": the number typed after a kind of
    phone ("Home:") inside an empty phone box is that box's answer."""
    out: list[Labelled] = []
    for item in labelled:
        before = out[-1] if out else None
        if before is not None and before.value is None and " ".join(table.words(item.label)) in _PHONE_KINDS \
                and (table.match(before.label, None).target or "").endswith("phone"):
            out[-1] = replace(before, value=item.value)
            continue
        out.append(item)
    return out


_BLANK_LINE = re.compile(r"[ \t]*_{3,}[ \t]*")


def _less_blank_line(item: Labelled) -> Labelled:
    if not (isinstance(item.value, str) and "___" in item.value):
        return item
    value = "\n".join(line.strip() for line in _BLANK_LINE.sub(" ", item.value).splitlines()).strip()
    return replace(item, value=value or None)


# Bare labels that go on describing the person a label before them named: "Next of kin: Joanne" then these.
_THEIRS = frozenset({"relationship", "relationship to client", "address", "tel", "tel no", "telephone", "phone",
                     "telephone number", "phone number", "tel number", "contact number", "mobile", "email"})


def _less_other_parties(labelled: list[Labelled], table: LabelTable) -> list[Labelled]:
    """The items less a person around the case named inside someone's box ("Next of kin: Joanne EVANS-PRICE",
    "Emergency contact: …") with the bare "Relationship" / "Telephone number" lines that follow, which are theirs:
    never the victim's phone."""
    kept: list[Labelled] = []
    theirs = False
    for item in labelled:
        if table.section(item.label)[0] == "others":
            theirs = True
        elif not (theirs and " ".join(table.words(item.label)) in _THEIRS):
            theirs = False
            kept.append(item)
    return kept
