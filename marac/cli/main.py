"""The command line (shared/spec/cli.md): names, options and exit codes others rely on."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any, Callable, NoReturn

from marac import logs
from marac.config import Config, ConfigError, Limits, load, usable_problems

DEFAULT_CONFIG = Path("mailbox_config/local.toml")


class UsageError(Exception):
    """One plain sentence for stderr; exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message[0].upper() + message[1:] + ".")


def _config(args: argparse.Namespace) -> tuple[Config, Path]:
    config = load(Path(args.config), Path(args.home) if args.home else None)
    logs.configure(args.log_format or config.logging.format, config.logging.level)
    return config, config.home


def _service(args: argparse.Namespace, watch: bool = False) -> Any:
    from marac.daemon.service import Service
    config, home = _config(args)
    return Service(config, home, watch=watch)


def _start_when_possible(args: argparse.Namespace, stop: threading.Event) -> Any:
    """The daemon never exits on its own: if this machine cannot start it now (a full disk), it says so
    and tries again until it can, or until it is asked to stop."""
    from intake.files import local_failure
    while True:
        try:
            return _service(args, watch=True)
        except Exception as exc:  # noqa: BLE001 - only this machine's failures are waited out
            reason = local_failure(exc, Path(args.home) if args.home else None)
            if reason is None:
                raise
            logs.error("local.failure", reason=reason)
            if stop.wait(5.0):
                return None


def cmd_run(args: argparse.Namespace) -> int:
    stop = threading.Event()
    service = None

    def stop_now() -> None:
        stop.set()
        if service is not None:
            service.interrupt()

    def on_signal(signum: int, _frame: object) -> None:
        # Not in the handler itself: it may have interrupted the main thread inside an Event's lock.
        threading.Thread(target=stop_now, daemon=True).start()

    # Before anything slow, so a stop asked for during start-up is a clean stop too.
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    service = _start_when_possible(args, stop)
    if service is None:
        return 0  # asked to stop while waiting for the disk
    try:
        service.run(stop)
    finally:
        service.close()
    return 0


def cmd_process_once(args: argparse.Namespace) -> int:
    service = _service(args)
    try:
        result = service.process_once()
    finally:
        service.close()
    print(f"{result.referrals} referral(s) accepted ({result.reviews} held for review), "
          f"{result.exceptions} other message(s) sent to exceptions, "
          f"{result.duplicates} already handled, {result.failed} failed and kept for retry; "
          f"{result.sent} message(s) sent, {result.deferred} waiting to be retried, {result.refused} refused.")
    return 1 if result.failed or result.deferred else 0


def cmd_parse(args: argparse.Namespace) -> int:
    from parsers.sandbox import ParserPool
    limits = load(Path(args.config)).limits if Path(args.config).exists() else Limits()
    results: list[dict[str, Any]] = []
    unreadable = False
    with ParserPool(limits.parse_seconds, limits.parse_memory_mb, limits.max_attachment_bytes) as pool:
        for name in args.files:
            path = Path(name)
            try:
                data = path.read_bytes()
            except OSError as exc:
                print(f"{name}: cannot be read ({exc.strerror or type(exc).__name__}).", file=sys.stderr)
                unreadable = True
                continue
            results.append(pool.parse(data, path.name))
    if args.json:
        out: Any = results[0] if len(args.files) == 1 and results else results
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        from .readable import describe
        for result in results:
            print(describe(result))
    return 1 if unreadable else 0


def cmd_cases(args: argparse.Namespace) -> int:
    from marac.store import cases, db
    config, home = _config(args)
    conn = db.connect(home / "marac.db")
    rows = cases.summaries(conn, args.meeting)
    if args.json:
        out = []
        for row in rows:
            item = row.as_dict()
            if args.identify:
                item["victims"] = [dict(r) for r in cases.victim_identity(conn, row.case_number)]
            out.append(item)
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No cases.")
    for row in rows:
        flags = " ".join(f for f, on in (("repeat", row.repeat), ("children", row.children)) if on)
        print(f"{row.case_number}  {row.meeting or 'no meeting yet':<14} {row.status:<9} "
              f"{row.referrals} referral(s): {', '.join(row.agencies) or 'agency not stated'}  {flags}".rstrip())
        for warning in row.warnings:
            print(f"    note: {warning}")
        if args.identify:
            for r in cases.victim_identity(conn, row.case_number):
                print(f"    victim: {r['victim_name']}  born {r['victim_dob'] or 'unknown'}")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from marac.store import audit, db
    _, home = _config(args)
    conn = db.connect(home / "marac.db")
    rows = audit.for_case(conn, args.case)
    if not rows:
        print(f"Nothing has been disclosed for case {args.case}.")
    for r in rows:
        print(f"{r['at']}  {r['event']:<10} {r['document'] or '-'}  to {r['recipient'] or '-'}  "
              f"sha256 {r['sha256'] or '-'}" + (f"  ({r['detail']})" if r["detail"] else ""))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import put_demo_referrals
    config, home = _config(args)
    if config.mailbox.backend != "maildir":
        raise UsageError("The demo puts messages into the local mailbox, so it needs backend = \"maildir\".")
    names = put_demo_referrals(home / config.mailbox.path)  # type: ignore[union-attr]
    print(f"Put {len(names)} invented referral messages into {home / config.mailbox.path / 'new'}.")
    return 0


def cmd_tracker_sync(args: argparse.Namespace) -> int:
    from marac.store import db
    from marac.tracker import sync
    config, home = _config(args)
    report = sync(db.connect(home / "marac.db"), config, home, dt.date.today())
    print(report.summary())
    return 0 if report.state in ("written", "unchanged") else 1


def cmd_check_config(args: argparse.Namespace) -> int:
    config, home = _config(args)
    problems = usable_problems(config)
    if problems:
        raise ConfigError(problems)
    print(f"The configuration for {config.area.name} is valid (state under {home}).")
    return 0


def _meeting_date(text: str | None) -> dt.date:
    if not text:
        raise UsageError("Give the meeting date: --meeting YYYY-MM-DD.")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"'{text}' is not a date in the form YYYY-MM-DD.") from None


def _import_minutes(args: argparse.Namespace) -> int:
    from marac.meetings.minutes_import import import_minutes
    from marac.store import db
    path = Path(args.import_file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path} cannot be read ({exc.strerror or type(exc).__name__}).") from None
    config, home = _config(args)
    report = import_minutes(db.connect(home / "marac.db"), config, data, path.name)
    for line in report.lines():
        print(line)
    return 0


def _documents(kind: str) -> Callable[[argparse.Namespace], int]:
    def command(args: argparse.Namespace) -> int:
        from intake.factory import make_sender
        from marac.daemon.lock import take_lock
        from marac.flow.delivery import deliver_due
        from marac.meetings import circulation
        from marac.store import db
        if getattr(args, "import_file", None):
            return _import_minutes(args)
        day = _meeting_date(args.meeting)
        config, home = _config(args)
        conn = db.connect(home / "marac.db")
        report = circulation.circulate(conn, config, home, day, [kind], send=args.send)
        for line in report.lines():
            print(line)
        if args.send:
            try:
                lock = take_lock(home / "marac.lock")
            except ConfigError:
                print("The running service will send the queued messages.")
                return 0
            try:
                sent = deliver_due(conn, make_sender(config.sender, config.mailbox, home), config.area.mailbox_address,
                                   config.security.secure_domains)
            finally:
                lock.close()
            print(f"{sent.sent} message(s) sent, {sent.deferred} waiting to be retried, {len(sent.refused)} refused.")
        return 0
    return command


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="run.py", description="MARAC referral service")
    parser.add_argument("--config", default=str(DEFAULT_CONFIG), help="configuration file (TOML)")
    parser.add_argument("--home", help="root of all local state (default: var/)")
    parser.add_argument("--log-format", choices=["text", "json"], help="log lines as text or JSON lines")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("run", help="the daemon").set_defaults(func=cmd_run)
    sub.add_parser("process-once", help="one pass, then exit").set_defaults(func=cmd_process_once)
    p = sub.add_parser("parse", help="parse forms and print what was read")
    p.add_argument("files", nargs="+")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_parse)
    p = sub.add_parser("cases", help="list cases")
    p.add_argument("--meeting")
    p.add_argument("--json", action="store_true")
    p.add_argument("--identify", action="store_true", help="include victims' names and dates of birth")
    p.set_defaults(func=cmd_cases)
    p = sub.add_parser("audit", help="every disclosure of a case")
    p.add_argument("--case", required=True)
    p.set_defaults(func=cmd_audit)
    sub.add_parser("demo", help="put invented referrals into the local mailbox").set_defaults(func=cmd_demo)
    sub.add_parser("check-config", help="validate the configuration").set_defaults(func=cmd_check_config)
    for name, what in (("agenda", "build (--send: circulate) the agenda"),
                       ("research", "build (--send: circulate) each agency's research form"),
                       ("minutes", "build (--send: circulate) the minutes skeleton"),
                       ("actions", "build (--send: circulate) each agency's action list")):
        p = sub.add_parser(name, help=what)
        p.add_argument("--meeting", help="the meeting date, YYYY-MM-DD")
        p.add_argument("--send", action="store_true", help="send to every agency with an in-date ISP")
        if name == "minutes":
            p.add_argument("--import", dest="import_file", help="read completed minutes back")
        p.set_defaults(func=_documents(name))
    p = sub.add_parser("tracker", help="the shared action tracker spreadsheet")
    p.add_argument("action", choices=["sync"])
    p.set_defaults(func=cmd_tracker_sync)
    return parser


def main(argv: list[str] | None = None) -> int:
    logs.configure()
    try:
        args = build_parser().parse_args(argv)
        return int(args.func(args))
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except ConfigError as exc:
        for problem in exc.problems:
            print(problem[0].upper() + problem[1:].rstrip(".") + ".", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - users get a sentence, not a traceback
        if os.environ.get("MARAC_DEBUG"):
            raise
        print(f"The command stopped on an unexpected error ({type(exc).__name__}); nothing was lost. "
              "Run it again with MARAC_DEBUG=1 for details.", file=sys.stderr)
        return 1
