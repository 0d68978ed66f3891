"""Old binary Office files: a Word 97-2003 .doc, or a password-protected Word/Excel file (which
Office stores in the same container).

A .doc is converted to .docx with LibreOffice (headless) when it is installed, then read like any
.docx. Each conversion gets a fresh LibreOffice profile in its own temporary folder: two
conversions sharing a profile block each other, and a profile left by a crashed run can stop
LibreOffice starting at all. Without LibreOffice, or when the conversion fails, the coordinator is
asked to get a .docx or PDF from the referrer.
"""
from __future__ import annotations

import io

import olefile

from ..docx.reader import read_docx
from ..model import RawForm
from ..office import convert, soffice
from ..problem import Problem
from .doc_text import stored_paragraphs
from .last_table import restore_last_table

# Below the parser pool's 30 s limit (parsers.sandbox), so a hung LibreOffice is stopped here, by its
# process group, rather than left running when the pool kills the parsing child.
CONVERT_SECONDS = 20
ASK_FOR_DOCX = ("ask the referrer for a .docx or PDF, or open it in Word and save it as .docx")
NO_LIBREOFFICE = ("this is an old-style Word .doc file, which cannot be read here (LibreOffice is not "
                  "installed): " + ASK_FOR_DOCX)
NOT_CONVERTED = "this old-style Word .doc file could not be converted to be read: " + ASK_FOR_DOCX
RESTORED = ("the last table of this old-style Word .doc file was damaged (the file ends without the paragraph Word "
            "puts after a table, as some programs save it) and was rebuilt from the text stored in the file: check "
            "the values from that table on the form")
PASSWORD = ("the document is password-protected: ask the referrer to send it without a password, "
            "or open it and save an unprotected copy")


def read_ole(data: bytes) -> RawForm:
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError):
        return RawForm("unknown", problems=[Problem("the file is damaged and cannot be opened")])
    with ole:
        if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
            return RawForm("docx", problems=[Problem(PASSWORD)])
        if not ole.exists("WordDocument"):
            return RawForm("unknown", problems=[Problem("this Office file is not a Word document")])
        if _doc_encrypted(ole):
            return RawForm("doc", problems=[Problem(PASSWORD)])
    return read_doc(data)


def _doc_encrypted(ole: olefile.OleFileIO) -> bool:
    """The fEncrypted bit of a Word 97 file's header (FIB): a .doc with an opening password."""
    try:
        with ole.openstream("WordDocument") as stream:
            header = stream.read(12)
    except OSError:
        return False
    return len(header) >= 12 and bool(header[11] & 0x01)


def read_doc(data: bytes) -> RawForm:
    """A Word 97-2003 file, converted to .docx by LibreOffice and read by the .docx reader."""
    program = soffice()
    if program is None:
        return RawForm("doc", problems=[Problem(NO_LIBREOFFICE)])
    converted = convert_to_docx(data, program)
    if converted is None:
        return RawForm("doc", problems=[Problem(NOT_CONVERTED)])
    restored = restore_last_table(converted, stored_paragraphs(data))
    raw = read_docx(restored or converted)
    raw.kind = "doc"
    if restored is not None:
        raw.problems.append(Problem(RESTORED, severity="warning"))
    return raw


def convert_to_docx(data: bytes, program: str, seconds: float = CONVERT_SECONDS) -> bytes | None:
    """The .docx LibreOffice makes of a .doc, or None when it fails or takes too long."""
    return convert(data, "referral.doc", "docx", seconds, program=program)
