"""What the tracker workbook holds: its sheets' columns and the rows handed to the builder.

The writer, the reader and the merge (`marac.tracker`) all name columns from here, so a column renamed or
added in one place is renamed or added for all of them. Columns are found by their header, never by
position: people sort, filter and move columns, and put titles above the header row.

The workbook is shared with every agency: nothing here carries a victim's name. Cases are identified by
case number only.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from .values import CellValue

# The Actions sheet, in order. The three columns people edit are read back; the others are the service's.
ACTION_HEADERS = ("Action id", "MARAC date", "Case number", "Action", "Agency", "Owner", "Deadline", "Status",
                  "Date status reported", "Notes", "Conflict")
EDITABLE = {"status": "Status", "status_reported": "Date status reported", "notes": "Notes"}
FIELD_LABELS = dict(EDITABLE)
CASE_HEADERS = ("Case number", "MARAC date", "Status", "Repeat", "Referrals", "Referring agencies")
MEETING_HEADERS = ("MARAC date", "Status", "Venue", "Chair", "Cases", "Actions", "Actions not finished")
CONFLICT_HEADERS = ("Action id", "Case number", "Column", "Spreadsheet value", "Service value", "Since", "Decision")
KEEP_SPREADSHEET, KEEP_SERVICE = "Keep spreadsheet", "Keep service"

# Statuses after which an action needs no chasing (compared without regard to case, as Excel does).
FINISHED = frozenset({"done", "complete", "completed", "closed", "cancelled", "canceled"})


# ---------------------------------------------------------------------------------------------------------
# Rows handed to the builder (the store's view, already in display form)

@dataclass(frozen=True)
class ActionRow:
    action_ref: str
    meeting: dt.date | str | None
    case_number: str
    description: str
    agency: str
    owner: str | None
    deadline: dt.date | str | None
    status: str
    status_reported: dt.date | str | None
    notes: str | None
    conflict: str | None = None
    extra: tuple[CellValue, ...] = ()  # values of columns people added, in `extra_columns` order

    def cells(self) -> tuple[CellValue, ...]:
        return (self.action_ref, self.meeting, self.case_number, self.description, self.agency, self.owner,
                self.deadline, self.status, self.status_reported, self.notes, self.conflict, *self.extra)


@dataclass(frozen=True)
class CaseRow:
    case_number: str
    meeting: dt.date | None
    status: str
    repeat: bool
    referrals: int
    agencies: tuple[str, ...]

    def cells(self) -> tuple[CellValue, ...]:
        return (self.case_number, self.meeting, self.status, "Yes" if self.repeat else "No", self.referrals,
                "; ".join(self.agencies))


@dataclass(frozen=True)
class MeetingRow:
    date: dt.date
    status: str
    venue: str | None
    chair: str | None
    cases: int
    actions: int
    unfinished: int

    def cells(self) -> tuple[CellValue, ...]:
        return (self.date, self.status, self.venue, self.chair, self.cases, self.actions, self.unfinished)


@dataclass(frozen=True)
class ConflictRow:
    action_ref: str
    case_number: str
    field: str  # status | status_reported | notes
    spreadsheet_value: str | None
    service_value: str | None
    since: dt.date | None

    def cells(self) -> tuple[CellValue, ...]:
        return (self.action_ref, self.case_number, FIELD_LABELS[self.field], self.spreadsheet_value,
                self.service_value, self.since, None)


# ---------------------------------------------------------------------------------------------------------
# Finding columns by their header

def header_key(header: CellValue) -> str:
    """A header as compared: spaces collapsed, case ignored."""
    return " ".join(str(header).split()).casefold() if header is not None else ""


def find_header_row(rows: Iterator[list[CellValue]], needed: str, look: int = 20) -> list[CellValue] | None:
    """The header row: people sometimes put a title or a blank row above it."""
    for _, row in zip(range(look), rows):
        if any(header_key(v) == needed for v in row):
            return row
    return None
