"""Password-protected referrals through the real command line on a real home folder: a Word form
locked with a password nobody configured goes to the desk asking for password.txt; a wrong password
sends it back without quoting it; the right one lists the case, and the IDVA copy carries the form as
the referrer sent it (locked). An agency's configured password (from an environment variable) opens a
ZipCrypto zip made by Info-ZIP's `zip -e` with no desk at all. A locked form that also needs a
correction is corrected in review.xlsx without giving the password twice. The password is never in a log line, the
database, the desk folder or the IDVA copy."""
from __future__ import annotations

import email
import email.policy
import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from generators.forms.docx_form import build_referral_docx
from intake.maildir import deliver
from tests.conftest import (
    DOCX,
    PDF,
    invented_referral,
    referral_email,
    run_cli,
    write_config,
)
from tests.integration.test_desk_walkthrough import desk, process_once, type_correction
from tests.unit.test_locked_files import office_locked, pdf_locked

pytestmark = pytest.mark.integration

POLICE = "pc@exampleshire.police.uk"
PASSWORD = "Heron-Lantern-58"
WRONG = "Heron-Lantern-85"


def _idva_copies(home: Path) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in sorted((home / "outbox").glob("*.eml"))]


def _nowhere(home: Path, *outputs: str, secrets: tuple[str, ...] = (PASSWORD, WRONG)) -> None:
    """Not in any file the service wrote (database, desk, outbox, logs), nor in what it printed."""
    for secret in secrets:
        for path in home.rglob("*"):
            if path.is_file():
                assert secret.encode() not in path.read_bytes(), path.relative_to(home)
        assert all(secret not in text for text in outputs)


def _complete(seed: int) -> dict:
    return invented_referral(random.Random(seed), children=0)


def test_a_locked_word_form_waits_for_the_password_on_the_desk(tmp_path):
    home = tmp_path / "var"
    values = _complete(5801)
    locked = office_locked(build_referral_docx(values), PASSWORD)
    deliver(home / "inbox", referral_email(POLICE, [("referral.docx", locked, DOCX)]))
    first = process_once(home)

    (folder,) = desk(home)
    readme = (folder / "README.txt").read_text()
    assert ("The form 'referral.docx' is password-protected: put the password in password.txt in this folder and "
            "move the folder into exceptions/approved/.") in readme
    assert (folder / "attachments" / "referral.docx").read_bytes() == locked
    assert _idva_copies(home) == []  # nothing is sent before the form is read
    listing = run_cli(home, "desk").stdout  # what the coordinator is asked for: the password, not a resend
    assert "put it in password.txt" in listing and "resend" not in listing

    (folder / "password.txt").write_text(WRONG + "\r\n")
    shutil.move(str(folder), str(home / "exceptions" / "approved" / folder.name))
    second = process_once(home)
    (back,) = desk(home)
    assert not (back / "password.txt").exists()  # deleted, even though it was wrong
    readme = (back / "README.txt").read_text()
    assert "the password in password.txt did not open it" in readme
    assert json.loads(run_cli(home, "cases", "--json").stdout) == []

    (back / "Password.txt").write_text(PASSWORD + "\n")  # as Windows Notepad names and saves it
    shutil.move(str(back), str(home / "exceptions" / "approved" / back.name))
    third = process_once(home)
    assert desk(home) == [] and not list((home / "exceptions" / "done").rglob("*assword*"))
    (case,) = json.loads(run_cli(home, "cases", "--json", "--identify").stdout)
    assert case["status"] == "listed" and case["victims"][0]["victim_name"] == values["referral.victim.name"]
    (copy,) = _idva_copies(home)
    (attached,) = list(copy.iter_attachments())
    assert attached.get_filename() == "referral.docx" and attached.get_content() == locked  # still locked
    _nowhere(home, first, second, third)


@pytest.mark.skipif(shutil.which("zip") is None, reason="Info-ZIP's zip makes the ZipCrypto archive")
def test_an_agency_password_opens_a_zipcrypto_zip_without_the_desk(tmp_path):
    home = tmp_path / "var"
    values = _complete(5802)
    work = tmp_path / "zip"
    work.mkdir()
    (work / "referral.docx").write_bytes(build_referral_docx(values))
    subprocess.run(["zip", "-q", "-e", "-P", PASSWORD, "forms.zip", "referral.docx"], cwd=work, check=True)
    archive = (work / "forms.zip").read_bytes()
    config = write_config(tmp_path, replace={'domains = ["exampleshire.police.uk"]\n': (
        'domains = ["exampleshire.police.uk"]\npasswords = [{ env = "MARAC_TEST_WRONG" }, '
        '{ env = "MARAC_TEST_POLICE" }]\n')})
    env = {"MARAC_TEST_POLICE": PASSWORD, "MARAC_TEST_WRONG": WRONG}
    deliver(home / "inbox", referral_email(POLICE, [("forms.zip", archive, "application/zip")]))
    done = run_cli(home, "process-once", config=config, env=env)
    assert done.returncode == 0, done.stderr

    (case,) = json.loads(run_cli(home, "cases", "--json", "--identify", config=config).stdout)
    assert case["victims"][0]["victim_name"] == values["referral.victim.name"]
    (copy,) = _idva_copies(home)
    assert [(a.get_filename(), a.get_content()) for a in copy.iter_attachments()] == [("forms.zip", archive)]
    _nowhere(home, done.stdout, done.stderr)


def test_a_locked_form_with_a_missing_date_is_corrected_without_the_password_again(tmp_path, pdf_referral):
    home = tmp_path / "var"
    values = _complete(5803)
    del values["referral.victim.dob"]
    locked = pdf_locked(pdf_referral(values), "AES-256", user=PASSWORD)
    deliver(home / "inbox", referral_email(POLICE, [("referral.pdf", locked, PDF)]))
    process_once(home)
    (folder,) = desk(home)
    (folder / "password.txt").write_text(PASSWORD)
    shutil.move(str(folder), str(home / "exceptions" / "approved" / folder.name))
    process_once(home)

    (back,) = desk(home)  # opened, read, and back for the date of birth: review.xlsx now shows what was read
    assert not (back / "password.txt").exists()
    type_correction(back / "review.xlsx", "referral.victim.dob", "14/07/1986")
    shutil.move(str(back), str(home / "exceptions" / "approved" / back.name))
    process_once(home)  # no password this time: what it opened was kept as read
    (case,) = json.loads(run_cli(home, "cases", "--json", "--identify").stdout)
    assert case["status"] == "listed" and case["victims"][0]["victim_dob"] == "1986-07-14"
    (copy,) = _idva_copies(home)
    assert [a.get_content() for a in copy.iter_attachments()] == [locked]
    _nowhere(home)
