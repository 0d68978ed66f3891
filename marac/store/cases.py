"""Cases and the referrals behind them."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from .db import utcnow


@dataclass(frozen=True)
class CaseSummary:
    case_number: str
    meeting: str | None
    status: str
    repeat: bool
    referrals: int
    agencies: list[str]
    children: bool
    warnings: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {"case_number": self.case_number, "meeting": self.meeting, "status": self.status,
                "repeat": self.repeat, "referrals": self.referrals, "agencies": self.agencies,
                "children": self.children, "warnings": self.warnings}


def ensure_meeting(conn: sqlite3.Connection, date: str, venue: str, chair: str) -> None:
    conn.execute("INSERT OR IGNORE INTO meetings (date, venue, chair) VALUES (?,?,?)", (date, venue, chair))


def new_case(conn: sqlite3.Connection, area_code: str, year: int, status: str, meeting: str | None = None,
             repeat: bool = False, previous_case: int | None = None,
             warnings: list[str] | None = None) -> tuple[int, str]:
    """Create a case with the next readable number for the year, e.g. EXM-2026-0042."""
    sequence = conn.execute("SELECT coalesce(max(sequence), 0) + 1 FROM cases WHERE year = ?",
                            (year,)).fetchone()[0]
    number = f"{area_code}-{year}-{sequence:04d}"
    cur = conn.execute(
        "INSERT INTO cases (case_number, year, sequence, meeting, status, repeat, previous_case, created_at,"
        " warnings) VALUES (?,?,?,?,?,?,?,?,?)",
        (number, year, sequence, meeting, status, int(repeat), previous_case, utcnow(), json.dumps(warnings or [])))
    return int(cur.lastrowid or 0), number


def number_of(conn: sqlite3.Connection, case_id: int) -> str:
    return str(conn.execute("SELECT case_number FROM cases WHERE id = ?", (case_id,)).fetchone()[0])


def add_warnings(conn: sqlite3.Connection, case_id: int, warnings: list[str]) -> None:
    """Notes for the coordinator added to a case's own, each once."""
    if not warnings:
        return
    row = conn.execute("SELECT warnings FROM cases WHERE id = ?", (case_id,)).fetchone()
    known = json.loads(row[0]) if row and row[0] else []
    merged = known + [w for w in dict.fromkeys(warnings) if w not in known]
    conn.execute("UPDATE cases SET warnings = ? WHERE id = ?", (json.dumps(merged), case_id))


def update(conn: sqlite3.Connection, case_id: int, **values: Any) -> None:
    allowed = {"status", "meeting", "repeat", "previous_case", "warnings"}
    assert set(values) <= allowed, values
    if "warnings" in values:
        values["warnings"] = json.dumps(values["warnings"])
    assignments = ", ".join(f"{k} = ?" for k in values)
    conn.execute(f"UPDATE cases SET {assignments} WHERE id = ?", (*values.values(), case_id))


def mark_heard(conn: sqlite3.Connection, today: str) -> int:
    """Cases whose meeting has passed have been heard."""
    return conn.execute("UPDATE cases SET status = 'heard' WHERE status = 'listed' AND meeting < ?",
                        (today,)).rowcount


def _file_keys(conn: sqlite3.Connection, referral_id: int, parsed: dict[str, Any]) -> None:
    from marac.referral.identity import Identity, blocking_keys  # the store files what matching will look up
    conn.execute("DELETE FROM victim_keys WHERE referral_id = ?", (referral_id,))
    keys = blocking_keys(Identity.from_referral(parsed.get("referral") or {}))
    conn.executemany("INSERT OR IGNORE INTO victim_keys (referral_id, key) VALUES (?, ?)",
                     [(referral_id, key) for key in keys])


def add_referral(conn: sqlite3.Connection, *, case_id: int, message: int, parsed: dict[str, Any],
                 received: str | None = None) -> int:
    referral = parsed.get("referral") or {}
    victim = referral.get("victim") or {}
    cur = conn.execute(
        "INSERT INTO referrals (case_id, message, agency, received_at, parsed, victim_name, victim_dob,"
        " has_children) VALUES (?,?,?,?,?,?,?,?)",
        (case_id, message, (referral.get("referrer") or {}).get("agency"), received or utcnow(),
         json.dumps(parsed), victim.get("name"), victim.get("dob"), int(bool(referral.get("children")))))
    referral_id = int(cur.lastrowid or 0)
    _file_keys(conn, referral_id, parsed)
    return referral_id


def summaries(conn: sqlite3.Connection, meeting: str | None = None) -> list[CaseSummary]:
    sql = ("SELECT c.case_number, c.meeting, c.status, c.repeat, c.warnings, count(r.id) AS n,"
           " json_group_array(DISTINCT r.agency) AS agencies, max(r.has_children) AS children"
           " FROM cases c LEFT JOIN referrals r ON r.case_id = c.id")
    args: tuple[Any, ...] = ()
    if meeting is not None:
        sql += " WHERE c.meeting = ?"
        args = (meeting,)
    sql += " GROUP BY c.id ORDER BY c.year, c.sequence"
    return [CaseSummary(r["case_number"], r["meeting"], r["status"], bool(r["repeat"]), r["n"],
                        sorted(a for a in json.loads(r["agencies"]) if a),
                        bool(r["children"]), json.loads(r["warnings"])) for r in conn.execute(sql, args)]


def victim_identity(conn: sqlite3.Connection, case_number: str) -> list[sqlite3.Row]:
    """Names and dates of birth behind a case, for `cases --identify` only."""
    return conn.execute(
        "SELECT r.victim_name, r.victim_dob FROM referrals r JOIN cases c ON c.id = r.case_id"
        " WHERE c.case_number = ?", (case_number,)).fetchall()


def referrals_of_message(conn: sqlite3.Connection, message: int) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM referrals WHERE message = ?", (message,)).fetchall()


def replace_parsed(conn: sqlite3.Connection, referral_id: int, parsed: dict[str, Any]) -> None:
    """A coordinator's correction replaces what was read from the form (the original stays on the desk)."""
    referral = parsed.get("referral") or {}
    victim = referral.get("victim") or {}
    conn.execute("UPDATE referrals SET parsed = ?, agency = ?, victim_name = ?, victim_dob = ?, has_children = ?"
                 " WHERE id = ?", (json.dumps(parsed), (referral.get("referrer") or {}).get("agency"),
                                   victim.get("name"), victim.get("dob"), int(bool(referral.get("children"))),
                                   referral_id))
    _file_keys(conn, referral_id, parsed)


def move_referral(conn: sqlite3.Connection, referral_id: int, case_id: int) -> None:
    conn.execute("UPDATE referrals SET case_id = ? WHERE id = ?", (case_id, referral_id))


def get_case(conn: sqlite3.Connection, case_id: int) -> sqlite3.Row:
    return conn.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()


def referrals_filed_under(conn: sqlite3.Connection, keys: list[str]) -> list[sqlite3.Row]:
    """Referrals on cases not closed that share a matching key (`victim_keys`) with a new referral, with
    their case and the date of the case's latest referral (`last`)."""
    marks = ",".join("?" * len(keys))
    return conn.execute(
        "SELECT c.id, c.case_number, c.status, c.meeting, r.parsed,"
        " (SELECT max(r2.received_at) FROM referrals r2 WHERE r2.case_id = c.id) AS last"
        f" FROM referrals r JOIN cases c ON c.id = r.case_id WHERE r.id IN"
        f" (SELECT DISTINCT referral_id FROM victim_keys WHERE key IN ({marks})) AND c.status != 'closed'",
        keys).fetchall()


def referrals_of(conn: sqlite3.Connection, case_id: int) -> list[sqlite3.Row]:
    """A case's referrals (agency, parsed JSON), oldest first."""
    return conn.execute("SELECT agency, parsed FROM referrals WHERE case_id = ? ORDER BY received_at, id",
                        (case_id,)).fetchall()


def heard_with_last_referral(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Heard cases (case_number) with the time of their latest referral (`last`)."""
    return conn.execute(
        "SELECT c.case_number, max(r.received_at) AS last FROM cases c JOIN referrals r ON r.case_id = c.id"
        " WHERE c.status = 'heard' GROUP BY c.id ORDER BY c.case_number").fetchall()


def for_meeting(conn: sqlite3.Connection, day: dt.date) -> list[sqlite3.Row]:
    """The cases listed for (or already heard at) a meeting, in case-number order."""
    return conn.execute("SELECT * FROM cases WHERE meeting = ? AND status IN ('listed', 'heard')"
                        " ORDER BY year, sequence", (day.isoformat(),)).fetchall()


def count_on_desk(conn: sqlite3.Connection, day: dt.date) -> int:
    """Cases for a meeting still waiting for the coordinator."""
    return int(conn.execute("SELECT count(*) FROM cases WHERE meeting = ? AND status = 'exception'",
                            (day.isoformat(),)).fetchone()[0])


def find_by_number(conn: sqlite3.Connection, case_number: str) -> sqlite3.Row | None:
    return conn.execute("SELECT id, case_number, meeting FROM cases WHERE case_number = ?",
                        (case_number,)).fetchone()


def find_by_year_and_sequence(conn: sqlite3.Connection, prefix: str, year: int,
                              sequence: int) -> sqlite3.Row | None:
    """EXM-2026-7 typed for EXM-2026-0007: the same area prefix, year and sequence."""
    return conn.execute("SELECT id, case_number, meeting FROM cases WHERE year = ? AND sequence = ?"
                        " AND case_number LIKE ?", (year, sequence, f"{prefix}-%")).fetchone()
