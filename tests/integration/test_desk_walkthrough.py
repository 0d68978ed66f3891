"""The README's walkthrough of the coordinator's desk, through the real command line on a real home folder:
a referral with no date of birth goes to the desk; the coordinator types the date into review.xlsx and
saves it (LibreOffice rewrites the workbook, as Excel would); the folder is approved; the case is listed
with the date of birth and is on the agenda."""
from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from generators.forms.pdf_fill import fill_referral_pdf
from generators.forms.pdf_form import build_referral_pdf
from intake.maildir import deliver
from parsers.office import soffice
from tests.conftest import PDF, invented_referral, referral_email, run_cli

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice is needed to save the workbook as Excel would")


def resave_with_libreoffice(path: Path, work: Path) -> None:
    """The workbook opened and saved by an office suite: every part of the file written anew."""
    out = work / "resaved"
    subprocess.run([str(soffice()), "--headless", "--norestore", f"-env:UserInstallation={(work / 'lo').as_uri()}",
                    "--convert-to", "xlsx", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    shutil.copyfile(out / path.name, path)


def type_correction(sheet: Path, key: str, value: object) -> None:
    """What the coordinator does in Excel: a value in the yellow cell of the field's row."""
    wb = openpyxl.load_workbook(sheet)
    ws = wb["Check and correct"]
    (row,) = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 6).value == key]
    ws.cell(row, 5).value = value
    wb.save(sheet)


def desk(home: Path) -> list[Path]:
    return sorted(p for p in (home / "exceptions").iterdir()
                  if p.is_dir() and p.name not in {"approved", "rejected", "done"} and not p.name.startswith("."))


def process_once(home: Path) -> str:
    result = run_cli(home, "process-once")
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


def test_a_missing_date_of_birth_corrected_in_excel_reaches_the_agenda(tmp_path):
    home = tmp_path / "var"
    values = invented_referral(random.Random(1301), children=1)
    del values["referral.victim.dob"]
    victim = str(values["referral.victim.name"])
    deliver(home / "inbox", referral_email("pc@exampleshire.police.uk",
                                           [("referral.pdf", fill_referral_pdf(build_referral_pdf(), values), PDF)]))
    process_once(home)

    (folder,) = desk(home)
    readme = (folder / "README.txt").read_text()
    assert "review.xlsx" in readme and "Your correction (type here)" in readme
    sheet = folder / "review.xlsx"
    ws = openpyxl.load_workbook(sheet)["Check and correct"]
    assert any("date of birth" in str(ws.cell(r, 1).value) for r in range(5, 12))  # the problem, at the top
    type_correction(sheet, "referral.victim.dob", "28/02/1990")
    resave_with_libreoffice(sheet, tmp_path)
    shutil.move(str(folder), str(home / "exceptions" / "approved" / folder.name))
    assert "1 desk decision(s) carried out" in process_once(home)  # the approval counts, not "0 accepted"

    assert desk(home) == [] and (home / "exceptions" / "done" / folder.name).is_dir()
    (case,) = json.loads(run_cli(home, "cases", "--json", "--identify").stdout)
    assert case["status"] == "listed" and case["victims"][0]["victim_dob"] == "1990-02-28"
    meeting = case["meeting"]
    listed = run_cli(home, "cases", "--meeting", meeting, "--identify")
    assert listed.returncode == 0, listed.stderr
    assert case["case_number"] in listed.stdout and "born 1990-02-28" in listed.stdout
    agenda = run_cli(home, "agenda", "--meeting", meeting)
    assert agenda.returncode == 0, agenda.stderr
    (built,) = (home / "documents" / meeting).glob("*agenda*.docx")
    text = "\n".join([p.text for p in Document(str(built)).paragraphs]
                     + [c.text for t in Document(str(built)).tables for r in t.rows for c in r.cells])
    assert case["case_number"] in text and victim.split()[0] in text
    assert "28/02/1990" in text or "28 February 1990" in text or "1990-02-28" in text
