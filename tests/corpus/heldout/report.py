"""How well the service reads the HELD-OUT area forms (layouts it is not developed against): the same table
as `tests.corpus.areas.report`, per form and format, right / wrong with a problem / wrong silently / missing.

    .venv/bin/python -m tests.corpus.heldout.report [--seeds 1 2 3] [--no-pdf] [--show-wrong] [--only KEY ...]
"""
from __future__ import annotations

import argparse
import sys

from tests.corpus.areas.report import measure, table
from tests.corpus.heldout import all_forms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--only", nargs="*", help="form keys to measure")
    parser.add_argument("--show-wrong", action="store_true", help="list every value not read right")
    args = parser.parse_args(argv)
    forms = [f for f in all_forms() if not args.only or f.key in args.only]
    scores = measure(forms, args.seeds, pdf=not args.no_pdf)
    print(table(scores))
    if args.show_wrong:
        for (key, fmt), s in sorted(scores.items()):
            for line in s.wrong:
                print(f"{key} {fmt} {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
