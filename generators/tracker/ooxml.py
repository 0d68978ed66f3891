"""The few OOXML (SpreadsheetML) rules the tracker's fast writer and reader share.

openpyxl's per-cell writer and reader are too slow for a 20,000-action tracker (about 2.5 s and 3.3 s,
over the 5 s aim for a whole sync), so the rows are written and read by small streaming code that follows
these rules itself:
- `_xHHHH_` is OOXML's escape for characters XML cannot carry: a literal one is escaped on the way out and
  decoded on the way in (Excel and LibreOffice write CR as `_x000D_`);
- dates are serial numbers counted from Excel's epoch (1899-12-30, or 1904-01-01 for old Mac workbooks);
- sheets are found through the workbook's relationships, not by file name.

The workbook sits where many people can write: it is parsed with no DTDs, no external entities and no
network. Nothing here knows the tracker's columns.
"""
from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
import zipfile

from lxml import etree

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
SAFE = {"resolve_entities": False, "no_network": True, "load_dtd": False}  # for etree.iterparse
C, F, V, IS, T, R = (f"{{{NS}}}{tag}" for tag in ("c", "f", "v", "is", "t", "r"))

_OOXML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_OOXML_UNESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_FIRST_SAFE_SERIAL_DAY = dt.date(1900, 3, 1)  # before it Excel's 1900 leap-year bug shifts serials


def escape(text: str) -> str:
    """Text for a <t> element: OOXML's own escape kept literal, then XML's."""
    text = _OOXML_ESCAPE.sub(r"_x005F_\1", text)
    # A bare CR would come back as LF (XML end-of-line handling): a character reference keeps it.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def unescape(text: str) -> str:
    return _OOXML_UNESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def serial(value: dt.date | dt.datetime) -> float | None:
    """Excel's serial number for a date (None before March 1900, where Excel's serials are wrong)."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if day < _FIRST_SAFE_SERIAL_DAY:
        return None
    number: float = (day - _EXCEL_EPOCH).days
    if isinstance(value, dt.datetime):
        number += (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    return number


@functools.lru_cache(maxsize=4096)
def _letters_index(letters: str) -> int:
    index = 0
    for char in letters.upper():
        index = index * 26 + ord(char) - 64
    return index - 1


def column_index(ref: str) -> int:
    """'C12' -> 2. Called for every cell, hence the cache on the letters."""
    return _letters_index(ref.rstrip("0123456789"))


def relationships(archive: zipfile.ZipFile, rels_path: str, base: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, path inside the package)."""
    root = etree.fromstring(archive.read(rels_path), PARSER)
    found = {}
    for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        found[rel.get("Id", "")] = (rel.get("Type", ""), path)
    return found


def sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> path of its worksheet part."""
    workbook = etree.fromstring(archive.read("xl/workbook.xml"), PARSER)
    rels = relationships(archive, "xl/_rels/workbook.xml.rels", "xl")
    paths = {}
    for sheet in workbook.iter(f"{{{NS}}}sheet"):
        rel = rels.get(sheet.get(f"{{{REL_NS}}}id", ""))
        if rel:
            paths[sheet.get("name", "")] = rel[1]
    return paths
