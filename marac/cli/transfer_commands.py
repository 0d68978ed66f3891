"""`transfer --case N --to AREA [--dry-run]`: a case sent on to another area's MARAC (marac.flow.transfer_out).

Like the other commands that send, it says what goes where before anything is queued; `--dry-run`
only says it. A MARAC that may not be sent case information (ISP not in date, address off the secure
domains) is refused with one sentence on stderr, exit 1, and nothing is sent.
"""
from __future__ import annotations

import argparse
import sys

from .common import UsageError, deliver_now, open_store


def cmd_transfer(args: argparse.Namespace) -> int:
    from marac.flow.transfer_out import TransferRefused, transfer
    if not args.case or not args.to:
        raise UsageError("Give the case and the MARAC: transfer --case NUMBER --to CODE")
    config, home, conn = open_store(args)
    try:
        result = transfer(conn, config, home, args.case.strip().upper(), args.to, dry_run=args.dry_run)
    except TransferRefused as exc:
        text = str(exc)
        print(text[0].upper() + text[1:].rstrip(".") + ".", file=sys.stderr)
        return 1
    for line in result.lines(args.dry_run):
        print(line)
    if args.dry_run or not result.queued:
        return 0
    deliver_now(config, home, conn, what="the transfer pack")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("transfer", help="send a case on to another area's MARAC and close it here")
    p.add_argument("--case", help="the case number, e.g. EXM-2026-0042")
    p.add_argument("--to", help="the MARAC's code or name, as in [[marac_areas]]")
    p.add_argument("--dry-run", action="store_true", help="say what would be sent, and to whom; send nothing")
    p.set_defaults(func=cmd_transfer)
