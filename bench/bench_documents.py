#!/usr/bin/env python3
"""Time the meeting documents for 20 invented cases and 15 agencies, rendered from the committed templates.

    .venv/bin/python bench/bench_documents.py [--repeat 5]

Prints the best of N runs (seconds) for: the agenda plus one research form per agency (aim: under 2 s
together), the minutes skeleton, and the action lists. Rendering only: no LibreOffice, no sending.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generators.documents.model import MeetingPack  # noqa: E402
from generators.documents.render import (render_actions, render_agenda, render_minutes,  # noqa: E402
                                         render_research)
from tests.integration.test_documents import agency_actions, invented_pack  # noqa: E402  the tests' invented meeting

TEMPLATES = ROOT / "templates"
AIM_SECONDS = 2.0


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def agenda_and_research(pack: MeetingPack, agenda: bytes, research: bytes) -> list[bytes]:
    return [render_agenda(agenda, pack), *(render_research(research, pack, a) for a in pack.agencies)]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    pack = invented_pack()
    read = {name: (TEMPLATES / f"{name}.docx").read_bytes() for name in ("agenda", "research", "minutes", "actions")}
    print(f"{len(pack.cases)} cases, {len(pack.agencies)} agencies; best of {args.repeat} runs")
    before = best_of(args.repeat, lambda: agenda_and_research(pack, read["agenda"], read["research"]))
    agenda = best_of(args.repeat, lambda: render_agenda(read["agenda"], pack))
    research = best_of(args.repeat, lambda: render_research(read["research"], pack, pack.agencies[0]))
    minutes = best_of(args.repeat, lambda: render_minutes(read["minutes"], pack))
    actions = best_of(args.repeat, lambda: [render_actions(read["actions"], pack, a, agency_actions(pack, a))
                                            for a in pack.agencies])
    verdict = "within" if before < AIM_SECONDS else "OVER"
    print(f"agenda + {len(pack.agencies)} research forms: {before:.3f} s ({verdict} the {AIM_SECONDS:.0f} s aim)")
    print(f"  agenda alone: {agenda:.3f} s; one research form: {research:.3f} s")
    print(f"minutes skeleton: {minutes:.3f} s")
    print(f"{len(pack.agencies)} action lists: {actions:.3f} s")
    return 0 if before < AIM_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
