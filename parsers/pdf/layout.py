"""Where things are on a PDF page: words, lines, cells and headings, in pdfplumber's coordinates
(x from the left, `top` from the top of the page), plus the small vocabulary every layout shares:
answer words (Yes / N / Don't know), tick marks (X ✓ ☒) and tick-box values ("☒ Yes ☐ No").

Pure functions over pdfplumber's word dicts, shared by the AcroForm label finder
(parsers.pdf.widgets) and the text-layout reader (parsers.pdf.text).
"""
from __future__ import annotations

import functools
import re
import statistics
from dataclasses import dataclass
from typing import Any, Iterable
from unicodedata import normalize as normalize_unicode

from pdfminer.layout import LTChar, LTContainer
from pdfplumber.page import ALL_ATTRS, fix_fontname_bytes
from pdfplumber.page import Page as PlumberPage
from pdfplumber.utils import resolve_all, resolve_and_decode

from ..model import RawValue
from ..ticks import interpret

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

    # Asked for over and over by every layout rule; a word's place never changes once read.
    @functools.cached_property
    def mid_y(self) -> float:
        return (self.top + self.bottom) / 2

    @functools.cached_property
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


_PLAIN = frozenset({float, int, str, bool, type(None)})


@functools.lru_cache(maxsize=64)
def _kept_keys(keys: tuple[str, ...]) -> tuple[str, ...]:
    """Which of an LTChar's attributes pdfplumber keeps, in their order (the same for every char)."""
    return tuple(key for key in keys if key in ALL_ATTRS)


@functools.lru_cache(maxsize=256)
def _colour_space(name: Any) -> Any:
    return resolve_and_decode(name)


class _CharObjects:
    """pdfplumber's Page.process_object for characters: the same dict, built without its generic
    machinery (which resolves every attribute of every character: most of a page's cost after
    pdfminer's own). Page constants are looked up once per page, not once per character."""

    def __init__(self, page: Any) -> None:
        self.page_number = page.page_number
        self.height = page.height
        self.mb_x0, self.mb_top = page.mediabox[:2]
        self.doctop = page.initial_doctop
        self.norm = page.pdf.unicode_norm

    def make(self, obj: LTChar) -> dict[str, Any]:
        found = obj.__dict__
        attr: dict[str, Any] = {}
        for key in _kept_keys(tuple(found)):
            value = found[key]
            kind = type(value)
            if kind not in _PLAIN and not (kind is tuple and _PLAIN.issuperset(map(type, value))):
                value = resolve_all(value)
            attr[key] = value
        attr["object_type"] = "char"
        attr["page_number"] = self.page_number
        for cs in ("ncs", "scs"):
            if cs in found or hasattr(obj, cs):
                name = getattr(obj, cs).name
                try:
                    attr[cs] = _colour_space(name)
                except TypeError:  # not hashable: decode it each time
                    attr[cs] = resolve_and_decode(name)
        text = obj.get_text()
        attr["text"] = normalize_unicode(self.norm, text) if self.norm is not None else text
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        if isinstance(attr.get("fontname"), bytes):
            attr["fontname"] = fix_fontname_bytes(attr["fontname"])
        if "y0" in attr:
            attr["top"] = (self.height - attr["y1"]) + self.mb_top
            attr["bottom"] = (self.height - attr["y0"]) + self.mb_top
            attr["doctop"] = self.doctop + attr["top"]
        if "x0" in attr and self.mb_x0 != 0:
            attr["x0"] = attr["x0"] + self.mb_x0
            attr["x1"] = attr["x1"] + self.mb_x0
        return attr


def load_objects(page: Any) -> None:
    """Fill pdfplumber's per-page object cache (chars, rects, lines, images...) as Page.parse_objects
    does, characters by the quicker `_CharObjects`; everything after (page.chars, extract_words,
    page.edges, find_tables) reads that cache. Pages set up otherwise (cropped, or with layout
    analysis on) are left for pdfplumber to fill itself. tests/test_parse_fuzz.py checks that the
    objects equal pdfplumber's own for every corpus page."""
    if hasattr(page, "_objects") or type(page) is not PlumberPage or page.pdf.laparams is not None:
        return
    chars = _CharObjects(page)
    objects: dict[str, list[dict[str, Any]]] = {}
    stack = [iter(page.layout._objs)]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
            continue
        if isinstance(obj, LTContainer):  # a figure: its children, in order (laparams is None)
            stack.append(iter(obj._objs))
            continue
        attr = chars.make(obj) if type(obj) is LTChar else page.process_object(obj)
        kind = attr["object_type"]
        if kind != "anno":
            objects.setdefault(kind, []).append(attr)
    page._objects = objects


def page_words(page: Any) -> list[Word]:
    """The page's words with their font weight and size; raises ValueError past MAX_WORDS_PER_PAGE.
    Pages are read once: page_words caches its result on the page, for every reader that asks."""
    cached = getattr(page, "_marac_words", None)
    if cached is not None:
        return cached
    load_objects(page)
    if len(page.chars) > MAX_WORDS_PER_PAGE * 8:
        raise ValueError("too many characters on one page")
    words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
    if len(words) > MAX_WORDS_PER_PAGE:
        raise ValueError("too many words on one page")
    found = [Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                  bool(BOLD.search(str(w.get("fontname", "")))), float(w.get("size") or 0)) for w in words]
    page._marac_words = found
    return found


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
