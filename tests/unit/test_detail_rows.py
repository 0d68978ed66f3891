"""Children's referral forms that print every child in one table: a row of labels, then per child a row of
plain values and under it a row merged differently whose cells each hold a label with its answer
("Home address: …"). Each child's details are that child's; a table with no such rows reads as before.
All people, places and dates are invented.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.table import Table

from parsers import parse_bytes
from parsers.docx.reader import read_docx
from parsers.model import RowTable
from parsers.tables.rows import read_rows
from parsers.tables.walk import Cell, Row, Walk
from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.heldout._kit import grid, inline, label, save

_HEAD = ("First name", "Surname", "Date of birth (dd/mm/yy)", "Gender (m/f)", "Known disability? Y/N")
_OWEN = ("Owen", "TESTER", "14/03/19", "m", "N")
_MAISIE = ("Maisie", "TESTER", "02/11/21", "f", "N")
_ALFIE = ("Alfie", "SAMPLE", "27/06/16", "m", "N")


def _children_table(doc: DocumentType, children: list[tuple[tuple[str, ...], str | None]]) -> Table:
    """The children's box: a heading row, the labels, and per child its values then its details row."""
    table = grid(doc, 5)
    full_width_row(table, "B. CHILD – Details of Child/ren being referred", fill="A6A6A6")
    for cell, text in zip(table.add_row().cells, _HEAD):
        label(cell, text)
    for values, address in children:
        for cell, text in zip(table.add_row().cells, values):
            write(cell, text)
        if address is None:
            continue
        cells = table.add_row().cells  # "" leaves the child's details blank
        inline(cells[0].merge(cells[1]), "Home address:", address)
        inline(cells[2].merge(cells[3]), "Contact/Telephone of parents:", address and "0117 496 0999")
        inline(cells[4], "Ethnicity:", address and "White British")
    return table


def _form(children: list[tuple[tuple[str, ...], str | None]]) -> bytes:
    doc = Document()
    doc.add_heading("Multi Agency Referral Form", level=1)
    _children_table(doc, children)
    return save(doc)


def _children(data: bytes) -> list[dict[str, Any]]:
    return list(parse_bytes(data, "x.docx")["referral"]["children"])


def test_each_childs_details_row_belongs_to_the_child_above_it() -> None:
    data = _form([(_OWEN, "12 Test Lane, Exampletown, EX1 1AA"), (_MAISIE, "12 Test Lane, Exampletown, EX1 1AA"),
                  (_ALFIE, "c/o grandmother, 3 Sample Road, Exampletown, EX2 2BB")])
    children = _children(data)
    assert [c["name"] for c in children] == ["Owen TESTER", "Maisie TESTER", "Alfie SAMPLE"]
    assert [c["dob"] for c in children] == ["2019-03-14", "2021-11-02", "2016-06-27"]
    assert [c["address"] for c in children] == ["12 Test Lane, Exampletown, EX1 1AA",
                                                "12 Test Lane, Exampletown, EX1 1AA",
                                                "c/o grandmother, 3 Sample Road, Exampletown, EX2 2BB"]


def test_details_read_as_one_table_with_each_detail_label_once() -> None:
    raw = read_docx(_form([(_OWEN, "12 Test Lane"), (_MAISIE, "4 Other Street")]))
    assert len(raw.tables) == 1
    table = raw.tables[0]
    assert table.headers == [*_HEAD, "Home address", "Contact/Telephone of parents", "Ethnicity"]
    assert [row[0] for row in table.rows] == ["Owen", "Maisie"]
    assert [row[5] for row in table.rows] == ["12 Test Lane", "4 Other Street"]
    assert not any(item.label in ("Owen", "Maisie", "14/03/19") for item in raw.labelled)  # no nonsense pairs


def test_one_child_with_a_details_row_is_a_table_too() -> None:
    children = _children(_form([(_OWEN, "12 Test Lane, Exampletown, EX1 1AA")]))
    assert [c["name"] for c in children] == ["Owen TESTER"]
    assert children[0]["dob"] == "2019-03-14"
    assert children[0]["address"] == "12 Test Lane, Exampletown, EX1 1AA"


def test_a_child_without_details_keeps_its_values_and_blank_records_are_no_children() -> None:
    blank = ("N/A", "", "", "", "")
    raw = read_docx(_form([(_OWEN, "12 Test Lane"), (blank, None), (_ALFIE, None), (_MAISIE, "4 Other Street")]))
    rows = raw.tables[0].rows
    assert [row[0] for row in rows] == ["Owen", "Alfie", "Maisie"]
    assert rows[1][5] is None and rows[2][5] == "4 Other Street"


def test_a_child_whose_details_are_blank_does_not_end_the_children() -> None:
    blank = ("", "", "", "", "")
    raw = read_docx(_form([(_OWEN, "12 Test Lane"), (_MAISIE, ""), (_ALFIE, "3 Sample Road"), (blank, "")]))
    assert [row[0] for row in raw.tables[0].rows] == ["Owen", "Maisie", "Alfie"]
    assert [row[5] for row in raw.tables[0].rows] == ["12 Test Lane", None, "3 Sample Road"]
    assert not raw.labelled  # the unused last child's blank details are the table's, not labels left blank


def test_label_blanks_after_the_last_child_are_not_its_details() -> None:
    doc = Document()
    table = _children_table(doc, [(_OWEN, "12 Test Lane"), (_MAISIE, "4 Other Street")])
    cells = table.add_row().cells
    inline(cells[0].merge(cells[2]), "Name of school:", None)
    inline(cells[3].merge(cells[4]), "GP surgery:", None)
    raw = read_docx(save(doc))
    assert raw.tables[0].headers[5:] == ["Home address", "Contact/Telephone of parents", "Ethnicity"]
    assert all(len(row) == 8 for row in raw.tables[0].rows)
    assert "Name of school" in [item.label for item in raw.labelled]  # read as the form's own labels


def test_header_over_value_rows_without_details_reads_as_before() -> None:
    raw = read_docx(_form([(_OWEN, None), (_MAISIE, None)]))
    assert [t.headers for t in raw.tables] == [list(_HEAD)]
    assert raw.tables[0].rows == [list(_OWEN), list(_MAISIE)]
    children = _children(_form([(_OWEN, None), (_MAISIE, None)]))
    assert [c["name"] for c in children] == ["Owen TESTER", "Maisie TESTER"]


def test_one_child_without_details_is_still_read_label_above_value() -> None:
    raw = read_docx(_form([(_OWEN, None)]))
    assert not raw.tables  # a single row of values under labels: label-above-value pairs, as before
    assert ("First name", "Owen") in [(item.label, item.value) for item in raw.labelled]


def _cell(text: str, col: int, span: int = 1, cue: bool = False) -> Cell:
    return Cell(None, text, cue, col, span)


def test_rows_built_by_any_reader_are_read_the_same() -> None:
    """The rule works on the shared Row / Cell objects a PDF's table reader builds too."""
    head = Row(None, [_cell(text, k, cue=True) for k, text in enumerate(("Name", "DOB", "Gender"))], False, False)
    rows = [head]
    for name, dob, address in (("Owen TESTER", "14/03/2019", "12 Test Lane"), ("Alfie SAMPLE", "27/06/2016", None)):
        rows.append(Row(None, [_cell(text, k) for k, text in enumerate((name, dob, "M"))], False, False))
        details = [_cell(f"Home address: {address}" if address else "Home address:", 0, 2), _cell("Ethnicity: Irish", 2)]
        rows.append(Row(None, details, False, False))
    walk = Walk()
    read_rows(rows, walk)
    assert walk.tables == [RowTable(["Name", "DOB", "Gender", "Home address", "Ethnicity"],
                                    [["Owen TESTER", "14/03/2019", "M", "12 Test Lane", "Irish"],
                                     ["Alfie SAMPLE", "27/06/2016", "M", None, "Irish"]], None, "Name", [])]
    assert not walk.labelled
