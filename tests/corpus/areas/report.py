"""How well the service reads the area forms: per form and format, each expected value counted as
right, wrong with a problem raised, wrong with no problem (the worst: a coordinator trusts it), or
missing. People the form does not have (an extra perpetrator made from a header row) count as wrong.

    .venv/bin/python -m tests.corpus.areas.report [--seeds 1 2 3] [--no-pdf] [--doc] [--print] [--show-wrong]

Word files are parsed as built; PDFs are made from them by LibreOffice (one run for all) and parsed; with
--doc, so are the same files saved as Word 97-2003 .doc by LibreOffice (the corpus's Word files end on a
table, as generators leave them: LibreOffice's .doc of such a file is read by restoring its last table); with
--print, so is the PDF printed again through a print-to-PDF driver (no space characters, only gaps; ligatures
in a font subset of their own), as GTK's and Chrome's print dialogs write it.
The last columns count the problems raised per form (most, and mean over the seeds): every corpus form is
filled well, so each problem is one a coordinator would read for nothing (the target is at most one).
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from parsers import parse_bytes
from tests.corpus.areas import AreaForm, all_forms
from tests.corpus.areas.case import Case, invented_case

RIGHT, WRONG_PROBLEM, WRONG_SILENT, MISSING = "right", "wrong-with-problem", "wrong-silent", "missing"
OUTCOMES = (RIGHT, WRONG_PROBLEM, WRONG_SILENT, MISSING)
PEOPLE = ("referral.perpetrators", "referral.children")


def lookup(parsed: dict[str, Any], path: str) -> Any:
    node: Any = parsed
    for part in path.split("."):
        if node is None:
            return None
        if isinstance(node, list):
            node = node[int(part)] if part.isdigit() and int(part) < len(node) else None
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


def _flat(text: str) -> str:
    """An answer as compared: case and spacing aside, and lines as the commas an address typed on one line has
    ("25 Hawthorn Drive\nExampletown" is "25 Hawthorn Drive, Exampletown": the service keeps the lines as typed)."""
    return " ".join(re.sub(r",?[ \t]*\n\s*", ", ", text.strip()).split()).casefold()


def _same(got: Any, want: Any) -> bool:
    if isinstance(want, str) and isinstance(got, str):
        return _flat(got) == _flat(want)
    if isinstance(want, list) and isinstance(got, list):
        return len(got) == len(want) and all(_same(g, w) for g, w in zip(got, want))
    if isinstance(want, (dt.date,)):
        return got == want.isoformat()
    return bool(got == want)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _flagged(problems: list[dict[str, Any]], path: str) -> bool:
    """A problem names this field, its person, or its section."""
    for problem in problems:
        named = problem.get("field") or ""
        if named and (path == named or path.startswith(named + ".") or named.startswith(path)):
            return True
    return False


@dataclass
class Score:
    counts: Counter[str] = field(default_factory=Counter)
    wrong: list[str] = field(default_factory=list)
    raised: list[int] = field(default_factory=list)  # problems raised, one entry per form parsed
    said: list[str] = field(default_factory=list)  # what they said (--show-wrong)

    @property
    def most_raised(self) -> int:
        return max(self.raised, default=0)

    @property
    def mean_raised(self) -> float:
        return sum(self.raised) / len(self.raised) if self.raised else 0.0

    def add(self, outcome: str, note: str | None = None) -> None:
        self.counts[outcome] += 1
        if note and outcome != RIGHT:
            self.wrong.append(f"{outcome}: {note}")

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def percent(self, outcome: str = RIGHT) -> float:
        return 100.0 * self.counts[outcome] / self.total if self.total else 100.0


def score(parsed: dict[str, Any], expected: dict[str, Any], into: Score | None = None) -> Score:
    result = into or Score()
    problems = parsed.get("problems") or []
    result.raised.append(len(problems))
    result.said.extend(f"problem: [{p.get('field')}] {p.get('message')}" for p in problems)
    for path, want in expected.items():
        got = lookup(parsed, path)
        if _same(got, want) or (_empty(got) and _empty(want)):
            result.add(RIGHT)
        elif _empty(got):
            result.add(MISSING, f"{path}: wanted {want!r}")
        elif _flagged(problems, path):
            result.add(WRONG_PROBLEM, f"{path}: got {got!r}, wanted {want!r}")
        else:
            result.add(WRONG_SILENT, f"{path}: got {got!r}, wanted {want!r}")
    for section in PEOPLE:  # people the form does not have
        want_count = len({p.split(".")[2] for p in expected if p.startswith(section + ".")})
        if not any(p.startswith(section + ".") for p in expected):
            continue
        for extra in (lookup(parsed, section) or [])[want_count:]:
            outcome = WRONG_PROBLEM if _flagged(problems, section) else WRONG_SILENT
            result.add(outcome, f"{section}: a person the form does not have ({sorted(k for k, v in extra.items() if v)})")
    return result


def cases(seeds: list[int]) -> list[Case]:
    # One victim alone, one with two perpetrators and three children, one with no children.
    shapes = [(1, 2), (2, 3), (1, 0)]
    return [invented_case(seed, *shapes[i % len(shapes)]) for i, seed in enumerate(seeds)]


def measure(forms: list[AreaForm], seeds: list[int], pdf: bool, doc: bool = False,
            printed: bool = False) -> dict[tuple[str, str], Score]:
    built: dict[str, tuple[bytes, dict[str, Any]]] = {}
    for form in forms:
        for case in cases(seeds):
            built[f"{form.key}--{case.seed}"] = (form.build(case), form.expected(case))
    scores: dict[tuple[str, str], Score] = {}
    for key, (docx, expected) in built.items():
        score(parse_bytes(docx, f"{key}.docx"), expected, scores.setdefault((key.split("--")[0], "docx"), Score()))
    from tests.corpus.pdf_layouts import export_with_libreoffice, print_to_pdf
    for fmt in ("pdf",) * pdf + ("doc",) * doc + ("print",) * printed:
        # printed to PDF; saved as Word 97-2003 (.doc); that PDF printed again through a print-to-PDF driver
        exported = export_with_libreoffice({key: docx for key, (docx, _) in built.items()}, to=fmt.replace("print", "pdf"))
        for key, data in exported.items():
            data = print_to_pdf(data) if fmt == "print" else data
            name = f"{key}.{fmt.replace('print', 'pdf')}"
            score(parse_bytes(data, name), built[key][1], scores.setdefault((key.split("--")[0], fmt), Score()))
    return scores


def _line(key: str, fmt: str, s: Score) -> str:
    return (f"{key:<34} {fmt:<5} {s.total:>6} {s.percent():>6.1f}% {s.counts[WRONG_PROBLEM]:>14} "
            f"{s.counts[WRONG_SILENT]:>13} {s.counts[MISSING]:>8} {s.most_raised:>8} {s.mean_raised:>9.2f}")


def table(scores: dict[tuple[str, str], Score]) -> str:
    head = (f"{'form':<34} {'fmt':<5} {'values':>6} {'right':>7} {'wrong+problem':>14} {'wrong-silent':>13} "
            f"{'missing':>8} {'prob.max':>8} {'prob.mean':>9}")
    lines = [head]
    totals: dict[str, Score] = {}
    for (key, fmt), s in sorted(scores.items()):
        lines.append(_line(key, fmt, s))
        total = totals.setdefault(fmt, Score())
        total.counts.update(s.counts)
        total.raised.extend(s.raised)
    for fmt, s in sorted(totals.items()):
        lines.append(_line("ALL", fmt, s))
    return "\n".join(lines)


def main(argv: list[str] | None = None, forms_of: Callable[[], list[AreaForm]] = all_forms,
         description: str | None = __doc__) -> int:
    """The command; `forms_of` says which corpus (the held-out report passes its own)."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--doc", action="store_true", help="also the Word file saved as .doc by LibreOffice")
    parser.add_argument("--print", action="store_true", dest="printed",
                        help="also the PDF printed again through a print-to-PDF driver (poppler's cairo)")
    parser.add_argument("--only", nargs="*", help="form keys to measure")
    parser.add_argument("--show-wrong", action="store_true", help="list every value not read right")
    args = parser.parse_args(argv)
    forms = [f for f in forms_of() if not args.only or f.key in args.only]
    scores = measure(forms, args.seeds, pdf=not args.no_pdf, doc=args.doc, printed=args.printed)
    print(table(scores))
    if args.show_wrong:
        for (key, fmt), s in sorted(scores.items()):
            for line in s.wrong + s.said:
                print(f"{key} {fmt} {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
