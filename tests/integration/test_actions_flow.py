"""Issue 7 end to end through the command line: minutes built for a meeting, filled in by the minute-taker,
read back (by command and by the drop folder), and the actions appear in the shared tracker."""
from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
from docx import Document

from intake.maildir import deliver

from tests.conftest import PDF, invented_referral, referral_email, run_cli


def _listed_cases(home: Path, pdf_referral, count: int) -> None:
    rng = random.Random(77)
    when = dt.datetime(2026, 11, 16, 10, tzinfo=ZoneInfo("Europe/London")).timestamp()
    for _ in range(count):
        path = deliver(home / "inbox", referral_email("pc@exampleshire.police.uk", [
            ("r.pdf", pdf_referral(invented_referral(rng, children=1)), PDF)]))
        os.utime(path, (when, when))
    assert run_cli(home, "process-once").returncode == 0


def _fill(minutes: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    doc = Document(str(minutes))
    tables = [t for t in doc.tables if [c.text.strip() for c in t.rows[0].cells] == ["Action", "Agency", "Owner", "Deadline"]]
    for table, row in zip(tables, rows):
        for cell, text in zip(table.rows[1].cells, row):
            cell.text = text
    filled = minutes.with_name("completed-minutes.docx")
    doc.save(str(filled))
    return filled


def test_minutes_actions_reach_the_store_and_the_tracker(tmp_path, pdf_referral):
    home = tmp_path / "var"
    _listed_cases(home, pdf_referral, 2)
    built = run_cli(home, "minutes", "--meeting", "2026-12-08")
    assert built.returncode == 0, built.stderr
    minutes = home / "documents" / "2026-12-08" / "MARAC-2026-12-08-minutes.docx"
    filled = _fill(minutes, [("Safety plan with =HYPERLINK(\"x\") in the notes", "Exampleshire Police", "DC Example",
                              "20/12/2026"),
                             ("Flag the address", "Exampleshire Housing", "", "01/12/2026")])
    result = run_cli(home, "minutes", "--import", str(filled))
    assert result.returncode == 0, result.stderr
    assert "1 action(s) added" in result.stdout and "NOT stored" in result.stdout
    problems = (home / "documents" / "2026-12-08" / "minutes-import-problems.txt").read_text()
    assert "owner" in problems.lower() and "deadline" in problems.lower()

    conn = sqlite3.connect(home / "marac.db")
    refs = [r[0] for r in conn.execute("SELECT action_ref FROM actions")]
    assert len(refs) == 1 and refs[0].startswith("EXM-2026-")

    # The corrected minutes dropped into the minutes folder are read by the service itself.
    corrected = _fill(minutes, [("Safety plan with =HYPERLINK(\"x\") in the notes", "Exampleshire Police",
                                 "DC Example", "20/12/2026"),
                                ("Flag the address", "Exampleshire Housing", "Housing officer", "05/01/2027")])
    (home / "minutes").mkdir()
    shutil.copy(corrected, home / "minutes" / "minutes-2026-12-08.docx")
    assert run_cli(home, "process-once").returncode == 0
    assert (home / "minutes" / "imported" / "minutes-2026-12-08.docx").exists()
    assert conn.execute("SELECT count(*) FROM actions").fetchone()[0] == 2

    sheet = openpyxl.load_workbook(home / "tracker.xlsx")["Actions"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2) if row[0].value]
    assert sorted(r[0] for r in rows) == sorted(r[0] for r in conn.execute("SELECT action_ref FROM actions"))
    texts = [v for r in rows for v in r if isinstance(v, str)]
    assert 'Safety plan with =HYPERLINK("x") in the notes' in texts  # text, never a formula
