"""Everything held on one case, in one zip for the data protection officer; and which cases a person
appears in.

The zip holds the case's own records and files. Papers that name other cases too (an agenda, the
minutes) are listed with where they are and their hash, not copied: an export for one person must
carry nothing about anyone else.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from marac.config import Config
from marac.referral.identity import name_tokens
from marac.store import cases, records
from marac.store.db import Connection

from . import places


class NoSuchCase(LookupError):
    pass


def export_case(conn: Connection, config: Config, home: Path, case_number: str) -> bytes:
    row = cases.find_by_number(conn, case_number)
    if row is None:
        raise NoSuchCase(case_number)
    held = records.case_contents(conn, row["id"])
    out = io.BytesIO()
    index = [f"Everything the MARAC service holds on case {case_number}, exported "
             f"{dt.datetime.now(dt.timezone.utc):%d %B %Y %H:%M} UTC.", "",
             "case.json: the case, its referrals as read from the forms, its actions, desk decisions, "
             "every disclosure (the audit) and any legal hold."]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("case.json", json.dumps(held, indent=2, ensure_ascii=False, default=str))
        for message in records.messages_of(conn, row["id"]):
            original = places.maildir_original(config, home, message["source_key"])
            if original is not None:
                zf.write(original, f"messages/message-{message['id']}.eml")
                index.append(f"messages/message-{message['id']}.eml: the message as received")
        for folder in places.desk_folders(home, records.desk_folders_of(conn, row["id"]), case_number):
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                zf.write(path, f"desk/{folder.name}/{path.relative_to(folder)}")
            index.append(f"desk/{folder.name}/: a desk folder ({folder.parent.name or 'open'})")
        shared = []
        for sent in records.outgoing_of(conn, case_number):
            named = (set(json.loads(sent["cases"])) | {sent["case_number"]}) - {None}
            if named <= {case_number}:
                zf.writestr(f"sent/{sent['id']}-{sent['purpose']}.eml", sent["payload"])
                index.append(f"sent/{sent['id']}-{sent['purpose']}.eml: {sent['document']} as sent")
            else:
                shared.append(f"- {sent['document']} (message {sent['id']}, sha256 {sent['payload_sha256']}): "
                              f"names {len(named)} cases, so not copied")
        meeting = held["case"]["meeting"]
        papers = home / "documents" / meeting if meeting else None
        if papers is not None and papers.is_dir():
            for path in sorted(papers.iterdir()):
                if path.is_file():
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
                    shared.append(f"- documents/{meeting}/{path.name} (sha256 {digest}): the meeting's papers")
        if shared:
            index += ["", "Also mentioning this case, with other cases (look them up where they are):", *shared]
        zf.writestr("README.txt", "\n".join(index) + "\n")
    return out.getvalue()


@dataclass(frozen=True)
class Appearance:
    case_number: str
    role: str  # victim, perpetrator, child


def _people(parsed: dict) -> list[tuple[str, dict]]:  # type: ignore[type-arg]
    referral = parsed.get("referral") or {}
    found = [("victim", referral.get("victim") or {})]
    found += [("perpetrator", p) for p in referral.get("perpetrators") or []]
    found += [("child", c) for c in referral.get("children") or []]
    return found


def find_person(conn: Connection, name: str, dob: dt.date | None) -> list[Appearance]:
    """Cases whose referrals name this person (the same name, however written; the same date of birth
    when both are known)."""
    wanted = set(name_tokens(name))
    if not wanted:
        return []
    hits: dict[tuple[str, str], Appearance] = {}
    for row in records.all_parsed(conn):
        for role, person in _people(json.loads(row["parsed"])):
            if set(name_tokens(person.get("name"))) != wanted:
                continue
            born = person.get("dob")
            if dob is not None and born and str(born)[:10] != dob.isoformat():
                continue
            hits[(row["case_number"], role)] = Appearance(row["case_number"], role)
    return sorted(hits.values(), key=lambda a: (a.case_number, a.role))
