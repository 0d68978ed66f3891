"""The PDF layout rules that tell a form's printed labels from what the referrer typed, on words placed by
hand (no PDF needed): a bold label over its answer in one cell, a value wrapped back under its label on a
tab-stop line, a line of people each closed by a date, a numbered section line, a row of people the page
break cut, an option struck through with the space after it. All data is invented."""
from __future__ import annotations

from types import SimpleNamespace

from parsers.model import Labelled
from parsers.pdf.layout import Cell, Line, Word, is_heading, one_paragraph
from parsers.pdf.marks import _struck
from parsers.pdf.open_items import OpenPair, bold_lead, tick_pairs
from parsers.pdf.table_parts import bold_parts, split_row
from parsers.pdf.wraps import join_lines

SIZE = 11.0
LINE = 12.8


def _words(text: str, x: float, row: int, bold: bool = False) -> list[Word]:
    """Words of one line from x, about 5.5 points a letter, a space between them."""
    out = []
    top = 100 + row * LINE
    for part in text.split():
        width = 5.5 * len(part)
        out.append(Word(part, x, x + width, top, top + SIZE, bold, SIZE))
        x += width + 2.75
    return out


def test_a_bold_label_over_one_person_a_line_keeps_them_apart() -> None:
    words = (_words("Names and Dates of Birth", 90, 0, bold=True) + _words("Darren SMITH 3/4/2019", 90, 1)
             + _words("Jo SMITH 5/6/2021", 90, 2))
    assert bold_parts(words, right=295) == [("Names and Dates of Birth", "Darren SMITH 3/4/2019\nJo SMITH 5/6/2021")]


def test_a_label_wrapped_over_two_lines_is_one_label() -> None:
    words = (_words("Does the client consider", 90, 0, bold=True) + _words("herself disabled?", 90, 1, bold=True)
             + _words("No", 190, 1))
    assert bold_parts(words, right=295) == [("Does the client consider herself disabled?", "No")]


def test_a_cell_opening_plain_or_all_bold_has_no_parts() -> None:
    assert bold_parts(_words("Darren SMITH", 90, 0) + _words("Age 4", 90, 1, bold=True), right=295) is None
    assert bold_parts(_words("Victim", 90, 0, bold=True), right=295) is None


def test_people_closed_by_dates_stay_one_a_line_though_the_next_would_just_fit() -> None:
    first = Line(_words("Darren O'BRIEN 23/08/2015", 90, 0))
    second = Line(_words("Jo O'BRIEN 11/02/2022", 90, 1))
    right = first.x1 + (second.words[0].x1 - second.words[0].x0) + 2  # "Jo" would just have fitted
    assert join_lines([first, second], right) == "Darren O'BRIEN 23/08/2015\nJo O'BRIEN 11/02/2022"
    wrapped = Line(_words("Strangled during an argument on 25", 90, 0))
    assert join_lines([wrapped, Line(_words("October 2026", 90, 1))], wrapped.x1 + 10) == \
        "Strangled during an argument on 25 October 2026"


def _tab_pair(label: str, value: str, value_x: float, right: float) -> OpenPair:
    words = _words(value, value_x, 0)
    return OpenPair(Labelled(label, value), "grid", 90, value_x, [Line(words)], 111, 1, right, label_bold=True)


def test_a_value_wrapped_under_its_bold_label_goes_on_the_value() -> None:
    pair = _tab_pair("Address:", "25 Hawthorn Drive,", 331, right=440)
    assert pair.wraps_onto(Line(_words("Exampletown, BS5 0XJ", 90, 1)))
    roomy = _tab_pair("Address:", "25 Hawthorn Drive,", 331, right=520)
    assert not roomy.wraps_onto(Line(_words("Exampletown, BS5 0XJ", 90, 1)))  # it would have fitted
    assert not pair.wraps_onto(Line(_words("Ethnicity:", 90, 1, bold=True)))  # the next bold label


def test_a_bold_question_run_into_its_answer_is_split_at_the_bold() -> None:
    line = Line(_words("Who is she afraid of?", 90, 0, bold=True) + _words("Jo SMITH", 205, 0))
    found = bold_lead(line)
    assert found is not None and found[0] == "Who is she afraid of?"
    assert " ".join(w.text for w in found[1]) == "Jo SMITH"
    assert bold_lead(Line(_words("Referral criteria", 90, 0, bold=True) + _words("see below", 190, 0))) is None


def test_lines_of_labelled_boxes() -> None:
    assert tick_pairs("☒ Visible high risk") == [("Visible high risk", True)]
    assert tick_pairs("☐ Potential escalation") == [("Potential escalation", False)]
    assert tick_pairs("Visible high risk") is None


def test_a_numbered_section_line_with_its_number_printed_plain_is_a_heading() -> None:
    line = Line(_words("3.", 90, 0) + _words("Client's details", 108, 0, bold=True))
    assert is_heading(line, SIZE)
    assert not is_heading(Line(_words("3. Client's details", 90, 0)), SIZE)  # all plain: a line of text
    question = Line(_words("7.", 90, 0) + _words("Is there conflict over child contact?", 108, 0, bold=True))
    assert not is_heading(question, SIZE)


def _cell(text: str, x0: float) -> Cell:
    return Cell(text, x0, x0 + 80, 700, 716, False)


def _row(texts: list[str]) -> tuple[list[Cell | None], list[tuple[float, float, float, float] | None]]:
    cells: list[Cell | None] = [_cell(t, 85 + 90 * i) for i, t in enumerate(texts)]
    boxes: list[tuple[float, float, float, float] | None] = [(85 + 90 * i, 700, 175 + 90 * i, 716)
                                                             for i in range(len(texts))]
    return cells, boxes


def test_a_row_of_people_cut_by_the_page_break_through_its_date_is_one_row() -> None:
    above, above_boxes = _row(["Kerry-Ann", "28/07/202", "Son", "With"])
    below, below_boxes = _row(["THORNTON", "2", "", "grandmother"])
    assert split_row(above, above_boxes, below, below_boxes)
    above, above_boxes = _row(["Tyler", "6th", "Son", "Hillside"])
    below, below_boxes = _row(["THORNTON", "October 2025", "", "Academy"])
    assert split_row(above, above_boxes, below, below_boxes)


def test_a_cell_stopping_on_at_goes_on_below() -> None:
    above, above_boxes = _row(["Fatima", "", "Stepson", "Not yet at"])
    below, below_boxes = _row(["HUSSAIN", "22/07/2013", "", "school"])
    assert split_row(above, above_boxes, below, below_boxes)


def test_the_next_person_on_the_new_page_is_a_row_of_their_own() -> None:
    above, above_boxes = _row(["Tyler THORNTON", "06/10/2025", "Son", "Hillside Academy"])
    below, below_boxes = _row(["Liam THORNTON", "04/10/2018", "Daughter", "Not yet at school"])
    assert not split_row(above, above_boxes, below, below_boxes)
    partial, partial_boxes = _row(["Liam THORNTON", "04/10/2018", "", ""])  # a child whose details are not known
    assert not split_row(above, above_boxes, partial, partial_boxes)


def _chars(text: str, x: float) -> list[dict[str, object]]:
    out = []
    for letter in text:
        out.append({"text": letter, "x0": x, "x1": x + 5.0, "top": 670.0, "bottom": 680.0})
        x += 5.0
    return out


def test_a_strike_through_an_option_and_its_space_strikes_the_option() -> None:
    chars = _chars("Yes / Don't ", 400)
    line = {"x0": 430.0, "x1": 460.0, "top": 676.0, "bottom": 676.5, "object_type": "line"}  # "Don't " with its space
    page = SimpleNamespace(lines=[line], rects=[], height=792.0)
    assert "".join(str(chars[i]["text"]) for i in sorted(_struck(chars, page))) == "Don't "
    rule = {"x0": 380.0, "x1": 470.0, "top": 676.0, "bottom": 676.5, "object_type": "line"}  # runs past the words
    assert _struck(chars, SimpleNamespace(lines=[rule], rects=[], height=792.0)) == set()


def test_a_title_over_a_smaller_bold_label_is_not_the_labels_first_line() -> None:
    """A print-to-PDF driver's font metrics move each line's box a point or two: a 14-point title then sits as
    close above an 11-point bold "PLEASE READ …:" as the first line of a wrapped label would. Set in another
    size, it is not that label's first line; a label's own wrapped line, set alike, is."""
    def line(text: str, top: float, size: float) -> Line:
        return Line([Word(word, 90, 120, top, top + size, True, size) for word in text.split(" ")])
    title, label = line("Multi Agency Referral Form", 98.3, 14.0), line("PLEASE READ THE FOLLOWING:", 116.7, 11.0)
    assert not one_paragraph(title, label)
    assert one_paragraph(line("Reason for referral (please", 80.0, 11.0), line("include details):", 95.5, 11.0))
