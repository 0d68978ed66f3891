"""original.pdf: a Word (or .odt, .rtf) form printed to PDF by LibreOffice, so a coordinator can read it without Word.

Best effort only: without LibreOffice, or when it fails or takes too long, there is simply no PDF. Each
conversion runs in its own process group with a fresh LibreOffice profile and a bare environment (the
service's holds its secrets), and is stopped whole when its time is up.
"""
from __future__ import annotations

from parsers import sniff
from parsers.office import convert

CONVERT_SECONDS = 30.0
MEMORY_MB = 4096  # LibreOffice reserves much address space; a form that balloons past this costs only the child
# Word's own formats, and the word-processor files referrers also send (LibreOffice's .odt, WordPad's .rtf).
WORD_SUFFIXES = (".docx", ".doc", ".docm", ".dotx", ".odt", ".rtf")


def is_word(name: str, data: bytes) -> bool:
    return name.lower().endswith(WORD_SUFFIXES) or sniff(data, name) in ("docx", "odt", "rtf")


def word_to_pdf(data: bytes, suffix: str = ".docx", seconds: float = CONVERT_SECONDS) -> bytes | None:
    """The PDF LibreOffice prints of a Word file, or None (no LibreOffice, a failure, too slow)."""
    name = f"form{suffix if suffix.lower() in WORD_SUFFIXES else '.docx'}"
    return convert(data, name, "pdf", seconds, memory_mb=MEMORY_MB)
