"""Old binary Office files: a Word 97-2003 .doc, or a password-protected Word/Excel file (which
Office stores in the same container)."""
from __future__ import annotations

import io

import olefile

from .raw import Problem, RawForm


def read_ole(data: bytes) -> RawForm:
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError):
        return RawForm("unknown", problems=[Problem("the file is damaged and cannot be opened")])
    with ole:
        if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
            return RawForm("docx", problems=[Problem(
                "the document is password-protected: ask the referrer to send it without a password, "
                "or open it and save an unprotected copy")])
        if ole.exists("WordDocument"):
            return RawForm("doc", problems=[Problem(
                "this is an old-style Word .doc file, which cannot be read here: ask the referrer for "
                "a .docx or PDF, or open it in Word and save it as .docx")])
    return RawForm("unknown", problems=[Problem("this Office file is not a Word document")])
