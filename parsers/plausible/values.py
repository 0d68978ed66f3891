"""A value that does not look like what its field holds: a numbered list in one person's box (two people's
values), tick boxes with other text (a tick row or the next question read as the answer), a choice's word
alone ("Other"), a free-text reason cut off mid-phrase by a wrapped label."""
from __future__ import annotations

import re
from typing import Any

from .. import normalise, ticks
from .names import has_list
from .vocab import Found, fold, quote, run_on_labels, words

_GLYPHS = re.compile(f"[{re.escape(ticks.CHECKED_GLYPHS + ticks.UNCHECKED_GLYPHS)}]")
_BOXES = frozenset(ticks.CHECKED_GLYPHS + ticks.UNCHECKED_GLYPHS)
_WORD = re.compile(r"[\w'’-]+")
MOST_GENDER_LETTERS = 3  # a longer gender is written in words, not a code with a stray mark


def check_tick_list(path: str, key: str, value: str, record: dict[str, Any], found: Found) -> str | None:
    """A "tick one" list read as the answer ("☐ Right to life …\n☒ Overriding public interest …"): the answer
    is the ticked line; none ticked is no answer. Several ticked are kept together, with a warning when the
    field holds one value."""
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    if len(lines) < 2 or not all(line[0] in _BOXES for line in lines):
        return value
    ticked = [line[1:].strip() for line in lines if line[0] in ticks.CHECKED_GLYPHS and line[1:].strip()]
    record[key] = "; ".join(ticked) or None
    if len(ticked) > 1 and key in words("fields", "single"):
        found.add(path, "more than one box is ticked in its list: check which is meant", "warning")
    return record[key]


def check_run_on(path: str, key: str, value: str, record: dict[str, Any], found: Found) -> None:
    """A one-value box holding other boxes' labels and answers: which part is its answer cannot be told."""
    if "\n" in value.strip() or not run_on_labels(value):
        return
    record[key] = None
    found.add(path, "holds other boxes' labels and answers run together (the form's boxes were lost when it "
                    "was saved or converted?), so it was not used: read it from the form")


def check_single(path: str, key: str, value: str, record: dict[str, Any], found: Found) -> None:
    """One person's (or the referrer's) single value: cleared when it is plainly something else."""
    if key not in words("fields", "single"):
        return
    if has_list(value):
        record[key] = None
        found.add(path, "holds a numbered list (several people's answers in one box), so it was not used: read "
                        "it from the form")
    elif key != "name" and "?" in value.strip("? ") and len(value.split()) > 3:
        record[key] = None
        found.add(path, "holds a question's text as well as an answer, so which answer was meant could not be "
                        "told: read it from the form")
    elif _GLYPHS.search(value) and re.search(r"[^\W\d_]{2}", _GLYPHS.sub("", value)):
        record[key] = None
        found.add(path, "holds tick boxes as well as text (a tick row, or the next question), so which answer was "
                        "meant could not be told: read it from the form")
    elif key in words("fields", "choice") and fold(value) in words("fields", "bare_choice"):
        found.add(path, f"{quote(value.strip())} was chosen but what it is was not read: read it on the form",
                  "warning")


def check_free_text(path: str, key: str, value: str, found: Found) -> None:
    """A reason that stops mid-phrase ("Risk of serious") was probably cut off by a label wrapped over it:
    kept, since most of it is right, with a warning to read the rest."""
    if key not in words("fields", "free_text") or re.search(r"[.!?)\]\"'’:;]\s*$", value):
        return
    tail = _WORD.findall(value[-200:])  # the end only: a long text is never searched backwards
    before, last = (fold(tail[-2]) if len(tail) > 1 else ""), (fold(tail[-1]) if tail else "")
    if last in words("fields", "dangling") or (
            last in words("fields", "dangling_adjectives") and before in words("fields", "before_adjective")):
        found.add(path, f"stops mid-phrase (on '{last}'), as if cut off: read the rest on the form", "warning")


def check_gender(path: str, value: str, found: Found) -> None:
    """A gender that is one of the form's answers with a stray character beside it ("FX": an "F" and the
    struck-out "M" misread as an "X"): which was meant cannot be told, so it is said. A gender written
    in words of its own ("Non-binary") is kept as written, with nothing said."""
    text = value.strip()
    if normalise.is_gender_word(text) or len(text) > MOST_GENDER_LETTERS:
        return
    if any(normalise.is_gender_word(text[:i] + text[i + 1:]) for i in range(len(text))):
        found.add(path, "is an answer with a stray character beside it (a mark or a struck-out option read as "
                        "a letter?): check it on the form", "warning")
