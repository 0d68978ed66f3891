"""Prompts answered in one box: "- who is the victim afraid of? Her ex-partner", a line each. Pure text, for the
readers that hand a labelled box on (parsers.docx.reader, parsers.pdf.grid): each prompt becomes a label with its
answer.
"""
from __future__ import annotations

import re

_BULLET = re.compile(r"^\s*[-–•*]\s+")
_PROMPT_END = re.compile(r"^(?P<prompt>.{6,160}?(?:\?|\)))\s+(?P<answer>\S.*)$")


def prompts_in_text(text: str) -> list[tuple[str, str]] | None:
    """Each bulleted prompt of a box with the answer typed after it (a question mark or a closing
    bracket ends the prompt); None unless every line reads so."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2 or not all(_BULLET.match(line) for line in lines):
        return None
    found: list[tuple[str, str]] = []
    for line in lines:
        match = _PROMPT_END.match(_BULLET.sub("", line).strip())
        if match is None:
            return None
        found.append((match.group("prompt"), match.group("answer").strip()))
    return found
