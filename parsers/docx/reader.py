"""Word .docx files: content controls (w:sdt), legacy form fields (FORMTEXT etc.) and the printed layout.

A control or field named with a canonical path (the service's own form) goes straight into
RawForm.fields. Everything else is read as printed by the layout walker (parsers.docx.layout):
labels and values, headings, person tables and DASH grids, for label matching later. A control
or field the walker did not place under a printed label ("Victim name" alone in a text box) is
reported under its own name. Files come from outside, so the zip is opened with size limits and
the XML parser never fetches or expands anything.
"""
from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
import zlib

from lxml import etree

from ..fields import kind_of
from ..model import Labelled, RawForm, RawValue, RowTable
from ..problem import Problem
from ..tables.parallel_lists import paired_lists
from ..tables.people_cell import people_in_one_box
from ..tables.prompts import prompts_in_text
from .layout import walk_body
from .legacy_fields import legacy_fields
from .text import Marks
from .text import child_val as _child_val
from .text import on as _on

MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# Word XML packs well (10-30x); far beyond that is a zip bomb, not a form. Small parts are let
# through whatever their ratio, as they cannot do harm.
MAX_RATIO = 200
RATIO_CHECK_FROM_BYTES = 1024 * 1024

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
DEFAULT_DOCUMENT = "word/document.xml"

_PROMPT = re.compile(r"^\s*(please\s+)?(select|choose)\b|^\s*-+\s*$|^\s*click\b", re.IGNORECASE)
DAMAGED = "the Word file is damaged and cannot be opened: ask the referrer to send it again"
NOT_WORD = "this file is not a Word document, so it cannot be read as a referral form"
REPAIRED = ("the Word file was saved damaged (as some programs save check boxes), and was read as Word repairs "
            "it: check its values against the form")


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


class _Refused(Exception):
    """The file cannot be read; the message is for the coordinator."""


def read_docx(data: bytes, stateless_boxes: bool = False) -> RawForm:
    """The form in a .docx. `stateless_boxes`: the file's legacy tick boxes came through a conversion that dropped
    whether they were ticked (parsers.text.converted), so none is read as ticked or unticked."""
    raw = RawForm("docx")
    try:
        root, repaired = _document_root(data)
    except _Refused as exc:
        raw.problems.append(Problem(str(exc)))
        return raw
    if repaired:
        raw.problems.append(Problem(REPAIRED, severity="warning"))
    # Text boxes are stored twice (DrawingML and a VML fallback); read only the first copy.
    for fallback in list(root.iter(MC_FALLBACK)):
        fallback.getparent().remove(fallback)
    marks = Marks()
    by_name = _named_values(root, raw, marks, stateless_boxes)
    body = root.find(_w("body"))
    walk = walk_body(body if body is not None else root, marks)
    for item in paired_lists(walk.labelled):
        table = people_in_one_box(item, raw.problems)
        if isinstance(table, RowTable):
            raw.tables.append(table)  # "Names and dates of birth of children | 1) Jo SMITH – 3.4.2019 ..."
        elif not table:
            raw.labelled.extend(_prompts_in_one_box(item))
    raw.tables.extend(walk.tables)
    raw.dash_lines.extend(walk.dash_lines)
    for element, (label, value) in by_name.items():
        if element not in walk.used:
            raw.labelled.append(Labelled(label, value, walk.control_sections.get(element)))
    return raw


def _prompts_in_one_box(item: Labelled) -> list[Labelled]:
    """ "Please add anything you know about | - who the victim is afraid of? X / - who is it safe to talk
    to? Y": each prompt is a label with its answer."""
    prompts = prompts_in_text(item.value) if isinstance(item.value, str) else None
    if not prompts:
        return [item]
    return [Labelled(prompt, answer, item.section, item.title, item.context) for prompt, answer in prompts]


def _named_values(root: etree._Element, raw: RawForm, marks: Marks,
                  stateless_boxes: bool = False) -> dict[etree._Element, tuple[str, RawValue]]:
    """Controls and fields: canonical ones into raw.fields, the rest (by element) for later."""
    by_name: dict[etree._Element, tuple[str, RawValue]] = {}
    for sdt in root.iter(_w("sdt")):
        name = _control_name(sdt)
        if name is None:
            continue
        if _is_canonical(name[0]):
            _record(raw, name[0], _control_value(sdt))
            marks.canonical.add(sdt)
        else:
            by_name[sdt] = (name[1], _control_value(sdt))
    for legacy in legacy_fields(root):
        if legacy.begin is None:
            continue
        if legacy.kind == "checkbox":
            marks.checkboxes[legacy.begin] = None if stateless_boxes else bool(legacy.value)
        if legacy.kind == "dropdown":
            if isinstance(legacy.value, str) and _PROMPT.match(legacy.value):
                legacy.value = None  # "Please Select", "Choose an item.": nothing chosen
            marks.dropdowns[legacy.begin] = legacy.value or ""
        if _is_canonical(legacy.name):
            _record(raw, legacy.name, legacy.value)
            marks.canonical.add(legacy.begin)
        elif legacy.name:
            by_name[legacy.begin] = (legacy.name, legacy.value)
    return by_name


# --- the package ---------------------------------------------------------------------------

def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False, dtd_validation=False)


def _document_root(data: bytes) -> tuple[etree._Element, bool]:
    """The document's XML, and whether it had to be repaired to be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _check_sizes(package)
            xml = _read_part(package, _main_part_name(package))
            return etree.fromstring(xml, _safe_parser()), False
    except _Refused:
        raise
    except etree.XMLSyntaxError as exc:
        return _repaired(xml, exc), True
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, NotImplementedError,
            RuntimeError, EOFError, OSError, ValueError) as exc:
        # RuntimeError: an encrypted zip entry; NotImplementedError: an unknown compression.
        raise _Refused(DAMAGED) from exc


_TAG = re.compile(rb"<(/?)([A-Za-z_][\w.:-]*)[^>]*?(/?)>")


def _repaired(xml: bytes, error: etree.XMLSyntaxError) -> etree._Element:
    """A document whose XML closes an element it never opened (LibreOffice closes a check box's content control
    twice when it saves one in a table), read as Word's repair reads it: each closing tag that does not close
    the element open there is dropped. Refused if the XML is still broken."""
    kept: list[bytes] = []
    stack: list[bytes] = []
    at = 0
    for tag in _TAG.finditer(xml):
        closing, name, empty = tag.group(1), tag.group(2), tag.group(3)
        if closing and (not stack or stack[-1] != name):
            kept.append(xml[at:tag.start()])
            at = tag.end()  # a stray closing tag
        elif closing:
            stack.pop()
        elif not empty:
            stack.append(name)
    kept.append(xml[at:])
    try:
        return etree.fromstring(b"".join(kept), _safe_parser())
    except etree.XMLSyntaxError:
        raise _Refused("the text of the Word document is damaged and cannot be read") from error


def _check_sizes(package: zipfile.ZipFile) -> None:
    entries = package.infolist()
    if sum(info.file_size for info in entries) > MAX_UNPACKED_BYTES:
        raise _Refused("the Word file is far larger when unpacked than a referral form can be "
                       f"(over {MAX_UNPACKED_BYTES // (1024 * 1024)} MB), so it was not opened")
    for info in entries:
        if info.file_size >= RATIO_CHECK_FROM_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _Refused("the Word file is built oddly (a part unpacks to hundreds of times its "
                           "size), so it was not opened: check it with the referrer")


def _read_part(package: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = package.getinfo(name)
    except KeyError as exc:
        raise _Refused(NOT_WORD) from exc
    with package.open(info) as stream:
        # The zip header's size is what was checked; never unpack more than the limit anyway.
        content = stream.read(MAX_UNPACKED_BYTES + 1)
    if len(content) > MAX_UNPACKED_BYTES:
        raise _Refused(DAMAGED)
    return content


def _main_part_name(package: zipfile.ZipFile) -> str:
    """The document body named by the package relationships (usually word/document.xml)."""
    if "_rels/.rels" not in package.namelist():
        return DEFAULT_DOCUMENT
    try:
        rels = etree.fromstring(_read_part(package, "_rels/.rels"), _safe_parser())
    except etree.XMLSyntaxError:
        return DEFAULT_DOCUMENT
    for rel in rels.iter(REL):
        if rel.get("Type", "").endswith("/officeDocument") and rel.get("Target"):
            return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    return DEFAULT_DOCUMENT


# --- recording values ------------------------------------------------------------------------

@functools.lru_cache(maxsize=4096)  # fields.kind_of rebuilds its table on every call
def _is_canonical(key: str) -> bool:
    path, sep, choice = key.partition("=")
    return kind_of(path) is not None and (not sep or bool(choice))


def _record(raw: RawForm, key: str, value: RawValue) -> None:
    earlier = raw.fields.get(key)
    if earlier in (None, False, ""):
        raw.fields[key] = value
    elif value not in (None, False, "") and value != earlier:
        raw.problems.append(Problem(
            f"the form has the box '{key}' twice with different values; the first one was used",
            key.partition("=")[0], "warning"))


# --- content controls ------------------------------------------------------------------------

def _control_name(sdt: etree._Element) -> tuple[str, str] | None:
    """(key, label): the tag, falling back to the alias, and the alias as the printed label."""
    props = sdt.find(_w("sdtPr"))
    if props is None:
        return None
    tag, alias = _child_val(props, "tag").strip(), _child_val(props, "alias").strip()
    key = tag or alias
    return (key, alias or tag) if key else None


def _control_value(sdt: etree._Element) -> RawValue:
    props = sdt.find(_w("sdtPr"))
    checkbox = props.find(f"{{{W14}}}checkbox")
    if checkbox is not None:
        return _on(checkbox.find(f"{{{W14}}}checked"), f"{{{W14}}}val")
    if _on(props.find(_w("showingPlcHdr"))):
        return None
    date = props.find(_w("date"))
    if date is not None and date.get(_w("fullDate")):
        # The stored date, not its display, which may be in a US or other format.
        return date.get(_w("fullDate"), "")[:10]
    content = sdt.find(_w("sdtContent"))
    text = _text_of(content) if content is not None else ""
    return text if text.strip() else None


_SKIP = {_w("sdt"), _w("sdtPr"), _w("rPr"), _w("pPr"), _w("instrText"), _w("delText")}
_RUN_CHARS = {_w("tab"): "\t", _w("br"): "\n", _w("cr"): "\n", _w("noBreakHyphen"): "-"}


def _text_of(element: etree._Element) -> str:
    """Displayed text, leaving out nested controls (each is read on its own)."""
    paragraphs: list[str] = []
    current: list[str] = []
    _collect(element, current, paragraphs)
    paragraphs.append("".join(current))
    return "\n".join(paragraphs).strip("\n")


def _collect(element: etree._Element, current: list[str], paragraphs: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == _w("t"):
            current.append(child.text or "")
        elif tag in _RUN_CHARS and child.getparent().tag == _w("r"):
            current.append(_RUN_CHARS[tag])
        elif tag == _w("p"):
            if current:
                paragraphs.append("".join(current))
                current.clear()
            _collect(child, current, paragraphs)
            paragraphs.append("".join(current))
            current.clear()
        else:
            _collect(child, current, paragraphs)
