"""Planning one sync: every decision taken before anything is written.

Given the store's actions, the workbook as people left it, the common ancestors and the open conflicts,
the plan says what the new workbook holds, which store values change (each only if the store still holds
what the merge saw), which ancestors and conflicts are recorded, and the counts the report gives. Nothing
is read or written here: the sync (`syncing`) loads the inputs, writes the workbook, then commits the plan,
so a crash or a concurrent change at any point leaves a state the next sync merges correctly.

Rows the store does not know are never silently lost: one the service wrote and nobody touched goes (its
action was removed), anything a person typed stays at the bottom of the Actions sheet with a note saying
why.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from generators.tracker import (
    FIELD_LABELS,
    FINISHED,
    ActionRow,
    CaseRow,
    CellValue,
    ConflictRow,
    Edit,
    MeetingRow,
    TrackerRead,
    date_or_text,
    text_of,
)

from ..store.actions import TrackedAction
from ..store.cases import CaseSummary
from ..store.tracker import Ancestor, MeetingSummary, StoredConflict
from .merge import FIELDS, Merged, display, merge_field, normalised, status_display, status_key
from .report import Conflict

KEPT_NO_ID = "No action id: kept as typed. New actions come from the minutes; tell the coordinator."
KEPT_REPEAT = "Repeats an action id above: this copy is not read. Delete it, or tell the coordinator."
KEPT_UNKNOWN = "Not an action the service knows (any more): kept as typed. Tell the coordinator."


@dataclass(frozen=True)
class Stored:
    """An action as the store holds it, with its editable columns raw and normalised."""
    action_ref: str
    case_number: str
    meeting: str | None
    description: str
    agency: str
    owner: str | None
    deadline: str | None
    raw: dict[str, str | None]  # the editable columns as the store holds them (for conditional updates)
    values: dict[str, str | None]  # ...and normalised


def stored_actions(actions: Sequence[TrackedAction], statuses: Sequence[str]) -> list[Stored]:
    stored = []
    for a in actions:
        raw = {"status": a.status, "status_reported": a.status_reported, "notes": a.notes}
        stored.append(Stored(a.action_ref, a.case_number, a.meeting, a.description, a.agency, a.owner, a.deadline,
                             raw, {name: normalised(name, raw[name], statuses) for name in FIELDS}))
    return stored


@dataclass
class Plan:
    rows: list[ActionRow] = field(default_factory=list)
    # (action_ref, field, new value, the raw value the merge saw): applied only if the store still has it
    updates: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)
    ancestors: dict[str, tuple[Ancestor, Ancestor | None]] = field(default_factory=dict)  # ref: (new, before)
    drop_ancestors: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    new_conflicts: list[Conflict] = field(default_factory=list)
    changed_conflicts: list[tuple[int, Conflict]] = field(default_factory=list)
    resolutions: list[tuple[int, str]] = field(default_factory=list)
    kept_rows: list[tuple[CellValue, ...]] = field(default_factory=list)
    from_workbook: int = 0
    to_workbook: int = 0
    new_actions: int = 0
    unknown_statuses: list[str] = field(default_factory=list)


def _book_value(name: str, ref: str, read: TrackerRead | None, base: str | None,
                open_conflict: StoredConflict | None, statuses: Sequence[str]) -> str | None:
    """What the workbook says, normalised. A row, column or workbook that is missing is taken as unchanged
    (base), except where a conflict is open: the person's value, recorded then, is what the workbook had."""
    edit: Edit | None = read.edits.get(ref) if read is not None else None
    if edit is None or name not in read.fields:  # type: ignore[union-attr]
        return open_conflict.workbook_value if open_conflict else base
    if name == "status":
        # A blank status is not a status: the cell is refilled from the store.
        return status_key(edit.status, statuses) if edit.status else base
    return normalised(name, getattr(edit, name), statuses)


def _conflict_note(conflicts: Sequence[Conflict], statuses: Sequence[str]) -> str | None:
    if not conflicts:
        return None
    notes = []
    for c in conflicts:
        value = display(c.field, c.store_value, statuses)
        shown = "blank" if value is None else f'"{value if len(value) <= 120 else value[:117] + "..."}"'
        notes.append(f"{FIELD_LABELS[c.field]}: the service has {shown}")
    return "; ".join(notes) + " (see the Conflicts sheet)"


def _plan_action(plan: Plan, a: Stored, read: TrackerRead | None, base_row: Ancestor | None,
                 open_conflicts: dict[tuple[str, str], StoredConflict], statuses: Sequence[str],
                 known_statuses: set[str], today: dt.date, now: str, extra_width: int) -> None:
    merged: dict[str, Merged] = {}
    conflicts: list[Conflict] = []
    for index, name in enumerate(FIELDS):
        base = base_row[index] if base_row else None
        open_c = open_conflicts.get((a.action_ref, name))
        book = _book_value(name, a.action_ref, read, base, open_c, statuses)
        store = a.values[name]
        decision = read.decisions.get((a.action_ref, name)) if read is not None else None
        if open_c is None or (book, store) != (open_c.workbook_value, open_c.store_value):
            decision = None  # a decision answers the conflict as shown; if either side moved since, ask again
        m = merge_field(base, book, store, decision)
        merged[name] = m
        if m.outcome == "conflict":
            conflicts.append(Conflict(a.action_ref, a.case_number, name, book, store,
                                      open_c.detected_at if open_c else now))
        _account(plan, a, name, m, base, base_row is not None, open_c)
        if name == "status" and m.book is not None and m.book.casefold() not in known_statuses:
            plan.unknown_statuses.append(a.action_ref)
    _stamp_reported(plan, a, merged, base_row[1] if base_row else None, today)
    plan.conflicts.extend(conflicts)
    new_ancestor: Ancestor = (merged["status"].ancestor, merged["status_reported"].ancestor, merged["notes"].ancestor)
    if new_ancestor != base_row:
        plan.ancestors[a.action_ref] = (new_ancestor, base_row)
    extra = read.extras.get(a.action_ref, ()) if read is not None else ()
    plan.rows.append(ActionRow(
        a.action_ref, date_or_text(a.meeting), a.case_number, a.description, a.agency, a.owner,
        date_or_text(a.deadline), status_display(merged["status"].book, statuses) or "",
        date_or_text(merged["status_reported"].book), merged["notes"].book, _conflict_note(conflicts, statuses),
        tuple(extra) + (None,) * (extra_width - len(extra))))


def _account(plan: Plan, a: Stored, name: str, m: Merged, base: str | None, base_known: bool,
             open_c: StoredConflict | None) -> None:
    """Store updates, counts, and what becomes of an open conflict."""
    if m.store != a.values[name]:
        plan.updates.append((a.action_ref, name, m.store, a.raw[name]))
        plan.from_workbook += 1
    elif m.outcome in ("store", "kept-service") and a.values[name] != base and base_known:
        plan.to_workbook += 1
    if open_c is None:
        return
    if m.outcome == "conflict":
        current = (m.book, m.store)
        if current != (open_c.workbook_value, open_c.store_value):
            plan.changed_conflicts.append((open_c.id, Conflict(a.action_ref, a.case_number, name, m.book, m.store,
                                                               open_c.detected_at)))
    else:
        plan.resolutions.append((open_c.id, {"kept-spreadsheet": "spreadsheet", "kept-service": "service"}
                                 .get(m.outcome, "merged")))


def _stamp_reported(plan: Plan, a: Stored, merged: dict[str, Merged], base: str | None, today: dt.date) -> None:
    """A person changed the status and nobody touched the date status reported: it was reported today
    (the sync runs every few minutes). A date either side typed is left alone."""
    status, reported = merged["status"], merged["status_reported"]
    if status.outcome not in ("book", "kept-spreadsheet") or reported.outcome != "same" or reported.book != base:
        return
    stamped = today.isoformat()
    if reported.store == stamped:
        return
    merged["status_reported"] = Merged(stamped, stamped, stamped, "stamped")
    plan.updates.append((a.action_ref, "status_reported", stamped, a.raw["status_reported"]))


def _plan_unknown_rows(plan: Plan, read: TrackerRead | None, known: set[str],
                       ancestors: dict[str, Ancestor], statuses: Sequence[str]) -> None:
    """Rows the store does not have. One the service wrote and nobody touched goes (its action was removed);
    anything a person typed stays, at the bottom, with a note saying why."""
    if read is None:
        return
    width = len(read.extra_columns)
    for ref, row in read.rows.items():
        if ref in known:
            continue
        edit, base = read.edits[ref], ancestors.get(ref)
        seen = (status_key(edit.status, statuses), normalised("status_reported", edit.status_reported, statuses),
                normalised("notes", edit.notes, statuses))
        if base is not None and seen == base:
            plan.drop_ancestors.append(ref)
            continue
        plan.kept_rows.append(_with_note(row, KEPT_UNKNOWN) + _padded(read.extras.get(ref, ()), width))
    for row in read.other_rows:
        note = KEPT_NO_ID if text_of(row[0]) is None else KEPT_REPEAT
        plan.kept_rows.append(_with_note(row[:11], note) + _padded(row[11:], width))


def _with_note(row: Sequence[CellValue], note: str) -> tuple[CellValue, ...]:
    values = list(row[:11]) + [None] * (11 - len(row[:11]))
    values[10] = note
    return tuple(values)


def _padded(values: Sequence[CellValue], width: int) -> tuple[CellValue, ...]:
    return tuple(values[:width]) + (None,) * (width - len(values[:width]))


def plan_sync(stored: Sequence[Stored], read: TrackerRead | None, ancestors: dict[str, Ancestor],
              open_conflicts: Sequence[StoredConflict], statuses: Sequence[str], today: dt.date, now: str) -> Plan:
    """The whole sync decided: `read` is the workbook as people left it (None: there is none), `ancestors`
    and `open_conflicts` what the last sync recorded, `now` the time stamped on new conflicts."""
    open_by_cell = {(c.action_ref, c.field): c for c in open_conflicts}
    plan = Plan()
    width = len(read.extra_columns) if read is not None else 0
    known_statuses = {s.casefold() for s in statuses}
    for a in stored:
        _plan_action(plan, a, read, ancestors.get(a.action_ref), open_by_cell, statuses, known_statuses, today,
                     now, width)
    known = {a.action_ref for a in stored}
    plan.new_actions = sum(1 for ref in known if ref not in ancestors)
    _plan_unknown_rows(plan, read, known, ancestors, statuses)
    seen_in_book = set(read.rows) if read is not None else set()
    plan.drop_ancestors += [ref for ref in ancestors if ref not in known and ref not in seen_in_book]
    # An action removed from the store takes its open conflicts with it.
    plan.resolutions += [(c.id, "gone") for (ref, _), c in open_by_cell.items() if ref not in known]
    plan.new_conflicts = [c for c in plan.conflicts if (c.action_ref, c.field) not in open_by_cell]
    return plan


# ---------------------------------------------------------------------------------------------------------
# The other sheets

def case_rows(summaries: Sequence[CaseSummary]) -> list[CaseRow]:
    # Case number, meeting, status, repeat, referrals, agencies: never a name (the workbook is shared).
    return [CaseRow(s.case_number, date_or_text(s.meeting), s.status, s.repeat, s.referrals,  # type: ignore[arg-type]
                    tuple(s.agencies)) for s in summaries]


def meeting_rows(meetings: Sequence[MeetingSummary], cases: dict[str, int],
                 rows: Sequence[ActionRow]) -> list[MeetingRow]:
    """Per meeting: its cases (`cases`: meeting date -> count) and its actions, and those not finished."""
    actions: Counter[str] = Counter()
    unfinished: Counter[str] = Counter()
    for row in rows:
        day = row.meeting.isoformat() if isinstance(row.meeting, dt.date) else row.meeting
        if day:
            actions[day] += 1
            if row.status.casefold() not in FINISHED:
                unfinished[day] += 1
    return [MeetingRow(date_or_text(m.date), m.status, m.venue, m.chair,  # type: ignore[arg-type]
                       cases.get(m.date, 0), actions[m.date], unfinished[m.date])
            for m in meetings]


def conflict_rows(conflicts: Sequence[Conflict], statuses: Sequence[str]) -> list[ConflictRow]:
    return [ConflictRow(c.action_ref, c.case_number, c.field, display(c.field, c.workbook_value, statuses),
                        display(c.field, c.store_value, statuses), date_or_text(c.since[:10]))  # type: ignore[arg-type]
            for c in conflicts]
