"""Commands for the data protection officer: purge what is due, hold a case, export what is held."""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from marac.config import ConfigError

from .common import UsageError, open_store


def cmd_purge(args: argparse.Namespace) -> int:
    from marac.daemon.lock import take_lock
    from marac.records import retention
    config, home, conn = open_store(args)
    today = dt.date.today()
    if args.as_of:
        if not args.dry_run:
            raise UsageError("--as-of only goes with --dry-run: a purge always counts from today")
        try:
            today = dt.date.fromisoformat(args.as_of)
        except ValueError:
            raise UsageError(f"'{args.as_of}' is not a date written YYYY-MM-DD") from None
    if args.dry_run:
        for line in retention.plan(conn, config, home, today).lines():
            print(line)
        return 0
    try:
        lock = take_lock(home / "marac.lock")
    except ConfigError:
        raise UsageError("The running service purges what is due once a day; stop it first to purge now") from None
    try:
        done = retention.purge(conn, config, home, today)
    finally:
        lock.close()
    for line in done.lines():
        print(("purged " if not line.startswith("Nothing") and "legal hold" not in line else "") + line)
    return 0


def cmd_hold(args: argparse.Namespace) -> int:
    from marac.store import cases, records
    from marac.store.db import transaction
    _, _, conn = open_store(args)
    if cases.find_by_number(conn, args.case) is None:
        raise UsageError(f"There is no case {args.case}")
    with transaction(conn):
        if args.release:
            released = records.release(conn, args.case)
        else:
            if not (args.why or "").strip():
                raise UsageError("Say why the case is held: hold --case NUMBER --why \"...\"")
            records.hold(conn, args.case, args.why.strip())
    if args.release:
        print(f"Case {args.case} is {'no longer' if released else 'was not'} on legal hold.")
    else:
        print(f"Case {args.case} is on legal hold: it is kept whatever the retention settings say, until "
              f"`hold --case {args.case} --release`.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from intake.files import atomic_write
    from marac.records.export import NoSuchCase, export_case, find_person
    config, home, conn = open_store(args)
    if args.person:
        try:
            dob = dt.date.fromisoformat(args.dob) if args.dob else None
        except ValueError:
            raise UsageError(f"'{args.dob}' is not a date written YYYY-MM-DD") from None
        found = find_person(conn, args.person, dob)
        if not found:
            print("No case names this person.")
        for hit in found:
            print(f"{hit.case_number}  as {hit.role}")
        return 0
    if not args.case:
        raise UsageError("Give the case (export --case NUMBER) or the person (export --person NAME [--dob D])")
    try:
        data = export_case(conn, config, home, args.case)
    except NoSuchCase:
        raise UsageError(f"There is no case {args.case}") from None
    target = Path(args.out) if args.out else home / "exports" / f"case-{args.case}-{dt.date.today().isoformat()}.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, data)
    print(f"Wrote {target}: everything held on case {args.case} (see README.txt inside).")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("purge", help="delete what the retention settings say is due")
    p.add_argument("--dry-run", action="store_true", help="list what would go, by case number")
    p.add_argument("--as-of", help="with --dry-run: what would go on that day (YYYY-MM-DD)")
    p.set_defaults(func=cmd_purge)
    p = sub.add_parser("hold", help="keep a case whatever the retention settings say (legal hold)")
    p.add_argument("--case", required=True)
    p.add_argument("--why")
    p.add_argument("--release", action="store_true")
    p.set_defaults(func=cmd_hold)
    p = sub.add_parser("export", help="everything held on a case, or the cases a person appears in")
    p.add_argument("--case")
    p.add_argument("--out", help="the zip to write (default: exports/ under --home)")
    p.add_argument("--person", help="a name: list the cases it appears in")
    p.add_argument("--dob", help="with --person: the date of birth, YYYY-MM-DD")
    p.set_defaults(func=cmd_export)
