"""Words OCR misreads in ways a form's layout lets us mend (no OCR run: the words are made up as Tesseract
returns them). If these break, a checklist's struck-out "Yes / No / Don't know" reads as no answer, a
"‘Yes" column heading loses a whole DASH grid, "N/A" becomes "N/ A" under aliases, a postcode ends in
"]", a heading is drawn too small to be a heading (children read as perpetrators), or a line Tesseract
ran into the one above it is lost."""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from parsers.ocr.engine import OcrWord
from parsers.ocr.leftovers import postcode_digits
from parsers.ocr.page import place, steady_sizes
from parsers.ocr.relook import merged_bands, reread
from parsers.ocr.shapes import ink, rules, tick_boxes
from parsers.ocr.struck import split_options, struck_through, unquoted

FONTS = "/usr/share/fonts/truetype/dejavu/"


def _word(text: str, x0: int, top: int = 100, conf: float = 95.0, line: int = 1, size: float = 40.0,
          height: int = 32) -> OcrWord:
    return OcrWord(text, x0, top, x0 + 20 * len(text), top + height, conf, line, size, float(top + height))


def test_struck_out_options_misread_by_ocr_are_read_as_the_options_the_form_prints() -> None:
    # "Yes / No / Don't know" with Yes and No struck out: OCR reads "¥es", "Ne" and "Dent".
    image = Image.new("L", (900, 200), 255)
    draw = ImageDraw.Draw(image)
    draw.text((100, 80), "Yes / No / Don't know", font=ImageFont.truetype(FONTS + "DejaVuSerif.ttf", 42), fill=0)
    mask = ink(np.asarray(image))
    rows = np.nonzero(mask)[0]
    top, bottom = int(rows.min()), int(rows.max()) + 1
    mask[(top + bottom) // 2, 100:290] = True  # the line through "Yes / No"
    words = [OcrWord("¥es", 100, top, 180, bottom, 40.0, 1, 42.0, float(bottom)),
             OcrWord("/", 195, top, 210, bottom, 90.0, 1, 42.0, float(bottom)),
             OcrWord("Ne", 225, top, 290, bottom, 30.0, 1, 42.0, float(bottom))]
    words = [piece for w in words for piece in split_options(w)]
    mended, strikes = struck_through(words, mask, 90.0, {"yes", "no", "don't", "know"})
    assert [w.text for w in mended] == ["Yes", "/", "No"]
    assert len(strikes) == 2


def test_options_run_together_are_cut_but_a_heading_with_a_slash_and_na_are_not() -> None:
    assert [w.text for w in split_options(_word("Yes/No/Don't", 100))] == ["Yes", "/", "No", "/", "Don't"]
    assert [w.text for w in split_options(_word("Victim/Survivor", 100))] == ["Victim/Survivor"]
    assert [w.text for w in split_options(_word("N/A", 100))] == ["N/A"]


def test_a_speck_read_as_a_quote_mark_is_dropped_from_an_unsure_word_only() -> None:
    assert unquoted(_word("‘Yes", 100, conf=80.0), 90.0).text == "Yes"
    assert unquoted(_word("victims'", 100, conf=80.0), 90.0).text == "victims'"
    assert unquoted(_word("'yes'", 100, conf=80.0), 90.0).text == "'yes'"
    assert unquoted(_word("‘Yes", 100, conf=96.0), 90.0).text == "‘Yes"


def test_a_postcode_ending_in_a_bracket_for_a_j_is_mended_and_left_for_checking() -> None:
    words = postcode_digits([_word("BS5", 100), _word("OX]", 200)], 90.0)
    assert words[1].text == "0XJ" and words[1].conf < 90.0
    # The J read as "!" (a 150-dpi scan) or as "]J" (its hook apart from its stem); a right one alone.
    assert [postcode_digits([_word("EX4", 100), _word(seen, 200)], 90.0)[1].text
            for seen in ("8T!", "OX]J", "8JT", "0XJ,")] == ["8TJ", "0XJ", "8JT", "0XJ,"]


def test_a_heading_tesseract_measures_barely_larger_is_drawn_as_a_heading() -> None:
    # 11-point body lines measured 43-46 pixels, a 13-point heading 50: under the 15 % the text rules need.
    body = [_word(w, 100 + 150 * i, top=200 + 60 * n, line=n, size=43.0 + n % 4, height=36)
            for n in range(1, 12) for i, w in enumerate(["Black", "African", "Date"])]
    heading = [_word(w, 100 + 200 * i, top=1000, line=20, size=50.1, height=42)
               for i, w in enumerate(["4.", "Children", "and", "Holds"])]
    sizes = steady_sizes(body + heading)
    usual = sizes[0]
    assert all(s == usual for s in sizes[:len(body)])
    assert all(s >= 1.15 * usual for s in sizes[len(body):])


def test_a_word_stretched_by_a_mark_below_it_stays_on_its_line() -> None:
    line = [_word("Forename(s):", 100, size=37.7), _word("Grace", 400, size=37.7),
            _word("Mohammed", 700, size=68.8, height=64)]
    placed = place(line, [False, False, False], 72 / 300)
    assert placed[2].size == placed[1].size and placed[2].baseline == placed[1].baseline


def test_two_lines_tesseract_ran_together_are_read_again_and_taken_when_read_better() -> None:
    usual = [_word(w, 100 + 200 * i, top=100 + 60 * n, line=n) for n in range(1, 5)
             for i, w in enumerate(["Has", "the", "abuse"])]
    merged = [_word("the", 100, top=600, line=9, height=70), _word("pealed", 300, top=600, conf=0.0, line=9, height=70)]
    bands = merged_bands(usual + merged, 90.0, 300.0)
    assert len(bands) == 1
    band = bands[0]
    read = [_word(w, 20 + 150 * i, top=20 + 40 * (i // 3), line=1 + i // 3) for i, w in
            enumerate(["the", "current", "incident", "resulted", "Yes", "No"])]
    words = reread(usual + merged, band, read, 100)
    assert "resulted" in [w.text for w in words] and "pealed" not in [w.text for w in words]
    junk = [_word(w, 20 + 150 * i, top=20, conf=20.0) for i, w in enumerate(["Cirngnamyse", "te", "rantan"])]
    assert reread(usual + merged, band, junk, 100) == usual + merged


def test_a_tick_box_set_flush_under_a_ruled_line_is_found() -> None:
    image = Image.new("L", (600, 300), 255)
    draw = ImageDraw.Draw(image)
    draw.line((20, 100, 580, 100), fill=0, width=3)  # the row's ruled line
    draw.rectangle((100, 100, 130, 130), outline=0, width=2)  # its top side is the line
    draw.line((105, 105, 125, 125), fill=0, width=3)
    draw.line((105, 125, 125, 105), fill=0, width=3)
    boxes = tick_boxes(ink(np.asarray(image)), 200)
    assert len(boxes) == 1 and boxes[0].ticked


def test_the_foot_of_a_line_of_letters_run_together_is_not_a_ruled_line() -> None:
    image = Image.new("L", (1200, 300), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((100, 100, 700, 102), fill=0)  # the foot of letters blurred into one run...
    for x in range(100, 700, 12):
        draw.rectangle((x, 70, x + 5, 100), fill=0)  # ...under the letters' strokes
    draw.line((100, 200, 1100, 200), fill=0, width=3)  # and a real ruled line below, paper round it
    found = [r for r in rules(ink(np.asarray(image)), 300) if r.x1 - r.x0 > r.bottom - r.top]
    assert len(found) == 1 and abs(found[0].top - 199) <= 3
