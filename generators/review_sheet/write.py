"""review.xlsx: the fields read from a referral, laid out for a coordinator to check and correct in Excel.

The main sheet lists what needs attention at the top, then one row per field in the form's order with
what was read, its problem and a yellow correction cell; the people read from the form (perpetrators,
children, other victims) are rows on sheets of their own, corrected in place, with empty rows for a
person the form missed. Sheets are protected without a password, so only the yellow cells take typing
(a person who knows how can still unprotect them: this guards against slips, not against anyone).
Nothing from a form or a person ever becomes a formula.
"""
from __future__ import annotations

import datetime as dt
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generators.tracker.values import clean_text
from parsers.fields import Kind

from .layout import (
    AS_READ,
    CORRECTION_HEADER,
    DATE_FORMAT,
    MAIN,
    NEW_PERSON_ROWS,
    NO,
    PEOPLE,
    UNKNOWN,
    YES,
    Edits,
    People,
    PersonRow,
    label_of,
    main_rows,
    shown,
    value_at,
)

MARKING = "OFFICIAL-SENSITIVE"
KEY_COLUMN_WIDTH = 4
_YELLOW = PatternFill("solid", fgColor="FFF2CC")
_ORANGE = PatternFill("solid", fgColor="F4B183")
_GREY = PatternFill("solid", fgColor="D9D9D9")
_RED = PatternFill("solid", fgColor="F8CBAD")
_WRAP = Alignment(wrap_text=True, vertical="top")
_LEFT_WRAP = Alignment(wrap_text=True, vertical="top", horizontal="left")
_OPEN = Protection(locked=False)
HOW_TO = ("Type only in the yellow cells (the column headed \"Your correction (type here)\"); leave a cell empty "
          "where what was read is right. Dates as dd/mm/yyyy. To remove a value, type: not known. People are on "
          "the sheets Perpetrators, Children and Other victims. Then save, close the file and move this folder "
          "into exceptions/approved/.")


def _put(cell: Cell, value: Any) -> None:
    """A value into a cell as a value: text stays text, even text that starts with '='."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        cell.data_type = "s"
        if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
            cell.quotePrefix = True  # Excel would read it as a formula when a person re-enters the cell
    else:
        cell.value = value
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT


def _lines(value: Any, width: int) -> int:
    """Lines a wrapped cell needs: neither Excel nor LibreOffice grows a row written by a program."""
    text = value if isinstance(value, str) else ""
    return max(1, sum(1 + len(line) // width for line in text.split("\n")))


def _print_setup(ws: Worksheet, case_number: str | None, title_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddHeader.center.text = MARKING
    ws.oddHeader.right.text = case_number or ""
    ws.oddFooter.center.text = MARKING
    ws.oddFooter.right.text = "Page &P of &N"
    ws.print_title_rows = f"{title_row}:{title_row}"


def _protect(ws: Worksheet, insert_rows: bool = False) -> None:
    """Locked without a password: the yellow cells take typing; columns can still be widened."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.insertRows = not insert_rows  # openpyxl's flags say what is forbidden


class _Validations:
    """One drop-down (or prompt) per kind of field, each covering all its cells."""

    def __init__(self, ws: Worksheet) -> None:
        self.yes_no = DataValidation(type="list", formula1=f'"{YES},{NO},{UNKNOWN}"', allow_blank=True,
                                     showErrorMessage=True, errorStyle="warning", errorTitle="Yes or no",
                                     error="Choose Yes, No or Not known from the list.")
        self.date = DataValidation(allow_blank=True, showInputMessage=True, promptTitle="A date",
                                   prompt="Type the date as dd/mm/yyyy, e.g. 28/02/1990.")
        for dv in (self.yes_no, self.date):
            ws.add_data_validation(dv)

    def add(self, kind: Kind, ref: str) -> None:
        if kind in (Kind.BOOL, Kind.ANSWER):
            self.yes_no.add(ref)
        elif kind is Kind.DATE:
            self.date.add(ref)


def _problems_by_field(problems: list[dict[str, Any]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for p in problems:
        if p.get("field"):
            found.setdefault(str(p["field"]), []).append(_plain(p))
    return found


def _plain(p: dict[str, Any]) -> str:
    where = f"{p['file']}: " if p.get("file") else ""
    return f"{where}{p['message']}" + ("" if p.get("severity", "error") == "error" else " (a warning only)")


def _main(ws: Worksheet, joined: dict[str, Any], problems: list[dict[str, Any]], case_number: str | None,
          edits: Edits | None, note: str | None) -> None:
    ws.title = MAIN
    for column, width in zip("ABCDE", (20, 44, 36, 48, 34)):
        ws.column_dimensions[column].width = width
    ws.column_dimensions["F"].width = KEY_COLUMN_WIDTH
    ws.column_dimensions["F"].hidden = True  # the field's path, for the service reading it back
    _put(ws["A1"], "MARAC referral: check and correct")
    ws["A1"].font = Font(bold=True, size=14)
    _put(ws["A2"], f"Case {case_number}" if case_number else "No case has been opened yet for this referral.")
    _put(ws["A3"], HOW_TO)
    ws.merge_cells("A3:E3")
    ws["A3"].alignment = _WRAP
    ws.row_dimensions[3].height = 48
    if note:
        _put(ws["A4"], note)
        ws["A4"].font = Font(bold=True, color="C00000")
    _put(ws["A5"], "What needs your attention" if problems else "Nothing was found wrong: check what was read.")
    ws["A5"].font = Font(bold=True, size=12)
    row = 6
    for p in problems:
        _put(ws.cell(row, 1), "• " + _plain(p))
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        ws.cell(row, 1).alignment = _WRAP
        ws.cell(row, 1).fill = _RED if p.get("severity", "error") == "error" else _YELLOW
        ws.row_dimensions[row].height = 15 * (1 + len(_plain(p)) // 150)
        row += 1
    header = row + 1
    for column, text in enumerate(("Section", "Field", "What was read", "Problem", CORRECTION_HEADER, "key"), 1):
        _put(ws.cell(header, column), text)
        ws.cell(header, column).font = Font(bold=True)
        ws.cell(header, column).fill = _GREY
    ws.cell(header, 5).fill = _ORANGE
    by_field = _problems_by_field(problems)
    typed = edits.fields if edits else {}
    checks = _Validations(ws)
    for n, field in enumerate(main_rows(joined), header + 1):
        _put(ws.cell(n, 1), field.section)
        _put(ws.cell(n, 2), field.label)
        read = shown(field.kind, value_at(joined, field.path))
        if read is not None:
            _put(ws.cell(n, 3), read)
        if field.path in by_field:
            _put(ws.cell(n, 4), "; ".join(by_field[field.path]))
            ws.cell(n, 4).fill = _RED
        correction = ws.cell(n, 5)
        if typed.get(field.path) not in (None, ""):
            _put(correction, typed[field.path])
        if field.kind is Kind.DATE:
            correction.number_format = DATE_FORMAT
        correction.fill = _YELLOW
        correction.protection = _OPEN
        checks.add(field.kind, correction.coordinate)
        _put(ws.cell(n, 6), field.path)
        for column in (1, 2, 3, 4, 5):
            ws.cell(n, column).alignment = _LEFT_WRAP
        ws.row_dimensions[n].height = 15 * max(_lines(ws.cell(n, c).value, w) for c, w in ((2, 44), (3, 36), (4, 48)))
    if header <= 16:  # a long list of problems would freeze most of the screen
        ws.freeze_panes = ws.cell(header + 1, 1)
    _print_setup(ws, case_number, header)
    _protect(ws)


def _people_rows(joined: dict[str, Any], people: People, edits: Edits | None) -> list[PersonRow]:
    if edits is not None and people.section in edits.people:
        return edits.people[people.section]
    found = value_at(joined, people.section) or []
    return [PersonRow(i, {key: shown(kind, person.get(key)) for key, _, kind in people.columns})
            for i, person in enumerate(found) if isinstance(person, dict)]


def _people(ws: Worksheet, joined: dict[str, Any], people: People, problems: list[dict[str, Any]],
            case_number: str | None, edits: Edits | None) -> None:
    _put(ws["A1"], f"{people.sheet}: correct any yellow cell in place; add a person on an empty yellow row; "
                   "to remove a person, clear their whole row.")
    ws["A1"].font = Font(bold=True)
    header, columns = 3, people.columns
    problem_column, key_column = len(columns) + 2, len(columns) + 3
    headings = ["", *[h for _, h, _ in columns], "Problem", "key"]
    for column, text in enumerate(headings, 1):
        _put(ws.cell(header, column), text)
        ws.cell(header, column).font = Font(bold=True)
        ws.cell(header, column).fill = _ORANGE if 1 < column < problem_column else _GREY
        ws.column_dimensions[ws.cell(header, column).column_letter].width = 14 if column == 1 else 24
    ws.column_dimensions[ws.cell(header, problem_column).column_letter].width = 40
    ws.column_dimensions[ws.cell(header, key_column).column_letter].hidden = True
    by_field = _problems_by_field(problems)
    checks = _Validations(ws)
    rows = _people_rows(joined, people, edits)
    for n, person in enumerate([*rows, *[PersonRow(None, {})] * NEW_PERSON_ROWS], header + 1):
        if person.index is not None:
            _put(ws.cell(n, 1), f"{people.who} {person.index + 1}")
            _put(ws.cell(n, key_column), f"{people.section}.{person.index}")
            found = [m for key, _, _ in columns for m in by_field.get(f"{people.section}.{person.index}.{key}", [])]
            if found:
                _put(ws.cell(n, problem_column), "; ".join(found))
                ws.cell(n, problem_column).fill = _RED
        for column, (key, _, kind) in enumerate(columns, 2):
            cell = ws.cell(n, column)
            if person.values.get(key) not in (None, ""):
                _put(cell, person.values[key])
            if kind is Kind.DATE:
                cell.number_format = DATE_FORMAT
            cell.fill, cell.protection, cell.alignment = _YELLOW, _OPEN, _WRAP
            checks.add(kind, cell.coordinate)
    ws.freeze_panes = ws.cell(header + 1, 2)
    _print_setup(ws, case_number, header)
    _protect(ws, insert_rows=True)


def _as_read(ws: Worksheet, joined: dict[str, Any]) -> None:
    """The people as written, so an unchanged cell is never taken for a correction."""
    ws.sheet_state = "hidden"
    n = 1
    for people in PEOPLE:
        for i, person in enumerate(value_at(joined, people.section) or []):
            for key, _, kind in people.columns:
                value = shown(kind, person.get(key)) if isinstance(person, dict) else None
                if value is not None:
                    _put(ws.cell(n, 1), f"{people.section}.{i}.{key}")
                    _put(ws.cell(n, 2), value)
                    n += 1
    _protect(ws)


def write_review(joined: dict[str, Any] | None, problems: list[dict[str, Any]], *, case_number: str | None = None,
                 edits: Edits | None = None, note: str | None = None) -> bytes:
    """review.xlsx for the fields read from a referral (the joined schema object) and their problems.

    `edits` (from read_review) are written back into the correction cells and people sheets, so a
    folder sent back to the desk keeps what the coordinator typed, with the new problems beside it;
    `note` is one line above the problems (why the folder is back).
    """
    joined = joined or {}
    wb = Workbook()
    _main(wb.active, joined, problems, case_number, edits, note)
    for people in PEOPLE:
        _people(wb.create_sheet(people.sheet), joined, people, problems, case_number, edits)
    _as_read(wb.create_sheet(AS_READ), joined)
    wb.active = 0
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


__all__ = ["MARKING", "label_of", "write_review"]
