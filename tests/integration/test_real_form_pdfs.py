"""Forms saved as PDF from Word, read as their Word originals are (issue 11).

Each test builds a small Word form the way real areas' forms are built (tests/corpus/areas/kit.py,
tests/corpus/docx_parts.py), LibreOffice prints all of them to PDF in one run, and the test checks
what a coordinator would notice in the parsed referral: whose name and date of birth went where,
ticks read as ticked, struck-out options and placeholder prompts not taken for answers, and a
problem (never a wrong value) where the PDF cannot say. All data is invented.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.table import Table, _Cell

from parsers import parse_bytes
from parsers.pdf import marks
from tests.corpus.areas._dash_wording import SAFELIVES
from tests.corpus.areas.kit import placeholder_control, struck_choice, symbol_box
from tests.corpus.docx_parts import Fields, full_width_row, shade, write
from tests.corpus.pdf_layouts import export_with_libreoffice, soffice

VICTIM = ("Grace EVANS-PRICE", "17/10/1974", "25 Hawthorn Drive, Exampletown, BS5 0XJ")
PERPETRATOR = ("Mohammed VAUGHAN", "02/06/1988", "186 Acacia Avenue, Exampletown, SS1 9XY")
CHILDREN = (("Darren EVANS-PRICE", "29/08/2020", "Riverside Primary"),
            ("Reece EVANS-PRICE", "06/08/2023", "Not yet at school"))


def _label(cell: _Cell, text: str) -> None:
    write(cell, text, bold=True)
    shade(cell, "D9D9D9")


def _grid(doc: Any, cols: int) -> Table:
    table = doc.add_table(rows=0, cols=cols)
    table.style = "Table Grid"
    return table


def _pairs_row(table: Table, *pairs: tuple[str, str]) -> list[_Cell]:
    cells = table.add_row().cells
    for (label, value), label_cell, value_cell in zip(pairs, cells[::2], cells[1::2]):
        _label(label_cell, label)
        write(value_cell, value)
    return cells


def _saved(doc: Any) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def tables_form() -> bytes:
    """Title rows across the table say whose details follow; pairs side by side; a children table
    with a header row and a blank row left for more."""
    doc = Document()
    doc.add_heading("Marac referral form", level=1)
    table = _grid(doc, 4)
    full_width_row(table, "Victim details")
    _pairs_row(table, ("Name", VICTIM[0]), ("Date of birth", VICTIM[1]))
    cells = table.add_row().cells
    _label(cells[0], "Address")
    write(cells[1].merge(cells[3]), VICTIM[2])
    full_width_row(table, "Perpetrator details")
    _pairs_row(table, ("Name", PERPETRATOR[0]), ("Date of birth", PERPETRATOR[1]))
    cells = table.add_row().cells
    _label(cells[0], "Address")
    write(cells[1].merge(cells[3]), PERPETRATOR[2])
    doc.add_paragraph()
    doc.add_heading("Children", level=2)
    kids = _grid(doc, 3)
    for cell, text in zip(kids.add_row().cells, ("Name", "Date of birth", "School")):
        _label(cell, text)
    for child in CHILDREN:
        for cell, text in zip(kids.add_row().cells, child):
            write(cell, text)
    kids.add_row()  # left blank for another child
    return _saved(doc)


def side_by_side_form() -> bytes:
    """Victim and perpetrator side by side under a header row ("Surname: X" in each cell), headings
    numbered "2. Victim details", and a children table whose narrow columns break their headers
    mid-word ("Relationsh / ip to victim") with a placeholder row left for a third child."""
    doc = Document()
    doc.add_heading("1. Referrer details", level=2)
    table = _grid(doc, 4)
    _pairs_row(table, ("Referrer name", "Stuart Cartwright"), ("Agency", "Exampleshire Police"))
    doc.add_heading("2. Victim and perpetrator", level=2)
    people = _grid(doc, 2)
    for cell, text in zip(people.add_row().cells, ("Victim", "Alleged perpetrator")):
        _label(cell, text)
    for label, (first, second) in (("Surname", ("EVANS-PRICE", "VAUGHAN")), ("Forename(s)", ("Grace", "Mohammed")),
                                   ("Date of birth", (VICTIM[1], PERPETRATOR[1]))):
        for cell, value in zip(people.add_row().cells, (first, second)):
            write(cell, f"{label}: {value}")
    doc.add_heading("3. Children", level=2)
    kids = _grid(doc, 6)
    for cell, text in zip(kids.add_row().cells, ("Name", "DOB", "Relationship to victim", "Relationship to perpetrator",
                                                 "Address", "School")):
        _label(cell, text)
    for name, dob, school in CHILDREN:
        for cell, text in zip(kids.add_row().cells, (name, dob, "Daughter", "Stepson", "As victim", school)):
            write(cell, text)
    for cell in kids.add_row().cells:
        placeholder_control(cell.paragraphs[0])
    return _saved(doc)


NOTES = [f"Note {n}: contact with the family on day {n} of the review." for n in range(1, 61)]
# A name holds no digits (parsers.plausible refuses "Child1"): twelve invented first names.
FIRST_NAMES = ("Amber", "Bella", "Callum", "Daisy", "Ethan", "Freya", "George", "Hannah", "Isaac", "Jasmine",
               "Kian", "Lola")
MANY = [(f"{first} EVANS-PRICE", f"{n:02d}/01/2015", "Hillside Academy") for n, first in enumerate(FIRST_NAMES, 1)]


def page_break_form() -> bytes:
    """A box taller than a page (the printed row breaks over the page), then a table of children that
    runs from one page onto the next."""
    doc = Document()
    doc.add_heading("Victim details", level=1)
    table = _grid(doc, 2)
    _pairs_row(table, ("Victim name", VICTIM[0]))
    _pairs_row(table, ("Additional information", "\n".join(NOTES)))
    _pairs_row(table, ("Date of birth", VICTIM[1]))
    for _ in range(34):
        doc.add_paragraph("Please give as much detail as you can about the household.")
    doc.add_heading("Children", level=2)
    kids = _grid(doc, 3)
    for cell, text in zip(kids.add_row().cells, ("Name", "Date of birth", "School")):
        _label(cell, text)
    for child in MANY:
        for cell, text in zip(kids.add_row().cells, child):
            write(cell, text)
    return _saved(doc)


PICKED = ["yes", "no", "yes", "yes", "no", "yes", "no", "no", "yes", "yes", "yes", "no"]


def highlighted_form() -> bytes:
    """A checklist printing YES | NO on every question row, the answer picked by highlighting the word
    (how some referrers answer a form with no boxes)."""
    doc = Document()
    doc.add_heading("Dash risk checklist", level=1)
    grid = _grid(doc, 4)
    full_width_row(grid, "CURRENT SITUATION")
    for n, ((question, _, _), answer) in enumerate(zip(SAFELIVES, PICKED), start=1):
        cells = grid.add_row().cells
        write(cells[0], str(n))
        write(cells[1], question)
        for cell, word in ((cells[2], "YES"), (cells[3], "NO")):
            run = cell.paragraphs[0].add_run(word)
            run.bold = True
            if word.lower() == answer:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return _saved(doc)


def _box_row(table: Table, label: str, value: bool, tick: Callable[[Any, bool], None]) -> None:
    cells = table.add_row().cells
    _label(cells[0], label)
    paragraph = cells[1].paragraphs[0]
    paragraph.add_run("Yes ")
    tick(paragraph, value is True)
    paragraph.add_run("   No ")
    tick(paragraph, value is False)


def drawn_boxes_form() -> bytes:
    """Legacy check boxes (FORMCHECKBOX): printed as small squares, a cross inside when ticked."""
    fields = Fields()
    doc = Document()
    doc.add_heading("Victim details", level=1)
    table = _grid(doc, 2)
    _pairs_row(table, ("Victim name", VICTIM[0]))
    _box_row(table, "Safe to call?", True, fields.form_checkbox)
    _box_row(table, "Safe to leave a message?", False, fields.form_checkbox)
    return _saved(doc)


def glyph_boxes_form() -> bytes:
    """Boxes typed through Insert > Symbol (Wingdings) and Word 2010 check boxes (☒ / ☐ glyphs)."""
    fields = Fields()
    doc = Document()
    doc.add_heading("Victim details", level=1)
    table = _grid(doc, 2)
    _pairs_row(table, ("Victim name", VICTIM[0]))
    _box_row(table, "Safe to call?", False, fields.control_checkbox)
    _box_row(table, "Safe to leave a message?", True, symbol_box)
    _box_row(table, "Disability?", True, symbol_box)
    return _saved(doc)


def struck_form() -> bytes:
    """ "Y / N" answered by striking out the letter that does not apply, or by deleting it."""
    doc = Document()
    doc.add_heading("Victim details", level=1)
    table = _grid(doc, 2)
    _pairs_row(table, ("Victim name", VICTIM[0]))
    for label, value, how in (("Is this number safe to call?", True, "strike"),
                              ("Safe to leave a message?", False, "strike"),
                              ("Has consent been given?", True, "delete")):
        cells = table.add_row().cells
        _label(cells[0], label)
        struck_choice(cells[1].paragraphs[0], value, how=how)
    return _saved(doc)


def placeholder_form() -> bytes:
    """Content controls left empty show Word's grey prompt; one is filled in."""
    doc = Document()
    doc.add_heading("Victim details", level=1)
    table = _grid(doc, 2)
    for label, value in (("Victim name", VICTIM[0]), ("Address", ""), ("Telephone", ""),
                         ("Date of birth", VICTIM[1])):
        cells = table.add_row().cells
        _label(cells[0], label)
        placeholder_control(cells[1].paragraphs[0], value, date=label == "Date of birth")
    return _saved(doc)


FORMS: dict[str, Callable[[], bytes]] = {"tables": tables_form, "side_by_side": side_by_side_form,
                                         "drawn": drawn_boxes_form,
                                         "glyphs": glyph_boxes_form, "struck": struck_form,
                                         "placeholders": placeholder_form, "page_break": page_break_form,
                                         "highlighted": highlighted_form}


@pytest.fixture(scope="module")
def parsed() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """Each form as (Word parsed, PDF parsed); LibreOffice prints them all in one run."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    docs = {key: build() for key, build in FORMS.items()}
    pdfs = export_with_libreoffice(docs)
    return {key: (parse_bytes(docs[key], f"{key}.docx"), parse_bytes(pdfs[key], f"{key}.pdf")) for key in docs}


def _messages(result: dict[str, Any]) -> str:
    return " | ".join(p["message"] for p in result.get("problems") or [])


def test_title_rows_and_headings_say_whose_details_follow(parsed: dict) -> None:
    word, pdf = parsed["tables"]
    victim, perpetrators = pdf["referral"]["victim"], pdf["referral"]["perpetrators"]
    assert victim["name"] == VICTIM[0]
    assert victim["dob"] == "1974-10-17"
    assert " ".join(victim["address"].split()) == VICTIM[2]
    assert [p["name"] for p in perpetrators] == [PERPETRATOR[0]]
    assert perpetrators[0]["dob"] == "1988-06-02"
    assert pdf["referral"]["victim"] == word["referral"]["victim"]


def test_a_tables_header_row_is_never_a_person(parsed: dict) -> None:
    word, pdf = parsed["tables"]
    children = pdf["referral"]["children"]
    assert [c["name"] for c in children] == [c[0] for c in CHILDREN]  # no "Name", no blank row
    assert [c["dob"] for c in children] == ["2020-08-29", "2023-08-06"]
    assert [c["name"] for c in children] == [c["name"] for c in word["referral"]["children"]]


def test_people_side_by_side_and_narrow_headers_read_as_in_word(parsed: dict) -> None:
    word, pdf = parsed["side_by_side"]
    referral = pdf["referral"]
    assert referral["victim"]["dob"] == "1974-10-17"
    assert [p["dob"] for p in referral["perpetrators"]] == ["1988-06-02"]
    assert [c["name"] for c in referral["children"]] == [c[0] for c in CHILDREN]  # the placeholder row is no one
    assert [c["relationship_to_victim"] for c in referral["children"]] == ["Daughter", "Daughter"]
    assert referral["referrer"]["name"] == "Stuart Cartwright"
    for path in (("victim",), ("perpetrators",), ("children",), ("referrer",)):
        assert referral[path[0]] == word["referral"][path[0]]


def test_tick_boxes_drawn_as_squares_read_as_ticked_or_not(parsed: dict) -> None:
    word, pdf = parsed["drawn"]
    victim = pdf["referral"]["victim"]
    assert victim["safe_to_call"] is True
    assert victim["safe_to_leave_message"] is False
    assert victim["name"] == VICTIM[0]
    assert (victim["safe_to_call"], victim["safe_to_leave_message"]) == \
        (word["referral"]["victim"]["safe_to_call"], word["referral"]["victim"]["safe_to_leave_message"])


def test_glyph_boxes_are_read_or_left_empty_with_a_problem_never_guessed(parsed: dict) -> None:
    _, pdf = parsed["glyphs"]
    victim = pdf["referral"]["victim"]
    assert victim["safe_to_call"] is False  # a Word 2010 check box prints as ☐ / ☒: read
    truth = {"safe_to_leave_message": True, "disabled": True}
    got = {key: victim[key] for key in truth}
    # Wingdings boxes: read when the PDF carries the symbol font; when it was made without it, every
    # box prints as the same glyph and the file no longer says which was ticked: left empty, and said.
    assert all(got[key] in (truth[key], None) for key in truth), got
    if None in got.values():
        assert "tick boxes" in _messages(pdf) and "symbol font" in _messages(pdf)
    assert len(pdf["problems"]) <= 1


def test_symbol_font_glyphs_map_to_boxes() -> None:
    wingdings = "ABCDEF+Wingdings-Regular"
    assert marks._symbol({"text": "\uf0fe", "fontname": wingdings}) == marks.TICKED
    assert marks._symbol({"text": "\uf0a8", "fontname": wingdings}) == marks.UNTICKED
    assert marks._symbol({"text": "\uf06f", "fontname": wingdings}) == marks.UNTICKED
    assert marks._symbol({"text": "\uf078", "fontname": wingdings}) == marks.TICKED
    assert marks._symbol({"text": "\u00fe", "fontname": wingdings}) == marks.TICKED  # mapped to Latin-1
    assert marks._symbol({"text": "(cid:168)", "fontname": wingdings}) == marks.UNTICKED  # no Unicode map
    assert marks._symbol({"text": "\uf0b7", "fontname": "Symbol"}) == ""  # a bullet, not a box
    # The same code point drawn in a text font: the symbol font was missing, the box is unknown.
    assert marks._symbol({"text": "\uf0fe", "fontname": "DejaVuSans"}) == marks.UNREADABLE
    assert marks._symbol({"text": "A", "fontname": "DejaVuSans"}) is None


def test_answers_picked_by_highlighting_the_word(parsed: dict) -> None:
    word, pdf = parsed["highlighted"]
    answers = [pdf["dash"]["answers"][str(n)] for n in range(1, len(PICKED) + 1)]
    assert answers == PICKED
    assert answers == [word["dash"]["answers"][str(n)] for n in range(1, len(PICKED) + 1)]
    assert pdf["dash"]["score"] == PICKED.count("yes")


def test_struck_out_option_is_not_the_answer(parsed: dict) -> None:
    word, pdf = parsed["struck"]
    victim = pdf["referral"]["victim"]
    assert victim["safe_to_call"] is True  # "Y / N" with N struck through
    assert victim["safe_to_leave_message"] is False  # Y struck through
    assert pdf["referral"]["consent"] is True  # "Y /": N deleted
    assert (victim["safe_to_call"], victim["safe_to_leave_message"], pdf["referral"]["consent"]) == \
        (word["referral"]["victim"]["safe_to_call"], word["referral"]["victim"]["safe_to_leave_message"],
         word["referral"]["consent"])


def test_placeholder_prompts_are_empty_not_values_nor_problems(parsed: dict) -> None:
    word, pdf = parsed["placeholders"]
    victim = pdf["referral"]["victim"]
    assert victim["name"] == VICTIM[0]
    assert victim["dob"] == "1974-10-17"
    assert victim["address"] is None and victim["phone"] is None
    assert "click" not in _messages(pdf).lower()
    assert not any(p.get("field") in ("referral.victim.address", "referral.victim.phone")
                   for p in pdf["problems"])
    assert (victim["address"], victim["phone"]) == (word["referral"]["victim"]["address"],
                                                    word["referral"]["victim"]["phone"])


def test_rows_and_tables_cut_by_a_page_break_read_whole(parsed: dict) -> None:
    word, pdf = parsed["page_break"]
    referral = pdf["referral"]
    assert referral["victim"]["dob"] == "1974-10-17"  # the row after the one the page break cut
    notes = referral["additional_information"] or ""
    assert NOTES[0] in notes and NOTES[-1] in notes
    assert [c["name"] for c in referral["children"]] == [c[0] for c in MANY]
    assert [c["name"] for c in referral["children"]] == [c["name"] for c in word["referral"]["children"]]
