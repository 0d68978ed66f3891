"""A table typed as lines with tab stops, no Word table: a heading line "Name<TAB>Date of birth<TAB>School" and
one line per person under it, each laid out on the same tab stops ("Darren SMITH<TAB>29 August 2020<TAB>…").
Read as a table of people (RowTable), so the rows go to people as a Word table's would; "None" under the
heading line is no one.
"""
from __future__ import annotations

import re

from lxml import etree

from ..model import RawValue, RowTable
from ..printed import clean_label, is_label_text, looks_like_data
from ..tables.cells import no_entry, value_of
from .text import all_bold, render, w
from .walk import WordWalk

_TABS = re.compile(r"\t+")
MIN_COLUMNS = 3  # two pieces are a "Label<TAB>answer" line; a heading of two needs bold to tell it apart


def _pieces(paragraph: etree._Element, walk: WordWalk) -> list[str]:
    text = render(paragraph, walk.marks)
    return [piece.strip() for piece in _TABS.split(text.strip())] if "\t" in text else [text.strip()]


def _heading_line(paragraph: etree._Element, pieces: list[str]) -> bool:
    enough = len(pieces) >= MIN_COLUMNS or (len(pieces) == 2 and all_bold(paragraph))
    return enough and all(is_label_text(p) and not p.rstrip().endswith(":") and not looks_like_data(p)
                          for p in pieces)


def read_tab_table(blocks: list[etree._Element], index: int, walk: WordWalk) -> int | None:
    """The table whose heading line is blocks[index], read into the walk; the index after it, or None when
    blocks[index] heads no such table."""
    head = blocks[index]
    headers = _pieces(head, walk)
    if not _heading_line(head, headers):
        return None
    rows: list[list[RawValue]] = []
    end = index + 1
    nobody = False
    while end < len(blocks) and blocks[end].tag == w("p"):
        pieces = _pieces(blocks[end], walk)
        if not rows and not nobody and len(pieces) == 1 and pieces[0] and no_entry(pieces[0]):
            nobody, end = True, end + 1  # "None" under the heading line
            continue
        if len(pieces) != len(headers) or not any(pieces):
            break
        rows.append([value_of(piece) if piece else None for piece in pieces])
        end += 1
    if not rows and not nobody:
        return None
    walk.flush()
    walk.tables.append(RowTable([clean_label(h) for h in headers], rows, walk.section, None, walk.headings()))
    return end


def wrapped_pair(text: str) -> tuple[str, str] | None:
    """ "If no consent, why is information<TAB>Risk of serious" / "being shared?<TAB>harm outweighs …": a label and
    its answer on tab stops, both running onto the next line of the paragraph. The label is the words left of the
    tab on every line, the answer the words right of it, so a wrapped label never cuts the answer short."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2 or "\t" not in text or any(line.count("\t") > 1 for line in lines):
        return None
    left, right = [], []
    for line in lines:
        label, _, answer = line.partition("\t")
        if label.strip():
            left.append(label.strip())
        if answer.strip():
            right.append(answer.strip())
    label = " ".join(left)
    if not right or not is_label_text(label) or looks_like_data(label) or not lines[0].split("\t")[0].strip():
        return None
    return clean_label(label), " ".join(right)
