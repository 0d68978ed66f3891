"""Meeting documents out: built from the templates, kept under documents/<date>/, and sent only to
agencies whose Information Sharing Protocol is signed and in date, at addresses on secure domains.

Each document goes through the outbox, so it is sent once even across crashes, and every case it names
is recorded in the audit against each recipient when it is sent. Password protection (msoffcrypto) is
optional; the password then goes by a separate message, or only to the coordinator.
"""
from __future__ import annotations

import datetime as dt
import email.policy
import hashlib
import io
import secrets
import sqlite3
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from msoffcrypto.format.ooxml import OOXMLFile

from generators.documents import render
from generators.documents.model import Action, Agency, MeetingPack
from generators.documents.stable import stable_docx
from intake.files import atomic_write
from marac import logs
from marac.config import Config, is_secure_address
from marac.referral import meeting_dates
from marac.store import actions, meetings, outbox
from marac.store.db import transaction

from . import pack

TEMPLATES = {"agenda": "agenda.docx", "research": "research.docx", "minutes": "minutes.docx",
             "actions": "actions.docx"}
TITLES = {"agenda": "agenda", "research": "research form", "minutes": "minutes", "actions": "action list"}
DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


@dataclass(frozen=True)
class Built:
    kind: str
    filename: str
    data: bytes
    cases: tuple[str, ...]
    agency: Agency | None = None  # None: the same document goes to every signed agency


@dataclass
class Report:
    built: list[Path] = field(default_factory=list)
    queued: list[str] = field(default_factory=list)  # "document -> agency"
    refused: list[str] = field(default_factory=list)  # "agency: why"
    left_out: tuple[str, ...] = ()
    on_desk: int = 0

    def lines(self) -> list[str]:
        out = [f"built {p.name}" for p in self.built]
        out += [f"queued {q}" for q in self.queued]
        out += [f"NOT sent to {r}" for r in self.refused]
        out += [f"left out (no Information Sharing Protocol in date): {name}" for name in self.left_out]
        if self.on_desk:
            out.append(f"{self.on_desk} case(s) for this meeting are still on the exceptions desk and are not included")
        return out


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")[:60]


def _actions_for(pack: MeetingPack, agency: Agency, conn: sqlite3.Connection) -> list[Action]:
    rows = actions.for_agency_at(conn, pack.meeting.date, agency.name)
    return [Action(r["action_ref"], r["case_number"], r["description"], r["agency"], r["owner"],
                   dt.date.fromisoformat(r["deadline"]) if r["deadline"] else None, r["status"], pack.meeting.date)
            for r in rows]


def build(conn: sqlite3.Connection, config: Config, kind: str, pack: MeetingPack) -> list[Built]:
    template = (config.documents.templates / TEMPLATES[kind]).read_bytes()
    day = pack.meeting.date.isoformat()
    every_case = tuple(c.case_number for c in pack.cases)
    if kind == "agenda":
        return [Built(kind, f"MARAC-{day}-agenda.docx", stable_docx(render.render_agenda(template, pack)), every_case)]
    if kind == "minutes":
        return [Built(kind, f"MARAC-{day}-minutes.docx", stable_docx(render.render_minutes(template, pack)),
                      every_case)]
    built = []
    for agency in pack.agencies:
        if kind == "research":
            data = stable_docx(render.render_research(template, pack, agency))
            built.append(Built(kind, f"MARAC-{day}-research-{_slug(agency.name)}.docx", data, every_case, agency))
        else:
            actions = _actions_for(pack, agency, conn)
            if actions:
                data = stable_docx(render.render_actions(template, pack, agency, actions))
                built.append(Built(kind, f"MARAC-{day}-actions-{_slug(agency.name)}.docx", data,
                                   tuple(dict.fromkeys(a.case_number for a in actions)), agency))
    return built


def write(home: Path, day: dt.date, documents: list[Built]) -> list[Path]:
    folder = home / "documents" / day.isoformat()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in documents:
        paths.append(atomic_write(folder / doc.filename, doc.data))
    return paths


def _encrypt(data: bytes, password: str) -> bytes:
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def compose_message(config: Config, to: str, subject: str, body: str, message_id: str,
             attachment: tuple[str, bytes] | None) -> bytes:
    msg = EmailMessage()
    msg["From"] = config.area.mailbox_address
    msg["To"] = to
    msg["Subject"] = subject
    msg["Message-ID"] = message_id
    msg["Date"] = format_datetime(dt.datetime.now(dt.timezone.utc))
    msg["Sensitivity"] = "Company-Confidential"
    if config.area.coordinator_email:
        msg["Reply-To"] = config.area.coordinator_email
    msg.set_content(body)
    if attachment:
        msg.add_attachment(attachment[1], maintype=DOCX[0], subtype=DOCX[1], filename=attachment[0])
    return msg.as_bytes(policy=email.policy.SMTP)


def _queue(conn: sqlite3.Connection, config: Config, doc: Built, agency: Agency, day: dt.date,
           report: Report, home: Path) -> None:
    digest = hashlib.sha256(doc.data).hexdigest()
    domain = config.area.mailbox_address.rpartition("@")[2]
    key = f"{doc.kind}:{day}:{_slug(agency.name)}:{digest[:16]}"
    message_id = f"<{key.replace(':', '.')}@{domain}>"
    settings = config.documents
    password = "-".join(secrets.token_hex(3) for _ in range(3)) if settings.password_protect else None
    note = ""
    if password:
        note = ("\nThe document is password-protected; the password reaches you in a separate message.\n"
                if settings.password_channel == "separate-email" else
                "\nThe document is password-protected; the MARAC coordinator will give you the password.\n")
    body = (f"{config.area.name}: the {TITLES[doc.kind]} for the meeting on {day:%-d %B %Y} is attached for "
            f"{agency.name}.\n{note}\nThis document is OFFICIAL-SENSITIVE. Do not forward it.\n")
    attachment = (doc.filename, _encrypt(doc.data, password) if password else doc.data)
    added = outbox.enqueue(conn, purpose=f"document-{doc.kind}", dedupe_key=key, header_message_id=message_id,
                           recipients=[agency.email], case_number=None, document=doc.filename,
                           payload=compose_message(config, agency.email, f"MARAC {day:%-d %B %Y}: {TITLES[doc.kind]}",
                                            body, message_id, attachment),
                           cases=list(doc.cases), document_sha256=digest)
    if not added:
        return  # this very document has gone (or is going) to this agency already
    report.queued.append(f"{doc.filename} -> {agency.name}")
    if password and settings.password_channel == "separate-email":
        password_id = f"<password.{key.replace(':', '.')}@{domain}>"
        outbox.enqueue(conn, purpose="password", dedupe_key=f"password:{key}", header_message_id=password_id,
                       recipients=[agency.email], case_number=None, document=f"password for {doc.filename}",
                       payload=compose_message(config, agency.email, f"MARAC {day:%-d %B %Y}: password",
                                        f"The password for {doc.filename} is: {password}\n", password_id, None),
                       cases=[])
    elif password:
        with open(home / "documents" / day.isoformat() / "passwords.txt", "a") as fh:
            fh.write(f"{doc.filename} for {agency.name}: {password}\n")


def circulate(conn: sqlite3.Connection, config: Config, home: Path, day: dt.date, kinds: list[str],
              send: bool) -> Report:
    loaded = pack.load(conn, config, day)
    report = Report(left_out=loaded.left_out, on_desk=loaded.on_desk)
    documents = [doc for kind in kinds for doc in build(conn, config, kind, loaded.pack)]
    report.built = write(home, day, documents)
    if not send:
        return report
    with transaction(conn):
        for doc in documents:
            for agency in ([doc.agency] if doc.agency else list(loaded.pack.agencies)):
                if not is_secure_address(agency.email, config.security.secure_domains):
                    report.refused.append(f"{agency.name}: {agency.email} is not on a secure domain")
                    continue
                _queue(conn, config, doc, agency, day, report, home)
        for kind in kinds:
            meetings.record_circulated(conn, day, kind)
    logs.event("documents.queued", meeting=day.isoformat(), count=len(report.queued), exception=len(report.refused))
    return report


def due(conn: sqlite3.Connection, config: Config, home: Path, today: dt.date) -> list[Report]:
    """Agenda and research forms for each coming meeting, once, when its circulation day comes."""
    reports = []
    for day in meetings.awaiting_agenda(conn, today):
        date_text = day.isoformat()
        if today >= meeting_dates.working_days_before(day, config.documents.circulate_working_days):
            report = circulate(conn, config, home, day, ["agenda", "research"], send=True)
            atomic_write(home / "documents" / date_text / "circulation-report.txt", "\n".join(report.lines()) + "\n")
            reports.append(report)
    return reports
