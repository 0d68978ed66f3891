"""Commands that show what the service holds: cases, the desk, the audit of a case."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from marac.store.db import Connection

from .common import UsageError, open_store
from .meetings import scheduled_meeting


def cmd_cases(args: argparse.Namespace) -> int:
    from marac.store import cases, transfers
    config, _, conn = open_store(args)
    meeting = scheduled_meeting(conn, config, args.meeting).isoformat() if args.meeting else None
    rows = cases.summaries(conn, meeting)
    moved = transfers.transfer_columns(conn)  # inter-MARAC transfers: (from, to) by case number
    if args.json:
        out = []
        for row in rows:
            item = row.as_dict()
            item["transferred_from"], item["transferred_to"] = moved.get(row.case_number, (None, None))
            if args.identify:
                item["victims"] = [dict(r) for r in cases.victim_identity(conn, row.case_number)]
            out.append(item)
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print(f"No cases listed for the meeting on {meeting}." if meeting else "No cases yet.")
    for row in rows:
        flags = " ".join(f for f, on in (("repeat", row.repeat), ("children", row.children)) if on)
        came, went = moved.get(row.case_number, (None, None))
        flags += "".join(f"  {what} {area}" for what, area in (("transferred from", came), ("transferred to", went))
                         if area)
        print(f"{row.case_number}  {row.meeting or 'no meeting yet':<14} {row.status:<9} "
              f"{row.referrals} referral(s): {', '.join(row.agencies) or 'agency not stated'}  {flags}".rstrip())
        for warning in row.warnings:
            print(f"    note: {warning}")
        if args.identify:
            for r in cases.victim_identity(conn, row.case_number):
                print(f"    victim: {r['victim_name']}  born {r['victim_dob'] or 'unknown'}")
    return 0


def cmd_desk(args: argparse.Namespace) -> int:
    from marac.flow.desk_list import open_folders
    _, home, conn = open_store(args)
    folders = open_folders(conn, home / "exceptions")
    now = dt.datetime.now(dt.timezone.utc)
    if args.json:
        print(json.dumps([{"folder": f.name, "waiting_hours": int((now - f.since).total_seconds() // 3600),
                           "case_number": f.case_number, "reason": f.reason, "awaited": f.awaited}
                          for f in folders], indent=2, ensure_ascii=False))
        return 0
    if not folders:
        print(f"The desk is empty: nothing in {home / 'exceptions'} is waiting for you.")
        return 0
    print(f"{len(folders)} folder(s) waiting in {home / 'exceptions'}, oldest first:")
    for f in folders:
        print(f"\n{f.age(now):>7}  {f.case_number or 'no case yet'}  {f.name}")
        print(f"         {f.reason}")
        print(f"         Awaited: {f.awaited}.")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from marac.store import audit
    _, _, conn = open_store(args)
    if args.action == "verify":
        return _verify_audit(conn)
    if not args.case:
        raise UsageError("Give the case: audit --case NUMBER (or `audit verify` to check the whole trail)")
    rows = audit.for_case(conn, args.case)
    if not rows:
        print(f"Nothing has been disclosed for case {args.case}.")
    for r in rows:
        print(f"{r['at']}  {r['event']:<10} {r['document'] or '-'}  to {r['recipient'] or '-'}  "
              f"sha256 {r['sha256'] or '-'}" + (f"  ({r['detail']})" if r["detail"] else ""))
    return 0


def _verify_audit(conn: Connection) -> int:
    from marac.store import chain
    checked, broken = chain.verify(conn)
    last_id, head = chain.head(conn)
    if broken is None:
        print(f"The audit trail is intact: {checked} entries, each linked to the one before. "
              f"Head: entry {last_id}, {head}. Compare it with the 'audit.head' lines in the service's log "
              "to be sure the trail was not rewritten as a whole.")
        return 0
    print(f"The audit trail has been tampered with at entry {broken.id} ({broken.at}, {broken.event}, "
          f"case {broken.case_number or '-'}): {broken.why}. {checked - 1} entries before it are intact.",
          file=sys.stderr)
    return 1
