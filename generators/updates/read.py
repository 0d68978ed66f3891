"""Read a completed "information and updates" document back: the case, its date, and per agency what it
wrote and the actions it took on.

Found by labels, not positions, so a coordinator's rewording and an agency's extra rows do no harm: the
two-column row "Case" and "Due by" above the sections; each agency's "Agency" | "Completed by" |
"Information" table; the next table headed "Action" holds that agency's actions (Action | Owner |
Deadline). Nothing is checked here against the MARAC's records: that is the store's side.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field

from docx import Document
from docx.table import Table

from parsers.normalise import NotUnderstood, parse_date

_TITLE = re.compile(r"information\s+and\s+updates", re.IGNORECASE)


@dataclass(frozen=True)
class ActionLine:
    action: str
    owner: str
    deadline: str


@dataclass
class Section:
    agency: str
    completed_by: str = ""
    information: str = ""
    actions: list[ActionLine] = field(default_factory=list)


@dataclass
class UpdatesRead:
    case_number: str | None = None
    due: dt.date | None = None
    sections: list[Section] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _text(cell_text: str) -> str:
    return "\n".join(line.strip() for line in cell_text.replace("\r", "\n").split("\n")).strip()


def _label(text: str) -> str:
    return " ".join(text.split()).rstrip(":").casefold()


def is_updates(data: bytes) -> bool:
    """True for a virtual MARAC's document: its title says "information and updates" and it has a Case row."""
    try:
        document = Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - not a Word document at all: the minutes reader reports it
        return False
    titled = any(_TITLE.search(p.text) for p in document.paragraphs[:5])
    return titled and any(_pairs(t).get("case") for t in document.tables[:1])


def _pairs(grid: Table) -> dict[str, str]:
    """A label | value table as {label: value}; a wider table gives nothing."""
    found: dict[str, str] = {}
    for row in grid.rows:
        cells = row.cells
        if len(cells) >= 2 and cells[0]._tc is not cells[1]._tc:
            found.setdefault(_label(cells[0].text), _text(cells[1].text))
    return found if len(grid.columns) == 2 else {}


def _actions(grid: Table) -> list[ActionLine] | None:
    """The rows of an Action | Owner | Deadline table, blank rows left out; None for any other table."""
    header = [_label(c.text) for c in grid.rows[0].cells] if grid.rows else []
    if not header or header[0] != "action":
        return None
    column = {name: header.index(name) for name in ("owner", "deadline") if name in header}
    lines = []
    for row in grid.rows[1:]:
        cells = [_text(c.text) for c in row.cells]
        values = [cells[0]] + [cells[column[n]] if n in column and column[n] < len(cells) else ""
                               for n in ("owner", "deadline")]
        if any(values):
            lines.append(ActionLine(*values))
    return lines


def read_updates(data: bytes) -> UpdatesRead:
    result = UpdatesRead()
    document = Document(io.BytesIO(data))
    section: Section | None = None
    for grid in document.tables:
        pairs = _pairs(grid)
        if "case" in pairs and result.case_number is None:
            result.case_number = pairs["case"].split()[0].upper() if pairs["case"] else None
            _due(pairs.get("due by", ""), result)
        elif "agency" in pairs:
            section = Section(pairs["agency"], pairs.get("completed by", ""), pairs.get("information", ""))
            result.sections.append(section)
        elif (lines := _actions(grid)) is not None:
            if section is None:
                result.problems.append("an actions table comes before any agency's section, so it belongs to "
                                       "no agency")
            else:
                section.actions.extend(lines)
    if result.case_number is None:
        result.problems.append("the document has no Case row, so the case it is about is not known")
    return result


def _due(text: str, result: UpdatesRead) -> None:
    try:
        result.due = parse_date(text)
    except NotUnderstood:
        result.problems.append(f"the Due by date '{text}' cannot be read as a date")
