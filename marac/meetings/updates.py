"""A virtual MARAC's "information and updates" documents, read back as minutes are.

No meeting is held: each case listed for a date gets a document (generators/updates) with a section for
every agency whose Information Sharing Protocol is in date, circulated like an agenda, which each agency
completes by the case's date. Copies come back where minutes do (home/minutes/, or `minutes --import`):
often one per agency with only its own section filled, sometimes one the coordinator has merged. Each
agency's information is stored (a blank section changes nothing), and its action rows become
`parsers.minutes.ActionRow`s so the minutes import checks and stores them by its own rules.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generators.updates.read import UpdatesRead, is_updates, read_updates
from marac.config import Config
from marac.store import cases as case_store
from marac.store import updates as update_store
from marac.store.db import Connection
from parsers.minutes import ActionRow, MinutesRead

from .agency_names import configured_agencies, match_agency

__all__ = ["ActionIds", "VirtualRead", "is_updates", "read", "store_information"]
_NUMBER = re.compile(r"-A(\d+)$")


@dataclass
class VirtualRead:
    minutes: MinutesRead  # the action rows, for the minutes import's checks
    document: UpdatesRead  # the case, its date, and each agency's section


def read(data: bytes) -> VirtualRead:
    document = read_updates(data)
    rows = [ActionRow(document.case_number, number, line.action, section.agency, line.owner, line.deadline)
            for section in document.sections for number, line in enumerate(section.actions, 1)]
    minutes = MinutesRead(meeting_date=document.due, cases=[document.case_number] if document.case_number else [],
                          rows=rows, problems=list(document.problems))
    return VirtualRead(minutes, document)


class ActionIds:
    """Ids for one document's action rows, kept per agency (module docstring of marac.store.updates):
    an agency's n-th row is its n-th action for the case at that date, so a copy returned again, or
    another agency's copy, never takes over someone else's id."""

    def __init__(self, conn: Connection, day: dt.date) -> None:
        self.conn, self.day = conn, day
        self.used: dict[tuple[int, str], int] = {}
        self.taken: dict[int, set[int]] = {}

    def __call__(self, case_id: int, case_number: str, agency: str) -> str:
        mine = update_store.agency_refs(self.conn, self.day, case_id, agency)
        position = self.used.get((case_id, agency), 0)
        self.used[(case_id, agency)] = position + 1
        if position < len(mine):
            return mine[position]
        taken = self.taken.setdefault(case_id, {int(m[1]) for ref in update_store.case_refs(self.conn, case_id)
                                                if (m := _NUMBER.search(ref))})
        number = max(taken, default=0) + 1
        taken.add(number)
        return f"{case_number}-A{number}"


def store_information(conn: Connection, config: Config, found: VirtualRead, notes: list[str],
                      problems: list[str]) -> None:
    """Each agency's information, when its section has any and the case is listed for the document's date."""
    document, day = found.document, found.document.due
    filled = [s for s in document.sections if s.information.strip()]
    if not filled or day is None or document.case_number is None:
        return
    case = case_store.find_by_number(conn, document.case_number)
    if case is None or case["meeting"] != day.isoformat():
        problems.append(f"case {document.case_number} is not listed for {day.isoformat()}, so the agencies' "
                        "information was not stored")
        return
    names = [a.name for a in configured_agencies(config)]
    stored = []
    for section in filled:
        name, why = match_agency(section.agency, names)
        if name is None:
            problems.append(f"the information under '{section.agency}' was not stored: {why}")
            continue
        text = section.information.strip()
        if section.completed_by.strip():
            text = f"{text}\n(completed by {section.completed_by.strip()})"
        update_store.record(conn, day, case["id"], name, text)
        stored.append(name)
    if stored:
        notes.append(f"case {document.case_number}: information from {', '.join(stored)} recorded")
