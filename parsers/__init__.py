"""Parsing: bytes of one attached file in, the schema object of shared/spec/referral.schema.json out.

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


def sniff(data: bytes, filename: str = "") -> str:
    """What a file really is, from its bytes rather than its name: pdf, docx, ole or unknown."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return "docx" if b"word/" in data[:65536] or filename.lower().endswith(".docx") else "zip"
    if data[:8] == OLE_MAGIC:
        return "ole"
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
    return read_pdf(data)


def _read_docx(data: bytes) -> RawForm:
    from .docx.reader import read_docx
    return read_docx(data)


READERS: dict[str, Callable[[bytes], RawForm]] = {"pdf": _read_pdf, "docx": _read_docx, "ole": _read_ole}


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
    return check_plausible(assemble(resolve_labels(raw), filename, digest), tagged=raw.fields)
