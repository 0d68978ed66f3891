"""Referrals as real mailboxes receive them, and who may send one.

Every message here is built the way the named client builds it; every case checks that the form's
exact bytes come out, or that a plain sentence says why not. Invented data only.

Fixtures made here rather than downloaded:
- Outlook .msg: a real Compound File (CFB) written by extract-msg's own OleWriter, laid out as
  MS-OXMSG describes (property streams, __substg1.0_ streams, attachment storages, an embedded item
  under __substg1.0_3701000D). extract-msg ships no sample .msg files in its wheel.
- winmail.dat: a TNEF stream written per MS-OXTNEF (signature, attribute records with checksums,
  attAttachRendData / attAttachTitle / attAttachData / attAttachment with MAPI properties).
  tnefparse ships no test data in its wheel.
- Encrypted zip: real traditional PKWARE (ZipCrypto) encryption, checked by decrypting it with
  zipfile and the password.
"""
from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib
from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest
from extract_msg.ole_writer import OleWriter

from generators.forms.docx_form import build_referral_docx
from generators.forms.pdf_form import build_referral_pdf
from intake.attachments import read_letter
from intake.containers import Limits, kind_of
from intake.sender_policy import parse_authentication_results, sender_problems
from marac.config import Agency

PDF = build_referral_pdf()
DOCX = build_referral_docx()
HOME = "Exampleshire Police <pc.4521@exampleshire.police.uk>"


def _b64_lines(data: bytes) -> bytes:
    import base64
    text = base64.b64encode(data)
    return b"\r\n".join(text[i:i + 76] for i in range(0, len(text), 76))


def _forms(raw: bytes, limits: Limits | None = None):
    letter = read_letter(raw, limits) if limits else read_letter(raw)
    return letter, [(a.filename, a.data) for a in letter.forms]


# -- how clients attach files --------------------------------------------------------------------

def test_apple_mail_inline_pdf_between_text_parts():
    """Apple Mail shows a PDF in the body: Content-Disposition inline with a filename, x-unix-mode."""
    raw = (b"From: " + HOME.encode() + b"\r\nTo: marac@exampleshire.gov.uk\r\nSubject: Referral\r\n"
           b"Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))\r\n"
           b"Content-Type: multipart/mixed;\r\n\tboundary=\"Apple-Mail=_1F2E3D4C\"\r\n\r\n"
           b"--Apple-Mail=_1F2E3D4C\r\nContent-Transfer-Encoding: 7bit\r\nContent-Type: text/plain;\r\n"
           b"\tcharset=us-ascii\r\n\r\nPlease find the referral.\r\n\r\n"
           b"--Apple-Mail=_1F2E3D4C\r\nContent-Disposition: inline;\r\n\tfilename=MARAC-referral.pdf\r\n"
           b"Content-Type: application/pdf;\r\n\tx-unix-mode=0644;\r\n\tname=\"MARAC-referral.pdf\"\r\n"
           b"Content-Transfer-Encoding: base64\r\n\r\n" + _b64_lines(PDF) + b"\r\n"
           b"--Apple-Mail=_1F2E3D4C\r\nContent-Transfer-Encoding: 7bit\r\nContent-Type: text/plain;\r\n"
           b"\tcharset=us-ascii\r\n\r\nThanks, PC 4521\r\n--Apple-Mail=_1F2E3D4C--\r\n")
    letter, forms = _forms(raw)
    assert forms == [("MARAC-referral.pdf", PDF)]
    assert letter.defects == [] and letter.ignored == []


def test_apple_mail_inline_pdf_inside_multipart_related():
    """HTML mail: alternative > related > (html, inline pdf)."""
    related = MIMEMultipart("related")
    related.attach(MIMEText("<p>Referral attached</p><img src=\"cid:ref\">", "html"))
    pdf = MIMEApplication(PDF, "pdf", name="Referral form.pdf")
    pdf.add_header("Content-Disposition", "inline", filename="Referral form.pdf")
    pdf.add_header("Content-Id", "<ref>")
    related.attach(pdf)
    alternative = MIMEMultipart("alternative")
    alternative.attach(MIMEText("Referral attached"))
    alternative.attach(related)
    alternative["From"] = HOME
    assert _forms(alternative.as_bytes())[1] == [("Referral form.pdf", PDF)]


def test_octet_stream_without_content_disposition():
    """Older clients and scanners: application/octet-stream, the name only in Content-Type."""
    raw = (b"From: " + HOME.encode() + b"\r\nSubject: scan\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\nscan\r\n"
           b"--XX\r\nContent-Type: application/octet-stream; name=\"SCAN0001.PDF\"\r\n"
           b"Content-Transfer-Encoding: base64\r\n\r\n" + _b64_lines(PDF) + b"\r\n--XX--\r\n")
    assert _forms(raw)[1] == [("SCAN0001.PDF", PDF)]


def test_octet_stream_without_any_name_is_still_found_by_its_bytes():
    raw = (b"From: " + HOME.encode() + b"\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n"
           b"--XX\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           + _b64_lines(PDF) + b"\r\n--XX--\r\n")
    assert _forms(raw)[1] == [("attachment-1", PDF)]


def test_rfc2231_continuation_name():
    """Thunderbird splits a long non-ASCII name: filename*0*=utf-8''...; filename*1*=..."""
    raw = (b"From: " + HOME.encode() + b"\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n"
           b"--XX\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nAttached.\r\n"
           b"--XX\r\nContent-Type: application/pdf;\r\n name*0*=utf-8''R%C3%A9f%C3%A9rral%20MARAC%20;\r\n"
           b" name*1*=%C3%89quipe%20Nord.pdf\r\nContent-Disposition: attachment;\r\n"
           b" filename*0*=utf-8''R%C3%A9f%C3%A9rral%20MARAC%20;\r\n filename*1*=%C3%89quipe%20Nord.pdf\r\n"
           b"Content-Transfer-Encoding: base64\r\n\r\n" + _b64_lines(PDF) + b"\r\n--XX--\r\n")
    assert _forms(raw)[1] == [("Référral MARAC Équipe Nord.pdf", PDF)]


def test_encoded_word_name():
    """Outlook and Gmail put RFC 2047 encoded-words in quoted names."""
    raw = (b"From: " + HOME.encode() + b"\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n"
           b"--XX\r\nContent-Type: text/plain\r\n\r\nx\r\n"
           b"--XX\r\nContent-Type: application/pdf; name=\"=?UTF-8?B?UsOpZsOpcnJhbCBmb3JtLnBkZg==?=\"\r\n"
           b"Content-Description: =?UTF-8?B?UsOpZsOpcnJhbCBmb3JtLnBkZg==?=\r\n"
           b"Content-Disposition: attachment; filename=\"=?UTF-8?B?UsOpZsOpcnJhbCBmb3JtLnBkZg==?=\"; size=1\r\n"
           b"Content-Transfer-Encoding: base64\r\n\r\n" + _b64_lines(PDF) + b"\r\n--XX--\r\n")
    assert _forms(raw)[1] == [("Référral form.pdf", PDF)]


def test_forward_as_attachment_from_outlook_on_the_web():
    """OWA's 'Forward as attachment': message/rfc822 with the original's own attachments inside."""
    inner = (b"From: PC 4521 <pc.4521@exampleshire.police.uk>\r\nTo: sergeant@exampleshire.police.uk\r\n"
             b"Subject: MARAC referral\r\nThread-Topic: MARAC referral\r\nContent-Language: en-GB\r\n"
             b"X-MS-Has-Attach: yes\r\nMIME-Version: 1.0\r\n"
             b"Content-Type: multipart/mixed; boundary=\"_004_AM0PR01MB_\"\r\n\r\n"
             b"--_004_AM0PR01MB_\r\nContent-Type: text/plain; charset=\"us-ascii\"\r\n\r\nReferral attached\r\n"
             b"--_004_AM0PR01MB_\r\nContent-Type: application/pdf; name=\"DASH and referral.pdf\"\r\n"
             b"Content-Description: DASH and referral.pdf\r\n"
             b"Content-Disposition: attachment; filename=\"DASH and referral.pdf\"; size=" + str(len(PDF)).encode()
             + b";\r\n\tcreation-date=\"Tue, 03 Nov 2026 09:12:01 GMT\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
             + _b64_lines(PDF) + b"\r\n--_004_AM0PR01MB_--\r\n")
    raw = (b"From: Sergeant 88 <sergeant@exampleshire.police.uk>\r\nTo: marac@exampleshire.gov.uk\r\n"
           b"Subject: FW: MARAC referral\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/mixed; boundary=\"_003_DB9PR01MB_\"\r\n\r\n"
           b"--_003_DB9PR01MB_\r\nContent-Type: multipart/alternative; boundary=\"_000_DB9PR01MB_\"\r\n\r\n"
           b"--_000_DB9PR01MB_\r\nContent-Type: text/plain; charset=\"us-ascii\"\r\n\r\nForwarding.\r\n"
           b"--_000_DB9PR01MB_\r\nContent-Type: text/html; charset=\"us-ascii\"\r\n\r\n<p>Forwarding.</p>\r\n"
           b"--_000_DB9PR01MB_--\r\n\r\n"
           b"--_003_DB9PR01MB_\r\nContent-Type: message/rfc822\r\n"
           b"Content-Disposition: attachment;\r\n\tcreation-date=\"Tue, 03 Nov 2026 09:15:00 GMT\"\r\n\r\n"
           + inner + b"\r\n--_003_DB9PR01MB_--\r\n")
    letter, forms = _forms(raw)
    assert forms == [("DASH and referral.pdf", PDF)]
    assert letter.sender == "sergeant@exampleshire.police.uk"


def test_a_forwarded_eml_sent_as_octet_stream_is_opened():
    inner = EmailMessage()
    inner["From"] = "pc.4521@exampleshire.police.uk"
    inner.set_content("referral")
    inner.add_attachment(PDF, maintype="application", subtype="pdf", filename="referral.pdf")
    outer = EmailMessage()
    outer["From"] = HOME
    outer.set_content("see the attached email")
    outer.add_attachment(bytes(inner), maintype="application", subtype="octet-stream", filename="Referral.eml")
    assert _forms(bytes(outer))[1] == [("referral.pdf", PDF)]


# -- Outlook items (.msg) ------------------------------------------------------------------------

def _prop(tag: int, value: int = 0) -> bytes:
    return struct.pack("<IIQ", tag, 6, value)  # tag, flags (readable|writable), value


def _u16(text: str) -> bytes:
    return text.encode("utf-16-le")


def _msg_item(ole: OleWriter, prefix: list[str], subject: str, attachments: list, top: bool) -> None:
    count = len(attachments)
    header = struct.pack("<8xIIII8x" if top else "<8xIIII", 1, count, 0, count)
    props = _prop(0x340D0003, 0x00040000) if top else b""  # STORE_UNICODE_OK: strings are UTF-16
    ole.addEntry(prefix + ["__properties_version1.0"], header + props + _prop(0x0E070003, 0x10))
    ole.addEntry(prefix + ["__substg1.0_001A001F"], _u16("IPM.Note"))
    ole.addEntry(prefix + ["__substg1.0_0037001F"], _u16(subject))
    ole.addEntry(prefix + ["__substg1.0_0C1A001F"], _u16("PC 4521"))
    ole.addEntry(prefix + ["__substg1.0_1000001F"], _u16("Please find the referral attached."))
    for i, (name, payload) in enumerate(attachments):
        att = prefix + [f"__attach_version1.0_#{i:08X}"]
        ole.addEntry(att, storage=True)
        if isinstance(payload, bytes):  # ATTACH_BY_VALUE
            ole.addEntry(att + ["__properties_version1.0"], bytes(8) + _prop(0x37050003, 1) + _prop(0x0E210003, i))
            ole.addEntry(att + ["__substg1.0_37010102"], payload)
            ole.addEntry(att + ["__substg1.0_3707001F"], _u16(name))
            ole.addEntry(att + ["__substg1.0_3704001F"], _u16(name[:8].upper()))
            ole.addEntry(att + ["__substg1.0_3703001F"], _u16("." + name.rpartition(".")[2]))
        else:  # ATTACH_EMBEDDED_MSG: an Outlook item dragged into this one
            ole.addEntry(att + ["__properties_version1.0"], bytes(8) + _prop(0x37050003, 5) + _prop(0x0E210003, i))
            ole.addEntry(att + ["__substg1.0_3001001F"], _u16(name))
            inner = att + ["__substg1.0_3701000D"]
            ole.addEntry(inner, storage=True)
            _msg_item(ole, inner, name, payload, top=False)


def build_msg(subject: str, attachments: list) -> bytes:
    """An Outlook item: attachments are (name, bytes) or (subject, [attachments]) for an attached item."""
    ole = OleWriter()
    ole.addEntry(["__nameid_version1.0"], storage=True)
    for stream in ("00020102", "00030102", "00040102"):
        ole.addEntry(["__nameid_version1.0", f"__substg1.0_{stream}"], b"")
    _msg_item(ole, [], subject, attachments, top=True)
    out = io.BytesIO()
    ole.write(out)
    return out.getvalue()


def _with_attachment(data: bytes, filename: str, maintype: str = "application", subtype: str = "octet-stream",
                     sender: str = HOME) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["Subject"] = "FW: referral"
    msg.set_content("Forwarded referral attached.")
    msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(msg)


def test_outlook_msg_attachment_with_an_attached_item_inside():
    """Outlook's drag-and-drop of an email: a .msg whose own attachments hold the forms, one inside
    a further attached item (a forward of a forward)."""
    item = build_msg("FW: MARAC referral", [
        ("MARAC referral.pdf", PDF),
        ("image001.png", b"\x89PNG\r\n\x1a\n" + bytes(20)),
        ("RE: DASH", [("DASH checklist.docx", DOCX)]),
    ])
    raw = _with_attachment(item, "FW MARAC referral.msg", subtype="vnd.ms-outlook")
    letter, forms = _forms(raw)
    assert forms == [("MARAC referral.pdf", PDF), ("DASH checklist.docx", DOCX)]
    assert letter.ignored == ["image001.png"]
    assert letter.defects == []
    assert all(not a.filename.endswith(".msg") for a in letter.attachments)  # replaced by its contents


def test_outlook_msg_nested_deeper_than_the_limit_says_so():
    item = build_msg("FW", [("FW 2", [("FW 3", [("FW 4", [("deep.pdf", PDF)])])])])
    letter, forms = _forms(_with_attachment(item, "FW.msg"))
    assert forms == []
    assert letter.defects == [("the Outlook item 'FW 3.msg' holds another item, 'FW 4.msg', packed deeper than "
                              "the service opens, so it was not opened")]
    assert [(a.filename, a.unopened) for a in letter.attachments] == [("FW.msg", True)]  # kept to open by hand


def test_a_damaged_outlook_item_is_refused_and_kept():
    broken = build_msg("x", [("a.pdf", PDF)])[:1536]
    letter, forms = _forms(_with_attachment(broken, "Referral.msg"))
    assert forms == []
    assert letter.defects == [("the Outlook item 'Referral.msg' could not be opened (it may be damaged), so the "
                              "files inside it were not read")]
    assert [(a.filename, a.unopened) for a in letter.attachments] == [("Referral.msg", True)]
    assert letter.ignored == ["Referral.msg"]


# -- winmail.dat (TNEF) --------------------------------------------------------------------------

def _tnef_record(level: int, attribute: int, data: bytes) -> bytes:
    return struct.pack("<BII", level, attribute, len(data)) + data + struct.pack("<H", sum(data) & 0xFFFF)


def _mapi(*props: tuple[int, int, object]) -> bytes:
    out = struct.pack("<I", len(props))
    for ptype, pid, value in props:
        out += struct.pack("<HH", ptype, pid)
        if ptype == 0x0003:
            out += struct.pack("<I", value)
        else:
            assert isinstance(value, bytes)
            out += struct.pack("<II", 1, len(value)) + value + bytes(-len(value) % 4)
    return out


def build_tnef(attachments: list[tuple[str, bytes]]) -> bytes:
    """What Outlook sends as winmail.dat when it uses Rich Text: MS-OXTNEF attribute records."""
    blob = struct.pack("<IH", 0x223E9F78, 0x5A17)
    blob += _tnef_record(1, 0x00089006, struct.pack("<I", 0x00010000))  # attTnefVersion
    blob += _tnef_record(1, 0x00069007, struct.pack("<II", 1252, 0))  # attOemCodepage
    blob += _tnef_record(1, 0x00078008, b"IPM.Microsoft Mail.Note\x00")  # attMessageClass
    for name, payload in attachments:
        blob += _tnef_record(2, 0x00069002, struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0, 0, 0))  # attAttachRendData
        short = name.encode("ascii", "replace")[:6].upper() + b"~1." + name.rpartition(".")[2][:3].upper().encode()
        blob += _tnef_record(2, 0x00018010, short + b"\x00")  # attAttachTitle (8.3 name)
        blob += _tnef_record(2, 0x0006800F, payload)  # attAttachData
        blob += _tnef_record(2, 0x00069005, _mapi((0x0003, 0x3705, 1),  # PR_ATTACH_METHOD: by value
                                                  (0x001F, 0x3707, (name + "\x00").encode("utf-16-le"))))
    return blob


def test_winmail_dat_from_outlook_rich_text():
    tnef = build_tnef([("Référral form.pdf", PDF), ("DASH.docx", DOCX)])
    msg = MIMEMultipart()
    msg["From"] = HOME
    msg.attach(MIMEText("Referral attached"))
    part = MIMEBase("application", "ms-tnef", name="winmail.dat")
    part.set_payload(tnef)
    from email import encoders
    encoders.encode_base64(part)
    part.add_header("Content-Disposition", "attachment", filename="winmail.dat")
    msg.attach(part)
    letter, forms = _forms(msg.as_bytes())
    assert forms == [("Référral form.pdf", PDF), ("DASH.docx", DOCX)]
    assert letter.defects == [] and letter.ignored == []


def test_a_hostile_winmail_dat_is_stopped_in_time():
    """Fifty bytes that claim four billion properties keep tnefparse busy for hours: the child process
    reading it is stopped, and the coordinator is told."""
    blob = struct.pack("<IH", 0x223E9F78, 1) + _tnef_record(1, 0x00089006, struct.pack("<I", 0x10000))
    blob += _tnef_record(2, 0x00069002, struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0, 0, 0))
    blob += _tnef_record(2, 0x00069005, struct.pack("<I", 4_000_000_000))
    raw = _with_attachment(blob, "winmail.dat", subtype="ms-tnef")
    started = time.monotonic()
    letter, forms = _forms(raw, Limits(seconds=3))
    assert time.monotonic() - started < 15
    assert forms == []
    assert letter.defects == [("reading the Outlook attachment bundle 'winmail.dat' took longer than 3 seconds, so "
                              "it was stopped and the files inside it were not read; it may be damaged or "
                              "deliberately oversized")]


def test_hostile_items_share_one_time_budget_per_message():
    blob = struct.pack("<IH", 0x223E9F78, 1) + _tnef_record(2, 0x00069002, struct.pack("<HIHHI", 1, 0, 0, 0, 0))
    blob += _tnef_record(2, 0x00069005, struct.pack("<I", 4_000_000_000))
    msg = EmailMessage()
    msg["From"] = HOME
    msg.set_content("three bundles")
    for n in range(3):
        msg.add_attachment(blob, maintype="application", subtype="ms-tnef", filename=f"winmail{n}.dat")
    started = time.monotonic()
    letter, _ = _forms(bytes(msg), Limits(seconds=2, total_seconds=3))
    assert time.monotonic() - started < 10
    bundle = "reading the Outlook attachment bundle"
    assert letter.defects[0].startswith(f"{bundle} 'winmail0.dat' took longer than 2 seconds")
    assert letter.defects[1].startswith(f"{bundle} 'winmail1.dat' took longer than 1 second,")
    assert letter.defects[2] == ("the Outlook attachment bundle 'winmail2.dat' was not opened: reading the other "
                                 "Outlook items in this message already took the 3 seconds allowed")


# -- zips ----------------------------------------------------------------------------------------

def _zip(entries: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return out.getvalue()


def test_zip_made_by_macos_finder_holding_forms():
    """Finder's 'Compress' adds __MACOSX/._ resource forks, which are not files to read."""
    archive = _zip([("Referral/", b""), ("Referral/MARAC referral.pdf", PDF), ("Referral/DASH.docx", DOCX),
                    ("__MACOSX/Referral/._MARAC referral.pdf", b"\x00\x05\x16\x07" + bytes(80)),
                    ("Referral/.DS_Store", bytes(64))])
    letter, forms = _forms(_with_attachment(archive, "Referral.zip", subtype="zip"))
    assert forms == [("MARAC referral.pdf", PDF), ("DASH.docx", DOCX)]
    assert letter.defects == [] and letter.ignored == []


def test_an_outlook_item_inside_a_zip_is_opened_too():
    archive = _zip([("FW referral.msg", build_msg("FW", [("referral.pdf", PDF)]))])
    assert _forms(_with_attachment(archive, "mail.zip"))[1] == [("referral.pdf", PDF)]


def test_zip_bomb_is_refused():
    archive = _zip([("referral.pdf", b"%PDF-1.7\n" + bytes(40_000_000))])
    assert len(archive) < 100_000
    letter, forms = _forms(_with_attachment(archive, "referral.zip", subtype="zip"))
    assert forms == []
    assert letter.defects == [("the zip file 'referral.zip' would unpack to far more than its own size (a 'zip bomb'), "
                              "so it was not opened")]
    assert [(a.filename, a.unopened, a.data) for a in letter.attachments] == [("referral.zip", True, archive)]


def test_zip_too_large_when_unpacked_is_refused():
    big = bytes(range(256)) * 4096  # 1 MB that barely compresses
    archive = _zip([(f"part{i}.bin", big) for i in range(3)], zipfile.ZIP_STORED)
    letter, _ = _forms(_with_attachment(archive, "parts.zip"), Limits(max_total_bytes=2_000_000))
    assert letter.defects == [("the zip file 'parts.zip' would unpack to more than the 2 MB the service takes from "
                              "one message, so it was not opened")]


def test_zip_with_too_many_entries_is_refused():
    archive = _zip([(f"f{i}.txt", b"x") for i in range(101)])
    letter, _ = _forms(_with_attachment(archive, "many.zip"))
    assert letter.defects == [("the zip file 'many.zip' holds 101 entries, more than the 100 the service opens, so "
                              "it was not opened")]


def test_too_many_containers_in_one_message():
    msg = EmailMessage()
    msg["From"] = HOME
    msg.set_content("zips")
    for n in range(21):
        msg.add_attachment(_zip([(f"form{n}.pdf", PDF)]), maintype="application", subtype="zip", filename=f"{n}.zip")
    letter, forms = _forms(bytes(msg))
    assert len(forms) == 20
    assert letter.defects == [("the zip file '20.zip' was not opened: the service opens at most 20 zips and Outlook "
                              "items in one message")]


def test_nested_zip_beyond_depth_is_refused_but_shallower_forms_come_out():
    level3 = _zip([("too-deep.pdf", PDF)])
    level2 = _zip([("inner.pdf", PDF), ("level3.zip", level3)])
    level1 = _zip([("outer.pdf", PDF), ("level2.zip", level2)])
    letter, forms = _forms(_with_attachment(level1, "level1.zip"))
    assert forms == [("outer.pdf", PDF), ("inner.pdf", PDF)]
    assert letter.defects == [("the zip file 'level3.zip' is inside 2 other zip files, deeper than the service opens "
                              "(2), so it was not opened")]
    assert [a.filename for a in letter.attachments if a.unopened] == ["level3.zip"]


def test_zip_with_paths_that_climb_out_takes_only_the_safe_files():
    archive = _zip([("../../etc/cron.d/evil.pdf", PDF), ("/abs/evil.pdf", PDF), ("..\\..\\win.pdf", PDF),
                    ("forms/referral.pdf", PDF)])
    letter, forms = _forms(_with_attachment(archive, "referral.zip"))
    assert forms == [("referral.pdf", PDF)]
    assert letter.defects == [
        f"a file in the zip file 'referral.zip' has a path that points outside the zip ('{p}'), so it was not taken"
        for p in ("../../etc/cron.d/evil.pdf", "/abs/evil.pdf", "..\\..\\win.pdf")]


def _zipcrypto_zip(name: str, data: bytes, password: bytes) -> bytes:
    """A zip with traditional PKWARE encryption, as Windows' 7-Zip or WinZip writes by default."""
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
        table.append(c)
    keys = [0x12345678, 0x23456789, 0x34567890]

    def update(byte: int) -> None:
        keys[0] = (keys[0] >> 8) ^ table[(keys[0] ^ byte) & 0xFF]
        keys[1] = ((keys[1] + (keys[0] & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        keys[2] = (keys[2] >> 8) ^ table[(keys[2] ^ (keys[1] >> 24)) & 0xFF]

    def encrypt(plain: bytes) -> bytes:
        out = bytearray()
        for byte in plain:
            temp = (keys[2] | 2) & 0xFFFF
            out.append(byte ^ (((temp * (temp ^ 1)) >> 8) & 0xFF))
            update(byte)
        return bytes(out)

    for byte in password:
        update(byte)
    crc = zlib.crc32(data)
    sealed = encrypt(bytes(range(11)) + bytes([crc >> 24])) + encrypt(data)
    encoded = name.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 1, 0, 0, 0, crc, len(sealed), len(data), len(encoded), 0)
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 1, 0, 0, 0, crc, len(sealed), len(data),
                          len(encoded), 0, 0, 0, 0, 0, 0)
    body = local + encoded + sealed
    directory = central + encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(directory), len(body), 0)
    return body + directory + end


def test_password_protected_zip_is_refused_with_a_clear_reason():
    archive = _zipcrypto_zip("referral.pdf", PDF, b"Exampleshire1")
    assert zipfile.ZipFile(io.BytesIO(archive)).read("referral.pdf", pwd=b"Exampleshire1") == PDF  # real encryption
    letter, forms = _forms(_with_attachment(archive, "referral.zip", subtype="x-zip-compressed"))
    assert forms == []
    assert letter.defects == [("the zip file 'referral.zip' is password-protected, and no password is set for the "
                              "sender's agency, so it could not be read")]
    assert letter.attachments[0].locked and letter.ignored == []  # kept as sent; the desk asks for the password
    opened = read_letter(_with_attachment(archive, "referral.zip", subtype="x-zip-compressed"),
                         passwords=("wrong", "Exampleshire1"))  # ZipCrypto, opened with the right one
    assert [(a.filename, a.data) for a in opened.forms] == [("referral.pdf", PDF)] and opened.defects == []


def test_a_damaged_zip_is_refused():
    letter, _ = _forms(_with_attachment(_zip([("referral.pdf", PDF)])[:200], "referral.zip", subtype="zip"))
    assert letter.defects == ["the zip file 'referral.zip' is damaged and could not be opened"]


def test_a_docx_is_a_document_not_a_zip_to_open():
    letter, forms = _forms(_with_attachment(DOCX, "attachment"))  # no extension: known by its contents
    assert forms == [("attachment", DOCX)] and letter.defects == []


def test_a_legacy_word_file_is_a_form_and_an_unnamed_outlook_item_is_still_opened():
    ole = OleWriter()
    ole.addEntry(["WordDocument"], b"\xec\xa5" + bytes(510))
    ole.addEntry(["1Table"], bytes(512))
    out = io.BytesIO()
    ole.write(out)
    doc = out.getvalue()
    assert kind_of("REFERRAL.DOC", "application/msword", doc) is None
    assert kind_of("attachment-1", "application/octet-stream", doc) is None
    item = build_msg("FW", [("referral.pdf", PDF)])
    assert kind_of("", "application/octet-stream", item) == "msg"
    assert _forms(_with_attachment(item, ""))[1] == [("referral.pdf", PDF)]


def test_rar_is_named_not_opened():
    letter, forms = _forms(_with_attachment(b"Rar!\x1a\x07\x01\x00" + bytes(32), "referral.rar"))
    assert forms == []
    assert letter.defects == [("'referral.rar' is a RAR archive, which the service does not open: open it "
                              "by hand, or ask the referrer to attach the form itself")]


# -- who may send --------------------------------------------------------------------------------

AGENCIES = [
    Agency(name="Exampleshire Police", email="marac@exampleshire.police.uk", domains=["exampleshire.police.uk"]),
    Agency(name="Exampleshire NHS Trust", email="safeguarding@nhs.net", domains=["NHS.net."]),
]
SERVER_HOP = (b"Received: from mail.exampleshire.police.uk (mail.exampleshire.police.uk [192.0.2.10])\r\n"
              b"\tby mx.exampleshire.gov.uk (Postfix) with ESMTPS id 4Q1\r\n\tfor <marac@exampleshire.gov.uk>; "
              b"Tue, 3 Nov 2026 09:15:02 +0000 (GMT)\r\n")


def _message(sender: str, headers: bytes = b"") -> bytes:
    return (headers + b"From: " + sender.encode("utf-8") + b"\r\nTo: marac@exampleshire.gov.uk\r\nSubject: referral\r\n"
            b"Message-ID: <abc@exampleshire.police.uk>\r\n\r\nreferral\r\n")


def _problems(raw: bytes, require_known_sender: bool = True, check_auth: bool = True) -> list[str]:
    return sender_problems(raw, [d for a in AGENCIES for d in a.domains], require_known_sender, check_auth)


@pytest.mark.parametrize("sender", [HOME, "pc@exampleshire.police.uk", "Nurse <nurse@nhs.net>",
                                    "HV <hv@mail.nhs.net>", "PC <PC@Custody.Exampleshire.Police.UK>"])
def test_agency_domains_and_their_subdomains_pass(sender):
    assert _problems(_message(sender)) == []


@pytest.mark.parametrize("sender, domain", [
    ("someone@gmail.com", "gmail.com"),
    ("Exampleshire Police <x@gmail.com>", "gmail.com"),  # display-name spoofing
    ('"pc@exampleshire.police.uk" <x@gmail.com>', "gmail.com"),
    ("=?utf-8?q?pc=40exampleshire=2Epolice=2Euk_=3Cpc=40exampleshire=2Epolice=2Euk=3E?= <x@gmail.com>",
     "gmail.com"),  # an encoded-word that decodes to an address
    ("pc@exampleshire.police.uk.attacker.example", "exampleshire.police.uk.attacker.example"),
    ("pc@notexampleshire.police.uk", "notexampleshire.police.uk"),
    ("pc@exampleshire.police.uk, x@gmail.com", "gmail.com"),  # a second From address
    ("pc@exampleshire.police.uk)<x@gmail.com>", "gmail.com"),  # parsers disagree: both are checked
    ('"pc@exampleshire.police.uk"@gmail.com', "gmail.com"),  # a quoted local part
    ("pc@exampleshir\u0435.police.uk", "xn--exampleshir-ykj.police.uk"),  # a Cyrillic e, shown as punycode
])
def test_other_domains_are_unknown_senders(sender, domain):
    assert f"unknown sender: {domain} is not a configured agency domain" in _problems(_message(sender))


def test_no_from_address_is_an_unknown_sender():
    raw = b"To: marac@exampleshire.gov.uk\r\nSubject: referral\r\n\r\nx\r\n"
    assert _problems(raw) == ["unknown sender: the message has no From address"]


def test_the_sender_check_can_be_switched_off():
    assert _problems(_message("someone@gmail.com"), require_known_sender=False) == []


def _auth(*values: str) -> bytes:
    return b"".join(b"Authentication-Results: " + v.encode() + b"\r\n" for v in values)


def test_dmarc_fail_is_a_problem():
    raw = _message(HOME, _auth("mx.exampleshire.gov.uk; dkim=pass header.d=exampleshire.police.uk; "
                               "spf=fail smtp.mailfrom=exampleshire.police.uk; dmarc=fail (p=reject dis=none) "
                               "header.from=exampleshire.police.uk") + SERVER_HOP)
    assert _problems(raw) == ["the sending server's authentication checks failed (dmarc=fail)"]


def test_dkim_fail_is_a_problem():
    raw = _message(HOME, _auth("mx.exampleshire.gov.uk;\r\n\tdkim=fail reason=\"signature verification failed\" "
                               "header.d=exampleshire.police.uk header.s=s1") + SERVER_HOP)
    assert _problems(raw) == ["the sending server's authentication checks failed (dkim=fail)"]


def test_both_failing_in_separate_milter_headers_are_one_sentence():
    raw = _message(HOME, _auth("mx.exampleshire.gov.uk; dmarc=fail header.from=exampleshire.police.uk",
                               "mx.exampleshire.gov.uk; dkim=fail header.d=exampleshire.police.uk") + SERVER_HOP)
    assert _problems(raw) == ["the sending server's authentication checks failed (dmarc=fail, dkim=fail)"]


def test_passing_checks_are_no_problem():
    raw = _message(HOME, _auth("mx.exampleshire.gov.uk 1; spf=pass smtp.mailfrom=exampleshire.police.uk; "
                               "dkim=pass (2048-bit key; comment dmarc=fail) header.d=exampleshire.police.uk; "
                               "dmarc=pass header.from=exampleshire.police.uk") + SERVER_HOP)
    assert _problems(raw) == []


def test_exchange_online_header_without_authserv_id():
    header = ("spf=pass (sender IP is 192.0.2.10) smtp.mailfrom=exampleshire.police.uk; dkim=fail (body hash "
              "did not verify) header.d=exampleshire.police.uk;dmarc=fail action=oreject "
              "header.from=exampleshire.police.uk;compauth=fail reason=000")
    assert parse_authentication_results(header) == (None, [("spf", "pass"), ("dkim", "fail"), ("dmarc", "fail"),
                                                           ("compauth", "fail")])
    assert _problems(_message(HOME, SERVER_HOP + _auth(header))) == [
        "the sending server's authentication checks failed (dmarc=fail, dkim=fail)"]


def test_one_good_dkim_signature_is_enough():
    raw = _message(HOME, _auth("mx.exampleshire.gov.uk; dkim=fail header.d=lists.example; "
                               "dkim=pass header.d=exampleshire.police.uk; dmarc=pass") + SERVER_HOP)
    assert _problems(raw) == []


def test_a_forged_lower_header_is_ignored():
    """The sender wrote its own Authentication-Results into the message; the server's is on top."""
    forged_fail = _auth("mx.exampleshire.gov.uk; dmarc=fail; dkim=fail")
    raw = _message(HOME, _auth("mx.exampleshire.gov.uk; dkim=pass header.d=exampleshire.police.uk; dmarc=pass")
                   + SERVER_HOP + forged_fail)
    assert _problems(raw) == []
    forged_pass = _auth("mx.exampleshire.gov.uk; dmarc=pass; dkim=pass")
    raw = _message(HOME, _auth("mx.exampleshire.gov.uk; dmarc=fail") + SERVER_HOP + forged_pass)
    assert _problems(raw) == ["the sending server's authentication checks failed (dmarc=fail)"]
    other_server = _auth("relay.attacker.example; dmarc=fail")
    raw = _message(HOME, _auth("mx.exampleshire.gov.uk; dmarc=pass") + other_server)
    assert _problems(raw) == []


def test_no_authentication_results_is_not_a_failure_and_the_check_can_be_off():
    assert _problems(_message(HOME, SERVER_HOP)) == []
    raw = _message(HOME, _auth("mx.exampleshire.gov.uk; dmarc=fail"))
    assert _problems(raw, check_auth=False) == []


def test_spoofed_sender_and_failed_checks_together():
    raw = _message("Exampleshire Police <x@gmail.com>", _auth("mx.exampleshire.gov.uk; dmarc=fail"))
    assert _problems(raw) == ["unknown sender: gmail.com is not a configured agency domain",
                              "the sending server's authentication checks failed (dmarc=fail)"]
