"""A question printed across a table's whole width with its "Yes ☐ No ☒" boxes in a row of their own under it ("Are
the parents/carers aware of this referral …?" then "Yes ☐ No ☒ | If 'No' give a reason … | …"). The reader takes the
full-width question for a heading and the boxes for labels of their own ("Yes": False, "No": True); read here as the
question answered by the ticked option. Only a heading that ends in a question mark and that the label table knows as
a field is a question; one box ticked, or none, is the answer ("Yes", "No" or not given); two ticked are no answer.
"""
from __future__ import annotations

from dataclasses import replace

from ..model import Labelled
from ..normalise import parse_bool_or_none
from .matcher import LabelTable

__all__ = ["questions_answered_below"]


def _a_box(item: Labelled) -> bool:
    """ "Yes": False: one printed option and its box's state."""
    return isinstance(item.value, bool) and parse_bool_or_none(item.label) is not None and len(item.label) <= 12


def _asks(table: LabelTable, heading: str | None) -> bool:
    return bool(heading) and heading.rstrip().endswith("?") and table.match(heading, None).status == "ok"


def questions_answered_below(items: list[Labelled], table: LabelTable) -> list[Labelled]:
    """The items, each run of option boxes opening a question heading's box made that question's answer."""
    out: list[Labelled] = []
    i = 0
    while i < len(items):
        item = items[i]
        first_of_box = not out or out[-1].section != item.section
        if not (first_of_box and _a_box(item) and _asks(table, item.section)):
            out.append(item)
            i += 1
            continue
        end = i
        while end < len(items) and items[end].section == item.section and _a_box(items[end]):
            end += 1
        ticked = [box.label.strip() for box in items[i:end] if box.value]
        answer = ticked[0] if len(ticked) == 1 else None  # two ticked say nothing; none ticked is not given
        out.append(replace(item, label=str(item.section), value=answer))
        i = end
    return out
