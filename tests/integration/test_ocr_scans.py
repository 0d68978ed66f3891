"""Scanned and photographed forms read with the real Tesseract: the service's own referral and DASH form,
filled with invented values, printed by LibreOffice, rendered to images, turned, blurred and speckled
(tests/corpus/scans.py). Few pages, to keep the run short; the accuracy over every layout and resolution
is measured by bench/bench_ocr.py, not here.

A coordinator would notice if these broke: a scanned referral read as "nothing could be read", a value
misread by OCR passed on with nothing to say so, handwriting guessed at, or a huge scan holding the
service up with a traceback instead of a sentence."""
from __future__ import annotations

import shutil
from typing import Any

import pytest

from generators.fake_referrals import referral_email
from intake.maildir import deliver
from marac.referral.rules import needs_a_person
from parsers import parse_bytes
from parsers.ocr import engine, reader
from parsers.ocr.image import png
from parsers.sandbox import ParserPool
from tests.conftest import run_cli
from tests.corpus.areas.report import lookup
from tests.corpus.scans import (
    Damage,
    as_jpeg,
    as_pdf,
    degrade,
    handwritten_page,
    own_form_pdf,
    render,
)

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs Tesseract (tesseract-ocr)"),
              pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")]

SCAN_SENTENCE = "read from a scan"


@pytest.fixture(scope="module")
def own_form() -> tuple[bytes, list[Any], dict[str, Any]]:
    """The own form as printed, and its pages at 300 dpi (page 1: referrer and victim; page 3: DASH 1-22)."""
    pdf, expected = own_form_pdf(seed=14)
    return pdf, render(pdf, 300), expected


def _flagged(parsed: dict[str, Any], path: str) -> bool:
    return any(p.get("field") and (path == p["field"] or path.startswith(p["field"] + "."))
               for p in parsed["problems"])


def test_a_scanned_referral_is_read_in_the_sandbox_and_every_doubt_is_named(own_form: tuple[bytes, list, dict]) -> None:
    _, pages, expected = own_form
    scan = as_pdf([degrade(pages[0], 300, 1), degrade(pages[2], 300, 3)], 300)
    with ParserPool(seconds=90) as pool:  # the sandbox, with its memory cap; time generous on a shared machine
        parsed = pool.parse(scan, "scan.pdf")
    assert parsed["source"]["kind"] == "pdf-image"
    assert lookup(parsed, "referral.victim.name") == expected["referral.victim.name"]
    assert lookup(parsed, "referral.victim.dob") == expected["referral.victim.dob"]
    dash = [f"dash.answers.{n}" for n in range(1, 23)]
    right = [p for p in dash if lookup(parsed, p) == expected[p]]
    silently_wrong = [p for p in dash + ["referral.victim.name", "referral.referrer.phone"]
                      if lookup(parsed, p) not in (None, expected[p]) and not _flagged(parsed, p)]
    assert len(right) >= 20 and silently_wrong == []
    said = [p["message"] for p in parsed["problems"] if p["message"].startswith(SCAN_SENTENCE)]
    doubted = [p for p in parsed["problems"] if p["message"].startswith(SCAN_SENTENCE) and p["field"]]
    assert needs_a_person([p for p in parsed["problems"] if p["message"] in said])  # a scan goes to the desk
    if doubted:  # which values to check, by field, never by value
        assert f"please check these {len(doubted)} values" in " ".join(said)
    assert expected["referral.victim.name"] not in " ".join(said)


def test_a_crooked_photo_at_150_dpi_still_reads(own_form: tuple[bytes, list, dict]) -> None:
    pdf, _, expected = own_form
    photo = as_jpeg(degrade(render(pdf, 150, pages=1)[0], 150, 2, Damage(angle=3.0)))  # no resolution in it
    parsed = parse_bytes(photo, "IMG_2041.jpg")
    assert "referral" in parsed["forms"]
    assert lookup(parsed, "referral.victim.dob") == expected["referral.victim.dob"]
    name = lookup(parsed, "referral.victim.name")
    assert name == expected["referral.victim.name"] or _flagged(parsed, "referral.victim.name")


def test_a_handwritten_form_is_reported_not_guessed() -> None:
    pairs = [("Victim's full name", "Marta Tregarthen"), ("Date of birth", "31/05/1989"),
             ("Victim's address", "27 Lantern Row, Exampleton"), ("Postcode", "EX4 8JT"),
             ("Perpetrator's name", "Darren Lyle"), ("Victim's GP", "Riverside Surgery"),
             ("Reason for referral", "Threats to kill made last week")]
    parsed = parse_bytes(handwritten_page(pairs, dpi=200, seed=4), "scan.jpg")
    assert any(p["message"].startswith("handwritten: needs keying") and p["severity"] == "error"
               for p in parsed["problems"])
    assert lookup(parsed, "referral.victim.dob") is None
    assert lookup(parsed, "referral.victim.name") in (None, "Marta Tregarthen")


def test_ocr_that_runs_out_of_time_stops_with_a_plain_sentence(own_form: tuple[bytes, list, dict],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _, pages, _ = own_form
    with pytest.raises(engine.OcrError, match="took longer than 0.05 seconds"):
        engine.read_words(png(pages[0]), timeout=0.05)  # the real Tesseract, stopped mid-page
    monkeypatch.setattr(reader, "FORM_SECONDS", 0.0)
    parsed = parse_bytes(as_pdf([pages[0]], 300), "scan.pdf")
    assert next(p["message"] for p in parsed["problems"]).startswith("reading the scan took longer than")
    assert needs_a_person(parsed["problems"])


def test_a_scanned_referral_emailed_in_is_copied_to_the_idva_and_waits_on_the_desk(
        own_form: tuple[bytes, list, dict], tmp_path: Any) -> None:
    _, pages, expected = own_form
    scan = as_pdf([degrade(pages[0], 300, 5), degrade(pages[2], 300, 6)], 300)
    home = tmp_path / "var"
    deliver(home / "inbox", referral_email("pc.4521@exampleshire.police.uk", [("scan0042.pdf", scan, "application/pdf")]))
    result = run_cli(home, "process-once")
    assert result.returncode == 0, result.stderr
    assert len(list((home / "outbox").glob("*.eml"))) == 1  # the IDVA copy goes at once, scan attached
    folders = [p for p in (home / "exceptions").iterdir() if p.is_dir() and (p / "README.txt").exists()]
    assert len(folders) == 1
    readme = (folders[0] / "README.txt").read_text()
    assert "read from a scan" in readme and expected["referral.victim.name"] not in readme


@pytest.mark.parametrize("dpi", [300, 150])
def test_a_scanned_checklist_of_typed_ticks_across_pages_reads_its_answers(dpi: int,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The 2009 police DASH: a ✓ typed in the YES / NO / NOT KNOWN column of each question, over four pages.
    Tesseract reads a ✓ as "v" or passes it over; each is read by its shape (parsers.ocr.ticks), and a
    150-dpi scan at its own resolution (parsers.ocr.image)."""
    from tests.corpus.scans import area_form_pdfs, scanned_pdf

    monkeypatch.setattr(reader, "FORM_SECONDS", 120.0)  # accuracy, not this shared machine's speed
    pdf, expected = area_form_pdfs(keys=["police-dash-2009"])["police-dash-2009"]
    parsed = parse_bytes(scanned_pdf(pdf, dpi), "dash.pdf")
    answers = [p for p in expected if p.startswith("dash.answers.")]
    right = [p for p in answers if lookup(parsed, p) == expected[p]]
    silently_wrong = [p for p in answers if lookup(parsed, p) not in (None, expected[p]) and not _flagged(parsed, p)]
    assert len(right) >= len(answers) - 4 and silently_wrong == []
