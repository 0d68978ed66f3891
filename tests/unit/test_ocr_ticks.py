"""Tick marks typed into a scanned form's cells, and tinted cells, read from real rendered images (Pillow
and DejaVu fonts, no OCR). If these break, a ✓ in a checklist's YES column or beside "safe to call?" is
lost (Tesseract reads it as "v"), or a letter "v" is taken for a tick; or a grey label column's tint cuts
a label from its value."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from parsers.ocr.engine import OcrWord
from parsers.ocr.shapes import Rule, ink, snapped_to_rules
from parsers.ocr.ticks import TICK, as_ticks

FONTS = "/usr/share/fonts/truetype/dejavu/"
DPI = 300


def _word_image(text: str, font: str) -> tuple[np.ndarray, OcrWord]:
    """One mark or letter drawn at 11 points, and the word box Tesseract would give it (its ink's box)."""
    image = Image.new("L", (200, 120), 255)
    ImageDraw.Draw(image).text((40, 20), text, font=ImageFont.truetype(FONTS + font, int(11 * DPI / 72)), fill=0)
    mask = ink(np.asarray(image))
    rows, cols = np.nonzero(mask)
    word = OcrWord("v", int(cols.min()), int(rows.min()), int(cols.max()) + 1, int(rows.max()) + 1, 40.0, 1, 30.0,
                   float(rows.max()))
    return mask, word


@pytest.mark.parametrize("font", ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"])  # Serif has no tick glyph
@pytest.mark.parametrize("mark", ["\u2713", "\u2714"])
def test_a_typed_tick_that_ocr_reads_as_v_is_read_as_a_tick(mark: str, font: str) -> None:
    mask, word = _word_image(mark, font)
    assert [w.text for w in as_ticks([word], mask, 90.0)] == [TICK]


@pytest.mark.parametrize("letter", ["v", "V", "y", "Y", "w", "W", "J", "X", "A", "Vv"])
def test_letters_are_not_taken_for_ticks(letter: str) -> None:
    for font in ("DejaVuSans.ttf", "DejaVuSerif.ttf"):
        mask, word = _word_image(letter, font)
        assert [w.text for w in as_ticks([word], mask, 90.0)] == ["v"], (letter, font)


def test_a_word_read_with_confidence_is_never_turned_into_a_tick() -> None:
    mask, word = _word_image("\u2713", "DejaVuSans.ttf")
    sure = OcrWord("v", word.x0, word.top, word.x1, word.bottom, 95.0, 1, 30.0, word.baseline)
    assert as_ticks([sure], mask, 90.0) == [sure]


def test_a_tint_measured_in_tiles_is_laid_on_its_cells_ruled_lines() -> None:
    # A label column of two rows (x 100-400, rows 200-300 and 300-400) beside a value column (400-900):
    # the tint found in 24-pixel tiles falls short of and beyond the lines.
    found_rules = [Rule(100, 199, 900, 201), Rule(100, 299, 900, 301), Rule(100, 399, 900, 401),
                   Rule(99, 199, 101, 401), Rule(399, 199, 401, 401), Rule(899, 199, 901, 401)]
    tint = Rule(120, 216, 384, 384)
    assert snapped_to_rules([tint], found_rules, DPI) == [Rule(100, 200, 400, 300), Rule(100, 300, 400, 400)]


def test_a_tint_with_no_ruled_line_near_stays_where_it_was() -> None:
    tint = Rule(120, 216, 384, 264)
    assert snapped_to_rules([tint], [Rule(1000, 1000, 1500, 1002)], DPI) == [tint]
