"""What a printed form says beyond its plain characters: tick boxes drawn as shapes, tick boxes typed
in a symbol font, options struck through, and Word's grey placeholder prompts.

Word and LibreOffice print all of these when a referrer saves a form as PDF:
- a legacy check box is drawn as a small square (a cross of two lines inside when ticked);
- a box typed through Insert > Symbol is a Wingdings / Symbol glyph, its text a private-use code point
  (U+F0FE ticked box, U+F0A8 empty box...). When the PDF was made without the symbol font, every such
  glyph is drawn as the same missing-glyph box: the file no longer says which were ticked;
- "Y / N" with the option that does not apply struck through: a line across the glyphs' middle;
- "Click here to enter text." in an empty content control.

`read_page` looks at a pdfplumber page once and returns the characters to read: the struck-through and
placeholder characters left out, symbol-font boxes written as ☒ / ☐, drawn boxes added as ☒ / ☐
characters where they sit, and boxes that cannot be read written as UNREADABLE, which every value
reader takes as "no value". Pure functions over pdfplumber's object dicts; the lowest layer of
parsers.pdf.
"""
from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field
from typing import Any

from ..ticks import UNREADABLE
from .prompts import prompt_chars
from .symbols import PRIVATE_USE, SYMBOL_FONT, TICKED, UNTICKED, read_symbol

_ANY_PUA = re.compile("[\uf000-\uf0ff]")
_TEXT, _FONTNAME = operator.itemgetter("text"), operator.itemgetter("fontname")

MAX_BOX, MIN_BOX = 16.0, 4.0


@dataclass
class Marks:
    chars: list[dict[str, Any]]  # the characters to read, in page order, boxes included
    edges: list[dict[str, Any]]  # the page's ruling lines less the tick boxes' own sides
    unreadable: int = 0  # tick boxes whose state cannot be read
    struck: int = 0
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)
    highlights: list[tuple[float, float, float, float]] = field(default_factory=list)  # picked words


def _font(char: dict[str, Any]) -> str:
    return str(char.get("fontname", "")).split("+")[-1]


def _symbol(char: dict[str, Any]) -> str | None:
    """The text a symbol-font character stands for: ☒ / ☐ / ✓ for a box, '' for a bullet or a picture,
    UNREADABLE for a box drawn without its font, None if not a symbol (parsers.pdf.symbols)."""
    return read_symbol(str(char.get("text", "")), _font(char))


def _square(obj: dict[str, Any]) -> bool:
    w, h = float(obj["x1"]) - float(obj["x0"]), float(obj["bottom"]) - float(obj["top"])
    return MIN_BOX <= w <= MAX_BOX and MIN_BOX <= h <= MAX_BOX and abs(w - h) <= 1.5


def _dark(colour: Any) -> bool:
    if not isinstance(colour, (tuple, list)) or not colour:
        return colour is not None and isinstance(colour, (int, float)) and float(colour) < 0.5
    values = [float(v) for v in colour if isinstance(v, (int, float))]
    if len(values) == 4:  # CMYK
        return values[3] > 0.5 or sum(values[:3]) > 1.5
    return bool(values) and sum(values) / len(values) < 0.5


def _inside(obj: dict[str, Any], box: tuple[float, float, float, float], slack: float = 1.0) -> bool:
    x0, top, x1, bottom = box
    return (float(obj["x0"]) >= x0 - slack and float(obj["x1"]) <= x1 + slack
            and float(obj["top"]) >= top - slack and float(obj["bottom"]) <= bottom + slack)


class _Bands:
    """Objects by the 10-point bands of the page they reach into, so a look at one small area does
    not go through the whole page."""

    def __init__(self, objects: list[dict[str, Any]]) -> None:
        self.bands: dict[int, list[int]] = {}
        self.objects = objects
        for index, obj in enumerate(objects):
            for band in range(int(float(obj["top"]) // 10), int(float(obj["bottom"]) // 10) + 1):
                self.bands.setdefault(band, []).append(index)

    def near(self, top: float, bottom: float) -> list[int]:
        """Indexes (in page order) of the objects in the bands from top to bottom."""
        found: set[int] = set()
        for band in range(int(top // 10) - 1, int(bottom // 10) + 2):
            found.update(self.bands.get(band, ()))
        return sorted(found)


def _boxes(page: Any, chars: list[dict[str, Any]]) -> list[tuple[tuple[float, float, float, float], bool]]:
    """Small squares with no text inside: (bbox, ticked). A cross, a tick or a filled square inside
    (or a box filled dark) is a tick."""
    shapes = [o for o in list(page.rects) + list(page.curves) if _square(o)]
    if not shapes:
        return []
    found: list[tuple[float, float, float, float]] = []
    for shape in sorted(shapes, key=lambda o: -(float(o["x1"]) - float(o["x0"]))):
        box = (float(shape["x0"]), float(shape["top"]), float(shape["x1"]), float(shape["bottom"]))
        if any(_inside(shape, other, 1.5) for other in found):
            continue
        outlined = shape.get("stroke") or not shape.get("fill")
        if not outlined:
            continue  # a lone filled square: a bullet or a shaded cell, not a box
        found.append(box)
    out = []
    letters = _Bands(chars)
    strokes = list(page.lines) + list(page.curves) + list(page.rects)
    drawn = _Bands(strokes)
    for box in found:
        if any(_inside(chars[i], box, 0.5) and chars[i].get("text", "").strip() for i in letters.near(box[1], box[3])):
            continue  # text inside: a framed glyph or a tiny cell, read as text
        size = box[2] - box[0]
        marks = [o for o in (strokes[i] for i in drawn.near(box[1], box[3]))
                 if _inside(o, box, 1.0) and (float(o["x0"]), float(o["top"]), float(o["x1"]), float(o["bottom"])) != box]
        ticked = any(max(float(o["x1"]) - float(o["x0"]), float(o["bottom"]) - float(o["top"])) >= 0.4 * size
                     and (o.get("object_type") != "rect" or (o.get("fill") and _dark(o.get("non_stroking_color"))))
                     for o in marks)
        shape = next(o for o in shapes if (float(o["x0"]), float(o["top"]), float(o["x1"]), float(o["bottom"])) == box)
        if shape.get("fill") and _dark(shape.get("non_stroking_color")):
            ticked = True
        out.append((box, ticked))
    return out


def _box_char(template: dict[str, Any] | None, box: tuple[float, float, float, float], text: str,
              page: Any) -> dict[str, Any]:
    x0, top, x1, bottom = box
    char = dict(template or {})
    height = float(page.height)
    char.update({"text": text, "fontname": "MaracDrawnBox", "size": bottom - top, "x0": x0, "x1": x1,
                 "top": top, "bottom": bottom, "y0": height - bottom, "y1": height - top,
                 "doctop": float(page.initial_doctop) + top, "width": x1 - x0, "height": bottom - top,
                 "upright": True, "adv": x1 - x0, "matrix": (bottom - top, 0, 0, bottom - top, x0, height - bottom),
                 "object_type": "char", "page_number": page.page_number})
    return char


def _struck(chars: list[dict[str, Any]], page: Any) -> set[int]:
    """Characters with a horizontal line through their middle (above the baseline, below half-way up),
    where the line runs no further than the struck text."""
    candidates = []
    for obj in list(page.lines) + list(page.rects):
        width = float(obj["x1"]) - float(obj["x0"])
        if float(obj["bottom"]) - float(obj["top"]) > 2.0 or not 2.0 <= width <= 400:
            continue
        if obj.get("object_type") == "rect" and not obj.get("fill") and not obj.get("stroke"):
            continue
        candidates.append(obj)
    if not candidates:
        return set()
    struck: set[int] = set()
    height = float(page.height)
    letters = _Bands(chars)
    for line in candidates:
        y = (float(line["top"]) + float(line["bottom"])) / 2
        lx0, lx1 = float(line["x0"]), float(line["x1"])
        hit = []
        for index in letters.near(y, y):
            char = chars[index]
            top, bottom = float(char["top"]), float(char["bottom"])
            if not top < y < bottom or char["x1"] < lx0 - 0.5 or char["x0"] > lx1 + 0.5:
                continue
            matrix = char.get("matrix")
            baseline = height - float(matrix[5]) if matrix else bottom - 0.22 * (bottom - top)
            if top + 0.25 * (bottom - top) <= y <= baseline - 0.4:
                hit.append(index)
        if not hit:
            continue
        ink = [chars[i] for i in hit if chars[i].get("text", "").strip()]
        if not ink:
            continue
        # The line covers the middles of the glyphs it strikes and reaches no further than they do, or than
        # the space after them (Word strikes "Don't " with its space where the line wraps after it).
        reach = [chars[i] for i in hit]
        if lx0 < min(float(c["x0"]) for c in reach) - 2.0 or lx1 > max(float(c["x1"]) for c in reach) + 2.0:
            continue
        struck.update(i for i in hit if lx0 - 0.5 <= (float(chars[i]["x0"]) + float(chars[i]["x1"])) / 2 <= lx1 + 0.5)
    return struck


def _dangling_separators(chars: list[dict[str, Any]], struck: set[int]) -> set[int]:
    """The '/' between two options one of which is struck: 'Y / N' with N struck reads 'Y'."""
    out: set[int] = set()
    for index in struck:
        char = chars[index]
        for step in (-1, 1):
            j = index + step
            while 0 <= j < len(chars) and (j in struck or not chars[j].get("text", "").strip()) \
                    and abs(float(chars[j]["top"]) - float(char["top"])) < 2:
                j += step
            if 0 <= j < len(chars) and chars[j].get("text") in ("/", "|", "\\") \
                    and abs(float(chars[j]["top"]) - float(char["top"])) < 2 \
                    and abs((float(chars[j]["x0"]) if step > 0 else float(chars[j]["x1"]))
                            - (float(char["x1"]) if step > 0 else float(char["x0"]))) < 12:
                out.add(j)
    return out


def _words_key(text: str) -> str:
    return re.sub(r"[^a-z0-9/]+", " ", text.lower().replace("’", "'")).strip()


def read_page(page: Any) -> Marks:
    """The page's characters as they should be read (see the module's docstring), and its ruling
    lines without the sides of its tick boxes (which would otherwise cut table cells in two)."""
    chars = list(page.chars)
    marks = Marks(chars=[], edges=[])
    replaced: dict[int, str] = {}
    symbol_fonts = {f for f in set(map(_FONTNAME, chars)) if SYMBOL_FONT.search(str(f))}
    joined = "".join(map(_TEXT, chars))
    if symbol_fonts or _ANY_PUA.search(joined):
        for index, char in enumerate(chars):
            text = char.get("text", "")
            if (len(text) == 1 and ord(text) in PRIVATE_USE) or char.get("fontname", "") in symbol_fonts:
                glyph = _symbol(char)
                if glyph is not None:
                    replaced[index] = glyph
                    marks.unreadable += glyph == UNREADABLE
    struck = _struck(chars, page)
    marks.struck = len(struck)
    drop = struck | _dangling_separators(chars, struck) if struck else set()
    drop |= prompt_chars(chars, joined)
    if not drop and not replaced:
        marks.chars = chars
    for index, char in enumerate(chars if drop or replaced else ()):
        if index in drop:
            continue
        if index in replaced:
            if not replaced[index]:
                continue
            char = dict(char, text=replaced[index])
        marks.chars.append(char)
    boxes = _boxes(page, chars)
    template = chars[0] if chars else None
    for box, ticked in boxes:
        marks.chars.append(_box_char(template, box, TICKED if ticked else UNTICKED, page))
        marks.boxes.append(box)
    if boxes:
        marks.chars.sort(key=lambda c: (float(c["doctop"]), float(c["x0"])))
    underlines = _underlines(page, chars)
    marks.highlights = _highlights(page, chars) + [picked for picked, _ in underlines]
    if boxes or marks.highlights:
        strokes = [line for _, line in underlines]
        marks.edges = [e for e in page.edges if not any(_inside(e, box, 1.0) for box in marks.boxes)
                       and not (e.get("object_type") == "rect_edge"
                                and any(_inside(e, h, 0.5) for h in marks.highlights))
                       and not any(_inside(e, line, 0.5) for line in strokes)]
    else:
        marks.edges = list(page.edges)
    return marks


Box = tuple[float, float, float, float]
UNDERLINE_GAP = 3.0  # points from a word's foot to the stroke under it: Word's and LibreOffice's underline


def _underlines(page: Any, chars: list[dict[str, Any]]) -> list[tuple[Box, Box]]:
    """Words underlined to pick an option ("M / F" with the F underlined): a thin stroke just under a run of
    characters, no wider than they are. Each as (the words' box, read as a highlight; the stroke, no ruling line)."""
    found = []
    strokes = [s for s in list(page.lines) + list(page.rects)
               if float(s["bottom"]) - float(s["top"]) <= 1.5 and 2 < float(s["x1"]) - float(s["x0"]) <= 120]
    for stroke in strokes:
        x0, x1, y = float(stroke["x0"]), float(stroke["x1"]), float(stroke["top"])
        above = [c for c in chars if c.get("text", "").strip() and 0 <= y - float(c["bottom"]) <= UNDERLINE_GAP
                 and float(c["x0"]) >= x0 - 1.5 and float(c["x1"]) <= x1 + 1.5]
        # The stroke hugs its words: it starts at the first and ends at the last (a ruling line runs on past them).
        if above and abs(min(float(c["x0"]) for c in above) - x0) <= 1.5 and abs(max(float(c["x1"]) for c in above) - x1) <= 1.5:
            top = min(float(c["top"]) for c in above)
            found.append(((x0, top, x1, y), (x0, float(stroke["top"]), x1, float(stroke["bottom"]))))
    return found


def _highlights(page: Any, chars: list[dict[str, Any]]) -> list[tuple[float, float, float, float]]:
    """Words highlighted (or run-shaded) to pick an option: a filled area about a line of text tall,
    whose sides are no cell's sides. Its outline is no ruling line of a table."""
    verticals = [float(e["x0"]) for e in page.edges if e.get("orientation") == "v" and e.get("object_type") != "rect_edge"]
    found = []
    for rect in page.rects:
        width, height = float(rect["x1"]) - float(rect["x0"]), float(rect["bottom"]) - float(rect["top"])
        if not rect.get("fill") or rect.get("stroke") or width <= 2 or not 2 < height <= 20:
            continue
        colour = rect.get("non_stroking_color")
        values = [float(v) for v in colour if isinstance(v, (int, float))] if isinstance(colour, (tuple, list)) else []
        if not values or (len(values) in (1, 3) and min(values) > 0.97):
            continue  # white: a cell painted over, not a highlight
        if any(abs(x - float(rect["x0"])) <= 1.5 for x in verticals) or \
                any(abs(x - float(rect["x1"])) <= 1.5 for x in verticals):
            continue  # a shaded cell: its sides are the table's
        box = (float(rect["x0"]), float(rect["top"]), float(rect["x1"]), float(rect["bottom"]))
        inside = [c for c in chars if c.get("text", "").strip() and _inside(c, box, 1.0)]
        # A highlight hugs its words: no more than a letter's room either side (a shaded cell keeps
        # its padding).
        if not inside or min(float(c["x0"]) for c in inside) - box[0] > 3 or box[2] - max(float(c["x1"]) for c in inside) > 3:
            continue
        found.append(box)
    return found
