"""Checklist comments gathered in one box at the end, keyed by question number ("Q1: Bruising to her arm",
"14 – Said he would kill her"), as forms that say "please use the comment box at the end to expand on any answer"
have them: each line the comment of the question of that printed number.

Read only when the numbering is plain: every line starts with a number (a line without one carries the comment
before it on), no number twice, and each number a question of the checklist's printed order (the version
parsers.labels.dash_questions recognised). Otherwise the box is left to be read as any other label. The box's labels
are data (data/labels.toml `[dash_comments] labels`).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Labelled, RawValue
from .dash_questions import Target, _data
from .matcher import LabelTable

__all__ = ["comment_boxes", "numbered_comments", "put_comments"]

_NUMBERED = re.compile(r"^\s*(?:(?:q|question)\s*\.?\s*(?P<q>\d{1,2})\s*[:.)\-–—]?|(?P<n>\d{1,2})\s*[:.)\-–—])\s*(?P<text>\S.*)$",
                       re.IGNORECASE)


def numbered_comments(value: object) -> dict[int, str] | None:
    """ "Q1: …\\nQ3: …" -> {1: "…", 3: "…"}; None when the box is not numbered throughout."""
    if not isinstance(value, str):
        return None
    found: dict[int, str] = {}
    last: int | None = None
    for line in (raw.strip() for raw in value.splitlines()):
        if not line:
            continue
        match = _NUMBERED.match(line)
        if match is None:
            if last is None:
                return None  # words before the first number: not a numbered box
            found[last] = f"{found[last]} {line}"
            continue
        number = int(match.group("q") or match.group("n"))
        if number in found:
            return None
        found[number], last = match.group("text").strip(), number
    return found or None


def comment_boxes(items: list[Labelled], table: LabelTable, has_checklist: bool) -> tuple[list[Labelled], list[dict[int, str]]]:
    """The items that are a numbered comment box of the checklist (taken out), and the rest. The box's lines may
    come as its own value, or (a PDF's lines, read as "Q1: …" pairs) as the items right after its empty label."""
    if not has_checklist:
        return items, []
    labels = table.dash_comment_labels
    kept: list[Labelled] = []
    boxes: list[dict[int, str]] = []
    index = 0
    while index < len(items):
        item = items[index]
        index += 1
        if " ".join(table.words(item.label)) not in labels:
            kept.append(item)
            continue
        lines = [item.value] if isinstance(item.value, str) and item.value.strip() else []
        start = index
        while not lines[:1] and index < len(items) and _KEY_ONLY.match(items[index].label) \
                and isinstance(items[index].value, str):
            index += 1
        lines += [f"{i.label.strip()}: {i.value}" for i in items[start:index]]
        numbered = numbered_comments("\n".join(lines))
        if numbered:
            boxes.append(numbered)
        else:
            kept += [item, *items[start:index]]
    return kept, boxes


_KEY_ONLY = re.compile(r"^\s*(?:(?:q|question)\s*\.?\s*)?\d{1,2}\s*$", re.IGNORECASE)  # "Q1", "Question 3", "14"


def comment_paths(box: dict[int, str], version: str | None) -> dict[str, str] | None:
    """Each comment's path by the checklist's printed order; None when a number is no question of it."""
    order: tuple[Target, ...] = dict(_data().versions).get(version or "", ())
    if not order or any(not 1 <= n <= len(order) or not isinstance(order[n - 1], int) for n in box):
        return None
    return {f"dash.comments.{order[n - 1]}": text for n, text in box.items()}


def put_comments(boxes: list[dict[int, str]], version: str | None, fields: dict[str, RawValue], tagged: set[str],
                 warn: Callable[[str, str | None], None]) -> None:
    """Each box's comments under their questions; a box whose numbers are not the checklist's is not guessed.
    The box is where such a form asks for comments: its comment replaces what a column beside the question
    held ("State source of info if not the victim": who said it, read as the comment where no box is)."""
    for box in boxes:
        paths = comment_paths(box, version)
        if paths is None:
            warn("the checklist's comment box numbers its comments in a way that does not match the questions; "
                 "it was not used", "dash.comments")
            continue
        fields.update({path: text for path, text in paths.items() if path not in tagged})
