"""The desk in Excel terms, through the real command line: a correction still wrong comes back with the
reason in review.xlsx, a form dropped into a folder travels with the IDVA copy, a Word form gets a PDF to
read without Word, and fields.json edited the old way is read like a form."""
from __future__ import annotations

import email
import email.policy
import json
import random
import shutil
from pathlib import Path

import openpyxl
import pytest

from intake.maildir import deliver
from parsers.office import soffice
from tests.conftest import DOCX, PDF, invented_referral, referral_email, run_cli
from tests.integration.test_desk_walkthrough import (
    desk,
    process_once,
    resave_with_libreoffice,
    type_correction,
)

POLICE = "pc@exampleshire.police.uk"


def _no_dob(seed: int) -> dict:
    values = invented_referral(random.Random(seed), children=0)
    del values["referral.victim.dob"]
    return values


def _approve(home: Path, folder: Path) -> None:
    shutil.move(str(folder), str(home / "exceptions" / "approved" / folder.name))
    process_once(home)


def _cases(home: Path) -> list[dict]:
    return json.loads(run_cli(home, "cases", "--json", "--identify").stdout)


def _idva_copies(home: Path) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in sorted((home / "outbox").glob("*.eml"))]


def _files(message: email.message.EmailMessage) -> list[str]:
    return [part.get_filename() for part in message.iter_attachments()]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is needed to save the workbook as Excel would")
def test_a_correction_still_wrong_comes_back_with_the_reason_in_review_xlsx(tmp_path, pdf_referral):
    home = tmp_path / "var"
    deliver(home / "inbox", referral_email(POLICE, [("referral.pdf", pdf_referral(_no_dob(11)), PDF)]))
    process_once(home)
    (folder,) = desk(home)
    type_correction(folder / "review.xlsx", "referral.victim.dob", "about 40")
    resave_with_libreoffice(folder / "review.xlsx", tmp_path)
    _approve(home, folder)

    (back,) = desk(home)
    assert back.name == folder.name and [c["status"] for c in _cases(home)] == ["exception"]
    assert _cases(home)[0]["victims"][0]["victim_dob"] is None  # never approved as typed
    ws = openpyxl.load_workbook(back / "review.xlsx")["Check and correct"]
    top = [str(ws.cell(r, 1).value) for r in range(1, 10)]
    assert "Checked again after your correction: this still needs attention." in top
    reason = "Victim's date of birth: your correction is not a date"
    assert any(reason in line for line in top)
    (row,) = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 6).value == "referral.victim.dob"]
    assert reason in ws.cell(row, 4).value and ws.cell(row, 5).value == "about 40"  # the typing kept
    assert "is missing" not in ws.cell(row, 4).value  # one reason, the one that helps
    assert reason in (back / "README.txt").read_text()

    type_correction(back / "review.xlsx", "referral.victim.dob", "3.4.91")
    _approve(home, back)
    (case,) = _cases(home)
    assert case["status"] == "listed" and case["victims"][0]["victim_dob"] == "1991-04-03"


def test_a_form_dropped_into_a_folder_travels_with_the_idva_copy(tmp_path, pdf_referral):
    home = tmp_path / "var"
    deliver(home / "inbox", referral_email(POLICE, [], body="Referral to follow, sorry.\n"))
    process_once(home)
    (folder,) = desk(home)
    assert not (folder / "review.xlsx").exists() and _idva_copies(home) == []
    (folder / "referral.pdf").write_bytes(pdf_referral(invented_referral(random.Random(12), children=1)))
    _approve(home, folder)

    assert [c["status"] for c in _cases(home)] == ["listed"]
    (copy,) = _idva_copies(home)
    assert _files(copy) == ["referral.pdf"]
    assert "attached" in copy.get_body(("plain",)).get_content()


def test_a_corrected_form_for_a_case_on_the_desk_goes_to_the_idva_service_too(tmp_path, pdf_referral):
    home = tmp_path / "var"
    values = _no_dob(13)
    deliver(home / "inbox", referral_email(POLICE, [("first.pdf", pdf_referral(values), PDF)]))
    process_once(home)
    (folder,) = desk(home)
    (folder / "corrected.pdf").write_bytes(pdf_referral({**values, "referral.victim.dob": "14/05/1987"}))
    _approve(home, folder)
    (case,) = _cases(home)
    assert case["status"] == "listed" and case["victims"][0]["victim_dob"] == "1987-05-14"
    first, updated = sorted(_idva_copies(home), key=lambda m: len(_files(m)))
    assert _files(first) == ["first.pdf"] and _files(updated) == ["first.pdf", "corrected.pdf"]
    assert case["case_number"] in updated["Subject"]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice prints the Word form")
def test_a_word_form_on_the_desk_gets_a_pdf_to_read_without_word(tmp_path, docx_referral):
    home = tmp_path / "var"
    deliver(home / "inbox", referral_email(POLICE, [("referral.docx", docx_referral(_no_dob(14)), DOCX)]))
    process_once(home)
    (folder,) = desk(home)
    assert (folder / "original.pdf").read_bytes().startswith(b"%PDF-")
    assert "original.pdf" in (folder / "README.txt").read_text()
    type_correction(folder / "review.xlsx", "referral.victim.dob", "28/02/1990")
    _approve(home, folder)  # original.pdf is the service's own: never read as a corrected form
    assert [c["status"] for c in _cases(home)] == ["listed"]


def test_fields_json_edited_the_old_way_is_read_like_a_form(tmp_path, pdf_referral):
    home = tmp_path / "var"
    deliver(home / "inbox", referral_email(POLICE, [("referral.pdf", pdf_referral(_no_dob(15)), PDF)]))
    process_once(home)
    (folder,) = desk(home)
    (folder / "review.xlsx").unlink()  # a machine's correction: fields.json alone
    fields = json.loads((folder / "fields.json").read_text())
    fields["referral"]["victim"]["dob"] = "28/02/1990"
    (folder / "fields.json").write_text(json.dumps(fields))
    _approve(home, folder)
    (case,) = _cases(home)
    assert case["status"] == "listed" and case["victims"][0]["victim_dob"] == "1990-02-28"
