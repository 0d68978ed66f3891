"""Build the schema object (shared/spec/referral.schema.json) from a reader's raw values."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from . import normalise
from .fields import (CHILD, DASH_QUESTIONS, PERPETRATOR, REASONS, REFERRAL_TOP, REFERRER, VICTIM,
                     Kind, kind_of)
from .model import RawForm, RawValue
from .problem import Problem


def _label(path: str) -> str:
    """A field named the way a coordinator would say it, for messages."""
    parts = [p for p in path.split(".") if p not in {"referral", "answers"}]
    words = []
    for part in parts:
        words.append(f"row {int(part) + 1}" if part.isdigit() else part.replace("_", " "))
    return " ".join(words)


def _resolve_choices(fields: dict[str, RawValue], problems: list[Problem]) -> dict[str, RawValue]:
    """Fold `path=choice` tick boxes into their path; two different ticks is a contradiction."""
    plain: dict[str, RawValue] = {}
    ticked: dict[str, list[str]] = defaultdict(list)
    for key, value in fields.items():
        path, sep, choice = key.partition("=")
        if not sep:
            plain[key] = value
            continue
        if value is True or (isinstance(value, str) and normalise.parse_bool_or_none(value)):
            ticked[path].append(choice)
        else:
            ticked.setdefault(path, [])
    for path, choices in ticked.items():
        if path in plain and plain[path] not in (None, ""):
            continue
        distinct = sorted(set(choices))
        if len(distinct) > 1:
            problems.append(Problem(f"{_label(path)}: more than one box is ticked ({', '.join(distinct)})", path))
            plain[path] = None
        else:
            plain[path] = distinct[0] if distinct else None
    return plain


def _convert(path: str, kind: Kind, value: RawValue, problems: list[Problem]) -> Any:
    if value is None:
        return [] if kind is Kind.LIST else None
    if isinstance(value, str):
        cleaned = normalise.clean_text(value)
        if cleaned is None:
            return [] if kind is Kind.LIST else None
        value = cleaned
    try:
        if kind is Kind.BOOL:
            return normalise.parse_bool(value)
        if kind is Kind.ANSWER:
            return normalise.parse_answer(value)
        if isinstance(value, bool):
            # A tick where text was expected carries no text.
            return [] if kind is Kind.LIST else None
        if kind is Kind.DATE:
            return normalise.parse_date(value).isoformat()
        if kind is Kind.INT:
            return normalise.parse_int(value)
        if kind is Kind.LIST:
            return normalise.parse_list(value)
        if path.endswith(".postcode"):
            return normalise.parse_postcode(value)
        return value
    except normalise.NotUnderstood as exc:
        severity = "warning" if path.endswith(".postcode") else "error"
        problems.append(Problem(f"{_label(path)}: {exc}", path, severity))  # type: ignore[arg-type]
        return value if path.endswith(".postcode") else ([] if kind is Kind.LIST else None)


def _rows(values: dict[str, Any], section: str, columns: dict[str, Kind]) -> list[dict[str, Any]]:
    by_index: dict[int, dict[str, Any]] = defaultdict(dict)
    prefix = section + "."
    for path, value in values.items():
        if path.startswith(prefix):
            index, _, column = path[len(prefix):].partition(".")
            by_index[int(index)][column] = value
    rows = []
    for index in sorted(by_index):
        row = {column: by_index[index].get(column, [] if kind is Kind.LIST else None)
               for column, kind in columns.items()}
        if any(v not in (None, []) for v in row.values()):
            rows.append(row)
    return rows


def _group(values: dict[str, Any], prefix: str, columns: dict[str, Kind]) -> dict[str, Any]:
    return {k: values.get(f"{prefix}{k}", [] if kind is Kind.LIST else None) for k, kind in columns.items()}


def assemble(raw: RawForm, filename: str, sha256: str) -> dict[str, Any]:
    problems = list(raw.problems)
    flat = _resolve_choices(raw.fields, problems)
    values: dict[str, Any] = {}
    for path, value in flat.items():
        kind = kind_of(path)
        if kind is not None:
            values[path] = _convert(path, kind, value, problems)

    has_referral = any(p.startswith("referral.") and v not in (None, []) for p, v in values.items())
    has_dash = any(p.startswith("dash.") and v not in (None, []) for p, v in values.items())

    referral = None
    if has_referral:
        referral = {
            "referrer": _group(values, "referral.referrer.", REFERRER),
            "victim": _group(values, "referral.victim.", VICTIM),
            "perpetrators": _rows(values, "referral.perpetrators", PERPETRATOR),
            "children": _rows(values, "referral.children", CHILD),
            "reasons": _group(values, "referral.reasons.", REASONS),
            **_group(values, "referral.", REFERRAL_TOP),
        }
        victim = referral["victim"]
        if victim["postcode"] is None and victim["address"]:
            victim["postcode"] = normalise.postcode_in(victim["address"])

    dash = None
    if has_dash:
        answers = {str(n): values.get(f"dash.answers.{n}") for n in range(1, DASH_QUESTIONS + 1)}
        comments = {str(n): values[f"dash.comments.{n}"] for n in range(1, DASH_QUESTIONS + 1)
                    if values.get(f"dash.comments.{n}")}
        score = sum(1 for a in answers.values() if a == "yes")
        dash = {"answers": answers, "score": score, "comments": comments,
                "completed_by": values.get("dash.completed_by"), "date": values.get("dash.date")}
        stated = referral["dash_score_stated"] if referral else None
        if stated is not None and stated != score:
            problems.append(Problem(
                f"the form states a DASH score of {stated} but {score} questions are answered yes",
                "referral.dash_score_stated", "warning"))

    forms = [name for name, present in (("referral", has_referral), ("dash", has_dash)) if present]
    if not forms and not any(p.severity == "error" for p in problems):
        blank = bool(raw.fields) and not raw.labelled and not raw.tables and not raw.dash_lines
        problems.append(Problem("the form is blank: nothing has been filled in" if blank else
                                "no referral form or DASH checklist was recognised in this file"))
    return {
        "source": {"filename": filename, "kind": raw.kind, "sha256": sha256},
        "forms": forms,
        "referral": referral,
        "dash": dash,
        "problems": [p.as_dict() for p in problems],
    }
