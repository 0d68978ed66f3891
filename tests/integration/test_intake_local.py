"""The foundation's promise, through the real command line on a real Maildir and SQLite file:
every message gets exactly one outcome, good referrals reach the IDVA once, bad ones reach the
coordinator's desk with a reason, nothing is processed twice, and every original is kept."""
from __future__ import annotations

import email
import email.policy
import io
import json
import random
from pathlib import Path

import msoffcrypto
from msoffcrypto.format.ooxml import OOXMLFile

from intake.maildir import deliver

from tests.conftest import DOCX, PDF, invented_referral, referral_email, run_cli


def _encrypted(docx: bytes) -> bytes:
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(docx)).encrypt("Pa55word!", out)
    assert msoffcrypto.OfficeFile(io.BytesIO(out.getvalue())).is_encrypted()
    return out.getvalue()


def _build_mailbag(rng: random.Random, pdf_referral, docx_referral) -> tuple[dict[str, bytes], list[dict]]:
    people = [invented_referral(rng, children=c) for c in (2, 0, 1, 1)]
    by_police, by_health, two_files, nameless = people
    nameless = {k: v for k, v in nameless.items() if k != "referral.victim.name"}
    victim = str(by_police["referral.victim.name"])
    messages = {
        # The file name carries the victim's name, as referrers' file names often do.
        "pdf": referral_email("pc.one@exampleshire.police.uk",
                              [(f"MARAC referral - {victim}.pdf", pdf_referral(by_police), PDF)]),
        "docx": referral_email("hv@nhs.net", [("referral.docx", docx_referral(by_health), DOCX)]),
        "two-files": referral_email("housing@housing.exampleshire.gov.uk", [
            ("referral.docx", docx_referral({k: v for k, v in two_files.items() if k.startswith("referral.")}), DOCX),
            ("dash.pdf", pdf_referral({k: v for k, v in two_files.items() if k.startswith("dash.")}), PDF)]),
        "nameless": referral_email("pc.two@exampleshire.police.uk", [("form.docx", docx_referral(nameless), DOCX)]),
        "no-attachment": referral_email("pc.three@exampleshire.police.uk", [], body="Form to follow.\n"),
        "truncated": referral_email("pc.four@exampleshire.police.uk",
                                    [("referral.pdf", pdf_referral(by_health)[:3000], PDF)]),
        "password": referral_email("pc.five@exampleshire.police.uk",
                                   [("locked.docx", _encrypted(docx_referral(by_health)), DOCX)]),
        "not-email": b"\x00\xff\xfe garbage that is not an email at all \x00" * 20,
    }
    return messages, people


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file()) if folder.exists() else []


def test_every_message_has_exactly_one_outcome_across_restarts(tmp_path, rng, pdf_referral, docx_referral):
    home = tmp_path / "var"
    maildir = home / "inbox"
    messages, people = _build_mailbag(rng, pdf_referral, docx_referral)
    delivered = {label: deliver(maildir, raw, label) for label, raw in messages.items()}
    # The same message delivered twice (a relay adds its own Received header the second time).
    again = b"Received: from relay.exampleshire.gov.uk by mx; Sun, 22 Nov 2026 10:00:00 +0000\r\n" + messages["pdf"]
    deliver(maildir, again, "pdf-again")

    first = run_cli(home, "process-once")
    assert first.returncode == 0, first.stderr
    # pdf, docx, two-files and the nameless one (held for review); five others to exceptions.
    assert "4 referral(s) accepted (1 held for review), 4 other message(s) sent to exceptions" in first.stdout

    deliver(maildir, messages["docx"], "docx-third-time")  # arrives after the restart
    second = run_cli(home, "process-once")
    assert second.returncode == 0, second.stderr
    assert "0 referral(s) accepted (0 held for review), 0 other message(s) sent to exceptions, 1 already handled" in second.stdout

    # Exactly one IDVA copy per referral, naming the case and never the victim.
    copies = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
              for p in _files(home / "outbox")]
    assert len(copies) == 4
    cases = json.loads(run_cli(home, "cases", "--json").stdout)
    assert sorted(c["case_number"] for c in cases) == sorted(m["Subject"].split()[2].rstrip(":") for m in copies)
    for copy in copies:
        assert copy["To"] == "idva@idva.exampleshire.gov.uk"
        for person in people:
            assert str(person.get("referral.victim.name", "§")).split()[-1].lower() not in copy["Subject"].lower()
    pdf_copy = next(m for m in copies if any(a.get_filename().endswith(".pdf") and "MARAC referral" in a.get_filename()
                                             for a in m.iter_attachments()))
    original = email.message_from_bytes(messages["pdf"], policy=email.policy.default)
    assert [a.get_content() for a in pdf_copy.iter_attachments()] == [a.get_content() for a in original.iter_attachments()]

    # The referral without a victim's name is a case for review, with a folder saying why.
    by_status = {c["status"] for c in cases}
    assert by_status == {"listed", "exception"}
    assert len([c for c in cases if c["status"] == "exception"]) == 1

    # One folder on the desk per bad message, each with the original byte for byte and a reason.
    folders = sorted(p for p in (home / "exceptions").iterdir() if p.is_dir() and p.name[0].isdigit())
    assert len(folders) == 5  # nameless, no-attachment, truncated, password, not-email
    kept = {f.name: (f / "message.eml").read_bytes() for f in folders}
    for label in ("nameless", "no-attachment", "truncated", "password", "not-email"):
        assert messages[label] in kept.values(), label
    readmes = {f.name: (f / "README.txt").read_text() for f in folders}
    joined = "\n".join(readmes.values())
    assert "victim's name is missing" in joined
    assert "no attachment that could be a referral form" in joined
    assert "password-protected" in joined
    assert "damaged" in joined or "could not be read" in joined

    # Nothing deleted: every delivered file is in cur/, unchanged; new/ is empty.
    assert _files(maildir / "new") == []
    in_cur = sorted(p.read_bytes() for p in _files(maildir / "cur"))
    assert in_cur == sorted([*messages.values(), again, messages["docx"]])
    assert all(not p.exists() for p in delivered.values())


def test_no_name_date_of_birth_or_phone_number_in_any_log_line(tmp_path, rng, pdf_referral, docx_referral):
    home = tmp_path / "var"
    messages, people = _build_mailbag(rng, pdf_referral, docx_referral)
    for label, raw in messages.items():
        deliver(home / "inbox", raw, label)
    result = run_cli(home, "--log-format", "json", "process-once")
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert len(lines) >= 9 and all(json.loads(line)["event"] for line in lines)  # one JSON object per event
    secrets: set[str] = set()
    for person in people:
        for path, value in person.items():
            if isinstance(value, str) and value and any(k in path for k in (".name", ".dob", ".phone", ".address", "postcode")):
                secrets.add(value)
                secrets.update(part for part in value.replace(",", " ").split() if len(part) > 3 and not part.isdigit())
                if path.endswith(".dob"):
                    d, m, y = value.split("/")
                    secrets.add(f"{y}-{m}-{d}")
    assert len(secrets) > 30  # names, dates of birth, phones, addresses of every invented person
    secrets -= {"Referrer", "Exampleton", "Lane", "Close", "Row", "Way", "Drop", "Leat", "Mill"}
    log = result.stderr + result.stdout
    leaked = sorted(s for s in secrets if s in log)
    assert leaked == []
