"""Word forms in other areas' layouts and wordings: what the page says, and how much of it comes out.

Unit tests pin the reader's raw output (labels as printed, sections, tables, DASH lines); accuracy
tests parse every layout x wording of tests/corpus/docx_layouts.py end to end and compare every
canonical path the form carries. `pytest -s` prints the per-layout accuracy table.
All values are invented.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn

from parsers import parse_bytes
from parsers.docx.reader import read_docx
from tests.corpus.accuracy import expected, flat, misses
from tests.corpus.docx_layouts import LAYOUTS, build, corpus_values
from tests.corpus.docx_parts import Fields, write
from tests.corpus.wordings import WORDINGS

WORDING_NAMES = tuple(WORDINGS)
MIN_ACCURACY = 0.95


# --- accuracy --------------------------------------------------------------------------------

_flat = flat


def accuracy(parsed: dict[str, Any], values: dict[str, str | bool]) -> float:
    return 1 - len(misses(parsed, values)) / len(values)


CASES = [(layout, wording) for layout in LAYOUTS for wording in WORDING_NAMES]
_results: dict[tuple[str, str], tuple[int, int]] = {}


@pytest.fixture(scope="module")
def values() -> dict[str, str | bool]:
    return corpus_values()


@pytest.mark.parametrize(("layout", "wording"), CASES)
def test_layout_accuracy(layout: str, wording: str, values: dict[str, str | bool]) -> None:
    parsed = parse_bytes(build(layout, wording, values), f"{layout}-{wording}.docx")
    assert parsed["source"]["kind"] == "docx"
    assert parsed["forms"] == ["referral", "dash"]
    missed = misses(parsed, values)
    _results[(layout, wording)] = (len(values) - len(missed), len(values))
    assert 1 - len(missed) / len(values) >= MIN_ACCURACY, missed


@pytest.mark.parametrize("seed", range(2, 6))
def test_accuracy_holds_for_other_referrals(seed: int) -> None:
    """Other invented referrals: no children or several, high and low DASH scores."""
    values = corpus_values(seed, children=seed % 4, yes_answers=(seed * 7) % 25)
    for layout in LAYOUTS:
        wording = WORDING_NAMES[seed % len(WORDING_NAMES)]
        parsed = parse_bytes(build(layout, wording, values), "referral.docx")
        assert accuracy(parsed, values) >= MIN_ACCURACY, (layout, wording, misses(parsed, values))


def test_print_accuracy_table() -> None:
    """The per-layout table (run with -s); runs after the accuracy tests in file order."""
    if not _results:
        pytest.skip("no accuracy results collected")
    print("\nlayout  " + "  ".join(f"{w:>10}" for w in WORDING_NAMES) + "   overall")
    for layout in LAYOUTS:
        cells = [_results.get((layout, w)) for w in WORDING_NAMES]
        right = sum(c[0] for c in cells if c)
        total = sum(c[1] for c in cells if c)
        shown = "  ".join(f"{c[0] / c[1]:>10.1%}" if c else f"{'-':>10}" for c in cells)
        print(f"{layout:<6}  {shown}   {right / total if total else 0:.1%} ({right}/{total})")


# --- what the reader reports, before label matching --------------------------------------------

def _raw(layout: str, wording: str, values: dict[str, str | bool]):  # type: ignore[no-untyped-def]
    return read_docx(build(layout, wording, values))


def _by_label(raw, section: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {x.label: x.value for x in raw.labelled if x.section == section}


def test_w1_reports_labels_as_printed_under_their_headings(values: dict[str, str | bool]) -> None:
    raw = _raw("W1", "safelives", values)
    victim, perpetrator = _by_label(raw, "Victim details"), _by_label(raw, "Perpetrator details")
    assert victim["Name of victim"] == "Zoë O'BRIEN-SMITH"
    assert victim["Address"] == "Flat 2, Example House\n14 Imaginary Road\nExampleton"
    assert victim["Aliases"] == "Zo; Zoë Fictional" and perpetrator["Aliases"] is None
    assert perpetrator["Name of perpetrator"] == "Seán D'Arcy-Quillfeather"
    assert _by_label(raw, "Referrer details")["Agency"] == "Exampleshire Housing & Support"
    # The Yes / No grid of reasons, marked with a typed X, gives the marked column's heading.
    assert _by_label(raw, "Reason for referral")["Visible high risk"] == "Yes"
    assert _by_label(raw, "Reason for referral")["Repeat MARAC"] == "No"
    [children] = raw.tables
    assert children.section == "Children and other household members"
    assert children.headers == ["Name", "Date of birth", "Relationship to victim", "Relationship to perpetrator",
                                "Address", "School"]
    assert [row[0] for row in children.rows] == [values["referral.children.0.name"], values["referral.children.1.name"]]
    assert raw.fields == {} and raw.problems == []


def _dash_answers(raw) -> dict[int, Any]:  # type: ignore[no-untyped-def]
    return {line.number: line.answer for line in raw.dash_lines}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_dash_lines_carry_question_answer_and_comment(layout: str, values: dict[str, str | bool]) -> None:
    raw = _raw(layout, "client", values)
    assert len(raw.dash_lines) == 24
    wanted = {n: values[f"dash.answers.{n}"] for n in range(1, 25)}
    if layout == "W4":  # printed without numbers: recognised later by the question text
        assert {line.number for line in raw.dash_lines} == {None}
        assert [line.answer for line in raw.dash_lines] == list(wanted.values())
    else:
        assert _dash_answers(raw) == wanted
    comments = {line.question[:12]: line.comment for line in raw.dash_lines if line.comment}
    assert comments == {"What are you": "Neighbour's account (police log)", "Has (name of": "Knife – per police report"}
    assert raw.dash_lines[0].question == "Has the current incident resulted in injury?"


def test_w2_label_above_block_and_glyph_ticks(values: dict[str, str | bool]) -> None:
    raw = _raw("W2", "client", values)
    victim = [x for x in raw.labelled if x.section == "Client information"]
    assert [(x.label, x.value) for x in victim[:4]] == [
        ("Client's full name", "Zoë O'BRIEN-SMITH"), ("Also known as", "Zo; Zoë Fictional"),
        ("D.O.B.", values["referral.victim.dob"]), ("Sex", "Female")]
    labels = {x.label: x.value for x in victim}
    assert labels["Safe to call (Y/N)"] == ("Yes" if values["referral.victim.safe_to_call"] else "No")
    assert labels["Is the client pregnant?"] == "No"
    assert labels["Current address"] == "Flat 2, Example House\n14 Imaginary Road\nExampleton"
    assert [t.section for t in raw.tables] == ["Children / household"]  # the block is not a table of people


def test_w3_lines_fields_and_ticks(values: dict[str, str | bool]) -> None:
    raw = _raw("W3", "survivor", values)
    victim = _by_label(raw, "VICTIM/SURVIVOR")
    assert victim["DOB"] == values["referral.victim.dob"] and victim["Gender identity"] == "Female"
    assert victim["Other names used"] == "Zo; Zoë Fictional" and victim["First language / interpreter"] is None
    assert victim["BAME"] == "No" and victim["Safe to call?"] in {"Yes", "No"}
    consent = _by_label(raw, "VICTIM CONSENT & SAFE CONTACT")
    assert consent["Police reference / crime number"] == values["referral.crime_reference"]  # dotted leader
    risks = _by_label(raw, "RISKS")  # a bold label with its answer in the paragraph below
    assert risks["Summary of the risks"] == values["referral.risks_summary"]
    assert risks["Other relevant information"] == values["referral.additional_information"]
    assert not any(re.fullmatch(r"(Text|Check)\d+", x.label) for x in raw.labelled)


def test_w4_unnamed_controls_take_the_label_beside_them(values: dict[str, str | bool]) -> None:
    raw = _raw("W4", "safelives", values)
    assert not any(re.fullmatch(r"(Text|Check)\d+", x.label) for x in raw.labelled)
    victim = _by_label(raw, "Victim details")
    assert victim["Date of birth"] == expected("referral.victim.dob", values["referral.victim.dob"])  # date picker
    assert victim["Interpreter required (language)"] is None  # placeholder showing
    assert victim["Pregnant"] == "No" and victim["BME"] == "No"
    assert raw.tables[0].rows[0][1] == expected("referral.children.0.dob", values["referral.children.0.dob"])


# --- small hand-made forms ---------------------------------------------------------------------

def _save(doc) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    doc.add_paragraph()
    doc.save(buffer)
    return buffer.getvalue()


def _row(table, texts: tuple[str, ...], bold: bool = False) -> None:  # type: ignore[no-untyped-def]
    for cell, text in zip(table.add_row().cells, texts):
        write(cell, text, bold=bold)


# Each question marked in a different style: (column marked or None, how it is marked).
MARK_STYLES = [("yes", "X"), ("no", "x"), ("unknown", "✓"), ("yes", "✔"), ("no", "☒"), ("yes", "Yes"),
               ("unknown", "[X]"), ("yes", "formcheckbox"), ("no", "w14"), (None, ""), ("yes", "☑"),
               ("no", "No")]


def _mark(fields: Fields, cell, style: str, on: bool) -> None:  # type: ignore[no-untyped-def]
    if style == "formcheckbox":
        fields.form_checkbox(cell.paragraphs[0], on)
    elif style == "w14":
        fields.control_checkbox(cell.paragraphs[0], on)
    elif style == "☒":
        write(cell, "☒" if on else "☐")
    elif on:
        write(cell, style)


def test_dash_table_marks_in_each_style() -> None:
    doc, fields = Document(), Fields()
    doc.add_heading("DASH", level=1)
    table = doc.add_table(rows=0, cols=5)
    _row(table, ("Question", "YES", "NO", "DON’T\nKNOW", "Source of information"), bold=True)
    for n, (choice, style) in enumerate(MARK_STYLES, start=1):
        cells = table.add_row().cells
        write(cells[0], f"Q{n}. Invented question number {n}?")
        for cell, column in zip(cells[1:4], ("yes", "no", "unknown")):
            _mark(fields, cell, style, column == choice)
        write(cells[4], "Police log" if n == 3 else "")
    _row(table, ("Invented question with two marks?", "X", "X", "", ""))
    _row(table, ("Total", "7", "", "", ""))
    raw = read_docx(_save(doc))
    got = [(line.number, line.answer) for line in raw.dash_lines]
    assert got == [*((n, choice) for n, (choice, _) in enumerate(MARK_STYLES, start=1)), (None, "yes / no")]
    assert raw.dash_lines[2].comment == "Police log" and raw.dash_lines[0].comment is None
    assert raw.dash_lines[0].question == "Invented question number 1?"
    assert [(x.label, x.value) for x in raw.labelled] == [("Total", "7")]


def test_label_above_value_blocks_and_person_tables() -> None:
    doc = Document()
    table = doc.add_table(rows=0, cols=3)
    _row(table, ("Perpetrator",), bold=True)
    table.rows[0].cells[0].merge(table.rows[0].cells[2])
    _row(table, ("Full name", "D.O.B.", "Relationship"), bold=True)
    _row(table, ("Kieran Fictional", "01/02/1980", "Ex-partner"))
    _row(table, ("Address", "Aliases", "Gender"), bold=True)
    _row(table, ("12 Quarry Close\nExampleton", "", "Male"))
    doc.add_paragraph()
    people = doc.add_table(rows=0, cols=3)
    _row(people, ("Name", "DOB", "School"), bold=True)
    _row(people, ("Aoife Fictional", "02/03/2015", "Exampleton Primary"))
    _row(people, ("Rory Fictional", "04/05/2018", "Little Acorns Nursery"))
    _row(people, ("", "", ""))
    raw = read_docx(_save(doc))
    assert [(x.label, x.value, x.section) for x in raw.labelled] == [
        ("Full name", "Kieran Fictional", "Perpetrator"), ("D.O.B.", "01/02/1980", "Perpetrator"),
        ("Relationship", "Ex-partner", "Perpetrator"), ("Address", "12 Quarry Close\nExampleton", "Perpetrator"),
        ("Aliases", None, "Perpetrator"), ("Gender", "Male", "Perpetrator")]
    assert [(t.headers, t.rows, t.section) for t in raw.tables] == [(
        ["Name", "DOB", "School"],
        [["Aoife Fictional", "02/03/2015", "Exampleton Primary"], ["Rory Fictional", "04/05/2018", "Little Acorns Nursery"]],
        "Perpetrator")]


def test_pairs_tables_headings_and_lines() -> None:
    doc, fields = Document(), Fields()
    doc.add_paragraph().add_run("Victim details").bold = True
    doc.add_paragraph("Name of victim: Zoë Fictional\tD.O.B.: 03/04/1988")
    doc.add_paragraph("Telephone number\t07700 900123")
    line = doc.add_paragraph("BME ")
    fields.form_checkbox(line, False)
    line.add_run("  Disabled ")
    fields.form_checkbox(line, True)
    doc.add_paragraph("Is this number safe to call? Yes ☐ No ☒")
    table = doc.add_table(rows=0, cols=2)
    _row(table, ("Question", "Answer"), bold=True)
    _row(table, ("Address", "1 Fictional Way"))
    _row(table, ("", "Exampleton"))
    _row(table, ("Pregnant", ""))
    fields.control_checkbox(table.rows[-1].cells[1].paragraphs[0], True)
    _row(table, ("Interpreter needed?", "☐ Yes ☒ No"))
    raw = read_docx(_save(doc))
    assert [(x.label, x.value) for x in raw.labelled] == [
        ("Name of victim", "Zoë Fictional"), ("D.O.B.", "03/04/1988"), ("Telephone number", "07700 900123"),
        ("BME", False), ("Disabled", True), ("Is this number safe to call?", "No"),
        ("Address", "1 Fictional Way\nExampleton"), ("Pregnant", True), ("Interpreter needed?", "No")]
    assert {x.section for x in raw.labelled} == {"Victim details"}


# --- Word 97-2003 .doc -------------------------------------------------------------------------

def _to_doc(docx: bytes, folder: Path) -> bytes:
    """The .doc LibreOffice saves from a .docx, as a referrer's 'Save as Word 97-2003' would give."""
    source = folder / "form.docx"
    source.write_bytes(docx)
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={(folder / 'lo').as_uri()}",
                    "--convert-to", "doc", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=180)
    return (folder / "form.doc").read_bytes()


needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


@needs_soffice
@pytest.mark.parametrize("layout", ["W1", "W3"])
def test_doc_is_converted_and_read_as_well_as_the_docx(layout: str, values: dict[str, str | bool],
                                                       tmp_path: Path) -> None:
    docx = build(layout, "survivor", values)
    doc = _to_doc(docx, tmp_path)
    assert doc[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    parsed = parse_bytes(doc, "referral.doc")
    assert parsed["source"]["kind"] == "doc"
    assert parsed["forms"] == ["referral", "dash"]
    assert misses(parsed, values) == misses(parse_bytes(docx, "referral.docx"), values)
    assert accuracy(parsed, values) >= MIN_ACCURACY


def test_dash_table_with_merged_heading_and_ticks_in_headings() -> None:
    """The SafeLives RIC's own shape: "Yes (tick)" headings, one heading over number and question."""
    doc, fields = Document(), Fields()
    table = doc.add_table(rows=0, cols=6)
    _row(table, ("Tick the box if the factor is present", "", "Yes (tick)", "No", "Don't Know",
                 "State source of info if not the victim (e.g. police officer)"), bold=True)
    table.rows[0].cells[0].merge(table.rows[0].cells[1])
    answers = ["yes", "no", "unknown", None] * 3
    for n, answer in enumerate(answers, start=1):
        cells = table.add_row().cells
        write(cells[0], f"{n}.")
        write(cells[1], f"Invented risk factor {n}? (Please state what.)")
        for cell, column in zip(cells[2:5], ("yes", "no", "unknown")):
            fields.form_checkbox(cell.paragraphs[0], column == answer)
        write(cells[5], "Police" if answer == "yes" else "")
    raw = read_docx(_save(doc))
    assert [(line.number, line.answer) for line in raw.dash_lines] == list(enumerate(answers, start=1))
    assert raw.dash_lines[0].question == "Invented risk factor 1? (Please state what.)"
    assert raw.dash_lines[0].comment == "Police" and raw.labelled == []


@pytest.mark.parametrize("typed", [False, True])
def test_a_sign_off_row_in_the_checklists_own_table_is_read_as_labels(typed: bool) -> None:
    """Two tables with nothing between them are one table in Word (and in a file LibreOffice saved): the
    "Completed by | … | Date | …" row then sits in the checklist's table, its boxes not under the answer
    columns. It is the checklist's author and date, never a question answered "yes"."""
    doc = Document()
    table = doc.add_table(rows=0, cols=8)
    head = ("Question", "Y / N / DK", "Comments") if typed else ("Question", "Yes", "No", "Don't know")
    spans = (4, 2, 2) if typed else (2, 2, 2, 2)
    def row(texts: tuple[str, ...], widths: tuple[int, ...], bold: bool = False) -> None:
        cells, at = table.add_row().cells, 0
        for text, width in zip(texts, widths):
            cell = cells[at].merge(cells[at + width - 1]) if width > 1 else cells[at]
            write(cell, text, bold=bold)
            at += width
    row(head, spans, bold=True)
    for n in range(1, 11):
        row((f"{n}. Invented question {n}?", "Yes" if typed else "X", "") if typed else
            (f"{n}. Invented question {n}?", "X", "", ""), spans)
    row(("Completed by", "Stuart Cartwright", "Date", "30/10/2026"), (1, 3, 2, 2))
    raw = read_docx(_save(doc))
    assert len(raw.dash_lines) == 10 and all((line.answer or "").lower() == "yes" for line in raw.dash_lines)
    assert ("Completed by", "Stuart Cartwright") in [(item.label, item.value) for item in raw.labelled]


def test_a_legacy_tick_box_without_its_state_is_unticked_unless_a_conversion_dropped_it() -> None:
    """LibreOffice writes a ticked legacy box as "checked" and an unticked one with no state at all (Word writes
    a default): read as unticked. When the file came through a conversion that dropped every box's state (a
    Rich Text form LibreOffice saved: parsers.text.converted), none is read, ticked or not."""
    doc, fields = Document(), Fields()
    table = doc.add_table(rows=0, cols=2)
    for label, checked in (("Visible high risk", True), ("Repeat referral", False)):
        cells = table.add_row().cells
        write(cells[0], label, bold=True)
        fields.form_checkbox(cells[1].paragraphs[0], checked)
    for box in doc.element.body.iter(qn("w:checkBox")):
        for default in box.findall(qn("w:default")):
            box.remove(default)  # as LibreOffice writes them
    data = _save(doc)
    assert {item.label: item.value for item in read_docx(data).labelled} == {
        "Visible high risk": True, "Repeat referral": False}
    assert {item.label: item.value for item in read_docx(data, stateless_boxes=True).labelled} == {
        "Visible high risk": None, "Repeat referral": None}


def test_typed_answer_column_and_question_answer_tables() -> None:
    doc = Document()
    dash = doc.add_table(rows=0, cols=4)
    _row(dash, ("No.", "Question", "Y / N / DK", "Comments"), bold=True)
    typed = ["Y", "N", "DK", "", "Yes", "Don't know"]
    for n, answer in enumerate(typed, start=1):
        _row(dash, (str(n), f"Invented question {n}?", answer, ""))
    doc.add_paragraph()
    answers = doc.add_table(rows=0, cols=3)
    _row(answers, ("Question", "Answer", "Notes"), bold=True)
    for n in range(12):  # a long table of typed answers that are not yes / no: not a DASH checklist
        _row(answers, (f"Invented detail {n}", f"Invented answer {n}", ""))
    raw = read_docx(_save(doc))
    assert [line.answer for line in raw.dash_lines] == ["Y", "N", "DK", None, "Yes", "Don't know"]
    assert [line.number for line in raw.dash_lines] == list(range(1, 7))
    assert ("Invented detail 3", "Invented answer 3") in [(x.label, x.value) for x in raw.labelled]


def test_a_bold_label_line_over_one_child_a_tabbed_line() -> None:
    """ "Children (name and date of birth):" in bold on a line of its own, then a child a line, each indented by a
    tab (a checklist's free lines): every child is read, not only the first."""
    doc = Document()
    doc.add_paragraph("Client's name:\tJo TESTWOMAN")
    doc.add_paragraph().add_run("Children (name and date of birth):\t").bold = True
    for child in ("Mia TESTCHILD – 03/04/2019", "Leo TESTCHILD – 06/08/2021", "Ava TESTCHILD – 01/02/2023"):
        doc.add_paragraph(f"\t{child}")
    doc.add_paragraph("Agency:\tExampletown Council")
    out = io.BytesIO()
    doc.save(out)
    children = parse_bytes(out.getvalue(), "children.docx")["referral"]["children"]
    assert [(c["name"], c["dob"]) for c in children] == [("Mia TESTCHILD", "2019-04-03"), ("Leo TESTCHILD", "2021-08-06"),
                                                          ("Ava TESTCHILD", "2023-02-01")]
