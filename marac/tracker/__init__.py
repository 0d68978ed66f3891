"""The shared action tracker: keep the workbook current from the store without losing what people typed.

People (the coordinator, agency representatives) edit three columns of the Actions sheet: Status, Date
status reported, Notes. The service owns the others and rewrites them from the store. A sync is a
three-way merge per action and per editable column, against the values last written to the workbook
(`merge`); a cell both sides changed differently is a conflict, shown on the Conflicts sheet and in
`tracker-conflicts.txt` beside the workbook until the coordinator decides (`report`).

The workbook itself (its sheets and cells) is `generators.tracker`; the store's side is
`marac.store.tracker` and `marac.store.actions`. Import from here. Inside, each module uses only those
below it:

- `syncing`: the `sync` entry point: read, merge, write the workbook, then commit to the store;
- `plan`: every decision of one sync, taken before anything is written (pure);
- `report` (what a sync tells its caller) | `files` (lock files, atomic replace, backups);
- `merge`: the three-way merge of one cell (pure).
"""
from __future__ import annotations

from .files import backups_of, owner_file, replace_workbook, tracker_path
from .merge import FIELDS, Merged, merge_field, status_display, status_key
from .plan import KEPT_NO_ID, KEPT_REPEAT, KEPT_UNKNOWN
from .report import Conflict, SyncReport, conflicts_text
from .syncing import MAX_ATTEMPTS, open_conflicts, sync

__all__ = [
    "FIELDS", "KEPT_NO_ID", "KEPT_REPEAT", "KEPT_UNKNOWN", "MAX_ATTEMPTS", "Conflict", "Merged", "SyncReport",
    "backups_of", "conflicts_text", "merge_field", "open_conflicts", "owner_file", "replace_workbook",
    "status_display", "status_key", "sync", "tracker_path",
]
