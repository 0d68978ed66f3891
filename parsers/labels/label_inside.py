"""A label with its answer typed after it in the same box, told by the words alone: "Gender F", "INTERPRETER
REQUIRED? Yes – Polish", "DOB 03/04/1991". The longest start of the text that is a known label is the label, the
rest its value, where the rest looks filled in ("F", a number, a yes / no) and not like more label ("and surgery",
"(if known)", "Ref. No."). Split out of parsers.labels.values.
"""
from __future__ import annotations

import re

from ..normalise import parse_bool_or_none
from .matcher import PERSONS, LabelTable

__all__ = ["label_with_value"]

# Words that only make a label longer: "Is perpetrator …" names whose, it is no label of its own.
FILLERS = frozenset({"is", "are", "does", "do", "has", "have", "of", "the", "a", "an", "name", "details"})


def _ok(table: LabelTable, label: str) -> bool:
    return table.match(label, None).status in ("ok", "needs_section")


def label_with_value(text: str, table: LabelTable) -> tuple[str, str] | None:
    """ "Gender F" -> ("Gender", "F"); "INTERPRETER REQUIRED? Yes – Polish" -> (label, "Yes – Polish"):
    the longest start of the text that is a known label, the rest its value."""
    flat = " ".join(text.split())
    if len(flat) > 160 or _ok(table, flat):
        return None
    cut = re.match(r"^([^?:]{2,100}[?:])\s*(\S.*)$", flat)
    if cut and _ok(table, cut.group(1)):
        return cut.group(1), cut.group(2)
    words = flat.split(" ")
    for end in range(min(len(words) - 1, 10), 0, -1):
        head, rest = " ".join(words[:end]), " ".join(words[end:])
        # "Is perpetrator ..."; "1. Applicant Details", a numbered heading naming only her
        named_only = not {w for w in table.words(head) if not w.isdigit()} - set(PERSONS) - FILLERS
        if not named_only and _ok(table, head) and len(rest) <= 60 and _looks_like_value(rest) \
                and not _ok(table, rest):  # "Telephone Mobile" is two labels, not a label and its value
            return head, rest
    return None


_NUMBER_WORDS = frozenset({"ref", "reference", "no", "number", "num", "id", "code"})
# words labels are made of, never the first word of an answer ("Agency Information Social Work" is one label)
_LABEL_WORDS = frozenset({"information", "details", "detail", "name", "names", "date", "number", "address", "contact",
                          "reference", "type"})
# "Date Referral Received", "Date DASH Updated": the word after a date label that says which date, not its value
_WHICH_DATE = frozenset({"received", "completed", "made", "taken", "sent", "updated", "signed", "agreed", "reviewed",
                         "started", "submitted", "opened", "closed"})


def _looks_like_value(text: str) -> bool:
    """ "F", "Yes – Polish", "07700 900123", "☒": filled in. "and surgery", "(if known)", "Ref. No.": more label."""
    words = re.findall(r"[a-z]+", text.lower())
    if words and set(words) <= _NUMBER_WORDS and words != ["no"]:
        return False  # "Agency Ref. No." asks for a number; a lone "No" is an answer
    if words and (words[-1] in _WHICH_DATE or words[0] in _LABEL_WORDS):
        return False  # "Referral Received", "Information Social Work": the rest of the label
    first = text[:1]
    if first.isdigit() or first.isupper() or not first.isalnum() and first not in "([":
        return not re.match(r"^(?:and|or|of|if|&|/)\b", text, re.IGNORECASE)
    return parse_bool_or_none(text) is not None
