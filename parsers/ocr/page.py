"""A scanned page redrawn as the text PDF it was printed from, so the text-PDF reader (parsers.pdf.text)
reads it with the same rules as every other PDF: each word OCR found is written where it sits, in a
regular or bold font of the size its letters show; each ruled line is drawn as a line; each tick box as
a drawn square, with a cross inside when its ink says it is ticked (as Word prints a legacy check box).

Each word sits on its line's baseline at its line's letter size (as Tesseract measured them), and its
width is matched by stretching the text, so words, gaps and columns fall where the scan has them.
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from reportlab.pdfgen import canvas

from .engine import OcrWord
from .shapes import Rule, TickBox

REGULAR, BOLD = "Helvetica", "Helvetica-Bold"
MIN_SIZE, MAX_SIZE = 4.0, 40.0  # points
STEADY = 0.08  # a line's size within this share of the page's usual size is the usual size
# A heading: Tesseract's size LARGER times the usual and its capitals TALLER times the usual height; drawn
# at HEADING times the usual size, which the text-PDF rules read as a heading (parsers.pdf.layout).
LARGER, TALLER, HEADING = 1.06, 1.1, 1.2
TALL_CONF = 80.0
WRAPPED = 0.12  # two large lines one under the other whose sizes differ by less than this share: one heading
MARK_REACH = 2.0  # letter sizes: a word this near a lone mark on its line is beside it
OUTSIZED = 1.3  # a word measured this much larger than the rest of its line
_DESCENDING = set("gjpqyQ,;()[]{}|/")
_RISING = set("bdfhklt0123456789ABCDEFGHIJKLMNOPRSTUVWXYZ")
SHADE_GREY = 0.85  # a tinted cell is drawn in one light grey: the reader asks only whether it is tinted


@dataclass(frozen=True)
class PlacedWord:
    """A word as it is redrawn, in PDF points from the page's top left."""
    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    bold: bool


def _writable(text: str) -> str:
    """The word in the standard fonts' character set (the reader compares text, not glyphs)."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")
    text = text.replace("\u2014", "-").replace("\u2013", "-").replace("|", "I")
    return text.encode("cp1252", errors="replace").decode("cp1252").replace("?", "?")


def _tall(word: OcrWord) -> int | None:
    """The height of a word's capitals and ascenders (its box, when it has one of them and no descender),
    which says its type size better than Tesseract's measure of the whole line."""
    if len(word.text) < 2 or word.conf < TALL_CONF or set(word.text) & _DESCENDING or not set(word.text) & _RISING:
        return None
    return word.bottom - word.top


def steady_sizes(words: list[OcrWord]) -> list[float]:
    """Each word's letter size: the page's usual size for every line within STEADY of it, and a heading's
    size at least HEADING times the usual. Tesseract measures each line's size apart, a few per cent
    either way, and its measure of a 13-point heading over 11-point text is often under the 15 % by which
    the text-PDF rules tell a heading: so a line is a heading, drawn larger, when both Tesseract's size and
    the height of its capitals (two words or more) say it is larger than the page's usual."""
    sizes = sorted(w.size for w in words)
    if not sizes:
        return []
    usual = sizes[len(sizes) // 2]
    heights: dict[int, list[int]] = {}
    for word in words:
        if (tall := _tall(word)) is not None:
            heights.setdefault(word.line, []).append(tall)
    every = sorted(h for line in heights.values() for h in line)
    usual_tall = every[len(every) // 2] if every else 0
    larger = {line for line, found in heights.items()
              if len(found) >= 2 and sorted(found)[len(found) // 2] >= TALLER * usual_tall}
    out = []
    for word in words:
        size = usual if abs(word.size - usual) <= STEADY * usual else word.size
        if word.line in larger and word.size >= LARGER * usual:
            size = max(size, HEADING * usual)
        out.append(size)
    return _wrapped_alike(words, out, usual)


def _wrapped_alike(words: list[OcrWord], sizes: list[float], usual: float) -> list[float]:
    """A large line and the large line just below it of about its size (a heading wrapped over two lines)
    drawn at one size, the larger: Tesseract measures each apart, and the text-PDF rules join a wrapped
    heading only when its lines' sizes agree."""
    line_size: dict[int, float] = {}
    line_base: dict[int, float] = {}
    for word, size in zip(words, sizes):
        line_size[word.line] = max(line_size.get(word.line, 0.0), size)
        line_base[word.line] = word.baseline
    large = sorted((line_base[n], n) for n, size in line_size.items() if size > (1 + STEADY) * usual)
    for (above_base, above), (below_base, below) in pairwise(large):
        big, small = max(line_size[above], line_size[below]), min(line_size[above], line_size[below])
        if small >= (1 - WRAPPED) * big and below_base - above_base <= 1.6 * big:
            line_size[above] = line_size[below] = big
    return [max(size, line_size[word.line]) if line_size[word.line] > (1 + STEADY) * usual else size
            for word, size in zip(words, sizes)]


def _unstretched(words: list[OcrWord]) -> list[OcrWord]:
    """Words whose box a mark stretched (a speck or a rule's end under a name: the box twice the line's
    height, so engine.read_words took the box's size and baseline) set back on their line's size and
    baseline, where the rest of the line's words are: drawn stretched, the word stands on a line of its
    own, and the text-PDF rules lose it from its value."""
    lines: dict[int, list[OcrWord]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    out = []
    for word in words:
        others = [w for w in lines[word.line] if w is not word]
        sizes = sorted(w.size for w in others)
        if len(others) >= 2 and word.size > OUTSIZED * sizes[len(sizes) // 2]:
            baselines = sorted(w.baseline for w in others)
            word = replace(word, size=sizes[len(sizes) // 2], baseline=baselines[len(baselines) // 2])
        out.append(word)
    return out


def marks_as_neighbours(words: list[OcrWord], bold: list[bool]) -> list[bool]:
    """Each mark standing alone ("/" of "Telephone / email", ":" after a label) as bold as the words
    beside it on its line: a thin mark's strokes weigh little whatever its font, and a bold label's "/"
    drawn plain ends the label there, its second half then read as a label of its own."""
    out = list(bold)
    for i, word in enumerate(words):
        if any(c.isalnum() for c in word.text):
            continue
        near = [j for j, other in enumerate(words) if j != i and other.line == word.line
                and any(c.isalnum() for c in other.text)
                and min(abs(other.x1 - word.x0), abs(word.x1 - other.x0)) <= MARK_REACH * word.size]
        left = max((j for j in near if words[j].x1 <= word.x1), key=lambda j: words[j].x1, default=None)
        right = min((j for j in near if words[j].x0 >= word.x0), key=lambda j: words[j].x0, default=None)
        beside = {bold[j] for j in (left, right) if j is not None}
        if len(beside) == 1:
            out[i] = beside.pop()
    return out


def place(words: list[OcrWord], bold: list[bool], scale: float) -> list[PlacedWord]:
    """OCR words (pixels) -> words to draw (points), on their line's baseline at their line's size."""
    words = _unstretched(words)
    return [PlacedWord(_writable(word.text), word.x0 * scale, word.x1 * scale, word.baseline * scale,
                       min(max(size * scale, MIN_SIZE), MAX_SIZE), heavy)
            for word, heavy, size in zip(words, bold, steady_sizes(words))]


def draw_page(pdf: canvas.Canvas, width: float, height: float, words: list[PlacedWord], rules: list[Rule],
              boxes: list[TickBox], scale: float, shaded: Sequence[Rule] = ()) -> None:
    """One page onto the canvas; coordinates in points from the top left, as pdfplumber gives them."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pdf.setPageSize((width, height))
    pdf.setFillColorRGB(SHADE_GREY, SHADE_GREY, SHADE_GREY)
    for area in shaded:  # tinted cells first, under the lines and words, as a printed form has them
        pdf.rect(area.x0 * scale, height - area.bottom * scale, (area.x1 - area.x0) * scale,
                 (area.bottom - area.top) * scale, stroke=0, fill=1)
    pdf.setFillGray(0)
    pdf.setLineWidth(0.5)
    for rule in rules:
        middle_y = height - (rule.top + rule.bottom) / 2 * scale
        middle_x = (rule.x0 + rule.x1) / 2 * scale
        if rule.x1 - rule.x0 >= rule.bottom - rule.top:
            pdf.line(rule.x0 * scale, middle_y, rule.x1 * scale, middle_y)
        else:
            pdf.line(middle_x, height - rule.top * scale, middle_x, height - rule.bottom * scale)
    for box in boxes:
        x0, x1 = box.x0 * scale, box.x1 * scale
        y0, y1 = height - box.bottom * scale, height - box.top * scale
        pdf.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=0)
        if box.ticked:
            pdf.line(x0 + 1, y0 + 1, x1 - 1, y1 - 1)
            pdf.line(x0 + 1, y1 - 1, x1 - 1, y0 + 1)
    for word in words:
        font = BOLD if word.bold else REGULAR
        natural = stringWidth(word.text, font, word.size)
        text = pdf.beginText()
        text.setFont(font, word.size)
        text.setHorizScale(100.0 * (word.x1 - word.x0) / natural if natural else 100.0)
        text.setTextOrigin(word.x0, height - word.baseline)
        # The space after the word tells the PDF reader where one word ends, as a typed PDF's spaces do:
        # OCR's gap between two words is sometimes narrower than the reader's own word gap.
        text.textOut(word.text + " ")
        pdf.drawText(text)
    pdf.showPage()


def new_document() -> tuple[canvas.Canvas, io.BytesIO]:
    out = io.BytesIO()
    return canvas.Canvas(out, pageCompression=0, invariant=1), out
