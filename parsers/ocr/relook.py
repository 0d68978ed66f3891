"""Two lines of print Tesseract took for one, read again as a block.

Tesseract's page layout analysis sometimes runs a paragraph's two lines into one: its words then come
back with boxes two lines high, misread ("resulted" as "pealed"), and the second line's words are lost,
their ink covered by those tall boxes so that parsers.ocr.leftovers does not see it as unread. A
question's "Yes / No / Don't know" on its second line goes with them. A word box TALL times the page's
usual height marks such a line: the band of the page it spans, across the line's width, is cut out and
read as one block of lines (BLOCK_MODE), and its words replace every word read inside it.
"""
from __future__ import annotations

from dataclasses import replace

from PIL import Image

from .engine import OcrWord
from .leftovers import Region

TALL = 1.7  # a word box this many times the page's usual height spans two lines
MARGIN = 0.06  # inches of paper kept round the band
MAX_BANDS = 6  # more than this on a page is a page of large print, not lines run together
WELL_READ = 75.0  # the second reading's confidence per letter, at least
SLACK = 10.0  # and at most this much below the first's (the second has the lost line's words too)
KEEP = 0.8  # and at least this share of the first's letters


def _usual_height(words: list[OcrWord], sure: float) -> float:
    heights = sorted(w.bottom - w.top for w in words if w.conf >= sure and len(w.text) > 2)
    return float(heights[len(heights) // 2]) if heights else 0.0


def merged_bands(words: list[OcrWord], sure: float, dpi: float) -> list[Region]:
    """The bands of the page (pixels) where Tesseract ran two lines into one: each line holding a word
    box TALL times the usual height, across all of that line's words, bands that overlap joined."""
    usual = _usual_height(words, sure)
    if not usual:
        return []
    # The run-together line's misread words are both tall and unsure ("pealed" at 0); a tall word read
    # with confidence is a large heading's.
    lines = {w.line for w in words if w.bottom - w.top >= TALL * usual and len(w.text) > 1 and w.conf < sure}
    margin = int(MARGIN * dpi)
    bands: list[Region] = []
    for line in sorted(lines):
        own = [w for w in words if w.line == line]
        band = Region(min(w.x0 for w in own) - margin, min(w.top for w in own) - margin,
                      max(w.x1 for w in own) + margin, max(w.bottom for w in own) + margin)
        for i, other in enumerate(bands):
            if band.top < other.bottom and other.top < band.bottom and band.x0 < other.x1 and other.x0 < band.x1:
                band = Region(min(band.x0, other.x0), min(band.top, other.top), max(band.x1, other.x1),
                              max(band.bottom, other.bottom))
                bands[i] = band
                break
        else:
            bands.append(band)
    return bands if len(bands) <= MAX_BANDS else []


def band_image(image: Image.Image, band: Region) -> Image.Image:
    """The band cut out of the page (inside the page's edges)."""
    return image.crop((max(0, band.x0), max(0, band.top), min(image.width, band.x1), min(image.height, band.bottom)))


def reread(words: list[OcrWord], band: Region, found: list[OcrWord], first_line: int) -> list[OcrWord]:
    """The page's words with those inside the band replaced by `found` (read from band_image, so in the
    band's own pixels), moved to where the band lies on the page. Nothing read there: the words stay."""
    inside = [w for w in words if band.x0 <= (w.x0 + w.x1) / 2 <= band.x1
              and band.top <= (w.top + w.bottom) / 2 <= band.bottom]
    if not any(any(c.isalnum() for c in w.text) for w in found):
        return words
    # Taken only when the second reading is a good one: read with confidence (WELL_READ, and not much
    # less than the first), and losing no text. A tall box that was not two lines (a word run into a rule
    # or a box) reads as a block no better: its ink comes back as junk at little confidence.
    letters = sum(len(w.text) for w in found)
    if sorted(w.text for w in found) == sorted(w.text for w in inside):
        return words  # the same words: the first reading's places and lines are kept
    if (_confidence(found) < max(WELL_READ, _confidence(inside) - SLACK)
            or letters < KEEP * sum(len(w.text) for w in inside)):
        return words
    dx, dy = max(0, band.x0), max(0, band.top)
    moved = [replace(w, x0=w.x0 + dx, x1=w.x1 + dx, top=w.top + dy, bottom=w.bottom + dy,
                     baseline=w.baseline + dy, line=first_line + w.line) for w in found]
    return [w for w in words if not any(w is i for i in inside)] + moved


def _confidence(words: list[OcrWord]) -> float:
    """Mean confidence per letter: a long word read well counts for more than a stray mark."""
    letters = sum(len(w.text) for w in words)
    return sum(w.conf * len(w.text) for w in words) / letters if letters else 0.0
