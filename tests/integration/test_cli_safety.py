"""Commands that cannot hurt anyone (issue 13), through the real CLI on a real home folder: a misspelt
home, a day with no meeting, a mailbox that cannot be reached, a closed pipe, the desk listing and the
coordinator's morning summary."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import random
import subprocess
import sys
from pathlib import Path

from intake.maildir import deliver
from tests.conftest import LOCAL_CONFIG, PDF, ROOT, invented_referral, referral_email, run_cli
from tests.servers import free_port


def _home_with_state(tmp_path: Path) -> Path:
    home = tmp_path / "var"
    result = run_cli(home, "init")
    assert result.returncode == 0, result.stderr
    return home


def test_a_misspelt_home_is_refused_and_nothing_is_created(tmp_path):
    typo = tmp_path / "vra"
    for command in (["cases"], ["desk"], ["audit", "--case", "EXM-2026-0001"], ["tracker", "sync"],
                    ["agenda", "--meeting", "2026-12-08"]):
        result = run_cli(typo, *command)
        assert result.returncode == 2, (command, result.stdout)
        assert "holds no MARAC service state" in result.stderr and "run.py init" in result.stderr
        assert "Traceback" not in result.stderr
    assert not typo.exists()


def test_init_creates_the_state_and_then_the_commands_answer(tmp_path):
    home = _home_with_state(tmp_path)
    assert (home / "marac.db").is_file() and (home / "inbox" / "new").is_dir()
    again = run_cli(home, "init")
    assert again.returncode == 0 and "already" in again.stdout
    assert run_cli(home, "cases").stdout.strip() == "No cases yet."


def test_papers_for_a_day_with_no_meeting_are_refused_with_the_next_meetings(tmp_path):
    home = _home_with_state(tmp_path)
    wednesday = "2026-12-09"  # the example area meets on the 2nd Tuesday of the month
    result = run_cli(home, "agenda", "--meeting", wednesday, "--send")
    assert result.returncode == 2
    assert "There is no MARAC meeting on Wednesday 9 December 2026" in result.stderr
    assert "The next meetings are:" in result.stderr and "Tuesday" in result.stderr
    assert not list((home / "outbox").glob("*.eml")) if (home / "outbox").exists() else True
    assert not (home / "documents" / wednesday).exists()
    words = run_cli(home, "cases", "--meeting", "tomorrow")
    assert words.returncode == 2 and "'tomorrow' is not a date written YYYY-MM-DD" in words.stderr
    other_day = run_cli(home, "cases", "--meeting", wednesday)
    assert other_day.returncode == 2 and "no MARAC meeting" in other_day.stderr


def test_papers_for_a_scheduled_meeting_are_built(tmp_path):
    home = _home_with_state(tmp_path)
    result = run_cli(home, "agenda", "--meeting", "2027-01-12")  # the 2nd Tuesday of January
    assert result.returncode == 0, result.stderr
    assert (home / "documents" / "2027-01-12").is_dir()


def test_an_unreachable_mailbox_fails_the_run_with_one_sentence(tmp_path):
    port = free_port()  # nothing listens there
    config = tmp_path / "imap.toml"
    text = (ROOT / "mailbox_config" / "imap.toml").read_text()
    text = text.replace('host = "imap.exampleshire.gov.uk"', f'host = "127.0.0.1"\nretry_seconds = 1')
    config.write_text(text.replace("port = 993", f"port = {port}", 1))
    home = tmp_path / "var"
    result = run_cli(home, "process-once", config=config,
                     env={"MARAC_IMAP_PASSWORD": "invented", "MARAC_SMTP_PASSWORD": "invented"})
    assert result.returncode == 1, result.stdout + result.stderr
    sentences = [line for line in result.stderr.splitlines() if not line.startswith("20")]  # not log lines
    assert sentences == ["The mailbox could not be read: the server refused the connection (check the host "
                         "and port). Nothing was lost; the next run tries again."]


def test_a_closed_pipe_is_quiet(tmp_path):
    home = _home_with_state(tmp_path)
    rng = random.Random(7)
    for _ in range(3):
        raw = referral_email("pc@exampleshire.police.uk", [("referral.pdf", _pdf(invented_referral(rng)), PDF)])
        deliver(home / "inbox", raw)
    assert run_cli(home, "process-once").returncode == 0
    reader = subprocess.Popen([sys.executable, str(ROOT / "run.py"), "--config", str(LOCAL_CONFIG), "--home",
                               str(home), "cases"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.close()  # `| head -0`: the reader is gone before the first line
    err = reader.stderr.read().decode()
    reader.wait(timeout=60)
    assert err == "" and "BrokenPipe" not in err


def _pdf(values: dict) -> bytes:
    from generators.forms.pdf_fill import fill_referral_pdf
    from generators.forms.pdf_form import build_referral_pdf
    return fill_referral_pdf(build_referral_pdf(), values)


def test_the_desk_lists_what_waits_and_the_morning_summary_names_no_one(tmp_path):
    home = _home_with_state(tmp_path)
    rng = random.Random(11)
    values = invented_referral(rng)
    values["referral.victim.dob"] = None  # needs the coordinator
    deliver(home / "inbox", referral_email("pc@exampleshire.police.uk", [("referral.pdf", _pdf(values), PDF)]))
    deliver(home / "inbox", referral_email("pc@exampleshire.police.uk", [], body="Form to follow.\n"))
    first = run_cli(home, "process-once")
    assert "1 referral(s) accepted (1 held for review), 1 other message(s) sent to exceptions" in first.stdout
    desk = run_cli(home, "desk")
    assert desk.returncode == 0, desk.stderr
    assert desk.stdout.startswith("2 folder(s) waiting")
    assert "The referral needs checking before it can be listed." in desk.stdout
    assert "no attachment that could be a referral form" in desk.stdout
    assert "EXM-2026-" in desk.stdout and "Awaited:" in desk.stdout

    from marac.config import load
    from marac.daemon.morning import queue_morning_summary
    from marac.store import db, outbox
    config = load(LOCAL_CONFIG, home)
    conn = db.connect(home / "marac.db")
    tomorrow_morning = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
    while tomorrow_morning.weekday() >= 5:  # a working day
        tomorrow_morning += dt.timedelta(days=1)
    tomorrow_morning = tomorrow_morning.replace(hour=8, minute=5)
    assert queue_morning_summary(conn, config, home / "exceptions", tomorrow_morning)
    assert not queue_morning_summary(conn, config, home / "exceptions", tomorrow_morning)  # once a day
    early = tomorrow_morning.replace(hour=6)
    assert not queue_morning_summary(conn, config, home / "exceptions", early + dt.timedelta(days=7))
    [item] = [i for i in outbox.due(conn) if i.purpose == "desk-summary"]
    assert item.recipients == [str(config.area.coordinator_email)]
    message = email.message_from_bytes(item.payload, policy=email.policy.default)
    body = message.get_content()
    assert "2 folder(s) on the desk" in body and "EXM-2026-" in body
    assert values["referral.victim.name"] not in body and values["referral.victim.name"] not in message["Subject"]
    assert "@" not in message["Subject"]


def test_a_mail_server_that_cannot_be_reached_fails_the_run_and_keeps_the_copy(tmp_path):
    from tests.conftest import write_config
    port = free_port()
    config = write_config(tmp_path, {'[sender]\nbackend = "local"\npath = "outbox"':
                                     f'[sender]\nbackend = "smtp"\nhost = "127.0.0.1"\nport = {port}\nsecurity = "plain"'})
    home = tmp_path / "var"
    raw = referral_email("pc@exampleshire.police.uk", [("referral.pdf", _pdf(invented_referral(random.Random(3))), PDF)])
    deliver(home / "inbox", raw)
    result = run_cli(home, "process-once", config=config)
    assert result.returncode == 1, result.stdout + result.stderr
    sentences = [line for line in result.stderr.splitlines() if not line.startswith("20")]
    assert sentences == ["1 message(s) could not be sent: cannot reach the SMTP server: the server refused the "
                         "connection (check the host and port). They wait in the outbox and the next run tries again."]
    assert "1 referral(s) accepted" in result.stdout


def test_run_py_without_the_service_libraries_says_how_to_start_it(tmp_path):
    # -S: no site-packages, as with a system Python that never had `make run`.
    result = subprocess.run([sys.executable, "-S", str(ROOT / "run.py"), "cases"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "does not have the libraries the MARAC service uses" in result.stderr
    assert "make run" in result.stderr and "Traceback" not in result.stderr
