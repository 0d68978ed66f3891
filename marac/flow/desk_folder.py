"""The coordinator's desk: one folder per message a person must look at.

Each folder holds the message exactly as received, its attachments, a README.txt in plain words, the
fields read from the forms as review.xlsx (for the coordinator to check and correct in Excel) and as
fields.json (the same, for machines), and, where LibreOffice is installed, original.pdf: a Word form
printed to PDF so it can be read without Word. A folder is written
under a temporary name and renamed into place, so a half-written folder is never on the desk; it is
found again by the message's short hash, so a retry after a crash reuses it instead of adding another.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generators.review_sheet.original_pdf import is_word
from generators.review_sheet.write import write_review
from intake import plain
from intake.attachments import Attachment
from intake.files import fsync_folder, fsync_tree
from marac import logs

REVIEW_HELP = [
    "How to correct the referral (in Excel)",
    "1. Open review.xlsx. What needs your attention is at the top; below it, every field as it was read,",
    "   in the order of the form.",
    "2. Type corrections only in the yellow column \"Your correction (type here)\". Leave a cell empty where",
    "   what was read is right. Dates as dd/mm/yyyy; yes/no from the drop-down; to remove a value, type",
    "   not known. Perpetrators, children and other victims are on sheets of their own: correct a yellow",
    "   cell in place, or add a person on an empty row.",
    "3. Save and close review.xlsx, then move this whole folder into exceptions/approved/.",
    "The service checks your corrections as it checks a form. If something is still wrong, the folder",
    "comes back here with the reason at the top of review.xlsx and beside the field.",
    "(Instead, you can put a corrected Word or PDF form into this folder: it is read in place of the first.)",
]


UNLOCK = ("Ask the referrer for the password by phone (never by email). Type it alone on the first line of a "
          "text file named password.txt, save it in this folder and move the folder into exceptions/approved/: "
          "the service opens the form with it, deletes password.txt at once and keeps the password nowhere. "
          "If the agency always uses the same password, it can be set in the configuration instead "
          "(`passwords` in the agency's [[agencies]] entry). To turn the referral down, write why in "
          "reason.txt and move the folder into exceptions/rejected/.")


def locked_title(attachments: list[Attachment]) -> str | None:
    """The desk's sentence for files no password opened, or None if none is locked."""
    names = [f"'{plain.one_line(a.filename, 80)}'" for a in attachments if a.locked]
    if not names:
        return None
    return (f"The form {names[0]} is password-protected" if len(names) == 1 else
            f"The files {', '.join(names)} are password-protected") + (
        ": put the password in password.txt in this folder and move the folder into exceptions/approved/.")


@dataclass
class DeskNote:
    """What goes on the desk. `title` is one plain sentence; `problems` the detail."""
    title: str
    what_to_do: str
    problems: list[dict[str, Any]] = field(default_factory=list)
    case_number: str | None = None
    idva_copy_sent: bool = False


def _find(root: Path, short_hash: str) -> Path | None:
    for entry in root.glob(f"*{short_hash}"):
        if entry.is_dir() and not entry.name.startswith("."):
            return entry
    return None


def _readme(item: DeskNote, received: dt.datetime, sender: str | None, subject: str,
            attachments: list[Attachment], ignored: list[str], review: bool = False, printed: bool = False) -> str:
    lines = ["MARAC referral needing your attention", "=" * 38, "", item.title, ""]
    if item.case_number:
        lines.append(f"Case number: {item.case_number} (status 'exception' until this is resolved)")
    else:
        lines.append("No case has been opened for this message.")
    lines.append("A copy has gone to the IDVA service." if item.idva_copy_sent
                 else "No copy has gone to the IDVA service.")
    # Sender, subject and anything quoted from the message are one visible line each, in quotes: a
    # sender must not be able to write lines that pass for the service's own instructions.
    lines += [f"Received: {received:%d %B %Y %H:%M} UTC", f"From: {plain.one_line(sender) or 'unknown sender'}",
              f"Subject: {plain.quoted(subject)}", ""]
    if item.problems:
        lines.append("What is wrong")
        for p in item.problems:
            where = f"{plain.one_line(p['file'], 100)}: " if p.get("file") else ""
            tag = "" if p.get("severity", "error") == "error" else " (warning)"
            lines.append(f"- {where}{plain.one_line(p['message'], 600)}{tag}")
        lines.append("")
    lines += ["What to do", item.what_to_do, "", "Files in this folder",
              "- message.eml: the message exactly as it was received (open it in Outlook)",
              "- attachments/: the files it carried"]
    if ignored:
        lines.append(f"  (not forms, so not read: {', '.join(ignored)})")
    if review:
        lines.append("- review.xlsx: what was read from the forms, to check and correct in Excel")
    if printed:
        lines.append("- original.pdf (appears within a minute where LibreOffice is installed): the Word form as a "
                     "PDF, to read without Word (the service does not read it)")
    lines.append("- fields.json: what was read, for machines (you do not need to open it; review.xlsx wins)")
    if review:
        lines += ["", *REVIEW_HELP]
    return "\n".join(lines) + "\n"


def _has_fields(fields: dict[str, Any] | None) -> bool:
    return isinstance(fields, dict) and bool(fields.get("referral") or fields.get("dash"))


def _review_sheet(tmp: Path, item: DeskNote, fields: dict[str, Any] | None) -> bool:
    """review.xlsx; a failure to write it costs the coordinator the sheet (fields.json is still there),
    never the folder: a referral must always reach the desk."""
    if not _has_fields(fields):
        return False
    try:
        (tmp / "review.xlsx").write_bytes(write_review(fields, item.problems, case_number=item.case_number))
    except OSError:
        raise  # the disk: the caller's business (retried, never blamed on the message)
    except Exception as exc:  # noqa: BLE001 - any oddity in what was read
        logs.warning("desk.review_sheet_failed", case=item.case_number, reason=type(exc).__name__)
        return False
    return True


def _write(tmp: Path, item: DeskNote, raw: bytes, received: dt.datetime, sender: str | None, subject: str,
           attachments: list[Attachment], ignored: list[str], fields: dict[str, Any] | None) -> None:
    (tmp / "attachments").mkdir(parents=True)
    (tmp / "message.eml").write_bytes(raw)
    used: set[str] = set()
    # What a password opened is never written down: the folder keeps each file as the referrer sent it.
    attachments = [a for a in attachments if not a.private]
    for a in attachments:
        stem, dot, ext = a.filename.rpartition(".")
        candidate, n = a.filename, 1
        while candidate.lower() in used:
            n += 1
            candidate = f"{stem} ({n}){dot}{ext}" if dot else f"{a.filename} ({n})"
        used.add(candidate.lower())
        (tmp / "attachments" / candidate).write_bytes(a.data)
    review = _review_sheet(tmp, item, fields)
    # original.pdf is printed later by a daemon job (desk_prints): LibreOffice takes seconds, and the
    # referral's record and IDVA copy must not wait for it.
    printed = _has_fields(fields) and any(a.looks_like_form and is_word(a.filename, a.data) for a in attachments)
    (tmp / "README.txt").write_text(_readme(item, received, sender, subject, attachments, ignored, review, printed))
    (tmp / "fields.json").write_text(json.dumps(fields, indent=2, ensure_ascii=False) + "\n")
    fsync_tree(tmp)


def put(root: Path, short_hash: str, item: DeskNote, raw: bytes, *, sender: str | None, subject: str,
        attachments: list[Attachment], ignored: list[str], fields: dict[str, Any] | None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    received = dt.datetime.now(dt.timezone.utc)
    existing = _find(root, short_hash)
    name = existing.name if existing else f"{received:%Y%m%d-%H%M%S}-{item.case_number or 'message'}-{short_hash}"
    tmp = root / f".tmp-{name}"
    if tmp.exists():
        shutil.rmtree(tmp)  # our own half-written folder from a crash; the original is still in the mailbox
    try:
        _write(tmp, item, raw, received, sender, subject, attachments, ignored, fields)
    except BaseException:
        # A full disk, say: no hidden half-copy of a referral message is left behind.
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    final = root / name
    if final.exists():
        # A retry after a crash rewrites the folder; the earlier one is kept aside, not deleted.
        aside = root / ".superseded"
        aside.mkdir(exist_ok=True)
        os.replace(final, aside / f"{name}-{received:%Y%m%d%H%M%S%f}")
    os.replace(tmp, final)
    fsync_folder(root)
    return final
