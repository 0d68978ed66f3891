"""Completed MARAC minutes read back: the meeting date and, per case, the rows of its actions table.

Pure: .docx bytes in, a MinutesRead out; no store, no configuration, no logging. The minutes skeleton
(templates/build_templates.py) has, per case, a heading "Case EXM-2026-0001" and a table headed
Action | Agency | Owner | Deadline. Minute-takers add rows, leave rows blank, type dates their own way,
and Word or LibreOffice re-saves the file, so tables are recognised by their header words and rows
are read as displayed (tracked deletions and hidden text left out, date pickers as their date). The
incomplete-actions table ("Outstanding action") carries earlier actions and is never read as new ones.
Checking the rows against the store is marac/minutes_import.py's job; this module only reads.
"""
from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from .docx.text import Marks, child_val, heading_style, render, w
from .minutes_attendance import AttendanceRow, attendance_table
from .normalise import NotUnderstood, parse_date

MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 200  # Word XML packs 10-30x; far beyond that is a zip bomb, not minutes
RATIO_CHECK_FROM_BYTES = 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
DEFAULT_DOCUMENT = "word/document.xml"

DAMAGED = "the minutes file is damaged and cannot be opened: save it again in Word and re-import it"
OLE = ("the minutes file is an old-style Word (.doc) file or is password-protected: save it as a Word "
       "document (.docx) without a password and import it again")
CASE_HEADING = re.compile(r"^\s*case\s*(?:no\.?|number|ref(?:erence)?)?\s*[:\-]?\s*"
                          r"([A-Za-z]{2,6}\s*-\s*\d{4}\s*-\s*\d{1,6})\b", re.IGNORECASE)
_DATE_IN_TEXT = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}\b"
                           r"|\b\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}\b|\b\d{4}-\d{2}-\d{2}\b")
_WRAPPERS = {w("sdt"), w("sdtContent"), w("customXml")}
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})
_TOP_LEVEL_STYLE = re.compile(r"^(title|heading\s*1|berschrift\s*1|titre\s*1)$", re.IGNORECASE)
_DATE_LABELS = {"date", "meeting date", "date of meeting", "date of marac", "marac date"}
# Words that mark the incomplete-actions table (carried over, not agreed at this meeting).
_CARRIED_OVER = ("outstanding", "incomplete", "carried over", "change in circumstance")
_CASE_COLUMN = {"case", "case number", "case no", "case ref", "case reference", "marac case"}


class _Refused(Exception):
    """The file cannot be read; the message is for the coordinator."""


@dataclass(frozen=True)
class ActionRow:
    """One filled row of a case's actions table, as typed (blank cells are '')."""
    case_number: str | None  # as in the heading, upper-cased; None: the table sits outside any case
    row: int  # 1-based among this case's filled rows, in document order (the basis of a stable id)
    action: str
    agency: str
    owner: str
    deadline: str


@dataclass
class MinutesRead:
    meeting_date: dt.date | None = None
    cases: list[str] = field(default_factory=list)  # case headings in document order
    rows: list[ActionRow] = field(default_factory=list)
    attendance: list[AttendanceRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_minutes(data: bytes) -> MinutesRead:
    result = MinutesRead()
    try:
        root = _document_root(data)
    except _Refused as exc:
        result.problems.append(str(exc))
        return result
    # Text boxes are stored twice (DrawingML and a VML fallback); read only the first copy.
    for fallback in list(root.iter(MC_FALLBACK)):
        fallback.getparent().remove(fallback)
    body = root.find(w("body"))
    state = _State()
    _walk(body if body is not None else root, state, result)
    _decide_date(state, result)
    if not result.cases:
        result.problems.append("no case sections were found (headings such as 'Case EXM-2026-0001')")
    return result


# --- walking the body --------------------------------------------------------------------------

@dataclass
class _State:
    case: str | None = None
    before_cases: bool = True  # the meeting details sit above the first numbered section
    counts: dict[str | None, int] = field(default_factory=dict)
    dates: list[dt.date] = field(default_factory=list)  # from a row labelled Date above the cases
    loose_dates: list[dt.date] = field(default_factory=list)  # in a title or line above the cases
    unreadable: list[str] = field(default_factory=list)


def _walk(body: etree._Element, state: _State, result: MinutesRead) -> None:
    marks = Marks()
    for block in _children(body, w("p"), w("tbl")):
        if block.tag == w("p"):
            _paragraph(block, marks, state, result)
        else:
            _table(block, marks, state, result)


def _children(parent: etree._Element, *tags: str) -> Iterator[etree._Element]:
    """Children with these tags in order, looking inside content controls and custom XML wrappers
    (Word wraps blocks, rows or cells in them for repeating sections and templates)."""
    for child in parent:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, *tags)


def _paragraph(p: etree._Element, marks: Marks, state: _State, result: MinutesRead) -> None:
    text = " ".join(render(p, marks).translate(_DASHES).split())
    match = CASE_HEADING.match(text)
    if match:
        number = re.sub(r"\s+", "", match.group(1)).upper()
        state.case, state.before_cases = number, False
        if number not in result.cases:
            result.cases.append(number)
        return
    if _top_level(p):
        if state.case is not None or re.match(r"^\d+\s", text):
            state.before_cases = False
        state.case = None  # "6 Any other business": a later table belongs to no case
    if state.before_cases and text:
        found = _DATE_IN_TEXT.search(text)
        if found:
            _add_date(found.group(0), state, state.loose_dates)


def _top_level(p: etree._Element) -> bool:
    props = p.find(w("pPr"))
    if props is None or not heading_style(p):
        return False
    return bool(_TOP_LEVEL_STYLE.match(child_val(props, "pStyle"))) or child_val(props, "outlineLvl") == "0"


def _table(tbl: etree._Element, marks: Marks, state: _State, result: MinutesRead) -> None:
    rows = _merged(tbl, marks)
    if not rows:
        return
    if state.before_cases:
        _date_row(rows, state)
    if state.case is None and (present := attendance_table(rows)) is not None:
        result.attendance.extend(present)
        return
    found = _header(rows)
    if found is None:
        return
    start, columns = found
    if "owner" not in columns or "deadline" not in columns:
        missing = " and ".join(k.capitalize() for k in ("owner", "deadline") if k not in columns)
        where = f"case {state.case}" if state.case else "a table outside any case"
        result.problems.append(f"the actions table for {where} has no {missing} column")
    header = rows[start]
    for cells in rows[start + 1:]:
        if not any(cells) or cells == header:  # blank, or the header pasted again
            continue
        case = _row_case(cells, columns, state.case)
        if case is not None and case not in result.cases:
            result.cases.append(case)
        state.counts[case] = state.counts.get(case, 0) + 1
        result.rows.append(ActionRow(case, state.counts[case], *(
            _cell(cells, columns.get(key), key) for key in ("action", "agency", "owner", "deadline"))))


def _row_case(cells: list[str], columns: dict[str, int], heading: str | None) -> str | None:
    """Some areas keep one table with a Case column: the row's own case number wins over the heading."""
    typed = _cell(cells, columns.get("case"), "case")
    match = re.fullmatch(r"(?:case\s*)?([A-Za-z]{2,6}\s*-\s*\d{4}\s*-\s*\d{1,6})", typed, re.IGNORECASE)
    if match:
        return re.sub(r"\s+", "", match.group(1)).upper()
    return typed.upper() if typed else heading


def _cell(cells: list[str], index: int | None, key: str) -> str:
    if index is None or index >= len(cells):
        return ""
    text = cells[index].translate(_DASHES) if key in ("case", "deadline") else cells[index]
    # Only the action may run over several lines; a name or a date broken by Enter is one value.
    return text if key == "action" else " ".join(text.split())


def _merged(tbl: etree._Element, marks: Marks) -> list[list[str]]:
    """Every row's text per grid column. A cell merged across columns fills each column it spans; a
    cell merged down from the row above (one agency for two actions) repeats the text above."""
    rows: list[list[str]] = []
    for tr in _children(tbl, w("tr")):
        props = tr.find(w("trPr"))
        if props is not None and props.find(w("del")) is not None:
            continue  # deleted with Track Changes on: still in the file, no longer shown by Word
        above = rows[-1] if rows else []
        cells: list[str] = []
        for tc in _children(tr, w("tc")):
            props = tc.find(w("tcPr"))
            span = child_val(props, "gridSpan") if props is not None else ""
            width = int(span) if span.isdigit() and 0 < int(span) < 64 else 1
            merge = props.find(w("vMerge")) if props is not None else None
            continues = merge is not None and merge.get(w("val"), "continue") == "continue"
            column = len(cells)
            text = above[column] if continues and column < len(above) else render(tc, marks)
            cells.extend([text] * width)
        rows.append(cells)
    return rows


# --- recognising the tables ----------------------------------------------------------------------

def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text.casefold()).split())


def _column_key(header: str) -> str | None:
    text = _norm(header)
    if not text:
        return None
    if text in _CASE_COLUMN:
        return "case"
    if text.startswith("action") or text in {"agreed action", "agreed actions", "what"}:
        return "action"
    if "agency" in text:
        return "agency"
    if any(word in text for word in ("owner", "responsible", "who", "named person", "lead officer")):
        return "owner"
    if any(word in text for word in ("deadline", "by when", "due", "target date", "timescale", "date")):
        return "deadline"
    return None


def _header(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    """(header row index, column of each key) for an actions table; None for any other table."""
    for index, cells in enumerate(rows[:3]):  # a title row may have been added above the header
        texts = [_norm(c) for c in cells]
        if any(word in t for t in texts for word in _CARRIED_OVER):
            return None  # the incomplete-actions table: earlier actions, not this meeting's
        columns: dict[str, int] = {}
        for column, text in enumerate(cells):
            key = _column_key(text)
            if key and key not in columns:
                columns[key] = column
        if "action" in columns and "agency" in columns:
            return index, columns
    return None


def _date_row(rows: list[list[str]], state: _State) -> None:
    """The meeting-details table: a row labelled Date, its value beside it."""
    for cells in rows:
        if len(cells) >= 2 and _norm(cells[0]) in _DATE_LABELS and cells[1].strip():
            _add_date(cells[1], state, state.dates)


def _add_date(text: str, state: _State, into: list[dt.date]) -> None:
    try:
        into.append(parse_date(" ".join(text.split())))
    except NotUnderstood:
        state.unreadable.append(" ".join(text.split()))


def _decide_date(state: _State, result: MinutesRead) -> None:
    """One meeting date, or a problem: a wrong date would put every action on the wrong meeting."""
    # The labelled Date row wins: a date in a title may be a letterhead's or a template version's.
    found = list(dict.fromkeys(state.dates or state.loose_dates))
    if len(found) == 1:
        result.meeting_date = found[0]
    elif len(found) > 1:
        shown = ", ".join(f"{d.day} {d:%B %Y}" for d in found)
        result.problems.append(f"the minutes give more than one meeting date ({shown}): correct the Date row")
    elif state.unreadable:
        result.problems.append(f"the meeting date '{state.unreadable[0]}' cannot be read: "
                               "write it as 8 December 2026")
    else:
        result.problems.append("the minutes do not give the meeting date: fill in the Date row at the top")


# --- the package ---------------------------------------------------------------------------------

def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           dtd_validation=False)


def _document_root(data: bytes) -> etree._Element:
    if data[:4] == OLE_MAGIC:
        raise _Refused(OLE)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _check_sizes(package)
            with package.open(_main_part(package)) as stream:
                xml = stream.read(MAX_UNPACKED_BYTES + 1)
        if len(xml) > MAX_UNPACKED_BYTES:
            raise _Refused(DAMAGED)
        return etree.fromstring(xml, _safe_parser())
    except _Refused:
        raise
    except KeyError as exc:
        raise _Refused("the file is not a Word document, so no minutes could be read from it") from exc
    except etree.XMLSyntaxError as exc:
        raise _Refused("the text of the minutes file is damaged and cannot be read") from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError, RuntimeError,
            EOFError, OSError, ValueError) as exc:
        raise _Refused(DAMAGED) from exc


def _check_sizes(package: zipfile.ZipFile) -> None:
    entries = package.infolist()
    if sum(info.file_size for info in entries) > MAX_UNPACKED_BYTES:
        raise _Refused("the minutes file is far larger when unpacked than minutes can be, so it was not opened")
    for info in entries:
        if info.file_size >= RATIO_CHECK_FROM_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _Refused("the minutes file is built oddly (a part unpacks to hundreds of times its size), "
                           "so it was not opened")


def _main_part(package: zipfile.ZipFile) -> str:
    """The document body the package relationships name (usually word/document.xml)."""
    if "_rels/.rels" not in package.namelist():
        return DEFAULT_DOCUMENT
    try:
        with package.open("_rels/.rels") as stream:
            rels = etree.fromstring(stream.read(1024 * 1024), _safe_parser())
    except etree.XMLSyntaxError:
        return DEFAULT_DOCUMENT
    for rel in rels.iter(REL):
        target = rel.get("Target", "")
        if rel.get("Type", "").endswith("/officeDocument") and target:
            return posixpath.normpath(target.lstrip("/"))
    return DEFAULT_DOCUMENT
