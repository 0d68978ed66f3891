"""Reading the tracker back: whatever Excel or LibreOffice saved, with rows sorted, filtered or moved and
columns added.

Rows are matched by action id, never by position, and columns by header, so a person's sorting, filtering
and rearranging change nothing. The sheet is streamed (lxml iterparse) rather than loaded by openpyxl,
which takes about 3.3 s on the 20,000-action benchmark against the 5 s aim for a whole sync. A file that is
damaged, foreign or missing the Actions sheet raises `UnreadableWorkbook`; the sync then moves it aside
rather than overwrite what people typed in it.
"""
from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import from_excel

from .conflicts import read_decisions
from .layout import ACTION_HEADERS, EDITABLE, find_header_row, header_key
from .ooxml import IS, NS, PARSER, SAFE, C, F, R, T, V, column_index, relationships, sheet_paths, unescape
from .values import CellValue, date_or_text, date_text, text_of


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
        self.sheets = sheet_paths(self.zip)
        workbook = etree.fromstring(self.zip.read("xl/workbook.xml"), PARSER)
        pr = workbook.find(f"{{{NS}}}workbookPr")
        date1904 = pr is not None and pr.get("date1904") in ("1", "true")
        self.epoch = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
        self.strings = self._shared_strings()
        self.date_styles = self._date_styles()

    def _part(self, rel_type_suffix: str, default: str) -> str | None:
        rels = relationships(self.zip, "xl/_rels/workbook.xml.rels", "xl")
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
            for _, si in etree.iterparse(stream, events=("end",), tag=f"{{{NS}}}si", **SAFE):
                strings.append(_string_item(si))
                si.clear()
        return strings

    def _date_styles(self) -> frozenset[int]:
        path = self._part("/styles", "xl/styles.xml")
        if path is None:
            return frozenset()
        root = etree.fromstring(self.zip.read(path), PARSER)
        formats = {int(f.get("numFmtId")): f.get("formatCode") or "" for f in root.iter(f"{{{NS}}}numFmt")}
        xfs = root.find(f"{{{NS}}}cellXfs")
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
            for _, row in etree.iterparse(stream, events=("end",), tag=f"{{{NS}}}row", **SAFE):
                yield self._row_values(row)
                row.clear()
                while row.getprevious() is not None:
                    del row.getparent()[0]

    def _row_values(self, row: etree._Element) -> list[CellValue]:
        values: list[CellValue] = []
        for c in row:
            if c.tag != C:
                continue
            ref = c.get("r")
            column = column_index(ref) if ref else len(values)
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
            if tag == V:
                raw = child.text
            elif tag == F:
                if child.text:
                    return "=" + child.text  # a formula a person typed is kept as the text they typed
            elif tag == IS:
                inline = child
        kind = c.get("t")
        if kind == "inlineStr":
            return _string_item(inline) if inline is not None else None
        if raw is None:
            return None
        if kind == "s":
            return self.strings[int(raw)]
        if kind in ("str", "e"):
            return unescape(raw)
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            day = date_or_text(raw[:10])  # an ISO date; anything else stays as saved
            return day if isinstance(day, dt.date) else raw
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


def _string_item(item: etree._Element) -> str:
    """The text of <si> or <is>: plain or rich-text runs; phonetic guides (<rPh>) are not the text."""
    parts = []
    for child in item:
        if child.tag == T:
            parts.append(child.text or "")
        elif child.tag == R:
            parts.extend(t.text or "" for t in child.iter(T))
    return unescape("".join(parts))


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
    header = find_header_row(rows, "action id")
    if header is None:
        raise UnreadableWorkbook("no Actions sheet with an 'Action id' column")
    known = {header_key(h): i for i, h in enumerate(ACTION_HEADERS)}
    position: dict[int, int] = {}  # sheet column -> index in ACTION_HEADERS
    extra_positions: list[int] = []
    extra_names: list[str] = []
    for column, name in enumerate(header):
        index = known.get(header_key(name))
        if index is not None and index not in position.values():
            position[column] = index
        elif name is not None and str(name).strip():
            extra_positions.append(column)
            extra_names.append(str(name))
    result = TrackerRead(extra_columns=tuple(extra_names))
    found = {known[header_key(label)] for label in EDITABLE.values()} & set(position.values())
    result.fields = frozenset(f for f, label in EDITABLE.items() if known[header_key(label)] in found)
    for raw in rows:
        _take_row(result, raw, position, extra_positions)
    result.decisions = read_decisions(package.rows("Conflicts"))
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


def read_edits(workbook_bytes: bytes) -> dict[str, Edit]:
    """Per action id, the status, date status reported and notes found in the workbook."""
    return read_workbook(workbook_bytes).edits
