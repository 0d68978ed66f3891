"""What the papers read from the store (marac/meetings/pack.py): reasons and DASH score per case, a
transfer's origin, the 12-months rule, the victim and the status of an action carried over, and the next
meeting's date. A real store (SQLite, and PostgreSQL when installed); all names invented."""
from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from docx import Document

from generators.documents.render import render_agenda, render_minutes
from marac.config import Config, load
from marac.meetings import pack
from marac.store.cases import add_referral, new_case
from marac.store.db import Connection, utcnow
from tests.conftest import write_config

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2026, 12, 8)


def config(tmp_path: Path) -> Config:
    path = write_config(tmp_path, {'frequency = "monthly"': 'frequency = "dates"\n'
                                   'dates = [2025-06-10, 2026-11-10, 2026-12-08, 2027-01-12]'})
    return load(path, home=tmp_path / "var")


def parsed(victim: str, dob: str, agency: str = "Exampleshire Police", dash: int | None = None,
           **referral: Any) -> dict[str, Any]:
    answers = {str(n): "yes" if dash is not None and n <= dash else "no" for n in range(1, 25)}
    return {"referral": {"referrer": {"agency": agency}, "victim": {"name": victim, "dob": dob}, **referral},
            "dash": {"answers": answers, "score": dash} if dash is not None else None}


def add_case(conn: Connection, meeting: str, status: str, form: dict[str, Any], repeat: bool = False,
             received: str | None = None) -> tuple[int, str]:
    conn.execute("INSERT OR IGNORE INTO meetings (date, status) VALUES (?, 'held')", (meeting,))
    case_id, number = new_case(conn, "EXM", int(meeting[:4]), status, meeting, repeat=repeat)
    message = conn.execute("INSERT INTO messages (mailbox, source_key, content_hash, size, received_at, outcome)"
                           " VALUES ('test', ?, ?, 1, ?, 'referral')", (number, number, utcnow())).lastrowid
    add_referral(conn, case_id=case_id, message=int(message or 0), parsed=form, received=received or f"{meeting}T09:00")
    return case_id, number


def store(conn: Connection) -> tuple[Connection, dict[str, str]]:
    numbers = {}
    _, numbers["long_ago"] = add_case(conn, "2025-06-10", "heard", parsed("Petra Invented", "1988-04-04"),
                                      received="2025-05-20T09:00")
    earlier_id, numbers["earlier"] = add_case(conn, "2026-11-10", "heard", parsed("Rhona Madeup", "1979-09-09"))
    conn.execute("INSERT INTO actions (action_ref, case_id, meeting, description, agency, owner, deadline, status,"
                 " updated_at) VALUES (?,?,?,?,?,?,?,?,?)", (f"{numbers['earlier']}-A1", earlier_id, "2026-11-10",
                                                             "Check the address history", "Exampleshire Police",
                                                             "PC Invented", "2026-11-30", "in progress", utcnow()))
    # Heard 18 months ago, referred again: not a repeat, heard in the "12 months have passed" section.
    _, numbers["returning"] = add_case(conn, "2026-12-08", "listed",
                                       parsed("Petra Invented", "1988-04-04", dash=18, dash_score_stated=17,
                                              reasons={"visible_high_risk": True}))
    _, numbers["transfer"] = add_case(conn, "2026-12-08", "listed",
                                      parsed("Sian Fictional", "1992-02-02", agency="Exampleshire Housing",
                                             transfer_from="Northshire MARAC", dash_score_stated=9,
                                             reasons={"professional_judgement": True}))
    return conn, numbers


def agenda_text(data: bytes) -> str:
    """Paragraphs and table cells in document order."""
    lines = []
    for block in Document(io.BytesIO(data)).iter_inner_content():
        lines += [c.text for r in block.rows for c in r.cells] if hasattr(block, "rows") else [block.text]
    return "\n".join(lines)


def test_the_pack_carries_what_the_agenda_and_minutes_need(tmp_path: Path, store_conn: Connection) -> None:
    conn, numbers = store(store_conn)
    found = pack.load(conn, config(tmp_path), DAY).pack
    by_number = {c.case_number: c for c in found.cases}
    returning, transfer = by_number[numbers["returning"]], by_number[numbers["transfer"]]
    assert (returning.last_heard, returning.last_heard_case) == (dt.date(2025, 6, 10), numbers["long_ago"])
    assert returning.twelve_months_passed and not transfer.twelve_months_passed
    assert (returning.dash_score, returning.reasons) == (18, ("Visible high risk",))  # counted beats stated
    assert (transfer.dash_score, transfer.reasons) == (9, ("Professional judgement",))
    assert transfer.transferred_from == "Northshire MARAC" and returning.transferred_from is None
    assert found.next_meeting == dt.date(2027, 1, 12)

    agenda = agenda_text(render_agenda((ROOT / "templates" / "agenda.docx").read_bytes(), found))
    section = agenda.split("6 Cases where 12 months have passed")[1]
    assert numbers["returning"] in section and numbers["transfer"] not in section
    assert f"Last heard 10 June 2025 (case {numbers['long_ago']})" in agenda
    assert "Transferred from Northshire MARAC" in agenda and "DASH score 18" in agenda
    # The action carried over names its case's victim as the agenda would, its status as the tracker spells it.
    carried = agenda.split("3 Incomplete actions")[1].split("4 New cases")[0]
    assert "Rhona Madeup (DOB 9 September 1979)" in carried and "In progress" in carried
    assert "in progress" not in carried

    minutes = agenda_text(render_minutes((ROOT / "templates" / "minutes.docx").read_bytes(), found))
    assert "The next meeting is on 12 January 2027." in minutes


def test_a_victim_heard_within_12_months_is_not_in_the_12_months_section(tmp_path: Path, store_conn: Connection) -> None:
    conn, _ = store(store_conn)
    _, recent = add_case(conn, "2026-11-10", "heard", parsed("Tess Invented", "1985-05-05"))
    _, again = add_case(conn, "2026-12-08", "listed", parsed("Tess Invented", "1985-05-05"))
    found = {c.case_number: c for c in pack.load(conn, config(tmp_path), DAY).pack.cases}
    assert not found[again].twelve_months_passed and found[again].last_heard is None
    assert recent not in found and json.dumps(found[again].reasons) == "[]"
