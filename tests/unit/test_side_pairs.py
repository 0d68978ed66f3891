"""A table of children in rows with the referrer's label | value pairs printed beside them in the same rows: the header
"Children | Forename(s) | Surname | Date of Birth | Referrers details" (its last cell over two columns), per child a
row "Child 1 | Ava | TESTCHILD | 04/05/2019 | Name | Pat EXAMPLE" and a row "Child's Address:" | the address merged
over the middle columns; unused child rows stay empty but still carry the referrer's pair. The children are one
table (full names, dates of birth, addresses), the pairs the referrer's. All people, places and numbers are invented.
"""
from __future__ import annotations

from typing import Any

from docx import Document
from docx.document import Document as DocumentType

from parsers.docx.reader import read_docx
from parsers.tables.rows import read_rows
from parsers.tables.walk import Cell, Row, Walk
from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.heldout._kit import grid, label, save
from tests.word_forms import label_pairs, parse_docx

_REFERRER = (("Name", "Pat EXAMPLE"), ("Role", "Family Support Worker"), ("Agency", "Exampletown Family Centre"),
             ("Contact number", "0117 496 0123"))
_AVA = ("Ava", "TESTCHILD", "04/05/2019", "12 Sample Street, Exampletown, EX1 2AB")
_NOAH = ("Noah", "TESTCHILD", "17th June 2021", "c/o grandmother, 3 Trial Road, Exampletown, EX3 4CD")


def _form(children: list[tuple[str, str, str, str]]) -> DocumentType:
    doc = Document()
    doc.add_heading("Inter-agency Referral Form", level=1)
    table = grid(doc, 6)
    full_width_row(table, "Identifying details:", fill="DBE5F1")
    head = table.add_row().cells
    for cell, text in zip(head[:4], ("Children", "Forename(s)", "Surname", "Date of Birth")):
        label(cell, text, fill="DBE5F1")
    label(head[4].merge(head[5]), "Referrers details", fill="DBE5F1")
    for slot, (pair_label, pair_value) in enumerate(_REFERRER):
        child = children[slot] if slot < len(children) else None
        cells = table.add_row().cells
        label(cells[0], f"Child {slot + 1}", fill="DBE5F1")
        if child:
            for cell, text in zip(cells[1:4], child[:3]):
                write(cell, text)
        label(cells[4], pair_label, fill="DBE5F1")
        write(cells[5], pair_value)
        cells = table.add_row().cells
        label(cells[0], "Child's Address:", fill="DBE5F1")
        address = cells[1].merge(cells[3])
        if child:
            write(address, child[3])
    return doc


def _referral(doc: DocumentType) -> dict[str, Any]:
    return dict(parse_docx(doc)["referral"])


def test_children_beside_the_referrer_are_read_as_whole_records() -> None:
    children = _referral(_form([_AVA, _NOAH]))["children"]
    assert [c["name"] for c in children] == ["Ava TESTCHILD", "Noah TESTCHILD"]
    assert [c["dob"] for c in children] == ["2019-05-04", "2021-06-17"]
    assert [c["address"] for c in children] == [_AVA[3], _NOAH[3]]


def test_the_pairs_beside_the_children_are_the_referrers() -> None:
    referrer = _referral(_form([_AVA, _NOAH]))["referrer"]
    assert referrer["name"] == "Pat EXAMPLE"
    assert referrer["role"] == "Family Support Worker"
    assert referrer["agency"] == "Exampletown Family Centre"
    assert referrer["phone"] == "0117 496 0123"


def test_one_table_of_the_filled_rows_with_the_address_as_a_column() -> None:
    raw = read_docx(save(_form([_AVA])))
    assert [(t.headers, t.title) for t in raw.tables] == [
        (["Forename(s)", "Surname", "Date of Birth", "Child's Address"], "Children")]
    assert raw.tables[0].rows == [list(_AVA)]  # the empty "Child 2" .. "Child 4" rows are no records
    assert [(i.label, i.value, i.title) for i in raw.labelled if i.title == "Referrers details"] == [
        (label_text, value, "Referrers details") for label_text, value in _REFERRER]
    assert not any(i.label.startswith("Child ") or i.label == "TESTCHILD" for i in raw.labelled)


def test_an_ordinary_table_of_label_value_pairs_reads_as_before() -> None:
    doc = Document()
    doc.add_heading("Referral Form", level=1)
    table = grid(doc, 4)
    full_width_row(table, "Referrer details")
    label_pairs(table, ("Name", "Pat EXAMPLE"), ("Agency", "Exampletown Family Centre"))
    label_pairs(table, ("Role", "Family Support Worker"), ("Contact number", "0117 496 0123"))
    full_width_row(table, "Victim details")
    label_pairs(table, ("Name", "Jo SAMPLEPERSON"), ("Date of birth", "03/02/1990"))
    label_pairs(table, ("Address", "5 Example Way, Exampletown, EX5 6EF"), ("Telephone", "0117 496 0456"))
    referral = _referral(doc)
    assert (referral["referrer"]["name"], referral["referrer"]["agency"], referral["referrer"]["role"],
            referral["referrer"]["phone"]) == ("Pat EXAMPLE", "Exampletown Family Centre", "Family Support Worker",
                                               "0117 496 0123")
    victim = referral["victim"]
    assert (victim["name"], victim["dob"], victim["address"], victim["phone"]) == (
        "Jo SAMPLEPERSON", "1990-02-03", "5 Example Way, Exampletown, EX5 6EF", "0117 496 0456")
    assert not referral["children"]


def _cell(text: str, col: int, span: int = 1, cue: bool = False) -> Cell:
    return Cell(None, text, cue, col, span)


def _row(*cells: Cell) -> Row:
    return Row(None, list(cells), False, False)


def test_rows_from_any_format_with_details_typed_in_one_cell() -> None:
    """The rows as a PDF's ruled table gives them (no Word underneath), details "Home address: …" in one cell."""
    walk = Walk(section="Identifying details")
    read_rows([
        _row(_cell("Children", 0, cue=True), _cell("Forename(s)", 1, cue=True), _cell("Surname", 2, cue=True),
             _cell("Date of Birth", 3, cue=True), _cell("Referrers details", 4, 2, cue=True)),
        _row(_cell("Child 1", 0, cue=True), _cell("Ava", 1), _cell("TESTCHILD", 2), _cell("04/05/2019", 3),
             _cell("Name", 4, cue=True), _cell("Pat EXAMPLE", 5)),
        _row(_cell("Home address: 12 Sample Street", 0, 4), _cell("", 4), _cell("", 5)),
        _row(_cell("Child 2", 0, cue=True), _cell("", 1), _cell("", 2), _cell("", 3),
             _cell("Role", 4, cue=True), _cell("Family Support Worker", 5)),
        _row(_cell("Home address:", 0, 4), _cell("", 4), _cell("", 5)),
    ], walk)
    assert [(t.headers, t.rows, t.title) for t in walk.tables] == [
        (["Forename(s)", "Surname", "Date of Birth", "Home address"],
         [["Ava", "TESTCHILD", "04/05/2019", "12 Sample Street"]], "Children")]
    assert [(i.label, i.value, i.title) for i in walk.labelled] == [
        ("Name", "Pat EXAMPLE", "Referrers details"), ("Role", "Family Support Worker", "Referrers details")]
