"""The attendance table of completed minutes: which agencies were present, sent apologies (and
whether they sent information) or did not come. Pure: the table's cell texts in, rows out."""
from __future__ import annotations

import re
from dataclasses import dataclass

# What minute-takers write in the attendance column, by meaning.
_PRESENT = {"present", "p", "yes", "y", "attended", "in attendance", "x", "\u2713", "\u2714", "\u2611", "\u2612"}
_APOLOGIES = {"apologies", "apols", "apology", "a", "sent apologies", "apologies sent", "apologies given"}
_ABSENT = {"absent", "no", "n", "dna", "did not attend", "not present", "no apologies", "not attended"}
_YES = {"yes", "y", "sent", "received", "yes received", "\u2713", "\u2714"}
_NO = {"no", "n", "not sent", "none", "not received"}


@dataclass(frozen=True)
class AttendanceRow:
    agency: str
    representative: str
    status: str  # present | apologies | absent | unknown
    information_sent: bool | None  # for apologies: whether the agency sent its information anyway


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9\u2610-\u2714 ]+", " ", text.casefold()).split())


def _columns(cells: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = _norm(cell)
        if "agency" in text or text in {"organisation", "service"}:
            found.setdefault("agency", index)
        elif any(w in text for w in ("representative", "name", "attendee")):
            found.setdefault("representative", index)
        elif any(w in text for w in ("present", "attend", "apolog")):
            found.setdefault("status", index)
        elif "information" in text or "info" in text.split():
            found.setdefault("information", index)
    return found if {"agency", "status"} <= found.keys() else None


def _status(text: str) -> str:
    value = _norm(text)
    if not value:
        return "unknown"
    if value in _PRESENT:
        return "present"
    if value in _APOLOGIES or value.startswith("apolog"):
        return "apologies"
    if value in _ABSENT:
        return "absent"
    return "unknown"


def _sent(text: str) -> bool | None:
    value = _norm(text)
    if value in _YES or value.startswith("yes"):
        return True
    if value in _NO or value.startswith("no "):
        return False
    return None


def attendance_table(rows: list[list[str]]) -> list[AttendanceRow] | None:
    """The rows of an attendance table (header: Agency | ... | Present / apologies | Information sent?);
    None for any other table."""
    for start, header in enumerate(rows[:2]):
        columns = _columns(header)
        if columns is None:
            continue
        found = []
        for cells in rows[start + 1:]:
            def cell(key: str) -> str:
                index = columns.get(key)
                return " ".join(cells[index].split()) if index is not None and index < len(cells) else ""
            agency = cell("agency")
            if not agency or cells == header:
                continue
            found.append(AttendanceRow(agency, cell("representative"), _status(cell("status")),
                                       _sent(cell("information"))))
        return found
    return None
