"""The coordinator's desk: one folder per message a person must look at.

Each folder holds the message exactly as received, its attachments, a README.txt in plain words and
the fields read from the forms (fields.json) for the coordinator to correct. A folder is written
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

from intake import plain
from intake.attachments import Attachment
from intake.files import fsync_folder, fsync_tree


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
            attachments: list[Attachment], ignored: list[str]) -> str:
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
    lines.append("- fields.json: what was read from the forms")
    return "\n".join(lines) + "\n"


def _write(tmp: Path, item: DeskNote, raw: bytes, received: dt.datetime, sender: str | None, subject: str,
           attachments: list[Attachment], ignored: list[str], fields: dict[str, Any] | None) -> None:
    (tmp / "attachments").mkdir(parents=True)
    (tmp / "message.eml").write_bytes(raw)
    used: set[str] = set()
    for a in attachments:
        stem, dot, ext = a.filename.rpartition(".")
        candidate, n = a.filename, 1
        while candidate.lower() in used:
            n += 1
            candidate = f"{stem} ({n}){dot}{ext}" if dot else f"{a.filename} ({n})"
        used.add(candidate.lower())
        (tmp / "attachments" / candidate).write_bytes(a.data)
    (tmp / "README.txt").write_text(_readme(item, received, sender, subject, attachments, ignored))
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
