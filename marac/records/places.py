"""Where the service keeps files about a case, outside the store."""
from __future__ import annotations

from pathlib import Path

from marac.config import Config

DESK_SUBFOLDERS = ("", "approved", "rejected", "done", ".superseded")


def desk_folders(home: Path, names: list[str], case_number: str) -> list[Path]:
    """A case's desk folders wherever a decision has moved them (and copies set aside by a retry)."""
    found: list[Path] = []
    root = home / "exceptions"
    for sub in DESK_SUBFOLDERS:
        folder = root / sub if sub else root
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            if entry.is_dir() and (any(entry.name.startswith(n) for n in names) or f"-{case_number}-" in entry.name):
                found.append(entry)
    return sorted(set(found))


def maildir_original(config: Config, home: Path, source_key: str) -> Path | None:
    """The message as received, kept by the local mailbox in cur/ once handled (other mailboxes keep it
    on the server, under the mail system's own retention)."""
    if config.mailbox.backend != "maildir":
        return None
    base = source_key.split(":2,", 1)[0]
    for candidate in (home / config.mailbox.path / "cur" / f"{base}:2,S",  # type: ignore[union-attr]
                      home / config.mailbox.path / "new" / source_key):  # type: ignore[union-attr]
        if candidate.is_file():
            return candidate
    return None


def sent_copy(config: Config, home: Path, message_id: str) -> Path | None:
    """The local sender's file of a sent message (other senders keep none here)."""
    if config.sender.backend != "local":
        return None
    from intake.senders.local import LocalFolderSender
    path = LocalFolderSender(home / config.sender.path).path_for(message_id)  # type: ignore[union-attr]
    return path if path.is_file() else None
