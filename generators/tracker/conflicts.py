"""The Conflicts sheet: where the coordinator answers a conflict, and how the answer is read back.

A conflict is a cell a person and the service both changed, differently, since the last sync. The sheet
lists each one with a Decision drop-down ("Keep spreadsheet" or "Keep service"); the next sync reads the
decisions back and the merge applies them. Both directions live here so the words offered and the words
accepted cannot drift apart.
"""
from __future__ import annotations

from collections.abc import Iterator

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .layout import CONFLICT_HEADERS, FIELD_LABELS, KEEP_SERVICE, KEEP_SPREADSHEET, find_header_row, header_key
from .values import CellValue, text_of


def add_decision_drop_down(ws: object) -> None:
    """The Decision column's drop-down, on a Conflicts sheet openpyxl is building."""
    column = get_column_letter(CONFLICT_HEADERS.index("Decision") + 1)
    decision = DataValidation(type="list", formula1=f'"{KEEP_SPREADSHEET},{KEEP_SERVICE}"', allow_blank=True,
                              promptTitle="Decision",
                              prompt="Keep spreadsheet: the store takes the spreadsheet's value. "
                                     "Keep service: the spreadsheet takes the service's value.",
                              showInputMessage=True)
    decision.add(f"{column}2:{column}1048576")
    ws.data_validations.append(decision)  # type: ignore[attr-defined]


def read_decisions(rows: Iterator[list[CellValue]]) -> dict[tuple[str, str], str]:
    """(action id, field) -> spreadsheet | service, from the Conflicts sheet's rows as saved."""
    header = find_header_row(rows, "action id")
    if header is None:
        return {}
    columns = {header_key(h): i for i, h in enumerate(header)}
    fields = {header_key(label): name for name, label in FIELD_LABELS.items()}
    choices = {header_key(KEEP_SPREADSHEET): "spreadsheet", "spreadsheet": "spreadsheet",
               header_key(KEEP_SERVICE): "service", "service": "service"}
    try:
        ref_at, column_at, decision_at = columns["action id"], columns["column"], columns["decision"]
    except KeyError:
        return {}
    decisions = {}
    for raw in rows:
        ref, column, choice = (text_of(_at(raw, ref_at)), fields.get(header_key(_at(raw, column_at))),
                               choices.get(header_key(_at(raw, decision_at))))
        if ref and column and choice:
            decisions[(ref.strip(), column)] = choice
    return decisions


def _at(row: list[CellValue], column: int) -> CellValue:
    return row[column] if column < len(row) else None
