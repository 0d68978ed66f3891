"""The store's side of retention, legal holds and the data protection officer's export."""
from __future__ import annotations

import json
from typing import Any

from .db import Connection, Row, is_shared, utcnow


def _outbox_naming(conn: Connection, case_number: str) -> list[int]:
    """Outbox rows that name a case, alone (`case_number`) or in their `cases` (a JSON list). SQLite's
    json_each and PostgreSQL's JSON functions differ, so a portable LIKE on the JSON text finds the
    candidates (SQLite's LIKE ignores case) and Python keeps the exact matches."""
    pattern = "%" + json.dumps(case_number).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"
    rows = conn.execute("SELECT id, case_number, cases FROM outbox WHERE case_number = ? OR cases LIKE ? ESCAPE '!'"
                        " ORDER BY id", (case_number, pattern)).fetchall()
    return [int(r[0]) for r in rows if r[1] == case_number or case_number in json.loads(r[2])]


def hold(conn: Connection, case_number: str, why: str) -> None:
    conn.execute("INSERT INTO holds (case_number, why, placed_at) VALUES (?,?,?) ON CONFLICT (case_number)"
                 " DO UPDATE SET why = excluded.why, placed_at = excluded.placed_at", (case_number, why, utcnow()))


def release(conn: Connection, case_number: str) -> bool:
    return conn.execute("DELETE FROM holds WHERE case_number = ?", (case_number,)).rowcount > 0


def holds(conn: Connection) -> dict[str, Row]:
    return {r["case_number"]: r for r in conn.execute("SELECT * FROM holds ORDER BY case_number")}


def case_activity(conn: Connection) -> list[Row]:
    """Each case with the day of its last referral and of its meeting (the later one starts the clock)."""
    return conn.execute(
        "SELECT c.id, c.case_number, c.meeting, max(r.received_at) AS last_referral FROM cases c"
        " LEFT JOIN referrals r ON r.case_id = c.id GROUP BY c.id ORDER BY c.id").fetchall()


def case_contents(conn: Connection, case_id: int) -> dict[str, Any]:
    """What the store holds on one case, as plain data (for the export)."""
    case = conn.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
    number = case["case_number"]
    referrals = conn.execute("SELECT id, agency, received_at, parsed FROM referrals WHERE case_id = ? ORDER BY id",
                             (case_id,)).fetchall()
    return {
        "case": dict(case),
        "referrals": [{**dict(r), "parsed": json.loads(r["parsed"])} for r in referrals],
        "actions": [dict(r) for r in conn.execute("SELECT * FROM actions WHERE case_id = ? ORDER BY id", (case_id,))],
        "desk": [dict(r) for r in conn.execute("SELECT * FROM desk WHERE case_id = ? OR match_case = ? ORDER BY"
                                               " created_at", (case_id, case_id))],
        "disclosures": [dict(r) for r in conn.execute("SELECT * FROM audit WHERE case_number = ? ORDER BY id",
                                                      (number,))],
        "hold": dict(h) if (h := conn.execute("SELECT * FROM holds WHERE case_number = ?", (number,)).fetchone())
        else None,
    }


def messages_of(conn: Connection, case_id: int) -> list[Row]:
    return conn.execute("SELECT * FROM messages WHERE case_id = ? OR id IN (SELECT message FROM referrals"
                        " WHERE case_id = ?) ORDER BY id", (case_id, case_id)).fetchall()


def outgoing_of(conn: Connection, case_number: str) -> list[Row]:
    """Every stored outgoing message that names the case, alone or among others."""
    ids = _outbox_naming(conn, case_number)
    return conn.execute(f"SELECT * FROM outbox WHERE id IN ({','.join('?' * len(ids))}) ORDER BY id",
                        ids).fetchall() if ids else []


def all_parsed(conn: Connection) -> list[Row]:
    return conn.execute("SELECT r.parsed, c.case_number FROM referrals r JOIN cases c ON c.id = r.case_id"
                        " ORDER BY c.id").fetchall()


def purge_case(conn: Connection, case_id: int, case_number: str) -> dict[str, int]:
    """Delete everything the store holds on one case except its audit entries (case numbers and hashes
    only, and the chain depends on them) and the ledger's fingerprint of each message (so a message
    still in the mailbox is not taken as new)."""
    counts: dict[str, int] = {}
    refs = "SELECT id FROM referrals WHERE case_id = ?"
    # The tracker's record of what it last wrote (tracker_sync) stays: it is how the next sync knows the
    # workbook's rows of these actions are the service's own and takes them out (and then forgets them).
    counts["actions"] = conn.execute("DELETE FROM actions WHERE case_id = ?", (case_id,)).rowcount
    counts["agency updates"] = conn.execute("DELETE FROM agency_updates WHERE case_id = ?", (case_id,)).rowcount
    conn.execute(f"DELETE FROM victim_keys WHERE referral_id IN ({refs})", (case_id,))
    counts["referrals"] = conn.execute("DELETE FROM referrals WHERE case_id = ?", (case_id,)).rowcount
    counts["desk entries"] = conn.execute("DELETE FROM desk WHERE case_id = ?", (case_id,)).rowcount
    conn.execute("UPDATE desk SET match_case = NULL WHERE match_case = ?", (case_id,))
    conn.execute("UPDATE messages SET case_id = NULL, exception_dir = NULL WHERE case_id = ?", (case_id,))
    counts["stored messages"] = forget_sent(conn, _outbox_naming(conn, case_number))
    conn.execute("UPDATE cases SET previous_case = NULL WHERE previous_case = ?", (case_id,))
    conn.execute("DELETE FROM holds WHERE case_number = ?", (case_number,))
    counts["cases"] = conn.execute("DELETE FROM cases WHERE id = ?", (case_id,)).rowcount
    return {k: v for k, v in counts.items() if v}


def sent_before(conn: Connection, cutoff: str) -> list[Row]:
    return conn.execute("SELECT id, case_number, cases, header_message_id FROM outbox WHERE state IN ('sent', 'refused')"
                        " AND coalesce(sent_at, created_at) < ?", (cutoff,)).fetchall()


def forget_sent(conn: Connection, ids: list[int]) -> int:
    return sum(conn.execute("DELETE FROM outbox WHERE id = ?", (i,)).rowcount for i in ids)


def log_purge(conn: Connection, case_number: str | None, what: str, count: int, why: str) -> None:
    conn.execute("INSERT INTO purges (at, case_number, what, count, why) VALUES (?,?,?,?,?)",
                 (utcnow(), case_number, what, count, why))


def desk_folders_of(conn: Connection, case_id: int) -> list[str]:
    return [r["folder"] for r in conn.execute("SELECT folder FROM desk WHERE case_id = ?", (case_id,))]


def decided_desk_folders(conn: Connection, cutoff: str) -> list[Row]:
    return conn.execute("SELECT folder, case_id FROM desk WHERE decided_at IS NOT NULL AND decided_at < ?",
                        (cutoff,)).fetchall()


def secure_compact(conn: Connection) -> None:
    """Deleted rows must not stay readable in free pages or in the write-ahead log."""
    if is_shared(conn):
        # PostgreSQL: VACUUM FULL rewrites each of the area's tables into new files without the dead rows
        # (the old files are removed). Its write-ahead log and backups are the database's administrator's.
        for (table,) in conn.execute("SELECT table_name FROM information_schema.tables"
                                     " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                                     " ORDER BY table_name").fetchall():
            conn.execute(f'VACUUM FULL "{table}"')
        return
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
