"""Word and PDF forms laid out the way the second fresh blind set's forms are (issue 11), one test per class of layout
STRUCTURE: "Label: value" pairs typed one after another on one line (1); a date typed into three legacy fields
"dd / mm / yyyy" (2); a label wrapped onto two lines of its cell (3), and a GP's row beside it (7); label and value
in one box under a full-width heading (4); a checklist table whose row a page break cut into cells of other widths
(5); a checklist's head of label | value | label | value cells (6). Each builds the form as a referrer's copy looks
and checks the right value, or none, never a neighbouring box's text. All people, places and dates are invented.
"""
from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.table import Table

from parsers import parse_bytes
from parsers.docx.reader import read_docx
from parsers.pdf.layout import Cell
from parsers.pdf.open_items import cell_pair, tick_pairs
from parsers.pdf.table_parts import join_rows
from parsers.tables.known import run_on
from parsers.ticks import interpret
from tests.corpus.areas.report import lookup
from tests.corpus.docx_parts import Fields, full_width_row


def _bytes(doc: DocumentType) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _labelled(doc: DocumentType) -> dict[str, Any]:
    return {item.label: item.value for item in read_docx(_bytes(doc)).labelled}


def _table(doc: DocumentType, cols: int) -> Table:
    table = doc.add_table(rows=0, cols=cols)
    table.style = "Table Grid"
    return table


def _cell(text: str, x0: float, x1: float) -> Cell:
    return Cell(text, x0, x1, 100.0, 112.0, False)


# 1. Run-on "Label: value" pairs on one line ------------------------------------------------------------------------

def test_run_on_pairs_split_only_at_labels_the_table_lists() -> None:
    line = "Tel: 0117 496 0111    Email: ann.referrer@example.gov.uk    Date: 03/04/2026"
    assert run_on(line) == "Tel: 0117 496 0111\tEmail: ann.referrer@example.gov.uk\tDate: 03/04/2026"
    said = "Yes – he said: leave the house now"
    assert run_on(said) == said  # a colon inside a sentence is no label
    prose = "Tel 0117 496 0222. Safe to call: yes. Best time: mornings"
    assert run_on(prose) == "Tel: 0117 496 0222\tSafe to call: yes\tBest time: mornings"


def test_a_word_paragraph_of_run_on_pairs_reads_as_separate_pairs() -> None:
    doc = Document()
    doc.add_heading("Referrer details", level=1)
    doc.add_paragraph("Name: Ann Whitfield")
    doc.add_paragraph("Tel: 0117 496 0111    Email: ann.referrer@example.gov.uk    Date: 03/04/2026")
    found = _labelled(doc)
    assert found["Tel"] == "0117 496 0111"
    assert found["Email"] == "ann.referrer@example.gov.uk"
    assert found["Date"] == "03/04/2026"
    parsed = parse_bytes(_bytes(doc), "referral.docx")
    assert lookup(parsed, "referral.referrer.email") == "ann.referrer@example.gov.uk"
    assert lookup(parsed, "referral.referrer.phone") == "0117 496 0111"  # not the whole line, nor the date


def test_a_long_bold_heading_over_run_on_pairs_is_their_section() -> None:
    doc = Document()
    doc.add_paragraph().add_run("Ethnicity, disability (if any), gender and sexual orientation").bold = True
    doc.add_paragraph("White British, no disability, female, heterosexual.")
    heading = ("SAFE contact details for the victim, including the best time to call; an alternative contact, e.g. "
               "'safe' friend/family member; GP details")
    doc.add_paragraph().add_run(heading).bold = True
    doc.add_paragraph("Tel 0117 496 0222. Safe to call: yes. Best time: mornings")
    found = {item.label: (item.value, item.section) for item in read_docx(_bytes(doc)).labelled}
    assert found["Tel"] == ("0117 496 0222", heading)  # not under the ethnicity heading above it
    assert found["Safe to call"] == ("yes", heading)


def test_a_pdf_line_of_run_on_pairs_and_a_label_at_its_end() -> None:
    assert tick_pairs("Tel 0117 496 0222. Safe to call: yes. Best time: mornings") == [
        ("Tel", "0117 496 0222"), ("Safe to call", "yes"), ("Best time", "mornings")]
    # "Date:" the line's last cell, its date wrapped onto the next line: a pair whose value is still to come
    assert cell_pair(_cell("Date:", 445.0, 475.0), True) == ("Date", "")
    assert cell_pair(_cell("Date:", 445.0, 475.0), False) is None
    assert cell_pair(_cell("Please note:", 445.0, 500.0), True) is None  # not a label the table lists


# 2. A date in three legacy form fields "dd / mm / yyyy" ------------------------------------------------------------

def _split_date(fields: Fields, paragraph: Any, parts: tuple[str, str, str]) -> None:
    for index, part in enumerate(parts):
        if index:
            paragraph.add_run(" / ")
        fields.form_text(paragraph, part)


def test_a_date_in_three_form_fields_reads_as_one_date_and_untouched_boxes_as_none() -> None:
    doc, fields = Document(), Fields()
    table = _table(doc, 2)
    full_width_row(table, "1. CHILD'S DETAILS")
    cells = table.add_row().cells
    cells[0].text = "Date of Birth"
    _split_date(fields, cells[1].paragraphs[0], ("07", "05", "2019"))
    cells = table.add_row().cells
    cells[0].text = "Date of death"
    _split_date(fields, cells[1].paragraphs[0], ("", "", ""))
    found = _labelled(doc)
    assert found["Date of Birth"] == "07 / 05 / 2019"
    assert found["Date of death"] is None  # "  /   /  ": nothing typed, no value
    assert interpret("\u2002\u2002 / \u2002\u2002 / \u2002\u2002") is None


# 3 and 7. A label in two lines of its cell; the GP's row in a child's block ----------------------------------------

def test_a_label_on_two_lines_of_its_cell_is_one_label() -> None:
    doc, fields = Document(), Fields()
    table = _table(doc, 2)
    full_width_row(table, "1. CHILD / YOUNG PERSON'S DETAILS")
    for label, value in (("Address", "4 Quarry Lane, Exampletown, EX1 2AB"), ("GP Address/ Contact", "Dr Lowe, Mill Surgery"),
                         ("Nursery/School/ Children's Centre\nAddress/ Contact", "Brookside Infants")):
        cells = table.add_row().cells
        lines = label.split("\n")
        cells[0].text = lines[0]
        for more in lines[1:]:
            cells[0].add_paragraph(more)
        fields.form_text(cells[1].paragraphs[0], value)
    labelled = read_docx(_bytes(doc)).labelled
    assert [(item.label, item.value) for item in labelled if item.value] == [
        ("Address", "4 Quarry Lane, Exampletown, EX1 2AB"), ("GP Address/ Contact", "Dr Lowe, Mill Surgery"),
        ("Nursery/School/ Children's Centre Address/ Contact", "Brookside Infants")]
    assert not any(item.label.startswith(("Address/", "Centre")) for item in labelled)  # no half label stands alone
    parsed = parse_bytes(_bytes(doc), "referral.docx")
    assert lookup(parsed, "referral.children.0.address") in (None, "4 Quarry Lane, Exampletown, EX1 2AB")
    assert lookup(parsed, "referral.children.1") is None  # the GP's and the school's rows make no second child


# 4. Label and value in one box under a full-width heading ----------------------------------------------------------

def test_label_and_value_in_one_box_under_a_full_width_heading() -> None:
    doc = Document()
    table = _table(doc, 2)
    full_width_row(table, "Completed by:")
    cells = table.add_row().cells
    cells[0].text, cells[1].text = "Name: Ann Whitfield", "Agency: Exampletown Council"
    cells = table.add_row().cells
    cells[0].text, cells[1].text = "Date completed: 03/04/2026", "Phone: 0117 496 0111"
    labelled = read_docx(_bytes(doc)).labelled
    found = {item.label: (item.value, item.section) for item in labelled}
    assert found["Name"] == ("Ann Whitfield", "Completed by")
    assert found["Date completed"] == ("03/04/2026", "Completed by")
    assert found["Phone"][0] == "0117 496 0111"


# 5. A checklist row a page break cut into cells of other widths ----------------------------------------------------

def test_a_row_cut_by_a_page_break_joins_cell_to_cell_by_column() -> None:
    last = [_cell("12", 60.0, 70.0), _cell("Do you try to control what your", 80.0, 300.0), _cell("Yes", 310.0, 330.0),
            _cell("Controls her money", 400.0, 500.0)]
    first = [None, _cell("partner does?", 80.0, 160.0), None, None]
    joined = join_rows(last, first)
    assert [" ".join(c.text.split()) if c else None for c in joined][:3] == ["12", "Do you try to control what your partner does?",
                                                            "Yes"]
    assert joined[3] is not None and joined[3].text == "Controls her money"  # nothing under it: as it was


# 6. A checklist head of label | value | label | value cells --------------------------------------------------------

def test_a_four_column_head_pairs_each_label_with_the_cell_after_it() -> None:
    doc = Document()
    table = _table(doc, 4)
    for row in (("Name of man assessed", "Carl PENROSE", "Date of birth", "12/01/1985"),
                ("Worker completing", "Ann Whitfield", "Date", "03/04/2026")):
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    found = _labelled(doc)
    assert found["Worker completing"] == "Ann Whitfield"
    assert found["Date"] == "03/04/2026"
    assert found["Name of man assessed"] == "Carl PENROSE"
