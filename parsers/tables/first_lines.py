"""A label on a cell's first lines with its answer on the lines below, told by the words alone where nothing (no
bold) sets the label apart, as in a PDF: "Names and Dates of Birth" over one person a line, or a question over a
short answer. Split out of parsers.tables.cells (what one cell holds).
"""
from __future__ import annotations

from ..printed import is_label_text, looks_like_data
from .people_cell import people_in_text, people_label
from .questions import question_end

_SHORT_ANSWER_WORDS = 14


def text_parts(text: str) -> list[tuple[str, str]] | None:
    """ "Names and Dates of Birth" over one person a line, or a question ("Is the person referred aware of the
    referral?", a bracketed aside after it) over a short answer: the label and its answer in one cell, where
    the reader cannot see which words are bold (a PDF). None for any other cell."""
    if "\n" not in text.strip():
        return None
    first, _, rest = text.strip().partition("\n")
    if people_label(first) and len(first.split()) <= 10 and not looks_like_data(first) \
            and people_in_text(rest) is not None:
        return [(first, rest.strip())]
    end = question_end(text)
    if end is None or not text[end:].strip():
        return None
    label, answer = " ".join(text[:end].split()), text[end:].strip()
    if "?" in answer or len(answer.split()) > _SHORT_ANSWER_WORDS or not is_label_text(label) or looks_like_data(label):
        return None
    return [(label, answer)]
