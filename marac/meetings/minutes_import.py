"""Completed minutes into the store: each action row checked, stored under a stable id, or reported.

`import_minutes` reads the per-case actions tables (parsers.minutes), checks each row (case known and
heard at that meeting, agency configured, owner named, deadline readable and after the meeting) and
stores the good rows in one transaction, with an audit decision carrying counts only. Bad rows are never
dropped silently: they are in the report and in documents/<meeting>/minutes-import-problems.txt for the
coordinator, who corrects the minutes and imports them again.

Ids are `{case_number}-A{n}`, n counting the case's filled rows in document order (after any actions
the case has from earlier meetings), so importing the same minutes again updates rather than
duplicates. Re-importing rewrites only what the minutes own (action, agency, owner, deadline); status,
date reported and notes belong to the people who edit the tracker and are never touched here.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from generators.documents.render import format_date
from intake.files import atomic_write
from marac import logs
from marac.config import Config
from marac.store import actions, audit, meetings
from marac.store import cases as case_store
from marac.store.db import Connection, Row, transaction, utcnow
from parsers.minutes import ActionRow, read_minutes
from parsers.minutes_attendance import AttendanceRow
from parsers.normalise import NotUnderstood, parse_date

from . import updates
from .agency_names import configured_agencies, match_agency  # the names minutes may use

PROBLEMS_FILE = "minutes-import-problems.txt"
_REF_NUMBER = re.compile(r"-A(\d+)$")
_CASE_NUMBER = re.compile(r"^([A-Z]{2,6})-(\d{4})-(\d{1,6})$")


@dataclass(frozen=True)
class RowProblem:
    case_number: str | None
    row: int
    action: str
    reasons: tuple[str, ...]

    def line(self) -> str:
        where = f"Case {self.case_number}" if self.case_number else "A table outside any case section"
        excerpt = " ".join(self.action.split())
        excerpt = excerpt if len(excerpt) <= 60 else excerpt[:57] + "..."
        return f"{where}, action row {self.row} ({excerpt or 'no action text'}): {'; '.join(self.reasons)}"


@dataclass
class ImportReport:
    source: str
    meeting: dt.date | None = None
    stored: list[str] = field(default_factory=list)  # new action ids
    updated: list[str] = field(default_factory=list)  # ids whose action, agency, owner or deadline changed
    unchanged: list[str] = field(default_factory=list)
    rejected: list[RowProblem] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # about the whole file: nothing was stored
    notes: list[str] = field(default_factory=list)  # stored, but worth a look
    problems_file: Path | None = None
    title: str = "Minutes of the meeting on"

    @property
    def ok(self) -> bool:
        return not self.problems and not self.rejected

    def lines(self) -> list[str]:
        when = format_date(self.meeting, "date not known")
        out = [(f"{self.title} {when}: {len(self.stored)} action(s) added, {len(self.updated)} "
                f"updated, {len(self.unchanged)} unchanged, {len(self.rejected)} NOT stored")]
        out += [f"PROBLEM: {p}" for p in self.problems]
        out += [f"NOT stored: {r.line()}" for r in self.rejected]
        out += [f"Note: {n}" for n in self.notes]
        return out


# --- deadlines -----------------------------------------------------------------------------------

def read_deadline(text: str, meeting: dt.date) -> tuple[dt.date | None, str | None]:
    """(date, how it was read if not as written) or raises NotUnderstood. A deadline follows its meeting
    by weeks, so a two-digit year or a missing year has only one sensible reading, unlike a date of birth."""
    try:
        return parse_date(text), None
    except NotUnderstood as refused:
        short = re.fullmatch(r"\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2})\s*", text)
        if short:
            day, month, year = (int(g) for g in short.groups())
            try:
                found = dt.date(2000 + year, month, day)
            except ValueError:
                raise refused from None
            return found, f"read as {format_date(found)}"
        found = _without_year(text, meeting)
        if found is None:
            raise
        return found, f"no year was given: read as {format_date(found)}"


def _without_year(text: str, meeting: dt.date) -> dt.date | None:
    """'12 Jan': the first such day after the meeting."""
    if re.search(r"\d{3}", text):
        return None
    for year in (meeting.year, meeting.year + 1):
        try:
            day = parse_date(f"{text} {year}")
        except NotUnderstood:
            return None
        if day > meeting:
            return day
    return None


# --- checking a row ------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Good:
    case_id: int
    case_number: str
    description: str
    agency: str
    owner: str
    deadline: dt.date


def _find_case(conn: Connection, typed: str) -> Row | None:
    """By year and sequence too, so EXM-2026-7 finds EXM-2026-0007."""
    row = case_store.find_by_number(conn, typed)
    match = _CASE_NUMBER.match(typed)
    if row is None and match:
        row = case_store.find_by_year_and_sequence(conn, match[1], int(match[2]), int(match[3]))
    return row


def _case_reasons(case: Row | None, typed: str | None, meeting: dt.date) -> list[str]:
    if typed is None:
        return ["the row is not under a case heading ('Case EXM-2026-0001'), so it belongs to no case"]
    if case is None:
        return [f"case {typed} is not in the MARAC's records"]
    if case["meeting"] != meeting.isoformat():
        where = (f"listed for the meeting on {_shown(case['meeting'])}" if case["meeting"]
                 else "not listed for any meeting")
        return [f"case {case['case_number']} is {where}, not this one ({format_date(meeting)})"]
    return []


def _deadline_reasons(text: str, meeting: dt.date, notes: list[str], where: str) -> tuple[dt.date | None, list[str]]:
    if not text:
        return None, ["no deadline is given"]
    try:
        deadline, how = read_deadline(text, meeting)
    except NotUnderstood:
        return None, [f"the deadline '{text}' cannot be read as a date (write it as 12/01/2027 or 12 January 2027)"]
    assert deadline is not None
    if deadline <= meeting:
        return None, [f"the deadline {format_date(deadline)} is not after the meeting ({format_date(meeting)})"]
    if how:
        notes.append(f"{where}: the deadline '{text}' was {how}")
    return deadline, []


def _placeholder(text: str) -> bool:
    """'TBC' in the owner column means nobody has taken the action yet."""
    return text.strip(" .?-_").casefold() in {"", "tbc", "tba", "tbd", "n/a", "na", "unknown", "not known"}


def _check(conn: Connection, row: ActionRow, meeting: dt.date, agencies: list[str],
           notes: list[str]) -> _Good | RowProblem:
    case = _find_case(conn, row.case_number) if row.case_number else None
    reasons = _case_reasons(case, row.case_number, meeting)
    if not row.action.strip():
        reasons.append("the action itself is blank")
    agency, why = match_agency(row.agency, agencies) if row.agency else (None, "no agency is given")
    reasons += [why] if why else []
    if _placeholder(row.owner):
        reasons.append(f"no owner is named{f' (only {row.owner!r})' if row.owner else ''}")
    deadline, more = _deadline_reasons(row.deadline, meeting, notes, f"case {row.case_number} row {row.row}")
    reasons += more
    if reasons or case is None or agency is None or deadline is None:
        return RowProblem(row.case_number, row.row, row.action, tuple(reasons))
    return _Good(case["id"], case["case_number"], row.action.strip(), agency, row.owner, deadline)


# --- storing -------------------------------------------------------------------------------------

def _offset(conn: Connection, case_id: int, meeting: dt.date) -> int:
    """Actions the case has from earlier meetings keep their numbers; this meeting's follow on."""
    refs = actions.refs_of_case_before(conn, case_id, meeting)
    return max((int(m[1]) for ref in refs if (m := _REF_NUMBER.search(ref))), default=0)


def _store(conn: Connection, good: _Good, row: ActionRow, meeting: dt.date,
           report: ImportReport, ids: updates.ActionIds | None = None) -> None:
    ref = (ids(good.case_id, good.case_number, good.agency) if ids else
           f"{good.case_number}-A{_offset(conn, good.case_id, meeting) + row.row}")
    values = (good.description, good.agency, good.owner, good.deadline.isoformat())
    old = actions.find(conn, ref)
    if old is None:
        # Status left to the schema's 'open': the store keeps statuses in lower case (marac.tracker.status_key).
        actions.add(conn, ref, good.case_id, meeting, *values, utcnow())
        report.stored.append(ref)
    elif old["case_id"] != good.case_id or old["meeting"] != meeting.isoformat():
        report.rejected.append(RowProblem(row.case_number, row.row, row.action, (
            f"the id {ref} already belongs to an action from the meeting on {_shown(old['meeting'])}",)))
    elif (old["description"], old["agency"], old["owner"], old["deadline"]) == values:
        report.unchanged.append(ref)
    else:
        actions.rewrite_from_minutes(conn, ref, *values, utcnow())
        report.updated.append(ref)
        if old["description"] != good.description and (old["status_reported"] or old["notes"]):
            report.notes.append(f"the wording of {ref} changed after its agency reported on it: check the "
                                "tracker still matches the action")


def _shown(iso: str | None) -> str:
    return format_date(dt.date.fromisoformat(iso)) if iso else "(no date)"


def _coverage_notes(conn: Connection, meeting: dt.date, seen: set[str], cases: set[str],
                    report: ImportReport) -> None:
    """Cases heard without actions, and actions stored earlier that the minutes no longer have."""
    listed = [row["case_number"] for row in case_store.for_meeting(conn, meeting)]
    report.notes += [f"case {n} is listed for this meeting but the minutes give it no actions"
                     for n in listed if n not in cases]
    earlier = actions.refs_at(conn, meeting)
    report.notes += [f"{ref} was stored by an earlier import but is not among the rows stored now; it was "
                     "left as it is" for ref in earlier if ref not in seen]


def import_minutes(conn: Connection, config: Config, data: bytes, source: str) -> ImportReport:
    """Minutes, or a virtual MARAC's information and updates document (read back the same way)."""
    virtual = updates.read(data) if updates.is_updates(data) else None
    read = virtual.minutes if virtual else read_minutes(data)
    report = ImportReport(source, read.meeting_date)
    if virtual:
        report.title = f"Information and updates for case {virtual.document.case_number} due on"
    with transaction(conn):
        if read.meeting_date is not None and _meeting_known(conn, read.meeting_date, report):
            _import_rows(conn, config, read.rows, read.meeting_date, report,
                         updates.ActionIds(conn, read.meeting_date) if virtual else None)
            _import_attendance(conn, config, read.attendance, read.meeting_date, report)
            if virtual:
                updates.store_information(conn, config, virtual, report.notes, report.problems)
        if report.problems or read.problems:
            report.problems[:0] = read.problems
            if read.rows and not (report.stored or report.updated or report.unchanged or report.rejected):
                report.problems.append(f"none of the {len(read.rows)} action row(s) were stored")
        audit.record(conn, event="decision", case_number=None, document=f"minutes {read.meeting_date or ''}".strip(),
                     detail=json.dumps({"import": "updates" if virtual else "minutes", "rows": len(read.rows), "added": len(report.stored),
                                        "updated": len(report.updated), "unchanged": len(report.unchanged),
                                        "rejected": len(report.rejected), "problems": len(report.problems)}))
    report.problems_file = _write_problems(config.home, report)
    logs.event("minutes.imported", meeting=str(read.meeting_date or ""),
               count=len(report.stored) + len(report.updated), problems=len(report.rejected) + len(report.problems))
    return report


def _import_attendance(conn: Connection, config: Config, rows: list[AttendanceRow], meeting: dt.date,
                       report: ImportReport) -> None:
    """Each agency's attendance under its configured name where the typed one is recognisably it."""
    names = [a.name for a in configured_agencies(config)]
    recorded = [r for r in rows if r.status != "unknown" or r.information_sent is not None]
    for row in recorded:
        name, _ = match_agency(row.agency, names)
        meetings.record_attendance(conn, meeting, name or row.agency, row.representative, row.status,
                                   row.information_sent)
    if recorded:
        report.notes.append(f"attendance recorded for {len(recorded)} agencies")


def _meeting_known(conn: Connection, meeting: dt.date, report: ImportReport) -> bool:
    if meetings.exists(conn, meeting):
        return True
    report.problems.append(f"there is no meeting on {format_date(meeting)} in the MARAC's records: "
                           "check the Date row of the minutes")
    return False


def _import_rows(conn: Connection, config: Config, rows: list[ActionRow], meeting: dt.date,
                 report: ImportReport, ids: updates.ActionIds | None = None) -> None:
    names = [a.name for a in configured_agencies(config)]
    for row in rows:
        checked = _check(conn, row, meeting, names, report.notes)
        if isinstance(checked, RowProblem):
            report.rejected.append(checked)
        else:
            _store(conn, checked, row, meeting, report, ids)
    if ids:  # one agency's copy of one case's document: other cases and agencies are not missing from it
        return
    seen = set(report.stored + report.updated + report.unchanged)
    # Canonical numbers too, so 'Case EXM-2026-7' counts as EXM-2026-0007 having actions.
    typed = {r.case_number for r in rows if r.case_number}
    cases = typed | {c["case_number"] for n in typed if (c := _find_case(conn, n)) is not None}
    _coverage_notes(conn, meeting, seen, cases, report)


def _write_problems(home: Path, report: ImportReport) -> Path | None:
    """The coordinator's list; removed once an import has no problems, so a stale list never misleads."""
    folder = home / "documents" / (report.meeting.isoformat() if report.meeting else "undated")
    target = folder / PROBLEMS_FILE
    if report.ok:
        target.unlink(missing_ok=True)
        return None
    folder.mkdir(parents=True, exist_ok=True)
    text = [f"Problems found importing the minutes {report.source}", f"Read at {utcnow()}", "",
            "Correct the minutes and import the file again: actions already stored are updated, never",
            "duplicated, and this list is removed once the import finds no problems.", ""]
    text += ["About the file:", *[f"- {p}" for p in report.problems], ""] if report.problems else []
    text += ["Action rows NOT stored:", *[f"- {r.line()}" for r in report.rejected], ""] if report.rejected else []
    text += ["For information:", *[f"- {n}" for n in report.notes]] if report.notes else []
    return atomic_write(target, "\n".join(text) + "\n")
