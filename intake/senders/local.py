"""The local sender: each message becomes an .eml file in a folder (the default, for running with no
server). Named after its Message-ID and written by rename, so sending twice writes one file."""
from __future__ import annotations

import re
from pathlib import Path

from ..files import atomic_write, local_failure
from .base import LocalSendError


class LocalFolderSender:
    name = "local"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def path_for(self, message_id: str) -> Path:
        return self.folder / (re.sub(r"[^A-Za-z0-9._@-]", "_", message_id.strip("<>")) + ".eml")

    def send(self, envelope_from: str, recipients: list[str], payload: bytes, message_id: str) -> None:
        target = self.path_for(message_id)
        if target.exists():
            return
        try:
            atomic_write(target, payload)
        except OSError as exc:
            # A full disk is this machine's failure, not the message's: keep it and try again later.
            reason = local_failure(exc, self.folder.parent) or "the outbox folder cannot be written"
            raise LocalSendError(reason) from exc

    def close(self) -> None:
        pass
