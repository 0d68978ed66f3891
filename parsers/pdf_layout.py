"""Where things are on a PDF page: words, lines, cells and headings, in pdfplumber's coordinates
(x from the left, `top` from the top of the page), plus the small vocabulary every layout shares:
answer words (Yes / N / Don't know), tick marks (X ✓ ☒) and tick-box values ("☒ Yes ☐ No").

Pure functions over pdfplumber's word dicts, shared by the AcroForm label finder (pdf_widgets)
and the text-layout reader (pdf_text).
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import Any, Iterable

from .raw import RawValue
from .ticks import interpret

MAX_WORDS_PER_PAGE = 20000  # a page of a form holds a few hundred words; beyond this is not a form
BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)

_ANSWERS = {"yes": "yes", "y": "yes", "no": "no", "n": "no", "don't know": "unknown", "dont know": "unknown",
            "do not know": "unknown", "dk": "unknown", "d/k": "unknown", "not known": "unknown",
            "unknown": "unknown", "n/k": "unknown", "nk": "unknown", "don't know/not answered": "unknown",
            "don’t know": "unknown", "unsure": "unknown"}
_SQUASHED = {key.replace(" ", ""): value for key, value in _ANSWERS.items() if " " in key}
EMPTY_MARKS = {"☐", "□", "❏", "○", "◯", "[ ]", "[]", "-", "–", "—", "n/a"}
_NUMBER = re.compile(r"^(?:Q\.?\s?)?(\d{1,2})[.):]?$", re.IGNORECASE)
_COLON_PAIR = re.compile(r"^(?P<label>[^:]{1,70}?)\s*:\s+(?P<value>\S.*)$")


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool
    size: float

    @property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def mid_x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Line:
    words: list[Word]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)


@dataclass
class Cell:
    """Words that read as one piece of text: a run on one line, or a table cell over several lines."""
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool


def page_words(page: Any) -> list[Word]:
    """The page's words with their font weight and size; raises ValueError past MAX_WORDS_PER_PAGE."""
    if len(page.chars) > MAX_WORDS_PER_PAGE * 8:
        raise ValueError("too many characters on one page")
    words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
    if len(words) > MAX_WORDS_PER_PAGE:
        raise ValueError("too many words on one page")
    return [Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                 bool(BOLD.search(str(w.get("fontname", "")))), float(w.get("size") or 0)) for w in words]


def group_lines(words: Iterable[Word]) -> list[Line]:
    """Words into lines: a word joins a line when its middle lies within the line's height."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        line = lines[-1] if lines else None
        if line is not None and line.top - 1 <= word.mid_y <= line.bottom + 1:
            line.words.append(word)
        else:
            lines.append(Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def split_cells(line: Line) -> list[list[Word]]:
    """A line cut where the gap between words is far wider than a space: label | value, columns."""
    gap = max(5.0, 0.8 * line.size)
    runs: list[list[Word]] = [[line.words[0]]]
    for word in line.words[1:]:
        if word.x0 - runs[-1][-1].x1 > gap:
            runs.append([word])
        else:
            runs[-1].append(word)
    return runs


def cell_of(words: list[Word], right: float | None = None) -> Cell:
    """Words (possibly over several lines) as one cell; see join_lines for how lines are joined."""
    lines = group_lines(words)
    return Cell(join_lines(lines, right), min(w.x0 for w in words), max(w.x1 for w in words),
                min(w.top for w in words), max(w.bottom for w in words), all(w.bold for w in words))


def join_lines(lines: list[Line], right: float | None = None) -> str:
    """Lines of one value. A line that ran to the edge of its box was wrapped by the layout (join
    with a space); one that stopped short was ended by the writer (keep the line break), which
    keeps a typed multi-line address as the referrer wrote it."""
    text = ""
    for i, line in enumerate(lines):
        if i:
            room = (right - lines[i - 1].x1) if right is not None else None
            first = line.words[0]
            wrapped = room is not None and room < (first.x1 - first.x0) + 2 * first.size
            if wrapped and lines[i - 1].words[-1].text.endswith("-"):
                pass  # broken after a hyphen: O'Brien- / Smith is one name
            else:
                text += " " if wrapped or right is None else "\n"
        text += line.text
    return text


def body_size(words: list[Word]) -> float:
    sizes = [w.size for w in words if w.size]
    return statistics.median(sizes) if sizes else 10.0


def is_heading(line: Line, body: float) -> bool:
    """A section heading: one short run of bold or larger text, not a label waiting for its value."""
    text = line.text.strip()
    if (not text or text.endswith(":") or len(text.split()) > 12 or len(split_cells(line)) != 1
            or sum(c.isalpha() for c in text) < 3 or number_of(line.words[0].text) is not None):
        return False
    return line.bold or line.size >= body * 1.15


def answer_of(text: str | None) -> str | None:
    """'yes' / 'no' / 'unknown' for an answer word or column header as printed, else None."""
    if not text:
        return None
    key = " ".join(text.lower().replace("’", "'").split()).strip(" .:?")
    # A narrow column breaks "Not known" as "Not / kno / wn": match with the spaces taken out too.
    return _ANSWERS.get(key) or _SQUASHED.get(key.replace(" ", ""))


def number_of(text: str) -> int | None:
    """The question number printed as '7', '7.', 'Q7' or '7)'."""
    match = _NUMBER.match(text.strip())
    return int(match.group(1)) if match else None


def is_mark(text: str | None) -> bool:
    """Something typed or ticked in an answer column: X, ✓, ☒, 'Yes'... but not an empty box."""
    stripped = (text or "").strip()
    return bool(stripped) and stripped.lower() not in EMPTY_MARKS


def read_ticks(text: str) -> RawValue:
    """'☒ Yes ☐ No' -> 'Yes', unticked boxes -> None, a lone box -> True / False, other text as
    written: the same reading (parsers.ticks) as the Word reader's, so both layouts agree."""
    return interpret(text)


def colon_pair(text: str) -> tuple[str, str] | None:
    """'Label: value' with a short label; times (10:30) and web addresses are not pairs."""
    match = _COLON_PAIR.match(text.strip())
    if not match or not re.search(r"[A-Za-z]", match.group("label")) or "//" in match.group("value")[:3]:
        return None
    return match.group("label").strip(), match.group("value").strip()


def clean_label(text: str) -> str:
    """A label as printed, without the layout's trailing colon or leader dots."""
    return re.sub(r"(\s*[:…_]|\.{2,})+\s*$", "", " ".join(text.split())) or text.strip()


def words_in(words: Iterable[Word], x0: float, x1: float, top: float, bottom: float) -> list[Word]:
    """Words whose middle lies inside a box."""
    return [w for w in words if x0 <= w.mid_x <= x1 and top <= w.mid_y <= bottom]


def headings(lines: list[Line], body: float) -> list[Line]:
    """The heading lines of a page; a bold line tucked under another bold line is the second line
    of a wrapped column header ("Don't / know"), not a heading."""
    found = []
    for i, line in enumerate(lines):
        above = lines[i - 1] if i else None
        tucked = above is not None and above.bold and line.top - above.bottom < 0.45 * line.size
        if is_heading(line, body) and not tucked:
            found.append(line)
    return found
