"""A form's title rows printed on a tint, scanned: the tint must be lightened to paper before OCR and
before the ruled lines are looked for, and the second look must not take the words the first read for
new ones. If these break, a 150-dpi scan loses "Victim" and "Perpetrator" (the perpetrator's box is read as
the victim's), the table's upright lines beside a title bar are lost (labels run into values), and
ghost words ("Keason for reterral") appear under headings. Drawn images with invented text, no OCR."""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from parsers.ocr.engine import OcrWord
from parsers.ocr.leftovers import echoes, read_before
from parsers.ocr.shapes import ink, rules
from parsers.ocr.tint import untinted

DPI = 150
BOLD = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf", int(11 * DPI / 72))
TINT = 166  # a blue title bar (8EAADB) as a greyscale scanner gives it


def _noisy(image: Image.Image, seed: int = 3) -> Image.Image:
    pixels = np.asarray(image, dtype=np.float32) + np.random.default_rng(seed).normal(0.0, 8.0, image.size[::-1])
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")


def _table() -> Image.Image:
    """A two-column table: a tinted title row "Victim", then two label | value rows, ruled."""
    image = Image.new("L", (1240, 400), 245)
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 60, 1100, 100), fill=TINT)
    draw.text((110, 66), "Victim", font=BOLD, fill=20)
    for y in (60, 100, 150, 200):
        draw.line((100, y, 1100, y), fill=30, width=2)
    for x in (100, 550, 1100):
        draw.line((x, 60, x, 200), fill=30, width=2)
    draw.text((110, 110), "Ethnic Origin", font=BOLD, fill=20)
    draw.text((560, 110), "White Polish", font=BOLD, fill=20)
    return _noisy(image)


def test_a_tint_is_lightened_to_paper_and_its_letters_stay_dark() -> None:
    page = _table()
    flat = np.asarray(untinted(page, DPI))
    tint = flat[90:97, 300:540]  # the title bar right of its word, above the ruled line
    assert np.median(tint) >= 225
    letters = np.asarray(page)[66:90, 110:180] < 100
    assert np.median(flat[66:90, 110:180][letters]) < 100  # "Victim" as dark as it was
    assert ink(flat)[70:95, 300:540].mean() < 0.05  # the bar is no longer read as solid ink


def test_a_page_with_no_tint_is_handed_on_as_it_was() -> None:
    image = Image.new("L", (800, 300), 245)
    ImageDraw.Draw(image).text((100, 100), "Ethnic Origin  White Polish", font=BOLD, fill=20)
    page = _noisy(image)
    assert untinted(page, DPI) is page


def test_the_upright_lines_beside_a_title_bar_are_found_once_it_is_lightened() -> None:
    flat = untinted(_table(), DPI)
    upright = [r for r in rules(ink(np.asarray(flat)), DPI) if r.bottom - r.top > r.x1 - r.x0]
    middles = sorted(round((r.x0 + r.x1) / 2) for r in upright if r.bottom - r.top > 100)
    assert [any(abs(m - x) <= 3 for m in middles) for x in (100, 550, 1100)] == [True, True, True]


def test_the_second_look_does_not_take_the_words_the_first_read_for_new_ones() -> None:
    read = [OcrWord("Reason", 100, 50, 230, 80, 96.0, 1, 30.0, 76.0), OcrWord("NHS", 650, 50, 716, 80, 96.0, 1, 30.0, 76.0)]
    ghost = OcrWord("Keason", 102, 52, 228, 82, 60.0, 9, 30.0, 78.0)  # the title read again, on itself
    left_out = OcrWord("N", 609, 50, 646, 80, 91.0, 9, 30.0, 76.0)  # the letter the box of "NHS" left out
    new = OcrWord("Trust", 300, 50, 390, 80, 92.0, 9, 30.0, 76.0)  # a word the first pass missed
    assert [read_before(w, read) or echoes(w, read) for w in (ghost, left_out, new)] == [True, True, False]
    assert not echoes(OcrWord("N", 609, 150, 646, 180, 91.0, 9, 30.0, 176.0), read)  # on another line


def test_a_photo_without_its_resolution_is_sized_as_the_page_its_shape_says() -> None:
    import io

    from PIL import Image

    from parsers.ocr.image import open_image

    def jpeg(width: int, height: int) -> bytes:
        out = io.BytesIO()
        Image.new("L", (width, height), 255).save(out, format="JPEG")
        return out.getvalue()

    # A US Letter page (a form left on Word's US default) and an A4 page, both scanned at 300 dpi to a JPEG
    # that does not say so: a Letter page taken for A4 is read 3 % too large, which lost a checklist's tick grid.
    assert round(open_image(jpeg(2550, 3300)).dpi) == 300
    assert round(open_image(jpeg(2480, 3508)).dpi) == 300
