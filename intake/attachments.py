"""From a raw message to the files a referrer attached, the way real mail clients attach them.

Attachments come inline (Apple Mail), as application/octet-stream, without Content-Disposition, with
RFC 2231 or encoded-word names, or inside a forwarded message (message/rfc822). Files packed in a zip,
an Outlook item (.msg) or a winmail.dat are taken out with limits (`intake.containers`) and stand in
for their container; a container that is refused is kept as it came, never read as a form, and says
why in `defects`. Anything that looks like a form by its bytes or its name is a candidate; the rest
(logos, signatures) is listed but not parsed. `defects` holds plain sentences for the coordinator.
"""
from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parseaddr

from parsers import sniff

from . import containers, plain
from .active import is_executable, pdf_active_content
from .containers import Budget, Limits
from .identity import header_block_end

FORM_KINDS = {"pdf", "docx", "ole"}
FORM_SUFFIXES = (".pdf", ".docx", ".doc", ".docm", ".dotx")
BODY_TYPES = {"text/plain", "text/html", "text/enriched", "text/calendar"}


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes
    unopened: bool = False  # a zip, Outlook item or winmail.dat that was refused: kept, never parsed

    @property
    def held_back(self) -> bool:
        """A program or script: passed on to nobody, kept for the coordinator."""
        return is_executable(self.filename, self.data)

    @property
    def looks_like_form(self) -> bool:
        if self.unopened or self.held_back:
            return False
        return sniff(self.data, self.filename) in FORM_KINDS or self.filename.lower().endswith(FORM_SUFFIXES)


@dataclass
class Letter:
    """What the pipeline needs from a message. Subject and sender stay out of logs."""
    sender: str | None
    subject: str
    message_id: str | None
    attachments: list[Attachment] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # file names of attachments that are not forms
    defects: list[str] = field(default_factory=list)

    @property
    def forms(self) -> list[Attachment]:
        return [a for a in self.attachments if a.looks_like_form]


def _safe_name(name: str, index: int) -> str:
    """A file name that cannot climb out of a folder, nor hide or reorder what a person sees."""
    return plain.file_name(name, f"attachment-{index}")


def _name_of(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except (TypeError, ValueError, LookupError):
        return None
    if name:
        return str(name)
    ctype_name = part.get_param("name")  # old clients put the name only in Content-Type
    if isinstance(ctype_name, tuple):
        ctype_name = email.utils.collapse_rfc2231_value(ctype_name)
    return str(ctype_name) if ctype_name else None


def _add(letter: Letter, name: str | None, ctype: str, data: bytes, unopened: bool = False) -> None:
    index = len(letter.attachments) + 1
    attachment = Attachment(_safe_name(name or f"attachment-{index}", index), ctype, data, unopened)
    if attachment.held_back:
        letter.defects.append(f"{attachment.filename} is a program or script, so it was not passed on to "
                              "anyone: the coordinator has it on the desk")
    elif attachment.looks_like_form:
        for what in pdf_active_content(data):
            letter.defects.append(f"the PDF {attachment.filename} carries {what}: it was read and forwarded as "
                                  "usual, but open it with care")
    if not attachment.looks_like_form:
        letter.ignored.append(attachment.filename)
    letter.attachments.append(attachment)


def _take(letter: Letter, budget: Budget, name: str | None, ctype: str, data: bytes, depth: int = 0,
          zips: int = 0) -> None:
    """One file: kept as it is, or, if it is a container, replaced by the files inside it."""
    kind = containers.kind_of(name or "", ctype, data)
    if kind is None:
        _add(letter, name, ctype, data)
        return
    if not budget.open_containers:  # a sender not yet trusted: nothing is unpacked for them
        _add(letter, name, ctype, data, unopened=True)
        return
    shown = name or f"attachment-{len(letter.attachments) + 1}"
    try:
        if kind == "eml":
            containers.admit(containers.label(kind, shown), depth, budget)
            before = len(letter.attachments)
            _walk(email.message_from_bytes(data, policy=email.policy.default), letter, budget, depth + 1, zips)
            if len(letter.attachments) == before:
                _add(letter, name, ctype, data)  # an email with nothing attached: keep it to read by hand
            return
        found, notes = containers.unpack(kind, shown, data, depth, zips, budget)
    except containers.Refused as refused:
        letter.defects.append(refused.sentence)
        _add(letter, name, ctype, data, unopened=True)
        return
    letter.defects.extend(notes)
    if not found:  # kept whole, for the coordinator to open by hand
        if not notes:
            letter.defects.append(f"{containers.label(kind, shown)} holds no attached files")
        _add(letter, name, ctype, data, unopened=True)
        return
    for item in found:
        _take(letter, budget, item.name, item.content_type, item.data, item.depth, item.zips)


def _walk(msg: Message, letter: Letter, budget: Budget, depth: int = 0, zips: int = 0) -> None:
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        name = _name_of(part)
        disposition = part.get_content_disposition()
        if ctype in BODY_TYPES and name is None and disposition != "attachment":
            continue
        try:
            data = part.get_payload(decode=True)
        except (ValueError, TypeError, LookupError):
            data = None
        if not isinstance(data, bytes):
            letter.defects.append(f"an attachment ({containers.printable(name or ctype)}) could not be decoded")
            continue
        _take(letter, budget, name, ctype, data, depth, zips)


def header_text(value: str) -> str:
    """A raw header value as text: raw UTF-8 (SMTPUTF8 mail) arrives as surrogate escapes."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def header_block(raw: bytes) -> Message:
    """Only the message's headers, parsed without reading the body: the email parser otherwise walks
    every line of every attachment, which costs more than anything else the service does with a message."""
    head = raw[: header_block_end(raw) + 2]
    return BytesHeaderParser(policy=email.policy.compat32).parsebytes(head)


def from_addresses(raw: bytes) -> list[str]:
    """Every address in every From header, as the classic and the structured parser read it.

    Both are asked because they disagree on malformed headers; the structured parser also keeps an
    encoded-word display name ("=?utf-8?q?pc=40police.uk?=") from posing as an address.
    """
    headers = header_block(raw)
    values = [header_text(str(v)) for n, v in headers.raw_items() if n.lower() == "from"]
    found = [addr for _, addr in getaddresses(values)]
    for value in values:
        try:
            found += [str(a.addr_spec) for a in email.policy.default.header_factory("From", value).addresses]
        except Exception:  # noqa: BLE001, S110 - the structured parser on hostile text: the classic reading stands
            pass
    return list(dict.fromkeys(a.strip() for a in found if a and a.strip()))


def sender_of(raw: bytes) -> str | None:
    """The first From address (the structured parser's reading first), from the headers alone."""
    headers = header_block(raw)
    for name, value in headers.raw_items():
        if name.lower() == "from":
            try:
                addresses = email.policy.default.header_factory("From", header_text(str(value))).addresses
                if addresses and addresses[0].addr_spec:
                    return str(addresses[0].addr_spec)
            except Exception:  # noqa: BLE001, S110 - fall back to the classic parser below
                pass
            return parseaddr(header_text(str(value)))[1] or None
    return None


def read_letter(raw: bytes, limits: Limits | None = None, open_containers: bool = True) -> Letter:
    """Never raises for hostile input: what cannot be read becomes a sentence in `defects`.

    With `open_containers` False, zips, Outlook items and winmail.dat are kept whole and not opened:
    for a message whose sender failed the checks, which must cost the service next to nothing."""
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
    except Exception as exc:  # noqa: BLE001 - the email package is meant not to raise; just in case
        return Letter(None, "", None, defects=[f"the email could not be read at all ({type(exc).__name__})"])
    assert isinstance(msg, EmailMessage)
    try:
        subject = str(msg.get("Subject", "") or "")
    except (TypeError, ValueError, IndexError):
        subject = ""
    try:
        message_id = (str(msg.get("Message-ID", "")).strip() or None) if msg.get("Message-ID") else None
    except (TypeError, ValueError, IndexError):
        message_id = None
    try:
        sender = sender_of(raw)
    except Exception:  # noqa: BLE001
        sender = None
    letter = Letter(sender=sender, subject=subject, message_id=message_id)
    if msg.defects:
        names = ", ".join(sorted({type(d).__name__ for d in msg.defects}))
        letter.defects.append(f"the email is not well formed ({names}), so an attachment may be missing: "
                              "check message.eml")
    try:
        _walk(msg, letter, Budget(limits or Limits(), open_containers=open_containers))
    except Exception as exc:  # noqa: BLE001 - e.g. forwards nested thousands deep; keep what was found
        letter.defects.append(f"part of the email could not be read ({type(exc).__name__}), so an attachment "
                              "may be missing: check message.eml")
    return letter


def recipients_of(raw_header: str) -> list[str]:
    return [addr for _, addr in getaddresses([raw_header]) if addr]
