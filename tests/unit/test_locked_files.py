"""Password-protected forms as referrers send them: Word and Excel files saved with a password
(encrypted by msoffcrypto-tool, as Office does: ECMA-376 agile encryption), PDFs with a user password
(pypdf, RC4 and AES), WinZip AES zips (pyzipper) and 7z archives with encrypted headers (py7zr). Each
is opened with the right password among wrong ones, or kept locked with a plain sentence that never
quotes a password; the IDVA copy carries the file as it was sent. Invented data only."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import io
import random

import msoffcrypto
import openpyxl
import py7zr
import pytest
import pyzipper
from msoffcrypto.format.ooxml import OOXMLFile
from pypdf import PdfReader, PdfWriter

from generators.forms.docx_form import build_referral_docx
from generators.idva_copy import build_idva_copy
from intake.attachments import Letter, read_letter
from intake.containers import Limits
from parsers import parse_bytes
from tests.conftest import DOCX, PDF, invented_referral, referral_email

PASSWORD = "Kestrel-Morning-42"
WRONG = ("Swallow-17", "kestrel-morning-42")
POLICE = "pc@exampleshire.police.uk"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def values() -> dict:
    return invented_referral(random.Random(1414))


@pytest.fixture(scope="module")
def docx(values: dict) -> bytes:
    return build_referral_docx(values)


@pytest.fixture(scope="module")
def pdf(values: dict, blank_pdf: bytes) -> bytes:
    from generators.forms.pdf_fill import fill_referral_pdf
    return fill_referral_pdf(blank_pdf, values)


def office_locked(data: bytes, password: str = PASSWORD) -> bytes:
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def pdf_locked(data: bytes, algorithm: str, user: str = PASSWORD) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user, owner_password="owner-only-invented", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def aes_zip(files: dict[str, bytes], password: str = PASSWORD) -> bytes:
    out = io.BytesIO()
    with pyzipper.AESZipFile(out, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES) as archive:
        archive.setpassword(password.encode())
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def seven_zip(files: dict[str, bytes], password: str | None = PASSWORD) -> bytes:
    out = io.BytesIO()
    with py7zr.SevenZipFile(out, "w", password=password, header_encryption=password is not None) as archive:
        for name, data in files.items():
            archive.writestr(data, name)
    return out.getvalue()


def xlsx_checklist() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["DASH risk checklist", "Yes"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def letter_of(name: str, data: bytes, ctype: str, passwords: tuple[str, ...] = ()) -> Letter:
    return read_letter(referral_email(POLICE, [(name, data, ctype)]), passwords=passwords)


def read_forms(letter: Letter) -> list[dict]:
    return [parse_bytes(a.data, a.filename) for a in letter.forms]


def test_a_word_form_saved_with_a_password_opens_with_the_agencys_password(docx, values):
    locked = office_locked(docx)
    assert msoffcrypto.OfficeFile(io.BytesIO(locked)).is_encrypted()  # really encrypted, as Word saves it
    letter = letter_of("referral.docx", locked, DOCX, (*WRONG, PASSWORD))
    (form,) = letter.forms
    assert form.data == docx and form.private  # read in memory only
    (sent,) = [a for a in letter.attachments if not a.private]
    assert sent.data == locked and sent.sealed and not sent.looks_like_form  # kept and passed on as sent
    (parsed,) = read_forms(letter)
    assert parsed["referral"]["victim"]["name"] == values["referral.victim.name"]
    assert letter.defects == []


def test_an_excel_file_saved_with_a_password_opens_too():
    plain = xlsx_checklist()
    letter = letter_of("dash.xlsx", office_locked(plain), XLSX, (PASSWORD,))
    (opened,) = [a for a in letter.attachments if a.private]
    assert opened.data == plain and openpyxl.load_workbook(io.BytesIO(opened.data)).active["A1"].value


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_pdf_with_a_user_password_opens_with_the_right_one(pdf, values, algorithm):
    locked = pdf_locked(pdf, algorithm)
    letter = letter_of("referral.pdf", locked, PDF, (WRONG[0], PASSWORD))
    (parsed,) = read_forms(letter)
    assert parsed["referral"]["victim"]["name"] == values["referral.victim.name"]
    assert [a.data for a in letter.attachments if not a.private] == [locked]


def test_a_pdf_with_only_an_owner_password_is_read_as_it_is(pdf, values):
    owner_only = pdf_locked(pdf, "AES-256", user="")
    letter = letter_of("referral.pdf", owner_only, PDF)
    (form,) = letter.forms
    assert form.data == owner_only and not (form.private or form.sealed or form.locked)
    assert read_forms(letter)[0]["referral"]["victim"]["name"] == values["referral.victim.name"]


def test_an_aes_zip_and_a_7z_with_encrypted_headers_open_with_the_password(docx, pdf, values):
    for name, archive, ctype in (("forms.zip", aes_zip({"referral.docx": docx}), "application/zip"),
                                 ("forms.7z", seven_zip({"forms/referral.pdf": pdf}), "application/x-7z-compressed")):
        letter = letter_of(name, archive, ctype, (WRONG[1], PASSWORD))
        assert [a.filename for a in letter.attachments if a.sealed] == [name]
        (parsed,) = read_forms(letter)
        assert parsed["referral"]["victim"]["name"] == values["referral.victim.name"], name
        assert letter.defects == []


def test_a_7z_without_a_password_is_opened_like_a_zip(pdf, values):
    letter = letter_of("forms.7z", seven_zip({"referral.pdf": pdf}, password=None), "application/x-7z-compressed")
    (form,) = letter.forms
    assert form.data == pdf and not form.private  # nothing was locked: the form itself is passed on
    assert read_forms(letter)[0]["referral"]["victim"]["name"] == values["referral.victim.name"]


@pytest.mark.parametrize("passwords, says", [
    ((), "no password is set for the sender's agency"),
    (WRONG, "none of the passwords set for the sender's agency opened it"),
])
def test_a_form_no_password_opens_is_kept_locked_with_a_plain_reason(docx, pdf, passwords, says):
    for name, data, ctype, what in (
            ("referral.docx", office_locked(docx), DOCX, "'referral.docx'"),
            ("referral.pdf", pdf_locked(pdf, "AES-256"), PDF, "'referral.pdf'"),
            ("forms.zip", aes_zip({"referral.docx": docx}), "application/zip", "the zip file 'forms.zip'"),
            ("forms.7z", seven_zip({"referral.pdf": pdf}), "application/x-7z-compressed",
             "the 7-Zip archive 'forms.7z'")):
        letter = letter_of(name, data, ctype, passwords)
        (kept,) = letter.attachments
        assert kept.locked and kept.data == data and letter.forms == []
        assert letter.defects == [f"{what} is password-protected, and {says}, so it could not be read"]
        assert not any(p in " ".join(letter.defects) for p in (*WRONG, PASSWORD))


def test_a_word_97_file_with_an_opening_password_is_locked_not_misread():
    # A Word 97-2003 file whose header (FIB) sets fEncrypted, laid out as MS-DOC says, in a real
    # compound file; msoffcrypto-tool cannot write one, and no password given here opens it.
    from extract_msg.ole_writer import OleWriter

    ole = OleWriter()
    ole.addEntry(["WordDocument"], b"\xec\xa5" + bytes(9) + b"\x01" + bytes(5000))
    ole.addEntry(["1Table"], bytes(5000))
    out = io.BytesIO()
    ole.write(out)
    letter = letter_of("referral.doc", out.getvalue(), "application/msword", WRONG)
    assert letter.forms == [] and letter.attachments[0].locked
    assert letter.defects == [("'referral.doc' is password-protected, and none of the passwords set for the "
                               "sender's agency opened it, so it could not be read")]


def test_archive_limits_hold_after_decryption():
    # 5 MB of blanks in a 7z whose listing can only be read once decrypted: far beyond its own size.
    bomb = seven_zip({"referral.pdf": bytes(5_000_000)})
    letter = letter_of("forms.7z", bomb, "application/x-7z-compressed", (PASSWORD,))
    assert letter.forms == [] and letter.attachments[0].unopened
    assert letter.defects == [("the 7-Zip archive 'forms.7z' would unpack to far more than its own size (an "
                               "'archive bomb'), so it was not opened")]
    # A zip inside the AES zip still counts towards the depth of zips opened.
    inner = aes_zip({"referral.pdf": b"%PDF-1.4 invented"})
    nested = aes_zip({"inner.zip": inner})
    raw = referral_email(POLICE, [("forms.zip", nested, "application/zip")])
    shallow = read_letter(raw, Limits(max_zip_depth=1), passwords=(PASSWORD,))
    assert shallow.forms == []
    assert any("deeper than the service opens" in d for d in shallow.defects)


def test_the_idva_copy_carries_the_form_as_sent_and_never_what_was_opened(docx):
    locked = office_locked(docx)
    letter = letter_of("referral.docx", locked, DOCX, (PASSWORD,))
    copy = build_idva_copy(case_number="EXM-2026-0001", area_name="Exampleshire MARAC",
                           mailbox_address="marac@exampleshire.gov.uk", idva_address="idva@idva.exampleshire.gov.uk",
                           agency="Exampleshire Police", received=dt.datetime.now(dt.UTC),
                           attachments=letter.attachments, message_id="<copy@exampleshire.gov.uk>", for_review=False)
    message = email.message_from_bytes(copy, policy=email.policy.default)
    (attached,) = list(message.iter_attachments())
    assert attached.get_filename() == "referral.docx" and attached.get_content() == locked
    assert "password-protected as the referrer sent it" in message.get_body().get_content()
    assert PASSWORD.encode() not in copy


def test_rar_is_still_named_not_opened():
    letter = letter_of("referral.rar", b"Rar!\x1a\x07\x01\x00" + bytes(32), "application/vnd.rar")
    assert letter.forms == []
    assert letter.defects == [("'referral.rar' is a RAR archive, which the service does not open: open it by "
                               "hand, or ask the referrer to attach the form itself")]
