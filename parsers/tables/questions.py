"""A DASH checklist written as numbered question lines rather than a grid ("3. Has the current incident
resulted in injury?  Yes – bruising to her arm"): where a question starts (its number) and ends (its
last "?" and any bracketed aside), and how its answer is introduced ("Answer: No") or offered ("Yes / No").

Shared by the Word reader (parsers.docx.dash_lines, from paragraphs) and the PDF reader
(parsers.pdf.dash_lines, from a printed page's lines), so both cut a question line alike.
"""
from __future__ import annotations

import re

MIN_LINES = 5  # fewer numbered lines are left to the layout reader: a referral form may number a question or two
NUMBER = re.compile(r"^\s*(?:q(?:uestion)?\.?\s*)?(\d{1,2})\s*[.):]\s*(?=\S)", re.IGNORECASE)
ANSWER_LINE = re.compile(r"^\s*(?:answer|response|reply)\s*[:\-–—]\s*", re.IGNORECASE)
OPTION_SPLIT = re.compile(r"\s*(?:/|\||,|\bor\b)\s*", re.IGNORECASE)


def question_end(text: str) -> int | None:
    """Where the question ends: after its last "?" outside brackets and any bracketed aside after it."""
    depth, last = 0, None
    for position, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(depth - 1, 0)
        elif char == "?" and depth == 0:
            last = position + 1
    if last is None:
        return None
    end = last
    while True:
        rest = text[end:]
        stripped = len(rest) - len(rest.lstrip())
        if rest[stripped:stripped + 1] not in ("(", "["):
            return end
        depth, close = 0, None
        for position, char in enumerate(rest[stripped:], start=end + stripped):
            depth += char in "(["
            depth -= char in ")]"
            if depth == 0:
                close = position + 1
                break
        if close is None:
            return end
        end = close
