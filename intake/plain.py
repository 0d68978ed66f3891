"""Text a sender wrote, made safe to show a person: no control, bidirectional or invisible characters.

A subject or a file name comes from whoever sent the message. Shown as it came, an encoded newline
can add lines that look like the service's own instructions, a right-to-left override can make
"Referral\u202excod.exe" look like "Referralexe.docx", and a zero-width space can hide a difference
between two names. So text from a message is reduced to one line of visible characters before it is
written anywhere a person reads it (desk README, review sheets, file names, outgoing mail): layout
characters become a space, and formatting characters are shown as [U+XXXX] so a person sees that
something was there.
"""
from __future__ import annotations

import re
import unicodedata

# Bidirectional overrides, embeddings and isolates, and the marks: they reorder what a person sees.
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Characters that take no space: they hide a difference between two strings.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e")
_SPACES = re.compile(r"\s+")


def _shown(ch: str) -> str:
    return f"[U+{ord(ch):04X}]"


def one_line(text: str | None, limit: int = 200) -> str:
    """One line of visible text, at most `limit` characters (then an ellipsis)."""
    if not text:
        return ""
    out: list[str] = []
    for ch in text:
        if ch in BIDI or ch in INVISIBLE:
            out.append(_shown(ch))
        elif ch in "\r\n\t\v\f\x85\u2028\u2029":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            out.append(_shown(ch))
        else:
            out.append(ch)
    line = _SPACES.sub(" ", "".join(out)).strip()
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def quoted(text: str | None, limit: int = 200) -> str:
    """A sender's text as a quoted value, so it cannot pass for the service's own words."""
    line = one_line(text, limit)
    return f"\u201c{line}\u201d" if line else "(none)"


def file_name(name: str, fallback: str) -> str:
    """A file name a person can trust: no folders, no characters that hide or reorder, nothing Windows
    refuses; formatting characters are dropped rather than shown, so the extension is what it seems."""
    base = re.split(r"[\\/]", name)[-1]
    kept = "".join(ch for ch in base if ch not in BIDI and ch not in INVISIBLE
                   and unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    kept = re.sub(r"[<>:\"|?*]", "_", _SPACES.sub(" ", kept)).strip(" .")
    return kept[:150] or fallback
