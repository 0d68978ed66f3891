"""PDF referral forms: AcroForm fields, XFA data, the text of a PDF without fields, or a scan.

Fields named by canonical path (the service's own form) go straight to RawForm.fields. Fields
with meaningless names (Text12, Check Box3) take the label printed beside them (parsers.pdf.unnamed).
A PDF without fields is read by its layout (parsers.pdf.text); an image-only one is marked as a scan
("pdf-image"), which parsers.parse_bytes then reads with OCR (parsers.ocr).

Anything a referrer's PDF can do wrong (password, damage, a scan, a form from another area) ends
as a Problem or as labelled values for later matching, never as an exception: this is the boundary
where untrusted bytes meet the service.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from pypdf import PdfReader
from pypdf.constants import FieldDictionaryAttributes as FA
from pypdf.generic import ArrayObject, DictionaryObject, StreamObject

from ..fields import kind_of
from ..model import DashLine, Labelled, RawForm, RawValue, RowTable
from ..problem import Problem
from . import unnamed
from .acroform import PdfField, on_states, state_name, walk_fields

XFA_DATA_NS = "http://www.xfa.org/schema/xfa-data/1.0/"
MAX_PAGES = 40  # a 5,000-page PDF is not a referral; its first pages are enough to say what it is
# Fewer text characters than this per page, with images present, means a scan or a photo.
SCANNED_CHARS_PER_PAGE = 25

PASSWORD_PROBLEM = ("the PDF is password-protected: ask the referrer to send it again without a "
                    "password (or open it and print it to a new PDF)")
DAMAGED_PROBLEM = "the PDF is damaged or incomplete and cannot be opened: ask the referrer to send it again"
SCANNED_PROBLEM = "scanned form: needs keying (the file is an image of a form; nothing could be read from it)"
UNPLACED_PROBLEM = ("the printed labels beside this form's fields could not be read: its fields are "
                    "reported by their internal names and need checking")
LAYOUT_PROBLEM = "part of this PDF's page layout could not be read: check the form by eye"


def _button_value(f: PdfField) -> RawValue:
    """Lone checkbox -> True/False; a radio group (or a checkbox set acting as one) -> export text."""
    if FA.V in f.node:
        chosen = state_name(f.node[FA.V])
    else:
        # Some producers set only the widget's appearance state and never the field's value.
        chosen = next((s for s in (state_name(w.get("/AS")) for w in f.widgets) if s), None)
    states = {state for widget in f.widgets for state in on_states(widget)}
    is_group = bool(f.flags & FA.FfBits.Radio) or len(states) > 1
    options = f.node.get("/Opt")
    if chosen is not None and isinstance(options, ArrayObject) and chosen.isdigit():
        # With /Opt the states are indices and the export values live in /Opt.
        index = int(chosen)
        chosen = str(options[index].get_object()) if index < len(options) else chosen
    if not is_group:
        return chosen is not None
    return chosen


def _text_value(f: PdfField) -> RawValue:
    value = f.node.get(FA.V)
    if value is None:
        return None
    value = value.get_object()
    if isinstance(value, ArrayObject):  # a multi-select list box
        return "; ".join(str(v.get_object()) for v in value)
    if isinstance(value, StreamObject):  # rich text value; the plain text is not reliably there
        return None
    if isinstance(value, bytes):  # a string pypdf could not decode: most often UTF-8 or Latin-1
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return value.decode("latin-1")
    return str(value)


def _holds_data(f: PdfField) -> bool:
    # Print/Submit push buttons and signatures carry nothing a referrer typed.
    if f.ftype == "/Btn":
        return not f.flags & FA.FfBits.Pushbutton
    return f.ftype in ("/Tx", "/Ch")


def _is_canonical(name: str) -> bool:
    # `path=choice` names follow the tick-box convention of parsers.model.
    return kind_of(name.partition("=")[0]) is not None


def _file(raw: RawForm, name: str, value: RawValue) -> None:
    if _is_canonical(name):
        raw.fields[name] = value
    else:
        raw.labelled.append(Labelled(name, value))


def _read_acroform(acroform: DictionaryObject, raw: RawForm, reader: PdfReader, data: bytes) -> None:
    unnamed_fields: list[tuple[PdfField, RawValue]] = []
    for f in walk_fields(acroform):
        if not _holds_data(f):
            continue
        value = _button_value(f) if f.ftype == "/Btn" else _text_value(f)
        if _is_canonical(f.name):
            raw.fields[f.name] = value
        else:
            unnamed_fields.append((f, value))
    if unnamed_fields:
        _place_unnamed(raw, reader, data, unnamed_fields)


def _place_unnamed(raw: RawForm, reader: PdfReader, data: bytes, fields: list[tuple[PdfField, RawValue]]) -> None:
    """Fields named Text12 or Check Box3 take the label printed beside them (parsers.pdf.unnamed)."""
    try:
        items, problems = _with_pages(data, lambda pages: unnamed.place_fields(pages, reader, fields, MAX_PAGES))
    except Exception:  # noqa: BLE001 - pdfminer and pypdf raise many types on odd pages
        items, problems = [Labelled(f.name, value) for f, value in fields], [Problem(UNPLACED_PROBLEM, severity="warning")]
    for item in items:
        if isinstance(item, Labelled):
            raw.labelled.append(item)
        elif isinstance(item, RowTable):
            raw.tables.append(item)
        elif isinstance(item, DashLine):
            raw.dash_lines.append(item)
    raw.problems.extend(problems)


def _xfa_datasets(xfa: Any) -> bytes | None:
    """The datasets packet: /XFA is either one XDP stream or [name, stream, name, stream ...]."""
    if isinstance(xfa, StreamObject):
        return xfa.get_data()
    if isinstance(xfa, ArrayObject):
        items = [item.get_object() for item in xfa]
        for name, packet in zip(items[::2], items[1::2]):
            if str(name) == "datasets" and isinstance(packet, StreamObject):
                return packet.get_data()
    return None


def _read_xfa(xfa: Any, raw: RawForm) -> None:
    """Leaf elements of xfa:data; the longest tail of the element path that is canonical wins."""
    from lxml import etree

    packet = _xfa_datasets(xfa)
    if not packet:
        return
    # The XML comes from outside: no entities, no DTDs, no network.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    root = etree.fromstring(packet, parser)
    data = next(root.iter(f"{{{XFA_DATA_NS}}}data"), None)
    if data is None:
        return
    for element in data.iter(etree.Element):
        if element is data or len(element):
            continue
        parts: list[str] = []
        node = element
        while node is not None and node is not data:
            parts.insert(0, etree.QName(node).localname)
            node = node.getparent()
        value = element.text or ""
        tails = (".".join(parts[i:]) for i in range(len(parts)))
        path = next((t for t in tails if _is_canonical(t)), None)
        _file(raw, path or ".".join(parts), value)


def _with_pages(data: bytes, use: Callable[[list[Any]], Any]) -> Any:
    """Run `use` on pdfplumber's first MAX_PAGES pages of the file, held as parsers.pdf.chars.reading_pages
    says and let go of after."""
    import pdfplumber

    from .chars import reading_pages, release_pages

    with reading_pages(), pdfplumber.open(io.BytesIO(data), pages=list(range(1, MAX_PAGES + 1))) as pdf:
        pages = pdf.pages
        try:
            return use(pages)
        finally:
            release_pages(pages)


def _is_scan(pages: list[Any]) -> bool:
    """Images and (almost) no text over the pages looked at."""
    from .chars import load_objects

    for page in pages:
        load_objects(page)
    if not any(page.images for page in pages):
        return False  # no picture, no scan: the characters need no counting
    enough = SCANNED_CHARS_PER_PAGE * max(len(pages), 1)
    chars = 0
    for page in pages:
        chars += sum(1 for c in page.chars if not c.get("text", "").isspace())
        if chars >= enough:
            return False
    return True


def _read_without_fields(data: bytes, raw: RawForm) -> None:
    """A scan is a problem; text is read by its layout (parsers.pdf.text)."""
    from .text import read_text_layout
    from .wraps import spelled_in

    def read(pages: list[Any]) -> None:
        if _is_scan(pages):
            raw.kind = "pdf-image"
            raw.problems.append(Problem(SCANNED_PROBLEM))
            return
        try:
            with spelled_in(pages):
                read_text_layout(pages, raw)
        except Exception:  # noqa: BLE001 - a layout that defeats the reader is for a person to look at
            raw.problems.append(Problem(LAYOUT_PROBLEM, severity="warning"))

    try:
        _with_pages(data, read)
    except Exception:  # noqa: BLE001 - pdfminer raises many types on odd files
        raw.problems.append(Problem(DAMAGED_PROBLEM))
    # Whatever the layout held, the assembler says if no referral or checklist was recognised.


def _open(data: bytes) -> PdfReader | Problem:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                # Many "protected" forms only restrict editing and open with an empty password.
                decrypted = reader.decrypt("")
            except Exception:  # noqa: BLE001 - unsupported encryption reads as a password problem
                return Problem(PASSWORD_PROBLEM)
            if not decrypted:
                return Problem(PASSWORD_PROBLEM)
        reader.trailer["/Root"].get_object()
        return reader
    except Exception:  # noqa: BLE001 - pypdf raises many types on damaged files
        return Problem(DAMAGED_PROBLEM)


def _guarded(raw: RawForm, step: Callable[[], Any]) -> Any:
    """Run one reading step; damage in one part of a PDF must not lose what the rest holds."""
    try:
        return step()
    except Exception:  # noqa: BLE001 - pypdf and lxml raise many types on damaged input
        raw.problems.append(Problem("part of the PDF is damaged: its form fields could not all be read",
                                    severity="warning"))
        return None


def read_pdf(data: bytes) -> RawForm:
    """Read one PDF into raw values against canonical paths; never raises on bad input."""
    opened = _open(data)
    if isinstance(opened, Problem):
        return RawForm("unknown", problems=[opened])
    raw = RawForm("pdf-text")
    acroform = _guarded(raw, lambda: opened.trailer["/Root"].get_object().get("/AcroForm"))
    acroform = acroform.get_object() if acroform is not None else None
    if isinstance(acroform, DictionaryObject):
        if "/XFA" in acroform:
            raw.kind = "pdf-xfa"
            _guarded(raw, lambda: _read_xfa(acroform["/XFA"].get_object(), raw))
        if not _has_values(raw):
            # A hybrid XFA form with an empty datasets packet still has its values in AcroForm.
            _guarded(raw, lambda: _read_acroform(acroform, raw, opened, data))
            if _has_values(raw) and raw.kind != "pdf-xfa":
                raw.kind = "pdf-acroform"
    if not _has_values(raw):
        _read_without_fields(data, raw)
    return raw


def _has_values(raw: RawForm) -> bool:
    return bool(raw.fields or raw.labelled or raw.tables or raw.dash_lines)
