"""A table's row that is a box's title, not a value: "Victim | (please duplicate this box for each victim)", "Victim
(please duplicate …)", and a title with a question after it ("Details of Mother   Is Mother Main Carer ? Y"), whose
answer is read under the new title. A box printed to be duplicated and seen again is "Victim 2"."""
from __future__ import annotations

import re

from ..printed import clean_label, looks_like_data, short_line
from .cells import instruction, printed_pairs
from .walk import Row, Walk

__all__ = ["ASIDE", "titled"]

ASIDE = re.compile(r"\([^()]*\)\s*$")  # "(please duplicate this box for each victim)" at the end
# a box's title, then (after a run of spaces or a tab) a question and its answer
# (or a capitalised question word: a PDF prints the run of spaces as one)
_TITLE_THEN_QUESTION = re.compile(r"^(?P<title>[^:?\n]{3,40}?)"
                                  r"(?:[ \u00a0]{3,}|\t+|\s+(?=(?:Is|Are|Does|Do|Has|Have|Was|Were)\s))"
                                  r"(?P<rest>[^\n]*\?.*)$")


def titled(row: Row, walk: Walk) -> bool:
    """Reads the row into the walk and says so where it is a box's title (with any question after it)."""
    if _title_row(row):
        _box_title(row.cells[0].text, walk)
        walk.use(row.element)
        return True
    if len(row.cells) != 1:
        return False
    cell = row.cells[0]
    if (boxed := ASIDE.search(cell.text)) and instruction(boxed.group()):
        _box_title(cell.text.replace(boxed.group(), " "), walk)
        return True
    split = _TITLE_THEN_QUESTION.match(cell.text.strip())
    if not (cell.cue and split and short_line(split["title"])):
        return False
    _box_title(split["title"], walk)
    for label, value in printed_pairs(split["rest"]) or []:  # "Is Father Main Carer ? Y / N" left as printed: none
        walk.add(label, value, cell.element)
    return True


def _box_title(text: str, walk: Walk) -> None:
    title = clean_label(text)
    seen = walk.boxes[title.lower()] = walk.boxes.get(title.lower(), 0) + 1
    walk.box_heading(title if seen == 1 else f"{title} {seen}")


def _title_row(row: Row) -> bool:
    filled = [c for c in row.cells if c.text]
    return (row.instructed and len(filled) == 1 and filled[0] is row.cells[0] and short_line(filled[0].text)
            and not looks_like_data(filled[0].text))
