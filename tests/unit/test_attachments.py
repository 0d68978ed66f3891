"""Attachments the way real mail clients send them are all found; bodies and logos are not forms."""
from __future__ import annotations

from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from intake.attachments import read_letter

PDF_BYTES = b"%PDF-1.7\n% invented test bytes\n"


def test_octet_stream_without_disposition_and_rfc2231_name():
    outer = MIMEMultipart()
    outer["From"] = "Referrer <referrer@exampleshire.police.uk>"
    outer.attach(MIMEText("See attached."))
    part = MIMEApplication(PDF_BYTES, "octet-stream")
    part.set_param("name", ("utf-8", "", "Référral form.pdf"))  # RFC 2231 in Content-Type only
    outer.attach(part)
    letter = read_letter(outer.as_bytes())
    assert [(a.filename, a.data) for a in letter.forms] == [("Référral form.pdf", PDF_BYTES)]
    assert letter.sender == "referrer@exampleshire.police.uk"


def test_inline_attachment_with_encoded_word_name_and_a_logo():
    raw = (b"From: hv@nhs.net\r\nSubject: =?utf-8?q?Referral?=\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/related; boundary=BB\r\n\r\n--BB\r\nContent-Type: text/html\r\n\r\n<p>Hi</p>\r\n"
           b"--BB\r\nContent-Type: image/png; name=logo.png\r\nContent-Disposition: inline; filename=logo.png\r\n"
           b"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
           b"--BB\r\nContent-Type: application/pdf\r\nContent-Disposition: inline;\r\n filename=\"=?utf-8?b?RGHDq3NoLnBkZg==?=\"\r\n"
           b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjcKJSBpbnZlbnRlZCB0ZXN0IGJ5dGVzCg==\r\n--BB--\r\n")
    letter = read_letter(raw)
    assert [a.filename for a in letter.forms] == ["Daësh.pdf"]
    assert letter.forms[0].data == PDF_BYTES
    assert letter.ignored == ["logo.png"]


def test_a_forwarded_message_carries_its_attachments_through():
    inner = EmailMessage()
    inner["From"] = "pc@exampleshire.police.uk"
    inner["Subject"] = "referral"
    inner.set_content("attached")
    inner.add_attachment(PDF_BYTES, maintype="application", subtype="pdf", filename="referral.pdf")
    outer = EmailMessage()
    outer["From"] = "sergeant@exampleshire.police.uk"
    outer["Subject"] = "FW: referral"
    outer.set_content("forwarding")
    outer.add_attachment(inner)
    letter = read_letter(bytes(outer))
    assert [a.filename for a in letter.forms] == ["referral.pdf"]


def test_a_hostile_file_name_cannot_climb_out_of_a_folder():
    msg = EmailMessage()
    msg.set_content("x")
    msg.add_attachment(PDF_BYTES, maintype="application", subtype="pdf", filename="../../etc/passwd.pdf")
    assert [a.filename for a in read_letter(bytes(msg)).forms] == ["passwd.pdf"]
