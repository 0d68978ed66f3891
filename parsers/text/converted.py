"""Word-processor files other than Word's: OpenDocument text (.odt, LibreOffice's and Google Docs' own) and
Rich Text (.rtf, WordPad's and many case systems' export), converted to .docx by LibreOffice and read by
the .docx reader, as a .doc is (`parsers.ole.reader`). Without LibreOffice, or when the conversion
fails, the coordinator is asked for a .docx or PDF: the form is never guessed at from its raw markup.
"""
from __future__ import annotations

from typing import Literal

from ..docx.reader import read_docx
from ..model import RawForm
from ..office import convert, soffice
from ..problem import Problem

# Below the parser pool's 30 s limit (parsers.sandbox), as for .doc: a hung LibreOffice is stopped here.
CONVERT_SECONDS = 20
Kind = Literal["odt", "rtf"]
NAMES: dict[Kind, str] = {"odt": "an OpenDocument text file (.odt)", "rtf": "a Rich Text file (.rtf)"}
ASK = "ask the referrer for a .docx or PDF, or open it in Word or LibreOffice and save it as .docx"
STATELESS_BOXES = ("the tick boxes in this Rich Text file do not say whether they are ticked (the program that saved "
                   "it left their state out), so those answers are left empty: check the ticks on the form, or " + ASK)


def read_converted(data: bytes, kind: Kind) -> RawForm:
    """The form in an .odt or .rtf file, read through its .docx conversion."""
    what = NAMES[kind]
    program = soffice()
    if program is None:
        return RawForm(kind, problems=[Problem(  # type: ignore[arg-type]  # model.SourceKind lags the schema
            f"this is {what}, which cannot be read here (LibreOffice is not installed): {ASK}")])
    converted = convert(data, f"referral.{kind}", "docx", CONVERT_SECONDS, program=program)
    if converted is None:
        return RawForm(kind, problems=[Problem(  # type: ignore[arg-type]
            f"this is {what} that could not be converted to be read: {ASK}")])
    stateless = kind == "rtf" and stateless_rtf_boxes(data)
    raw = read_docx(converted, stateless_boxes=stateless)
    raw.kind = kind  # type: ignore[assignment]
    if stateless:
        raw.problems.append(Problem(STATELESS_BOXES, severity="warning"))
    return raw


def stateless_rtf_boxes(data: bytes) -> bool:
    """Form tick boxes (FORMCHECKBOX fields) without the form-field data that holds their state (\\fftype1, a check
    box): what LibreOffice writes when it saves a form as RTF. Word writes the data for every box."""
    boxes = data.count(b"FORMCHECKBOX")
    return boxes > 0 and data.count(b"\\fftype1") < boxes


def read_odt(data: bytes) -> RawForm:
    return read_converted(data, "odt")


def read_rtf(data: bytes) -> RawForm:
    return read_converted(data, "rtf")
