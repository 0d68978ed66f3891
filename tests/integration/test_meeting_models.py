"""Meeting models end to end: referrals through the real pipeline and CLI (`run.py` on a real home with
a Maildir and SQLite), the daemon's own circulation job, and what the agencies and the coordinator see
in the outbox. A daily MARAC over Christmas 2026; an emergency MARAC; a virtual MARAC whose document two
agencies complete and return."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import json
import os
import random
import shutil
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
from docx import Document

from intake.maildir import deliver
from marac.config import load
from marac.meetings import circulation, reminders
from marac.store import db
from tests.conftest import PDF, invented_referral, referral_email, run_cli, write_config

DAILY = {'frequency = "monthly"': 'frequency = "daily"\nweekdays = ["Monday", "Tuesday", "Wednesday", "Thursday"]\n'
                                  'circulate_working_days = 2',
         "cutoff_working_days = 5": "cutoff_working_days = 3"}
NOT_SIGNED = '''
[[agencies]]
name = "Exampleshire Probation"
email = "marac@probation.exampleshire.gov.uk"

[[agencies]]
name = "Exampleshire Substance Misuse"
email = "marac@recovery.exampleshire.gov.uk"
isp_signed = 2024-01-10
isp_expires = 2026-01-09
'''
SIGNED = {"marac@exampleshire.police.uk", "marac@childrens.exampleshire.gov.uk",
          "marac@housing.exampleshire.gov.uk", "exampleshire.marac@nhs.net", "idva@idva.exampleshire.gov.uk"}


def _refer(home: Path, pdf_referral, received: list[dt.date], seed: int = 15) -> None:
    """One invented referral received at 10:00 on each day (the Maildir file's time is when it came)."""
    rng = random.Random(seed)
    for day in received:
        values = invented_referral(rng, children=1)
        values["referral.referrer.date"] = values["dash.date"] = "20/11/2026"  # filled in before it was sent
        path = deliver(home / "inbox", referral_email("pc@exampleshire.police.uk", [
            ("r.pdf", pdf_referral(values), PDF)]))
        when = dt.datetime.combine(day, dt.time(10), ZoneInfo("Europe/London")).timestamp()
        os.utime(path, (when, when))


def _cases(home: Path, config: Path) -> list[dict]:
    result = run_cli(home, "cases", "--json", config=config)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _sent(home: Path) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
            for p in sorted((home / "outbox").glob("*.eml"))]


def _papers(home: Path) -> list[email.message.EmailMessage]:
    return [m for m in _sent(home) if "IDVA" not in m["Subject"] and "referral" not in m["Subject"].lower()]


def test_a_daily_marac_over_the_christmas_bank_holidays(tmp_path, pdf_referral):
    config = write_config(tmp_path, DAILY)
    home = tmp_path / "var"
    received = [dt.date(2026, 12, 21), dt.date(2026, 12, 22), dt.date(2026, 12, 23), dt.date(2026, 12, 24),
                dt.date(2026, 12, 28)]
    _refer(home, pdf_referral, received)
    assert run_cli(home, "process-once", config=config).returncode == 0
    # Three working days' cut-off, Christmas Day and the Boxing Day holiday (Monday 28) not counted.
    cases = _cases(home, config)
    assert {c["status"] for c in cases} == {"listed"}
    meeting = {c["case_number"]: c["meeting"] for c in cases}
    arrived = sqlite3.connect(home / "marac.db").execute(
        "SELECT substr(r.received_at, 1, 10), c.case_number FROM referrals r JOIN cases c ON c.id = r.case_id")
    assert {day: meeting[number] for day, number in arrived} == {
        "2026-12-21": "2026-12-24", "2026-12-22": "2026-12-29", "2026-12-23": "2026-12-30",
        "2026-12-24": "2026-12-31", "2026-12-28": "2027-01-04"}

    calendar = run_cli(home, "meeting", "list", "--from", "2026-12-21", "--to", "2027-01-04", config=config)
    assert calendar.returncode == 0, calendar.stderr
    lines = calendar.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["2026-12-21", "2026-12-22", "2026-12-23", "2026-12-24",
                                                   "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-04"]
    assert "2026-12-29 Tue  MARAC; referral cut-off 2026-12-22; list and papers go out 2026-12-23" in lines

    # The daemon's documents job, run on each day of the fortnight: each list goes out once, two
    # working days before its meeting.
    settings = load(config, home)
    conn = db.connect(home / "marac.db")
    went: dict[str, list[str]] = {}
    for offset in range(18):
        today = dt.date(2026, 12, 17) + dt.timedelta(days=offset)
        for report in circulation.due(conn, settings, home, today):
            went.setdefault(today.isoformat(), []).extend(sorted({p.parent.name for p in report.built}))
    assert went == {"2026-12-22": ["2026-12-24"], "2026-12-23": ["2026-12-29"], "2026-12-24": ["2026-12-30"],
                    "2026-12-29": ["2026-12-31"], "2026-12-30": ["2027-01-04"]}
    assert run_cli(home, "process-once", config=config).returncode == 0
    agendas = [m for m in _papers(home) if m["Subject"].endswith(": agenda")]
    assert sorted({m["Subject"] for m in agendas}) == sorted(
        f"MARAC {d}: agenda" for d in ("24 December 2026", "29 December 2026", "30 December 2026",
                                       "31 December 2026", "4 January 2027"))
    assert {m["To"] for m in agendas} == SIGNED


def test_an_emergency_marac_is_listed_and_its_papers_go_out_at_once(tmp_path, pdf_referral):
    config = write_config(tmp_path, {'frequency = "monthly"': 'frequency = "dates"\ndates = [2027-06-08]'},
                          append=NOT_SIGNED)
    home = tmp_path / "var"
    _refer(home, pdf_referral, [dt.date.today()])
    assert run_cli(home, "process-once", config=config).returncode == 0
    [case] = _cases(home, config)
    assert case["meeting"] == "2027-06-08"
    number, day = case["case_number"], dt.date.today() + dt.timedelta(days=1)

    past = run_cli(home, "meeting", "add", "--date", "2026-01-05", "--emergency", "--case", number, config=config)
    assert past.returncode == 2 and "has passed" in past.stderr and not (home / "documents").exists()

    called = run_cli(home, "meeting", "add", "--date", day.isoformat(), "--emergency", "--case", number,
                     config=config)
    assert called.returncode == 0, called.stderr
    out = called.stdout
    assert f"Emergency MARAC on {day:%A %-d %B %Y} ({day.isoformat()}): case {number} listed" in out
    assert "NOT sent to Exampleshire Probation: no Information Sharing Protocol is recorded" in out
    assert "NOT sent to Exampleshire Substance Misuse: its Information Sharing Protocol expired on 2026-01-09" in out
    assert _cases(home, config)[0]["meeting"] == day.isoformat()

    papers = _papers(home)  # sent at once: the command delivers what it queued
    when = f"{day.day} {day:%B %Y}"
    agendas = [m for m in papers if m["Subject"] == f"Emergency MARAC {when}: agenda"]
    research = [m for m in papers if m["Subject"] == f"Emergency MARAC {when}: research form"]
    assert {m["To"] for m in agendas} == SIGNED and {m["To"] for m in research} == SIGNED
    assert len(papers) == len(agendas) + len(research)
    agenda = Document(io.BytesIO(next(agendas[0].iter_attachments()).get_content()))
    assert number in "\n".join(c.text for t in agenda.tables for r in t.rows for c in r.cells)
    assert agenda.paragraphs[0].text.startswith("Emergency Exampleshire MARAC")  # the paper says what it is
    again = run_cli(home, "meeting", "add", "--date", day.isoformat(), "--emergency", "--case", number,
                    config=config)
    assert again.returncode == 0 and len(_papers(home)) == len(papers)  # called twice, sent once
    assert "meeting day already" not in again.stdout
    audit = run_cli(home, "audit", "--case", number, config=config).stdout
    assert all(address in audit for address in SIGNED)
    assert "probation" not in audit and "recovery" not in audit


def _complete(attachment: bytes, agency: str, information: str, actions: list[tuple[str, str, str]]) -> bytes:
    """An agency fills in its own section, as it would in Word, and saves the document."""
    doc = Document(io.BytesIO(attachment))
    tables = doc.tables
    index = next(i for i, t in enumerate(tables) if t.rows[0].cells[1].text.strip() == agency)
    section, grid = tables[index], tables[index + 1]
    section.rows[1].cells[1].text = "A. Representative"
    section.rows[2].cells[1].text = information
    for row, values in zip(grid.rows[1:], actions):
        for cell, text in zip(row.cells, values):
            cell.text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_a_virtual_marac_document_completed_by_two_agencies_is_read_back(tmp_path, pdf_referral):
    config = write_config(tmp_path, {'frequency = "monthly"': 'frequency = "dates"\ndates = [2027-06-08]\n'
                                                              'model = "virtual"'}, append=NOT_SIGNED)
    home = tmp_path / "var"
    _refer(home, pdf_referral, [dt.date.today()])
    assert run_cli(home, "process-once", config=config).returncode == 0
    [case] = _cases(home, config)
    number = case["case_number"]

    # The daemon's documents job on the circulation day (two working days before 8 June 2027).
    conn = db.connect(home / "marac.db")
    assert circulation.due(conn, load(config, home), home, dt.date(2027, 6, 3)) == []
    [report] = circulation.due(conn, load(config, home), home, dt.date(2027, 6, 4))
    assert [p.name for p in report.built] == [f"MARAC-2027-06-08-updates-{number}.docx"]
    assert run_cli(home, "process-once", config=config).returncode == 0
    documents = [m for m in _papers(home) if "information and updates" in m["Subject"]]
    assert {m["Subject"] for m in documents} == {f"MARAC 8 June 2027: information and updates, case {number}"}
    assert {m["To"] for m in documents} == SIGNED  # never to the agencies without an in-date ISP
    by_agency = {m["To"]: next(m.iter_attachments()).get_content() for m in documents}

    police = _complete(by_agency["marac@exampleshire.police.uk"], "Exampleshire Police",
                       "Two call-outs to the address in May; bail conditions in place.",
                       [("Flag the address for an urgent response", "PS Example", "15/06/2027"),
                        ("Check bail conditions with the court", "DC Example", "22/06/2027")])
    health = _complete(by_agency["exampleshire.marac@nhs.net"], "Exampleshire Health",
                       "Seen at A&E in April with bruising.",
                       [("GP to see the victim alone at next visit", "GP practice manager", "30/06/2027")])
    (home / "minutes").mkdir()
    (home / "minutes" / "updates-police.docx").write_bytes(police)
    (home / "minutes" / "updates-health.docx").write_bytes(health)
    assert run_cli(home, "process-once", config=config).returncode == 0
    assert sorted(p.name for p in (home / "minutes" / "imported").iterdir()) == ["updates-health.docx",
                                                                                 "updates-police.docx"]
    # The police copy returned a second time changes nothing.
    shutil.copy(home / "minutes" / "imported" / "updates-police.docx", home / "minutes" / "again.docx")
    assert run_cli(home, "process-once", config=config).returncode == 0

    conn = sqlite3.connect(home / "marac.db")
    actions = conn.execute("SELECT action_ref, agency, owner, deadline FROM actions ORDER BY deadline").fetchall()
    assert [a[1:] for a in actions] == [("Exampleshire Police", "PS Example", "2027-06-15"),
                                        ("Exampleshire Police", "DC Example", "2027-06-22"),
                                        ("Exampleshire Health", "GP practice manager", "2027-06-30")]
    # Ids in the order the copies came back (health's file name sorts first); each agency keeps its own.
    assert [a[0] for a in actions] == [f"{number}-A2", f"{number}-A3", f"{number}-A1"]
    information = dict(conn.execute("SELECT agency, information FROM agency_updates").fetchall())
    assert information["Exampleshire Police"].startswith("Two call-outs to the address in May")
    assert information["Exampleshire Health"].startswith("Seen at A&E in April")
    sheet = openpyxl.load_workbook(home / "tracker.xlsx")["Actions"]
    tracked = [[c.value for c in row] for row in sheet.iter_rows(min_row=2) if row[0].value]
    assert sorted(r[0] for r in tracked) == sorted(a[0] for a in actions)


def test_the_coordinator_is_reminded_when_minutes_are_late(tmp_path, pdf_referral):
    config = write_config(tmp_path, {'frequency = "monthly"': 'frequency = "dates"\ndates = [2027-06-08]'})
    home = tmp_path / "var"
    _refer(home, pdf_referral, [dt.date.today()])
    assert run_cli(home, "process-once", config=config).returncode == 0
    settings, conn = load(config, home), db.connect(home / "marac.db")
    # Tuesday 8 June: the minutes are due by Friday 11 June; nothing is said until that has passed.
    assert reminders.minutes_overdue(conn, settings, dt.date(2027, 6, 11)) == 0
    assert reminders.minutes_overdue(conn, settings, dt.date(2027, 6, 14)) == 1
    assert reminders.minutes_overdue(conn, settings, dt.date(2027, 6, 15)) == 0  # once
    assert run_cli(home, "process-once", config=config).returncode == 0
    [reminder] = [m for m in _sent(home) if "minutes" in m["Subject"]]
    assert reminder["To"] == "marac.coordinator@exampleshire.gov.uk"
    assert reminder["Subject"] == "MARAC 8 June 2027: minutes not yet sent"
    body = reminder.get_body().get_content()
    assert "(1 case)" in body and "by 11 June 2027" in body
    names = sqlite3.connect(home / "marac.db").execute("SELECT victim_name FROM referrals").fetchall()
    assert all(name.split()[-1].lower() not in body.lower() for (name,) in names)
