"""The command line (docs/cli.md): names, options and exit codes others rely on."""
from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn

from marac import logs
from marac.config import ConfigError

from .common import DEFAULT_CONFIG, UsageError
from .listing import cmd_audit, cmd_cases, cmd_desk
from .meetings import add_commands as add_meeting_commands
from .papers import cmd_tracker_sync, documents_command
from .records_commands import add_commands as add_records_commands
from .report_commands import add_commands as add_report_commands
from .service_commands import (cmd_check_config, cmd_demo, cmd_init, cmd_parse, cmd_process_once, cmd_run)
from .transfer_commands import add_commands as add_transfer_commands

__all__ = ["UsageError", "build_parser", "main"]


_AREA_HELP = "the area to work on, by its code, when the configuration serves several ([[areas]])"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message[0].upper() + message[1:])


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="run.py", description="MARAC referral service")
    parser.add_argument("--config", default=str(DEFAULT_CONFIG), help="configuration file (TOML)")
    parser.add_argument("--home", help="root of all local state (default: var/)")
    parser.add_argument("--log-format", choices=["text", "json"], help="log lines as text or JSON lines")
    parser.add_argument("--area", metavar="CODE", help=_AREA_HELP)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("run", help="the daemon").set_defaults(func=cmd_run)
    sub.add_parser("process-once", help="one pass, then exit").set_defaults(func=cmd_process_once)
    sub.add_parser("init", help="set up the service's state under --home").set_defaults(func=cmd_init)
    p = sub.add_parser("parse", help="parse forms and print what was read")
    p.add_argument("files", nargs="+")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_parse)
    p = sub.add_parser("cases", help="list cases")
    p.add_argument("--meeting")
    p.add_argument("--json", action="store_true")
    p.add_argument("--identify", action="store_true", help="include victims' names and dates of birth")
    p.set_defaults(func=cmd_cases)
    p = sub.add_parser("desk", help="the folders waiting for the coordinator, oldest first")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_desk)
    p = sub.add_parser("audit", help="every disclosure of a case; `audit verify` checks the whole trail")
    p.add_argument("action", nargs="?", choices=["verify"], help="check the trail's hash chain")
    p.add_argument("--case")
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
        p.set_defaults(func=documents_command(name))
    add_meeting_commands(sub)
    add_records_commands(sub)
    add_report_commands(sub)
    add_transfer_commands(sub)
    p = sub.add_parser("tracker", help="the shared action tracker spreadsheet")
    p.add_argument("action", choices=["sync"])
    p.set_defaults(func=cmd_tracker_sync)
    for command in sub.choices.values():
        _take_area(command)
    return parser


def _take_area(parser: argparse.ArgumentParser) -> None:
    """--area after the command too (`cases --area SOU`, `meeting list --area SOU`); SUPPRESS keeps a
    value given before the command when it is not given again."""
    parser.add_argument("--area", metavar="CODE", default=argparse.SUPPRESS, help=_AREA_HELP)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                _take_area(command)


def _sentence(text: str) -> str:
    text = text.strip()
    return text[0].upper() + text[1:].rstrip(".") + "." if text else text


def _quiet_closed_pipe() -> int:
    """`run.py cases | head`: the reader went away; say nothing more (as `git log | head` does)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
    return 141  # the shell's status for a pipe closed by its reader (128 + SIGPIPE)


def main(argv: list[str] | None = None) -> int:
    logs.configure()
    try:
        args = build_parser().parse_args(argv)
        code = int(args.func(args))
        sys.stdout.flush()  # a closed pipe shows here, inside the handler below
        return code
    except UsageError as exc:
        print(_sentence(str(exc)), file=sys.stderr)
        return 2
    except ConfigError as exc:
        for problem in dict.fromkeys(exc.problems):  # one secret used twice is one thing to fix
            print(_sentence(problem), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return _quiet_closed_pipe()
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - users get a sentence, not a traceback
        if os.environ.get("MARAC_DEBUG"):
            raise
        print(f"The command stopped on an unexpected error ({type(exc).__name__}); nothing was lost. "
              "Run it again with MARAC_DEBUG=1 for details.", file=sys.stderr)
        return 1
