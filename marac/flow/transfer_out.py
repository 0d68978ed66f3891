"""A case transferred out to another area's MARAC: by the coordinator's `transfer --case N --to AREA`, or
by `transfer.txt` (the area's code or name) in the case's desk folder moved into exceptions/approved/.

The receiving MARAC must be one of the configured `[[marac_areas]]`, its Information Sharing Protocol
signed and in date today and its address on the secure domains; otherwise nothing is sent, the refusal
is recorded in the audit and the coordinator is told why in one sentence. When it may be sent, in one
transaction: the pack (marac.flow.transfer_sources) is queued in the outbox under one key per case and
area (so it goes exactly once), the case is closed as transferred (off the agenda, the tracker's open
cases and matching of new referrals), and the decision is audited; the disclosure itself is audited
when the outbox sends it (marac.flow.delivery), like every other.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from generators.transfer_pack import compose, pack_files
from intake import plain
from marac import logs
from marac.config import Config, is_secure_address
from marac.config_transfers import MaracArea
from marac.store import audit, desk_rows, outbox, transfers
from marac.store.db import Connection, Row, transaction

from .transfer_sources import gather

REQUEST_FILE = re.compile(r"^transfer(\.txt)*$", re.IGNORECASE)  # however Windows named it
DESK_HELP = ("To transfer the case to another MARAC, write its code or name (as in the configuration's "
             "[[marac_areas]]) in transfer.txt in this folder and move the folder into exceptions/approved/. "
             "To list it here instead, delete transfer.txt and approve the folder as usual.")


class TransferRefused(Exception):
    """One plain sentence: why the case was not transferred (nothing was sent)."""


@dataclass
class Result:
    case_number: str
    area: MaracArea
    files: list[str] = field(default_factory=list)
    queued: bool = False  # False: a dry run, or the same transfer queued before
    missing_messages: int = 0
    already: bool = False  # transferred to this MARAC before: nothing is sent again

    def lines(self, dry_run: bool) -> list[str]:
        if self.already:
            return [f"case {self.case_number} was transferred to {self.area.name} already; nothing sent again"]
        out = [f"to be sent: the transfer pack for case {self.case_number} to {self.area.name} {self.area.email}"]
        out += [f"    {plain.one_line(name, 120)}" for name in self.files]  # as the desk shows names
        if self.missing_messages:
            out.append(f"    ({self.missing_messages} referral message(s) are not kept by this service, so their "
                       "forms are not attached; the summary carries what was read from them)")
        if dry_run:
            out.append("Dry run: nothing was sent and the case is unchanged.")
        else:
            out.append(f"queued the transfer pack -> {self.area.name}; case {self.case_number} is closed as "
                       f"transferred to {self.area.name}")
        return out


def find_area(config: Config, typed: str) -> MaracArea | None:
    """The area by its code or its name, however cased, with or without "transfer to" and "MARAC"."""
    wanted = re.sub(r"^\s*transfer\s+(?:it\s+)?to\s+", "", typed, flags=re.IGNORECASE)

    def simple(text: str) -> str:
        return " ".join(re.sub(r"\bmarac\b", "", text.lower()).replace("-", " ").split())
    for area in config.marac_areas:
        if wanted.strip().upper() == area.code or simple(wanted) == simple(area.name):
            return area
    return None


def refusal(area: MaracArea, today: dt.date, secure_domains: list[str]) -> str | None:
    """Why this MARAC may not be sent a case today, or None."""
    reasons = []
    if area.isp_signed is None:
        reasons.append("no Information Sharing Protocol with it is recorded (isp_signed)")
    elif area.isp_signed > today:
        reasons.append(f"its Information Sharing Protocol starts on {area.isp_signed.isoformat()}")
    elif area.isp_expires is not None and area.isp_expires < today:
        reasons.append(f"its Information Sharing Protocol expired on {area.isp_expires.isoformat()}")
    if not is_secure_address(area.email, secure_domains):
        reasons.append(f"its address {area.email} is not on a secure domain")
    return "; ".join(reasons) or None


def _areas(config: Config) -> str:
    return ", ".join(f"{a.code} ({a.name})" for a in config.marac_areas) or "none are configured ([[marac_areas]])"


def transfer(conn: Connection, config: Config, home: Path, case_number: str, typed: str, *,
             dry_run: bool = False, desk_folder: str | None = None, today: dt.date | None = None) -> Result:
    """Transfer the case, or raise TransferRefused with the reason (a refusal of the receiving MARAC is
    audited; a mistyped case or area is not, as nothing about the case was at stake)."""
    today = today or dt.date.today()
    area = find_area(config, typed)
    if area is None:
        raise TransferRefused(f"'{typed.strip()}' is not a MARAC this service knows; the configured MARACs are "
                              f"{_areas(config)}")
    case = transfers.of_case(conn, case_number)
    if case is None:
        raise TransferRefused(f"there is no case {case_number}")
    if case["transferred_to"]:
        if case["transferred_to"] == area.name:
            return Result(case_number, area, already=True)
        raise TransferRefused(f"case {case_number} was transferred to {case['transferred_to']} already")
    if case["status"] == "closed" and not case["transferred_to"]:
        raise TransferRefused(f"case {case_number} is closed")
    if case["status"] == "exception" and desk_folder is None:
        raise TransferRefused(f"case {case_number} is waiting on the exceptions desk: write {area.code} in "
                              "transfer.txt in its folder and move the folder into exceptions/approved/")
    document = f"transfer pack for case {case_number}"
    why = refusal(area, today, config.security.secure_domains)
    if why is not None:
        if not dry_run:
            audit.record(conn, event="refused", case_number=case_number, document=document, recipient=area.email,
                         detail=f"transfer to {area.name} refused: {why}")
            logs.warning("transfer.refused", case=case_number)
        raise TransferRefused(f"case {case_number} was not transferred and nothing was sent: {area.name} may "
                              f"not be sent case information because {why}")
    pack, missing = gather(conn, config, home, case["id"], area, today)
    result = Result(case_number, area, [name for name, _ in pack_files(pack)], missing_messages=missing)
    if dry_run:
        return result
    key = f"transfer:{case_number}:{area.code}"
    domain = config.area.mailbox_address.rpartition("@")[2]
    message_id = f"<{key.replace(':', '.').lower()}@{domain}>"
    payload = compose(pack, sender=config.area.mailbox_address, to=area.email,
                      reply_to=config.area.coordinator_email, message_id=message_id)
    with transaction(conn):
        result.queued = outbox.enqueue(conn, purpose="transfer", dedupe_key=key, header_message_id=message_id,
                                       recipients=[area.email], case_number=case_number, document=document,
                                       payload=payload, document_sha256=hashlib.sha256(payload).hexdigest())
        transfers.close_as_transferred(conn, case["id"], area.name, today.isoformat())
        if desk_folder is not None:
            desk_rows.decide(conn, desk_folder, "resolved")
        audit.record(conn, event="decision", case_number=case_number, document=desk_folder or "transfer command",
                     detail=f"transferred to {area.name} ({area.code}); case closed here")
    logs.event("transfer.queued", case=case_number)
    return result


def requested(folder: Path) -> str | None:
    """The area the coordinator wrote in transfer.txt, or None when the folder asks for no transfer."""
    for path in sorted(p for p in folder.iterdir() if REQUEST_FILE.match(p.name) and p.is_file()):
        data = path.read_bytes()
        codec = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
        text = data.decode(codec, errors="replace")
        line = next((line.strip() for line in text.splitlines() if line.strip()), "")
        return line or ""
    return None


def from_desk(conn: Connection, config: Config, home: Path, row: Row, typed: str,
              folder: str) -> str | None:
    """The desk's transfer: None when done, else the sentence that sends the folder back to the desk."""
    if row["case_id"] is None:
        return ("there is no case to transfer yet: this message opened none. Approve the referral first (delete "
                "transfer.txt), then transfer its case with transfer.txt or `run.py transfer`")
    if not typed:
        return f"transfer.txt is empty: write the MARAC's code or name in it ({_areas(config)})"
    case_number = transfers.of_id(conn, row["case_id"])["case_number"]  # type: ignore[index]
    try:
        transfer(conn, config, home, case_number, typed, desk_folder=folder)
    except TransferRefused as exc:
        return str(exc)
    return None
