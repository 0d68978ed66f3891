"""Ink the first OCR pass left unread, given a second look.

Tesseract's page layout analysis passes over lone short text in a grid: the question numbers in a
checklist's narrow first column, a single "X" in an answer cell. Without the numbers a DASH grid no
longer reads as one. So the ink no word covers (ruled lines and tick boxes already painted out) is
gathered into regions, each region cut out with a margin of paper, the cut-outs stacked one under
another on a fresh page, and that page read as one block of lines; each word found is moved back to
where its region lies on the page.

What still holds ink no word covers, once both passes are done, puts the words of its ruled cell in
doubt (in_doubtful_cells), as does a word OCR was unsure of: a value may lack a word OCR dropped or a
wrapped line it lost, whatever its confidence in the words it did read. So do a value's tail wrapped
onto the next line (wrapped_tails) and a mark inside a number (dusty): places where confident words
still make a wrong value. parsers.ocr.reader names these words to the review.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

import numpy as np
from PIL import Image

from .engine import OcrWord
from .shapes import Rule

TILE = 0.04  # inches: ink is gathered in tiles this size, and touching tiles make one region
MIN_INK = 0.0004  # square inches of ink: less is a speck of dust
MAX_REGION = (2.5, 0.6)  # inches wide and high: a larger unread region is a picture or handwriting
MAX_DENSITY = 0.45  # writing leaves most of its box paper; more ink than this is a patch, not text
MARGIN = 0.08  # inches of paper around each cut-out
GAP = 0.15  # inches between cut-outs on the stacked page
READ_OVERLAP = 0.5  # share of a second-look word's box on a word read before: the same ink read twice
MAX_REGIONS = 80
# A cell's reach where no ruled line bounds it: a value's words lie on the unread ink's own line, a
# line above or below it (a wrapped line), or along the line up to a column's width away.
REACH = (1.5, 0.25)  # inches across, inches up and down
FARTHEST_RULE = 3.0  # inches: a ruled line farther than this bounds a section, not this value's cell
# A value's tail wrapped onto the next line: a run of at most TAIL_WORDS words, its baseline within
# NEXT_LINE letter sizes below, starting under the last run of words of the line above (runs are cut at
# gaps wider than one letter size).
TAIL_WORDS = 2
NEXT_LINE = 1.6


@dataclass(frozen=True)
class Region:
    x0: int
    top: int
    x1: int
    bottom: int


def regions(unread: np.ndarray, dpi: float, largest: tuple[float, float] | None = MAX_REGION) -> list[Region]:
    """Regions of the ink no word covers, in pixels, largest first, specks left out (and, with `largest`,
    regions too large to be a few words)."""
    tile = max(2, int(TILE * dpi))
    rows, cols = unread.shape[0] // tile, unread.shape[1] // tile
    tiles = unread[:rows * tile, :cols * tile].reshape(rows, tile, cols, tile).sum(axis=(1, 3))
    inked = tiles > 0
    seen = np.zeros_like(inked)
    found: list[tuple[int, Region]] = []
    for start in zip(*np.nonzero(inked)):
        if seen[start]:
            continue
        stack, members = [start], []
        seen[start] = True
        while stack:
            r, c = stack.pop()
            members.append((r, c))
            for nr in (r - 1, r, r + 1):
                for nc in (c - 1, c, c + 1):
                    if 0 <= nr < rows and 0 <= nc < cols and inked[nr, nc] and not seen[nr, nc]:
                        seen[nr, nc] = True
                        stack.append((nr, nc))
        ink = int(sum(tiles[m] for m in members))
        r0, r1 = min(m[0] for m in members), max(m[0] for m in members) + 1
        c0, c1 = min(m[1] for m in members), max(m[1] for m in members) + 1
        if ink < MIN_INK * dpi * dpi or (largest is not None and (
                (c1 - c0) * tile > largest[0] * dpi or (r1 - r0) * tile > largest[1] * dpi)):
            continue
        if ink > MAX_DENSITY * (c1 - c0) * (r1 - r0) * tile * tile:
            continue  # a solid patch (a dark tint, a smudge): no letters in it
        found.append((ink, Region(c0 * tile, r0 * tile, c1 * tile, r1 * tile)))
    found.sort(key=lambda f: -f[0])
    return [region for _, region in found[:MAX_REGIONS if largest is not None else None]]


def stacked(image: Image.Image, found: list[Region], dpi: float) -> tuple[Image.Image, list[tuple[int, Region]]]:
    """The regions cut out and stacked on a fresh page: (page, [(top of the cut-out on it, region)])."""
    margin, gap = int(MARGIN * dpi), int(GAP * dpi)
    width = max((r.x1 - r.x0 for r in found), default=1) + 2 * margin
    height = sum(r.bottom - r.top + 2 * margin + gap for r in found) + gap
    page = Image.new("L", (width + 2 * gap, max(height, 1)), 255)
    placed = []
    y = gap
    for region in found:
        cut = image.crop((region.x0 - margin, region.top - margin, region.x1 + margin, region.bottom + margin))
        page.paste(cut, (gap, y))
        placed.append((y, region))
        y += cut.height + gap
    return page, placed


def moved_back(words: list[OcrWord], placed: list[tuple[int, Region]], dpi: float, first_line: int) -> list[OcrWord]:
    """Words read on the stacked page, put back where their region lies on the page."""
    margin, gap = int(MARGIN * dpi), int(GAP * dpi)
    out = []
    for word in words:
        middle = (word.top + word.bottom) / 2
        spot = next(((y, r) for y, r in placed if y <= middle <= y + r.bottom - r.top + 2 * margin), None)
        if spot is None:
            continue
        y, region = spot
        dx, dy = region.x0 - margin - gap, region.top - margin - y
        out.append(replace(word, x0=word.x0 + dx, x1=word.x1 + dx, top=word.top + dy, bottom=word.bottom + dy,
                           baseline=word.baseline + dy, line=first_line + word.line))
    return out


def echoes(word: OcrWord, read: Sequence[OcrWord]) -> bool:
    """A word of the second look that is the near end of a word the first read, beside it on its line
    ("N" just left of "NHS"): Tesseract drew the first word's box short of its letters, and the ink it
    left out is the same letters read twice, not a word of its own."""
    text = word.text.casefold()
    for other in read:
        near = other.size / 2
        if abs(other.baseline - word.baseline) > near or len(other.text) <= len(text):
            continue
        if -near <= other.x0 - word.x1 <= near and other.text.casefold().startswith(text):
            return True
        if -near <= word.x0 - other.x1 <= near and other.text.casefold().endswith(text):
            return True
    return False


def read_before(word: OcrWord, read: Sequence[OcrWord]) -> bool:
    """A word of the second look lying mostly on a word the first read: a region's cut-out takes in the
    words beside its ink (a tint's speckled edge runs along a title), and read again they come back as
    ghost words over the real ones ("Keason for reterral" on "Reason for referral")."""
    area = max(1, (word.x1 - word.x0) * (word.bottom - word.top))
    for other in read:
        wide = min(word.x1, other.x1) - max(word.x0, other.x0)
        high = min(word.bottom, other.bottom) - max(word.top, other.top)
        if wide > 0 and high > 0 and wide * high >= READ_OVERLAP * area:
            return True
    return False


def _cell(region: Region, found_rules: list[Rule], dpi: float) -> tuple[float, float, float, float]:
    """The ruled cell round a region of ink (x0, top, x1, bottom); where a side has no ruled line near
    enough, REACH beyond the region on that side."""
    across, down, farthest = REACH[0] * dpi, REACH[1] * dpi, FARTHEST_RULE * dpi
    mid_x, mid_y = (region.x0 + region.x1) / 2, (region.top + region.bottom) / 2
    upright = [r for r in found_rules if r.bottom - r.top > r.x1 - r.x0 and r.top <= mid_y <= r.bottom]
    lying = [r for r in found_rules if r.x1 - r.x0 >= r.bottom - r.top and r.x0 <= mid_x <= r.x1]
    left = max((r.x1 for r in upright if region.x0 - farthest <= r.x1 <= region.x0 + 2), default=region.x0 - across)
    right = min((r.x0 for r in upright if region.x1 - 2 <= r.x0 <= region.x1 + farthest), default=region.x1 + across)
    top = max((r.bottom for r in lying if region.top - farthest <= r.bottom <= region.top + 2), default=region.top - down)
    bottom = min((r.top for r in lying if region.bottom - 2 <= r.top <= region.bottom + farthest),
                 default=region.bottom + down)
    return left, top, right, bottom


def in_doubtful_cells(unread: np.ndarray, words: list[OcrWord], unsure: list[OcrWord], found_rules: list[Rule],
                      dpi: float) -> list[OcrWord]:
    """The words sharing a cell with ink that no word covers (a word OCR dropped, a wrapped line lost,
    the rest of a number) or with a word OCR was unsure of (a label broken over two lines, "Relationshi"
    and "p to victim", whose pieces may be taken for a value). A value made from them may not be what
    the form says, whatever OCR's confidence in each word, so they are named for checking like unsure
    ones."""
    pad = 3
    left = unread.copy()
    for word in words:
        left[max(0, word.top - pad):word.bottom + pad, max(0, word.x0 - pad):word.x1 + pad] = False
    seeds = regions(left, dpi, largest=None) + [Region(w.x0, w.top, w.x1, w.bottom) for w in unsure]
    cells = [_cell(region, found_rules, dpi) for region in seeds]
    return [w for w in words if any(x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= (w.top + w.bottom) / 2 <= bottom
                                    for x0, top, x1, bottom in cells)]


def _rows(words: list[OcrWord]) -> list[list[OcrWord]]:
    """Words on one baseline, left to right, rows top to bottom (whatever Tesseract took for a line).
    A speck OCR made a tiny "word" of (under half the usual letter size) would part two lines: left out."""
    sizes = sorted(w.size for w in words)
    usual = sizes[len(sizes) // 2] if sizes else 0.0
    rows: list[list[OcrWord]] = []
    for word in sorted((w for w in words if w.size >= usual / 2), key=lambda w: w.baseline):
        if rows and abs(rows[-1][0].baseline - word.baseline) <= rows[-1][0].size / 2:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def _runs(row: list[OcrWord]) -> list[list[OcrWord]]:
    runs = [[row[0]]]
    for word in row[1:]:
        if word.x0 - runs[-1][-1].x1 > word.size:
            runs.append([word])
        else:
            runs[-1].append(word)
    return runs


def wrapped_tails(words: list[OcrWord], found_rules: list[Rule]) -> list[OcrWord]:
    """The words of a value whose last word or two fell onto the next line ("Private" / "rented"), and
    those words: the text-PDF rules may read the tail as a value of its own or leave it out, so the value
    above may be short of it. A run with a label in it (a word ending in ":") is the next field, and a
    ruled line between the two lines makes them two cells."""
    out: list[OcrWord] = []
    rows = _rows(words)
    for row, below in pairwise(rows):
        last = _runs(row)[-1]
        if below[0].baseline - row[0].baseline > NEXT_LINE * row[0].size:
            continue
        for run in _runs(below):
            start = run[0].x0
            if len(run) > TAIL_WORDS or any(w.text.endswith(":") for w in run):
                continue
            if not last[0].x0 - row[0].size <= start <= last[-1].x1:
                continue
            if any(r.x1 - r.x0 >= r.bottom - r.top and row[0].baseline < (r.top + r.bottom) / 2 < run[0].top
                   and r.x0 <= start <= r.x1 for r in found_rules):
                continue
            out += last + run
    return out


_DATE = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}")
_MARK_IN_NUMBER = re.compile(r"\d[.,'`]\d")


def dusty(word: OcrWord) -> bool:
    """A number with a point or comma inside it that is not a date ("0117.496"): a speck of dust reads as
    a full stop with all of Tesseract's confidence, so the mark is not taken on trust."""
    return bool(_MARK_IN_NUMBER.search(word.text)) and not _DATE.fullmatch(word.text.strip(".,;:()"))



def joined_letters(words: list[OcrWord], known: set[str]) -> list[OcrWord]:
    """Letters of one word that OCR read apart ("N o" for "No", the usual loss of a small or blurred
    scan) joined again, when they follow each other on one line closer than half a letter size and the
    joined word is one the form prints elsewhere or a label word (`known`, casefolded). Other words as
    they were."""
    out: list[OcrWord] = []
    group: list[OcrWord] = []

    def close() -> None:
        joined = "".join(w.text for w in group)
        if len(group) > 1 and joined.casefold() in known:
            out.append(replace(group[0], text=joined, x1=group[-1].x1, conf=min(w.conf for w in group)))
        else:
            out.extend(group)
        group.clear()

    for word in words:
        letter = len(word.text) == 1 and word.text.isalpha()
        if group and not (letter and word.line == group[-1].line and 0 <= word.x0 - group[-1].x1 <= word.size / 2):
            close()
        if letter:
            group.append(word)
        else:
            out.append(word)
    close()
    return out


_OUTWARD = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?")
# A postcode's second half as OCR misreads it: its digit read as the letter O, its last letter J read as
# "]" or "!" (or as "]J", the hook apart from the stem). UK inward codes never end in I, so "!" is no I.
_INWARD_MISREAD = re.compile(r"(?P<digit>[0-9O])(?P<letter>[A-Z])(?P<last>[A-Z\]!])(?P<stop>[.,]?)")
_J_READS = "]!"


def _mended_inward(text: str) -> str | None:
    """The inward code with its misreadings mended, or None when it is not shaped like one."""
    found = _INWARD_MISREAD.fullmatch(text.replace("]J", "J"))
    if not found:
        return None
    digit = "0" if found["digit"] == "O" else found["digit"]
    last = "J" if found["last"] in _J_READS else found["last"]
    return digit + found["letter"] + last + found["stop"]


def postcode_digits(words: list[OcrWord], unsure_below: float) -> list[OcrWord]:
    """A postcode's second half always opens with a digit, and OCR reads a 0 there as the letter O
    ("BS5 OXJ"), and a J at its end as "]" or "!": after a word shaped like a postcode's first half, on
    the same line, those are mended. The O might have been another digit smudged, so the word is left
    below `unsure_below` (named for checking)."""
    out = list(words)
    for i, (prev, word) in enumerate(pairwise(words), start=1):
        if prev.line == word.line and _OUTWARD.fullmatch(prev.text.rstrip(",")):
            mended = _mended_inward(word.text)
            if mended is not None and mended != word.text:
                out[i] = replace(word, text=mended, conf=min(word.conf, unsure_below - 1))
    return out
