"""Join the parses of the files in one message (say a referral form and a DASH checklist) into one."""
from __future__ import annotations

import dataclasses
from typing import Any

from .problem import Problem


def join(parses: list[dict[str, Any]]) -> dict[str, Any]:
    """The first file that holds a referral gives the referral, the first with a DASH gives the DASH.

    A second referral or checklist in the same message is reported, not merged silently, because two
    forms can disagree and a person must say which one is right.
    """
    referral = next((p["referral"] for p in parses if p["referral"] is not None), None)
    dash = next((p["dash"] for p in parses if p["dash"] is not None), None)
    problems: list[Problem] = []
    for p in parses:
        filename = p["source"]["filename"]
        problems.extend(dataclasses.replace(Problem.from_dict(problem), file=filename)
                        for problem in p["problems"])
    if sum(p["referral"] is not None for p in parses) > 1:
        problems.append(Problem("the message holds more than one referral form; the first was used",
                                severity="warning"))
    if sum(p["dash"] is not None for p in parses) > 1:
        problems.append(Problem("the message holds more than one DASH checklist; the first was used",
                                severity="warning"))
    forms = sorted({f for p in parses for f in p["forms"]}, key=["referral", "dash"].index)
    return {"forms": forms, "referral": referral, "dash": dash, "problems": [p.as_dict() for p in problems],
            "sources": [p["source"] for p in parses]}
