"""Messages with no form, through the real command line (`run.py process-once`) and a real SQLite home,
as a coordinator meets them: a referral typed into the email is read, opened as a case and sent to the
IDVA service with its text, but waits on the desk until checked; a secure portal's notice goes to the desk
naming the portal; a form whose sender's signature reads like a notice is read as usual; a signature full
of "Tel:" lines is not a referral. Invented people and addresses only."""
from __future__ import annotations

import email
import email.policy
import json
import os
import random
from pathlib import Path

import pytest

from intake.maildir import deliver
from parsers.text import BODY_FILENAME
from parsers.text.reader import FROM_BODY
from tests.conftest import PDF, invented_referral, referral_email, run_cli

pytestmark = pytest.mark.integration

SENDER = "pc.dana@exampleshire.police.uk"
TYPED = """Hello,

Referral below as the form would not download.

Victim name: Zoë Examplewood
Victim DOB: 14/09/1991
Victim address: 12 Invented Row, Sampleton EX4 9ZZ
Victim telephone: 07700 900456
Safe to call: No
Is the victim aware of the referral: Yes

Perpetrator name: Marcus Fictional
Perpetrator DOB: 02/02/1987

Professional judgement: Yes
Reason for professional judgement: escalating threats to kill after separation, weapon seen at the address

Referrer name: PC Dana Madeup
Referrer agency: Exampleshire Police
Referrer telephone: 01632 960001
Referrer email: dana.madeup@exampleshire.police.uk

Thanks
Dana
"""
EGRESS_NOTICE = ("This email has been sent to you securely using Egress Switch.\n\n"
                 "Click to read this secure email online: https://switch.egress.com/ui/read.aspx?id=EXAMPLE\n")


def _pass(home: Path) -> str:
    result = run_cli(home, "process-once")
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


def _desk(home: Path) -> dict[str, Path]:
    """Open desk folders by the subject line their README quotes."""
    found = {}
    for folder in (home / "exceptions").iterdir():
        if folder.is_dir() and (folder / "README.txt").exists():
            readme = (folder / "README.txt").read_text()
            subject = readme.split("Subject: “", 1)[1].split("”", 1)[0]
            found[subject] = folder
    return found


def _idva_copies(home: Path) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in sorted((home / "outbox").glob("*.eml"))]


def test_messages_without_a_form_end_read_or_on_the_desk_with_the_right_reason(tmp_path):
    home = tmp_path / "var"
    signed = f"Referral attached.\n\nPC Alex Sample\n--\n{EGRESS_NOTICE}"  # a footer pasted from an old notice
    pdf = referral_email(SENDER, [("referral.pdf", _pdf(), PDF)], subject="Form attached", body=signed)
    for raw in (referral_email(SENDER, [], subject="Typed referral", body=TYPED),
                referral_email(SENDER, [], subject="[secure] Referral", body=EGRESS_NOTICE),
                referral_email(SENDER, [], subject="Call me", body="Please call.\n\nTel: 01632 960001\n"
                               "Fax: 01632 960002\nEmail: dana@exampleshire.police.uk\nTeam: Hub\n"),
                pdf):
        deliver(home / "inbox", raw)
    _pass(home)

    desk = _desk(home)
    assert set(desk) == {"Typed referral", "[secure] Referral", "Call me"}  # the form with the footer was read
    typed = (desk["Typed referral"] / "README.txt").read_text()
    assert FROM_BODY in typed and "A copy has gone to the IDVA service." in typed
    assert (desk["Typed referral"] / "attachments" / BODY_FILENAME).read_text().startswith("Hello,")
    notice = (desk["[secure] Referral"] / "README.txt").read_text()
    assert "notice from Egress" in notice and "No case has been opened" in notice
    assert "open the link" in notice.lower() and "never follows a link" in notice
    assert "no attachment that could be a referral form" in (desk["Call me"] / "README.txt").read_text()
    listing = run_cli(home, "desk").stdout
    assert "the form from the secure portal: open the link" in listing  # not "ask the referrer to resend it"

    cases = json.loads(run_cli(home, "cases", "--json", "--identify").stdout)
    by_victim = {c["victims"][0]["victim_name"]: c for c in cases}
    assert len(cases) == 2 and by_victim["Zoë Examplewood"]["status"] == "exception"

    copies = _idva_copies(home)
    assert len(copies) == 2  # the typed referral and the form; never the notice nor the signature
    typed_copy = next(c for c in copies if "email itself" in c.get_body(("plain",)).get_content())
    attached = {part.get_filename(): part.get_payload(decode=True) for part in typed_copy.iter_attachments()}
    assert "Victim name: Zoë Examplewood" in attached[BODY_FILENAME].decode()

    # The coordinator checks the values against message.eml and approves: the case is listed.
    os.replace(desk["Typed referral"], home / "exceptions" / "approved" / desk["Typed referral"].name)
    _pass(home)
    cases = json.loads(run_cli(home, "cases", "--json").stdout)
    assert sorted(c["status"] for c in cases) == ["listed", "listed"]


def _pdf() -> bytes:
    from generators.forms.pdf_fill import fill_referral_pdf
    from generators.forms.pdf_form import build_referral_pdf
    return fill_referral_pdf(build_referral_pdf(), invented_referral(random.Random(31), children=0))
