"""`report quarter 2026Q3` and `report year 2026`: the SafeLives data return and the steering group's report,
written under home/reports/."""
from __future__ import annotations

import argparse

from .common import UsageError, open_store


def cmd_report(args: argparse.Namespace) -> int:
    from marac.reports.period import parse_quarter, parse_year
    from marac.reports.write import write_return
    try:
        period = parse_quarter(args.period) if args.span == "quarter" else parse_year(args.period)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    config, home, conn = open_store(args)
    workbook, pdf = write_return(conn, config, home, period)
    print(f"Wrote {workbook} (the data return for SafeLives, {period.label})")
    print(f"Wrote {pdf} (the steering group's report)")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("report", help="the SafeLives data return and the steering group's report")
    p.add_argument("span", choices=["quarter", "year"], help="a quarter (2026Q3) or a calendar year (2026)")
    p.add_argument("period", help="the quarter, written like 2026Q3, or the year, like 2026")
    p.set_defaults(func=cmd_report)
