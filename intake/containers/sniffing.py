"""What a file in a message is, from its bytes, its name and its declared type: a container to open
(zip, Outlook item, winmail.dat, attached email), an archive the service does not open, or a plain
file; and how to name a container or a file to a person.
"""
from __future__ import annotations

import io
import mimetypes
import zipfile

from ..plain import one_line

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TNEF_MAGIC = b"\x78\x9f\x3e\x22"  # 0x223E9F78, little-endian
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
OTHER_ARCHIVE_MAGICS = (b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07")
MSG_MARKER = "__properties_version1.0".encode("utf-16-le")  # a stream only Outlook items have
WORD_MARKER = "WordDocument".encode("utf-16-le")
TNEF_TYPES = {"application/ms-tnef", "application/vnd.ms-tnef"}
MSG_TYPES = {"application/vnd.ms-outlook", "application/x-msg"}
ZIP_TYPES = {"application/zip", "application/x-zip-compressed", "application/x-zip"}
DOCUMENT_SUFFIXES = (".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".pptx", ".odt", ".ods")


def printable(name: str, limit: int = 80) -> str:
    """A file name fit to quote to a person: one visible line, not too long (`intake.plain`)."""
    return one_line(name, limit)


def content_type_of(name: str) -> str:
    return mimetypes.guess_type(name, strict=False)[0] or "application/octet-stream"


def _is_document(name: str, data: bytes) -> bool:
    """Word, Excel and OpenDocument files are zips too, but they are documents, not containers."""
    if name.lower().endswith(DOCUMENT_SUFFIXES):
        return True
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except Exception:  # noqa: BLE001 - a damaged zip is reported when it is opened
        return b"word/" in data[:65536]
    return "[Content_Types].xml" in names or (bool(names) and names[0] == "mimetype")


def kind_of(name: str, content_type: str, data: bytes) -> str | None:
    """'zip', 'msg', 'tnef', 'archive' (a kind not opened), 'eml', or None for a plain file."""
    lower = name.lower()
    if data[:4] == TNEF_MAGIC or content_type in TNEF_TYPES or lower == "winmail.dat":
        return "tnef"
    if data[:8] == OLE_MAGIC:  # a legacy .doc form, or an Outlook item
        if lower.endswith(".msg"):
            return "msg"
        if MSG_MARKER in data and (content_type in MSG_TYPES or WORD_MARKER not in data):
            return "msg"
        return None
    if data[:4] in ZIP_MAGICS or lower.endswith(".zip") or content_type in ZIP_TYPES:
        return None if _is_document(name, data) else "zip"
    if data[:6] in OTHER_ARCHIVE_MAGICS or lower.endswith((".7z", ".rar")):
        return "archive"
    if lower.endswith(".eml") or content_type == "message/rfc822":
        return "eml"
    return None


def label(kind: str, name: str) -> str:
    shown = printable(name)
    return {"zip": f"the zip file '{shown}'", "msg": f"the Outlook item '{shown}'",
            "tnef": f"the Outlook attachment bundle '{shown}'", "eml": f"the attached email '{shown}'",
            }.get(kind, f"'{shown}'")
