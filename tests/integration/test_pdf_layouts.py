"""Other areas' PDF forms: what the page says (RawForm), and how much of it comes out end to end.

Unit tests pin the PDF reader's raw output (labels as printed, their sections, person tables, DASH
lines) and do not depend on label matching. Accuracy tests parse every layout x wording of
tests/corpus/pdf_layouts.py with parsers.parse_bytes and compare every canonical path the form
prints a place for; `pytest -s` prints the per-layout accuracy table. All values are invented.
"""
from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any, Callable

import jsonschema
import pytest
from pypdf import PdfWriter
from pypdf.generic import NameObject, TextStringObject
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from tests.corpus.accuracy import misses
from tests.corpus.accuracy import flat as _flat
from parsers import parse_bytes
from parsers.fields import Kind, kind_of
from parsers.model import RawForm
from parsers.pdf.layout import answer_of, colon_pair, number_of, read_ticks
from parsers.pdf.reader import read_pdf
from tests.corpus import pdf_layouts as corpus
from tests.corpus.wordings import SECTIONS, WORDINGS

WORDING_NAMES = tuple(WORDINGS)
MIN_ACCURACY = 0.95
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "referral.schema.json"
CASES = [(layout, wording) for layout in corpus.LAYOUTS for wording in WORDING_NAMES]


@pytest.fixture(scope="session")
def built() -> dict[tuple[str, str], tuple[bytes, dict[str, Any]]]:
    """Every layout x wording, built once; LibreOffice converts the Word exports in one run."""
    values = {w: corpus.corpus_values(w) for w in WORDING_NAMES}
    out: dict[tuple[str, str], tuple[bytes, dict[str, Any]]] = {}
    if corpus.soffice() is not None:
        corpus.prebuild_word_exports(list(values.items()))
    for layout, wording in CASES:
        if layout == "word-export" and corpus.soffice() is None:
            continue
        out[layout, wording] = corpus.build(layout, wording, values[wording]), values[wording]
    return out


def _case(built: dict, layout: str, wording: str) -> tuple[bytes, dict[str, Any]]:
    if (layout, wording) not in built:
        pytest.skip("LibreOffice (soffice) is not installed")
    return built[layout, wording]


# --- unit tests on what the reader reports -----------------------------------------------------



def _same(got: Any, value: Any, path: str) -> bool:
    """A raw value as printed matches the invented one: ticks and Y/N as bools, dates as dates."""
    kind = kind_of(path)
    if value in ("", None):
        return got in ("", None)
    if kind is Kind.BOOL:
        return got is not None and answer_of(str(got)) == ("yes" if value else "no")
    if kind is Kind.DATE:
        from parsers.normalise import parse_date
        return parse_date(str(got)) == dt.datetime.strptime(value, "%d/%m/%Y").date()
    return _flat(got) == _flat(value)


@pytest.mark.parametrize("layout,wording", CASES)
def test_every_printed_row_is_labelled_with_its_section(built: dict, layout: str, wording: str) -> None:
    data, values = _case(built, layout, wording)
    raw = read_pdf(data)
    assert raw.kind == ("pdf-acroform" if layout == "acroform" else "pdf-text")
    assert raw.problems == []
    form = corpus.form_of(wording, values)
    found = {(item.section, item.label): item.value for item in raw.labelled}
    wrong = {}
    for title, items in [*form.sections, (form.dash_title, form.dash_footer)]:
        for item in items:
            key = (title, item.label)
            blank = item.value in (None, "")  # a printed form shows nothing beside an empty label
            if (key not in found and not blank) or not _same(found.get(key), item.value, item.path):
                wrong[key] = (found.get(key, "<missing>"), item.value)
    assert wrong == {}
    assert len(found) == len(raw.labelled)  # no label reported twice, nothing else reported


@pytest.mark.parametrize("layout,wording", CASES)
def test_multi_line_values_keep_their_line_breaks(built: dict, layout: str, wording: str) -> None:
    raw = read_pdf(_case(built, layout, wording)[0])
    label = WORDINGS[wording]["referral.victim.address"]
    section = SECTIONS[wording]["victim"]
    address = next(i.value for i in raw.labelled if i.label == label and i.section == section)
    assert address == corpus.AWKWARD["referral.victim.address"]


@pytest.mark.parametrize("layout,wording", CASES)
def test_children_table_has_printed_headers_and_rows(built: dict, layout: str, wording: str) -> None:
    data, values = _case(built, layout, wording)
    raw = read_pdf(data)
    form = corpus.form_of(wording, values)
    assert len(raw.tables) == 1
    table = raw.tables[0]
    assert table.section == form.children_title
    assert table.headers == [h for _, h in form.child_columns]
    filled = [row for row in table.rows if any(v not in (None, "") for v in row)]
    assert len(filled) == len(form.children)
    for row, child in zip(filled, form.children):
        assert all(_same(got, child[key], f"referral.children.0.{key}")
                   for got, (key, _) in zip(row, form.child_columns)), row


@pytest.mark.parametrize("layout,wording", CASES)
def test_dash_lines_carry_question_number_answer_and_comment(built: dict, layout: str, wording: str) -> None:
    data, values = _case(built, layout, wording)
    raw = read_pdf(data)
    form = corpus.form_of(wording, values)
    got = [(d.number, _flat(d.question), d.answer, d.comment) for d in raw.dash_lines]
    assert got == [(n, _flat(q), a, c) for n, q, a, c in form.questions]


def test_vocabulary() -> None:
    assert [answer_of(t) for t in ("Yes", "Y", "no", "N", "Don't know", "DK", "Not known", "Don’t know", "Maybe")] \
        == ["yes", "yes", "no", "no", "unknown", "unknown", "unknown", "unknown", None]
    assert [number_of(t) for t in ("7", "7.", "Q7", "7)", "Q.12", "seven", "123")] == [7, 7, 7, 7, 12, None, None]
    assert colon_pair("Date of birth: 03/04/1988") == ("Date of birth", "03/04/1988")
    assert colon_pair("Call at 10:30 please") is None
    assert colon_pair("Web: https://example.org") == ("Web", "https://example.org")
    assert read_ticks("☐ Yes   ☒ No") == "No"
    assert read_ticks("☐ Yes ☐ No") is None


# --- small hand-drawn PDFs for the odd cases ---------------------------------------------------

def _pdf(draw: Callable[[Canvas], None]) -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def test_colon_lines_several_on_a_line_and_continued() -> None:
    def draw(c: Canvas) -> None:
        c.setFont("Helvetica-Bold", 12)
        c.drawString(50, 800, "Victim")
        c.setFont("Helvetica", 10)
        c.drawString(50, 780, "Name: Jo Example-Test")
        c.drawString(300, 780, "DOB: 01/02/1990")
        c.drawString(50, 765, "Address: 1 Invented Row,")
        c.drawString(50, 753, "Exampleton")
        c.drawString(50, 735, "Meeting at 10:30 with the IDVA")

    raw = read_pdf(_pdf(draw))
    assert [(i.section, i.label, i.value) for i in raw.labelled] == [
        ("Victim", "Name", "Jo Example-Test"), ("Victim", "DOB", "01/02/1990"),
        ("Victim", "Address", "1 Invented Row,\nExampleton")]


def _dash_table(c: Canvas, rows: list[tuple[str, str, list[str]]]) -> None:
    c.setFont("Helvetica-Bold", 9)
    for x, text in ((50, "No."), (75, "Question"), (330, "Yes"), (365, "No"), (400, "DK"), (440, "Comments")):
        c.drawString(x, 780, text)
    c.setFont("Helvetica", 9)
    y = 760
    for number, question, marks in rows:
        c.drawString(50, y, number)
        c.drawString(75, y, question)
        for x, mark in zip((333, 367, 403), marks):
            c.drawString(x, y, mark)
        y -= 18


def test_two_marks_in_one_dash_row_is_a_problem_not_a_guess() -> None:
    raw = read_pdf(_pdf(lambda c: _dash_table(c, [
        ("1", "Has the current incident resulted in injury?", ["X", "", ""]),
        ("2", "Are you very frightened?", ["X", "X", ""]),
        ("3", "Is there conflict over child contact?", ["", "", ""])])))
    assert [(d.number, d.answer) for d in raw.dash_lines] == [(1, "yes"), (2, None), (3, None)]
    assert [p.severity for p in raw.problems] == ["warning"]
    assert "question 2" in raw.problems[0].message


def _acro(draw: Callable[[Canvas], None], values: dict[str, Any]) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(_pdf(draw)))
    for field in writer.root_object["/AcroForm"]["/Fields"]:
        node = field.get_object()
        name = str(node["/T"])
        if name in values and values[name] is True:
            node[NameObject("/V")] = NameObject("/Yes")
            node[NameObject("/AS")] = NameObject("/Yes")
        elif name in values:
            node[NameObject("/V")] = TextStringObject(values[name])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_lone_tick_boxes_take_the_word_beside_them_and_tooltips_stand_in() -> None:
    def draw(c: Canvas) -> None:
        c.setFont("Helvetica-Bold", 12)
        c.drawString(50, 800, "Diversity")
        c.setFont("Helvetica", 10)
        c.acroForm.checkbox(name="Check Box1", x=50, y=770, size=10, checked=False)
        c.drawString(64, 771, "Disabled")
        c.acroForm.checkbox(name="Check Box2", x=150, y=770, size=10, checked=False)
        c.drawString(164, 771, "LGBT")
        c.acroForm.textfield(name="Text9", tooltip="Victim's GP", x=50, y=600, width=200, height=16)

    raw = read_pdf(_acro(draw, {"Check Box1": True, "Text9": "Invented Surgery"}))
    assert [(i.section, i.label, i.value) for i in raw.labelled] == [
        ("Diversity", "Disabled", True), ("Diversity", "LGBT", False), ("Diversity", "Victim's GP", "Invented Surgery")]


def test_label_above_a_field_and_two_fields_on_a_line() -> None:
    def draw(c: Canvas) -> None:
        c.setFont("Helvetica", 9)
        c.drawString(50, 790, "Full name of the person causing harm")
        c.acroForm.textfield(name="Text1", x=50, y=765, width=400, height=16)
        c.drawString(50, 730, "Phone")
        c.acroForm.textfield(name="Text2", x=90, y=726, width=120, height=16)
        c.drawString(230, 730, "Email")
        c.acroForm.textfield(name="Text3", x=270, y=726, width=180, height=16)

    raw = read_pdf(_acro(draw, {"Text1": "Rory Marrow-Lyle", "Text2": "07700 900111", "Text3": "a@example.org"}))
    assert [(i.label, i.value) for i in raw.labelled] == [
        ("Full name of the person causing harm", "Rory Marrow-Lyle"), ("Phone", "07700 900111"),
        ("Email", "a@example.org")]


def test_a_page_with_absurd_amounts_of_text_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    import parsers.pdf.layout as layout
    monkeypatch.setattr(layout, "MAX_WORDS_PER_PAGE", 3)
    raw = read_pdf(_pdf(lambda c: c.drawString(50, 800, "Name: Jo Example-Test lives at 1 Invented Row")))
    assert raw.labelled == [] and [p.severity for p in raw.problems] == ["warning"]


# --- accuracy end to end ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def accuracy(built: dict) -> dict[tuple[str, str], tuple[int, dict[str, tuple[Any, Any]], dict[str, Any]]]:
    out = {}
    for (layout, wording), (data, values) in built.items():
        parsed = parse_bytes(data, f"{layout}-{wording}.pdf")
        paths = corpus.carried_paths(corpus.form_of(wording, values))
        out[layout, wording] = (len(paths), misses(parsed, values, paths), parsed)
    rows = ["", f"{'layout':<12} " + " ".join(f"{w:>10}" for w in WORDING_NAMES) + f" {'all':>8}"]
    for layout in corpus.LAYOUTS:
        cells = [out.get((layout, w)) for w in WORDING_NAMES]
        total = sum(c[0] for c in cells if c)
        wrong = sum(len(c[1]) for c in cells if c)
        rows.append(f"{layout:<12} " + " ".join(f"{1 - len(c[1]) / c[0]:>10.1%}" if c else f"{'-':>10}"
                                                for c in cells) + (f" {1 - wrong / total:>8.1%}" if total else ""))
    print("\n".join(rows))
    return out


@pytest.mark.parametrize("layout", corpus.LAYOUTS)
def test_accuracy_per_layout(accuracy: dict, layout: str) -> None:
    cells = {w: accuracy[layout, w] for w in WORDING_NAMES if (layout, w) in accuracy}
    if not cells:
        pytest.skip("LibreOffice (soffice) is not installed")
    total = sum(c[0] for c in cells.values())
    wrong = {(w, p): m for w, c in cells.items() for p, m in c[1].items()}
    assert 1 - len(wrong) / total >= MIN_ACCURACY, wrong


@pytest.mark.parametrize("layout,wording", CASES)
def test_parsed_output_is_schema_valid_and_finds_both_forms(accuracy: dict, layout: str, wording: str) -> None:
    if (layout, wording) not in accuracy:
        pytest.skip("LibreOffice (soffice) is not installed")
    parsed = accuracy[layout, wording][2]
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(parsed)
    assert parsed["forms"] == ["referral", "dash"]
    assert len(parsed["referral"]["children"]) == 2
    assert len(parsed["referral"]["perpetrators"]) == 1


def test_rawform_shape_is_plain_data(built: dict) -> None:
    """The reader hands on plain RawForm parts, nothing tied to pdfplumber or pypdf objects."""
    raw = read_pdf(built["printed", "safelives"][0])
    assert isinstance(raw, RawForm)
    def plain(v: Any) -> bool:  # the heading path and context are lists of plain text (issue 11's model)
        return isinstance(v, (str, bool, int, type(None))) or (isinstance(v, (list, tuple)) and all(map(plain, v)))
    for item in [*raw.labelled, *raw.dash_lines]:
        assert all(plain(v) for v in vars(item).values())


def test_when_labels_cannot_be_placed_fields_keep_their_names_and_a_warning_says_so(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import parsers.pdf.unnamed as unnamed

    def broken(*args: Any) -> None:
        raise RuntimeError("simulated pdfminer failure")

    monkeypatch.setattr(unnamed, "place_fields", broken)
    raw = read_pdf(_acro(lambda c: (c.drawString(50, 790, "Victim name"),
                                    c.acroForm.textfield(name="Text1", x=150, y=786, width=200, height=16)),
                         {"Text1": "Jo Example-Test"}))
    assert [(i.label, i.value) for i in raw.labelled] == [("Text1", "Jo Example-Test")]
    assert [p.severity for p in raw.problems] == ["warning"]


def test_canonical_and_meaningless_names_in_one_form() -> None:
    """A local form that reuses some of the service's field names: those go straight to fields."""
    def draw(c: Canvas) -> None:
        c.drawString(50, 790, "Name of victim")
        c.acroForm.textfield(name="referral.victim.name", x=150, y=786, width=200, height=16)
        c.drawString(50, 760, "GP surgery")
        c.acroForm.textfield(name="Text7", x=150, y=756, width=200, height=16)

    raw = read_pdf(_acro(draw, {"referral.victim.name": "Jo Example-Test", "Text7": "Invented Surgery"}))
    assert raw.fields == {"referral.victim.name": "Jo Example-Test"}
    assert [(i.label, i.value) for i in raw.labelled] == [("GP surgery", "Invented Surgery")]
