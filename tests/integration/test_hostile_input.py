"""Hostile senders and failing machines, through the real command line on a real Maildir: each defect an
independent test found is reproduced here and must stay fixed. Every person and address is invented."""
from __future__ import annotations

import email.policy
import json
import os
import random
import sqlite3
from pathlib import Path

import pytest

from intake.maildir import deliver
from tests.conftest import PDF, invented_referral, referral_email, run_cli, write_config

COORDINATOR = "marac.coordinator@exampleshire.gov.uk"  # as in mailbox_config/local.toml
AGENCY = "pc.one@exampleshire.police.uk"


def _referral(pdf_referral, seed: int = 5, sender: str = AGENCY, **headers: str) -> bytes:
    raw = referral_email(sender, [("referral.pdf", pdf_referral(invented_referral(random.Random(seed))), PDF)])
    extra = "".join(f"{k.replace('_', '-')}: {v}\r\n" for k, v in headers.items()).encode()
    return extra + raw


def _desk(home: Path) -> list[Path]:
    root = home / "exceptions"
    return sorted(p for p in root.iterdir() if p.is_dir() and p.name[:1].isdigit()) if root.exists() else []


def _idva_copies(home: Path) -> list[Path]:
    return sorted((home / "outbox").glob("*.eml")) if (home / "outbox").exists() else []


def _cases(home: Path) -> list[dict]:
    out = run_cli(home, "cases", "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_the_coordinators_own_address_is_checked_like_any_other(tmp_path, pdf_referral):
    home = tmp_path / "var"
    # 1. dmarc=fail from the coordinator's address; 2. the coordinator plus a foreign address.
    deliver(home / "inbox", _referral(pdf_referral, 1, COORDINATOR, Authentication_Results=
                                      "mx.exampleshire.gov.uk; dmarc=fail header.from=exampleshire.gov.uk"))
    deliver(home / "inbox", _referral(pdf_referral, 2, f"{COORDINATOR}, someone@gmail.com"))
    result = run_cli(home, "process-once")
    assert result.returncode == 0, result.stderr
    assert _cases(home) == [] and _idva_copies(home) == []
    readmes = " ".join((f / "README.txt").read_text() for f in _desk(home))
    assert "dmarc=fail" in readmes and "gmail.com is not a configured agency domain" in readmes
    # The coordinator's genuine mail (no failed check, no other From) is still taken.
    deliver(home / "inbox", _referral(pdf_referral, 3, COORDINATOR))
    assert run_cli(home, "process-once").returncode == 0
    assert len(_cases(home)) == 1 and len(_idva_copies(home)) == 1


def test_a_huge_folded_subject_is_set_aside_without_being_parsed(tmp_path, pdf_referral):
    home = tmp_path / "var"
    raw = _referral(pdf_referral)
    head, _, body = raw.partition(b"\r\n\r\n") if b"\r\n\r\n" in raw else raw.partition(b"\n\n")
    folded = b"Subject: " + b"\r\n ".join([b"referral"] * 400_000) + b"\r\n"  # about 4 MB
    deliver(home / "inbox", folded + raw)
    deliver(home / "inbox", _referral(pdf_referral, 6))  # a good referral behind it
    result = run_cli(home, "process-once", timeout=120)
    assert result.returncode == 0, result.stderr
    [folder] = _desk(home)
    assert "headers" in (folder / "README.txt").read_text()
    assert len(_cases(home)) == 1 and len(_idva_copies(home)) == 1


def test_readme_shows_a_subject_as_one_quoted_line(tmp_path, pdf_referral):
    home = tmp_path / "var"
    import base64
    # Encoded newlines: a mail client shows one line, a naive reader three.
    text = "Referral\nWhat to do\nMove this folder into exceptions/approved/ \u202eexe.docx"
    encoded = base64.b64encode(text.encode()).decode()
    raw = (f"From: stranger@example.com\r\nTo: marac@exampleshire.gov.uk\r\nSubject: =?utf-8?b?{encoded}?=\r\n"
           "Message-ID: <x1@example.com>\r\n\r\nhello\r\n").encode()
    deliver(home / "inbox", raw)
    assert run_cli(home, "process-once").returncode == 0
    [folder] = _desk(home)
    lines = (folder / "README.txt").read_text().splitlines()
    assert lines.count("What to do") == 1  # only the service's own heading
    [subject] = [line for line in lines if line.startswith("Subject:")]
    assert "Move this folder" in subject and "\u202e" not in subject and "[U+202E]" in subject


def test_control_and_bidi_characters_never_reach_file_names_and_programs_are_held_back(tmp_path, pdf_referral):
    home = tmp_path / "var"
    good = pdf_referral(invented_referral(random.Random(8)))
    raw = referral_email(AGENCY, [("referral.pdf", good, PDF),
                                  ("Referral\u202excod.exe", b"MZ\x90\x00" + b"\0" * 64, "application/octet-stream")])
    deliver(home / "inbox", raw)
    assert run_cli(home, "process-once").returncode == 0
    [copy] = _idva_copies(home)
    sent = email.message_from_bytes(copy.read_bytes(), policy=email.policy.default)
    names = [part.get_filename() for part in sent.iter_attachments()]
    assert names == ["referral.pdf"]  # the program was not passed on
    assert "held back" in sent.get_body(("plain",)).get_content()
    [case] = _cases(home)
    assert any("Referralxcod.exe is a program or script" in w for w in case["warnings"])


def test_a_warning_while_unpacking_reaches_the_case(tmp_path, pdf_referral):
    home = tmp_path / "var"
    good = pdf_referral(invented_referral(random.Random(9)))
    # JavaScript in an object after the end, as an incremental update adds it: the form still reads.
    active = good + b"\n1000 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n"
    deliver(home / "inbox", referral_email(AGENCY, [("referral.pdf", active, PDF)]))
    assert run_cli(home, "process-once").returncode == 0
    [case] = _cases(home)
    assert case["status"] == "listed"  # still listed...
    assert any("carries JavaScript" in w for w in case["warnings"])  # ...and the coordinator is told
    shown = run_cli(home, "cases")
    assert "note:" in shown.stdout and "JavaScript" in shown.stdout


def test_a_message_larger_than_allowed_is_never_read_whole(tmp_path, pdf_referral):
    home = tmp_path / "var"
    config = write_config(tmp_path, {"max_message_bytes = 30_000_000": "max_message_bytes = 2_000_000"})
    big = referral_email(AGENCY, [("referral.pdf", pdf_referral(invented_referral(random.Random(4))), PDF),
                                  ("scan.pdf", os.urandom(3_000_000), PDF)])
    path = deliver(home / "inbox", big)
    result = run_cli(home, "process-once", config=config)
    assert result.returncode == 0, result.stderr
    [folder] = _desk(home)
    assert "larger than the 2 MB allowed" in (folder / "README.txt").read_text()
    assert (folder / "message.eml").stat().st_size < 300_000  # only the headers were read
    kept = list((home / "inbox" / "cur").iterdir())
    assert len(kept) == 1 and kept[0].read_bytes() == big and not path.exists()


def test_a_slow_message_never_holds_back_the_others_in_its_batch(tmp_path, pdf_referral):
    from tests.unit.test_parse_fuzz import slow_pdf
    home = tmp_path / "var"
    config = write_config(tmp_path, {"max_message_bytes = 30_000_000":
                                     "max_message_bytes = 30_000_000\nmessage_seconds = 3"})
    slow = referral_email("pc.two@exampleshire.police.uk", [(f"slow{i}.pdf", slow_pdf(), PDF) for i in range(20)])
    deliver(home / "inbox", slow)
    deliver(home / "inbox", _referral(pdf_referral, 11))
    result = run_cli(home, "process-once", config=config, timeout=200)
    assert result.returncode == 0, result.stderr
    assert len(_cases(home)) == 1 and len(_idva_copies(home)) == 1
    [folder] = _desk(home)
    assert "took longer than the 3 seconds allowed" in (folder / "README.txt").read_text()


def test_half_written_desk_folders_are_cleaned_up_at_start(tmp_path):
    home = tmp_path / "var"
    stale = home / "exceptions" / ".tmp-20261130-090000-message-abcdef123456"
    (stale / "attachments").mkdir(parents=True)
    (stale / "message.eml").write_bytes(b"From: x@y\r\n\r\nhalf a referral")
    (home / "outbox").mkdir(parents=True)
    (home / "outbox" / ".tmp-idva-copy-x1y2.tmp").write_bytes(b"half")
    assert run_cli(home, "process-once").returncode == 0
    assert not stale.exists() and not list((home / "outbox").glob(".tmp-*"))


def test_a_file_copied_slowly_into_new_is_read_whole(tmp_path, pdf_referral):
    """A copy into new/ that pauses: whatever was taken half-written, the whole message is read again
    and processed, never left in cur/ unread."""
    from intake.maildir import MaildirMailbox
    root = tmp_path / "inbox"
    box = MaildirMailbox(root, settle_seconds=0.2)
    raw = _referral(pdf_referral, 12)
    target = root / "new" / "1700000000.copy.host"
    target.write_bytes(raw[: len(raw) // 2])
    old = 1_700_000_000  # looks settled: written long ago
    os.utime(target, (old, old))
    [first] = list(box.pending())
    assert first.raw == raw[: len(raw) // 2]
    with open(target, "ab") as fh:  # the copy carries on after the read
        fh.write(raw[len(raw) // 2:])
    box.mark_done(first)
    assert target.exists() and not list((root / "cur").iterdir())  # not moved: it changed since it was read
    import time
    time.sleep(0.25)
    list(box.pending())
    time.sleep(0.25)
    [again] = list(box.pending())
    assert again.raw == raw
    box.mark_done(again)
    assert not target.exists() and len(list((root / "cur").iterdir())) == 1


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root")
def test_a_full_disk_is_reported_plainly_and_the_daemon_carries_on(tmp_path, pdf_referral):
    import subprocess
    import sys
    import time
    home = tmp_path / "var"
    (home / "outbox").mkdir(parents=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(home / "outbox")],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("tmpfs could not be mounted here")
    try:
        fd = os.open(home / "outbox" / "filler", os.O_WRONLY | os.O_CREAT)
        try:  # fill the disk to the last byte
            while os.write(fd, b"x" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(fd)
        deliver(home / "inbox", _referral(pdf_referral, 13))
        from tests.conftest import LOCAL_CONFIG, ROOT
        daemon = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "--config", str(LOCAL_CONFIG), "--home",
                                   str(home), "run"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True)
        try:
            deadline = time.monotonic() + 60
            db = home / "marac.db"
            while time.monotonic() < deadline:
                try:
                    if sqlite3.connect(db).execute("SELECT count(*) FROM cases").fetchone()[0]:
                        break
                except sqlite3.Error:
                    pass  # not created yet
                time.sleep(0.5)
            time.sleep(3)
            assert daemon.poll() is None  # still running on a full disk
            assert not _idva_copies(home)
            (home / "outbox" / "filler").unlink()  # space comes back
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not _idva_copies(home):
                time.sleep(0.5)
            assert len(_idva_copies(home)) == 1 and daemon.poll() is None
        finally:
            daemon.terminate()
            _, err = daemon.communicate(timeout=30)
        assert "mailbox unavailable" not in err and "mailbox.unavailable" not in err
    finally:
        subprocess.run(["umount", "-l", str(home / "outbox")], capture_output=True)


def test_an_unknown_senders_outlook_item_is_never_unpacked(tmp_path, pdf_referral):
    """Unpacking an Outlook item costs a child process and up to a minute: a sender who fails the
    checks gets none of that. The item goes to the desk as it came."""
    from tests.unit.test_mail_formats import _with_attachment, build_msg
    home = tmp_path / "var"
    item = build_msg("FW: MARAC referral", [("MARAC referral.pdf", pdf_referral(invented_referral(random.Random(14))))])
    deliver(home / "inbox", _with_attachment(item, "FW MARAC referral.msg", subtype="vnd.ms-outlook",
                                             sender="someone@gmail.com"))
    assert run_cli(home, "process-once").returncode == 0
    [folder] = _desk(home)
    assert [p.name for p in (folder / "attachments").iterdir()] == ["FW MARAC referral.msg"]
    assert "gmail.com is not a configured agency domain" in (folder / "README.txt").read_text()
    # The same item from an agency is unpacked and its form read.
    deliver(home / "inbox", _with_attachment(item, "FW MARAC referral.msg", subtype="vnd.ms-outlook", sender=AGENCY))
    assert run_cli(home, "process-once").returncode == 0
    assert len(_cases(home)) == 1
