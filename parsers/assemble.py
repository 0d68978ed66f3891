"""Build the schema object (docs/referral.schema.json, the project's copy of the shared spec) from a reader's raw
values."""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any

from . import normalise, ticks
from .fields import (CHILD, DASH_QUESTIONS, PERPETRATOR, POLICE, REASONS, REFERRAL_TOP, REFERRER, VICTIM,
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
        if isinstance(value, bool) or _only_marks(value):
            # A tick where text was expected carries no text.
            return [] if kind is Kind.LIST else None
        if normalise.is_unknown_text(value):
            return [] if kind is Kind.LIST else None  # "Not known", "N/K": nothing to read, nothing wrong
        if kind is Kind.DATE:
            return _date(path, value).isoformat()
        if kind is Kind.INT and path.endswith("dash_score_stated") and _risk_level(value):
            return None  # "Risk Score: High": a level; the checklist's own count is the score
        if kind is Kind.INT and path.endswith("dash_score_stated"):
            value = _ANSWERED_YES.sub("", value)  # "Has a DASH been completed? Score: Yes – 16": the score is 16
        if kind is Kind.INT:
            return normalise.parse_age(value) if path.endswith(".age") else normalise.parse_int(value)
        if kind is Kind.LIST:
            return [] if normalise.parse_bool_or_none(value) is False else normalise.parse_list(value)  # "None"
        if path.endswith(".email"):
            return normalise.parse_email(value)
        if path.endswith(".gender"):
            return normalise.parse_gender(value)
        if path.endswith(".postcode"):
            return normalise.parse_postcode(value)
        if path.endswith(".address"):
            return _HOUSE_NUMBER_LINE.sub(r"\1 ", value)
        return value
    except normalise.NotUnderstood as exc:
        severity = "warning" if path.endswith(".postcode") else "error"
        problems.append(Problem(f"{_label(path)}: {exc}", path, severity))  # type: ignore[arg-type]
        return value if path.endswith(".postcode") else ([] if kind is Kind.LIST else None)


# A house number alone on its line ("131" / "Foundry Road, …"): no one writes it so; a narrow cell or a page break
# parted it from its street, which it goes before.
_HOUSE_NUMBER_LINE = re.compile(r"^(\d{1,4}[A-Za-z]?)[ \t]*\n[ \t]*(?=\S)", re.MULTILINE)
_ANSWERED_YES = re.compile(r"^\s*yes\s*[-\u2013\u2014,:;]\s*(?=\d)", re.IGNORECASE)


def _risk_level(text: str) -> bool:
    """ "High", "Standard risk": a risk level (data/values.toml [risk_levels]), not a DASH count."""
    words = normalise.vocabulary().get("risk_levels", {}).get("words", [])
    return " ".join(text.lower().split()).strip(" .") in {" ".join(w.lower().split()) for w in words}


def _only_marks(text: str) -> bool:
    """ "☐", "☒ ☐": tick boxes and nothing else, where text was expected."""
    return not re.sub(rf"[\s{re.escape(ticks.CHECKED_GLYPHS + ticks.UNCHECKED_GLYPHS)}]", "", text)


_WHOSE_BIRTH = {"referral.victim.": "victim", "referral.additional_victims.": "victim",
                "referral.perpetrators.": "perpetrator", "referral.children.": "child"}


def _date(path: str, value: str) -> Any:
    """A date read with what is plausible for it: a date of birth is in the past (an age the person can
    be), the referral's own dates are recent. A two-digit year is read by that; nothing is guessed."""
    if path.endswith(".dob"):
        # The plausible age reads a two-digit year; a year written in full is taken as written, unless
        # it is in the future (an expected baby's due date is the one exception).
        whose = next((w for prefix, w in _WHOSE_BIRTH.items() if path.startswith(prefix)), None)
        latest = dt.date.today() + dt.timedelta(days=300 if whose == "child" else 0)
        born = normalise.birth_window(whose)
        day = normalise.parse_date(value, window=(born[0], max(born[1], latest)))  # an EDD "02.02.27" too
        if day > latest:
            raise normalise.NotUnderstood(f"'{value}' is not a plausible date of birth (in the future)")
        return day
    if path in ("referral.referrer.date", "dash.date"):
        return normalise.parse_date(value, window=normalise.recent_window())
    return normalise.parse_date(value)


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
        if any(v not in (None, []) for v in row.values()) and not (section == "referral.children" and _nobody(row)):
            rows.append(row)
    return rows


def _skipped(values: dict[str, Any], section: str) -> bool:
    """A row numbered after one the form gave nothing for at all ("Perpetrator 2" read, no perpetrator 1)."""
    prefix = section + "."
    rows = {int(p[len(prefix):].partition(".")[0]) for p in values if p.startswith(prefix)}
    return bool(rows) and len(rows) <= max(rows)


_A_CHILD = ("name", "dob", "unborn", "school", "gender")


def _nobody(row: dict[str, Any]) -> bool:
    """A child row holding only what a box said of all the children ("Address of children: Same as client")
    with no child named in it: no child."""
    return all(row.get(column) in (None, [], False) for column in _A_CHILD)


def _group(values: dict[str, Any], prefix: str, columns: dict[str, Kind]) -> dict[str, Any]:
    return {k: values.get(f"{prefix}{k}", [] if kind is Kind.LIST else None) for k, kind in columns.items()}


# What a DASH checklist prints around its questions besides the answers: whose checklist, who filled
# it in, the crime number, its total, the assessor's notes. A file holding only these and a checklist
# is a checklist, not a referral form with everything missing.
_CHECKLIST_HEADER = frozenset({
    "referral.victim.name", "referral.victim.dob", "referral.referrer.name", "referral.referrer.agency",
    "referral.referrer.date", "referral.referrer.phone", "referral.referrer.email", "referral.crime_reference",
    "referral.dash_score_stated", "referral.risks_summary", "referral.additional_information"})
_CHECKLIST_MIN_QUESTIONS = 12  # lines read as one of the 24: a checklist, not a question or two


def _young_person_is_victim(values: dict[str, Any]) -> None:
    """A checklist is filled in about its victim: the one young person a checklist's head names ("Name of young
    person", the young people's Dash) is the victim, where the file names no victim and no other child."""
    lines = sum(f"dash.answers.{n}" in values for n in range(1, DASH_QUESTIONS + 1))
    child = {p.removeprefix("referral.children.0."): v for p, v in values.items()
             if p.startswith("referral.children.") and v not in (None, [], False)}
    if lines < _CHECKLIST_MIN_QUESTIONS or values.get("referral.victim.name") or set(child) - {"name", "dob"} \
            or "name" not in child or any(p.startswith("referral.children.") and not p.startswith(
                "referral.children.0.") and v not in (None, [], False) for p, v in values.items()):
        return
    for column, value in child.items():
        values[f"referral.victim.{column}"] = value
        del values[f"referral.children.0.{column}"]


def _checklist_alone(values: dict[str, Any]) -> bool:
    lines = sum(f"dash.answers.{n}" in values for n in range(1, DASH_QUESTIONS + 1))
    given = [p for p, v in values.items() if p.startswith("referral.") and v not in (None, [], False)]
    return lines >= _CHECKLIST_MIN_QUESTIONS and all(p in _CHECKLIST_HEADER or p.startswith("referral.police.")
                                                     for p in given)


def assemble(raw: RawForm, filename: str, sha256: str) -> dict[str, Any]:
    problems = list(raw.problems)
    flat = _resolve_choices(raw.fields, problems)
    values: dict[str, Any] = {}
    for path, value in flat.items():
        kind = kind_of(path)
        if kind is not None:
            values[path] = _convert(path, kind, value, problems)

    extra = {path.removeprefix("dash.extra."): _convert(path, Kind.ANSWER, value, problems)
             for path, value in flat.items() if path.startswith("dash.extra.")}
    has_referral = any(p.startswith("referral.") and v not in (None, []) for p, v in values.items())
    # A checklist is there when its question lines were (answered or not); "DASH completed by" alone on
    # a referral form, with the checklist sent as a file of its own, is not one (parsers.join).
    has_dash = bool(raw.dash_lines) or any(v is not None for v in extra.values()) or any(
        p.startswith(("dash.answers.", "dash.comments.")) and v not in (None, []) for p, v in values.items())
    printed_total = None
    _young_person_is_victim(values)
    if has_referral and _checklist_alone(values):
        has_referral = False  # a checklist's own header (victim, assessor, crime number), not a referral
        printed_total = values.get("referral.dash_score_stated")  # its "Total 'yes' responses"
        if values.get("dash.date") is None:
            values["dash.date"] = values.get("referral.referrer.date")  # "Worker completing | Date": its own date

    if has_referral and not has_dash and values.get("dash.date") is not None:
        # "DATE OF DASH RIC" on a referral whose checklist is a file of its own: the referral states it,
        # as it states the score; joined into the checklist's date where that has none (parsers.join).
        values.setdefault("referral.dash_date_stated", values["dash.date"])

    referral = None
    if has_referral:
        referral = {
            "referrer": _group(values, "referral.referrer.", REFERRER),
            "victim": _group(values, "referral.victim.", VICTIM),
            "perpetrators": _rows(values, "referral.perpetrators", PERPETRATOR),
            "children": _rows(values, "referral.children", CHILD),
            "reasons": _group(values, "referral.reasons.", REASONS),
            **_group(values, "referral.", REFERRAL_TOP),
            "additional_victims": _rows(values, "referral.additional_victims", VICTIM),
            "police": _group(values, "referral.police.", POLICE),
        }
        if _skipped(values, "referral.perpetrators"):
            problems.append(Problem("a later perpetrator was read but not the one before (the box is numbered, or "
                                    "headed 'second perpetrator'): check the perpetrators on the form",
                                    "referral.perpetrators", "warning"))
        if referral["previous_marac_elsewhere"] is None and isinstance(referral["previous_marac"], str):
            # The previous-MARAC box asks about another area: a plain yes or no answers that too.
            referral["previous_marac_elsewhere"] = normalise.parse_bool_or_none(referral["previous_marac"])
        victim = referral["victim"]
        if victim["postcode"] is None and victim["address"]:
            victim["postcode"] = normalise.postcode_in(victim["address"])
        elif victim["postcode"] and victim["address"] and "".join(victim["postcode"].split()).casefold() not in \
                "".join(victim["address"].split()).casefold():
            # "Address" and "Postcode" in boxes of their own: the address, where it is used whole, ends with it
            victim["address"] = f"{victim['address'].strip().rstrip(',')}, {victim['postcode']}"

    dash = None
    if has_dash:
        answers = {str(n): values.get(f"dash.answers.{n}") for n in range(1, DASH_QUESTIONS + 1)}
        comments = {str(n): values[f"dash.comments.{n}"] for n in range(1, DASH_QUESTIONS + 1)
                    if values.get(f"dash.comments.{n}")}
        score = sum(1 for a in answers.values() if a == "yes")
        dash = {"answers": answers, "score": score, "comments": comments,
                "completed_by": values.get("dash.completed_by"), "date": values.get("dash.date"),
                "extra": extra, "version": raw.dash_version}
        # The score a referral form states is compared with the count once the message's files are
        # joined (parsers.join): the checklist is often a file of its own.
        extra_yes = sum(1 for answer in extra.values() if answer == "yes")
        stated = values.get("referral.dash_score_stated")
        unread = sum(1 for a in answers.values() if a is None)
        if isinstance(stated, int) and score < stated <= score + unread and not stated <= score + extra_yes:
            # The file states a total its answers read fall short of, and enough answers were not read to
            # explain it: the recount is of a partial read, the referrer counted every answer. Keep their
            # total, never a silent recount, and say so (the coordinator triages on it: 14 or more).
            dash["score"] = stated
            problems.append(Problem(f"the checklist states a total of {stated} 'yes' answers but only {score} were "
                                    f"read as yes ({unread} questions have no answer read): the stated total is "
                                    "kept; check the answers", "dash.score", "warning"))
        elif isinstance(printed_total, int) and not score <= printed_total <= score + extra_yes:
            problems.append(Problem(f"the checklist's own total of 'yes' answers is {printed_total} but {score} of "
                                    "its questions are read as yes: check the answers", "dash.score", "warning"))
        if not any(answers.values()) and not any(extra.values()):
            # a score of 0 from a checklist none of whose answers could be read would pass for "no risk" (a
            # stand-alone stalking checklist, its answers all in `extra`, was read: it has no RIC score to give)
            problems.append(Problem("a DASH checklist was found but none of its answers could be read, so its "
                                    "score of 0 means nothing: read it by hand", "dash.score"))

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
