"""Layouts a PDF printed from Word loses unless read with care (issue 11), each built as real forms are
(a Word file from python-docx, printed to PDF by LibreOffice in one run) and checked for what a
coordinator would notice: the PDF gives the value the Word file gives, whole, or says it cannot.

- tick boxes typed through Insert > Symbol (Wingdings, Wingdings 2: a w:sym), which LibreOffice prints
  in OpenSymbol keeping the original code;
- a cell opening with its label ("GP: Dr ...") whose value the page break carries onto the next page;
- two tables printed touching ("Completed by | ... | Date | ..." straight under the checklist), which
  the PDF shows as one;
- an answer picked by underlining it ("M / F" with the F underlined), beside an e-mail address underlined as a link;
- a "Label:" line alone, its value the paragraph below; a label whose colon is followed by the form's hint in
  italics, its answer the paragraph below the hint;
- a table going on at the top of the next page with a row of other widths than the row that ended
  the page before;
- numbered section lines (Word's list numbering, the number printed plain before the bold words), one of
  them straight under a one-cell box pdfplumber does not see as a table;
- lines laid out on tab stops with no table: "Label:<TAB>answer" wrapping onto the next line, a heading
  line "Name<TAB>Date of birth<TAB>School" with one line per child, a question and its answer run
  together, criteria as "☒ Visible high risk" lines;
- a cell with a bold label over one person a line, the label's line leaving room for the first name, a
  name that only just fits after the line above, and an answer holding a colon.
All data is invented.
"""
from __future__ import annotations

import io
from typing import Any

import pdfplumber
import pytest
from docx import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell

from parsers import parse_bytes
from parsers.pdf.reader import read_pdf
from parsers.pdf.symbols import TICK, TICKED, UNTICKED, read_symbol
from parsers.ticks import UNREADABLE
from tests.corpus.areas._dash_wording import SAFELIVES
from tests.corpus.docx_parts import full_width_row, write
from tests.corpus.pdf_layouts import export_with_libreoffice, soffice

NAME = "Grace EVANS-PRICE"
NOTES = [f"Visit {n} by the family support worker, day {n} of the review." for n in range(1, 61)]
SUMMARY = "Strangled during an argument on 25 October; threats to kill; he has breached his bail conditions"
ANSWERS = ["yes", "no", "yes", "yes", "no"]


def _saved(doc: Any) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _grid(doc: Any, cols: int) -> Table:
    table = doc.add_table(rows=0, cols=cols)
    table.style = "Table Grid"
    return table


def _sym(paragraph: Any, font: str, code: str) -> None:
    """A box as Word's Insert > Symbol stores it: <w:sym w:font="Wingdings" w:char="F0FE"/>."""
    run = paragraph.add_run()
    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), font)
    sym.set(qn("w:char"), code)
    run._r.append(sym)


def _labelled(cell: _Cell, label: str, value: str) -> None:
    """ "LABEL: value" in one cell, the label bold; each line of the value its own paragraph."""
    first, *rest = value.split("\n")
    paragraph = cell.paragraphs[0]
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(first)
    for line in rest:
        cell.add_paragraph().add_run(line)


def symbol_boxes_form() -> bytes:
    doc = Document()
    doc.add_heading("Victim details", level=1)
    table = _grid(doc, 2)
    cells = table.add_row().cells
    write(cells[0], "Victim name", bold=True)
    write(cells[1], NAME)
    for label, font, on, off, ticked in (("Safe to call?", "Wingdings", "F0FE", "F0A8", True),
                                         ("Safe to leave a message?", "Wingdings 2", "F054", "F0A3", False),
                                         ("Disability?", "Wingdings", "F078", "F06F", True)):
        cells = table.add_row().cells
        write(cells[0], label, bold=True)
        paragraph = cells[1].paragraphs[0]
        paragraph.add_run("Yes ")
        _sym(paragraph, font, on if ticked else off)
        paragraph.add_run("   No ")
        _sym(paragraph, font, off if ticked else on)
    return _saved(doc)


def labelled_cell_cut_form() -> bytes:
    """A box of notes longer than what is left of the page, its label in the same cell: the page
    break cuts it, and the part on the next page opens with a capital, not with a label."""
    doc = Document()
    doc.add_heading("Victim details", level=1)
    for _ in range(20):
        doc.add_paragraph("Please give as much detail as you can about the household.")
    table = _grid(doc, 2)
    cells = table.add_row().cells
    _labelled(cells[0], "NAME", NAME)
    _labelled(cells[1], "DOB", "17/10/1974")
    cells = table.add_row().cells
    _labelled(cells[0], "ADDITIONAL INFORMATION", "\n".join(NOTES))
    _labelled(cells[1], "PREGNANT", "NO")
    return _saved(doc)


def touching_tables_form() -> bytes:
    """A checklist grid closed by its total, and straight under it (no paragraph between) a table of
    four cells for who completed it and when: printed, one table to the eye and to pdfplumber."""
    doc = Document()
    doc.add_heading("Risk identification checklist", level=1)
    grid = _grid(doc, 5)
    for cell, text in zip(grid.add_row().cells, ("No", "Question", "Yes", "No", "Don't know")):
        write(cell, text, bold=True)
    for n, ((question, _, _), answer) in enumerate(zip(SAFELIVES, ANSWERS), start=1):
        cells = grid.add_row().cells
        write(cells[0], str(n))
        write(cells[1], question)
        for cell, option in zip(cells[2:], ("yes", "no", "unknown")):
            write(cell, "☒" if option == answer else "☐")
    cells = grid.add_row().cells
    write(cells[0].merge(cells[1]), "Total 'yes' responses", bold=True)
    write(cells[2].merge(cells[4]), str(ANSWERS.count("yes")))
    signed = _grid(doc, 4)
    cells = signed.add_row().cells
    for cell, text, bold in zip(cells, ("Completed by", "Stuart Cartwright", "Date", "30/10/2026"),
                                (True, False, True, False)):
        write(cell, text, bold=bold)
    return _saved(doc)


def label_above_form() -> bytes:
    doc = Document()
    doc.add_paragraph("Victim details").runs[0].bold = True
    doc.add_paragraph(f"Victim name: {NAME}")
    doc.add_paragraph("Date of birth: 17.10.1974")
    doc.add_paragraph("Reason for referral (please include details of the most recent incident):").runs[0].bold = True
    doc.add_paragraph(SUMMARY)
    doc.add_paragraph()
    doc.add_paragraph("Referrer details").runs[0].bold = True
    doc.add_paragraph("Referrer name: Stuart Cartwright")
    return _saved(doc)


def date_below_label_form() -> bytes:
    """ "Date of Birth:" on a line of its own, the date on the line below typed "21.12.02" (no question number)."""
    doc = Document()
    doc.add_paragraph("Victim details").runs[0].bold = True
    doc.add_paragraph(f"Victim name: {NAME}")
    doc.add_paragraph("Date of Birth:")
    doc.add_paragraph("17.10.74")
    return _saved(doc)


def italic_hint_form() -> bytes:
    """ "Reason for referral:" in bold, the form's hint after it in italics over two lines, the answer the paragraph below."""
    doc = Document()
    doc.add_paragraph("Victim details").runs[0].bold = True
    doc.add_paragraph(f"Victim name: {NAME}")
    hinted = doc.add_paragraph()
    hinted.add_run("Reason for referral: ").bold = True
    hinted.add_run("Full names and titles should be used when referring to any other professionals, carers etc. This "
                   "is the first information the reader sees so it must make sense.").italic = True
    doc.add_paragraph(SUMMARY)
    return _saved(doc)


def underlined_choice_form() -> bytes:
    """Choices picked by underlining the answer ("M / F" with the F underlined, as a referrer does in Word), and an
    e-mail address underlined as Word underlines a link: the stroke under a word picks it only among printed options."""
    doc = Document()
    doc.add_paragraph("Victim details").runs[0].bold = True
    table = _grid(doc, 2)
    for label, before, picked, after in (("Victim name", NAME, "", ""), ("Gender", "M / ", "F", ""),
                                         ("Has the victim consented to the referral?", "Yes / ", "No", ""),
                                         ("Is it safe to call?", "", "Yes", " / No"),
                                         ("Referrer email", "", "stuart.referrer@example.gov.uk", "")):
        cells = table.add_row().cells
        write(cells[0], label, bold=True)
        paragraph = cells[1].paragraphs[0]
        paragraph.add_run(before)
        paragraph.add_run(picked).underline = label != "Victim name"
        paragraph.add_run(after)
    return _saved(doc)


PEOPLE = (("FLETCHER", "Kieran", "03/08/1995", "Boyfriend", "131 Foundry Road, Exampletown, E15 9QQ", "Black African",
           "Unemployed"),
          ("SZYMANSKI", "Liam", "11/02/1976", "Husband", "115 Canal Street, Exampletown, NR3 9TT", "Bangladeshi",
           "Taxi driver"))


def carried_table_form() -> bytes:
    """Two perpetrators in one table of four columns; a row of fixed height puts the page break just
    before the second one's "Address | ..." row, whose value spans three columns: the part on the next
    page starts with a row of other widths than the row that ended the page."""
    doc = Document()
    doc.add_heading("2. Victim details", level=2)
    victim = _grid(doc, 4)
    for texts in (("Surname", "O'BRIEN", "Forename(s)", "Bethany"), ("Ethnicity", "White British", "First language",
                                                                         "English")):
        for i, (cell, text) in enumerate(zip(victim.add_row().cells, texts)):
            write(cell, text, bold=i % 2 == 0)
    doc.add_heading("3. Perpetrator details", level=2)
    table = _grid(doc, 4)

    def pairs(*texts: str) -> None:
        for i, (cell, text) in enumerate(zip(table.add_row().cells, texts)):
            write(cell, text, bold=i % 2 == 0)

    def spanned(label: str, text: str) -> None:
        cells = table.add_row().cells
        write(cells[0], label, bold=True)
        write(cells[1].merge(cells[3]), text)

    for n, (surname, first, dob, relationship, address, ethnicity, job) in enumerate(PEOPLE, 1):
        full_width_row(table, f"Perpetrator {n}")
        pairs("Surname", surname, "Forename(s)", first)
        if n == 2:
            spanned("Previous incidents", "Police called to the address twice in October.")
            table.rows[-1].height = Pt(430)
            table.rows[-1].height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        pairs("Date of birth", dob, "Relationship to victim", relationship)
        spanned("Address", address)
        pairs("Ethnicity", ethnicity, "Occupation", job)
    return _saved(doc)


def _section(doc: Any, text: str) -> None:
    """A section line as Word numbers it (List Number): the number printed in the paragraph's plain font."""
    doc.add_paragraph(style="List Number").add_run(text).bold = True


def _bold_pairs(table: Table, *texts: str) -> None:
    for i, (cell, text) in enumerate(zip(table.add_row().cells, texts)):
        write(cell, text, bold=i % 2 == 0)


def numbered_sections_form() -> bytes:
    """Sections "1. Status", "2. Client's consent"... over tables with plain labels ("First name", "DOB"),
    the consent a box of one cell just above "3. Client's details": the headings say whose details follow."""
    doc = Document()
    doc.add_heading("Sanctuary Scheme Referral form", level=1)
    _section(doc, "Status")
    _bold_pairs(_grid(doc, 4), "Practitioners name", "Stuart Cartwright", "Job title", "Domestic Abuse Officer")
    _section(doc, "Client's consent")
    write(_grid(doc, 1).add_row().cells[0], "Consent of survivor for referral   Yes ☒   No ☐")
    _section(doc, "Client's details")
    victim = _grid(doc, 6)
    _bold_pairs(victim, "Title", "Mrs", "First name", "Grace", "Last name", "EVANS-PRICE")
    _bold_pairs(victim, "DOB", "17/10/1974", "Gender", "F", "Religion", "Christian")
    _section(doc, "Perpetrator's details")
    perpetrator = _grid(doc, 6)
    _bold_pairs(perpetrator, "Title:", "Mr", "First name:", "Mohammed", "Last name:", "VAUGHAN")
    _bold_pairs(perpetrator, "DOB:", "2/6/1988", "Relationship to client:", "Husband", "Gender:", "M")
    return _saved(doc)


def _tab_line(doc: Any, label: str, value: str, at_cm: float = 6.5) -> None:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(at_cm), WD_TAB_ALIGNMENT.LEFT)
    paragraph.add_run(label).bold = True
    paragraph.add_run(f"\t{value}")


SURVIVOR_ADDRESS = "25 Hawthorn Drive, Exampletown, BS5 0XJ"
OVERRIDE = "Risk of serious harm outweighs the need for consent"
CHILDREN = (("Darren EVANS-PRICE", "29 August 2020", "2020-08-29", "Riverside Primary"),
            ("Reece EVANS-PRICE", "6 August 2023", "2023-08-06", "Not yet at school"))


def tab_stops_form(columns: int = 3) -> bytes:
    """No table at all: bold "Label:" then a tab to a stop and the answer, long answers wrapping back to the
    left margin under the label; the children as tab-separated lines under a bold heading line of three
    pieces (or two: "Name<TAB>Date of birth")."""
    doc = Document()
    doc.add_heading("MARAC Referral Form", level=1)
    doc.add_paragraph().add_run("Survivor").bold = True
    for label, value in (("Name:", NAME), ("Address:", SURVIVOR_ADDRESS), ("Ethnicity:", "White British"),
                         ("If no consent, why is information being shared?", OVERRIDE)):
        _tab_line(doc, label, value, at_cm=8.5)
    doc.add_paragraph().add_run("Children").bold = True
    stops = (6.5, 10.0)[:columns - 1]
    header = doc.add_paragraph()
    for at in stops:
        header.paragraph_format.tab_stops.add_tab_stop(Cm(at), WD_TAB_ALIGNMENT.LEFT)
    header.add_run("\t".join(("Name", "Date of birth", "School")[:columns])).bold = True
    for name, printed_dob, _, school in CHILDREN:
        line = doc.add_paragraph("\t".join((name, printed_dob, school)[:columns]))
        for at in stops:
            line.paragraph_format.tab_stops.add_tab_stop(Cm(at), WD_TAB_ALIGNMENT.LEFT)
    doc.add_paragraph().add_run("Referral criteria (tick all that apply)").bold = True
    for ticked, text in ((True, "Visible high risk (14 or more ticks on the DASH risk checklist)"),
                         (False, "Potential escalation")):
        doc.add_paragraph(f"{'☒' if ticked else '☐'}  {text}")
    _tab_line(doc, "Who is the survivor afraid of?", "Mohammed VAUGHAN and his brother")
    return _saved(doc)


KIDS = (("Darren EVANS-PRICE", "29 August 2020", "2020-08-29"), ("Darren O'BRIEN", "23/08/2015", "2015-08-23"),
        ("Bradley O'BRIEN", "11/02/2022", "2022-02-11"))
RATIONALE = "Recent escalation: strangulation reported last week"


def cell_lines_form() -> bytes:
    """A bold label over one child a line in a half-width cell: the label's line leaves room for "Darren",
    the first name wraps its year, the third name only just fits after the second's line. Below, a bold
    "Reasons for Referral:" over reasons, one of them holding a colon."""
    doc = Document()
    doc.add_heading("Referral and Risk Assessment Form", level=1)
    table = _grid(doc, 2)
    full_width_row(table, "Children:")
    cells = table.add_row().cells
    cells[0].paragraphs[0].add_run("Names and Dates of Birth").bold = True
    for name, printed_dob, _ in KIDS:
        cells[0].add_paragraph(f"{name} {printed_dob}")
    cells[1].paragraphs[0].add_run("Address of children:").bold = True
    cells[1].add_paragraph("Same as client")
    cells = table.add_row().cells
    merged = cells[0].merge(cells[1])
    merged.paragraphs[0].add_run("Reasons for Referral:").bold = True
    merged.add_paragraph(f"Visible high risk – 16 ticks on the RIC; Professional judgement – {RATIONALE}")
    return _saved(doc)


CUT_KIDS = (("Owen O'BRIEN", "M", "26.3.20", "Yes", "No"), ("Bradley O'BRIEN", "M", "11.2.22", "No", "No"))


def name_cut_form(first_dob: str = "26.3.20") -> bytes:
    """A table of children under a header row, a narrow name column wrapping each name over two lines; a gap
    above puts the page break between the first child's "Owen" and "O'BRIEN". With `first_dob` empty the
    row above the break leaves a cell empty, so the line on the next page could be a child of its own."""
    doc = Document()
    doc.add_heading("Children", level=2)
    doc.add_paragraph().paragraph_format.space_before = Pt(546)
    table = _grid(doc, 5)
    for cell, text in zip(table.add_row().cells, ("Name & Surname", "Gender", "DOB", "Living with client?",
                                                   "Perpetrators child?")):
        write(cell, text, bold=True)
    for kid in ((CUT_KIDS[0][0], "M", first_dob, "Yes", "No"), CUT_KIDS[1]):
        for cell, text in zip(table.add_row().cells, kid):
            write(cell, text)
    return _saved(doc)


NARROW_HEADS = ("Name*", "DOB*", "Sex*", "Relationship to person who harms*", "Relationship to victim*", "Address*",
                "School")
NARROW_KIDS = (("Owen O'BRIEN", "26.3.20", "M", "Not related", "Brother", "Same as victim", "Not yet at school"),
               ("Darren O'BRIEN", "23.8.15", "M", "Stepson", "Son", "Same as victim", "Park Primary"))


def narrow_heads_form() -> bytes:
    """A table of children in seven narrow columns whose headings wrap in their cells: "Relationship" is
    wider than its column, so it is broken without a hyphen ("Relatio" / "nship"), and "person" / "who"
    fill their lines the same way as two words."""
    doc = Document()
    doc.add_heading("Children (please add extra rows if necessary)", level=2)
    table = _grid(doc, 7)
    for cell, text in zip(table.add_row().cells, NARROW_HEADS):
        write(cell, text, bold=True)
    for kid in NARROW_KIDS:
        for cell, text in zip(table.add_row().cells, kid):
            write(cell, text)
    return _saved(doc)


LISTED_KIDS = (("Owen O'BRIEN", "26th March 2020", "2020-03-26"), ("Darren O'BRIEN", "23rd August 2015", "2015-08-23"),
               ("Bradley O'BRIEN", "11th February 2022", "2022-02-11"))


def listed_kids_form() -> bytes:
    """One child a paragraph, "Name – date of birth", in a quarter-width cell: each child wraps over two or
    three lines, so the line after a date of birth is the next child, not the date's wrapped rest."""
    doc = Document()
    doc.add_heading("Dependants", level=2)
    table = _grid(doc, 4)
    cells = table.add_row().cells
    write(cells[0], "Name/DOB", bold=True)
    cells[1].paragraphs[0].add_run(f"{LISTED_KIDS[0][0]} – {LISTED_KIDS[0][1]}")
    for name, printed_dob, _ in LISTED_KIDS[1:]:
        cells[1].add_paragraph(f"{name} – {printed_dob}")
    write(cells[2], "Parental Responsibility", bold=True)
    write(cells[3], "Yes")
    return _saved(doc)


def town_broken_form() -> bytes:
    """The victim's address in a wide cell, then the alleged perpetrator in seven narrow columns: the town's name, too wide
    for its column, is broken without a hyphen ("Example" / "town,"), though both halves are words of their own."""
    doc = Document()
    doc.add_heading("Victim details", level=2)
    table = _grid(doc, 2)
    for label, value in (("Name", NAME), ("Address", "25 Hawthorn Drive, Exampletown, BS5 0XJ")):
        cells = table.add_row().cells
        write(cells[0], label, bold=True)
        write(cells[1], value)
    doc.add_heading("Alleged perpetrator", level=2)
    table = _grid(doc, 7)
    for cell, text in zip(table.add_row().cells, ("Name", "DOB", "Gender", "Address", "Ethnicity", "Relationship to victim",
                                                  "Phone")):
        write(cell, text, bold=True)
    for cell, text in zip(table.add_row().cells, ("Kieran FLETCHER", "03/08/1995", "Male",
                                                  "131 Foundry Road, Exampletown, E15 9QQ", "White British",
                                                  "Boyfriend", "07700 900222")):
        write(cell, text)
    return _saved(doc)


REASONS = [f"On day {n} he followed her to work and threatened her on the phone." for n in range(1, 13)]


def question_cell_cut_form() -> bytes:
    """A bold question and its typed answer in one full-width cell, low on the page: the page break cuts
    the answer, and its rest goes on at the top of the next page."""
    doc = Document()
    doc.add_heading("Referral details", level=1)
    for _ in range(18):
        doc.add_paragraph("Please give as much detail as you can about the household.")
    table = _grid(doc, 2)
    for cell, text in zip(table.add_row().cells, ("Client name", NAME)):
        write(cell, text, bold=text != NAME)
    cells = table.add_row().cells
    cell = cells[0].merge(cells[1])
    cell.paragraphs[0].add_run("Please give details why a referral is being made to the service?").bold = True
    cell.add_paragraph(" ".join(REASONS))
    for cell, text in zip(table.add_row().cells, ("Referrer name", "Fatima Cartwright")):
        write(cell, text, bold=text != "Fatima Cartwright")
    return _saved(doc)


FORMS = {"numbered": numbered_sections_form, "tab_stops": tab_stops_form, "tab_two": lambda: tab_stops_form(2),
         "cell_lines": cell_lines_form,
         "carried": carried_table_form, "symbols": symbol_boxes_form, "cut_cell": labelled_cell_cut_form, "touching": touching_tables_form,
         "label_above": label_above_form, "italic_hint": italic_hint_form, "underlined": underlined_choice_form,
         "date_below": date_below_label_form,
         "name_cut": name_cut_form, "name_cut_unsure": lambda: name_cut_form(""),
         "narrow_heads": narrow_heads_form, "listed_kids": listed_kids_form,
         "question_cut": question_cell_cut_form, "town_broken": town_broken_form}


@pytest.fixture(scope="module")
def printed() -> dict[str, tuple[bytes, bytes]]:
    """Each form as (Word file, PDF); LibreOffice prints them all in one run."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    docs = {key: build() for key, build in FORMS.items()}
    pdfs = export_with_libreoffice(docs)
    return {key: (docs[key], pdfs[key]) for key in docs}


@pytest.fixture(scope="module")
def parsed(printed: dict[str, tuple[bytes, bytes]]) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    return {key: (parse_bytes(docx, f"{key}.docx"), parse_bytes(pdf, f"{key}.pdf")) for key, (docx, pdf) in printed.items()}


def _flat(text: Any) -> str:
    return " ".join(str(text or "").split())


def test_insert_symbol_boxes_read_as_in_word(parsed: dict) -> None:
    word, pdf = parsed["symbols"]
    victim = pdf["referral"]["victim"]
    assert (victim["safe_to_call"], victim["safe_to_leave_message"], victim["disabled"]) == (True, False, True)
    assert {k: word["referral"]["victim"][k] for k in ("safe_to_call", "safe_to_leave_message", "disabled")} == \
        {k: victim[k] for k in ("safe_to_call", "safe_to_leave_message", "disabled")}
    assert "symbol font" not in " ".join(p["message"] for p in pdf["problems"])


def test_symbol_box_codes_by_font() -> None:
    """The ways a PDF carries one box, by the data table; a box whose font was missing is unknown."""
    assert read_symbol("\uf0fe", "ABCDEF+Wingdings-Regular") == TICKED
    assert read_symbol("\u00fe", "Wingdings-Regular") == TICKED  # the byte, no Unicode map
    assert read_symbol("(cid:168)", "Wingdings") == UNTICKED
    assert read_symbol("\uf054", "ABCDEF+Wingdings2") == TICKED
    assert read_symbol("\uf0a3", "Wingdings 2") == UNTICKED
    assert read_symbol("\uf0fe", "CAAAAA+OpenSymbol") == TICKED  # LibreOffice's stand-in
    assert read_symbol("\uf054", "CAAAAA+OpenSymbol") == TICKED
    assert read_symbol("\u2611", "CAAAAA+OpenSymbol") is None  # its own Unicode: read as it is
    assert read_symbol("(cid:52)", "ZapfDingbats") == TICK
    assert read_symbol("\uf0b7", "OpenSymbol") == ""  # a list bullet
    # Printed without its font: every glyph alike, and the file's text gives them all one code.
    assert read_symbol("\uf0fe", "EAAAAA+DejaVuSans") == UNREADABLE
    assert read_symbol("\uf0a8", "EAAAAA+DejaVuSans") == UNREADABLE
    assert read_symbol("x", "DejaVuSans") is None


def test_a_labelled_cell_cut_by_the_page_break_reads_whole(parsed: dict) -> None:
    word, pdf = parsed["cut_cell"]
    notes = pdf["referral"]["additional_information"] or ""
    assert NOTES[0] in notes and NOTES[-1] in notes, notes[-200:]
    assert _flat(notes) == _flat(word["referral"]["additional_information"])
    assert pdf["referral"]["victim"]["pregnant"] is False


def test_a_table_printed_touching_the_checklist_is_read_as_its_own(parsed: dict) -> None:
    word, pdf = parsed["touching"]
    assert pdf["dash"]["completed_by"] == "Stuart Cartwright"
    assert pdf["dash"]["date"] == "2026-10-30"
    assert (pdf["dash"]["completed_by"], pdf["dash"]["date"]) == (word["dash"]["completed_by"], word["dash"]["date"])
    assert [pdf["dash"]["answers"][str(n)] for n in range(1, 6)] == ANSWERS


def test_a_label_line_takes_the_paragraph_below(parsed: dict) -> None:
    word, pdf = parsed["label_above"]
    assert _flat(pdf["referral"]["risks_summary"]) == SUMMARY
    assert _flat(pdf["referral"]["risks_summary"]) == _flat(word["referral"]["risks_summary"])
    assert pdf["referral"]["victim"]["name"] == NAME
    assert pdf["referral"]["referrer"]["name"] == "Stuart Cartwright"


def test_a_hint_in_italics_after_the_label_is_passed_over_for_the_answer_below(parsed: dict) -> None:
    word, pdf = parsed["italic_hint"]
    assert _flat(pdf["referral"]["risks_summary"]) == _flat(word["referral"]["risks_summary"]) == SUMMARY


def test_a_date_under_its_label_is_its_answer_not_a_numbered_question(parsed: dict) -> None:
    word, pdf = parsed["date_below"]
    assert pdf["referral"]["victim"]["dob"] == word["referral"]["victim"]["dob"] == "1974-10-17"


def test_an_underlined_choice_is_read_as_picked_as_in_word(parsed: dict) -> None:
    word, pdf = parsed["underlined"]
    for got in (word, pdf):
        victim = got["referral"]["victim"]
        assert (victim["name"], victim["gender"], victim["safe_to_call"]) == (NAME, "Female", True)
        assert got["referral"]["consent"] is False
        assert got["referral"]["referrer"]["email"] == "stuart.referrer@example.gov.uk"


def test_a_table_going_on_over_the_page_keeps_whose_details_they_are(printed: dict, parsed: dict) -> None:
    _, data = printed["carried"]
    word, pdf = parsed["carried"]
    with pdfplumber.open(io.BytesIO(data)) as document:
        assert document.pages[1].extract_text().startswith("Address")  # the layout this test is about
    people = pdf["referral"]["perpetrators"]
    assert [(p["address"], p["ethnicity"], p["occupation"]) for p in people] == [(p[4], p[5], p[6]) for p in PEOPLE]
    assert people == word["referral"]["perpetrators"]
    # The part on the new page is the same box: its labels are read under the second person's name.
    second = [item for item in read_pdf(data).labelled if item.section == "Perpetrator 2"]
    assert {item.label for item in second if "Surname" in item.context} >= {"Address", "Ethnicity", "Occupation"}


def _whose(problems: list[dict[str, Any]]) -> list[str]:
    return [p["message"] for p in problems if "does not say whose" in p["message"]]


def test_numbered_section_lines_say_whose_details_follow(parsed: dict) -> None:
    word, pdf = parsed["numbered"]
    victim, perpetrators = pdf["referral"]["victim"], pdf["referral"]["perpetrators"]
    assert (victim["name"], victim["dob"]) == (NAME, "1974-10-17")
    assert [(p["name"], p["dob"], p["relationship_to_victim"]) for p in perpetrators] == \
        [("Mohammed VAUGHAN", "1988-06-02", "Husband")]
    assert pdf["referral"]["consent"] is True
    assert _whose(pdf["problems"]) == []
    assert (victim["name"], victim["dob"], perpetrators[0]["name"]) == \
        (word["referral"]["victim"]["name"], word["referral"]["victim"]["dob"], word["referral"]["perpetrators"][0]["name"])


def test_lines_on_tab_stops_keep_their_whole_answers(parsed: dict) -> None:
    word, pdf = parsed["tab_stops"]
    referral = pdf["referral"]
    assert referral["victim"]["name"] == NAME
    assert _flat(referral["victim"]["address"]) == SURVIVOR_ADDRESS  # wrapped back under its label
    assert _flat(referral["consent_override_reason"]) == OVERRIDE  # not cut short at "Risk of serious"
    assert [(c["name"], c["dob"]) for c in referral["children"]] == [(c[0], c[2]) for c in CHILDREN]
    assert referral["afraid_of"] == "Mohammed VAUGHAN and his brother"
    assert (referral["reasons"]["visible_high_risk"], referral["reasons"]["potential_escalation"]) == (True, False)
    for path in (("victim", "address"), ("consent_override_reason",), ("afraid_of",)):
        got, want = referral, word["referral"]
        for key in path:
            got, want = got[key], want[key]
        assert _flat(got) == _flat(want)
    assert not [p for p in pdf["problems"] if "cut off" in p["message"]]


def test_a_heading_line_of_two_tab_stops_reads_one_child_a_line(parsed: dict) -> None:
    word, pdf = parsed["tab_two"]
    children = [(c["name"], c["dob"]) for c in pdf["referral"]["children"]]
    assert children == [(c[0], c[2]) for c in CHILDREN]
    assert children == [(c["name"], c["dob"]) for c in word["referral"]["children"]]
    assert pdf["referral"]["victim"]["name"] == NAME  # the heading line is no one's name


def test_a_cell_of_one_child_a_line_reads_every_child(parsed: dict) -> None:
    word, pdf = parsed["cell_lines"]
    children = [(c["name"], c["dob"]) for c in pdf["referral"]["children"]]
    assert children == [(name, dob) for name, _, dob in KIDS]  # none joined to the label, none dropped
    assert children == [(c["name"], c["dob"]) for c in word["referral"]["children"]]
    reasons = pdf["referral"]["reasons"]
    assert (reasons["visible_high_risk"], reasons["professional_judgement"]) == (True, True)
    assert reasons["professional_judgement_rationale"] == RATIONALE  # not split at its colon
    assert not [p for p in pdf["problems"] if "one by one" in p["message"]]


def test_a_name_the_page_break_wraps_stays_one_child(parsed: dict, printed: dict) -> None:
    _, data = printed["name_cut"]
    with pdfplumber.open(io.BytesIO(data)) as pdf:  # the form does what it is for: the name is cut
        assert "Owen" in pdf.pages[0].extract_text() and pdf.pages[1].extract_text().startswith("O'BRIEN")
    word, pdf = parsed["name_cut"]
    children = [(c["name"], c["dob"]) for c in pdf["referral"]["children"]]
    assert children == [("Owen O'BRIEN", "2020-03-26"), ("Bradley O'BRIEN", "2022-02-11")]  # no child "O'BRIEN"
    assert children == [(c["name"], c["dob"]) for c in word["referral"]["children"]]
    assert not pdf["problems"]


def test_a_line_after_the_page_break_that_may_be_a_child_is_a_problem_not_a_child(parsed: dict) -> None:
    _, pdf = parsed["name_cut_unsure"]
    names = [c["name"] for c in pdf["referral"]["children"]]
    assert "O'BRIEN" not in names and "Bradley O'BRIEN" in names
    assert [p for p in pdf["problems"] if "top of a page" in p["message"]]


def test_headings_wrapped_in_narrow_columns_name_their_columns(parsed: dict, printed: dict) -> None:
    _, data = printed["narrow_heads"]
    with pdfplumber.open(io.BytesIO(data)) as pdf:  # the form does what it is for: "Relationship" is broken
        assert "Relatio" in [w["text"] for w in pdf.pages[0].extract_words()]
    word, pdf = parsed["narrow_heads"]
    got = [(c["name"], c["relationship_to_perpetrator"], c["relationship_to_victim"]) for c in pdf["referral"]["children"]]
    assert got == [(k[0], k[3], k[4]) for k in NARROW_KIDS]
    assert got == [(c["name"], c["relationship_to_perpetrator"], c["relationship_to_victim"])
                   for c in word["referral"]["children"]]


def test_children_a_paragraph_each_wrapped_in_a_narrow_cell_are_each_read(parsed: dict, printed: dict) -> None:
    _, data = printed["listed_kids"]
    with pdfplumber.open(io.BytesIO(data)) as pdf:  # the form does what it is for: a date of birth wraps
        assert "2015" in pdf.pages[0].extract_text().splitlines()
    word, pdf = parsed["listed_kids"]
    children = [(c["name"], c["dob"]) for c in pdf["referral"]["children"]]
    assert children == [(name, dob) for name, _, dob in LISTED_KIDS]
    assert children == [(c["name"], c["dob"]) for c in word["referral"]["children"]]
    assert not [p for p in pdf["problems"] if "more than one answer" in p["message"]]


def test_an_answer_under_its_question_cut_by_the_page_break_reads_whole(parsed: dict, printed: dict) -> None:
    _, data = printed["question_cut"]
    with pdfplumber.open(io.BytesIO(data)) as pdf:  # the form does what it is for: the answer goes on over the page
        assert "On day 1 " in pdf.pages[0].extract_text() and "day 12 " in pdf.pages[1].extract_text()
    word, pdf = parsed["question_cut"]
    summary = pdf["referral"]["risks_summary"] or ""
    assert summary.startswith(REASONS[0]) and summary.endswith(REASONS[-1]), summary[-200:]
    assert _flat(summary) == _flat(word["referral"]["risks_summary"])
    assert pdf["referral"]["referrer"]["name"] == "Fatima Cartwright"


def test_a_town_broken_in_a_narrow_column_is_the_word_the_form_spells_whole(printed: dict, parsed: dict) -> None:
    with pdfplumber.open(io.BytesIO(printed["town_broken"][1])) as pdf:
        words = [w["text"] for page in pdf.pages for w in page.extract_words()]
    assert "Example" in words and "town," in words  # as printed: the word broken in its narrow column
    word, pdf = parsed["town_broken"]
    assert pdf["referral"]["perpetrators"][0]["address"] == word["referral"]["perpetrators"][0]["address"] == (
        "131 Foundry Road, Exampletown, E15 9QQ")
