"""A question cell that carries its own printed options: "Drugs involved?   Y   N", "Consent given? Yes / No". Its
answer is in the cell (an option struck, deleted or highlighted; left as printed, no answer), never the next cell,
which is another question in a row of them (a police form's three "Y N" boxes to a row). Where the next cell holds
a plain answer ("... disabled? Y/N | N"), the printed options are only a hint and the cell is its label.
"""
from __future__ import annotations

import re

from ..model import RawValue
from ..printed import clean_label
from .walk import Cell

_ASKED_WITH_OPTIONS = re.compile(r"^(?P<question>[^?\n]{3,200}\?)[\s:]*(?:yes|y)\s*[/|]?\s*(?:no|n)\s*$", re.IGNORECASE)


def unanswered_options(cells: list[Cell], k: int) -> list[tuple[str, RawValue]] | None:
    """The question of cells[k] when it ends in its printed options with none picked ("Were injuries sustained? Y
    N") and the next cell is no answer to it (none, a label, or another question): the question with no answer;
    None for any other cell."""
    match = _ASKED_WITH_OPTIONS.match(" ".join(cells[k].text.split()))
    after = cells[k + 1] if k + 1 < len(cells) else None
    if match is None or (after is not None and after.text and not after.cue and "?" not in after.text):
        return None
    return [(clean_label(match.group("question")), None)]


_OPTIONS_ALONE = re.compile(r"^\s*(?:yes|y)\s*[/|]?\s*(?:no|n)\s*$", re.IGNORECASE)


def options_as_printed(value: RawValue) -> bool:
    """ "Y / N" with neither picked: the blank form's own print, no one's entry (a column left for a child the
    family does not have), though under a question of a filled box it is an unanswered question."""
    return isinstance(value, str) and bool(_OPTIONS_ALONE.match(value))


_OPTION_CELL = re.compile(r"^(?P<word>yes|no|y|n|no\s*/\s*n/?a|n/?a|don'?t know|not known|unknown)"
                          r"(?:\s*(?P<mark>[xX✓✔☒☑✗✘]))?$", re.IGNORECASE)


def option_cells(cells: list[Cell], k: int) -> tuple[str, RawValue] | None:
    """A question in cells[k] with each of its options in a cell of its own after it ("Has this referral been
    discussed with the parent/carer? | YES | NO"): the answer is the one option marked, by an X or a tick after the
    word or by highlighting it; with none or more than one marked, the question has no answer (never the first
    option printed). None for any other row."""
    question, rest = cells[k], cells[k + 1:]
    if not question.text or not (question.cue or question.text.rstrip().endswith(("?", ":"))):
        return None
    options = [_OPTION_CELL.match(" ".join(c.text.replace("\u2019", "'").split())) for c in rest if c.text]
    if len(options) < 2 or len(options) != len(rest) or not all(options):
        return None
    marked = [m.group("word") for m, c in zip(options, rest) if m and (m.group("mark") or c.highlighted())]
    return clean_label(question.text), marked[0] if len(marked) == 1 else None
