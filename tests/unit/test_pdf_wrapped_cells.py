"""Text wrapped inside one table cell of a PDF printed from Word: a name the page break cut stays one
person (or is a problem when it cannot be told), a heading wrapped in a narrow column reads as its words,
one child a paragraph in a narrow cell stays one child a line, and an answer cut by the page break keeps
its question."""
from __future__ import annotations

from parsers.pdf.layout import Cell, Line, Word
from parsers.pdf.table_parts import join_rows, rest_of_person
from parsers.pdf.wraps import join_lines, spelled


def _cell(text: str) -> Cell:
    return Cell(text, 0.0, 80.0, 0.0, 12.0, False)


def _line(top: float, *words: tuple[str, float, float]) -> Line:
    return Line([Word(t, x0, x1, top, top + 11, False, 10.0) for t, x0, x1 in words])


HEADER = [_cell(t) for t in ("Name & Surname", "Gender", "DOB", "Living with client?", "Perpetrators child?")]


def test_a_name_going_on_under_a_whole_person_is_its_rest() -> None:
    above = [_cell(t) for t in ("Bradley", "F", "11.2.22", "No", "No")]
    below = [_cell(t) for t in ("O'BRIEN", "", "", "", "")]
    assert rest_of_person(HEADER, above, below) is True


def test_a_name_under_a_person_with_empty_cells_cannot_be_told() -> None:
    above = [_cell(t) for t in ("Bradley", "F", "", "No", "No")]
    below = [_cell(t) for t in ("O'BRIEN", "", "", "", "")]
    assert rest_of_person(HEADER, above, below) is None


def test_a_row_with_a_date_or_a_cell_the_row_above_left_empty_is_a_person_of_its_own() -> None:
    above = [_cell(t) for t in ("Bradley", "F", "", "No", "No")]
    assert rest_of_person(HEADER, above, [_cell(t) for t in ("Owen", "", "1.2.20", "", "")]) is False
    labels = [_cell(t) for t in ("Name:", "DOB:", "Gender:", "Address:", "Phone:")]  # label | value rows
    assert rest_of_person(labels, [_cell("Jo")] * 5, [_cell("Sam")] + [_cell("")] * 4) is False


def test_a_heading_wrapped_in_a_narrow_cell_reads_as_its_words() -> None:
    lines = [_line(0, ("Relatio", 275, 319)), _line(13, ("nship", 275, 309), ("to", 313, 325)),
             _line(26, ("person", 275, 317)), _line(39, ("who", 275, 300)), _line(52, ("harms*", 275, 318))]
    assert join_lines(lines, right=326.0) == "Relationship to person who harms*"


def test_a_header_broken_twice_then_wrapped_reads_as_its_words() -> None:
    # A column six letters wide: "Relati / onship" is one word, then "to" and "Child" wrapped whole.
    lines = [_line(0, ("Relati", 414.1, 450.7)), _line(13, ("onship", 414.1, 455.5)), _line(26, ("to", 414.1, 426.5)),
             _line(39, ("Child", 414.1, 446.9))]
    assert join_lines(lines, right=457.0) == "Relationship to Child"
    assert join_lines([_line(0, ("and/or", 414.1, 452.0)), _line(13, ("GP", 414.1, 430.0))], right=457.0) == "and/or GP"


def test_a_long_word_broken_in_a_narrow_column_is_one_word() -> None:
    # Every line holds one piece filled to the edge: the pieces go on in the same case and none is a known word.
    assert join_lines([_line(0, ("SZYMA", 144.1, 185.7)), _line(13, ("NSKI", 144.1, 173.8))], right=187.1) == "SZYMANSKI"
    address = [_line(0, ("149", 360.1, 381.1)), _line(13, ("Canal", 360.1, 392.2)), _line(26, ("Street,", 360.1, 398.2)),
               _line(39, ("Exampl", 360.1, 401.8)), _line(52, ("etown,", 360.1, 397.6)), _line(65, ("NR3", 360.1, 385.0))]
    assert join_lines(address, right=403.0) == "149 Canal Street, Exampletown, NR3"


def test_two_whole_words_filling_a_narrow_column_stay_two_words() -> None:
    # The same geometry, but the pieces are words the reader knows, or the next starts a new capitalised word.
    assert join_lines([_line(0, ("Don't", 100.0, 135.0)), _line(13, ("know", 100.0, 128.0))], right=136.0) == "Don't know"
    assert join_lines([_line(0, ("Hillside", 100.0, 150.0)), _line(13, ("Academy", 100.0, 150.0))],
                      right=151.0) == "Hillside Academy"
    assert join_lines([_line(0, ("Grace", 100.0, 135.0)), _line(13, ("Abbott", 100.0, 138.0))], right=136.0) == "Grace Abbott"


def test_a_child_after_a_wrapped_date_of_birth_starts_a_line() -> None:
    lines = [_line(0, ("Owen", 198, 225), ("O'BRIEN", 228, 270), ("–", 273, 279)),
             _line(13, ("26th", 198, 222), ("March", 225, 258), ("2020", 261, 287)),
             _line(26, ("Darren", 198, 240), ("O'BRIEN", 244, 290)),
             _line(39, ("–", 198, 204), ("23rd", 207, 231), ("August", 234, 275)),
             _line(52, ("2015", 198, 224))]
    assert join_lines(lines, right=296.0).splitlines() == ["Owen O'BRIEN – 26th March 2020",
                                                            "Darren O'BRIEN – 23rd August 2015"]


def test_an_answer_cut_by_the_page_break_stays_under_its_question() -> None:
    above = _cell("Why is a referral being made?\nStrangled; he has")
    above.lead_bold = True
    above.parts = [("Why is a referral being made?", "Strangled; he has")]
    joined = join_rows([above, None], [_cell("breached his bail conditions")])
    assert joined[0] is not None and joined[0].parts is not None
    assert joined[0].parts[-1][0] == "Why is a referral being made?"
    assert " ".join(joined[0].parts[-1][1].split()) == "Strangled; he has breached his bail conditions"


def test_a_possessive_filling_its_narrow_line_is_a_whole_word() -> None:
    # "Mother's ex-husband" in a column eight letters wide: "Mother's" ends a word whatever room is left after it.
    lines = [_line(0, ("Mother's", 336.9, 386.7)), _line(13, ("ex-", 336.9, 353.3)), _line(26, ("husband", 336.9, 384.4))]
    assert join_lines(lines, right=388.0) == "Mother's ex-husband"


def test_a_word_the_document_spells_whole_elsewhere_is_one_word_where_a_narrow_column_broke_it() -> None:
    # "Exampletown," is spelled whole in a wide cell; in a column seven letters wide it is "Example" / "town,", and
    # "Address/Tel No" is "Addres" / "s/Tel No": both halves could be words of their own, the document says not.
    town = [_line(0, ("Canal", 360.1, 392.2)), _line(13, ("Street,", 360.1, 398.2)), _line(26, ("Example", 360.1, 405.0)),
            _line(39, ("town,", 360.1, 388.0)), _line(52, ("NR3", 360.1, 385.0), ("9TT", 388.0, 410.0))]
    head = [_line(0, ("Addres", 360.1, 404.0)), _line(13, ("s/Tel", 360.1, 390.0), ("No", 393.0, 406.0))]
    assert join_lines(town, right=406.0) == "Canal Street, Example town, NR3 9TT"
    with spelled(["Exampletown,", "Address"]):
        assert join_lines(town, right=406.0) == "Canal Street, Exampletown, NR3 9TT"
        assert join_lines(head, right=406.0) == "Address/Tel No"
