"""Filled referral + DASH Word forms in four layouts other areas use, for measuring the reader.

W1  label | value two-column tables under Heading 1 sections; yes/no typed; reasons as a Yes/No grid
    marked with X; DASH marks typed (X, ✓, Yes, ✔, x) with a number column.
W2  one table per section: a merged, shaded heading row, rows of two pairs (4 columns) with shaded
    labels, a label-above-value block, ticks as "☒ Yes ☐ No"; DASH with ☒ / ☐ glyphs.
W3  "Label: value" paragraphs of legacy FORMTEXT / FORMCHECKBOX fields under bold headings, two pairs
    on a line (tab), a dotted leader, a tab stop, a label above its paragraph; DASH numbered in the
    question text, FORMCHECKBOX marks.
W4  content controls with meaningless tags (Text1, Check1...) in value cells, the label in the cell to
    the left; date pickers; w14 check boxes beside Yes / No; DASH unnumbered with w14 boxes.

Each in any wording of tests.corpus.wordings. Every person and place is invented.
"""
from __future__ import annotations

import io
from collections.abc import Callable

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from tests.corpus.docx_blocks import (
    GROUPS,
    Filler,
    Form,
    Values,
    children_table,
    control_cell,
    control_mark,
    corpus_values,
    dash_table,
    gap,
    glyph_mark,
    grid,
    is_bool,
    legacy_cell,
    legacy_mark,
    typed_cell,
    typed_mark,
)
from tests.corpus.docx_parts import TICKED, UNTICKED, Fields, full_width_row, shade, text_run, write
from tests.corpus.wordings import DASH_ANSWER_HEADERS, WORDINGS

__all__ = ["LAYOUTS", "build", "corpus_values"]
LAYOUTS = ("W1", "W2", "W3", "W4")


# --- the four layouts ----------------------------------------------------------------------

def _w1(form: Form) -> None:
    doc = form.doc
    doc.add_heading("MARAC referral form", level=0)
    for group in GROUPS:
        doc.add_heading(form.heading(group), level=1)
        if group == "children":
            children_table(form, typed_cell)
            continue
        paths = form.paths(group)
        if group == "reasons":
            _reasons_grid(form, [p for p in paths if is_bool(p)])
            paths = [p for p in paths if not is_bool(p)]
        _two_columns(form, paths, typed_cell)
    doc.add_heading(form.heading("dash"), level=1)
    dash_table(form, typed_mark, typed_cell, numbers="column")
    _two_columns(form, form.footer(), typed_cell)


def _two_columns(form: Form, paths: list[str], fill: Filler) -> None:
    table = grid(form.doc, 2)
    for path in paths:
        label, value = table.add_row().cells
        write(label, form.label(path))
        if is_bool(path) and fill is control_cell:
            _control_ticks(form, value.paragraphs[0], path)
        else:
            fill(form, value, path)
    gap(form.doc)


def _reasons_grid(form: Form, paths: list[str]) -> None:
    """Criteria down the side, Yes / No across the top, an X typed in one of them."""
    yes, no, _ = DASH_ANSWER_HEADERS[form.wording]
    table = grid(form.doc, 3)
    for cell, heading in zip(table.add_row().cells, ("", yes, no)):
        write(cell, heading, bold=True)
    for path in paths:
        cells = table.add_row().cells
        write(cells[0], form.label(path))
        write(cells[1 if form.ticked(path) else 2], "X")
    gap(form.doc)


def _ticks_text(form: Form, path: str) -> str:
    on = form.ticked(path)
    return f"{TICKED if on else UNTICKED} Yes   {UNTICKED if on else TICKED} No"


def _w2(form: Form) -> None:
    doc = form.doc
    title = doc.add_paragraph()
    title.add_run("MARAC REFERRAL").bold = True
    for group in GROUPS:
        if group == "children":
            children_table(form, typed_cell, merged_heading=True, shaded=True)
            continue
        table = grid(doc, 4)
        full_width_row(table, form.heading(group))
        paths = form.paths(group)
        if group == "victim":
            _label_above(form, table, paths[:4])
            paths = paths[4:]
        _pairs_rows(form, table, paths)
        gap(doc)
    dash_table(form, glyph_mark, typed_cell, numbers="column", merged_heading=True)
    footer = grid(doc, 4)
    _pairs_rows(form, footer, form.footer())


def _label_above(form: Form, table: Table, paths: list[str]) -> None:
    labels, values = table.add_row().cells, table.add_row().cells
    for label, value, path in zip(labels, values, paths):
        write(label, form.label(path), bold=True)
        shade(label)
        write(value, form.text(path))


def _pairs_rows(form: Form, table: Table, paths: list[str]) -> None:
    for start in range(0, len(paths), 2):
        cells = table.add_row().cells
        for k, path in enumerate(paths[start:start + 2]):
            label, value = cells[2 * k], cells[2 * k + 1]
            write(label, form.label(path))
            shade(label)
            # Typed with Shift+Enter line breaks in this layout, not new paragraphs.
            text_run(value.paragraphs[0]._p, _ticks_text(form, path) if is_bool(path) else form.text(path))


def _w3(form: Form) -> None:
    doc = form.doc
    doc.add_paragraph().add_run("MARAC Referral Form").bold = True
    for group in GROUPS:
        doc.add_paragraph().add_run(form.heading(group).upper()).bold = True
        if group == "children":
            children_table(form, legacy_cell)
            continue
        _lines(form, form.paths(group))
    doc.add_paragraph().add_run(form.heading("dash")).bold = True
    dash_table(form, legacy_mark, legacy_cell, numbers="text")
    _lines(form, form.footer())


def _short(form: Form, path: str) -> bool:
    text = form.text(path)
    return not is_bool(path) and "\n" not in text and len(text) <= 25


def _lines(form: Form, paths: list[str]) -> None:
    """ "Label: [field]" lines; two short ones share a line, set apart by a tab."""
    waiting: str | None = None
    for path in paths:
        if waiting is not None and _short(form, path):
            _colon_field(form, waiting, form.doc.add_paragraph(), then=path)
            waiting = None
            continue
        if waiting is not None:
            _colon_field(form, waiting, form.doc.add_paragraph())
            waiting = None
        if _short(form, path) and path != "referral.crime_reference":
            waiting = path
        else:
            _line(form, path)
    if waiting is not None:
        _colon_field(form, waiting, form.doc.add_paragraph())


def _colon_field(form: Form, path: str, paragraph: Paragraph, then: str | None = None) -> None:
    text_run(paragraph._p, f"{form.label(path)}: ")
    form.fields.form_text(paragraph, form.text(path))
    if then is not None:
        text_run(paragraph._p, "\t")
        _colon_field(form, then, paragraph)


def _line(form: Form, path: str) -> None:
    doc = form.doc
    if is_bool(path):
        paragraph = doc.add_paragraph()
        text_run(paragraph._p, f"{form.label(path)}  ")
        for on, word in ((form.ticked(path), " Yes   "), (not form.ticked(path), " No")):
            form.fields.form_checkbox(paragraph, on)
            text_run(paragraph._p, word)
    elif path == "referral.crime_reference":
        doc.add_paragraph(f"{form.label(path)} ........................ {form.text(path)}")
    elif path == "referral.risks_summary":
        doc.add_paragraph().add_run(f"{form.label(path)}:").bold = True  # the answer goes below
        form.fields.form_text(doc.add_paragraph(), form.text(path))
    else:
        _colon_field(form, path, doc.add_paragraph())


def _control_ticks(form: Form, paragraph: Paragraph, path: str) -> None:
    for on, word in ((form.ticked(path), " Yes     "), (not form.ticked(path), " No")):
        form.fields.control_checkbox(paragraph, on)
        text_run(paragraph._p, word)


def _w4(form: Form) -> None:
    doc = form.doc
    doc.add_heading("MARAC Referral", level=1)
    for group in GROUPS:
        doc.add_heading(form.heading(group), level=2)
        if group == "children":
            children_table(form, control_cell)
            continue
        _two_columns(form, form.paths(group), control_cell)
    doc.add_heading(form.heading("dash"), level=2)
    dash_table(form, control_mark, control_cell, numbers="none")
    _two_columns(form, form.footer(), control_cell)


BUILDERS: dict[str, Callable[[Form], None]] = {"W1": _w1, "W2": _w2, "W3": _w3, "W4": _w4}


def build(layout: str, wording: str, values: Values) -> bytes:
    """A filled form as .docx bytes: `values` keyed by canonical path (bools for tick boxes,
    'yes' / 'no' / 'unknown' for DASH answers, dd/mm/yyyy dates)."""
    if layout not in BUILDERS or wording not in WORDINGS:
        raise ValueError(f"unknown layout {layout!r} or wording {wording!r}")
    doc = Document()
    BUILDERS[layout](Form(doc, wording, values, Fields()))
    doc.add_paragraph()  # Word always ends a document with a paragraph, never a table
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
