"""What a scanned page shows besides words, read from real rendered images (Pillow and DejaVu fonts, no
OCR): tick boxes found and their fill measured, a page's skew, bold labels and struck-out options. If
these break, a scanned form's ticked "Yes" reads as unticked, a crooked scan loses its table, or "Y / N"
with N struck out reads as both."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from parsers.ocr.image import skew_angle
from parsers.ocr.shapes import bold_flags, ink, stroke_weight, struck_row, tick_boxes

FONTS = "/usr/share/fonts/truetype/dejavu/"
DPI = 200


def _font(name: str, points: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONTS + name, int(points * DPI / 72))


def _page(width: float = 8.27, height: float = 3.0) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("L", (int(width * DPI), int(height * DPI)), 255)
    return image, ImageDraw.Draw(image)


def _box(draw: ImageDraw.ImageDraw, x: int, y: int, ticked: bool, side: int = 30) -> None:
    draw.rectangle((x, y, x + side, y + side), outline=0, width=2)
    if ticked:  # as Word prints a ticked check box: a cross inside the square
        draw.line((x + 5, y + 5, x + side - 5, y + side - 5), fill=0, width=3)
        draw.line((x + 5, y + side - 5, x + side - 5, y + 5), fill=0, width=3)


def test_tick_boxes_are_found_and_their_fill_says_which_is_ticked() -> None:
    image, draw = _page()
    text = _font("DejaVuSans.ttf", 11)
    draw.text((100, 100), "Is this number safe to call?", font=text, fill=0)
    draw.text((900, 100), "Yes", font=text, fill=0)
    _box(draw, 1010, 100, ticked=True)
    draw.text((1100, 100), "No", font=text, fill=0)
    _box(draw, 1190, 100, ticked=False)
    found = sorted(tick_boxes(ink(np.asarray(image)), DPI), key=lambda b: b.x0)
    assert [(abs(b.x0 - x) <= 3, b.ticked, b.doubtful) for b, x in zip(found, (1010, 1190))] == [
        (True, True, False), (True, False, False)]
    assert len(found) == 2


def test_letters_shaped_like_squares_are_not_tick_boxes() -> None:
    image, draw = _page()
    draw.text((100, 100), "ROYAL BOROUGH OF DEVON MARAC FORM", font=_font("DejaVuSans-Bold.ttf", 20), fill=0)
    draw.text((100, 300), "DOB: 0000 HOME OFFICE", font=_font("DejaVuSerif-Bold.ttf", 14), fill=0)
    assert tick_boxes(ink(np.asarray(image)), DPI) == []


@pytest.mark.parametrize("turned", [-2.5, 1.5])
def test_the_skew_of_a_crooked_scan_is_measured(turned: float) -> None:
    image, draw = _page(8.27, 6.0)
    text = _font("DejaVuSans.ttf", 11)
    for row in range(12):
        draw.text((150, 150 + row * 80), "Victim's address   27 Lantern Row, Exampleton EX4 8JT", font=text, fill=0)
    crooked = image.rotate(turned, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert skew_angle(crooked) == pytest.approx(-turned, abs=0.3)


def test_bold_labels_are_told_from_plain_values() -> None:
    image, draw = _page()
    words = [("Surname:", "DejaVuSerif-Bold.ttf"), ("EVANS-PRICE", "DejaVuSerif.ttf"),
             ("Forename(s):", "DejaVuSerif-Bold.ttf"), ("Grace", "DejaVuSerif.ttf"),
             ("Alias:", "DejaVuSerif-Bold.ttf"), ("Exampletown", "DejaVuSerif.ttf")]
    mask_image = image
    boxes = []
    x = 60
    for text, font_name in words:
        font = _font(font_name, 11)
        draw.text((x, 100), text, font=font, fill=0)
        left, top, right, bottom = draw.textbbox((x, 100), text, font=font)
        boxes.append((left, top, right, bottom))
        x = right + 40
    mask = ink(np.asarray(mask_image))
    weights = [stroke_weight(mask, box, 11 * DPI / 72) for box in boxes]
    assert bold_flags(weights) == [True, False, True, False, True, False]
    assert bold_flags(weights[1::2]) == [False, False, False]  # all plain: none is taken for bold


def test_an_option_struck_through_is_seen_and_one_left_alone_is_not() -> None:
    image, draw = _page()
    font = _font("DejaVuSans.ttf", 11)
    spots = {}
    for word, x in (("Yes", 100), ("No", 400)):
        draw.text((x, 100), word, font=font, fill=0)
        spots[word] = draw.textbbox((x, 100), word, font=font)
    left, top, right, bottom = spots["No"]
    middle = top + (bottom - top) * 6 // 10
    draw.line((left - 2, middle, right + 2, middle), fill=0, width=2)
    mask = ink(np.asarray(image))
    assert struck_row(mask, spots["Yes"]) is None
    assert struck_row(mask, spots["No"]) is not None

