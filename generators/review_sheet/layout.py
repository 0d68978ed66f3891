"""What review.xlsx shows, shared by the writer and the reader: the rows of the main sheet in the order
of the service's own form, the people sheets and their columns, and how a value is shown in a cell.

Rows and people carry their canonical path in a hidden column, so the reader never depends on a row's
position: a person who sorts the sheet or inserts a row loses nothing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generators.forms.layout import (
    CHILDREN_TABLE,
    DASH_FOOTER,
    PERPETRATOR_TABLE,
    REFERRAL_SECTIONS,
    dash_questions,
)
from parsers.fields import CHILD, PERPETRATOR, VICTIM, Kind, scalar_paths, value_at

MAIN = "Check and correct"
AS_READ = "as read"  # hidden: the people tables as written, so an edit can be told from what was read
CORRECTION_HEADER = "Your correction (type here)"
YES, NO, UNKNOWN = "Yes", "No", "Not known"
DATE_FORMAT = "dd/mm/yyyy"
NEW_PERSON_ROWS = 5  # empty rows offered under the people read from the form


@dataclass(frozen=True)
class Row:
    section: str
    label: str
    path: str
    kind: Kind


@dataclass(frozen=True)
class People:
    sheet: str
    section: str  # e.g. referral.perpetrators
    who: str  # "Perpetrator", for the problem list
    columns: tuple[tuple[str, str, Kind], ...]  # (column key, heading, kind)


def _people(sheet: str, section: str, who: str, first: tuple[tuple[str, str], ...], kinds: dict[str, Kind],
            more: tuple[tuple[str, str], ...]) -> People:
    return People(sheet, section, who, tuple((key, heading, kinds[key]) for key, heading in (*first, *more)))


PEOPLE: tuple[People, ...] = (
    _people("Perpetrators", "referral.perpetrators", "Perpetrator", PERPETRATOR_TABLE.columns, PERPETRATOR,
            (("ethnicity", "Ethnicity"), ("occupation", "Occupation"), ("phone", "Phone"))),
    _people("Children", "referral.children", "Child", CHILDREN_TABLE.columns, CHILD,
            (("gender", "Gender"), ("lives_with_victim", "Lives with the victim"), ("unborn", "Unborn"))),
    _people("Other victims", "referral.additional_victims", "Other victim",
            (("name", "Name"), ("aliases", "Also known as"), ("dob", "Date of birth"), ("gender", "Gender"),
             ("address", "Address"), ("postcode", "Postcode"), ("phone", "Phone"),
             ("safe_to_call", "Safe to call")), VICTIM, ()),
)

# Fields other areas' forms carry that the service's own form does not: shown when something was read.
_EXTRA_LABELS = {
    "referral.referrer.role": "Referrer's role", "referral.referrer.address": "Referrer's address",
    "referral.victim.age": "Victim's age", "referral.victim.safe_to_leave_message": "Safe to leave a message",
    "referral.victim.first_language": "First language", "referral.victim.religion": "Religion",
    "referral.victim.nationality": "Nationality", "referral.victim.immigration_status": "Immigration status",
    "referral.victim.housing": "Housing", "referral.victim.occupation": "Occupation",
    "referral.victim.mental_health": "Mental health", "referral.victim.substance_misuse": "Substance misuse",
    "referral.other_at_risk": "Others at risk", "referral.victim_wishes": "The victim's wishes",
    "referral.consent_override_reason": "Why shared without consent",
    "referral.previous_marac_elsewhere": "Heard at another MARAC before",
    "referral.transfer_from": "Transferred from", "referral.police.officer_in_charge": "Officer in charge",
    "referral.police.officer_contact": "Officer's contact details",
    "referral.police.victim_wants_police": "Victim wants police involvement",
}


def main_rows(joined: dict[str, Any]) -> list[Row]:
    """Every field of the service's own form in its order, then what else was read, then the checklist."""
    rows = [Row(s.title, f.label, f.path, f.kind) for s in REFERRAL_SECTIONS for f in s.fields]
    kinds = scalar_paths()
    rows += [Row("Also on the form", label, path, kinds[path]) for path, label in _EXTRA_LABELS.items()
             if value_at(joined, path) not in (None, "", [])]
    rows += [Row("DASH checklist", f.label, f.path, f.kind) for f in DASH_FOOTER]
    for number, text in dash_questions():
        rows.append(Row("DASH checklist", f"{number}. {text}", f"dash.answers.{number}", Kind.ANSWER))
        if value_at(joined, f"dash.comments.{number}"):
            rows.append(Row("DASH checklist", f"{number}. comments", f"dash.comments.{number}", Kind.TEXT))
    return rows


def label_of(path: str) -> str:
    """A field as the coordinator reads it on the sheet, for problems about it."""
    for row in main_rows({}):
        if row.path == path:
            return row.label
    if path in _EXTRA_LABELS:
        return _EXTRA_LABELS[path]
    for people in PEOPLE:
        if path.startswith(people.section + "."):
            index, _, column = path[len(people.section) + 1:].partition(".")
            heading = next((h for key, h, _ in people.columns if key == column), column.replace("_", " "))
            return f"{people.who} {int(index) + 1}: {heading.lower()}" if index.isdigit() else heading
    return path.replace("_", " ")


def shown(kind: Kind, value: Any) -> str | dt.date | int | None:
    """A value as a cell shows it: dates as real dates, yes/no as words, lists joined."""
    if value is None or value == [] or value == "":
        return None
    if kind is Kind.DATE and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, bool):
        return YES if value else NO
    if kind is Kind.ANSWER:
        return {"yes": YES, "no": NO, "unknown": UNKNOWN}.get(str(value), str(value))
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, int):
        return value
    return str(value)


@dataclass
class PersonRow:
    """One row of a people sheet as the coordinator left it."""
    index: int | None  # the person read from the form it started as; None for a person added on the sheet
    values: dict[str, Any]  # column key -> cell value as typed


@dataclass
class Edits:
    """What the coordinator typed into review.xlsx, cell values as the workbook holds them (not yet read)."""
    fields: dict[str, Any]  # path -> the correction cell, for each correction typed on the main sheet
    people: dict[str, list[PersonRow]]  # section -> its rows now, people read and added alike
    as_read: dict[str, Any]  # person path (referral.children.0.dob) -> the cell as the service wrote it

    def changed_people(self) -> dict[str, list[PersonRow]]:
        """The sections where a person was corrected, added or cleared: the rest stay as read."""
        out = {}
        for section, rows in self.people.items():
            written = {int(p[len(section) + 1:].partition(".")[0]) for p in self.as_read
                       if p.startswith(section + ".")}
            kept = {row.index for row in rows if row.index is not None}
            edited = any(row.index is None or any(
                not _same(value, self.as_read.get(f"{section}.{row.index}.{key}"))
                for key, value in row.values.items()) for row in rows)
            if edited or written - kept:
                out[section] = rows
        return out


def _same(a: Any, b: Any) -> bool:
    blank = (None, "")
    if a in blank and b in blank:
        return True
    if isinstance(a, dt.datetime):
        a = a.date()
    if isinstance(b, dt.datetime):
        b = b.date()
    if isinstance(a, str) and isinstance(b, str):
        return a.strip() == b.strip()
    return bool(a == b)
