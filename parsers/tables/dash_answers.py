"""Answer words and marks of DASH grids, and the grids with no header row whose rows carry their own
answer words (parsers.tables.dash_grid reads the rest).

- `answer_kind`: "Yes (tick)", "Don't know ✓", "NOT KNOWN", "DK" -> yes / no / unknown.
- `typed_answer`: an answer typed in a cell or after a question, with any remark after it.
- `inline_layout`: no header row, the options ticked in one cell per question ("1. Are you very
  frightened? | YES ☐ NO ☒ NOT KNOWN ☐"), or each answer word in a cell of its own and marked there by
  a box beside it, by highlighting it or by deleting the others ("1 | ... | YES ☐ | NO ☒", the police
  layout). A checklist when there are ten such rows, or they are numbered, or a DASH grid came before:
  a few "Safe to call? | Yes ☒ No ☐" rows of a referral form are left to the table reader.

A box whose state the file does not carry (parsers.ticks.UNREADABLE) still makes a cell a choice:
the row keeps its shape; the answer stays unknown.
"""
from __future__ import annotations

import re

from ..ticks import (
    CHECKED_GLYPHS,
    NOT_TICKS,
    UNCHECKED_GLYPHS,
    UNREADABLE,
    has_mark,
    read_choice,
)
from .walk import Cell, GridLayout, Row, Walk

_ANSWERS = {"yes": {"yes", "y"}, "no": {"no", "n"},
            "unknown": {"don't know", "dont know", "do not know", "dk", "d/k", "not known", "unknown", "n/k",
                        "nk", "?", "unsure", "not sure", "don't know / not answered"}}
MARK_WORDS = {"x", "yes", "y", "ticked", "tick"}
NUMBER = re.compile(r"^\s*(?:q\.?\s*)?(\d{1,2})[.):]?\s*$", re.IGNORECASE)
LEADING_NUMBER = re.compile(r"^\s*(?:q\.?\s*)?(\d{1,2})[.):]?\s+(?=\S)", re.IGNORECASE)
DASH_MIN_QUESTIONS = 10
INLINE_MIN_QUESTIONS = 3  # rows of "question | YES ☐ NO ☒" that make a grid with no header row
LOOK_AHEAD_ROWS = 60  # rows looked at to tell a grid with no header row (a checklist has 40 at most)
COMMENT = re.compile(r"^\s*(?:comments?|details|notes?|source)\s*(?:[:\-–—]\s*|$)", re.IGNORECASE)
_TYPED_ANSWER = re.compile(
    r"^\s*(?P<word>yes|y|no|n|don'?t know|do not know|dk|d/k|not known|n/k|nk|unknown|unsure|not sure)"
    r"(?:\s*[.!]?\s*[-–—:,;(]\s*(?P<rest>.*?)\)?)?\s*[.!]?\s*$", re.IGNORECASE | re.DOTALL)
_FILLER = re.compile(r"^\s*(?:see|refer to)\s+(?:below|above|comments?|notes?|overleaf)\b[\s.,;:\-–—]*", re.IGNORECASE)
_SLASHED = re.compile(r"\s*(?:/|\|)\s*")
_BOX_SPLIT = re.compile(r"[" + CHECKED_GLYPHS + UNCHECKED_GLYPHS + r"]")
_HEADING_ASIDE = re.compile(r"\([^)]*\)|[" + CHECKED_GLYPHS + UNCHECKED_GLYPHS + "]")
_TICK_WORD = re.compile(r"\b(please )?tick\b", re.IGNORECASE)


def typed_answer(text: str) -> tuple[str | None, str | None]:
    """A typed answer and any remark after it: "Yes – see below" -> ("Yes", None), "No, moved out" ->
    ("No", "moved out"), "YES ☐ NO ☒" -> ("NO", None). Text that is no answer comes back whole."""
    flat = " ".join(text.replace("’", "'").split())
    if not flat:
        return None, None
    if has_mark(flat):
        choice = read_choice(flat)
        if choice is NOT_TICKS or isinstance(choice, bool):
            return flat, None
        if choice is None:
            return None, None
        # two options ticked: "yes / no", for the resolver to report and a person to settle
        kinds = [answer_kind(part) or part for part in str(choice).split(" / ")]
        return " / ".join(kinds), None
    options = [part for part in _SLASHED.split(flat) if part]
    if len(options) >= 2 and all(answer_kind(part) for part in options):
        return None, None  # "Y / N" as printed, neither struck out: not answered
    match = _TYPED_ANSWER.match(flat)
    if match is None:
        return flat, None
    rest = _FILLER.sub("", match.group("rest") or "").strip(" .;:-–—")
    return match.group("word"), rest or None


def choice_cell(text: str) -> bool:
    """Options each with a box, all of them answer words: "YES ☐ NO ☒ NOT KNOWN ☐"."""
    text = text.replace(UNREADABLE, "\u2610")  # its shape is a choice, whatever is ticked
    if not has_mark(text):
        return False
    words = [w for w in _BOX_SPLIT.split(text) if w.strip()]
    kinds = {answer_kind(w) for w in words}
    return len(words) >= 2 and None not in kinds and {"yes", "no"} <= kinds


def answer_key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split()).strip(" .:*")


def _heading_key(text: str) -> str:
    """An answer column's heading less its asides: "Yes (tick)", "Don't know ✓" -> "yes", "don't know"."""
    bare = _HEADING_ASIDE.sub(" ", text)
    return answer_key(_TICK_WORD.sub(" ", bare))


def answer_kind(text: str) -> str | None:
    key = _heading_key(text)
    return next((kind for kind, words in _ANSWERS.items() if key in words), None)


def inline_layout(rows: list[Row], index: int, walk: Walk) -> GridLayout | None:
    """No header row, each question with its options ticked in one cell: "1. Are you very frightened?
    | YES ☐ NO ☒ NOT KNOWN ☐". A checklist when there are ten such rows, or they are numbered, or a
    DASH grid came before; a few "Safe to call? | Yes ☒ No ☐" rows of a referral form are left alone."""
    row = rows[index]
    answer = next((c for c in reversed(row.cells) if choice_cell(c.text)), None)
    if answer is None:
        return _worded_layout(rows, index, walk)
    if answer is row.cells[0]:
        return None
    left = [c for c in row.cells if c.col < answer.col]
    question = max(left, key=lambda c: len(c.text))
    if len(question.text) < 15:
        return None
    body = [r for r in rows[index:index + LOOK_AHEAD_ROWS] if r.width == row.width and len(r.cells) > 1
            and choice_cell(r.text_under(answer)) and len(r.text_under(question)) >= 15]
    if len(body) < INLINE_MIN_QUESTIONS:
        return None
    numbered = sum(1 for r in body if LEADING_NUMBER.match(r.text_under(question)))
    if len(body) < DASH_MIN_QUESTIONS and numbered < 0.6 * len(body) and walk.dash_layout is None:
        return None
    return GridLayout(row, [], answer, question, None, None, True)


def word_of(text: str) -> str | None:
    """The answer word a cell prints, with or without a box beside it ("YES ☐", "No")."""
    bare = "".join(ch for ch in text if ch not in CHECKED_GLYPHS + UNCHECKED_GLYPHS)
    return answer_kind(bare) if bare.strip() else None


def _worded_layout(rows: list[Row], index: int, walk: Walk) -> GridLayout | None:
    """No header row, each answer word printed in its own cell on every question row and marked
    there: a box beside it, the word highlighted, or the other word deleted (the police layout
    "27 | Do you know if ... criminal history? | YES ☐ | NO ☒"). The answer columns are where the
    rows print the same word each time; taken as a checklist on the same terms as the inline layout."""
    first = rows[index]
    worded = [k for k, c in enumerate(first.cells) if k and word_of(c.text)]
    if len(first.cells) < 3 or not worded or max(len(c.text) for c in first.cells[:worded[0]]) < 15:
        return None  # asked of rows of pairs too ("Pregnant | No | Disabled | Yes"): cheaply refused
    width = first.width
    same = [r for r in rows[index:index + LOOK_AHEAD_ROWS] if r.width == width and len(r.cells) == len(first.cells)]
    kinds: dict[int, set[str | None]] = {}
    for row in same:
        for k, cell in enumerate(row.cells):
            if cell.text:
                kinds.setdefault(k, set()).add(word_of(cell.text))
    columns = sorted(k for k, seen in kinds.items() if len(seen) == 1 and None not in seen)
    found = [kinds[k].copy().pop() for k in columns]
    if len(columns) < 2 or columns != list(range(columns[0], columns[-1] + 1)) or \
            not {"yes", "no"} <= set(found) or len(set(found)) != len(found) or columns[0] == 0:
        return None
    answers = [(first.cells[k], str(kind)) for k, kind in zip(columns, found)]
    left = first.cells[:columns[0]]
    question = max(left, key=lambda c: len(c.text))
    number = next((c for c in left if c is not question and NUMBER.match(c.text)), None)
    body = [r for r in same if len(r.text_under(question)) >= 15]
    if len(body) < INLINE_MIN_QUESTIONS or len(first.text_under(question)) < 15:
        return None
    numbered = sum(1 for r in body if number is not None or LEADING_NUMBER.match(r.text_under(question)))
    if len(body) < DASH_MIN_QUESTIONS and numbered < 0.6 * len(body) and walk.dash_layout is None:
        return None
    return GridLayout(first, answers, None, question, number, None, True)


def worded(layout: GridLayout) -> bool:
    """The layout was found from a question row printing its answer words (_worded_layout)."""
    return bool(layout.answers) and "?" in layout.head.text_under(layout.question) and all(
        word_of(layout.head.text_under(c)) in (k, None) for c, k in layout.answers)


def _highlighted(row: Row, cell: Cell) -> bool:
    """The word in this cell is highlighted (or run-shaded): how some referrers pick an option."""
    return any(c.highlighted() for c in row.under(cell))


def worded_marks(row: Row, layout: GridLayout) -> list[tuple[Cell, str]]:
    """Which answers a row of printed words marks: the boxes ticked if it has boxes, else the words
    highlighted, else the one word left where the others were deleted (all left: none chosen)."""
    texts = [(c, k, row.text_under(c)) for c, k in layout.answers]
    if any(has_mark(t) for _, _, t in texts):
        return [(c, k) for c, k, t in texts if any(g in t for g in CHECKED_GLYPHS)]
    lit = [(c, k) for c, k, _ in texts if _highlighted(row, c)]
    if lit:
        return lit
    present = [(c, k) for c, k, t in texts if t.strip()]
    return present if len(present) == 1 else []
