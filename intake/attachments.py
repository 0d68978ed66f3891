"""From a raw message to the files a referrer attached, the way real mail clients attach them.

Attachments come inline (Apple Mail), as application/octet-stream, without Content-Disposition, with
RFC 2231 or encoded-word names, or inside a forwarded message (message/rfc822). Files packed in a zip,
an Outlook item (.msg) or a winmail.dat are taken out with limits (`intake.containers`) and stand in
for their container; a container that is refused is kept as it came, never read as a form, and says
why in `defects`. A password-protected file (Word, Excel, PDF, zip, 7z) is opened with the passwords
given, tried in turn: it stays as sent (`sealed`, passed on and kept as it came) and what it held is
read from memory (`private`); one no password opens is `locked`. Anything that looks like a form by its
bytes or its name is a candidate; the rest (logos, signatures) is listed but not parsed. `defects`
holds plain sentences for the coordinator.
"""
from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parseaddr

from parsers import sniff

from . import containers, plain
from .active import is_executable, pdf_active_content
from .containers import Budget, Limits
from .identity import header_block_end

FORM_KINDS = {"pdf", "docx", "ole", "odt", "rtf"}
# A scan or photo of a form is a candidate; a logo or a signature's picture is not: too small a file, or
# shown in the message's own HTML (an <img src="cid:..."> of an inline part). The form reader also
# passes over an image too few pixels across to be a page (parsers.ocr.image.MIN_SIDE), saying nothing.
MIN_FORM_IMAGE_BYTES = 40_000
FORM_SUFFIXES = (".pdf", ".docx", ".doc", ".docm", ".dotx", ".odt", ".rtf")
_CID = re.compile(rb"""cid:([^"'\s>)]+)""", re.IGNORECASE)
BODY_TYPES = {"text/plain", "text/html", "text/enriched", "text/calendar"}


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes
    unopened: bool = False  # a zip, Outlook item or winmail.dat that was refused: kept, never parsed
    # Password-protected as sent: `locked` when no password opened it, `sealed` when one did (what it
    # held follows as `private` files). Either way kept and passed on as sent, never read itself.
    locked: bool = False
    sealed: bool = False
    private: bool = False  # opened with a password: read, never kept on disk nor passed on
    inline: bool = False  # a picture the message's HTML shows (a logo): never a form

    @property
    def held_back(self) -> bool:
        """A program or script: passed on to nobody, kept for the coordinator."""
        return is_executable(self.filename, self.data)

    @property
    def looks_like_form(self) -> bool:
        if self.unopened or self.held_back or self.locked or self.sealed:
            return False
        kind = sniff(self.data, self.filename)
        if kind == "image":
            return not self.inline and len(self.data) >= MIN_FORM_IMAGE_BYTES
        return kind in FORM_KINDS or self.filename.lower().endswith(FORM_SUFFIXES)


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


def _add(letter: Letter, name: str | None, ctype: str, data: bytes, unopened: bool = False, *,
         locked: bool = False, sealed: bool = False, private: bool = False, inline: bool = False) -> None:
    index = len(letter.attachments) + 1
    attachment = Attachment(_safe_name(name or f"attachment-{index}", index), ctype, data, unopened, locked,
                            sealed, private, inline)
    if attachment.held_back:
        letter.defects.append(f"{attachment.filename} is a program or script, so it was not passed on to "
                              "anyone: the coordinator has it on the desk")
    elif attachment.looks_like_form:
        for what in pdf_active_content(data):
            letter.defects.append(f"the PDF {attachment.filename} carries {what}: it was read and forwarded as "
                                  "usual, but open it with care")
    if not (attachment.looks_like_form or locked or sealed or private):
        letter.ignored.append(attachment.filename)
    letter.attachments.append(attachment)


def _take(letter: Letter, budget: Budget, name: str | None, ctype: str, data: bytes, depth: int = 0,
          zips: int = 0, private: bool = False) -> None:
    """One file: kept as it is, or, if it is a container, replaced by the files inside it; if it is
    password-protected, kept as sent (sealed) beside what a password opened (private), or locked."""
    kind = containers.kind_of(name or "", ctype, data)
    lock = containers.lock_of(data) if kind is None and budget.open_containers else None
    if kind is None and lock is None:
        _add(letter, name, ctype, data, private=private)
        return
    if not budget.open_containers:  # a sender not yet trusted: nothing is unpacked for them
        _add(letter, name, ctype, data, unopened=True)
        return
    shown = name or f"attachment-{len(letter.attachments) + 1}"
    try:
        if kind == "eml":
            containers.admit(containers.label(kind, shown), depth, budget)
            before = len(letter.attachments)
            _walk(email.message_from_bytes(data, policy=email.policy.default), letter, budget, depth + 1, zips,
                  private)
            if len(letter.attachments) == before:
                _add(letter, name, ctype, data, private=private)  # an email with nothing attached: read by hand
            return
        if lock is not None:
            opened = containers.open_document(lock, shown, data, depth, zips, budget)
            if opened is None:  # a PDF with only an owner password: read as it is
                _add(letter, name, ctype, data, private=private)
                return
            found, notes = [opened], []
        else:
            found, notes = containers.unpack(kind or "", shown, data, depth, zips, budget)
    except containers.Locked as locked:
        letter.defects.append(locked.sentence)
        _add(letter, name, ctype, data, locked=True, private=private)
        return
    except containers.Refused as refused:
        letter.defects.append(refused.sentence)
        _add(letter, name, ctype, data, unopened=True, private=private)
        return
    letter.defects.extend(notes)
    if not found:  # kept whole, for the coordinator to open by hand
        if not notes:
            letter.defects.append(f"{containers.label(kind or '', shown)} holds no attached files")
        _add(letter, name, ctype, data, unopened=True, private=private)
        return
    if any(item.private for item in found):  # the file as sent stands for what a password opened
        _add(letter, name, ctype, data, sealed=True, private=private)
    for item in found:
        _take(letter, budget, item.name, item.content_type, item.data, item.depth, item.zips,
              private or item.private)


def _content_id(part: Message) -> str | None:
    value = part.get("Content-ID")
    return str(value).strip().strip("<>").lower() or None if value else None


def _shown_in_html(msg: Message) -> set[str]:
    """The Content-IDs the message's HTML bodies show as pictures (src="cid:...")."""
    found: set[str] = set()
    for part in msg.walk():
        if part.get_content_type() != "text/html" or part.get_content_disposition() == "attachment":
            continue
        try:
            html = part.get_payload(decode=True)
        except (ValueError, TypeError, LookupError):
            continue
        if isinstance(html, bytes):
            found.update(m.decode("ascii", "replace").lower() for m in _CID.findall(html))
    return found


def _walk(msg: Message, letter: Letter, budget: Budget, depth: int = 0, zips: int = 0,
          private: bool = False) -> None:
    shown = _shown_in_html(msg)
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
        if _content_id(part) in shown:  # a logo or picture in the message's own HTML: never a form
            _add(letter, name, ctype, data, private=private, inline=True)
            continue
        _take(letter, budget, name, ctype, data, depth, zips, private)


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


def read_letter(raw: bytes, limits: Limits | None = None, open_containers: bool = True,
                passwords: tuple[str, ...] = ()) -> Letter:
    """Never raises for hostile input: what cannot be read becomes a sentence in `defects`.

    With `open_containers` False, zips, Outlook items and winmail.dat are kept whole and not opened:
    for a message whose sender failed the checks, which must cost the service next to nothing.
    `passwords` are tried in turn on password-protected files; they appear in no sentence."""
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
        _walk(msg, letter, Budget(limits or Limits(), open_containers=open_containers, passwords=tuple(passwords)))
    except Exception as exc:  # noqa: BLE001 - e.g. forwards nested thousands deep; keep what was found
        letter.defects.append(f"part of the email could not be read ({type(exc).__name__}), so an attachment "
                              "may be missing: check message.eml")
    return letter


def recipients_of(raw_header: str) -> list[str]:
    return [addr for _, addr in getaddresses([raw_header]) if addr]
