"""The copy of a referral that goes to the IDVA service at once: the original files, and a subject and
body that name the case, never the victim."""
from __future__ import annotations

import email.policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
import datetime as dt

from intake.attachments import Attachment


def idva_message_id(content_hash: str, mailbox_address: str) -> str:
    """Stable across retries and restarts, so a resend is recognisably the same message."""
    return f"<idva-copy.{content_hash[:32]}@{mailbox_address.rpartition('@')[2]}>"


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
    msg.set_content(
        f"A referral to {area_name} has been received.\n\n"
        f"Case number: {case_number}\n"
        f"Referring agency: {agency or 'not stated on the form'}\n"
        f"Received: {received.astimezone(dt.timezone.utc):%d %B %Y %H:%M} UTC\n"
        f"{review}\n"
        "The referral exactly as the referrer sent it is attached. Please quote the case number, "
        "not the victim's name, in any reply.\n")
    for item in attachments:
        if getattr(item, "unopened", False):
            continue  # a refused container (a zip bomb, say) is not passed on; the coordinator has it
        maintype, _, subtype = item.content_type.partition("/")
        if maintype in ("", "text", "multipart", "message"):
            maintype, subtype = "application", "octet-stream"
        msg.add_attachment(item.data, maintype=maintype, subtype=subtype or "octet-stream",
                           filename=item.filename)
    return msg.as_bytes(policy=email.policy.SMTP)  # CRLF line ends, as SMTP requires


__all__ = ["build_idva_copy", "idva_message_id", "make_msgid"]
