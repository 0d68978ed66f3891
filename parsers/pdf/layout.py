"""Where things are on a PDF page: words, lines, cells and headings, in pdfplumber's coordinates
(x from the left, `top` from the top of the page), plus the small vocabulary every layout shares:
answer words (Yes / N / Don't know), tick marks (X ✓ ☒) and tick-box values ("☒ Yes ☐ No").

Pure functions over pdfplumber's word dicts, shared by the AcroForm label finder
(parsers.pdf.widgets) and the text-layout reader (parsers.pdf.text).
"""
from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pdfplumber.utils import extract_words

from ..model import RawValue
from ..printed import RAISED_MARKS
from ..tables.known import run_on
from ..ticks import interpret
from .chars import load_objects, page_marks
from .marks import UNREADABLE

MAX_WORDS_PER_PAGE = 20000  # a page of a form holds a few hundred words; beyond this is not a form
BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
ITALIC = re.compile(r"italic|oblique", re.IGNORECASE)
# A gap between two letters wider than this share of the type size parts two words. A print-to-PDF driver
# writes no space characters, only gaps, and a space is a quarter of the size or more: pdfplumber's own
# three points would run "Darren EVANS-PRICE" together in 9.5 point type.
WORD_GAP = 0.2
_SUBSET = re.compile(r"^[A-Z]{6}\+")  # "NENTLJ+DejaVuSerif": one subset of a font, as drivers cut them

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
    italic: bool = False
    # Asked for over and over by every layout rule; a word's place never changes once read, so they are
    # worked out as it is made (functools.cached_property takes a lock at each first look).
    mid_y: float = field(init=False, repr=False, compare=False)
    mid_x: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.mid_y = (self.top + self.bottom) / 2
        self.mid_x = (self.x0 + self.x1) / 2


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
    def italic(self) -> bool:
        return all(w.italic for w in self.words)

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
    # Where its text ends, for joining a cell a page break cut in two (parsers.pdf.tables).
    last_word: Word | None = None
    right: float | None = None
    # Opens with a bold word: a printed label ("GP:") the value follows in the same cell.
    lead_bold: bool = False
    # Bold labels inside the cell with the answers after them (parsers.pdf.table_parts.bold_parts).
    parts: list[tuple[str, str]] | None = None


def page_words(page: Any) -> list[Word]:
    """The page's words with their font weight and size; raises ValueError past MAX_WORDS_PER_PAGE.
    Pages are read once: page_words caches its result on the page, for every reader that asks."""
    cached = getattr(page, "_marac_words", None)
    if cached is not None:
        return cached
    load_objects(page)
    if len(page.chars) > MAX_WORDS_PER_PAGE * 8:
        raise ValueError("too many characters on one page")
    marks = page_marks(page)
    # A driver puts the ligatures ("ff", "fi") in a subset of their own: the same font, so not a new word.
    chars = [{**c, "fontname": _SUBSET.sub("", str(c.get("fontname", "")))} for c in marks.chars]
    words = extract_words(chars, extra_attrs=["fontname", "size"], keep_blank_chars=False,
                          x_tolerance_ratio=WORD_GAP)
    if len(words) > MAX_WORDS_PER_PAGE:
        raise ValueError("too many words on one page")
    found = [Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                  bool(BOLD.search(str(w.get("fontname", "")))), float(w.get("size") or 0),
                  bool(ITALIC.search(str(w.get("fontname", ""))))) for w in words]
    found = _less_raised_marks(less_blank_lines(found))
    page._marac_words = found
    return found


def less_blank_lines(words: list[Word]) -> list[Word]:
    """The words less a printed blank line ("Client name/ID: ________"): the label then ends at its colon, as a
    label whose answer is typed on the line below does."""
    return [w for w in words if not (len(w.text) >= 3 and not w.text.strip("_"))]


def _less_raised_marks(words: list[Word]) -> list[Word]:
    """The words less a mandatory sign set small and raised just after a word of the line (a superscript "M"
    would otherwise read as the answer "Male" to "Gender:")."""
    def raised(mark: Word) -> bool:
        return mark.text in RAISED_MARKS and any(
            0 <= mark.x0 - w.x1 < w.size and mark.size <= 0.8 * w.size and mark.bottom < w.bottom - 0.5
            and mark.top >= w.top - w.size for w in words if w is not mark)
    return [w for w in words if not raised(w)]


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


def tight(gap: float | None, size: float) -> bool:
    """Lines of one wrapped value sit closer than the gap between two rows of a form."""
    return gap is not None and gap < 0.45 * size


def one_paragraph(above: Line, line: Line) -> bool:
    """Two lines of one paragraph: set alike (weight and size) and closer than two paragraphs. The size matters where
    the gap is near the limit: a printer's font metrics move each line's box a point or two."""
    return above.bold == line.bold and abs(above.size - line.size) < 0.5 and tight(line.top - above.bottom, line.size)


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


def body_size(words: list[Word]) -> float:
    sizes = [w.size for w in words if w.size]
    return statistics.median(sizes) if sizes else 10.0


_ASKING = frozenset({"is", "are", "was", "were", "has", "have", "had", "does", "do", "did", "can", "could", "will",
                     "would", "should", "may", "might", "any", "how", "what", "who", "when", "where", "why", "which"})


def is_heading(line: Line, body: float) -> bool:
    """A section heading: one short run of bold or larger text, not a label waiting for its value."""
    text = line.text.strip()
    if (not text or text.endswith(":") or len(text.split()) > 12 or len(split_cells(line)) != 1
            or sum(c.isalpha() for c in text) < 3):
        return False
    pair = colon_pair(text)
    if pair is not None and re.search(r"\d|@", pair[1]):
        return False  # a bold "Total 'yes' responses: 16" is a label and its value, not a heading
    larger = line.size >= body * 1.15
    if number_of(line.words[0].text) is not None:
        # "2. Victim details" is a heading; "7. Is there conflict over child contact?" is a question.
        # Word's list numbering prints the number in the paragraph's font, not the heading's bold
        # run's, so the words after it say whether the line is bold.
        bold = len(line.words) > 1 and all(w.bold for w in line.words[1:])
        asked = line.words[1].text.lower() in _ASKING if len(line.words) > 1 else False  # "7. Is there …" unmarked
        return larger or (bold and not text.endswith("?") and len(text.split()) <= (6 if asked else 9))
    return line.bold or larger


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
    return bool(stripped) and stripped.lower() not in EMPTY_MARKS and UNREADABLE not in stripped


def unreadable(text: str | None) -> bool:
    """A tick box the file does not say the state of (parsers.pdf.marks): the value is not known."""
    return bool(text) and UNREADABLE in text  # type: ignore[operator]


def read_ticks(text: str) -> RawValue:
    """'☒ Yes ☐ No' -> 'Yes', unticked boxes -> None, a lone box -> True / False, other text as
    written: the same reading (parsers.ticks) as the Word reader's, so both layouts agree. Text holding
    a box whose state cannot be read (parsers.pdf.marks) has no value: None, never a guess."""
    if UNREADABLE in text:
        return None
    return interpret(text)


def colon_pair(text: str) -> tuple[str, str] | None:
    """'Label: value' with a short label; times (10:30) and web addresses are not pairs."""
    match = _COLON_PAIR.match(text.strip())
    if not match or not re.search(r"[A-Za-z]", match.group("label")) or "//" in match.group("value")[:3] \
            or (". " in match.group("label") and "\t" in run_on(text)):  # "Tel 0117 …. Safe to call: yes": pairs
        return None
    return match.group("label").strip(), match.group("value").strip()


def clean_label(text: str) -> str:
    """A label as printed, without the layout's trailing colon or leader dots."""
    text = text.replace(UNREADABLE, " ")
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
