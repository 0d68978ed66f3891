"""The main text of a Word 97-2003 file as it is stored ([MS-DOC]): its paragraphs, each with its end mark
("\\r", or "\\x07" for a table cell's or row's end) and whether it stands in a table and ends a row (the
paragraph properties sprmPFInTable and sprmPFTtp). Read only to see what LibreOffice's import dropped (the
.doc is read through LibreOffice): a table's cells and rows are in here even when the import lost the table.
"""
from __future__ import annotations

import io
import re
import struct
from dataclasses import dataclass

import olefile

_FIB_FLAGS = 0x0A  # fWhichTblStm is bit 9: which table stream holds the piece table
_CCP_TEXT = 0x4C  # FibRgLw97.ccpText: the main document's length in characters
_FIB_BASE = 32  # FibBase's size; csw, FibRgW97, cslw, FibRgLw97, cbRgFcLcb and FibRgFcLcb follow
_PAPX_INDEX, _CLX_INDEX = 13, 33  # fcPlcfBtePapx and fcClx: the 14th and 34th fc/lcb pairs of FibRgFcLcb97
_COMPRESSED = 0x40000000  # a piece stored as 8-bit text (cp1252) at fc / 2
_PAGE = 512  # an FKP page
_IN_TABLE, _ROW_END, _INNER_ROW_END, _DEPTH = 0x2416, 0x2417, 0x244C, 0x6649
_TABLE_DEF = 0xD608  # sprmTDefTable: its operand's size is two bytes, not one
_OPERAND = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # operand size by the sprm's spra bits
# A field as stored: \x13 its code \x14 what it shows \x15, or \x13 code \x15 when it shows nothing.
_FIELD = re.compile(r"\x13[^\x13\x14\x15]*(?:\x14([^\x13\x15]*))?\x15")


@dataclass(frozen=True)
class StoredParagraph:
    text: str  # what it shows (fields as their results), without its end mark
    end: str  # "\r"; "\x07" for a cell's or a row's end; "" when the document stops without one
    in_table: bool | None  # None when the paragraph properties could not be read
    row_end: bool = False
    nested: bool = False  # in a table inside a table


def stored_paragraphs(data: bytes) -> list[StoredParagraph] | None:
    """The main document's paragraphs; None when the file is not a Word 97 file this can read (no error:
    the caller goes on without them)."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            document = ole.openstream("WordDocument").read()
            flags = struct.unpack_from("<H", document, _FIB_FLAGS)[0]
            table = ole.openstream("1Table" if flags & 0x0200 else "0Table").read()
        pieces = _pieces(document, table)
        text = "".join(piece.text for piece in pieces)[:struct.unpack_from("<i", document, _CCP_TEXT)[0]]
    except (OSError, struct.error, IndexError, UnicodeDecodeError, ValueError):
        return None
    try:
        marks = _paragraph_marks(document, table, pieces)
    except (struct.error, IndexError, ValueError, KeyError):
        marks = None
    out, start = [], 0
    for end in [m.end() for m in re.finditer(r"[\r\x07]", text)] + ([len(text)] if text[-1:] not in "\r\x07" else []):
        body, mark = (text[start:end - 1], text[end - 1]) if text[end - 1:end] in ("\r", "\x07") else (text[start:end], "")
        props = None if marks is None else marks.get(end - 1, (False, False, False))
        out.append(StoredParagraph(_shown(body), mark, None if props is None else props[0],
                                   bool(props and props[1]), bool(props and props[2])))
        start = end
    return out


def _shown(text: str) -> str:
    while (shown := _FIELD.sub(lambda m: m.group(1) or "", text)) != text:
        text = shown  # nested fields: innermost first
    return re.sub(r"[\x13\x14\x15]", "", text)


@dataclass(frozen=True)
class _Piece:
    cp: int  # the piece's first character
    fc: int  # its first byte in the WordDocument stream
    compressed: bool
    text: str


def _pieces(document: bytes, table: bytes) -> list[_Piece]:
    fc_clx, lcb_clx = _fc_lcb(document, _CLX_INDEX)
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
            out.append(_Piece(cps[k], start, True, document[start:start + chars].decode("cp1252", "replace")))
        else:
            out.append(_Piece(cps[k], fc, False, document[fc:fc + 2 * chars].decode("utf-16-le", "replace")))
    return out


def _fc_lcb(document: bytes, index: int) -> tuple[int, int]:
    at = _FIB_BASE
    at += 2 + struct.unpack_from("<H", document, at)[0] * 2  # csw and FibRgW97
    at += 2 + struct.unpack_from("<H", document, at)[0] * 4  # cslw and FibRgLw97
    fc, lcb = struct.unpack_from("<II", document, at + 2 + index * 8)
    return int(fc), int(lcb)


def _paragraph_marks(document: bytes, table: bytes, pieces: list[_Piece]) -> dict[int, tuple[bool, bool, bool]]:
    """(in a table, ends a row, nested) for each paragraph, by the character position of its end mark."""
    fc, lcb = _fc_lcb(document, _PAPX_INDEX)
    plc = table[fc:fc + lcb]
    count = (lcb - 4) // 8
    marks: dict[int, tuple[bool, bool, bool]] = {}
    for page_number in struct.unpack_from(f"<{count}I", plc, (count + 1) * 4):
        page = document[(page_number & 0x3FFFFF) * _PAGE:(page_number & 0x3FFFFF) * _PAGE + _PAGE]
        runs = page[_PAGE - 1]
        bounds = struct.unpack_from(f"<{runs + 1}I", page)
        for k in range(runs):
            sprms = _sprms(page, page[(runs + 1) * 4 + k * 13])
            cp = _cp_of(bounds[k + 1], pieces)
            if cp is not None:
                marks[cp] = (sprms.get(_IN_TABLE, 0) == 1, sprms.get(_ROW_END, 0) == 1,
                             sprms.get(_INNER_ROW_END, 0) == 1 or sprms.get(_DEPTH, 1) > 1)
    return marks


def _sprms(page: bytes, offset: int) -> dict[int, int]:
    """A paragraph's properties that take one small number, by sprm."""
    if not offset:
        return {}
    at = offset * 2
    size = page[at] * 2 - 1 if page[at] else page[at + 1] * 2
    at += 1 if page[at] else 2
    grpprl, i, found = page[at + 2:at + size], 0, {}  # after the style index (istd)
    while i + 2 <= len(grpprl):
        op = struct.unpack_from("<H", grpprl, i)[0]
        i += 2
        spra = op >> 13
        length = (struct.unpack_from("<H", grpprl, i)[0] + 1 if op == _TABLE_DEF else grpprl[i] + 1) \
            if spra == 6 else _OPERAND[spra]
        if length in (1, 2, 4) and i + length <= len(grpprl):
            found[op] = int.from_bytes(grpprl[i:i + length], "little")
        i += length
    return found


def _cp_of(fc_after: int, pieces: list[_Piece]) -> int | None:
    """The character position of the last character before stream offset `fc_after` (a paragraph's mark)."""
    for piece in pieces:
        width = 1 if piece.compressed else 2
        last = fc_after - width
        if piece.fc <= last < piece.fc + width * len(piece.text):
            return piece.cp + (last - piece.fc) // width
    return None
