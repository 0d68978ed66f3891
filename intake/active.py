"""Attachments that can do something when opened: programs and scripts, and PDFs with active content.

Referrals are forms; a program or script attached to one is passed on to nobody (the IDVA copy says
it was held back, the coordinator has it on the desk). A PDF that carries JavaScript, a Launch action
or embedded files is still read and forwarded (the form may be genuine), but a note on the case tells
the coordinator. The PDF check reads the file's bytes for the names PDF gives these things; a name
inside a compressed object stream is not seen, so this is a warning light, not a guarantee.
"""
from __future__ import annotations

import re

EXECUTABLE_MAGICS = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xce", b"#!")
EXECUTABLE_SUFFIXES = (".exe", ".com", ".scr", ".pif", ".bat", ".cmd", ".ps1", ".psm1", ".vbs", ".vbe", ".js",
                       ".jse", ".wsf", ".wsh", ".hta", ".msi", ".msp", ".jar", ".dll", ".cpl", ".lnk", ".reg",
                       ".sh", ".apk", ".appx", ".msix", ".iqy", ".slk", ".xll")
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|SubmitForm)(?![A-Za-z])")
_WHAT = {b"JavaScript": "JavaScript", b"JS": "JavaScript", b"Launch": "a Launch action (it can start a program)",
         b"EmbeddedFile": "embedded files", b"EmbeddedFiles": "embedded files", b"RichMedia": "embedded media",
         b"SubmitForm": "a form-submit action (it can send data elsewhere)"}


def is_executable(name: str, data: bytes) -> bool:
    return data[:4].startswith(EXECUTABLE_MAGICS) or name.lower().rstrip(". ").endswith(EXECUTABLE_SUFFIXES)


def pdf_active_content(data: bytes) -> list[str]:
    """What active content a PDF declares, in plain words (empty for an ordinary PDF)."""
    if b"%PDF-" not in data[:1024]:
        return []
    found = dict.fromkeys(_WHAT[m.group(1)] for m in _PDF_ACTIVE.finditer(data))
    return list(found)
