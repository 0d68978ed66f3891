#!/usr/bin/env python3
"""Time one meeting's papers, rendered from the committed templates: a daily MARAC of 5 invented cases
and a monthly one of 20, each with 15 agencies.

    .venv/bin/python bench/bench_documents.py [--repeat 5]

Per meeting, prints the best of N runs (seconds) for all its papers together, as circulation builds them
(aim: under 2 s each): the agenda, one research form per agency, the minutes skeleton and the action
lists, each made byte-for-byte repeatable (stable_docx). Then each part alone. Rendering only: no
LibreOffice, no sending. The aim is measured and printed, not asserted; the exit status is 1 when over.
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generators.documents.model import Action, Agency, MeetingPack
from generators.documents.render import (
    render_actions,
    render_agenda,
    render_minutes,
    render_research,
)
from generators.documents.stable import stable_docx
from tests.integration.test_papers_print import DAY, invented_meeting

TEMPLATES = ROOT / "templates"
AIM_SECONDS = 2.0
AGENCY_COUNT = 15


def meeting(cases: int) -> MeetingPack:
    agencies = tuple(Agency(f"Agency {n}", f"marac@agency{n}.example.gov.uk", f"Rep {n}")
                     for n in range(AGENCY_COUNT))
    return dataclasses.replace(invented_meeting(cases), agencies=agencies)


def actions_of(pack: MeetingPack, agency: Agency) -> list[Action]:
    """Two actions per case, shared round the agencies."""
    n = pack.agencies.index(agency)
    return [Action(f"{case.case_number}-A{k}", case.case_number, f"Invented action {k}", agency.name,
                   agency.representative, DAY, "open")
            for i, case in enumerate(pack.cases) for k in (1, 2) if (2 * i + k) % AGENCY_COUNT == n]


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def papers(pack: MeetingPack, read: dict[str, bytes]) -> dict[str, Callable[[], object]]:
    """Each part of a meeting's papers, as circulation builds it."""
    return {
        "agenda": lambda: stable_docx(render_agenda(read["agenda"], pack)),
        f"{AGENCY_COUNT} research forms": lambda: [stable_docx(render_research(read["research"], pack, a))
                                                   for a in pack.agencies],
        "minutes skeleton": lambda: stable_docx(render_minutes(read["minutes"], pack)),
        f"{AGENCY_COUNT} action lists": lambda: [stable_docx(render_actions(read["actions"], pack, a,
                                                                            actions_of(pack, a)))
                                                 for a in pack.agencies],
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    read = {name: (TEMPLATES / f"{name}.docx").read_bytes() for name in ("agenda", "research", "minutes", "actions")}
    over = False
    print(f"{AGENCY_COUNT} agencies; best of {args.repeat} runs")
    for label, cases in (("daily MARAC", 5), ("monthly MARAC", 20)):
        parts = papers(meeting(cases), read)
        total = best_of(args.repeat, lambda parts=parts: [work() for work in parts.values()])
        over |= total >= AIM_SECONDS
        verdict = "within" if total < AIM_SECONDS else "OVER"
        print(f"{label}, {cases} cases: all papers {total:.3f} s ({verdict} the {AIM_SECONDS:.0f} s aim)")
        for name, work in parts.items():
            print(f"  {name}: {best_of(args.repeat, work):.3f} s")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
