"""Old binary Word files (parsers.ole.reader): conversion by LibreOffice, its failures, passwords.

The accuracy of a converted .doc is measured in tests/unit/test_docx_layouts.py. All values invented.
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from parsers import parse_bytes
from tests.corpus.docx_layouts import build, corpus_values
from tests.unit.test_docx_layouts import _to_doc, needs_soffice


@pytest.fixture(scope="module")
def values() -> dict[str, str | bool]:
    return corpus_values()


def test_doc_without_libreoffice_asks_for_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    from parsers.ole import reader as ole_reader
    monkeypatch.setattr(ole_reader, "soffice", lambda: None)
    raw = ole_reader.read_doc(b"not really a doc")
    assert raw.kind == "doc" and ".docx or PDF" in raw.problems[0].message


@needs_soffice
def test_doc_that_cannot_be_converted_is_a_problem() -> None:
    from parsers.ole import reader as ole_reader
    raw = ole_reader.read_doc(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert raw.kind == "doc" and "could not be converted" in raw.problems[0].message


def test_a_hung_conversion_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from parsers.ole.reader import convert_to_docx
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    pid_file = tmp_path / "pid"
    stuck = tmp_path / "fake-soffice"
    stuck.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 30\n")
    stuck.chmod(0o755)
    started = time.monotonic()
    assert convert_to_docx(b"whatever", str(stuck), seconds=1) is None
    assert time.monotonic() - started < 10
    assert list(temp.iterdir()) == []  # the working folder, profile and copy of the file are gone
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)


@needs_soffice
def test_password_protected_doc_is_reported(values: dict[str, str | bool], tmp_path: Path) -> None:
    import olefile
    target = tmp_path / "locked.doc"
    target.write_bytes(_to_doc(build("W1", "safelives", values), tmp_path))
    with olefile.OleFileIO(str(target), write_mode=True) as ole:
        header = bytearray(ole.openstream("WordDocument").read())
        header[11] |= 0x01  # the FIB's fEncrypted flag, as Word sets it for an opening password
        ole.write_stream("WordDocument", bytes(header))
    parsed = parse_bytes(target.read_bytes(), "locked.doc")
    assert parsed["source"]["kind"] == "doc"
    assert "password" in parsed["problems"][0]["message"] and parsed["forms"] == []


def _ends_on_a_table(final_paragraph: bool) -> bytes:
    """A referral whose last table is the referrer's, as a generator such as python-docx leaves it (no
    paragraph after the table) or as Word saves it (final_paragraph)."""
    import io

    from docx import Document

    from tests.corpus.docx_parts import write
    doc = Document()
    doc.add_paragraph().add_run("MARAC referral form").bold = True
    people = doc.add_table(rows=0, cols=2)
    for label, answer in (("Victim name", "Grace ABBOTT"), ("Date of birth", "03/04/1991")):
        cells = people.add_row().cells
        write(cells[0], label, bold=True)
        write(cells[1], answer)
    doc.add_paragraph()
    referrer = doc.add_table(rows=0, cols=2)
    for label, answer in (("Referrer name", "Stuart Cartwright"), ("Agency", "Exampleshire Police"),
                          ("Telephone", "0117 496 0779"), ("Date of referral", "30/10/2026"),
                          ("Has the victim consented to the referral?", None)):
        cells = referrer.add_row().cells
        write(cells[0], label, bold=True)
        if answer is not None:
            write(cells[1], answer)
            continue
        paragraph = cells[1].paragraphs[0]
        paragraph.add_run("Y / ")
        paragraph.add_run("N").font.strike = True  # the referrer struck out the answer that is not hers
    if final_paragraph:
        doc.add_paragraph()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@needs_soffice
def test_a_doc_whose_last_table_libreoffice_flattens_is_read_box_by_box(tmp_path: Path) -> None:
    """LibreOffice saves such a .docx as a .doc that ends on the table; opened again, that table's boxes are
    one run-together paragraph. The boxes come back from the file's stored text, their formatting kept (the
    struck-out "N"), and the coordinator is told to check them."""
    parsed = parse_bytes(_to_doc(_ends_on_a_table(final_paragraph=False), tmp_path), "referral.doc")
    referral = parsed["referral"]
    assert referral["victim"]["name"] == "Grace ABBOTT"
    assert (referral["referrer"]["name"], referral["referrer"]["agency"], referral["referrer"]["phone"],
            referral["referrer"]["date"]) == ("Stuart Cartwright", "Exampleshire Police", "0117 496 0779", "2026-10-30")
    assert referral["consent"] is True
    warnings = [p for p in parsed["problems"] if "last table" in p["message"]]
    assert len(warnings) == 1 and warnings[0]["severity"] == "warning"


@needs_soffice
def test_a_doc_ending_as_word_ends_it_is_read_with_no_warning(tmp_path: Path) -> None:
    parsed = parse_bytes(_to_doc(_ends_on_a_table(final_paragraph=True), tmp_path), "referral.doc")
    assert parsed["referral"]["referrer"]["name"] == "Stuart Cartwright" and parsed["referral"]["consent"] is True
    assert not [p for p in parsed["problems"] if "last table" in p["message"]]


def test_stored_text_of_something_that_is_not_a_doc_is_none() -> None:
    from parsers.ole.doc_text import StoredParagraph, stored_paragraphs
    from parsers.ole.last_table import restore_last_table
    assert stored_paragraphs(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600) is None
    assert restore_last_table(b"PK not a docx", [StoredParagraph("ends with a paragraph", "\r", False)]) is None


@needs_soffice
def test_a_checklist_that_is_the_last_table_of_such_a_doc_keeps_its_tick_columns(tmp_path: Path) -> None:
    """The checklist is often a form's last table: read line by line, its Yes / No / Don't know columns would
    mean nothing. Rebuilt from the rows and cells the file stores, each tick stays under its heading."""
    import io
    import tomllib

    from docx import Document

    from tests.corpus.docx_parts import write
    questions = tomllib.loads(Path("parsers/data/dash_questions.toml").read_text())["question"][:12]
    ticks = {"yes": ("☒", "☐", "☐"), "no": ("☐", "☒", "☐"), "unknown": ("☐", "☐", "☒")}
    answers = ["no", "yes", "unknown"] * 4
    doc = Document()
    doc.add_paragraph().add_run("SafeLives Dash risk checklist").bold = True
    table = doc.add_table(rows=0, cols=4)
    for cell, text in zip(table.add_row().cells, ("", "Yes", "No", "Don't know")):
        write(cell, text, bold=True)
    for question, answer in zip(questions, answers):
        for cell, text in zip(table.add_row().cells, (f"{question['number']}. {question['text']}", *ticks[answer])):
            write(cell, text)
    out = io.BytesIO()
    doc.save(out)
    parsed = parse_bytes(_to_doc(out.getvalue(), tmp_path), "checklist.doc")
    assert [parsed["dash"]["answers"][str(n)] for n in range(1, 13)] == answers
