"""What is on the coordinator's desk now: the folders in exceptions/ still waiting for a person.

The folders themselves are the truth (a coordinator may have moved one by hand); the store adds the
case number and what kind of question each one asks. Nothing here names a person: the reason is the
service's own one-sentence title from the folder's README.txt.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from marac.store import desk_rows
from marac.store.db import Connection, Row

# Sub-folders of exceptions/ that are not waiting for anyone.
NOT_WAITING = {"approved", "rejected", "done"}

AWAITED = {
    "review": "your corrections in review.xlsx (or a corrected form dropped in the folder), then move "
              "the folder to approved/ (or to rejected/ with reason.txt)",
    "match": "your decision: move the folder to approved/ if it is the same victim, rejected/ if not",
    "unread": "the referral: ask the referrer to resend it, or drop the form in the folder and move it "
              "to approved/ (or to rejected/ with reason.txt)",
    "outbox": "the message sent by hand from Outlook (message.eml), then move the folder to rejected/",
}
# Set-aside messages whose next step is not "ask the referrer to resend it" (the ledger's reason).
AWAITED_FOR_REASON = {
    "password-protected": "the password: ask the referrer by phone, put it in password.txt in the folder and "
                          "move the folder to approved/",
    "secure-portal": "the form from the secure portal: open the link in message.eml in your browser, save the "
                     "form into the folder and move it to approved/",
}
# Folder names are <yyyymmdd-hhmmss>-<case number or 'message'>-<hash, or outbox-<id>>.
_NAME = re.compile(r"^(\d{8}-\d{6})-(.+)-([0-9a-f]{6,}|outbox-\d+)$")


@dataclass(frozen=True)
class OpenFolder:
    name: str
    since: dt.datetime
    case_number: str | None
    reason: str
    awaited: str

    def age(self, now: dt.datetime) -> str:
        hours = max(0, int((now - self.since).total_seconds() // 3600))
        return f"{hours // 24}d {hours % 24}h" if hours >= 24 else f"{hours}h"


def _title(folder: Path) -> str:
    """The README's first sentence after its underlined heading: written by the service, never by a sender."""
    try:
        lines = (folder / "README.txt").read_text(errors="replace").splitlines()
    except OSError:
        return "see the folder"
    for n, line in enumerate(lines):
        if line.startswith("===") and n + 1 < len(lines):
            return next((text.strip() for text in lines[n + 1:] if text.strip()), "see README.txt")
    return "see README.txt"


def _since(folder: Path, row: Row | None) -> dt.datetime:
    if row is not None:
        return dt.datetime.fromisoformat(row["created_at"])
    match = _NAME.match(folder.name)
    if match:
        return dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=dt.timezone.utc)
    return dt.datetime.fromtimestamp(folder.stat().st_mtime, dt.timezone.utc)


def open_folders(conn: Connection, exceptions_dir: Path) -> list[OpenFolder]:
    """Oldest first: the one waiting longest is the one to look at first."""
    if not exceptions_dir.is_dir():
        return []
    rows = desk_rows.with_case_numbers(conn)
    found = []
    for folder in exceptions_dir.iterdir():
        if not folder.is_dir() or folder.name.startswith(".") or folder.name in NOT_WAITING:
            continue
        row = rows.get(folder.name)
        kind = row["kind"] if row is not None else ("outbox" if "-outbox-" in folder.name else "unread")
        kind = kind if kind in AWAITED else "unread"
        reason = row["reason"] if row is not None else None
        awaited = AWAITED_FOR_REASON.get(reason or "", AWAITED[kind]) if kind == "unread" else AWAITED[kind]
        match = _NAME.match(folder.name)
        number = row["case_number"] if row is not None else None
        if number is None and match and match.group(2) != "message":
            number = match.group(2)
        found.append(OpenFolder(folder.name, _since(folder, row), number, _title(folder), awaited))
    return sorted(found, key=lambda f: (f.since, f.name))
