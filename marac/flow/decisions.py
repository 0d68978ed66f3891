"""The coordinator's decisions: folders moved into exceptions/approved/ or exceptions/rejected/.

Approved: the folder's corrections (review.xlsx over fields.json, or a corrected form dropped into the
folder: marac.flow.corrections) are checked again like a form and, if all is well, the referral carries
on as any other, the IDVA copy carrying every form the referral now has; if not, the folder goes back
to the desk with the new problems written into README.txt and review.xlsx. Rejected: the referral is
turned down (or, for a match question, the two are different people) with the reason in reason.txt.
Nothing is deleted: handled folders move to exceptions/done/, and every decision is recorded in the
audit table.

A form no password opened waits for the coordinator's password.txt (marac.flow.desk_folder.UNLOCK): it
is read and deleted before anything else happens to the folder, whatever the decision, tried before
the agency's configured passwords, and never written anywhere; the forms it opens are read in memory
(the folder and the IDVA copy keep them as sent; what was read goes to fields.json, as any form's does,
so a folder that comes back for a correction needs no password again). A password that opens nothing
sends the folder back with a sentence that does not quote it.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import mimetypes
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from intake.attachments import Attachment, Letter, read_letter, sender_of
from intake.files import atomic_write
from intake.identity import MessageKey, key_of
from marac import logs
from marac.config_passwords import passwords_for
from marac.referral import meeting_dates, rules
from marac.store import audit, cases, desk_rows, ledger
from marac.store.db import Connection, Row, transaction
from parsers.problem import Problem

from . import corrections, desk_folder, transfer_in, transfer_out
from .casework import area_problems
from .pipeline import ASK_REFERRER, Pipeline, local_date


@dataclass
class Decision:
    folder: Path
    row: Row
    approved: bool

    @property
    def reason(self) -> str:
        note = self.folder / "reason.txt"
        text = note.read_text(errors="replace").strip() if note.exists() else ""
        return text or "no reason given"


def pending_decisions(exceptions_dir: Path, conn: Connection) -> list[Decision]:
    found = []
    for sub, approved in (("approved", True), ("rejected", False)):
        folder = exceptions_dir / sub
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            if not entry.is_dir() or entry.name.startswith("."):
                continue
            row = desk_rows.get(conn, entry.name)
            if row is None:
                logs.warning("desk.unknown_folder", folder=entry.name[-12:])
                continue
            found.append(Decision(entry, row, approved))
    return found


def _move(folder: Path, target_dir: Path) -> None:
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / folder.name
    if target.exists():  # an older decision about the same folder stays beside it
        os.replace(target, target_dir / f"{folder.name}-{dt.datetime.now():%Y%m%d%H%M%S%f}")
    os.replace(folder, target)


BACK = "Checked again after your correction: this still needs attention."
# password.txt, however Windows named it ("Password.txt", or "password.txt.txt" with extensions hidden).
PASSWORD_FILE = re.compile(r"^password(\.txt)*$", re.IGNORECASE)


def _take_password(folder: Path) -> tuple[str, ...]:
    """The password the coordinator typed, as typed and trimmed; every password file is deleted at once,
    read or not, so the password never outlives this moment on disk."""
    found: list[str] = []
    for path in [p for p in folder.iterdir() if PASSWORD_FILE.match(p.name) and p.is_file()]:
        try:
            data = path.read_bytes()
        except OSError:
            data = b""
        finally:
            path.unlink(missing_ok=True)
        codec = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
        line = next((line for line in text.splitlines() if line.strip()), "")
        found += [line, line.strip()]
    return tuple(dict.fromkeys(p for p in found if p))


def _with_dropped(letter: Letter, dropped: list[Path]) -> Letter:
    """The message's files and the forms the coordinator put in the folder (each file once)."""
    have = {a.data for a in letter.attachments}
    extra = []
    for path in dropped:
        data = path.read_bytes()
        if data not in have:
            have.add(data)
            extra.append(Attachment(path.name, mimetypes.guess_type(path.name)[0] or "application/octet-stream", data))
    return dataclasses.replace(letter, attachments=[*letter.attachments, *extra])


class DeskLoop:
    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.conn = pipeline.conn
        self.exceptions_dir = pipeline.exceptions_dir

    def run(self) -> int:
        decisions = pending_decisions(self.exceptions_dir, self.conn)
        for decision in decisions:
            self._decide(decision)
        return len(decisions)

    def _decide(self, decision: Decision) -> None:
        row = decision.row
        typed = _take_password(decision.folder)  # first, whatever the decision: it must not stay on disk
        wanted = transfer_out.requested(decision.folder) if decision.approved else None
        if wanted is not None:  # "transfer to <MARAC>": the case goes to another area (transfer_out.py)
            refused = transfer_out.from_desk(self.conn, self.pipeline.config, self.exceptions_dir.parent, row,
                                             wanted, decision.folder.name)
            if refused:
                self._bounce(decision, [Problem(refused).as_dict()], title="The case was not transferred.",
                             what_to_do=transfer_out.DESK_HELP)
            else:
                _move(decision.folder, self.exceptions_dir / "done")
            return
        if not decision.approved and row["kind"] != "match":
            self._reject(decision)
            return
        if row["kind"] == "outbox":
            self._resolve(decision, None, "resolved", "sent by hand")
            return
        letter = self._unlocked(decision.folder, typed)
        opened = [(a.data, a.filename) for a in letter.forms] if any(a.private for a in letter.forms) else None
        corrected = corrections.read_folder(decision.folder, self.pipeline.parsers.parse_many, opened)
        if opened and corrected.base is not None and not corrected.dropped:
            # What the password opened, kept as read: should the folder come back, the next approval
            # needs no password again.
            atomic_write(decision.folder / corrections.FIELDS,
                         (json.dumps(corrected.base, indent=2, ensure_ascii=False) + "\n").encode())
        joined = corrected.joined
        locked = desk_folder.locked_title(letter.attachments)
        if (joined is None or joined.get("referral") is None) and locked:
            self._bounce(decision, [Problem(
                "the password in password.txt did not open it (password.txt has been deleted): check the password "
                "with the referrer and try again" if typed else
                "no password was given: password.txt was not in the folder").as_dict()],
                corrected, title=locked, what_to_do=desk_folder.UNLOCK)
            return
        if joined is None or joined.get("referral") is None:
            self._bounce(decision, corrected.problems or [Problem(
                "no referral was found to approve: no referral form could be read, no corrected form was put in "
                "the folder, and review.xlsx holds no corrections").as_dict()], corrected)
            return
        problems = corrections.merge_problems(corrected.problems, rules.check(joined, self.pipeline.config.rules))
        received = self._received(row)
        if row["kind"] == "unread":
            self._approve_unread(decision, corrected, joined, problems, received)
        else:
            self._approve_case(decision, corrected, joined, problems, received)

    def _unlocked(self, folder: Path, typed: tuple[str, ...]) -> Letter:
        """The folder's message read again with the coordinator's password and the agency's."""
        try:
            raw = (folder / "message.eml").read_bytes()
        except OSError:
            return Letter(None, "", None)
        return read_letter(raw, passwords=typed + passwords_for(self.pipeline.config, sender_of(raw)))

    def _received(self, row: Row) -> dt.datetime:
        found = ledger.received_at(self.conn, row["message"])
        return dt.datetime.fromisoformat(found) if found else dt.datetime.now(dt.UTC)

    def _approve_unread(self, decision: Decision, corrected: corrections.Corrected, joined: dict[str, Any],
                        problems: list[dict[str, Any]], received: dt.datetime) -> None:
        """A message that opened no case: now it is a referral like any other, IDVA copy included."""
        placement, problems = self.pipeline.evaluate(joined, problems, local_date(received))
        if rules.needs_a_person(problems):
            self._bounce(decision, problems, corrected)
            return
        raw = (decision.folder / "message.eml").read_bytes()
        letter = _with_dropped(read_letter(raw), corrected.dropped)
        key = key_of(raw)
        with transaction(self.conn):
            case_id, number = self.pipeline.open_case(placement, received, review=False)
            cases.add_referral(self.conn, case_id=case_id, message=decision.row["message"], parsed=joined,
                               received=received.isoformat(timespec="seconds"))
            ledger.set_case(self.conn, decision.row["message"], case_id)
            transfer_in.mark(self.conn, self.pipeline.config, case_id, letter.sender, letter.subject,
                             [a.filename for a in letter.attachments], joined)
            self.pipeline.queue_idva_copy(key, number, joined, letter, received, review=False)
            self._record(decision, case_id, number, f"approved: listed for {placement.meeting.isoformat()}")
        _move(decision.folder, self.exceptions_dir / "done")

    def _approve_case(self, decision: Decision, corrected: corrections.Corrected, joined: dict[str, Any],
                      problems: list[dict[str, Any]], received: dt.datetime) -> None:
        row = decision.row
        case = cases.get_case(self.conn, row["case_id"])
        repeat = bool(case["repeat"])
        merge_into = None
        if row["kind"] == "match" and row["match_case"] is not None and decision.approved:
            earlier = cases.get_case(self.conn, row["match_case"])
            upcoming = earlier["status"] in ("listed", "exception")
            merge_into, repeat = (earlier["id"], False) if upcoming else (None, True)
        found = rules.criteria(joined, self.pipeline.config.rules, repeat=repeat)
        problems = [*problems, *rules.criteria_problems(found, joined, self.pipeline.config.rules),
                    *area_problems(self.pipeline.config, joined)]
        if rules.needs_a_person(problems):
            self._bounce(decision, problems, corrected)
            return
        meeting = self._meeting(case["meeting"], received)
        with transaction(self.conn):
            for referral in cases.referrals_of_message(self.conn, row["message"]):
                cases.replace_parsed(self.conn, referral["id"], joined)
                if merge_into is not None:
                    cases.move_referral(self.conn, referral["id"], merge_into)
            if merge_into is not None:
                target = cases.number_of(self.conn, merge_into)
                cases.update(self.conn, case["id"], status="closed", warnings=[f"merged into {target}"])
                detail = f"approved: same victim as {target}; referral added to that case"
            else:
                previous = row["match_case"] if repeat and row["kind"] == "match" else case["previous_case"]
                cases.update(self.conn, case["id"], status="listed", meeting=meeting, repeat=int(repeat),
                             previous_case=previous)
                detail = (f"{'approved' if decision.approved else 'not the same victim'}: listed for {meeting}"
                          + (" as a repeat" if repeat else ""))
            if corrected.dropped:
                number = cases.number_of(self.conn, merge_into) if merge_into is not None else case["case_number"]
                self._send_corrected_forms(decision, corrected, joined, number)
            self._record(decision, case["id"], case["case_number"], detail)
        _move(decision.folder, self.exceptions_dir / "done")

    def _send_corrected_forms(self, decision: Decision, corrected: corrections.Corrected, joined: dict[str, Any],
                              number: str) -> None:
        """The IDVA service had the referral as it came; a corrected form goes to it too, with the original,
        as a copy of its own (its own key, so a retry never sends it twice)."""
        raw = (decision.folder / "message.eml").read_bytes()
        original = key_of(raw)
        digest = hashlib.sha256(original.content_hash.encode())
        for form in corrected.dropped:
            digest.update(hashlib.sha256(form.read_bytes()).hexdigest().encode())
        letter = _with_dropped(read_letter(raw), corrected.dropped)
        self.pipeline.queue_idva_copy(MessageKey(None, digest.hexdigest()), number, joined, letter,
                                      dt.datetime.now(dt.UTC), review=False)

    def _meeting(self, planned: str | None, received: dt.datetime) -> str:
        """The planned meeting, unless it has passed while the referral waited: then the next one."""
        today = dt.date.today()
        if planned and dt.date.fromisoformat(planned) >= today:
            return planned
        settings = self.pipeline.config.meetings
        meeting = meeting_dates.next_meeting(settings, max(local_date(received), today)).isoformat()
        cases.ensure_meeting(self.conn, meeting, settings.venue, settings.chair)
        return meeting

    def _reject(self, decision: Decision) -> None:
        row = decision.row
        with transaction(self.conn):
            number = None
            if row["case_id"] is not None:
                number = cases.number_of(self.conn, row["case_id"])
                cases.update(self.conn, row["case_id"], status="closed")
            desk_rows.decide(self.conn, decision.folder.name, "rejected")
            audit.record(self.conn, event="decision", case_number=number, document=decision.folder.name,
                         detail=f"rejected: {decision.reason}")
        logs.event("desk.rejected", case=number, folder=decision.folder.name[-12:])
        _move(decision.folder, self.exceptions_dir / "done")

    def _resolve(self, decision: Decision, case_number: str | None, status: str, detail: str) -> None:
        with transaction(self.conn):
            desk_rows.decide(self.conn, decision.folder.name, status)
            audit.record(self.conn, event="decision", case_number=case_number, document=decision.folder.name,
                         detail=detail)
        _move(decision.folder, self.exceptions_dir / "done")

    def _record(self, decision: Decision, case_id: int, number: str, detail: str) -> None:
        desk_rows.decide(self.conn, decision.folder.name, "resolved")
        audit.record(self.conn, event="decision", case_number=number, document=decision.folder.name, detail=detail)
        logs.event("desk.approved", case=number, folder=decision.folder.name[-12:])

    def _bounce(self, decision: Decision, problems: list[dict[str, Any]],
                corrected: corrections.Corrected | None = None, title: str = BACK,
                what_to_do: str = ASK_REFERRER) -> None:
        """Still wrong: back on the desk with the new problems, the coordinator's edits kept."""
        number = cases.number_of(self.conn, decision.row["case_id"]) if decision.row["case_id"] else None
        if corrected is not None:
            corrections.rewrite_review(decision.folder, corrected, problems, number, BACK)
        readme = decision.folder / "README.txt"
        lines = [title, ""]
        lines += [f"- {p['message']}" + ("" if p.get("severity", "error") == "error" else " (warning)")
                  for p in problems]
        lines += ["", what_to_do, "", "--- the earlier note ---", ""]
        readme.write_text("\n".join(lines) + "\n" + (readme.read_text() if readme.exists() else ""))
        _move(decision.folder, self.exceptions_dir)
        logs.warning("desk.still_wrong", case=number, folder=decision.folder.name[-12:])

