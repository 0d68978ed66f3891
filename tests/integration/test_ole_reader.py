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
