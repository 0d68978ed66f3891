"""Issue 19: retention, legal holds, the data protection officer's export and a tamper-evident audit,
on a store and folders filled through the real pipeline (the CLI on a real home), with the clock moved
forward for the purge."""
from __future__ import annotations

import datetime as dt
import io
import json
import random
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from intake.maildir import deliver
from marac.config import load
from marac.records import retention
from marac.store import db
from tests.conftest import LOCAL_CONFIG, PDF, invented_referral, referral_email, run_cli


def _pdf(values: dict) -> bytes:
    from generators.forms.pdf_fill import fill_referral_pdf
    from generators.forms.pdf_form import build_referral_pdf
    return fill_referral_pdf(build_referral_pdf(), values)


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, list[dict]]:
    """Three victims' referrals through the real pipeline; the third needs the desk (no date of birth)."""
    home = tmp_path / "var"
    rng = random.Random(1919)
    people = [invented_referral(rng, children=1) for _ in range(3)]
    people[2]["referral.victim.dob"] = None
    for values in people:
        deliver(home / "inbox", referral_email("pc@exampleshire.police.uk", [("referral.pdf", _pdf(values), PDF)]))
    result = run_cli(home, "process-once")
    assert result.returncode == 0, result.stderr
    return home, people


def _cases(home: Path) -> dict[str, str]:
    """victim name -> case number"""
    listed = json.loads(run_cli(home, "cases", "--json", "--identify").stdout)
    return {case["victims"][0]["victim_name"]: case["case_number"] for case in listed}


def test_changing_removing_or_inserting_an_audit_entry_is_found(filled):
    home, _ = filled
    assert run_cli(home, "audit", "verify").returncode == 0
    entries = sqlite3.connect(home / "marac.db").execute("SELECT count(*) FROM audit").fetchone()[0]
    assert entries >= 3  # the IDVA copies, each a disclosure

    def tampered(sql: str) -> str:
        copy = home.parent / f"copy-{len(list(home.parent.glob('copy-*')))}"
        shutil.copytree(home, copy)
        conn = sqlite3.connect(copy / "marac.db")
        with conn:
            conn.execute(sql)
        conn.close()
        result = run_cli(copy, "audit", "verify")
        assert result.returncode == 1
        return result.stderr

    assert "at entry 2 " in tampered("UPDATE audit SET recipient = 'someone@gmail.com' WHERE id = 2")
    assert "at entry 3 " in tampered("DELETE FROM audit WHERE id = 2")  # the next one no longer links
    err = tampered("INSERT INTO audit (id, at, event, case_number, prev_hash, hash) SELECT 1000, at, 'disclosure',"
                   " case_number, hash, 'x' FROM audit ORDER BY id DESC LIMIT 1")
    assert "at entry 1000 " in err and "changed after it was written" in err


def test_the_export_holds_the_whole_case_and_nothing_of_the_others(filled):
    home, people = filled
    numbers = _cases(home)
    mine, others = people[0], people[1:]
    number = numbers[mine["referral.victim.name"]]
    result = run_cli(home, "export", "--case", number, "--out", str(home.parent / "dpo.zip"))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(home.parent / "dpo.zip") as zf:
        names = zf.namelist()
        everything = b"".join(zf.read(n) for n in names)
        case = json.loads(zf.read("case.json"))
    assert case["case"]["case_number"] == number
    assert case["referrals"][0]["parsed"]["referral"]["victim"]["name"] == mine["referral.victim.name"]
    assert any(n.startswith("messages/") for n in names)  # the message as received
    assert any(n.startswith("sent/") and "idva-copy" in n for n in names)  # the copy as sent
    assert case["disclosures"] and all(d["case_number"] == number for d in case["disclosures"])
    for other in others:
        assert other["referral.victim.name"].encode() not in everything
        assert numbers[other["referral.victim.name"]].encode() not in everything

    found = run_cli(home, "export", "--person", mine["referral.victim.name"].upper())
    assert found.stdout.strip() == f"{number}  as victim"
    nobody = run_cli(home, "export", "--person", "Invented Nobody")
    assert nobody.stdout.strip() == "No case names this person."


def test_what_is_due_goes_and_what_is_held_or_recent_stays(filled):
    home, people = filled
    numbers = _cases(home)
    gone, held, desk_case = (numbers[p["referral.victim.name"]] for p in people)
    assert run_cli(home, "hold", "--case", held, "--why", "invented court order").returncode == 0
    config = load(LOCAL_CONFIG, home)
    later = dt.date.today() + dt.timedelta(days=int(6.2 * 365.25))

    rehearsal = run_cli(home, "purge", "--dry-run", "--as-of", later.isoformat())
    assert rehearsal.returncode == 0, rehearsal.stderr
    assert f"case {gone}:" in rehearsal.stdout and f"case {held}: on legal hold, kept" in rehearsal.stdout
    assert run_cli(home, "purge", "--dry-run").stdout.strip() == "Nothing is due to be purged."  # today

    conn = db.connect(home / "marac.db")
    from marac.store import actions, cases
    from marac.store.db import transaction
    with transaction(conn):
        for number in (gone, held):
            case_id = cases.find_by_number(conn, number)["id"]
            actions.add(conn, f"{number}-A1", case_id, dt.date(2026, 12, 8), f"Invented action for {number}",
                        "Exampleshire Police", "PC Invented", "2026-12-20", "2026-12-08T10:00:00")
    assert run_cli(home, "tracker", "sync").returncode == 0
    old_papers = home / "documents" / "2026-12-08"
    old_papers.mkdir(parents=True, exist_ok=True)
    (old_papers / "agenda.docx").write_bytes(b"invented")
    backup = home / "tracker.backup-20261130000000.xlsx"
    backup.write_bytes(b"invented")
    planned = retention.plan(conn, config, home, later)
    assert old_papers in planned.documents and backup in planned.backups
    files = [f for case in planned.cases for f in case.files]
    assert files and all(f.exists() for f in files)
    done = retention.purge(conn, config, home, later)
    assert done.lines() == planned.lines()  # the dry run said exactly what went
    conn.close()

    assert not any(f.exists() for f in files) and not old_papers.exists() and not backup.exists()
    assert run_cli(home, "tracker", "sync").returncode == 0  # the purged case's row leaves the shared sheet
    import openpyxl
    sheet_text = " ".join(str(c.value) for ws in openpyxl.load_workbook(home / "tracker.xlsx").worksheets
                          for row in ws.iter_rows() for c in row if c.value is not None)
    assert f"Invented action for {held}" in sheet_text and gone not in sheet_text
    left = {c["case_number"] for c in json.loads(run_cli(home, "cases", "--json").stdout)}
    assert left == {held}
    raw = b"".join(p.read_bytes() for p in home.glob("marac.db*"))
    for person in (people[0], people[2]):
        assert person["referral.victim.name"].encode() not in raw  # not even in free pages
    assert people[1]["referral.victim.name"].encode() in raw
    log = sqlite3.connect(home / "marac.db").execute("SELECT case_number, what, count FROM purges").fetchall()
    assert (gone, "referrals", 1) in log and (desk_case, "referrals", 1) in log
    assert run_cli(home, "audit", "verify").returncode == 0  # the trail survives the purge
    assert run_cli(home, "audit", "--case", gone).stdout.count("disclosure") >= 1
