"""Checklist lines tied to their questions: each line under its SafeLives number, or its slug in dash.extra, with
the checklist's version when known (parsers.labels.dash_questions.identify_lines).

Split out of parsers.labels.resolver, which passes its output (`put`, `warn`, `problems`). Problems name questions,
never answers' details.
"""
from __future__ import annotations

from typing import Any

from ..model import DashLine
from ..problem import Problem
from .dash_questions import identify_lines
from .problem_text import shown

__all__ = ["dash_lines"]


def _worth_reporting(value: Any) -> bool:
    return value is not None and value is not False and not (isinstance(value, str) and not value.strip())


_ANSWER_KINDS = frozenset({"yes", "no", "unknown"})


def _several_marked(answer: str) -> bool:
    """The readers' way of giving two or more marks on one checklist line: "yes / no"."""
    parts = [part.strip() for part in answer.split(" / ")]
    return len(parts) >= 2 and all(part in _ANSWER_KINDS for part in parts)


def dash_lines(lines: list[DashLine], out: Any) -> str | None:
    """Each line under its SafeLives number, or its slug in dash.extra; the version when known
    (parsers.labels.dash_questions.identify_lines)."""
    targets, version = identify_lines([(line.question or "", line.number) for line in lines])
    seen: set[int | str] = set()
    for line, target in zip(lines, targets):
        if target is None:
            if _worth_reporting(line.answer) and len((line.question or "").split()) >= 3:
                # answered, but neither one of the 24 nor a known extra question: say so, never guess
                out.warn(f"the DASH checklist line '{shown(line.question or '')}' is not one of the 24 SafeLives "
                         "questions nor a known extra one; its answer was not used")
            continue
        path = f"dash.answers.{target}" if isinstance(target, int) else f"dash.extra.{target}"
        what = f"question {target}" if isinstance(target, int) else f"the question '{target.replace('_', ' ')}'"
        if target in seen:
            if _worth_reporting(line.answer) or (line.comment or "").strip():
                out.warn(f"two lines of the DASH checklist read as {what}; the first one was used", path)
            continue
        seen.add(target)
        answer = line.answer
        if line.doubt and answer is None:
            out.problems.append(Problem(f"DASH {what}: {line.doubt}; it was left empty", path))
        if isinstance(answer, str) and _several_marked(answer):
            # "yes / no": two boxes marked on one line. Left empty for a person to settle, never chosen.
            out.problems.append(Problem(f"DASH {what}: more than one answer is marked ({answer}); it was left "
                                        "empty", path))
            answer = None
        out.put(path, answer, f"DASH {what}")
        if isinstance(target, int) and line.comment and line.comment.strip():
            out.put(f"dash.comments.{target}", line.comment, f"DASH question {target} comment")
    return version
