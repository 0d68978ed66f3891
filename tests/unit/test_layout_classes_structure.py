"""Word forms laid out the way the fresh blind set's forms are (issue 11), one test per class of layout STRUCTURE:
police boxes with a small label over the typed answer in the same cell, three to a row (A); a web form saved to
Word, each label a bold (or plain) line of its own over its answer (F); a label line over its answer in one
full-width box (K); radio buttons ◉ / ○ (G); a printed "Y  N" marked by highlighting or deleting (C); two people
side by side in "Name: | X | Name: | Y" rows (O); a children table headed by long phrases with one child in it (P);
sign-off rows (Q). Each builds the form as a referrer's copy looks and checks what a coordinator would notice: the
right value, or none, never a neighbouring box's text. All people, places and dates are invented.
"""
from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt
from docx.table import Table, _Cell

from parsers import parse_bytes
from parsers.docx.reader import read_docx
from parsers.tables.known import known_label
from parsers.ticks import interpret
from tests.corpus.docx_parts import full_width_row, shade, write


def _table(doc: DocumentType, cols: int) -> Table:
    table = doc.add_table(rows=0, cols=cols)
    table.style = "Table Grid"
    return table


def _box(cell: _Cell, label: str, value: str | None) -> None:
    """A police box: the printed label small on the first line, the typed answer on the lines below."""
    cell.paragraphs[0].add_run(label).font.size = Pt(7.5)
    for line in (value or "").split("\n") if value else []:
        cell.add_paragraph(line)


def _bytes(doc: DocumentType) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _parse(doc: DocumentType) -> dict[str, Any]:
    return parse_bytes(_bytes(doc), "referral.docx")


def _all_text(parsed: dict[str, Any]) -> str:
    return repr(parsed["referral"])


# --- A: police boxes ----------------------------------------------------------------------------------------------

def _police_form(victim: dict[str, str | None]) -> DocumentType:
    doc = Document()
    t = _table(doc, 3)
    full_width_row(t, "PRIMARY VICTIM", fill="D9D9D9")
    cells = t.add_row().cells
    _box(cells[0], "Forename(s)", victim["forename"])
    _box(cells[1], "Surname/family name", victim["surname"])
    _box(cells[2], "Date of birth", victim["dob"])
    cells = t.add_row().cells
    _box(cells[0], "Ethnicity", victim["ethnicity"])
    _box(cells[1].merge(cells[2]), "Occupation", victim["occupation"])
    cells = t.add_row().cells
    _box(cells[0].merge(cells[1]), "Address", victim["address"])
    _box(cells[2], "Telephone", victim["phone"])
    return doc


def test_police_boxes_read_each_box_as_its_own_label_and_answer() -> None:
    parsed = _parse(_police_form({"forename": "Maria", "surname": "KOWALSKA", "dob": "14/02/1986",
                                  "ethnicity": "White Polish", "occupation": "Care assistant",
                                  "address": "12 Larch Row, Exampletown, EX4 9ZZ", "phone": "0117 496 0321"}))
    victim = parsed["referral"]["victim"]
    assert victim["name"] == "Maria KOWALSKA"
    assert victim["dob"] == "1986-02-14"
    assert victim["occupation"] == "Care assistant"
    assert victim["address"] == "12 Larch Row, Exampletown, EX4 9ZZ"
    assert victim["phone"] == "0117 496 0321"
    # never a neighbouring box's label and answer taken for this box's answer
    for label in ("Surname", "Occupation", "Telephone", "Date of birth"):
        assert label not in _all_text(parsed)


def test_police_boxes_left_blank_are_no_ones_value() -> None:
    raw = read_docx(_bytes(_police_form(dict.fromkeys(
        ("forename", "surname", "dob", "ethnicity", "occupation", "address", "phone")))))
    assert all(item.value is None for item in raw.labelled)  # "Surname/family name" is no forename


# --- F: a web form saved to Word ----------------------------------------------------------------------------------

def _web_form(bold: bool) -> DocumentType:
    doc = Document()
    doc.add_heading("Client details", level=2)
    for label, answer in (("First name", "Maria"), ("Last name", "KOWALSKA"), ("Date of birth", "14/02/1986"),
                          ("Phone", "0117 496 0321"), ("Is it safe to call this number?", "◉ Yes    ○ No"),
                          ("Children (names and ages)", "Lena KOWALSKA, age 6\nPiotr KOWALSKA, age 4")):
        doc.add_paragraph().add_run(label).bold = bold or label.endswith("?")
        for line in answer.split("\n"):  # an answer box's lines, each a paragraph of its own
            doc.add_paragraph(line)
    doc.add_heading("Perpetrator details", level=2)
    doc.add_paragraph().add_run("First name").bold = bold
    doc.add_paragraph("Tomasz")
    doc.add_paragraph().add_run("Last name").bold = bold
    doc.add_paragraph("NOWAK")
    return doc


def test_web_form_label_lines_over_answers_bold_or_plain() -> None:
    for bold in (True, False):
        parsed = _parse(_web_form(bold))
        victim = parsed["referral"]["victim"]
        assert victim["name"] == "Maria KOWALSKA", bold
        assert victim["dob"] == "1986-02-14"
        assert victim["phone"] == "0117 496 0321"
        assert victim["safe_to_call"] is True
        assert [c["name"] for c in parsed["referral"]["children"]] == ["Lena KOWALSKA", "Piotr KOWALSKA"], bold
        assert parsed["referral"]["perpetrators"][0]["name"] == "Tomasz NOWAK"


def test_a_name_is_never_taken_for_a_label() -> None:
    assert known_label("First name") and known_label("Perpetrator DOB")
    assert not known_label("Grace")  # close to "Race", but one word is matched only outright
    assert not known_label("Perpetrator details")  # a heading first


# --- K: a label line over its answer in one full-width box --------------------------------------------------------

def test_label_line_over_answer_in_one_full_width_box() -> None:
    for bold in (True, False):  # set apart in bold, or in the answer's own type (the table lists the label)
        doc = Document()
        t = _table(doc, 1)
        cell = t.add_row().cells[0]
        cell.paragraphs[0].add_run("Risk summary").bold = bold
        cell.add_paragraph("Threats to kill on 25 October; he has breached his bail conditions")
        parsed = _parse(doc)
        assert parsed["referral"]["risks_summary"] == \
            "Threats to kill on 25 October; he has breached his bail conditions", bold


# --- G: radio buttons ---------------------------------------------------------------------------------------------

def test_radio_buttons_read_as_ticks() -> None:
    assert interpret("◉ Yes    ○ No") == "Yes"
    assert interpret("○ Yes    ◉ No") == "No"
    assert interpret("⦿ No ○ Yes") == "No"
    assert interpret("● Yes ○ No") == "Yes"
    assert interpret("○ Yes ○ No") is None
    assert interpret("● a list bullet") == "● a list bullet"  # a black circle alone is a bullet, not a tick


# --- C: "Y  N" marked by highlighting or deleting -----------------------------------------------------------------

def _yn(cell: _Cell, question: str | None, answer: bool | None, how: str) -> None:
    paragraph = cell.paragraphs[0]
    if question:
        paragraph.add_run(f"{question}   ")
    if how == "delete" and answer is not None:
        paragraph.add_run("Y /" if answer else "/ N")
        return
    yes = paragraph.add_run("Y")
    paragraph.add_run("   ")
    no = paragraph.add_run("N")
    if answer is not None:
        (yes if answer else no).font.highlight_color = WD_COLOR_INDEX.YELLOW


def test_yes_no_marked_by_highlight_in_question_cells_and_child_columns() -> None:
    for how in ("highlight", "delete"):
        doc = Document()
        t = _table(doc, 3)
        cells = t.add_row().cells
        _yn(cells[0], "Drugs involved?", False, how)
        _yn(cells[1], "Alcohol involved?", True, how)
        _yn(cells[2], "Were injuries sustained?", None, how)
        kids = _table(doc, 3)
        head = kids.add_row().cells
        for cell, text in zip(head, ("", "Child 1", "Child 2")):
            write(cell, text, bold=True)
            shade(cell, "F2F2F2")
        for question in ("Were they present at incident?", "Did they witness incident?"):
            row = kids.add_row().cells
            write(row[0], question, bold=True)
            _yn(row[1], None, True, how)
            _yn(row[2], None, False, how)
        raw = read_docx(_bytes(doc))
        found = [(item.label, item.value) for item in raw.labelled]
        assert ("Drugs involved?", "N") in found, how
        assert ("Alcohol involved?", "Y") in found, how
        assert ("Were injuries sustained?", None) in found, how  # not answered: never the next box's question
        assert [v for label, v in found if label.startswith("Were they present")] == ["Y", "N"], how


def test_the_picked_option_beside_a_run_holding_the_others_and_their_slash() -> None:
    """Word saves runs formatted alike as one: "M / " plain and "F" bold and underlined is two runs, not three
    (how a .doc saved by Word, or a form opened and saved again, holds a circled-by-underline choice)."""
    doc = Document()
    t = _table(doc, 2)
    for question, runs, pick in (("Sex", ("M / ", "F"), 1), ("Consent given?", ("Yes", " / No / Not known"), 0),
                                 ("Safe to call?", ("Y", " / N"), 1)):
        cells = t.add_row().cells
        write(cells[0], question, bold=True)
        added = [cells[1].paragraphs[0].add_run(text) for text in runs]
        added[pick].bold = added[pick].underline = True
    raw = read_docx(_bytes(doc))
    found = {item.label: item.value for item in raw.labelled}
    assert found["Sex"] == "F" and found["Consent given?"] == "Yes"
    assert found["Safe to call?"] == "N"  # " / N" underlined: the slash went with the word picked


# --- O: two people side by side ----------------------------------------------------------------------------------

def test_two_people_side_by_side_are_read_column_by_column() -> None:
    doc = Document()
    doc.add_paragraph().add_run("Perpetrator details").bold = True
    p = _table(doc, 2)
    for label, value in (("Name:", "Tomasz NOWAK"), ("Date of birth:", "02/06/1984")):
        cells = p.add_row().cells
        write(cells[0], label, bold=True)
        write(cells[1], value)
    doc.add_paragraph("Significant others (extended family/friends/professionals) who are not members of the "
                      "household.")
    t = _table(doc, 4)
    for label, left, right in (("Name:", "Anna Example", "Sam Whitfield"), ("Relationship:", "Sister", "Social worker"),
                               ("Tel:", "07700 900888", "0117 496 0999")):
        cells = t.add_row().cells
        for index, value in ((0, left), (2, right)):
            write(cells[index], label, bold=True)
            shade(cells[index], "EDEDED")
            write(cells[index + 1], value)
    raw = read_docx(_bytes(doc))
    names = [(item.label, item.value) for item in raw.labelled][2:]
    assert names == [("Name", "Anna Example"), ("Relationship", "Sister"), ("Tel", "07700 900888"),
                     ("Name", "Sam Whitfield"), ("Relationship", "Social worker"), ("Tel", "0117 496 0999")]
    perpetrators = _parse(doc)["referral"]["perpetrators"]
    assert [p["name"] for p in perpetrators] == ["Tomasz NOWAK"]  # the people aside are no perpetrators


# --- P: a children table headed by long phrases, one child in it ---------------------------------------------------

def test_one_child_under_long_phrase_headers_is_read() -> None:
    doc = Document()
    doc.add_paragraph().add_run("Service user details/family composition").bold = True
    heads = ("Name of Child being referred", "Gender", "DOB", "Relationship to referred adult")
    t = _table(doc, len(heads))
    for cell, text in zip(t.add_row().cells, heads):
        write(cell, text, bold=True)
        shade(cell, "EDEDED")
    for cell, text in zip(t.add_row().cells, ("Jordan NOWAK", "M", "25/09/2017", "Son")):
        write(cell, text)
    parsed = _parse(doc)
    assert [c["name"] for c in parsed["referral"]["children"]] == ["Jordan NOWAK"]
    assert not any("could not be read one by one" in p["message"] for p in parsed["problems"])


# --- Q: sign-off rows ---------------------------------------------------------------------------------------------

def test_date_after_a_referrer_signature_is_the_referrers() -> None:
    doc = Document()
    doc.add_paragraph().add_run("Referrer details").bold = True
    r = _table(doc, 2)
    cells = r.add_row().cells
    write(cells[0], "Contact Name(s):", bold=True)
    write(cells[1], "Priya Example")
    doc.add_paragraph("Significant others (extended family/friends/professionals) who are not members of the "
                      "household.")
    end = _table(doc, 4)
    cells = end.add_row().cells
    for index, text in enumerate(("Referrer signature:", "Priya Example", "Date:", "30/10/2026")):
        write(cells[index], text, bold=index % 2 == 0)
    parsed = _parse(doc)
    assert parsed["referral"]["referrer"]["date"] == "2026-10-30"


# --- a checklist whose answer columns show the tick to copy ("Yes ☑ | No ☑") -------------------------------------

def test_the_tick_printed_under_every_answer_heading_is_a_legend_not_an_answer() -> None:
    doc = Document()
    t = _table(doc, 4)
    head = t.add_row().cells
    for cell, text in zip(head, ("", "Yes ☒", "No ☒", "Comment")):
        write(cell, text, bold=True)
        shade(cell, "D9D9D9")
    questions = ("Is the victim very frightened?", "Is there previous domestic abuse or stalking history?",
                 "Has he vandalised or destroyed property?", "Has he turned up unannounced more than three times a week?",
                 "Is he following her or loitering near her home?", "Has he made any threats of violence?",
                 "Has he been harassing any third party?", "Has he acted violently to anyone else?",
                 "Has he engaged others to help?", "Has he been abusing alcohol or drugs?",
                 "Has he been violent in the past?")
    for n, question in enumerate(questions, start=1):
        cells = t.add_row().cells
        write(cells[0], f"{n}. {question}")
        write(cells[1 if n % 3 else 2], "✓")
    lines = read_docx(_bytes(doc)).dash_lines
    assert [line.answer for line in lines] == ["yes" if n % 3 else "no" for n in range(1, 12)]
