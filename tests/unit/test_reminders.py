"""Chasing actions: one reminder before the deadline and one once overdue, each exactly once, only to
agencies with an in-date Information Sharing Protocol on a secure domain, with no names in the subject.
Store rows are made with SQL on a real store (SQLite, and PostgreSQL when installed); all names are invented."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
from email.message import EmailMessage
from pathlib import Path

from marac.config import Config, load
from marac.meetings.reminders import due_reminders
from marac.store.db import Connection, utcnow

from tests.conftest import write_config

D = dt.date
DEADLINE = D(2027, 1, 12)
VICTIMS = ("Zara Invented", "Yasmin Fictional")
AGENCIES = '''
[[agencies]]
name = "Exampleshire Probation"
email = "marac@probation.exampleshire.gov.uk"

[[agencies]]
name = "Exampleshire Women's Aid"
email = "marac@exampleshirewomensaid.org"
isp_signed = 2025-09-01
'''


def make_config(tmp_path: Path, replace: dict[str, str] | None = None) -> Config:
    return load(write_config(tmp_path, replace, append=AGENCIES), home=tmp_path / "var")


def make_store(conn: Connection) -> Connection:
    conn.execute("INSERT INTO meetings (date, status) VALUES ('2026-12-08', 'held')")
    for sequence in (1, 2, 3):
        conn.execute("INSERT INTO cases (case_number, year, sequence, meeting, status, created_at)"
                     " VALUES (?, 2026, ?, '2026-12-08', 'heard', ?)", (f"EXM-2026-{sequence:04d}", sequence, utcnow()))
    return conn


def add_action(conn: Connection, ref: str, agency: str, status: str = "Open",
               deadline: dt.date = DEADLINE, description: str | None = None) -> None:
    case_id = conn.execute("SELECT id FROM cases WHERE case_number = ?", (ref.rsplit("-", 1)[0],)).fetchone()[0]
    conn.execute("INSERT INTO actions (action_ref, case_id, meeting, description, agency, owner, deadline, status,"
                 " updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                 (ref, case_id, "2026-12-08", description or f"Share records with the IDVA about {VICTIMS[0]}",
                  agency, "PC Ash Example", deadline.isoformat(), status, utcnow()))


def queued(conn: Connection) -> list[tuple[str, list[str], EmailMessage]]:
    rows = conn.execute("SELECT dedupe_key, recipients, payload FROM outbox ORDER BY id").fetchall()
    return [(r["dedupe_key"], json.loads(r["recipients"]),
             email.message_from_bytes(r["payload"], policy=email.policy.default)) for r in rows]  # type: ignore[misc]


def test_before_the_deadline_once_then_overdue_once(tmp_path: Path, store_conn: Connection) -> None:
    conn, config = make_store(store_conn), make_config(tmp_path)
    add_action(conn, "EXM-2026-0003-A1", "Exampleshire Police")
    add_action(conn, "EXM-2026-0001-A2", "Exampleshire IDVA service", description=f"Call {VICTIMS[1]} back")
    assert due_reminders(conn, config, D(2027, 1, 8)) == 0  # four days out: not yet (3 days before by default)
    assert due_reminders(conn, config, D(2027, 1, 9)) == 2
    assert due_reminders(conn, config, D(2027, 1, 9)) == 0  # the daemon's next pass
    assert due_reminders(conn, config, D(2027, 1, 12)) == 0  # deadline day: the 'before' reminder has gone
    sent = {key: (to, msg) for key, to, msg in queued(conn)}
    police = sent["reminder:EXM-2026-0003-A1:before:2027-01-12"]
    assert police[0] == ["marac@exampleshire.police.uk"]
    assert police[1]["Subject"] == "MARAC action EXM-2026-0003-A1 due 12 January 2027"
    body = police[1].get_content()
    for expected in ("EXM-2026-0003-A1", "EXM-2026-0003", "12 January 2027", "Share records with the IDVA",
                     "replying to this email", "action tracker"):
        assert expected in body
    assert sent["reminder:EXM-2026-0001-A2:before:2027-01-12"][0] == ["idva@idva.exampleshire.gov.uk"]

    assert due_reminders(conn, config, D(2027, 1, 13)) == 2
    assert due_reminders(conn, config, D(2027, 1, 14)) == 0
    assert due_reminders(conn, config, D(2027, 2, 20)) == 0
    subjects = [msg["Subject"] for _, _, msg in queued(conn)]
    assert "MARAC action EXM-2026-0003-A1 overdue: was due 12 January 2027" in subjects
    assert len(subjects) == 4
    for subject in subjects:  # names are in the bodies (the action text) but never in a subject
        assert not any(part in subject for name in VICTIMS for part in name.split())
    assert conn.execute("SELECT count(*) FROM outbox WHERE purpose = 'action-reminder' AND state = 'pending'"
                        ).fetchone()[0] == 4


def test_done_and_cancelled_actions_are_not_chased(tmp_path: Path, store_conn: Connection) -> None:
    conn, config = make_store(store_conn), make_config(tmp_path)
    add_action(conn, "EXM-2026-0001-A1", "Exampleshire Police", status="Done")
    add_action(conn, "EXM-2026-0001-A2", "Exampleshire Police", status=" done ")
    add_action(conn, "EXM-2026-0001-A3", "Exampleshire Police", status="CANCELLED")
    add_action(conn, "EXM-2026-0001-A4", "Exampleshire Police", status="Not done")
    assert due_reminders(conn, config, D(2027, 1, 10)) == 1
    assert due_reminders(conn, config, D(2027, 1, 20)) == 1
    assert {key.split(":")[1] for key, _, _ in queued(conn)} == {"EXM-2026-0001-A4"}


def test_no_reminder_off_the_secure_domains_or_without_an_isp(tmp_path: Path, store_conn: Connection) -> None:
    conn, config = make_store(store_conn), make_config(tmp_path)
    add_action(conn, "EXM-2026-0002-A1", "Exampleshire Women's Aid")  # signed, but not a secure domain
    add_action(conn, "EXM-2026-0002-A2", "Exampleshire Probation")  # secure domain, no ISP
    add_action(conn, "EXM-2026-0002-A3", "Exampleshire Fire and Rescue")  # not configured at all
    for day in (D(2027, 1, 10), D(2027, 1, 11), D(2027, 1, 13), D(2027, 1, 14)):
        assert due_reminders(conn, config, day) == 0
    assert queued(conn) == []
    refused = conn.execute("SELECT case_number, document, detail FROM audit WHERE event = 'refused'"
                           " ORDER BY document").fetchall()
    # Recorded once per action and threshold, however often the daemon looks.
    assert [(r["document"], r["detail"]) for r in refused] == [
        ("reminder EXM-2026-0002-A1 before 2027-01-12", "insecure-domain"),
        ("reminder EXM-2026-0002-A1 overdue 2027-01-12", "insecure-domain"),
        ("reminder EXM-2026-0002-A2 before 2027-01-12", "no-isp"),
        ("reminder EXM-2026-0002-A2 overdue 2027-01-12", "no-isp"),
        ("reminder EXM-2026-0002-A3 before 2027-01-12", "unknown-agency"),
        ("reminder EXM-2026-0002-A3 overdue 2027-01-12", "unknown-agency")]
    assert {r["case_number"] for r in refused} == {"EXM-2026-0002"}


def test_first_seen_overdue_gets_only_the_overdue_reminder(tmp_path: Path, store_conn: Connection) -> None:
    conn, config = make_store(store_conn), make_config(tmp_path)
    add_action(conn, "EXM-2026-0001-A1", "Exampleshire Housing")
    assert due_reminders(conn, config, D(2027, 1, 30)) == 1
    assert [key for key, _, _ in queued(conn)] == ["reminder:EXM-2026-0001-A1:overdue:2027-01-12"]


def test_settings_change_when_reminders_go(tmp_path: Path, store_conn: Connection) -> None:
    conn = make_store(store_conn)
    config = make_config(tmp_path, {"remind_days_before = 3 ": "remind_days_before = 7 ",
                                    "remind_when_overdue = true ": "remind_when_overdue = false "})
    add_action(conn, "EXM-2026-0001-A1", "Exampleshire Housing")
    assert due_reminders(conn, config, D(2027, 1, 4)) == 0
    assert due_reminders(conn, config, D(2027, 1, 5)) == 1
    assert due_reminders(conn, config, D(2027, 1, 20)) == 0


def test_a_moved_deadline_is_chased_afresh(tmp_path: Path, store_conn: Connection) -> None:
    conn, config = make_store(store_conn), make_config(tmp_path)
    add_action(conn, "EXM-2026-0001-A1", "Exampleshire Health")
    assert due_reminders(conn, config, D(2027, 1, 13)) == 1
    conn.execute("UPDATE actions SET deadline = '2027-01-26' WHERE action_ref = 'EXM-2026-0001-A1'")
    assert due_reminders(conn, config, D(2027, 1, 14)) == 0
    assert due_reminders(conn, config, D(2027, 1, 24)) == 1
    assert queued(conn)[-1][2]["Subject"] == "MARAC action EXM-2026-0001-A1 due 26 January 2027"
