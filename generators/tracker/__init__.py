"""The shared action tracker workbook: built from the store's rows, read back after people edit it.

This package knows the workbook (its sheets, columns, cells and files as Excel and LibreOffice save them)
and nothing of the store or of how edits are merged: that is `marac.tracker`. Import from here; the
modules are arranged in layers, each using only those below it:

- `write` (build_workbook) | `read` (read_workbook): the two directions, independent of each other;
- `conflicts` (the Conflicts sheet's drop-down and decisions) | `cells` (rows as SpreadsheetML);
- `layout` (sheets, columns, the row types) | `ooxml` (the package rules both directions share);
- `values` (one normalisation of cell values, written and read alike).
"""
from __future__ import annotations

from .cells import FORMULA_STARTS
from .layout import (
    ACTION_HEADERS,
    CASE_HEADERS,
    CONFLICT_HEADERS,
    EDITABLE,
    FIELD_LABELS,
    FINISHED,
    KEEP_SERVICE,
    KEEP_SPREADSHEET,
    MEETING_HEADERS,
    ActionRow,
    CaseRow,
    ConflictRow,
    MeetingRow,
)
from .read import Edit, TrackerRead, UnreadableWorkbook, read_edits, read_workbook
from .values import MAX_CELL_TEXT, CellValue, clean_text, date_or_text, date_text, text_of
from .write import build_workbook

__all__ = [
    "ACTION_HEADERS", "CASE_HEADERS", "CONFLICT_HEADERS", "EDITABLE", "FIELD_LABELS", "FINISHED",
    "FORMULA_STARTS", "KEEP_SERVICE", "KEEP_SPREADSHEET", "MAX_CELL_TEXT", "MEETING_HEADERS",
    "ActionRow", "CaseRow", "CellValue", "ConflictRow", "Edit", "MeetingRow", "TrackerRead",
    "UnreadableWorkbook", "build_workbook", "clean_text", "date_or_text", "date_text", "read_edits",
    "read_workbook", "text_of",
]
