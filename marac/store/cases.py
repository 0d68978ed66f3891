"""Cases and the referrals behind them."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from .db import Connection, Row, utcnow


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


def ensure_meeting(conn: Connection, date: str, venue: str, chair: str) -> None:
    conn.execute("INSERT OR IGNORE INTO meetings (date, venue, chair) VALUES (?,?,?)", (date, venue, chair))


def new_case(conn: Connection, area_code: str, year: int, status: str, meeting: str | None = None,
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


def number_of(conn: Connection, case_id: int) -> str:
    return str(conn.execute("SELECT case_number FROM cases WHERE id = ?", (case_id,)).fetchone()[0])


def add_warnings(conn: Connection, case_id: int, warnings: list[str]) -> None:
    """Notes for the coordinator added to a case's own, each once."""
    if not warnings:
        return
    row = conn.execute("SELECT warnings FROM cases WHERE id = ?", (case_id,)).fetchone()
    known = json.loads(row[0]) if row and row[0] else []
    merged = known + [w for w in dict.fromkeys(warnings) if w not in known]
    conn.execute("UPDATE cases SET warnings = ? WHERE id = ?", (json.dumps(merged), case_id))


def update(conn: Connection, case_id: int, **values: Any) -> None:
    allowed = {"status", "meeting", "repeat", "previous_case", "warnings"}
    assert set(values) <= allowed, values
    if "warnings" in values:
        values["warnings"] = json.dumps(values["warnings"])
    assignments = ", ".join(f"{k} = ?" for k in values)
    conn.execute(f"UPDATE cases SET {assignments} WHERE id = ?", (*values.values(), case_id))


def mark_heard(conn: Connection, today: str) -> int:
    """Cases whose meeting has passed have been heard."""
    return conn.execute("UPDATE cases SET status = 'heard' WHERE status = 'listed' AND meeting < ?",
                        (today,)).rowcount


def _file_keys(conn: Connection, referral_id: int, parsed: dict[str, Any]) -> None:
    from marac.referral.identity import Identity, blocking_keys  # the store files what matching will look up
    conn.execute("DELETE FROM victim_keys WHERE referral_id = ?", (referral_id,))
    keys = blocking_keys(Identity.from_referral(parsed.get("referral") or {}))
    conn.executemany("INSERT OR IGNORE INTO victim_keys (referral_id, key) VALUES (?, ?)",
                     [(referral_id, key) for key in keys])


def add_referral(conn: Connection, *, case_id: int, message: int, parsed: dict[str, Any],
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


def summaries(conn: Connection, meeting: str | None = None) -> list[CaseSummary]:
    where, args = (" WHERE c.meeting = ?", (meeting,)) if meeting is not None else ("", ())
    # Each case's agencies are read apart: SQLite's json_group_array has no portable equivalent.
    agencies: dict[int, list[str]] = {}
    for case_id, agency in conn.execute("SELECT DISTINCT c.id, r.agency FROM cases c JOIN referrals r"
                                        f" ON r.case_id = c.id AND r.agency IS NOT NULL{where}", args).fetchall():
        if agency:
            agencies.setdefault(int(case_id), []).append(agency)
    sql = ("SELECT c.id, c.case_number, c.meeting, c.status, c.repeat, c.warnings, count(r.id) AS n,"
           " max(r.has_children) AS children FROM cases c LEFT JOIN referrals r ON r.case_id = c.id"
           f"{where} GROUP BY c.id ORDER BY c.year, c.sequence")
    return [CaseSummary(r["case_number"], r["meeting"], r["status"], bool(r["repeat"]), int(r["n"]),
                        sorted(agencies.get(int(r["id"]), [])),
                        bool(r["children"]), json.loads(r["warnings"])) for r in conn.execute(sql, args)]


def victim_identity(conn: Connection, case_number: str) -> list[Row]:
    """Names and dates of birth behind a case, for `cases --identify` only."""
    return conn.execute(
        "SELECT r.victim_name, r.victim_dob FROM referrals r JOIN cases c ON c.id = r.case_id"
        " WHERE c.case_number = ?", (case_number,)).fetchall()


def referrals_of_message(conn: Connection, message: int) -> list[Row]:
    return conn.execute("SELECT * FROM referrals WHERE message = ?", (message,)).fetchall()


def replace_parsed(conn: Connection, referral_id: int, parsed: dict[str, Any]) -> None:
    """A coordinator's correction replaces what was read from the form (the original stays on the desk)."""
    referral = parsed.get("referral") or {}
    victim = referral.get("victim") or {}
    conn.execute("UPDATE referrals SET parsed = ?, agency = ?, victim_name = ?, victim_dob = ?, has_children = ?"
                 " WHERE id = ?", (json.dumps(parsed), (referral.get("referrer") or {}).get("agency"),
                                   victim.get("name"), victim.get("dob"), int(bool(referral.get("children"))),
                                   referral_id))
    _file_keys(conn, referral_id, parsed)


def move_referral(conn: Connection, referral_id: int, case_id: int) -> None:
    conn.execute("UPDATE referrals SET case_id = ? WHERE id = ?", (case_id, referral_id))


def get_case(conn: Connection, case_id: int) -> Row:
    return conn.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()


def referrals_filed_under(conn: Connection, keys: list[str]) -> list[Row]:
    """Referrals on cases not closed that share a matching key (`victim_keys`) with a new referral, with
    their case and the date of the case's latest referral (`last`)."""
    marks = ",".join("?" * len(keys))
    return conn.execute(
        "SELECT c.id, c.case_number, c.status, c.meeting, r.parsed,"
        " (SELECT max(r2.received_at) FROM referrals r2 WHERE r2.case_id = c.id) AS last"
        f" FROM referrals r JOIN cases c ON c.id = r.case_id WHERE r.id IN"
        f" (SELECT DISTINCT referral_id FROM victim_keys WHERE key IN ({marks})) AND c.status != 'closed'",
        keys).fetchall()


def referrals_of(conn: Connection, case_id: int) -> list[Row]:
    """A case's referrals (agency, parsed JSON), oldest first."""
    return conn.execute("SELECT agency, parsed FROM referrals WHERE case_id = ? ORDER BY received_at, id",
                        (case_id,)).fetchall()


def heard_with_last_referral(conn: Connection) -> list[Row]:
    """Heard cases (case_number) with the time of their latest referral (`last`)."""
    return conn.execute(
        "SELECT c.case_number, max(r.received_at) AS last FROM cases c JOIN referrals r ON r.case_id = c.id"
        " WHERE c.status = 'heard' GROUP BY c.id ORDER BY c.case_number").fetchall()


def for_meeting(conn: Connection, day: dt.date) -> list[Row]:
    """The cases listed for (or already heard at) a meeting, in case-number order."""
    return conn.execute("SELECT * FROM cases WHERE meeting = ? AND status IN ('listed', 'heard')"
                        " ORDER BY year, sequence", (day.isoformat(),)).fetchall()


def count_on_desk(conn: Connection, day: dt.date) -> int:
    """Cases for a meeting still waiting for the coordinator."""
    return int(conn.execute("SELECT count(*) FROM cases WHERE meeting = ? AND status = 'exception'",
                            (day.isoformat(),)).fetchone()[0])


def find_by_number(conn: Connection, case_number: str) -> Row | None:
    return conn.execute("SELECT id, case_number, meeting FROM cases WHERE case_number = ?",
                        (case_number,)).fetchone()


def find_by_year_and_sequence(conn: Connection, prefix: str, year: int,
                              sequence: int) -> Row | None:
    """EXM-2026-7 typed for EXM-2026-0007: the same area prefix, year and sequence."""
    return conn.execute("SELECT id, case_number, meeting FROM cases WHERE year = ? AND sequence = ?"
                        " AND case_number LIKE ?", (year, sequence, f"{prefix}-%")).fetchone()
