"""original.pdf for the desk: each Word form of an open desk folder printed to PDF by LibreOffice, so a
coordinator can read it without Word.

A daemon job, not part of handling the message: LibreOffice takes a second or more a form, and the
referral's record and its IDVA copy must not wait for it. Best effort: no LibreOffice, a failure or a
form too large leaves a marker so the folder is not tried again, never an error for anyone. Only
folders whose forms the readers have read (fields.json holds a referral or checklist) are printed: an
unknown sender's files are never opened.
"""
from __future__ import annotations

import json
from pathlib import Path

from generators.review_sheet.original_pdf import is_word, word_to_pdf
from intake.files import atomic_write

PRINT_MAX_BYTES = 20_000_000  # a Word form larger than any real one is not handed to LibreOffice
TRIED = ".original-pdf-tried"  # in the folder: printed, or not printable; either way not tried again
PER_RUN = 2  # forms printed per daemon pass, so a burst of Word referrals never holds up new mail


def _read(folder: Path) -> bool:
    try:
        fields = json.loads((folder / "fields.json").read_text())
    except (OSError, ValueError):
        return False
    return isinstance(fields, dict) and bool(fields.get("referral") or fields.get("dash"))


def _waiting(exceptions_dir: Path) -> list[Path]:
    if not exceptions_dir.is_dir():
        return []
    return sorted(f for f in exceptions_dir.iterdir()
                  if f.is_dir() and not f.name.startswith(".") and (f / "attachments").is_dir()
                  and not (f / TRIED).exists() and _read(f))


def print_waiting_forms(exceptions_dir: Path, per_run: int = PER_RUN) -> int:
    """Print the Word forms of up to `per_run` open desk folders; returns how many PDFs were written."""
    written = 0
    for folder in _waiting(exceptions_dir)[:per_run]:
        words = sorted(p for p in (folder / "attachments").iterdir()
                       if p.is_file() and p.stat().st_size <= PRINT_MAX_BYTES and is_word(p.name, p.read_bytes()))
        try:
            for n, form in enumerate(words, 1):
                pdf = word_to_pdf(form.read_bytes(), form.suffix)
                if pdf:
                    atomic_write(folder / ("original.pdf" if n == 1 else f"original-{n}.pdf"), pdf)
                    written += 1
            (folder / TRIED).touch()
        except FileNotFoundError:
            continue  # the coordinator moved the folder meanwhile: it is no longer waiting
    return written
