"""Parsing: bytes of one attached file in, the schema object of docs/referral.schema.json out (the project's
copy of the shared spec).

`parse_bytes` is a plain function with no I/O beyond what a reader needs (LibreOffice for .doc);
the daemon calls it through `parsers.sandbox`, which adds time and memory limits.
"""
from __future__ import annotations

import hashlib
from typing import Any, Callable

from .assemble import assemble
from .model import RawForm
from .plausible import check as check_plausible
from .problem import Problem

__all__ = ["parse_bytes", "sniff", "Problem", "RawForm"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODT_MARK = b"mimetypeapplication/vnd.oasis.opendocument.text"
IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*")  # JPEG, PNG, TIFF
HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1")  # an iPhone's photos


def sniff(data: bytes, filename: str = "") -> str:
    """What a file really is, from its bytes rather than its name: pdf, docx, ole, odt, rtf, text (a .txt
    with no binary in it: the email body, `parsers.text`), image (JPEG, PNG, TIFF, HEIC: `parsers.ocr`) or
    unknown."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data[:4] == b"PK\x03\x04" and ODT_MARK in data[:256]:  # ODF's first member names its type, unpacked
        return "odt"
    if data[:4] == b"PK\x03\x04":
        return "docx" if b"word/" in data[:65536] or filename.lower().endswith(".docx") else "zip"
    if data[:8] == OLE_MAGIC:
        return "ole"
    if data.startswith(IMAGE_MAGIC) or (data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS):
        return "image"  # a scan or a photo of a form (parsers.ocr)
    if data[:16].lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if filename.lower().endswith(".txt") and b"\x00" not in data[:65536]:
        return "text"
    return "unknown"


def resolve_labels(raw: RawForm) -> RawForm:
    """Tie labels, tables and checklist lines to canonical paths (the synonym table in parsers/data)."""
    try:
        from .labels import resolve
    except ImportError:  # the label matcher is optional until it lands
        return raw
    return resolve(raw)


def _read_ole(data: bytes) -> RawForm:
    from .ole.reader import read_ole
    return read_ole(data)


def _read_pdf(data: bytes) -> RawForm:
    from .pdf.reader import read_pdf
    raw = read_pdf(data)
    if raw.kind == "pdf-image":  # a scan: read with OCR (parsers.ocr)
        from .ocr import read_scanned_pdf
        return read_scanned_pdf(data)
    return raw


def _read_image(data: bytes) -> RawForm:
    from .ocr import read_image
    return read_image(data)


def _read_docx(data: bytes) -> RawForm:
    from .docx.reader import read_docx
    return read_docx(data)


def _read_odt(data: bytes) -> RawForm:
    from .text.converted import read_odt
    return read_odt(data)


def _read_rtf(data: bytes) -> RawForm:
    from .text.converted import read_rtf
    return read_rtf(data)


def _read_text(data: bytes) -> RawForm:
    from .text.reader import read_text
    return read_text(data)


READERS: dict[str, Callable[[bytes], RawForm]] = {"pdf": _read_pdf, "docx": _read_docx, "ole": _read_ole,
                                                  "odt": _read_odt, "rtf": _read_rtf, "text": _read_text,
                                                  "image": _read_image}


def _checked(raw: RawForm) -> RawForm:
    """Labels resolved to fields; for a scan, the fields OCR was unsure of named for checking."""
    resolved = resolve_labels(raw)
    if raw.kind == "pdf-image":
        from .ocr import review
        return review(raw, resolved)
    return resolved


def parse_bytes(data: bytes, filename: str) -> dict[str, Any]:
    digest = hashlib.sha256(data).hexdigest()
    reader = READERS.get(sniff(data, filename))
    if reader is None:
        raw = RawForm("unknown", problems=[Problem(
            "this file is not a PDF or Word document, so it cannot be read as a referral form")])
    else:
        raw = reader(data)
    # What the reader could not tell is wrong is checked for plausibility here, per file and before a
    # message's files are joined (parsers.join); assemble itself also reads a coordinator's typed corrections.
    parsed = check_plausible(assemble(_checked(raw), filename, digest), tagged=raw.fields)
    if reader is _read_image and not parsed["forms"] and not any(p.severity == "error" for p in raw.problems):
        parsed["problems"] = []  # a photo with no form in it (an injury, a logo) is simply not a form
    elif (reader is _read_pdf and raw.kind == "pdf-image" and not parsed["forms"] and not parsed["problems"][1:]
          and not any(p.severity == "error" for p in raw.problems)):
        # A scanned PDF OCR found no form in: say it is a scan, so the coordinator knows to key it. What
        # OCR itself said (out of time, too large) is the plainer reason and is kept.
        from .pdf.reader import SCANNED_PROBLEM
        parsed["problems"] = [Problem(SCANNED_PROBLEM).as_dict()]
    return parsed
