"""The reader's labelled items and tables made ready to be tied to fields, in order: boxes holding more than one
thing taken apart, numbered headings the PDF reader handed on as labels made headings again, dates typed one digit to
a box put together, "Give details:" under a heading about the abuse read as the account, a checklist's comments in
one box at the end set aside, blocks whose own row says whose they are, and what a children's box says of all the
children it lists set aside to be put on them once their table is read (parsers.labels.said_of_all).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import Labelled, RowTable
from .abuse_details import abuse_details
from .blocks import told_blocks
from .dash_comments import comment_boxes
from .digit_boxes import digit_boxes
from .matcher import LabelTable
from .numbered_heads import numbered_heads
from .said_of_all import Shared, pull_shared
from .values import expand

__all__ = ["Prepared", "prepare"]


@dataclass
class Prepared:
    labelled: list[Labelled]
    tables: list[RowTable]
    boxes: list[dict[int, str]]  # a checklist's comments given in one box, by question (parsers.labels.dash_comments)
    shared: list[Shared]  # said of all the children a table lists


def prepare(labelled: list[Labelled], tables: list[RowTable], table: LabelTable, warn: Callable[[str], None],
            has_dash_lines: bool) -> Prepared:
    labelled, tables = expand(labelled, tables, table, warn)  # boxes holding more than one thing
    labelled = digit_boxes(numbered_heads(labelled, table), table)  # "1. Person at risk of harm information:"
    labelled = abuse_details(labelled, table)  # "Give details:" under "2a. Alleged Abuse"
    labelled, boxes = comment_boxes(labelled, table, has_dash_lines)  # "Q1: …" in one box at the end
    labelled = told_blocks(labelled, table)  # "Adult 2" whose row says "Alleged perpetrator"
    labelled, shared = pull_shared(labelled, tables, table)  # "Address" under the children's rows: all theirs
    return Prepared(labelled, tables, boxes, shared)
