"""The shared action tracker workbook: built from the store, read back after people edit it.

openpyxl builds each workbook's structure: sheets, Excel tables with filters, frozen headers, the Status
drop-down (data validation), the overdue and due-soon highlighting (conditional formatting), column widths
and cell styles. The cell rows themselves are written and read by the small streaming code below because
openpyxl's per-cell writer and reader take about 2.5 s and 3.3 s on the 20,000-action benchmark, over the
5 s aim for a whole sync. The OOXML rules the fast code follows are few:
- strings are inline strings (`t="inlineStr"`) and never a `<f>` element, so no value from a form or a
  person can become a formula; text that Excel would take for one when a person re-enters the cell
  (starting with = + - @, tab or CR) also gets the quotePrefix style, as if typed after an apostrophe;
- dates are serial numbers with a date number format, so TODAY() comparisons work;
- `_xHHHH_` is OOXML's escape for characters XML cannot carry: a literal one is escaped on the way out,
  and decoded on the way in (Excel and LibreOffice write CR as `_x000D_`).

The workbook is shared with every agency: nothing here carries a victim's name. Cases are identified by
case number only.
"""
from __future__ import annotations

import datetime as dt
import functools
import io
import math
import posixpath
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from lxml import etree
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

CellValue = str | int | float | bool | dt.date | dt.datetime | None

# The Actions sheet, in order. The three columns people edit are read back; the others are the service's.
ACTION_HEADERS = ("Action id", "MARAC date", "Case number", "Action", "Agency", "Owner", "Deadline", "Status",
                  "Date status reported", "Notes", "Conflict")
EDITABLE = {"status": "Status", "status_reported": "Date status reported", "notes": "Notes"}
FIELD_LABELS = dict(EDITABLE)
CASE_HEADERS = ("Case number", "MARAC date", "Status", "Repeat", "Referrals", "Referring agencies")
MEETING_HEADERS = ("MARAC date", "Status", "Venue", "Chair", "Cases", "Actions", "Actions not finished")
CONFLICT_HEADERS = ("Action id", "Case number", "Column", "Spreadsheet value", "Service value", "Since", "Decision")
KEEP_SPREADSHEET, KEEP_SERVICE = "Keep spreadsheet", "Keep service"

# Statuses after which an action needs no chasing (compared without regard to case, as Excel does).
FINISHED = frozenset({"done", "complete", "completed", "closed", "cancelled", "canceled"})

# Excel re-reads these as a formula (or a sign) when a person re-enters the cell: quotePrefix keeps them text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
# The workbook sits where many people can write: no DTDs, no external entities, no network.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_SAFE = {"resolve_entities": False, "no_network": True, "load_dtd": False}
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_OOXML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_OOXML_UNESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FIRST_SAFE_SERIAL_DAY = dt.date(1900, 3, 1)  # before it Excel's 1900 leap-year bug shifts serials
MAX_CELL_TEXT = 32767  # Excel's limit per cell


# ---------------------------------------------------------------------------------------------------------
# Rows handed to the builder (the store's view, already in display form)

@dataclass(frozen=True)
class ActionRow:
    action_ref: str
    meeting: dt.date | str | None
    case_number: str
    description: str
    agency: str
    owner: str | None
    deadline: dt.date | str | None
    status: str
    status_reported: dt.date | str | None
    notes: str | None
    conflict: str | None = None
    extra: tuple[CellValue, ...] = ()  # values of columns people added, in `extra_columns` order

    def cells(self) -> tuple[CellValue, ...]:
        return (self.action_ref, self.meeting, self.case_number, self.description, self.agency, self.owner,
                self.deadline, self.status, self.status_reported, self.notes, self.conflict, *self.extra)


@dataclass(frozen=True)
class CaseRow:
    case_number: str
    meeting: dt.date | None
    status: str
    repeat: bool
    referrals: int
    agencies: tuple[str, ...]


@dataclass(frozen=True)
class MeetingRow:
    date: dt.date
    status: str
    venue: str | None
    chair: str | None
    cases: int
    actions: int
    unfinished: int


@dataclass(frozen=True)
class ConflictRow:
    action_ref: str
    case_number: str
    field: str  # status | status_reported | notes
    spreadsheet_value: str | None
    service_value: str | None
    since: dt.date | None


# ---------------------------------------------------------------------------------------------------------
# Values: one normalisation for what is written and what is read back, so a round trip changes nothing

def clean_text(text: str) -> str:
    """Text a workbook can hold: XML-illegal characters out (Word's vertical tab becomes a line break)."""
    text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    return _ILLEGAL_XML.sub("", text)[:MAX_CELL_TEXT]


def text_of(value: CellValue) -> str | None:
    """A cell as text, as a person meant it; blank is None. Spaces and a lone CR are kept: they are the text."""
    if value is None:
        return None
    if isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, dt.datetime):
        text = value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ", timespec="minutes")
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    else:
        text = str(value)
    # LibreOffice saves CR LF as LF: the same text either way, or its save would look like an edit.
    text = clean_text(text).replace("\r\n", "\n")
    return text if text.strip() else None


_UK_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def parse_date(text: str) -> dt.date | None:
    """ISO (2026-03-04) or the UK order a person types (4/3/2026, 04.03.26)."""
    match = _ISO_DATE.match(text)
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        match = _UK_DATE.match(text)
        if match:
            year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
            return dt.date(year, int(match[2]), int(match[1]))
    except ValueError:
        return None
    return None


def date_text(value: CellValue) -> str | None:
    """A date column as the store keeps it: ISO when it is a date, otherwise the words as typed."""
    if isinstance(value, (dt.date, dt.datetime)):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    text = text_of(value)
    if text is None:
        return None
    day = parse_date(text)
    return day.isoformat() if day else text


def date_or_text(text: str | None) -> dt.date | str | None:
    """What to put in a date column: a real date when the text is one (so highlighting works)."""
    if text is None:
        return None
    return parse_date(text) or text


# ---------------------------------------------------------------------------------------------------------
# Building

@dataclass(frozen=True)
class _Styles:
    """cellXfs indices registered with openpyxl, so its styles.xml carries them."""
    text: int
    wrap: int
    text_quoted: int
    wrap_quoted: int
    date: int
    datetime: int
    header: int


def _register_styles(ws: object) -> _Styles:
    def style(number_format: str | None = None, wrap: bool = False, quote: bool = False, bold: bool = False) -> int:
        cell = WriteOnlyCell(ws)
        cell.alignment = Alignment(vertical="top", wrap_text=wrap or None)
        if number_format:
            cell.number_format = number_format
        if quote:
            cell.quotePrefix = True
        if bold:
            cell.font = Font(bold=True)
        return int(cell.style_id)  # registers the style with the workbook

    return _Styles(text=style(), wrap=style(wrap=True), text_quoted=style(quote=True),
                   wrap_quoted=style(wrap=True, quote=True), date=style("dd/mm/yyyy"),
                   datetime=style("dd/mm/yyyy hh:mm"), header=style(bold=True))


def _escape(text: str) -> str:
    text = _OOXML_ESCAPE.sub(r"_x005F_\1", text)
    # A bare CR would come back as LF (XML end-of-line handling): a character reference keeps it.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _serial(value: dt.date | dt.datetime) -> float | None:
    day = value.date() if isinstance(value, dt.datetime) else value
    if day < _FIRST_SAFE_SERIAL_DAY:
        return None
    serial: float = (day - _EXCEL_EPOCH).days
    if isinstance(value, dt.datetime):
        serial += (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    return serial


def _cell_xml(ref: str, value: CellValue, styles: _Styles, wrap: bool) -> str:
    if isinstance(value, bool):
        return f'<c r="{ref}" s="{styles.text}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)) and not (isinstance(value, float) and not math.isfinite(value)):
        return f'<c r="{ref}" s="{styles.text}"><v>{value!r}</v></c>'
    if isinstance(value, (dt.date, dt.datetime)):
        serial = _serial(value)
        if serial is not None:
            style = styles.datetime if isinstance(value, dt.datetime) and value.time() != dt.time() else styles.date
            return f'<c r="{ref}" s="{style}"><v>{serial!r}</v></c>'
        value = value.isoformat()
    text = clean_text(str(value))
    quoted = text.startswith(FORMULA_STARTS)
    style = (styles.wrap_quoted if quoted else styles.wrap) if wrap else (styles.text_quoted if quoted else styles.text)
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{_escape(text)}</t></is></c>'


def _rows_xml(rows: Iterable[Sequence[CellValue]], styles: _Styles, wrap_columns: frozenset[int],
              header: Sequence[str]) -> tuple[bytes, int]:
    """sheetData rows, header (if any) first; returns the XML and the last row number."""
    letters = [get_column_letter(i + 1) for i in range(max(len(header), 1))]
    parts = []
    if header:
        parts.append('<row r="1">')
        parts += [f'<c r="{letters[i]}1" s="{styles.header}" t="inlineStr"><is><t xml:space="preserve">'
                  f'{_escape(h)}</t></is></c>' for i, h in enumerate(header)]
        parts.append("</row>")
    first = 2 if header else 1
    number = first - 1
    for number, values in enumerate(rows, start=first):
        parts.append(f'<row r="{number}">')
        for i, value in enumerate(values):
            if value is None or value == "":
                continue
            while i >= len(letters):
                letters.append(get_column_letter(len(letters) + 1))
            parts.append(_cell_xml(f"{letters[i]}{number}", value, styles, i in wrap_columns))
        parts.append("</row>")
    return "".join(parts).encode("utf-8"), number


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


def _conflict_sheet_features(ws: object) -> None:
    column = get_column_letter(CONFLICT_HEADERS.index("Decision") + 1)
    decision = DataValidation(type="list", formula1=f'"{KEEP_SPREADSHEET},{KEEP_SERVICE}"', allow_blank=True,
                              promptTitle="Decision",
                              prompt="Keep spreadsheet: the store takes the spreadsheet's value. "
                                     "Keep service: the spreadsheet takes the service's value.",
                              showInputMessage=True)
    decision.add(f"{column}2:{column}1048576")
    ws.data_validations.append(decision)  # type: ignore[attr-defined]


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
                   (18, 12, 16, 50, 24, 20, 12, 14, 14, 50, 40) + (16,) * len(extra_columns), wide, "Actions_table"),
        _SheetPlan("Conflicts", CONFLICT_HEADERS, [_conflict_cells(c) for c in conflicts],
                   (18, 16, 20, 40, 40, 12, 18), frozenset({3, 4}), "Conflicts_table"),
        _SheetPlan("Cases", CASE_HEADERS, [_case_cells(c) for c in cases], (16, 12, 12, 8, 10, 60),
                   table="Cases_table"),
        _SheetPlan("Meetings", MEETING_HEADERS, [_meeting_cells(m) for m in meetings], (12, 10, 40, 30, 8, 8, 10),
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
        styles = _register_styles(ws)
        rows_xml, last_row = _rows_xml(plan.rows, styles, plan.wrap_columns, plan.header)
        injected[plan.title] = (rows_xml, last_row, max(len(plan.header), 1))
        for i, width in enumerate(plan.widths):
            ws.column_dimensions[get_column_letter(i + 1)].width = width
        if plan.hidden:
            ws.sheet_state = "hidden"
            continue
        ws.freeze_panes = "A2"
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
            _conflict_sheet_features(ws)
    buffer = io.BytesIO()
    wb.save(buffer)
    return _inject_rows(buffer.getvalue(), injected)


def _inject_rows(package: bytes, rows: dict[str, tuple[bytes, int, int]]) -> bytes:
    """Put each sheet's rows (and its dimension, which fast readers rely on) into openpyxl's output."""
    paths = _sheet_paths(zipfile.ZipFile(io.BytesIO(package)))
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


def _conflict_cells(c: ConflictRow) -> tuple[CellValue, ...]:
    return (c.action_ref, c.case_number, FIELD_LABELS[c.field], c.spreadsheet_value, c.service_value, c.since, None)


def _case_cells(c: CaseRow) -> tuple[CellValue, ...]:
    return (c.case_number, c.meeting, c.status, "Yes" if c.repeat else "No", c.referrals, "; ".join(c.agencies))


def _meeting_cells(m: MeetingRow) -> tuple[CellValue, ...]:
    return (m.date, m.status, m.venue, m.chair, m.cases, m.actions, m.unfinished)


# ---------------------------------------------------------------------------------------------------------
# Reading: whatever Excel or LibreOffice saved, with rows sorted, filtered, moved, columns added

class UnreadableWorkbook(Exception):
    """Not a workbook the tracker can read (not an xlsx, or no Actions sheet with an Action id column)."""


@dataclass(frozen=True)
class Edit:
    """The columns people edit, as found in one row. None: the cell is blank."""
    status: str | None
    status_reported: str | None
    notes: str | None


@dataclass
class TrackerRead:
    edits: dict[str, Edit] = field(default_factory=dict)
    fields: frozenset[str] = frozenset()  # the editable columns that were found
    rows: dict[str, tuple[CellValue, ...]] = field(default_factory=dict)  # per id: the row in ACTION_HEADERS order
    extra_columns: tuple[str, ...] = ()  # columns people added, in sheet order
    extras: dict[str, tuple[CellValue, ...]] = field(default_factory=dict)  # per id: their values
    other_rows: list[tuple[CellValue, ...]] = field(default_factory=list)  # no id, or a repeated id
    decisions: dict[tuple[str, str], str] = field(default_factory=dict)  # (id, field) -> spreadsheet | service


class _Package:
    """The parts of an .xlsx the reader needs: sheet paths, shared strings, date styles, the epoch."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.sheets = _sheet_paths(self.zip)
        workbook = etree.fromstring(self.zip.read("xl/workbook.xml"), _PARSER)
        pr = workbook.find(f"{{{_NS}}}workbookPr")
        date1904 = pr is not None and pr.get("date1904") in ("1", "true")
        self.epoch = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
        self.strings = self._shared_strings()
        self.date_styles = self._date_styles()

    def _part(self, rel_type_suffix: str, default: str) -> str | None:
        rels = _relationships(self.zip, "xl/_rels/workbook.xml.rels", "xl")
        for rel_type, target in rels.values():
            if rel_type.endswith(rel_type_suffix):
                return target
        return default if default in self.zip.namelist() else None

    def _shared_strings(self) -> list[str]:
        path = self._part("/sharedStrings", "xl/sharedStrings.xml")
        if path is None:
            return []
        strings = []
        with self.zip.open(path) as stream:
            for _, si in etree.iterparse(stream, events=("end",), tag=f"{{{_NS}}}si", **_SAFE):
                strings.append(_string_item(si))
                si.clear()
        return strings

    def _date_styles(self) -> frozenset[int]:
        path = self._part("/styles", "xl/styles.xml")
        if path is None:
            return frozenset()
        root = etree.fromstring(self.zip.read(path), _PARSER)
        formats = {int(f.get("numFmtId")): f.get("formatCode") or "" for f in root.iter(f"{{{_NS}}}numFmt")}
        xfs = root.find(f"{{{_NS}}}cellXfs")
        dates = set()
        for index, xf in enumerate(xfs if xfs is not None else ()):
            number = int(xf.get("numFmtId", "0"))
            code = formats.get(number) or BUILTIN_FORMATS.get(number)
            # 27-36 and 50-58 are locale date formats with no fixed code.
            if (code and is_date_format(code)) or 27 <= number <= 36 or 50 <= number <= 58:
                dates.add(index)
        return frozenset(dates)

    def rows(self, title: str) -> Iterator[list[CellValue]]:
        """The sheet's rows as dense lists of values (blank cells None); formulas as their text."""
        path = next((p for t, p in self.sheets.items() if t.casefold() == title.casefold()), None)
        if path is None or path not in self.zip.namelist():
            return
        with self.zip.open(path) as stream:
            for _, row in etree.iterparse(stream, events=("end",), tag=f"{{{_NS}}}row", **_SAFE):
                yield self._row_values(row)
                row.clear()
                while row.getprevious() is not None:
                    del row.getparent()[0]

    def _row_values(self, row: etree._Element) -> list[CellValue]:
        values: list[CellValue] = []
        for c in row:
            if c.tag != _C:
                continue
            ref = c.get("r")
            column = _column_index(ref) if ref else len(values)
            while len(values) < column:
                values.append(None)
            value = self._cell_value(c)
            if column < len(values):
                values[column] = value
            else:
                values.append(value)
        return values

    def _cell_value(self, c: etree._Element) -> CellValue:
        raw = inline = None
        for child in c:  # one pass over <f>, <v>, <is>: this loop runs for every cell of the sheet
            tag = child.tag
            if tag == _V:
                raw = child.text
            elif tag == _F:
                if child.text:
                    return "=" + child.text  # a formula a person typed is kept as the text they typed
            elif tag == _IS:
                inline = child
        kind = c.get("t")
        if kind == "inlineStr":
            return _string_item(inline) if inline is not None else None
        if raw is None:
            return None
        if kind == "s":
            return self.strings[int(raw)]
        if kind in ("str", "e"):
            return _unescape(raw)
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            return date_or_text(raw[:10]) if parse_date(raw[:10]) else raw
        return self._number(raw, c.get("s"))

    def _number(self, raw: str, style: str | None) -> CellValue:
        try:
            number = float(raw)
        except ValueError:
            return raw
        if style is not None and int(style) in self.date_styles and math.isfinite(number):
            try:
                return from_excel(number, self.epoch)
            except (ValueError, OverflowError):
                return number
        return int(number) if number.is_integer() and "." not in raw and "E" not in raw.upper() else number


_C, _F, _V, _IS, _T, _R = (f"{{{_NS}}}{tag}" for tag in ("c", "f", "v", "is", "t", "r"))


def _string_item(item: etree._Element) -> str:
    """The text of <si> or <is>: plain or rich-text runs; phonetic guides (<rPh>) are not the text."""
    parts = []
    for child in item:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag == _R:
            parts.extend(t.text or "" for t in child.iter(_T))
    return _unescape("".join(parts))


def _unescape(text: str) -> str:
    return _OOXML_UNESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


@functools.lru_cache(maxsize=4096)
def _letters_index(letters: str) -> int:
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - 64
    return index - 1


def _column_index(ref: str) -> int:
    """'C12' -> 2. Called for every cell, hence the cache on the letters."""
    return _letters_index(ref.rstrip("0123456789"))


def _relationships(archive: zipfile.ZipFile, rels_path: str, base: str) -> dict[str, tuple[str, str]]:
    root = etree.fromstring(archive.read(rels_path), _PARSER)
    found = {}
    for rel in root.iter(f"{{{_PKG_REL_NS}}}Relationship"):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        found[rel.get("Id", "")] = (rel.get("Type", ""), path)
    return found


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    workbook = etree.fromstring(archive.read("xl/workbook.xml"), _PARSER)
    rels = _relationships(archive, "xl/_rels/workbook.xml.rels", "xl")
    paths = {}
    for sheet in workbook.iter(f"{{{_NS}}}sheet"):
        rel = rels.get(sheet.get(f"{{{_REL_NS}}}id", ""))
        if rel:
            paths[sheet.get("name", "")] = rel[1]
    return paths


def _key(header: CellValue) -> str:
    return " ".join(str(header).split()).casefold() if header is not None else ""


def _header_row(rows: Iterator[list[CellValue]], needed: str, look: int = 20) -> list[CellValue] | None:
    """The header row: people sometimes put a title or a blank row above it."""
    for _, row in zip(range(look), rows):
        if any(_key(v) == needed for v in row):
            return row
    return None


# What a damaged or foreign file raises on the way through zip, XML and the parts' cross-references.
_BROKEN = (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, IndexError, ValueError, EOFError, OSError,
           etree.XMLSyntaxError)


def read_workbook(data: bytes) -> TrackerRead:
    """The people's side of the tracker. Rows are matched by action id, never by position, so sorting,
    filtering and moving rows or columns change nothing."""
    try:
        return _read(data)
    except _BROKEN as exc:
        raise UnreadableWorkbook(f"not a readable Excel workbook ({type(exc).__name__})") from None


def _read(data: bytes) -> TrackerRead:
    package = _Package(data)
    title = next((t for t in package.sheets if t.casefold() == "actions"), None)
    rows = package.rows(title) if title else iter(())
    header = _header_row(rows, "action id")
    if header is None:
        raise UnreadableWorkbook("no Actions sheet with an 'Action id' column")
    known = {_key(h): i for i, h in enumerate(ACTION_HEADERS)}
    position: dict[int, int] = {}  # sheet column -> index in ACTION_HEADERS
    extra_positions: list[int] = []
    extra_names: list[str] = []
    for column, name in enumerate(header):
        index = known.get(_key(name))
        if index is not None and index not in position.values():
            position[column] = index
        elif name is not None and str(name).strip():
            extra_positions.append(column)
            extra_names.append(str(name))
    result = TrackerRead(extra_columns=tuple(extra_names))
    found = {known[_key(label)] for label in EDITABLE.values()} & set(position.values())
    result.fields = frozenset(f for f, label in EDITABLE.items() if known[_key(label)] in found)
    for raw in rows:
        _take_row(result, raw, position, extra_positions)
    result.decisions = _read_decisions(package)
    return result


def _take_row(result: TrackerRead, raw: list[CellValue], position: dict[int, int], extra_positions: list[int]) -> None:
    values: list[CellValue] = [None] * len(ACTION_HEADERS)
    for column, index in position.items():
        if column < len(raw):
            values[index] = raw[column]
    extra = tuple(raw[c] if c < len(raw) else None for c in extra_positions)
    if not any(_filled(v) for v in values) and not any(_filled(v) for v in extra):
        return  # a blank row (Excel tables often end with one)
    ref = text_of(values[0])
    row = tuple(values)
    if ref is None or ref.strip() in result.edits:
        result.other_rows.append(row + extra)
        return
    ref = ref.strip()
    result.rows[ref] = row
    result.extras[ref] = extra
    status = text_of(values[ACTION_HEADERS.index("Status")])
    result.edits[ref] = Edit(status=status.strip() if status else None,
                             status_reported=date_text(values[ACTION_HEADERS.index("Date status reported")]),
                             notes=text_of(values[ACTION_HEADERS.index("Notes")]))


def _filled(value: CellValue) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _read_decisions(package: _Package) -> dict[tuple[str, str], str]:
    rows = package.rows("Conflicts")
    header = _header_row(rows, "action id")
    if header is None:
        return {}
    columns = {_key(h): i for i, h in enumerate(header)}
    fields = {_key(label): name for name, label in FIELD_LABELS.items()}
    choices = {_key(KEEP_SPREADSHEET): "spreadsheet", "spreadsheet": "spreadsheet",
               _key(KEEP_SERVICE): "service", "service": "service"}
    try:
        ref_at, column_at, decision_at = columns["action id"], columns["column"], columns["decision"]
    except KeyError:
        return {}
    decisions = {}
    for raw in rows:
        ref, column, choice = (text_of(_at(raw, ref_at)), fields.get(_key(_at(raw, column_at))),
                               choices.get(_key(_at(raw, decision_at))))
        if ref and column and choice:
            decisions[(ref.strip(), column)] = choice
    return decisions


def _at(row: list[CellValue], column: int) -> CellValue:
    return row[column] if column < len(row) else None


def read_edits(workbook_bytes: bytes) -> dict[str, Edit]:
    """Per action id, the status, date status reported and notes found in the workbook."""
    return read_workbook(workbook_bytes).edits
