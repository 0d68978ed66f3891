"""Join the parses of the files in one message (say a referral form and a DASH checklist) into one."""
from __future__ import annotations

import dataclasses
from typing import Any

from .problem import Problem


def join(parses: list[dict[str, Any]]) -> dict[str, Any]:
    """The first file that holds a referral gives the referral; the DASH comes from the file whose
    checklist has the most answers read (the first of equals).

    A second referral or checklist in the same message is reported, not merged silently, because two
    forms can disagree and a person must say which one is right.
    """
    referral = next((p["referral"] for p in parses if p["referral"] is not None), None)
    # The checklist with the most answers read: a referral form may carry a few DASH boxes of its own.
    dashes = [p["dash"] for p in parses if p["dash"] is not None]
    dash = max(dashes, key=_answered, default=None)
    problems: list[Problem] = []
    for p in parses:
        filename = p["source"]["filename"]
        problems.extend(dataclasses.replace(Problem.from_dict(problem), file=filename)
                        for problem in p["problems"])
    if sum(p["referral"] is not None for p in parses) > 1:
        problems.append(Problem("the message holds more than one referral form; the first was used",
                                severity="warning"))
    if len(dashes) > 1:
        problems.append(Problem("the message holds more than one DASH checklist; the one with the most answers "
                                "was used", severity="warning"))
    problems.extend(_score_checked(referral, dash))
    stated_date = referral.get("dash_date_stated") if referral else None
    if dash is not None and dash.get("date") is None and stated_date is not None:
        dash = {**dash, "date": stated_date}  # the checklist left its date blank; the referral form gives it
    forms = sorted({f for p in parses for f in p["forms"]}, key=["referral", "dash"].index)
    return {"forms": forms, "referral": referral, "dash": dash, "problems": [p.as_dict() for p in problems],
            "sources": [p["source"] for p in parses]}


def _score_checked(referral: dict[str, Any] | None, dash: dict[str, Any] | None) -> list[Problem]:
    """The DASH score the referral form states against the 'yes' answers the checklist counts, once
    the files are joined: the checklist is often a file of its own, and either may be the one wrong."""
    stated = referral.get("dash_score_stated") if referral else None
    if stated is None or dash is None:
        return []
    score = dash["score"]
    # A checklist with questions of its own (the police 27) prints a total over all of them.
    extra_yes = sum(1 for answer in (dash.get("extra") or {}).values() if answer == "yes")
    if score <= stated <= score + extra_yes:
        return []
    unread = sum(1 for answer in dash["answers"].values() if answer is None)
    why = f" ({unread} questions have no answer read)" if unread else ""
    return [Problem(f"the referral form states a DASH score of {stated} but the checklist has {score} "
                    f"questions answered yes{why}: check which is right", "referral.dash_score_stated", "warning")]


def _answered(dash: dict[str, Any]) -> int:
    return sum(1 for answer in dash["answers"].values() if answer is not None)
