"""Commands for a meeting's papers (agenda, research forms, minutes, action lists) and the tracker."""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Callable

from .common import UsageError, deliver_now, open_store
from .meetings import scheduled_meeting


def _import_minutes(args: argparse.Namespace) -> int:
    from marac.meetings.minutes_import import import_minutes
    path = Path(args.import_file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path} cannot be read ({exc.strerror or type(exc).__name__})") from None
    config, _, conn = open_store(args)
    report = import_minutes(conn, config, data, path.name)
    for line in report.lines():
        print(line)
    return 0


def documents_command(kind: str) -> Callable[[argparse.Namespace], int]:
    def command(args: argparse.Namespace) -> int:
        from marac.meetings import circulation
        if getattr(args, "import_file", None):
            return _import_minutes(args)
        config, home, conn = open_store(args)
        day = scheduled_meeting(conn, config, args.meeting)
        report = circulation.circulate(conn, config, home, day, [kind], send=args.send)
        for line in report.lines():
            print(line)
        if not args.send:
            return 0
        deliver_now(config, home, conn)
        return 0
    return command


def cmd_tracker_sync(args: argparse.Namespace) -> int:
    from marac.tracker import sync
    config, home, conn = open_store(args)
    report = sync(conn, config, home, dt.date.today())
    print(report.summary())
    return 0 if report.state in ("written", "unchanged") else 1
