"""Text a PDF's layout wrapped, put back together: the lines of one cell or paragraph joined into its value, and a
cell a page break cut in two joined again. Where a line ends says how: a line the layout wrapped is joined with a
space, a word too wide for its narrow column and broken where the line ran out ("Relati / onship", "SZYMA / NSKI")
with nothing, and a line the writer ended is kept as a line.

Position alone cannot always tell a broken word from two words in a narrow column; where it cannot, the words of
the form's printed labels and of the answers the reader knows (data/labels.toml, data/values.toml) decide.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from typing import Any

from ..vocabulary import labels_text, values_text
from .layout import Cell, Line, Word, group_lines, page_words

# A line closed by a full date ("23/08/2015", "6 August 2023"), bar a closing bracket or full stop.
_DATED = re.compile(r"(?:\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\s+\d{4})[).]?$")


# The words the document being read spells whole somewhere ("Exampletown," in a wide cell): a narrow cell's
# "Example / town," is then that word broken, though "example" and "town" are words of their own.
_SPELLED: ContextVar[frozenset[str]] = ContextVar("spelled_whole", default=frozenset())


def spelled_in(pages: list[Any]) -> AbstractContextManager[None]:
    """While the pages are read, the words they spell whole tell a broken word from two (see `_SPELLED`)."""
    found: list[str] = []
    for page in pages:
        try:
            found += [w.text for w in page_words(page)]
        except ValueError:
            continue  # a page too full to read is refused by the reader itself
    return spelled(found)


@contextmanager
def spelled(words: Iterable[str]) -> Iterator[None]:
    """While text is joined, these words (a document's) are spelled whole."""
    token = _SPELLED.set(frozenset(w.lower().strip(".,;:?!()") for w in words))
    try:
        yield
    finally:
        _SPELLED.reset(token)


def _spelled_whole(last: str, first: str) -> bool:
    a, b = last.rsplit("/", 1)[-1], first.split("/", 1)[0].rstrip(".,;:?!)")  # ("Addres / s/Tel No")
    return a.isalpha() and b.isalpha() and (a + b).lower() in _SPELLED.get()


def cell_of(words: list[Word], right: float | None = None) -> Cell:
    """Words (possibly over several lines) as one cell; see join_lines for how lines are joined."""
    lines = group_lines(words)
    return Cell(join_lines(lines, right), min(w.x0 for w in words), max(w.x1 for w in words),
                min(w.top for w in words), max(w.bottom for w in words), all(w.bold for w in words),
                lines[-1].words[-1], right, lines[0].words[0].bold)


def join_cells(before: Cell, after: Cell) -> Cell:
    """A cell a page break cut in two, joined again: within a word broken at the column's edge, with
    a space after a line the layout wrapped, otherwise on a new line."""
    if not before.text:
        return after
    if not after.text:
        return before
    joiner = "\n"
    last, right = before.last_word, before.right
    first_text = after.text.split()[0] if after.text.split() else ""
    if last is not None and right is not None:
        room = right - last.x1
        width = right - before.x0
        first = Word(first_text, after.x0, after.x0 + (after.x1 - after.x0) * min(1.0, len(first_text) / max(len(after.text.splitlines()[0]), 1)),
                     after.top, after.bottom, after.bold, last.size)
        # The cut word opened its line when it starts at the cell's left edge (so it is the line's only word).
        if _broken_word(last, first, room, width, abs(last.x0 - before.x0) < 1.0) or (last.text.endswith("-") and room < 2 * last.size):
            joiner = ""
        elif room < (first.x1 - first.x0) + 2 * last.size:
            joiner = " "
    return Cell(before.text + joiner + after.text, min(before.x0, after.x0), max(before.x1, after.x1), before.top,
                before.bottom, before.bold and after.bold, after.last_word, after.right, before.lead_bold)


def join_lines(lines: list[Line], right: float | None = None) -> str:
    """Lines of one value. A line that ran to the edge of its box was wrapped by the layout (join
    with a space); one that stopped short was ended by the writer (keep the line break), which
    keeps a typed multi-line address as the referrer wrote it."""
    text = ""
    left = min((line.x0 for line in lines), default=0.0)
    for i, line in enumerate(lines):
        if i:
            room = (right - lines[i - 1].x1) if right is not None else None
            first = line.words[0]
            wrapped = room is not None and room < (first.x1 - first.x0) + 0.8 * first.size
            if wrapped and text.split() and _spelled_whole(text.rsplit(None, 1)[-1], first.text):
                pass  # "Example / town,", where the form spells "Exampletown," whole elsewhere
            elif wrapped and lines[i - 1].words[-1].text.endswith("-"):
                pass  # broken after a hyphen: O'Brien- / Smith is one name
            # The word the text ends on, with any pieces of it joined from lines above ("Relati / onship / to").
            elif wrapped and (known := _label_words(text.rsplit(None, 1)[-1], first.text)) is not None:
                text += "" if known else " "  # a heading wrapped in a narrow cell: "Relatio / nship", "person / who"
                text += line.text
                continue
            elif room is not None and right is not None and _broken_word(lines[i - 1].words[-1], first, room,
                                                                         right - left, len(lines[i - 1].words) == 1):
                pass  # a word too wide for its column, broken where the line ran out: Relationsh / ip
            elif _starts_label(line) and lines[i - 1].text.rstrip()[-1:] in "?.!):☐☒✓✔":
                text += "\n"  # "Comment: ..." under a question starts a line of its own
            elif _DATED.search(text) and (_DATED.search(line.text) or first.text[:1].isupper() and _DATED.search(
                    " ".join(rest.text for rest in lines[i:]))):
                # One person a line, each closed by a date of birth: a name that would only just have
                # fitted after the last line is no sign of a wrap ("… 23/08/2015" / "Bradley O'BRIEN 11/02/2022"),
                # nor is a name after a date the narrow cell wrapped ("– 23rd August" / "2015" / "Bradley O'BRIEN").
                text += "\n"
            else:
                text += " " if wrapped or right is None else "\n"
        text += line.text
    return text


def _starts_label(line: Line) -> bool:
    """A line that opens with a printed label ("Comment:", "Kill:"): after a finished sentence, a
    paragraph of its own (a label wrapped in its cell, "RELATIONSHIP TO / CLIENT:", goes on)."""
    first = line.words[0].text
    return len(first) > 2 and first.endswith(":") and first[0].isupper() and first[:-1].isalpha()


@functools.cache
def _label_vocabulary() -> frozenset[str]:
    """The words the form's printed labels are made of (data/labels.toml, the matcher's synonym table), and each
    word's starts of four letters or more marked ">" ("Relati / onshi / p": a word broken twice in a narrow cell)."""
    words = set(re.findall(r"[a-z]+", labels_text().lower()))
    return frozenset(words | {">" + w[:i] for w in words for i in range(4, len(w))})


@functools.cache
def _known_words() -> frozenset[str]:
    """The label words and the answer words the reader knows (yes / no, relationships, schools' and places' kinds):
    a piece of a line that is one of them is a word of its own, not a broken word's half."""
    return frozenset({w for w in re.findall(r"[a-z]+", (labels_text() + values_text()).lower()) if len(w) > 2})


def _label_words(last: str, first: str) -> bool | None:
    """A line ending on `last` wrapped onto one opening with `first`, told by the labels' words, which the
    layout alone cannot tell in a narrow cell (a word too wide is broken without a hyphen, "Relatio / nship";
    two words fill the line the same way, "person / who"): True when the two parts make one label word and
    are not both words, False when they are two label words and not one, otherwise None."""
    # After a slash only its last part counts ("School and/or / GP"); a label's "*" (required) or "?" ends it.
    a, b = last.lower().rsplit("/", 1)[-1], first.lower().rstrip(".,;?!*")
    if not (a.isalpha() and b.isalpha()):  # after a full stop or before "Comment:" the other rules decide
        return None
    words = _label_vocabulary()
    whole, apart = a + b in words or (">" + a + b in words and a not in words), a in words and b in words
    return True if whole and not apart else False if apart and not whole else None


def _broken_word(last: Word, first: Word, room: float, width: float, alone: bool = False) -> bool:
    """The layout broke one word over two lines: the line is filled to the column's edge (less room left
    than the next letter needs) and the word's two parts together are wider than the column, so the
    word could not have been moved to the next line whole. `alone`: the line holds that word only."""
    if not (last.text[-1:].isalnum() or last.text[-1:] in "@/.") \
            or not first.text[:1].isalnum() and first.text[:1] not in ")].,;:?!'’-" \
            or re.search(r"\w['’]s$", last.text):
        return False  # (a possessive is a whole word: "Mother's / ex- / husband")
    # Two whole words can fill a narrow column the same way ("Don't / know"): a word's broken-off end
    # is told from a word of its own by its shortness ("Relationsh / ip", "perpetrato / r"), unless
    # the line broke inside an address ("name@ / example.gov.uk").
    compound = re.search(r"[/@]", last.text) and not (len(re.split(r"[/@]", last.text)[-1]) > 3 and first.text[:1].isupper())
    if last.text[-1:].isalnum() and len(first.text.rstrip(")].,;:?!'’")) > 3 and not compound and first.text[0] != "-" \
            and not (alone and _cut_mid_word(last.text, first.text)):
        return False  # (a compound broken after its slash, "victim/su / rvivor", is one word; "Mother/Carers / Surname" not)
    letter = max((first.x1 - first.x0) / max(len(first.text), 1), (last.x1 - last.x0) / max(len(last.text), 1))
    return room < 1.25 * letter and (last.x1 - last.x0) + (first.x1 - first.x0) > width - 1.0


def _cut_mid_word(last: str, first: str) -> bool:
    """A long broken-off end told from a word of its own, for a line holding one word only (a column a few letters
    wide breaks every longer word: "Exampl / etown,", "Bangla / deshi", "SZYMA / NSKI"): the letters go on in the
    same case, and neither piece is a word the reader knows ("Don't / know", "Hillside / Academy" are two words)."""
    end = first.rstrip(")].,;:?!'’")
    same_case = last[-1].islower() and end[:1].islower() or last.isupper() and end.isupper() and last.isalpha()
    return same_case and not any(piece in _known_words() for piece in re.findall(r"[a-z]+", f"{last} {end}".lower()))
