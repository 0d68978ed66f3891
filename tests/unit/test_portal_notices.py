"""Secure-portal notices, each modelled on its service's public description (cited in
intake/data/portals.toml): the notice is named by its headers, its attachment or its wording, and an
ordinary message that only mentions a portal is not taken for one. Senders and addresses are invented;
no link is ever opened (there is nothing listening at these addresses)."""
from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from intake import portals
from intake.attachments import read_letter
from intake.body import read_body
from marac.config import ConfigError, load
from tests.conftest import write_config

SENDER = "pc.4521@exampleshire.police.uk"
EGRESS = "Egress (Egress Switch / Egress Protect, NHSmail encryption)"
RPMSG = "Microsoft Purview Message Encryption (a protected message.rpmsg)"
OME = "Microsoft Purview Message Encryption (Office 365 Message Encryption)"


def _message(text: str, subject: str = "MARAC referral", html: str | None = None,
             files: list[tuple[str, str, bytes]] = (), headers: dict[str, str] | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = SENDER
    msg["To"] = "marac@exampleshire.gov.uk"
    msg["Subject"] = subject
    msg.set_content(text)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    for name, ctype, data in files:
        maintype, _, subtype = ctype.partition("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    for name, value in (headers or {}).items():
        msg[name] = value  # after the content: setting content clears every Content-* header
    return bytes(msg)


def _notice(raw: bytes, extra: Path | None = None) -> portals.Notice | None:
    """What the pipeline asks of a message with no form."""
    return portals.notice_in(raw, read_letter(raw), read_body(raw), portals.load(extra))


def test_egress_switch_notice_is_named_and_the_desk_says_to_open_the_link_not_the_service():
    raw = _message(
        "This email has been sent to you securely using Egress Switch.\n\nClick to read this secure email online.\n",
        html='<p>This email has been sent to you securely using Egress Switch.</p>'
             '<p><a href="https://switch.egress.com/ui/read.aspx?id=EXAMPLE">Click to read this secure email online'
             '</a></p>')
    notice = _notice(raw)
    assert notice is not None and notice.portal == EGRESS
    assert "Egress" in notice.title and "could not read it" in notice.title
    assert "browser" in notice.what_to_do and "never follows a link" in notice.what_to_do
    assert "save the referral form" in notice.what_to_do and "exceptions/approved/" in notice.what_to_do


def test_nhsmail_private_post_notice_with_its_encrypted_message_file():
    raw = _message("PRIVATE AND CONFIDENTIAL\n\nYou have received an email message secured by Private Post. Please "
                   "open the file called Encrypted_Message.htm to read the message.\n",
                   files=[("Encrypted_Message.htm", "text/html", b"<html><body>Open Message</body></html>")])
    assert _notice(raw).portal == "NHSmail encryption (Private Post)"


@pytest.mark.parametrize("sign", ["file name", "content type", "header"])
def test_a_rights_protected_outlook_message_is_known_by_any_one_of_its_signs(sign):
    """message.rpmsg of type application/x-microsoft-rpmsg-message, in a message marked
    Content-Class: rpmsg.message; a client may keep only one of the three (a forward, a gateway)."""
    blob = b"\x76\xe8\x04\x60\xc4\x11\xe3\x86" + bytes(200)  # the .rpmsg magic number, then nothing real
    name = "message.rpmsg" if sign == "file name" else "attachment.bin"
    ctype = "application/x-microsoft-rpmsg-message" if sign == "content type" else "application/octet-stream"
    headers = {"Content-Class": "rpmsg.message"} if sign == "header" else None
    raw = _message("This message is protected. Open it in Outlook.", files=[(name, ctype, blob)], headers=headers)
    notice = _notice(raw)
    assert notice is not None and notice.portal == RPMSG
    assert "Outlook" in notice.what_to_do


def test_office_365_message_encryption_with_message_html():
    raw = _message("You've received an encrypted message from " + SENDER + "\nTo view your message\nSave and open "
                   "the attached file (message.html) and follow the instructions. Use a one-time passcode if you "
                   "do not have a Microsoft account.\n",
                   files=[("message.html", "text/html", b"<html><form>VIEW YOUR ENCRYPTED MESSAGE</form></html>")])
    assert _notice(raw).portal == OME


def test_purview_notice_linking_to_the_encryption_portal():
    raw = _message(f"{SENDER} has sent you a protected message.\n\nRead the message\n",
                   html=f'<p>{SENDER} has sent you a protected message.</p><a href="https://outlook.office365.com/'
                        'Encryption/retrieve.ashx?recipientemailaddress=marac%40exampleshire.gov.uk&amp;id=EXAMPLE">'
                        'Read the message</a>')
    assert _notice(raw).portal == OME


def test_mimecast_secure_messaging_notification():
    raw = _message("Exampleshire Police has sent you a secure message. Click the link below to view it in the "
                   "Secure Messaging Portal.\nhttps://login-uk.mimecast.com/m/secure-messaging/?id=EXAMPLE\n",
                   subject="You've been sent a secure message")
    assert _notice(raw).portal == "Mimecast Secure Messaging"


def test_proofpoint_encryption_notice_with_its_secure_message_attachment():
    raw = _message("You have received a secure, encrypted message from " + SENDER + ".\nClick here to read it "
                   "before 07/12/2026, or open the attachment and click 'Click to read message'.\n",
                   html='<p>You have received a secure, encrypted message.</p><a href="https://securemail.exampleshire'
                        '.police.uk/formpostdir/securereader?id=EXAMPLE">Click here</a>',
                   files=[("SecureMessageAtt.html", "text/html", b"<html><form>Click to read message</form></html>")])
    assert _notice(raw).portal == "Proofpoint Encryption"


def test_galaxkey_secured_email_carries_its_content_as_a_gxk_file():
    raw = _message("This email has been secured by Galaxkey.", files=[("referral.gxk", "application/octet-stream",
                                                                         bytes(64))])
    assert _notice(raw).portal == "Galaxkey"


def test_an_unnamed_secure_email_service_is_still_recognised_by_what_such_notices_share():
    raw = _message("You have a new secure message waiting. Click here to read it in the secure message centre. "
                   "You will need to register the first time.\n")
    notice = _notice(raw)
    assert notice is not None and "not recognised" in notice.portal


@pytest.mark.parametrize("text", [
    "Hi, the DASH will follow via Egress Switch tomorrow as our secure email is down today. Thanks, Alex",
    ("Referral to follow.\n\nThis email and any files are confidential. Our Egress secure email service is used "
     "for sensitive information; please read the message carefully."),
    "Please call me about the case.\n\nSent from the Exampleshire Police Mimecast-protected mailbox",
])
def test_an_ordinary_message_that_mentions_a_portal_is_not_a_notice(text):
    assert _notice(_message(text)) is None


def test_an_administrator_adds_a_portal_and_it_is_tried_first(tmp_path):
    own = tmp_path / "portals.toml"
    own.write_text("[[portal]]\nname = \"Exampleshire Council Secure Mail\"\n"
                   "open = \"Sign in to the council's secure mail site with the MARAC mailbox's account\"\n"
                   "wording = ['exampleshire secure mail', 'securemail\\.exampleshire\\.gov\\.uk']\n")
    raw = _message("A message is waiting for you on Exampleshire Secure Mail: "
                   "https://securemail.exampleshire.gov.uk/read/EXAMPLE (register if asked)")
    assert _notice(raw) is None  # not a service the packaged patterns know
    notice = _notice(raw, own)
    assert notice.portal == "Exampleshire Council Secure Mail"
    assert notice.what_to_do.startswith("Sign in to the council's secure mail site")
    assert _notice(_message("sent to you securely using Egress. Read this secure email online."), own).portal == EGRESS


def test_a_mistake_in_the_administrators_file_stops_the_configuration_with_one_plain_sentence(tmp_path):
    own = tmp_path / "portals.toml"
    own.write_text("[[portal]]\nname = \"Broken\"\nwording = ['secure (mail']\n")
    config = write_config(tmp_path, {"[security]\n": f"[security]\nportal_patterns = '{own}'\n"})
    with pytest.raises(ConfigError) as caught:
        load(config)
    said = " ".join(caught.value.problems if hasattr(caught.value, "problems") else [str(caught.value)])
    assert "portal 'Broken'" in said and "not a valid pattern" in said and "Traceback" not in said
    own.write_text("[[portal]]\nname = \"Fine\"\nwording = ['secure mail']\n")
    assert load(config).security.portal_patterns == own


def test_an_administrators_file_gone_since_start_up_leaves_the_packaged_patterns_working(tmp_path):
    raw = _message("This email has been sent to you securely using Egress Switch. Read this secure email online.")
    assert _notice(raw, tmp_path / "deleted-after-check-config.toml").portal == EGRESS
