"""Meeting documents reach only agencies with an in-date Information Sharing Protocol, only at secure
addresses, once, and every case they name is recorded against every recipient in the audit."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import hashlib
import io
import json
import os
import random
from pathlib import Path
from zoneinfo import ZoneInfo

import msoffcrypto
from docx import Document

from intake.maildir import deliver
from marac.config import load
from marac.referral import meeting_dates

from tests.conftest import PDF, invented_referral, referral_email, run_cli, write_config

AGENCIES = '''
[[agencies]]
name = "Exampleshire Probation"
email = "marac@probation.exampleshire.gov.uk"

[[agencies]]
name = "Exampleshire Substance Misuse & Recovery"
email = "marac@recovery.exampleshire.gov.uk"
isp_signed = 2024-01-10
isp_expires = 2026-01-09

[[agencies]]
name = "Exampleshire Women's Aid"
email = "referrals@exampleshirewomensaid.org"
isp_signed = 2025-09-01
'''
SIGNED = {"marac@exampleshire.police.uk", "marac@childrens.exampleshire.gov.uk",
          "marac@housing.exampleshire.gov.uk", "exampleshire.marac@nhs.net"}
IDVA = "idva@idva.exampleshire.gov.uk"  # attends every MARAC: sent the agenda and its research form
IDVA_ISP = "isp_signed = 2025-04-01\n# isp_expires"
NOT_SENT = [
    "NOT sent to Exampleshire Probation: no Information Sharing Protocol is recorded (isp_signed)",
    "NOT sent to Exampleshire Substance Misuse & Recovery: its Information Sharing Protocol expired on 2026-01-09",
    "NOT sent to Exampleshire Women's Aid: referrals@exampleshirewomensaid.org is not on a secure domain",
]


def _meeting_soon() -> dt.date:
    """A meeting whose circulation day (two working days before) is today or already past."""
    day = dt.date.today() + dt.timedelta(days=1)
    while not meeting_dates.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _listed_home(tmp_path: Path, meeting: dt.date, extra: str = "", count: int = 3,
                 idva_isp: str = IDVA_ISP) -> tuple[Path, Path, list[str]]:
    config = write_config(tmp_path, {'frequency = "monthly"': f'frequency = "dates"\ndates = [{meeting.isoformat()}]',
                                     "cutoff_working_days = 5": "cutoff_working_days = 0", IDVA_ISP: idva_isp},
                          append=AGENCIES + extra)
    home = tmp_path / "var"
    rng = random.Random(6)
    when = dt.datetime.combine(dt.date.today() - dt.timedelta(days=3), dt.time(10), ZoneInfo("Europe/London"))
    for _ in range(count):
        path = deliver(home / "inbox", referral_email("pc@exampleshire.police.uk",
                                                      [("r.pdf", _pdf(invented_referral(rng, children=1)), PDF)]))
        os.utime(path, (when.timestamp(), when.timestamp()))
    return config, home, []


_BLANK: list[bytes] = []


def _pdf(values: dict) -> bytes:
    from generators.forms.pdf_fill import fill_referral_pdf
    from generators.forms.pdf_form import build_referral_pdf
    if not _BLANK:
        _BLANK.append(build_referral_pdf())
    return fill_referral_pdf(_BLANK[0], values)


def _sent(home: Path) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
            for p in sorted((home / "outbox").glob("*.eml"))]


def _documents(home: Path) -> list[email.message.EmailMessage]:
    return [m for m in _sent(home) if "IDVA" not in m["Subject"]]


def test_agenda_goes_only_to_signed_agencies_on_secure_domains_and_is_audited(tmp_path):
    meeting = dt.date(2026, 12, 8)
    config, home, _ = _listed_home(tmp_path, meeting)
    assert run_cli(home, "process-once", config=config).returncode == 0
    result = run_cli(home, "agenda", "--meeting", meeting.isoformat(), "--send", config=config)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # Who gets what, and who does not and why, is said before anything is queued.
    told = [line for line in lines if line.startswith("to be sent: ")]
    assert sorted(told) == sorted([
        f"to be sent: MARAC-2026-12-08-agenda.docx to {a.name} <{a.email}>" for a in load(config).agencies
        if a.email in SIGNED] + [f"to be sent: MARAC-2026-12-08-agenda.docx to Exampleshire IDVA service <{IDVA}>"])
    for line in NOT_SENT:
        assert line in lines
    assert max(lines.index(t) for t in told + NOT_SENT) < min(i for i, t in enumerate(lines) if t.startswith("queued"))
    agendas = _documents(home)
    assert sorted(m["To"] for m in agendas) == sorted(SIGNED | {IDVA})
    assert all(m["Subject"] == "MARAC 8 December 2026: agenda" for m in agendas)

    stored = home / "documents" / meeting.isoformat() / "MARAC-2026-12-08-agenda.docx"
    digest = hashlib.sha256(stored.read_bytes()).hexdigest()
    attachment = next(agendas[0].iter_attachments()).get_content()
    assert hashlib.sha256(attachment).hexdigest() == digest
    cases = json.loads(run_cli(home, "cases", "--json", config=config).stdout)
    assert len(cases) == 3
    for case in cases:
        assert case["case_number"] in "\n".join(p.text for p in Document(io.BytesIO(attachment)).paragraphs) + \
            "\n".join(c.text for t in Document(io.BytesIO(attachment)).tables for r in t.rows for c in r.cells)
        audit = run_cli(home, "audit", "--case", case["case_number"], config=config).stdout
        for address in SIGNED | {IDVA}:
            assert f"MARAC-2026-12-08-agenda.docx  to {address}  sha256 {digest}" in audit
        assert "probation" not in audit and "womensaid" not in audit

    again = run_cli(home, "agenda", "--meeting", meeting.isoformat(), "--send", config=config)
    assert again.returncode == 0 and len(_documents(home)) == len(agendas)  # the same agenda is not sent twice


def test_each_research_form_goes_to_its_own_agency(tmp_path):
    meeting = dt.date(2026, 12, 8)
    config, home, _ = _listed_home(tmp_path, meeting)
    run_cli(home, "process-once", config=config)
    assert run_cli(home, "research", "--meeting", meeting.isoformat(), "--send", config=config).returncode == 0
    forms = _documents(home)
    assert sorted(m["To"] for m in forms) == sorted(SIGNED | {IDVA})
    names = {a.email: a.name for a in load(config).agencies} | {IDVA: "Exampleshire IDVA service"}
    for message in forms:
        name = next(message.iter_attachments()).get_filename()
        slug = "".join(c if c.isalnum() else "-" for c in names[message["To"]].lower()).strip("-")
        assert name == f"MARAC-2026-12-08-research-{slug}.docx"


def test_the_idva_service_without_an_in_date_isp_is_sent_nothing_and_the_report_says_why(tmp_path):
    meeting = dt.date(2026, 12, 8)
    config, home, _ = _listed_home(tmp_path, meeting, count=1,
                                   idva_isp="isp_signed = 2024-01-10\nisp_expires = 2026-01-09\n# isp_expires")
    run_cli(home, "process-once", config=config)
    for kind in ("agenda", "research"):
        result = run_cli(home, kind, "--meeting", meeting.isoformat(), "--send", config=config)
        assert result.returncode == 0, result.stderr
        assert ("NOT sent to Exampleshire IDVA service (the IDVA service): its Information Sharing Protocol expired "
                "on 2026-01-09") in result.stdout.splitlines()
    assert IDVA not in {m["To"] for m in _documents(home)}
    assert not list((home / "documents" / meeting.isoformat()).glob("*research-exampleshire-idva*"))

    config.write_text(config.read_text().replace("isp_signed = 2024-01-10\nisp_expires = 2026-01-09\n", "", 1))
    result = run_cli(home, "agenda", "--meeting", meeting.isoformat(), "--send", config=config)
    assert ("NOT sent to Exampleshire IDVA service (the IDVA service): no Information Sharing Protocol is recorded "
            "(isp_signed)") in result.stdout.splitlines()


def test_password_protected_documents_and_the_password_travel_separately(tmp_path):
    meeting = dt.date(2026, 12, 8)
    config, home, _ = _listed_home(tmp_path, meeting, count=1)
    text = config.read_text().replace("password_protect = false", "password_protect = true")
    config.write_text(text)
    run_cli(home, "process-once", config=config)
    assert run_cli(home, "agenda", "--meeting", meeting.isoformat(), "--send", config=config).returncode == 0
    police = [m for m in _documents(home) if m["To"] == "marac@exampleshire.police.uk"]
    document = next(m for m in police if "agenda" in m["Subject"])
    password_mail = next(m for m in police if "password" in m["Subject"])
    assert not list(password_mail.iter_attachments())
    locked = next(document.iter_attachments()).get_content()
    office = msoffcrypto.OfficeFile(io.BytesIO(locked))
    assert office.is_encrypted()
    password = password_mail.get_content().strip().rsplit(" ", 1)[-1]
    plain = io.BytesIO()
    office.load_key(password=password)
    office.decrypt(plain)
    assert "agenda" in "\n".join(p.text for p in Document(plain).paragraphs).lower()
    assert password not in document.as_string()


def test_agenda_and_research_go_out_automatically_once_when_the_day_comes(tmp_path):
    meeting = _meeting_soon()
    config, home, _ = _listed_home(tmp_path, meeting, count=2)
    assert run_cli(home, "process-once", config=config).returncode == 0
    first = _documents(home)
    assert len(first) == 2 * len(SIGNED | {IDVA})  # an agenda and a research form for each signed agency and the IDVA
    assert run_cli(home, "process-once", config=config).returncode == 0
    assert len(_documents(home)) == len(first)
    report = (home / "documents" / meeting.isoformat() / "circulation-report.txt").read_text()
    assert all(line in report.splitlines() for line in NOT_SENT)


def test_check_config_reports_a_misspelt_template_variable(tmp_path):
    import shutil
    import zipfile

    from tests.conftest import ROOT
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder, ignore=shutil.ignore_patterns("forms", "*.py"))
    agenda = folder / "agenda.docx"
    with zipfile.ZipFile(agenda) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"meeting.venue", b"meeting.vnue", 1)
    with zipfile.ZipFile(agenda, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    config = write_config(tmp_path, {'templates = "templates"': f'templates = "{folder}"'})
    result = run_cli(tmp_path / "var", "check-config", config=config)
    assert result.returncode == 2
    assert "uses 'meeting.vnue', which the service does not provide (did you mean 'meeting.venue'?)" in result.stderr
