"""Meeting documents out: built from the templates, kept under documents/<date>/, and sent only to
agencies whose Information Sharing Protocol is signed and in date, at addresses on secure domains.

The IDVA service attends every MARAC: it is sent the agenda and a research form of its own, gated by
its own ISP ([idva] isp_signed / isp_expires) like any agency. Who will receive what, and who will not
and why, is settled and reported before anything is queued.

Each document goes through the outbox, so it is sent once even across crashes, and every case it names
is recorded in the audit against each recipient when it is sent. Password protection (msoffcrypto) is
optional; the password then goes by a separate message, or only to the coordinator.

What goes out before a meeting depends on the model (`BEFORE`): the agenda and research forms, or for a
virtual MARAC one "information and updates" document per case. An emergency MARAC's papers say so in
their subject ("Emergency MARAC 3 December 2026: agenda").
"""
from __future__ import annotations

import datetime as dt
import email.policy
import hashlib
import io
import secrets
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from msoffcrypto.format.ooxml import OOXMLFile

from generators.documents import render
from generators.documents.model import Action, Agency, MeetingPack
from generators.documents.stable import stable_docx
from generators.updates.render import TEMPLATE as UPDATES_TEMPLATE
from generators.updates.render import render_updates
from intake.files import atomic_write
from marac import logs
from marac.config import Config, is_secure_address
from marac.referral import meeting_dates
from marac.store import actions, meetings, outbox
from marac.store.db import Connection, transaction

from . import pack

TEMPLATES = {"agenda": "agenda.docx", "research": "research.docx", "minutes": "minutes.docx",
             "actions": "actions.docx", "updates": UPDATES_TEMPLATE}
TITLES = {"agenda": "agenda", "research": "research form", "minutes": "minutes", "actions": "action list",
          "updates": "information and updates"}
# What goes out before a meeting, by itself, for each model ([meetings] model).
BEFORE = {"meeting": ["agenda", "research"], "virtual": ["updates"]}
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
    sending: list[str] = field(default_factory=list)  # "document to agency <address>", said before queuing
    withheld: list[str] = field(default_factory=list)  # "agency: why it is sent nothing"
    queued: list[str] = field(default_factory=list)  # "document -> agency"
    left_out: tuple[str, ...] = ()  # agencies without an in-date ISP (their reasons are in `withheld`)
    on_desk: int = 0

    def lines(self) -> list[str]:
        out = [f"built {p.name}" for p in self.built]
        out += [f"to be sent: {s}" for s in self.sending]
        out += [f"NOT sent to {w}" for w in self.withheld]
        out += [f"queued {q}" for q in self.queued]
        if self.on_desk:
            out.append(f"{self.on_desk} case(s) for this meeting are still on the exceptions desk and are not included")
        return out


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")[:60]


def _actions_for(pack: MeetingPack, agency: Agency, conn: Connection) -> list[Action]:
    rows = actions.for_agency_at(conn, pack.meeting.date, agency.name)
    return [Action(r["action_ref"], r["case_number"], r["description"], r["agency"], r["owner"],
                   dt.date.fromisoformat(r["deadline"]) if r["deadline"] else None, r["status"], pack.meeting.date)
            for r in rows]


def build(conn: Connection, config: Config, kind: str, pack: MeetingPack,
          idva: Agency | None = None) -> list[Built]:
    template = (config.documents.templates / TEMPLATES[kind]).read_bytes()
    day = pack.meeting.date.isoformat()
    every_case = tuple(c.case_number for c in pack.cases)
    if kind == "agenda":
        return [Built(kind, f"MARAC-{day}-agenda.docx", stable_docx(render.render_agenda(template, pack)), every_case)]
    if kind == "updates":  # a virtual MARAC: one document per case, a section for every recipient
        sections = list(pack.agencies) + ([idva] if idva else [])
        return [Built(kind, f"MARAC-{day}-updates-{case.case_number}.docx",
                      stable_docx(render_updates(template, pack.meeting, case, sections)), (case.case_number,))
                for case in pack.cases]
    if kind == "minutes":
        return [Built(kind, f"MARAC-{day}-minutes.docx", stable_docx(render.render_minutes(template, pack)),
                      every_case)]
    built = []
    # The IDVA service attends every MARAC, so it has a research form of its own to fill in.
    for agency in list(pack.agencies) + ([idva] if idva and kind == "research" else []):
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
    msg["Date"] = format_datetime(dt.datetime.now(dt.UTC))
    msg["Sensitivity"] = "Company-Confidential"
    if config.area.coordinator_email:
        msg["Reply-To"] = config.area.coordinator_email
    msg.set_content(body)
    if attachment:
        msg.add_attachment(attachment[1], maintype=DOCX[0], subtype=DOCX[1], filename=attachment[0])
    return msg.as_bytes(policy=email.policy.SMTP)


def _wording(config: Config, doc: Built, agency: Agency, day: dt.date, emergency: bool) -> tuple[str, str]:
    """(subject, first paragraph): the meeting's date and kind and the document's title; no names."""
    marac = "Emergency MARAC" if emergency else "MARAC"
    subject = f"{marac} {day:%-d %B %Y}: {TITLES[doc.kind]}"
    if doc.kind == "updates":
        subject += f", case {doc.cases[0]}"
        return subject, (f"{config.area.name}: the information and updates document for case {doc.cases[0]} "
                         f"is attached for {agency.name}. This MARAC holds no meeting: please complete your "
                         f"agency's section (information, and actions with owner and deadline) and return it "
                         f"to the MARAC coordinator by {day:%-d %B %Y}.\n")
    what = f"the {TITLES[doc.kind]} for the {'emergency MARAC' if emergency else 'meeting'} on {day:%-d %B %Y}"
    return subject, f"{config.area.name}: {what} is attached for {agency.name}.\n"


def _queue(conn: Connection, config: Config, doc: Built, agency: Agency, day: dt.date,
           report: Report, home: Path, emergency: bool = False) -> None:
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
    subject, opening = _wording(config, doc, agency, day, emergency)
    body = f"{opening}{note}\nThis document is OFFICIAL-SENSITIVE. Do not forward it.\n"
    attachment = (doc.filename, _encrypt(doc.data, password) if password else doc.data)
    added = outbox.enqueue(conn, purpose=f"document-{doc.kind}", dedupe_key=key, header_message_id=message_id,
                           recipients=[agency.email], case_number=None, document=doc.filename,
                           payload=compose_message(config, agency.email, subject, body, message_id, attachment),
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


def _why_not(signed: dt.date | None, expires: dt.date | None, address: str, day: dt.date,
             secure_domains: list[str]) -> str | None:
    """Why a recipient is sent nothing for the meeting on `day`, or None when it may be sent papers."""
    reasons = []
    if signed is None:
        reasons.append("no Information Sharing Protocol is recorded (isp_signed)")
    elif signed > day:
        reasons.append(f"its Information Sharing Protocol starts on {signed.isoformat()}, after the meeting")
    elif expires is not None and expires < day:
        reasons.append(f"its Information Sharing Protocol expired on {expires.isoformat()}")
    if not is_secure_address(address, secure_domains):
        reasons.append(f"{address} is not on a secure domain")
    return "; ".join(reasons) or None


def _recipients(config: Config, day: dt.date, kinds: list[str]) -> tuple[Agency | None, list[str]]:
    """The IDVA service as a recipient of the agenda and research forms (gated like any agency), and
    a sentence for every agency or IDVA service that will be sent nothing, with the reason."""
    withheld = []
    secure = config.security.secure_domains
    for agency in config.agencies:
        why = _why_not(agency.isp_signed, agency.isp_expires, agency.email, day, secure)
        if why:
            withheld.append(f"{agency.name}: {why}")
    settings = config.idva
    if not {"agenda", "research", "updates"} & set(kinds):
        return None, withheld
    if any(a.email.lower() == settings.email.lower() for a in config.agencies):
        return None, withheld  # listed as an agency too: it is sent what agencies are, once
    why = _why_not(settings.isp_signed, settings.isp_expires, settings.email, day, secure)
    if why:
        withheld.append(f"{settings.service} (the IDVA service): {why}")
        return None, withheld
    return Agency(settings.service, settings.email), withheld


def _to(doc: Built, agencies: list[Agency], idva: Agency | None) -> list[Agency]:
    if doc.agency:  # an agency's own form goes to that agency, if it may be sent anything
        return [doc.agency] if doc.agency in agencies or doc.agency == idva else []
    return agencies + ([idva] if idva and doc.kind in ("agenda", "updates") else [])


def circulate(conn: Connection, config: Config, home: Path, day: dt.date, kinds: list[str],
              send: bool) -> Report:
    loaded = pack.load(conn, config, day)
    idva, withheld = _recipients(config, day, kinds)
    report = Report(left_out=loaded.left_out, on_desk=loaded.on_desk, withheld=withheld)
    documents = [doc for kind in kinds for doc in build(conn, config, kind, loaded.pack, idva)]
    report.built = write(home, day, documents)
    if not send:
        return report
    agencies = [a for a in loaded.pack.agencies if is_secure_address(a.email, config.security.secure_domains)]
    # Who gets what is settled, and told, before anything is queued.
    plan = [(doc, agency) for doc in documents for agency in _to(doc, agencies, idva)]
    report.sending = [f"{doc.filename} to {agency.name} <{agency.email}>" for doc, agency in plan]
    emergency = meetings.kind(conn, day) == "emergency"
    with transaction(conn):
        for doc, agency in plan:
            _queue(conn, config, doc, agency, day, report, home, emergency)
        for kind in kinds:
            meetings.record_circulated(conn, day, kind)
    logs.event("documents.queued", meeting=day.isoformat(), count=len(report.queued), withheld=len(report.withheld))
    return report


def due(conn: Connection, config: Config, home: Path, today: dt.date) -> list[Report]:
    """What goes out before each coming meeting (agenda and research forms, or a virtual MARAC's
    documents), once, when its circulation day comes ([meetings] circulate_working_days before it)."""
    reports = []
    kinds = BEFORE[config.meetings.model]
    for day in meetings.awaiting_agenda(conn, today, kinds[0]):
        date_text = day.isoformat()
        if today >= meeting_dates.circulation_day(config.meetings, day, config.documents.circulate_working_days):
            report = circulate(conn, config, home, day, kinds, send=True)
            atomic_write(home / "documents" / date_text / "circulation-report.txt", "\n".join(report.lines()) + "\n")
            reports.append(report)
    return reports
