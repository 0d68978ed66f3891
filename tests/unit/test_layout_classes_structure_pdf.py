"""The same classes of layout STRUCTURE as tests/unit/test_layout_classes_structure.py, as a PDF printed from the
Word file shows them (words with their fonts, sizes and places; ruling lines): a police box's small label over the
typed answer, a highlighted "Y  N", a web form's label line over its answer, a one-cell box whose bold first line
is its label, and a label wrapped in a narrow cell. Words are built by hand where they sit on such a page.
"""
from __future__ import annotations

from parsers.pdf.layout import Line, Word
from parsers.pdf.open_items import boxed_label, stands_as_label
from parsers.pdf.table_parts import bold_parts, picked_options, small_lead
from parsers.pdf.wraps import join_lines


def _word(text: str, x0: float, top: float, *, size: float = 11.0, bold: bool = False) -> Word:
    return Word(text, x0, x0 + 6.0 * len(text), top, top + size, bold, size)


def _line(text: str, top: float, *, size: float = 11.0, bold: bool = False, x0: float = 90.0) -> Line:
    words, x = [], x0
    for piece in text.split():
        words.append(_word(piece, x, top, size=size, bold=bold))
        x += 6.0 * len(piece) + 3.0
    return Line(words)


def test_a_police_box_small_label_over_the_typed_answer() -> None:
    words = [*_line("Occupation", 100.0, size=7.5).words, *_line("Care assistant", 110.0).words]
    assert small_lead(words)
    assert bold_parts(words, 300.0) == [("Occupation", "Care assistant")]
    same_size = [*_line("Occupation", 100.0).words, *_line("Care assistant", 112.0).words]
    assert not small_lead(same_size)  # nothing set apart: the cell's words are read as they are


def test_a_highlighted_option_is_the_answer() -> None:
    words = _line("Drugs involved? Y N", 100.0).words
    y, n = words[-2], words[-1]
    assert picked_options(words, [(n.x0 - 1, n.top - 1, n.x1 + 1, n.bottom + 1)]) == "Drugs involved? Y ☐ N ☒"
    assert picked_options(words, []) is None  # nothing picked: no answer, never both
    both = [(y.x0 - 1, y.top - 1, n.x1 + 1, n.bottom + 1)]
    assert picked_options(words, both) is None  # both lit: no one answer, never a guess


def test_a_web_form_label_line_and_a_bold_question_stand_as_labels() -> None:
    assert stands_as_label(_line("First name", 100.0), 11.0)
    assert stands_as_label(_line("Is it safe to call this number?", 100.0, bold=True), 11.0)
    assert not stands_as_label(_line("Grace", 100.0), 11.0)
    assert not stands_as_label(_line("Client details", 100.0, size=14.0, bold=True), 11.0)  # a heading


def test_a_one_cell_box_opens_with_its_label() -> None:
    rule = {"x0": 84.0, "x1": 517.0, "top": 99.5, "orientation": "h"}
    assert boxed_label(_line("Reason for referral", 100.0, bold=True), [rule])
    assert not boxed_label(_line("Reason for referral", 100.0, bold=True), [])  # no box round it: a heading
    assert not boxed_label(_line("3. Perpetrator details (copy this section)", 100.0, bold=True), [rule])


def test_a_label_wrapped_in_a_narrow_cell_keeps_its_words() -> None:
    right = 90.0 + 6.0 * len("Mother/Carers") + 2.0
    lines = [_line("Mother/Carers", 100.0), _line("Surname:", 112.0)]
    assert join_lines(lines, right) == "Mother/Carers Surname:"
    # a word broken twice in a narrow header cell: its first two pieces make no word yet, only a word's start
    broken = [_line("Relati", 100.0), _line("onshi", 112.0)]
    assert join_lines(broken, 90.0 + 6.0 * len("Relati") + 2.0) == "Relationshi"
