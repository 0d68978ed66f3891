"""A bare "Give details:" under a heading about the abuse ("2a. Alleged Abuse", "Category of abuse" over its tick
boxes), as adult safeguarding concern forms print it: the referrer's account of what happened, read as the summary of
the risks. Anywhere else a bare "Give details" follows some other question ("Disability? Yes – Give details: …") and
says nothing of whose or what details: it is left as it is (no field), so an answer about a disability never becomes
the account of the abuse.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Labelled
from .matcher import LabelTable

__all__ = ["abuse_details"]

_BARE = frozenset({"give details", "details", "please give details", "give brief details", "please give brief details",
                   "give full details", "please give full details"})
_AS = "Summary of concerns"  # a label the table reads as the summary of the risks


# The form's own instruction printed after the label ("Full names and titles should be used …; it must make sense"),
# which a PDF reader, seeing no italics, hands on as the answer: never read as the account (left empty instead)
_INSTRUCTION = re.compile(r"\b(?:should|must)\s+(?:be|make|include|give|state|not|contain)\b|^\W*please\b", re.IGNORECASE)


def abuse_details(items: list[Labelled], table: LabelTable) -> list[Labelled]:
    return [replace(item, label=_AS) if " ".join(table.words(item.label)) in _BARE
            and table.section(item.section)[0] == "risks"
            and not (isinstance(item.value, str) and _INSTRUCTION.search(item.value)) else item for item in items]
