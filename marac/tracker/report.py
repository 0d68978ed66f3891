"""What a tracker sync tells its caller (the CLI, the daemon) and the coordinator.

`SyncReport` is the outcome of one sync, with a plain summary for the coordinator; `Conflict` is a cell
both sides changed, and `conflicts_text` the note beside the workbook that lists them for someone who has
not opened it. Only action ids, case numbers and counts appear: the tracker and its notes are shared with
every agency, so never a name.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generators.tracker import FIELD_LABELS

from .merge import display


@dataclass(frozen=True)
class Conflict:
    action_ref: str
    case_number: str
    field: str  # status | status_reported | notes
    workbook_value: str | None  # what the person typed (kept in the workbook)
    store_value: str | None  # what the service holds (kept in the store)
    since: str  # when it was first seen (UTC, ISO)


@dataclass
class SyncReport:
    path: Path
    state: str = "unchanged"  # written | unchanged | locked | failed
    locked_by: str | None = None  # the owner file still present after waiting
    waited_seconds: float = 0.0
    actions: int = 0
    new_actions: int = 0  # actions in the workbook for the first time
    from_workbook: int = 0  # values people typed, now in the store
    to_workbook: int = 0  # values the service changed since the last sync, now in the workbook
    conflicts: list[Conflict] = field(default_factory=list)  # open after this sync
    resolved: int = 0  # conflicts closed by this sync
    kept_rows: int = 0  # rows the service does not know, kept at the bottom of the Actions sheet
    unknown_statuses: list[str] = field(default_factory=list)  # action ids with a status not in the list
    backup: Path | None = None
    conflicts_file: Path | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def written(self) -> bool:
        return self.state == "written"

    def summary(self) -> str:
        """One or two plain sentences for the coordinator (no names: ids and counts only)."""
        if self.state == "locked":
            return (f"The tracker {self.path.name} is open ({self.locked_by} is beside it): waited "
                    f"{self.waited_seconds:.0f} s and wrote nothing; the next sync tries again. If nobody has it "
                    f"open, that file is left over from a crash and can be deleted.")
        if self.state == "failed":
            return f"The tracker {self.path.name} was not written: {' '.join(self.problems)}"
        head = (f"Tracker {self.path.name} written ({self.actions} actions)" if self.written
                else f"Tracker {self.path.name} up to date ({self.actions} actions)")
        parts = [f"{self.new_actions} new action(s)", f"{self.from_workbook} change(s) taken from the spreadsheet",
                 f"{self.to_workbook} from the service"]
        if self.conflicts:
            where = self.conflicts_file.name if self.conflicts_file else "the Conflicts sheet"
            parts.append(f"{len(self.conflicts)} conflict(s) for the coordinator (see {where})")
        if self.resolved:
            parts.append(f"{self.resolved} conflict(s) resolved")
        if self.kept_rows:
            parts.append(f"{self.kept_rows} row(s) the service does not know kept at the bottom")
        if self.unknown_statuses:
            parts.append(f"{len(self.unknown_statuses)} status(es) not in the list")
        return f"{head}: {', '.join(parts)}." + "".join(f" {p}" for p in self.problems)


def conflicts_text(conflicts: Sequence[Conflict], statuses: Sequence[str], now: dt.datetime) -> str:
    """The conflicts file beside the workbook. Its first line carries the time; the rest changes only when
    the list does."""
    lines = [f"Action tracker conflicts: {len(conflicts)} (as of {now:%Y-%m-%d %H:%M} UTC)", "",
             "A person changed these cells in the spreadsheet while the service changed them too. The spreadsheet",
             "keeps the person's value and the service keeps its own until you decide: on the Conflicts sheet,",
             'choose "Keep spreadsheet" or "Keep service" in the Decision column (or make the two values the same),',
             "save, and the next sync applies it.", ""]
    for c in conflicts:
        lines += [f"{c.action_ref} (case {c.case_number}), {FIELD_LABELS[c.field]}, since {c.since[:10]}",
                  f"  spreadsheet: {display(c.field, c.workbook_value, statuses) or '(blank)'}",
                  f"  service:     {display(c.field, c.store_value, statuses) or '(blank)'}", ""]
    return "\n".join(lines)
