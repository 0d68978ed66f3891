"""original.pdf for the desk: each Word form of an open desk folder printed to PDF by LibreOffice, so a
coordinator can read it without Word.

A daemon job, not part of handling the message: LibreOffice takes a second or more a form, and the
referral's record and its IDVA copy must not wait for it. `DeskPrinter` prints in a thread of its own,
because even between passes a print held up the next message: measured over IMAP IDLE, a message that
landed during a 1.2-second print waited for it. Best effort: no LibreOffice, a failure or a
form too large leaves a marker so the folder is not tried again, never an error for anyone. Only
folders whose forms the readers have read (fields.json holds a referral or checklist) are printed: an
unknown sender's files are never opened.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path

from generators.review_sheet.original_pdf import is_word, word_to_pdf
from intake.files import atomic_write
from marac import logs

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


def _print_folder(folder: Path) -> int:
    """original.pdf (original-2.pdf, ...) for each Word form of one folder, then the folder is marked."""
    written = 0
    words = sorted(p for p in (folder / "attachments").iterdir()
                   if p.is_file() and p.stat().st_size <= PRINT_MAX_BYTES and is_word(p.name, p.read_bytes()))
    for n, form in enumerate(words, 1):
        pdf = word_to_pdf(form.read_bytes(), form.suffix)
        if pdf:
            atomic_write(folder / ("original.pdf" if n == 1 else f"original-{n}.pdf"), pdf)
            written += 1
    (folder / TRIED).touch()
    return written


def print_waiting_forms(exceptions_dir: Path, per_run: int = PER_RUN) -> int:
    """Print the Word forms of up to `per_run` open desk folders; returns how many PDFs were written."""
    written = 0
    for folder in _waiting(exceptions_dir)[:per_run]:
        try:
            written += _print_folder(folder)
        except FileNotFoundError:
            continue  # the coordinator moved the folder meanwhile: it is no longer waiting
    return written


class DeskPrinter:
    """Prints waiting forms in a background thread: `nudge` after each pass, `wait` where a caller must
    see the prints (a one-off pass), `stop` at shutdown. Only files are touched, never the database."""

    def __init__(self, exceptions_dir: Path) -> None:
        self.exceptions_dir = exceptions_dir
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()

    def nudge(self) -> None:
        if self._stopping.is_set() or (self._thread is not None and self._thread.is_alive()):
            return  # the running round looks for waiting folders again before it ends
        self._thread = threading.Thread(target=self._round, name="desk-prints", daemon=True)
        self._thread.start()

    def _round(self) -> None:
        tried: set[str] = set()  # a folder that cannot be marked is tried once a round, not forever
        try:
            while not self._stopping.is_set():
                waiting = [f for f in _waiting(self.exceptions_dir) if f.name not in tried]
                if not waiting:
                    return
                tried.add(waiting[0].name)
                try:
                    _print_folder(waiting[0])
                except FileNotFoundError:
                    continue  # the coordinator moved the folder meanwhile
        except Exception as exc:  # noqa: BLE001 - a print is a convenience: never a crash of the daemon
            logs.error("desk-prints.failed", reason=type(exc).__name__)

    def wait(self, seconds: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(seconds)

    def stop(self, seconds: float = 10.0) -> None:
        self._stopping.set()
        self.wait(seconds)
