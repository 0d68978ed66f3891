"""Tie what a reader found on the page to canonical paths: labelled values, person tables, DASH lines.

`resolve` runs between reading and assembling (parsers.parse_bytes). Values the reader already tied
to a path (tags, field names of the service's own forms) always win; labels only fill what is still
empty. Labels are matched with the synonym table of data/labels.toml (see parsers.labels.matcher).
Problems name labels and fields, never values: values are personal data.
"""
from __future__ import annotations

import re
from collections import defaultdict

from ..fields import DASH_QUESTIONS
from ..model import DashLine, Labelled, RawForm, RawValue, RowTable
from ..problem import Problem
from .dash_questions import match_question
from .matcher import ROLE_BASE, LabelTable, Match
from .synonyms import load_table

__all__ = ["resolve"]

ROW_ROLES = ("perpetrator", "child")


def _given(value: RawValue) -> bool:
    """A value is there (False counts: an unticked box says no)."""
    return value is not None and not (isinstance(value, str) and not value.strip())


def _worth_reporting(value: RawValue) -> bool:
    return _given(value) and value is not False


def _shown(label: str) -> str:
    return " ".join(label.split())[:80]


def _describe(path: str) -> str:
    """A path the way a coordinator says it: 'perpetrator dob'."""
    path = path.partition("#")[0].removeprefix("referral.").replace("*.", "")
    return path.replace("perpetrators", "perpetrator").replace("children", "child").replace(".", " ").replace("_", " ")


class _Out:
    """The fields being built, with the paths the reader's tags already settled."""

    def __init__(self, raw: RawForm) -> None:
        self.fields: dict[str, RawValue] = dict(raw.fields)
        self.problems: list[Problem] = list(raw.problems)
        self.tagged = {p for p, v in raw.fields.items() if "=" not in p and _given(v)}
        self.tagged |= {p.partition("=")[0] for p, v in raw.fields.items() if "=" in p and v not in (None, False, "")}
        self.name_parts: dict[str, dict[str, RawValue]] = defaultdict(dict)

    def warn(self, message: str, path: str | None = None) -> None:
        self.problems.append(Problem(message, path, "warning"))

    def put(self, path: str, value: RawValue, label: str) -> None:
        path, _, part = path.partition("#")
        if part:
            if _worth_reporting(value):
                self.name_parts[path].setdefault(part, value)
            return
        if path in self.tagged:
            return
        earlier = self.fields.get(path)
        if _given(earlier):
            if _worth_reporting(value) and value != earlier:
                self.warn(f"the label '{_shown(label)}' gives the {_describe(path)} again; the first one was used", path)
            return
        if _given(value) or path not in self.fields:
            self.fields[path] = value

    def next_row(self, role: str) -> int:
        """The first row index after every row already given (by tags, labels or earlier tables)."""
        prefix = ROLE_BASE[role].removesuffix("*.")
        keys = [p for p, v in self.fields.items() if _given(v)] + list(self.name_parts)
        rows = [k[len(prefix):].partition(".")[0] for k in keys if k.startswith(prefix)]
        return max((int(r) for r in rows if r.isdigit()), default=-1) + 1

    def join_names(self) -> None:
        # "Forename" and "Surname" boxes make one name, unless the form also had a full-name box.
        for path, parts in self.name_parts.items():
            joined = " ".join(str(parts[p]).strip() for p in ("forename", "surname") if isinstance(parts.get(p), str))
            if joined and path not in self.tagged and not _given(self.fields.get(path)):
                self.fields[path] = joined


class _Rows:
    """Row numbers for people given as label/value pairs. Under a perpetrator (or children) heading, a
    column seen again starts the next person; a label elsewhere ("Perpetrator's DOB" among the
    victim's details) joins the current person and never starts one."""

    def __init__(self) -> None:
        self.current: dict[str, int] = {}
        self.used: dict[tuple[str, int], set[str]] = defaultdict(set)

    def index(self, role: str, column: str, given: int | None, in_own_section: bool) -> int:
        index = self.current.get(role, 0) if given is None else given
        if given is None and in_own_section and column in self.used[(role, index)]:
            index += 1
        self.current[role] = index
        if in_own_section:
            self.used[(role, index)].add(column)
        return index


def _row_role(path: str) -> str | None:
    return next((r for r in ROW_ROLES if path.startswith(ROLE_BASE[r])), None)


def _report(out: _Out, label: str, found: Match) -> None:
    if found.status == "ambiguous":
        fields = " or ".join(_describe(c) for c in found.candidates)
        out.warn(f"the label '{_shown(label)}' could be the {fields}; it was not used")
    elif found.status == "needs_section":
        column = (found.target or "?").lstrip("?").replace("_", " ")
        out.warn(f"the label '{_shown(label)}' does not say whose {column} it is and has no heading "
                 "that does; it was not used")


def _labelled(items: list[Labelled], table: LabelTable, out: _Out) -> None:
    rows = _Rows()
    for item in items:
        role, section_index = table.section(item.section)
        found = table.match(item.label, role)
        if found.status != "ok" or found.target is None:
            if _worth_reporting(item.value):
                _report(out, item.label, found)
            continue
        path = found.target
        row_role = _row_role(path)
        if row_role is not None:
            column = path.rpartition(".")[2]
            given = found.index if found.index is not None else section_index
            path = path.replace("*", str(rows.index(row_role, column, given, role == row_role)))
        out.put(path, item.value, item.label)


def _columns(table: LabelTable, headers: list[str], role: str) -> list[str | None]:
    """The path template of each header for a table of `role` rows; a header seen twice counts once."""
    seen: set[str] = set()
    columns: list[str | None] = []
    for header in headers:
        found = table.match(header, role)
        target = found.target if found.status == "ok" else None
        if target is None or not target.startswith(ROLE_BASE[role]) or target in seen:
            columns.append(None)
            continue
        seen.add(target)
        columns.append(target)
    return columns


def _table_columns(t: RowTable, table: LabelTable, out: _Out) -> tuple[str, list[str | None]] | None:
    role, _ = table.section(t.section)
    if role in ROW_ROLES:
        return str(role), _columns(table, t.headers, str(role))
    # No heading that says whose rows these are: the headers decide (school -> children, aliases -> perpetrators).
    options = {r: _columns(table, t.headers, r) for r in ROW_ROLES}
    counts = {r: sum(c is not None for c in cols) for r, cols in options.items()}
    best = max(counts, key=lambda r: counts[r])
    if counts[best] == 0:
        return None
    if list(counts.values()).count(counts[best]) > 1:
        out.warn(f"a table headed '{_shown(', '.join(t.headers))}' could list children or perpetrators; it was not read")
        return None
    return best, options[best]


def _tables(tables: list[RowTable], table: LabelTable, out: _Out) -> None:
    for t in tables:
        found = _table_columns(t, table, out)
        if found is None or not any(found[1]):
            continue  # not a table of people
        role, columns = found
        index = out.next_row(role)
        for row in t.rows:
            if not any(_worth_reporting(cell) for column, cell in zip(columns, row) if column):
                continue  # a blank row, or one with only a row number in it
            for header, column, cell in zip(t.headers, columns, row):
                if column is not None:
                    out.put(column.replace("*", str(index)), cell, header)
            index += 1


def _dash_number(line: DashLine) -> int | None:
    number = match_question(line.question or "")
    # A line with no words to go by (a bare number) has only its number left.
    if number is None and not re.search(r"[^\W\d_]", line.question or "") and line.number is not None:
        number = line.number if 1 <= line.number <= DASH_QUESTIONS else None
    return number


def _dash(lines: list[DashLine], out: _Out) -> None:
    seen: set[int] = set()
    for line in lines:
        number = _dash_number(line)
        if number is None:
            continue  # a stalking, honour-based or other extra question: not part of the 24
        if number in seen:
            if _worth_reporting(line.answer) or (line.comment or "").strip():
                out.warn(f"two lines of the DASH checklist read as question {number}; the first one was used",
                         f"dash.answers.{number}")
            continue
        seen.add(number)
        out.put(f"dash.answers.{number}", line.answer, f"DASH question {number}")
        if line.comment and line.comment.strip():
            out.put(f"dash.comments.{number}", line.comment, f"DASH question {number} comment")


def resolve(raw: RawForm, table: LabelTable | None = None) -> RawForm:
    """A new RawForm whose `fields` also hold what the labels, tables and DASH lines say."""
    out = _Out(raw)
    if raw.labelled or raw.tables:
        table = table or load_table()
        _labelled(raw.labelled, table, out)
        _tables(raw.tables, table, out)
    _dash(raw.dash_lines, out)
    out.join_names()
    return RawForm(raw.kind, out.fields, list(raw.labelled), list(raw.tables), list(raw.dash_lines), out.problems)
