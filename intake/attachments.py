"""From a raw message to the files a referrer attached, the way real mail clients attach them.

Attachments come inline (Apple Mail), as application/octet-stream, without Content-Disposition, with
RFC 2231 or encoded-word names, or inside a forwarded message (message/rfc822). Anything that looks
like a form by its bytes or its name is a candidate; the rest (logos, signatures) is listed but not
parsed.
"""
from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from email.utils import getaddresses, parseaddr

from parsers import sniff

FORM_KINDS = {"pdf", "docx", "ole"}
FORM_SUFFIXES = (".pdf", ".docx", ".doc", ".docm", ".dotx")
BODY_TYPES = {"text/plain", "text/html", "text/enriched", "text/calendar"}


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes

    @property
    def looks_like_form(self) -> bool:
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
    """A file name that cannot climb out of a folder or hide from a person."""
    base = re.split(r"[\\/]", name)[-1]
    base = re.sub(r"[\x00-\x1f<>:\"|?*]", "_", base).strip(" .")
    return base[:150] or f"attachment-{index}"


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


def _walk(msg: Message, letter: Letter, depth: int = 0) -> None:
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
            letter.defects.append(f"an attachment ({name or ctype}) could not be decoded")
            continue
        index = len(letter.attachments) + 1
        attachment = Attachment(_safe_name(name or f"attachment-{index}", index), ctype, data)
        if attachment.looks_like_form:
            letter.attachments.append(attachment)
        else:
            letter.ignored.append(attachment.filename)
            letter.attachments.append(attachment)


def read_letter(raw: bytes) -> Letter:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    try:
        sender = parseaddr(str(msg.get("From", "")))[1] or None
    except (TypeError, ValueError, IndexError):
        sender = None
    try:
        subject = str(msg.get("Subject", "") or "")
    except (TypeError, ValueError, IndexError):
        subject = ""
    message_id = (str(msg.get("Message-ID", "")).strip() or None) if msg.get("Message-ID") else None
    letter = Letter(sender=sender, subject=subject, message_id=message_id)
    letter.defects.extend(type(d).__name__ for d in msg.defects)
    _walk(msg, letter)
    return letter


def recipients_of(raw_header: str) -> list[str]:
    return [addr for _, addr in getaddresses([raw_header]) if addr]
