"""A value OCR read only part of must not reach the desk as if it were whole: the words sharing a ruled
cell with ink no word covers (a dropped forename, a lost wrapped line) or with a word OCR was unsure of
are put in doubt, and the words of other cells are not. Drawn images and placed words, no OCR."""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from parsers.ocr.engine import OcrWord
from parsers.ocr.leftovers import (
    dusty,
    in_doubtful_cells,
    joined_letters,
    postcode_digits,
    wrapped_tails,
)
from parsers.ocr.shapes import Rule, ink, rules

DPI = 200
FONT = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", int(11 * DPI / 72))


def _word(text: str, x: int, y: int, conf: float = 96.0) -> OcrWord:
    x1 = x + int(FONT.getlength(text))
    return OcrWord(text, x, y, x1, y + 30, conf, y // 40, 22.0, y + 24.0)


def _grid() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    """The page's text, as the reader has it once the ruled lines are painted out."""
    image = Image.new("L", (1600, 500), 255)
    return image, ImageDraw.Draw(image)


def _cells() -> list[Rule]:
    """Two rows of two cells (a label column and a value column), found as the reader finds them."""
    image = Image.new("L", (1600, 500), 255)
    draw = ImageDraw.Draw(image)
    for y in (50, 200, 350):
        draw.line((50, y, 1550, y), fill=0, width=3)
    for x in (50, 600, 1550):
        draw.line((x, 50, x, 350), fill=0, width=3)
    return rules(ink(np.asarray(image)), DPI)


def _doubted(text: Image.Image, words: list[OcrWord]) -> list[str]:
    unsure = [w for w in words if w.conf < 90]
    return [w.text for w in in_doubtful_cells(ink(np.asarray(text)), words, unsure, _cells(), DPI)]


def test_a_cell_whose_ink_ocr_did_not_all_read_puts_its_words_in_doubt() -> None:
    image, draw = _grid()
    placed = [_word("Name", 80, 100), _word("VAUGHAN", 900, 100), _word("Agency", 80, 250),
              _word("Exampleshire", 650, 250), _word("Trust", 650, 290)]
    for word in placed:
        draw.text((word.x0, word.top), word.text, font=FONT, fill=0)
    draw.text((650, 100), "Mohammed", font=FONT, fill=0)  # printed, but OCR gave no word for it
    read = [w for w in placed if w.text != "Trust"]  # the wrapped line OCR lost
    assert _doubted(image, read) == ["VAUGHAN", "Exampleshire"]


def test_an_unsure_word_puts_its_cell_in_doubt_and_a_fully_read_page_is_not() -> None:
    image, draw = _grid()
    words = [_word("Relationshi", 80, 100, conf=70.0), _word("to victim", 80, 140), _word("Daughter", 650, 100),
             _word("School", 80, 250), _word("Exampleton", 650, 250)]
    for word in words:
        draw.text((word.x0, word.top), word.text, font=FONT, fill=0)
    assert _doubted(image, words) == ["Relationshi", "to victim"]
    assert _doubted(image, [w for w in words if w.conf >= 90] + [_word("Relationshi", 80, 100)]) == []


def test_a_value_whose_tail_wrapped_onto_the_next_line_is_doubted_but_the_next_field_is_not() -> None:
    words = [_word("HOUSING", 900, 100), _word("TENURE:", 1060, 100), _word("Private", 1230, 100),
             _word("rented", 1230, 130),  # the tail of "Private rented", one line down under the value
             _word("SCHOOL:", 1230, 160), _word("None", 1390, 160)]  # the next field, in the same column
    assert [w.text for w in wrapped_tails(words, [])] == ["Private", "rented"]


def test_a_mark_inside_a_number_is_not_trusted_but_a_date_is() -> None:
    assert [dusty(_word(text, 0, 0)) for text in ("0117.496", "30.10.26", "0117", "Mr.")] == [True, False, False, False]


def test_letters_read_apart_are_joined_only_into_a_word_the_form_prints() -> None:
    words = [_word("Safe", 0, 0), _word("N", 100, 0), _word("o", 130, 0), _word("Q", 300, 0), _word("z", 330, 0)]
    assert [w.text for w in joined_letters(words, {"no", "safe"})] == ["Safe", "No", "Q", "z"]


def test_an_o_opening_a_postcodes_second_half_is_a_zero_named_for_checking() -> None:
    words = [_word("BS5", 0, 0), _word("OXJ", 100, 0), _word("ONE", 200, 0)]
    read = postcode_digits(words, 90.0)
    assert [w.text for w in read] == ["BS5", "0XJ", "ONE"] and read[1].conf < 90
