"""The copy of a referral that goes to the IDVA service at once: the original files, and a subject and
body that name the case, never the victim."""
from __future__ import annotations

import binascii
import datetime as dt
import email.policy
import hashlib
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from intake.attachments import Attachment
from parsers.text import BODY_FILENAME


def idva_message_id(content_hash: str, mailbox_address: str) -> str:
    """Stable across retries and restarts, so a resend is recognisably the same message."""
    return f"<idva-copy.{content_hash[:32]}@{mailbox_address.rpartition('@')[2]}>"


def _held_back_note(attachments: list[Attachment]) -> str:
    held = [a.filename for a in attachments if a.held_back]
    if not held:
        return ""
    return (f"\n{len(held)} attached file(s) were held back because they are programs or scripts "
            f"({', '.join(held)}); the MARAC coordinator has them if they are needed.\n")


def _locked_note(attachments: list[Attachment]) -> str:
    locked = [a.filename for a in attachments if a.locked or a.sealed]
    if not locked:
        return ""
    one = len(locked) == 1
    return (f"\n{', '.join(locked)} {'is' if one else 'are'} password-protected as the referrer sent "
            f"{'it' if one else 'them'}: ask the referrer for the password by phone.\n")


def build_idva_copy(*, case_number: str, area_name: str, mailbox_address: str, idva_address: str,
                    agency: str | None, received: dt.datetime, attachments: list[Attachment],
                    message_id: str, for_review: bool) -> bytes:
    msg = EmailMessage()
    msg["From"] = mailbox_address
    msg["To"] = idva_address
    msg["Subject"] = f"MARAC referral {case_number}: copy for the IDVA service"
    msg["Message-ID"] = message_id
    msg["Date"] = format_datetime(received.astimezone(dt.timezone.utc))
    msg["Sensitivity"] = "Company-Confidential"
    review = ("\nThe coordinator is checking this referral before it is listed; you will not need to do "
              "anything different, but some details on the form may be corrected.\n" if for_review else "")
    # A refused container (a zip bomb, say) or a program is not passed on; the coordinator has it. What a
    # password opened is not passed on either: the file goes as the referrer sent it, still locked.
    passed_on = [a for a in attachments if not (a.unopened or a.held_back or a.private)]
    # Never say a referral is attached when none is: the IDVA would look for it and lose time.
    attached = ("The referral exactly as the referrer sent it is attached." if passed_on else
                "No file is attached to this copy: ask the MARAC coordinator for the referral.")
    if any(a.filename == BODY_FILENAME for a in passed_on):  # no form: the referrer typed it into the email
        attached = (f"The referrer wrote the referral in the email itself, not on a form: its text is attached "
                    f"as {BODY_FILENAME}, with any other files they sent.")
    msg.set_content(
        f"A referral to {area_name} has been received.\n\n"
        f"Case number: {case_number}\n"
        f"Referring agency: {agency or 'not stated on the form'}\n"
        f"Received: {received.astimezone(dt.timezone.utc):%d %B %Y %H:%M} UTC\n"
        f"{review}\n"
        f"{attached} Please quote the case number, not the victim's name, in any reply.\n"
        + _held_back_note(attachments) + _locked_note(passed_on))
    if not passed_on:
        return msg.as_bytes(policy=email.policy.SMTP)  # CRLF line ends, as SMTP requires
    return _multipart(msg, passed_on, message_id)


def _multipart(msg: EmailMessage, attachments: list[Attachment], message_id: str) -> bytes:
    """The message with its files attached, written directly: the email package's generator handles a
    large file line by line in Python (seconds for a 20 MB scan), base64 here is one C call per file.
    Headers still come from the email package, so names and folding follow the standards."""
    smtp = email.policy.SMTP
    boundary = "=_marac_" + hashlib.sha256(message_id.encode()).hexdigest()[:24]
    body = EmailMessage()
    body.set_content(msg.get_content())
    del body["MIME-Version"]  # said once, at the top
    head = EmailMessage()
    for name, value in msg.items():
        if name.lower() not in ("content-type", "content-transfer-encoding", "mime-version"):
            head[name] = value
    head["MIME-Version"] = "1.0"
    head["Content-Type"] = f'multipart/mixed; boundary="{boundary}"'
    out = [_headers(head), b"\r\n", b"--" + boundary.encode() + b"\r\n", body.as_bytes(policy=smtp)]
    for item in attachments:
        maintype, _, subtype = item.content_type.partition("/")
        if maintype in ("", "text", "multipart", "message") or not subtype:
            maintype, subtype = "application", "octet-stream"
        part = EmailMessage()
        part["Content-Type"] = f"{maintype}/{subtype}"
        part.add_header("Content-Disposition", "attachment", filename=item.filename)
        part["Content-Transfer-Encoding"] = "base64"
        out += [b"\r\n--" + boundary.encode() + b"\r\n", _headers(part), b"\r\n",
                _base64_lines(item.data)]
    out.append(b"\r\n--" + boundary.encode() + b"--\r\n")
    return b"".join(out)


def _base64_lines(data: bytes) -> bytes:
    """Base64 in 76-character lines ending CRLF, as MIME wants (one C call, then slices)."""
    encoded = binascii.b2a_base64(data, newline=False)
    return b"".join(encoded[i:i + 76] + b"\r\n" for i in range(0, len(encoded), 76))


def _headers(msg: EmailMessage) -> bytes:
    return b"".join(email.policy.SMTP.fold_binary(name, value) for name, value in msg.items())


__all__ = ["build_idva_copy", "idva_message_id", "make_msgid"]
