"""The main text of a Word 97-2003 file as it is stored: paragraphs ending "\\r", table cells and rows ending
"\\x07" ([MS-DOC] 2.4.1, the piece table). Read only to see what LibreOffice's import dropped (the .doc is
read through LibreOffice): cell walls are in this text even when the import lost the table.
"""
from __future__ import annotations

import io
import re
import struct

import olefile

_FIB_FLAGS = 0x0A  # fWhichTblStm is bit 9: which table stream holds the piece table
_CCP_TEXT = 0x4C  # FibRgLw97.ccpText: the main document's length in characters
_FIB_BASE = 32  # FibBase's size; csw, FibRgW97, cslw, FibRgLw97, cbRgFcLcb and FibRgFcLcb follow
_CLX_INDEX = 33  # fcClx is the 34th fc/lcb pair of FibRgFcLcb97
_COMPRESSED = 0x40000000  # a piece stored as 8-bit text (cp1252) at fc / 2
# A field as stored: \x13 its code \x14 what it shows \x15, or \x13 code \x15 when it shows nothing.
_FIELD = re.compile(r"\x13[^\x13\x14\x15]*(?:\x14([^\x13\x15]*))?\x15")


def main_text(data: bytes) -> str | None:
    """The main document's stored text, fields shown as their results; None when the file is not a Word 97
    file this can read (no error: the caller goes on without it)."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            document = ole.openstream("WordDocument").read()
            flags = struct.unpack_from("<H", document, _FIB_FLAGS)[0]
            table = ole.openstream("1Table" if flags & 0x0200 else "0Table").read()
        text = _pieces(document, table)[:struct.unpack_from("<i", document, _CCP_TEXT)[0]]
    except (OSError, struct.error, IndexError, UnicodeDecodeError, ValueError):
        return None
    while (shown := _FIELD.sub(lambda m: m.group(1) or "", text)) != text:
        text = shown  # nested fields: innermost first
    return text


def _pieces(document: bytes, table: bytes) -> str:
    at = _FIB_BASE
    at += 2 + struct.unpack_from("<H", document, at)[0] * 2  # csw and FibRgW97
    at += 2 + struct.unpack_from("<H", document, at)[0] * 4  # cslw and FibRgLw97
    fc_clx, lcb_clx = struct.unpack_from("<II", document, at + 2 + _CLX_INDEX * 8)
    clx = table[fc_clx:fc_clx + lcb_clx]
    i = 0
    while clx[i] == 0x01:  # Prc: formatting for the pieces, not text
        i += 3 + struct.unpack_from("<H", clx, i + 1)[0]
    if clx[i] != 0x02:
        raise ValueError("no piece table")
    size = struct.unpack_from("<I", clx, i + 1)[0]
    plc = clx[i + 5:i + 5 + size]
    count = (size - 4) // 12
    cps = struct.unpack_from(f"<{count + 1}I", plc)
    out = []
    for k in range(count):
        fc = struct.unpack_from("<I", plc, (count + 1) * 4 + k * 8 + 2)[0]
        chars = cps[k + 1] - cps[k]
        if fc & _COMPRESSED:
            start = (fc & ~_COMPRESSED) // 2
            out.append(document[start:start + chars].decode("cp1252", "replace"))
        else:
            out.append(document[fc:fc + 2 * chars].decode("utf-16-le", "replace"))
    return "".join(out)
