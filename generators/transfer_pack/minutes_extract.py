"""One case's own section of a meeting's minutes (.docx): from its heading ("Case EXM-2026-0001") to the
next case's heading or the next top-level heading, as plain text, tables row by row. Nothing about any
other case is taken: a transfer pack carries one victim's information only."""
from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
CASE_HEADING = re.compile(r"^\s*case\s*(?:no\.?|number|ref(?:erence)?)?\s*[:\-]?\s*"
                          r"([A-Za-z]{2,6}\s*-\s*\d{4}\s*-\s*\d{1,6})\b", re.IGNORECASE)
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})
_TOP_STYLE = re.compile(r"^(title|heading ?1)$", re.IGNORECASE)


def _text(element: etree._Element) -> str:
    """What Word shows: text, tabs and breaks, without tracked deletions."""
    parts = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}delText"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag != f"{W}delText":
            parts.append(" ")
    return " ".join("".join(parts).split())


def _top_level(p: etree._Element) -> bool:
    style = p.find(f"{W}pPr/{W}pStyle")
    level = p.find(f"{W}pPr/{W}outlineLvl")
    return (style is not None and bool(_TOP_STYLE.match(style.get(f"{W}val", "")))) or (
        level is not None and level.get(f"{W}val") == "0")


def _blocks(parent: etree._Element) -> list[etree._Element]:
    found = []
    for child in parent:
        if child.tag in (f"{W}p", f"{W}tbl"):
            found.append(child)
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            found.extend(_blocks(child))
    return found


def _document(data: bytes) -> etree._Element | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            info = package.getinfo("word/document.xml")
            if info.file_size > MAX_DOCUMENT_BYTES:
                return None
            xml = package.read(info)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        return etree.fromstring(xml, parser)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError, ValueError):
        return None


def case_section(data: bytes, case_number: str) -> str | None:
    """The case's section of these minutes as text, or None when the minutes have no section for it."""
    root = _document(data)
    body = root.find(f"{W}body") if root is not None else None
    if body is None:
        return None
    wanted = case_number.upper()
    lines: list[str] = []
    inside = False
    for block in _blocks(body):
        if block.tag == f"{W}p":
            text = _text(block).translate(_DASHES)
            heading = CASE_HEADING.match(text)
            if heading:
                inside = re.sub(r"\s+", "", heading.group(1)).upper() == wanted
            elif inside and _top_level(block):
                inside = False
            if inside and text:
                lines.append(text)
            continue
        if inside:
            for row in block.iter(f"{W}tr"):
                cells = [_text(cell) for cell in row.iter(f"{W}tc")]
                if any(cells):
                    lines.append(" | ".join(cells))
    return "\n".join(lines) if lines else None
