"""What a transfer pack is made of, gathered for one case and nothing else: its referrals as read, the
forms as the referrers sent them, its hearings (and those of the earlier cases it repeats), the
sections of read-back minutes about those cases only, and their open actions.

The forms as received come from the message kept on the desk (`message.eml` in the case's desk
folder, wherever a decision moved it) or in the local mailbox (`inbox/cur/`); a server mailbox keeps
its messages on the server, and the summary then carries what was read from them.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from generators.transfer_pack import PackAction, TransferPack, case_section
from intake.attachments import read_letter
from marac.config import Config
from marac.config_transfers import MaracArea
from marac.store import cases, transfers
from marac.store.db import Connection

DESK_PLACES = ("", "done", "approved", "rejected")
MINUTES_PLACES = ("minutes/imported", "minutes")  # completed minutes read back by the service


def _message_bytes(config: Config, home: Path, source_key: str, desk: str | None) -> bytes | None:
    for sub in DESK_PLACES if desk else ():
        path = home / "exceptions" / sub / str(desk) / "message.eml"
        if path.is_file():
            return path.read_bytes()
    if config.mailbox.backend != "maildir":
        return None
    box = home / config.mailbox.path  # type: ignore[union-attr]
    base = source_key.split(":2,", 1)[0]
    for path in (box / "cur" / f"{base}:2,S", box / "new" / source_key):
        if path.is_file():
            return path.read_bytes()
    return None


def forms_as_received(conn: Connection, config: Config, home: Path,
                      case_id: int) -> tuple[list[tuple[str, bytes]], int]:
    """(files, messages not found): each file once, as the IDVA copy passes them on (no programs, no
    refused containers, nothing opened with a password)."""
    files: list[tuple[str, bytes]] = []
    seen: set[bytes] = set()
    missing = 0
    for message in transfers.messages_of(conn, case_id):
        raw = _message_bytes(config, home, message["source_key"], message["exception_dir"])
        if raw is None:
            missing += 1
            continue
        for a in read_letter(raw).attachments:
            if a.unopened or a.held_back or a.private or a.inline or a.data in seen:
                continue
            seen.add(a.data)
            files.append((a.filename, a.data))
    return files, missing


def minutes_sections(home: Path, numbers: list[str]) -> list[tuple[str, str, str]]:
    """(file, case number, section) for every read-back minutes file with a section on these cases."""
    found = []
    for sub in MINUTES_PLACES:
        folder = home / sub
        for path in sorted(folder.glob("*.docx")) if folder.is_dir() else []:
            data = path.read_bytes()
            for number in numbers:
                section = case_section(data, number)
                if section:
                    found.append((f"minutes file {path.name}", number, section))
    return found


def gather(conn: Connection, config: Config, home: Path, case_id: int, area: MaracArea,
           today: dt.date) -> tuple[TransferPack, int]:
    """The pack for one case, and how many of its messages could not be found to attach."""
    chain = transfers.earlier_cases(conn, case_id)
    ids = [row["id"] for row in chain]
    number = cases.number_of(conn, case_id)
    forms, missing = forms_as_received(conn, config, home, case_id)
    referrals = tuple(json.loads(r["parsed"]) for r in cases.referrals_of(conn, case_id))
    actions = tuple(PackAction(r["action_ref"], r["meeting"], r["description"], r["agency"], r["owner"],
                               r["deadline"], r["status"]) for r in transfers.open_actions(conn, ids))
    information = tuple((r["meeting"], r["agency"], r["information"]) for r in transfers.agency_information(conn, ids))
    pack = TransferPack(
        case_number=number, from_marac=config.area.name, to_marac=area.name, sent_on=today,
        coordinator=config.area.coordinator_email, referrals=referrals,
        hearings=tuple((r["case_number"], r["meeting"], r["status"]) for r in chain),
        actions=actions, minutes=tuple(minutes_sections(home, [r["case_number"] for r in chain])),
        agency_information=information, forms=tuple(forms))
    return pack, missing
