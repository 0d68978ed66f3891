"""One-letter options struck out ("Y / N" with the N struck through), a struck letter that is not a tick,
specks read as a lone full stop, and a bold label's "/" kept bold. Drawn images (Pillow, DejaVu fonts)
and placed words, invented text, no OCR. If these break, a SafeLives-style form's Y / N reasons and
consent read as no answer, a struck "N" is read as a tick, "Daughter ." reaches the desk with its dust,
and "Telephone / email" splits into two labels (the phone and email lost)."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from parsers.ocr.engine import OcrWord
from parsers.ocr.page import marks_as_neighbours
from parsers.ocr.shapes import ink
from parsers.ocr.struck import slashes_apart, struck_through, without_specks
from parsers.ocr.ticks import TICK, as_ticks

FONT = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", int(11 * 300 / 72))


def _options(strike: str) -> tuple[np.ndarray, list[OcrWord]]:
    """ "F / M" or "Y / N" typed at 11 points, 300 dpi, with one letter struck through as Word strikes it
    (a line through the middle, a little beyond the letter), and the words as Tesseract boxes them."""
    image = Image.new("L", (700, 200), 255)
    draw = ImageDraw.Draw(image)
    words = []
    x = 100
    for text in strike.split():
        letter = text.strip("~")
        left, top, right, bottom = draw.textbbox((x, 60), letter, font=FONT)
        draw.text((x, 60), letter, font=FONT, fill=0)
        if text.startswith("~"):
            middle = (top + bottom) // 2 + 2
            draw.line((left - 3, middle, right + 3, middle), fill=0, width=3)
            left, right = left - 3, right + 3
        words.append(OcrWord(letter, left, top, right, bottom, 96.0, 1, 40.0, float(bottom)))
        x = right + 30
    return ink(np.asarray(image)), words


@pytest.mark.parametrize("typed", ["Y / ~N", "~Y / N", "~F / M", "F / ~M"])
def test_a_struck_one_letter_option_is_seen_and_the_other_is_not(typed: str) -> None:
    mask, words = _options(typed)
    _, strikes = struck_through(words, mask, 90.0, {"yes", "no"})
    struck = [w.text for w in words if any(s.x0 <= (w.x0 + w.x1) / 2 <= s.x1 for s in strikes)]
    assert struck == [t.strip("~") for t in typed.split() if t.startswith("~")]


# What OCR kept of a struck "N" on a 300-dpi scan: its diagonal, its right stem's top and the line's end.
STRUCK_PIECE = """
....#########
...##########
....#########
......####...
......###....
.....###.....
.....###.....
....###......
...####......
...###.......
..###........
.####........
.###.........
####.........
###..........
##...........
##...........
#............"""


def test_pieces_of_a_struck_letter_are_not_taken_for_ticks() -> None:
    rows = [[c == "#" for c in line] for line in STRUCK_PIECE.strip().splitlines()]
    mask = np.zeros((60, 60), dtype=bool)
    mask[20:20 + len(rows), 20:20 + len(rows[0])] = rows
    piece = OcrWord(";", 20, 20, 20 + len(rows[0]), 20 + len(rows), 76.0, 1, 40.0, 38.0)
    assert as_ticks([piece], mask, 90.0)[0].text == ";"
    # A tick mark with a line right through it is a struck-out mark, not a tick.
    image = Image.new("L", (300, 200), 255)
    draw = ImageDraw.Draw(image)
    tick_font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", int(11 * 300 / 72))
    draw.text((100, 50), "\u2713", font=tick_font, fill=0)
    mask = ink(np.asarray(image))
    ys, xs = np.nonzero(mask)
    word = OcrWord("v", int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1, 30.0, 1, 40.0, float(ys.max()))
    assert as_ticks([word], mask, 90.0)[0].text == TICK  # as drawn, a tick
    middle = (word.top + word.bottom) // 2 + 2
    draw.line((word.x0, middle, word.x1 - 1, middle), fill=0, width=3)
    assert as_ticks([word], ink(np.asarray(image)), 90.0)[0].text == "v"


def test_a_lone_unsure_full_stop_is_dust_but_a_slash_and_a_sure_mark_are_not() -> None:
    words = [OcrWord("Daughter", 100, 50, 260, 80, 96.0, 1, 30.0, 78.0), OcrWord(".", 280, 74, 284, 79, 65.0, 1, 30.0, 78.0),
             OcrWord("/", 300, 50, 310, 80, 70.0, 1, 30.0, 78.0), OcrWord("'", 330, 50, 333, 58, 95.0, 1, 30.0, 78.0)]
    assert [w.text for w in without_specks(words, 90.0, 300)] == ["Daughter", "/", "'"]
    # A speck two pixels wide read as a letter or a digit, and a real one-letter answer beside it.
    cell = [OcrWord("Z", 947, 796, 950, 798, 14.0, 1, 2.0, 798.0), OcrWord("X", 900, 780, 918, 800, 60.0, 2, 20.0, 800.0)]
    assert [w.text for w in without_specks(cell, 90.0, 150)] == ["X"]


def test_a_bold_labels_slash_is_as_bold_as_the_words_beside_it() -> None:
    words = [OcrWord("Telephone", 100, 50, 300, 80, 96.0, 1, 30.0, 78.0), OcrWord("/", 315, 50, 325, 80, 92.0, 1, 30.0, 78.0),
             OcrWord("email", 340, 50, 440, 80, 96.0, 1, 30.0, 78.0), OcrWord("0117", 700, 50, 780, 80, 96.0, 1, 30.0, 78.0),
             OcrWord("/", 800, 50, 810, 80, 96.0, 1, 30.0, 78.0), OcrWord("ana@example.org", 830, 50, 1100, 80, 96.0, 1,
                                                                           30.0, 78.0)]
    assert marks_as_neighbours(words, [True, False, True, False, True, False]) == [True, True, True, False, False, False]


def _typed(text: str) -> tuple[np.ndarray, OcrWord]:
    image = Image.new("L", (500, 200), 255)
    draw = ImageDraw.Draw(image)
    draw.text((100, 60), text, font=FONT, fill=0)
    left, top, right, bottom = draw.textbbox((100, 60), text, font=FONT)
    return ink(np.asarray(image)), OcrWord("IN", left, top, right, bottom, 85.0, 1, 40.0, float(bottom))


def test_an_option_run_into_its_slash_is_cut_apart_but_a_word_is_not() -> None:
    # "Y / N" with the Y deleted leaves "/ N", which OCR reads as "IN"; a typed "IN" stays a word.
    mask, word = _typed("/ N")
    assert [w.text for w in slashes_apart([word], mask)] == ["/", "N"]
    mask, word = _typed("IN")
    assert [w.text for w in slashes_apart([word], mask)] == ["IN"]
