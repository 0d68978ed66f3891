"""Building the tracker workbook from the store's rows: four sheets (Actions, Conflicts, Cases, Meetings).

openpyxl builds each workbook's structure: sheets, Excel tables with filters, frozen headers, the Status
drop-down (data validation), the overdue and due-soon highlighting (conditional formatting), column widths
and cell styles. The cell rows themselves are written by the streaming code in `cells` and injected into
openpyxl's output here, because openpyxl's per-cell writer takes about 2.5 s on the 20,000-action
benchmark, half the 5 s aim for a whole sync.

The workbook is shared with every agency: nothing here carries a victim's name. Cases are identified by
case number only. It is printed too (for the chair, the steering group), so each sheet carries its print
settings (`print_setup`).
"""
from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from .cells import register_styles, rows_xml
from .conflicts import add_decision_drop_down
from .layout import (
    ACTION_HEADERS,
    CASE_HEADERS,
    CONFLICT_HEADERS,
    EDITABLE,
    FINISHED,
    MEETING_HEADERS,
    ActionRow,
    CaseRow,
    ConflictRow,
    MeetingRow,
)
from .ooxml import sheet_paths
from .values import CellValue, clean_text


@dataclass
class _SheetPlan:
    """One sheet: openpyxl makes the worksheet and its features, the rows are injected afterwards."""
    title: str
    header: tuple[str, ...]
    rows: list[tuple[CellValue, ...]]
    widths: tuple[float, ...]
    wrap_columns: frozenset[int] = frozenset()
    table: str | None = None
    hidden: bool = False
    editable: frozenset[int] = frozenset()  # columns people may edit: headings marked, explained when printed


def _unique_headers(headers: Sequence[str]) -> tuple[str, ...]:
    """Excel table column names must be unique (ignoring case) and non-empty."""
    seen: set[str] = set()
    result = []
    for number, name in enumerate(headers, start=1):
        base = " ".join(clean_text(name).split()) or f"Column {number}"
        candidate, n = base, 2
        while candidate.casefold() in seen:
            candidate, n = f"{base} ({n})", n + 1
        seen.add(candidate.casefold())
        result.append(candidate)
    return tuple(result)


def _list_formula(items: Sequence[str]) -> str | None:
    """An inline list for a drop-down, or None when Excel's 255-character limit or a comma rules it out."""
    if any("," in item or '"' in item for item in items):
        return None
    formula = '"' + ",".join(items) + '"'
    return formula if len(formula) <= 255 else None


def _not_finished(status_ref: str, statuses: Sequence[str]) -> list[str]:
    return [f'{status_ref}<>"{s}"' for s in statuses if s.casefold() in FINISHED and '"' not in s]


MARKING = "OFFICIAL-SENSITIVE"
EDITABLE_NOTE = "Yellow headings: the columns you may edit"
A4 = 9  # SpreadsheetML's paper size code


def print_setup(ws: Any, columns: int, last_row: int, editable: bool) -> None:
    """How a sheet prints, whichever program prints it: A4 landscape scaled to one page wide (as many
    pages down as the rows need); the header row repeated on every page; a print area, so a stray cell far
    away adds no blank pages; OFFICIAL-SENSITIVE (the Government Security Classification) at the top and
    bottom of every page with "Page X of Y"; and, where people may edit columns, a footer saying that
    their headings are yellow."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # 0: as many pages down as needed
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins.left = ws.page_margins.right = 0.4  # inches
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_options.gridLines = True  # a printed row is read across the page: keep its lines
    ws.print_title_rows = "1:1"
    ws.print_area = f"A1:{get_column_letter(max(columns, 1))}{max(last_row, 2)}"
    # "&B" bold, "&A" the sheet's name, "&P" / "&N" this page and the number of pages.
    ws.oddHeader.center.text = f"&B{MARKING}"
    ws.oddHeader.left.text = "MARAC action tracker: &A"
    ws.oddFooter.center.text = f"&B{MARKING}"
    ws.oddFooter.right.text = "Page &P of &N"
    if editable:
        ws.oddFooter.left.text = EDITABLE_NOTE


def _action_sheet_features(ws: object, plan: _SheetPlan, last_row: int, statuses: Sequence[str],
                           due_soon_days: int, lists_sheet: str | None) -> None:
    col = {name: get_column_letter(i + 1) for i, name in enumerate(ACTION_HEADERS)}
    status, deadline, conflict = col["Status"], col["Deadline"], col["Conflict"]
    formula = _list_formula(statuses) or f"'{lists_sheet}'!$A$1:$A${max(len(statuses), 1)}"
    drop_down = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                               errorTitle="Status", error="Choose a status from the list.",
                               promptTitle="Status", prompt="Choose the action's status.", showInputMessage=True)
    drop_down.add(f"{status}2:{status}1048576")
    ws.data_validations.append(drop_down)  # type: ignore[attr-defined]

    last_col = get_column_letter(len(plan.header))
    rows = f"A2:{last_col}{max(last_row, 2)}"
    open_parts = [f"ISNUMBER(${deadline}2)"] + _not_finished(f"${status}2", statuses)
    overdue = f"AND({','.join(open_parts + [f'${deadline}2<TODAY()'])})"
    due_soon = f"AND({','.join(open_parts + [f'${deadline}2>=TODAY()', f'${deadline}2<=TODAY()+{due_soon_days:d}'])})"
    formatting = ws.conditional_formatting  # type: ignore[attr-defined]
    formatting.add(rows, FormulaRule(formula=[overdue], stopIfTrue=True, font=Font(color="9C0006"),
                                     fill=PatternFill(bgColor="FFC7CE", fill_type="solid")))
    formatting.add(rows, FormulaRule(formula=[due_soon], stopIfTrue=True, font=Font(color="9C5700"),
                                     fill=PatternFill(bgColor="FFEB9C", fill_type="solid")))
    formatting.add(f"{conflict}2:{conflict}{max(last_row, 2)}",
                   FormulaRule(formula=[f'LEN(${conflict}2)>0'], fill=PatternFill(bgColor="F8CBAD", fill_type="solid")))


def build_workbook(actions: Sequence[ActionRow], cases: Sequence[CaseRow], meetings: Sequence[MeetingRow],
                   statuses: Sequence[str], *, conflicts: Sequence[ConflictRow] = (),
                   extra_columns: Sequence[str] = (), kept_rows: Sequence[Sequence[CellValue]] = (),
                   due_soon_days: int = 7) -> bytes:
    """The whole workbook as .xlsx bytes.

    `kept_rows` are rows of the Actions sheet the service does not own (a person's own row, an action no
    longer in the store that someone had edited): written after the service's rows, as they were.
    """
    header = _unique_headers((*ACTION_HEADERS, *extra_columns))
    wide = frozenset({ACTION_HEADERS.index(h) for h in ("Action", "Notes", "Conflict")})
    action_rows = [a.cells() for a in actions] + [tuple(r) for r in kept_rows]
    plans = [
        _SheetPlan("Actions", header, action_rows,
                   (18, 12, 16, 40, 24, 20, 12, 14, 14, 36, 24) + (16,) * len(extra_columns), wide, "Actions_table",
                   editable=frozenset(ACTION_HEADERS.index(h) for h in EDITABLE.values())),
        _SheetPlan("Conflicts", CONFLICT_HEADERS, [c.cells() for c in conflicts],
                   (18, 16, 20, 40, 40, 12, 18), frozenset({3, 4}), "Conflicts_table",
                   editable=frozenset({CONFLICT_HEADERS.index("Decision")})),
        _SheetPlan("Cases", CASE_HEADERS, [c.cells() for c in cases], (16, 12, 12, 8, 10, 60),
                   table="Cases_table"),
        _SheetPlan("Meetings", MEETING_HEADERS, [m.cells() for m in meetings], (12, 10, 40, 30, 8, 8, 20),
                   table="Meetings_table"),
    ]
    lists_sheet = None
    if _list_formula(statuses) is None:
        # Too long, or a comma in a status: the drop-down takes its list from a hidden sheet instead.
        lists_sheet = "Lists"
        plans.append(_SheetPlan(lists_sheet, (), [(s,) for s in statuses], (30,), hidden=True))
    return _assemble(plans, statuses, due_soon_days, lists_sheet)


def _assemble(plans: list[_SheetPlan], statuses: Sequence[str], due_soon_days: int, lists_sheet: str | None) -> bytes:
    wb = Workbook(write_only=True)
    injected: dict[str, tuple[bytes, int, int]] = {}
    for plan in plans:
        ws = wb.create_sheet(plan.title)
        styles = register_styles(ws)
        sheet_xml, last_row = rows_xml(plan.rows, styles, plan.wrap_columns, plan.header, plan.editable)
        injected[plan.title] = (sheet_xml, last_row, max(len(plan.header), 1))
        for i, width in enumerate(plan.widths):
            ws.column_dimensions[get_column_letter(i + 1)].width = width
        if plan.hidden:
            ws.sheet_state = "hidden"
            continue
        ws.freeze_panes = "A2"
        print_setup(ws, len(plan.header), last_row, bool(plan.editable))
        if plan.table:
            # An empty table still needs one (blank) data row to be a valid Excel table.
            ref = f"A1:{get_column_letter(len(plan.header))}{max(last_row, 2)}"
            table = Table(displayName=plan.table, ref=ref, autoFilter=AutoFilter(ref=ref),
                          tableStyleInfo=TableStyleInfo(name="TableStyleMedium2", showRowStripes=True))
            table.tableColumns = [TableColumn(id=i + 1, name=name) for i, name in enumerate(plan.header)]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "add table columns manually": done just above
                ws.add_table(table)
        if plan.title == "Actions":
            _action_sheet_features(ws, plan, last_row, statuses, due_soon_days, lists_sheet)
        elif plan.title == "Conflicts":
            add_decision_drop_down(ws)
    buffer = io.BytesIO()
    wb.save(buffer)
    return _inject_rows(buffer.getvalue(), injected)


def _inject_rows(package: bytes, rows: dict[str, tuple[bytes, int, int]]) -> bytes:
    """Put each sheet's rows (and its dimension, which fast readers rely on) into openpyxl's output."""
    paths = sheet_paths(zipfile.ZipFile(io.BytesIO(package)))
    by_path = {paths[title]: value for title, value in rows.items()}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in by_path:
                sheet_rows, last_row, width = by_path[info.filename]
                data = _with_rows(data, sheet_rows, f"A1:{get_column_letter(width)}{max(last_row, 1)}")
            target.writestr(info, data)
    return out.getvalue()


def _with_rows(sheet: bytes, rows: bytes, dimension: str) -> bytes:
    for empty in (b"<sheetData></sheetData>", b"<sheetData/>"):
        if sheet.count(empty) == 1:
            sheet = sheet.replace(empty, b"<sheetData>" + rows + b"</sheetData>")
            break
    else:
        raise RuntimeError("unexpected worksheet layout from openpyxl: no empty sheetData")
    if b"<dimension " not in sheet and sheet.count(b"<sheetViews>") == 1:
        sheet = sheet.replace(b"<sheetViews>", f'<dimension ref="{dimension}"/><sheetViews>'.encode(), 1)
    return sheet
