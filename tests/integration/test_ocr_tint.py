"""A 150-dpi scan of a form whose boxes are titled on a mid-grey bar, read with the real Tesseract. Drawn
with Pillow (invented values), turned, blurred and speckled as a scanner does at 150 dpi.

If this broke, the titles "Victim" and "Perpetrator" would be lost on every low-resolution scan of such
a form, and the perpetrator's box read as the victim's (his ethnicity given as hers)."""
from __future__ import annotations

import shutil

import pytest
from PIL import Image, ImageDraw, ImageFont

from parsers.ocr.engine import read_words
from parsers.ocr.image import png
from parsers.ocr.tint import untinted
from tests.corpus.scans import degrade

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs Tesseract (tesseract-ocr)")]

DPI = 150
FONTS = "/usr/share/fonts/truetype/dejavu/"
BAR = 166  # a blue title bar (8EAADB) as a greyscale scanner gives it


def _box(draw: ImageDraw.ImageDraw, top: int, title: str, rows: list[tuple[str, str]]) -> int:
    bold = ImageFont.truetype(FONTS + "DejaVuSerif-Bold.ttf", int(11 * DPI / 72))
    plain = ImageFont.truetype(FONTS + "DejaVuSerif.ttf", int(11 * DPI / 72))
    left, middle, right, row = 150, 600, 1100, 30
    draw.rectangle((left, top, right, top + row), fill=BAR)
    draw.text((left + 8, top + 5), title, font=bold, fill=0)
    y = top + row
    for label, value in rows:
        draw.text((left + 8, y + 5), label, font=bold, fill=0)
        draw.text((middle + 8, y + 5), value, font=plain, fill=0)
        y += row
    for line in range(top, y + 1, row):
        draw.line((left, line, right, line), fill=0, width=1)
    for x in (left, middle, right):
        draw.line((x, top + row, x, y), fill=0, width=1)
    draw.line((left, top, left, top + row), fill=0, width=1)
    draw.line((right, top, right, top + row), fill=0, width=1)
    return y


def test_titles_on_a_grey_bar_are_read_from_a_150_dpi_scan() -> None:
    page = Image.new("L", (int(8.27 * DPI), int(11.69 * DPI)), 255)
    draw = ImageDraw.Draw(page)
    bottom = _box(draw, 200, "Victim", [("Name", "Marta TREGARTHEN"), ("Ethnic Origin", "White Irish")])
    _box(draw, bottom + 80, "Perpetrator", [("Name", "Darren LYLE"), ("Ethnic Origin", "Black Caribbean")])
    scanned = degrade(page, DPI, 5)
    # As the reader hands the page to Tesseract: tints lightened first (the bar as scanned, speckled
    # mid-grey, hides both titles from Tesseract's own threshold).
    read = [w.text.strip(".:") for w in read_words(png(untinted(scanned, DPI)))]
    assert "Victim" in read and "Perpetrator" in read
    assert "Caribbean" in read  # the words off the bar are read as before
