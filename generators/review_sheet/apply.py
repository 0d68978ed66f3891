"""A coordinator's corrections read the way a form's values are read, then put into the referral.

Each typed value goes through the parsers' own reading (parsers.assemble: UK day-first dates, '3.4.91'
only where one century gives a plausible age, postcodes, yes/no words, 'not known'), so a correction is
never taken as typed: '28/02/1990' becomes 1990-02-28, and 'about 40' as a date of birth is a problem
that sends the folder back, never a value. Problems name the field as the sheet does, never the value.
"""
from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from parsers.assemble import assemble
from parsers.fields import (
    DASH_QUESTIONS,
    POLICE,
    REASONS,
    REFERRAL_TOP,
    REFERRER,
    ROW_SECTIONS,
    VICTIM,
    Kind,
    kind_of,
    scalar_paths,
)
from parsers.labels.recognisers import RECOGNISERS
from parsers.model import RawForm
from parsers.problem import Problem

from .layout import Edits, PersonRow, label_of, value_at

_HINTS = {Kind.DATE: "type the date as dd/mm/yyyy, e.g. 28/02/1990, or 'not known'",
          Kind.BOOL: "choose Yes, No or Not known", Kind.ANSWER: "choose Yes, No or Not known",
          Kind.INT: "type a number, or 'not known'"}


def _as_text(value: Any) -> str | None:
    """A cell as the words a referrer would have written: a date cell is a date, a tick is yes."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    text = str(value).strip()
    return text or None


def _row_path(path: str) -> str:
    """Where a single-field form puts a person's value: the only person is the first."""
    for section in ROW_SECTIONS:
        if path.startswith(section + "."):
            _, _, column = path[len(section) + 1:].partition(".")
            return f"{section}.0.{column}"
    return path


def _problem(path: str, whose: str, detail: str, hint: str | None) -> dict[str, Any]:
    text = f"{label_of(path)}: {whose} {detail}" + (f"; {hint}" if hint else "")
    return Problem(text, path).as_dict()


def read_value(path: str, value: Any, whose: str = "your correction") -> tuple[Any, dict[str, Any] | None]:
    """One typed value read as the same field on a form would be: (value, None) or (None, problem)."""
    kind = kind_of(path)
    text = _as_text(value)
    if kind is None or text is None:
        return (([] if kind is Kind.LIST else None), None)
    out = assemble(RawForm("unknown", fields={path: text}), "review.xlsx", "")
    found = [p for p in out["problems"] if p.get("field") == path]
    hint = "type a UK postcode such as EX1 1AA, or 'not known'" if path.endswith(".postcode") else _HINTS.get(kind)
    if found:
        # The parser quotes the value; the coordinator's sheet names the field and says what is wrong.
        detail = found[0]["message"].partition(": ")[2].replace(f"'{text}'", "").strip() or "cannot be read"
        return None, _problem(path, whose, detail, hint)
    read = value_at(out, _row_path(path))
    # A number typed short or mistyped is caught; words about the phone ("call after 6") are not a number.
    if path.endswith(".phone") and isinstance(read, str) and sum(ch.isdigit() for ch in read) >= 5 \
            and not RECOGNISERS["phone"].search(read):
        return None, _problem(path, whose, "is not a phone number", "type the number with its area code")
    return (([] if kind is Kind.LIST else None) if read is None else read), None


def _empty_person(section: str) -> dict[str, Any]:
    return {k: ([] if kind is Kind.LIST else None) for k, kind in ROW_SECTIONS[section].items()}


def _skeleton() -> dict[str, Any]:
    """An empty referral in the shape parsers.assemble gives one, for corrections to a referral never read."""
    def group(columns: dict[str, Kind]) -> dict[str, Any]:
        return {k: ([] if kind is Kind.LIST else None) for k, kind in columns.items()}
    return {"referrer": group(REFERRER), "victim": group(VICTIM), "perpetrators": [], "children": [],
            "reasons": group(REASONS), **group(REFERRAL_TOP), "additional_victims": [], "police": group(POLICE)}


def _dash_skeleton() -> dict[str, Any]:
    return {"answers": {str(n): None for n in range(1, DASH_QUESTIONS + 1)}, "score": 0, "comments": {},
            "completed_by": None, "date": None, "extra": {}, "version": None}


def _set(joined: dict[str, Any], path: str, value: Any) -> None:
    top, _, rest = path.partition(".")
    if joined.get(top) is None:
        joined[top] = _skeleton() if top == "referral" else _dash_skeleton()
        joined.setdefault("forms", [])
        if top not in joined["forms"]:
            joined["forms"].append(top)
    node = joined[top]
    parts = rest.split(".")
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    if parts[0] == "comments" and value in (None, ""):
        node.pop(parts[-1], None)
    else:
        node[parts[-1]] = value


def _people(base: list[Any], section: str, rows: list[PersonRow], as_read: dict[str, Any],
            problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    people = []
    for row in rows:
        if all(v in (None, "") for v in row.values.values()):
            continue  # a whole row cleared: the person is taken off
        known = row.index is not None and row.index < len(base) and isinstance(base[row.index], dict)
        person = copy.deepcopy(base[row.index]) if known and row.index is not None else _empty_person(section)
        where = row.index if known else len(people)
        for key, typed in row.values.items():
            before = as_read.get(f"{section}.{row.index}.{key}") if known else None
            if known and _unchanged(typed, before):
                continue
            value, problem = read_value(f"{section}.{where}.{key}", typed)
            if problem:
                problems.append(problem)
            person[key] = value
        people.append(person)
    return people


def _unchanged(typed: Any, before: Any) -> bool:
    probe = Edits({}, {"s": [PersonRow(0, {"k": typed})]}, {"s.0.k": before} if before is not None else {})
    return not probe.changed_people()


def apply_edits(base: dict[str, Any], edits: Edits) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The referral with the coordinator's corrections, and a problem for each one still wrong."""
    joined = copy.deepcopy(base)
    problems: list[dict[str, Any]] = []
    for path, typed in edits.fields.items():
        value, problem = read_value(path, typed)
        if problem:
            problems.append(problem)
        else:
            _set(joined, path, value)
    for section, rows in edits.changed_people().items():
        listed = section.removeprefix("referral.")
        before = list(value_at(joined, section) or [])
        people = _people(before, section, rows, edits.as_read, problems)
        if joined.get("referral") is None:
            _set(joined, "referral.victim.name", None)  # a referral to hold them
        joined["referral"][listed] = people
    if joined.get("dash"):
        joined["dash"]["score"] = sum(1 for a in joined["dash"]["answers"].values() if a == "yes")
    return joined, problems


def recheck(joined: dict[str, Any],
            whose: str = "the value in fields.json") -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Values typed into fields.json read again as a form's would be (dates, yes/no, postcodes, numbers)."""
    out = copy.deepcopy(joined)
    problems = []
    paths = list(scalar_paths())
    for section, columns in ROW_SECTIONS.items():
        paths += [f"{section}.{i}.{k}" for i, _ in enumerate(value_at(out, section) or []) for k in columns]
    for path in paths:
        kind = kind_of(path)
        current = value_at(out, path)
        if not isinstance(current, str) or (kind is Kind.TEXT and not path.endswith((".postcode", ".gender"))):
            continue
        value, problem = read_value(path, current, whose)
        if problem and path.endswith(".postcode"):
            # As on a form: a postcode that does not look like one is kept, with a warning.
            problems.append({**problem, "severity": "warning"})
            continue
        if problem:
            problems.append(problem)
            value = None
        _put_back(out, path, value)
    return out, problems


def _put_back(joined: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node: Any = joined
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    node[parts[-1]] = value
