"""check-config protects the coordinator: every setting that could send case data to the wrong place,
or that leaves agencies, Information Sharing Protocols or the calendar wrong, is one plain sentence
naming the agency, all in one run; what is unsafe also stops the service from starting."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from marac.config import load

from tests.conftest import LOCAL_CONFIG, ROOT, run_cli, write_config

HOUSING_ISP = "isp_signed = 2025-05-12"
NEXT_YEAR = dt.date.today().year + 1

OFF_SECURE = '''
[[agencies]]
name = "Exampleshire Probation"
email = "marac@probation.exampleshire.org.uk"
isp_signed = 2025-04-01
'''
WEBMAIL_AGENCY = f'''
[[agencies]]
name = "Exampleshire Women's Aid"
email = "exampleshire.wa@gmail.com"
domains = ["gmail.com"]
isp_signed = {NEXT_YEAR}-01-01

[[agencies]]
name = "Exampleshire Mental Health"
email = "marac.mh@nhs.net"
domains = ["nhs.net"]
isp_signed = 2025-04-01
''' + OFF_SECURE


def _check(tmp_path: Path, config: Path) -> tuple[int, list[str]]:
    result = run_cli(tmp_path / "var", "check-config", config=config)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stderr.strip().splitlines()


def test_every_unsafe_or_wrong_agency_setting_is_reported_in_one_run(tmp_path):
    config = write_config(tmp_path, {'"cjsm.net"]': '"cjsm.net", "hotmail.co.uk"]'}, append=WEBMAIL_AGENCY)
    code, lines = _check(tmp_path, config)
    assert code == 2
    assert lines == [
        "'hotmail.co.uk' in [security] secure_domains is a public webmail service: anyone can open an address "
        "there, so case data must never go to it; remove it.",
        "Agency 'Exampleshire Women's Aid' has the address exampleshire.wa@gmail.com, on the public webmail service "
        "gmail.com; give its secure address (its own organisation's domain, or cjsm.net).",
        "Agency 'Exampleshire Women's Aid' lists gmail.com among its domains: that is a public webmail service, so "
        "anyone could send referrals as this agency; list only its own domain or its own addresses.",
        f"The ISP date of agency 'Exampleshire Women's Aid' is {NEXT_YEAR}-01-01, which is in the future; write the "
        "day it was signed (dates are written like 2025-12-13).",
        "Agency 'Exampleshire Probation' has the address marac@probation.exampleshire.org.uk, which is not on a "
        "secure domain listed in [security] secure_domains, so it would be sent nothing; give its secure address, "
        "or add probation.exampleshire.org.uk to secure_domains if that domain is secure.",
        "Agencies 'Exampleshire Health' and 'Exampleshire Mental Health' both list the domain nhs.net, so a "
        "referral from it cannot be told apart; give each agency only the addresses or domains that are its own.",
    ]


def test_an_unsafe_setting_stops_the_service_but_a_safe_mistake_does_not(tmp_path):
    unsafe = write_config(tmp_path, {'"cjsm.net"]': '"cjsm.net", "gmail.com"]'})
    result = run_cli(tmp_path / "var", "run", config=unsafe, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("'gmail.com' in [security] secure_domains is a public webmail service")
    assert not (tmp_path / "var" / "marac.db").exists()  # refused before touching anything

    (tmp_path / "safe").mkdir()
    off_secure = write_config(tmp_path / "safe", append=OFF_SECURE)
    assert _check(tmp_path, off_secure)[0] == 2  # check-config refuses it...
    # ...but the service still loads it (its send gate holds), so referrals keep reaching the IDVA.
    assert [a.name for a in load(off_secure).agencies][-1] == "Exampleshire Probation"


def test_no_agencies_at_all(tmp_path):
    text = LOCAL_CONFIG.read_text()
    start = text.index("[[agencies]]")
    config = tmp_path / "config.toml"
    config.write_text(text[:start] + text[text.index("[documents]"):])
    code, lines = _check(tmp_path, config)
    assert code == 2 and lines == [
        "No agencies are configured ([[agencies]]), so referrals from every address would go to the exceptions "
        "desk and meeting documents to no one."]


def test_toml_and_date_mistakes_name_the_line_the_agency_and_the_format(tmp_path):
    config = write_config(tmp_path, {HOUSING_ISP: "isp_signed = 13/12/2025",
                                     'venue = "Exampleton Police Station, Conference Room 2"': "venue = Exampleton",
                                     "rescan_seconds = 30": "rescan_secs = 30"},
                          append='\n[[agencies]]\nname = "Exampleshire Probation"\n'
                                 'email = "marac@probation.exampleshire.gov.uk"\nisp_signed = "1/4/2025"\n')
    code, lines = _check(tmp_path, config)
    numbered = config.read_text().splitlines()
    venue = next(n for n, line in enumerate(numbered, 1) if line.startswith("venue ="))
    housing = next(n for n, line in enumerate(numbered, 1) if "13/12/2025" in line)
    assert code == 2
    assert lines == [
        f"Line {venue} of config.toml ([meetings], the value is not text in double quotes, a number, true or false, "
        "a date or a list) cannot be read: venue = Exampleton; each setting is written on one line as name = value: "
        'text in double quotes ("like this"), numbers and true or false as they are, dates like 2025-12-13, lists '
        "in square brackets.",
        f"The ISP date of agency 'Exampleshire Housing' is '13/12/2025' (line {housing} of config.toml); dates are "
        "written like 2025-12-13.",
        "'mailbox.rescan_secs' is not a setting this service knows (check the spelling).",
        "The ISP date of agency 'Exampleshire Probation' is '1/4/2025'; dates are written like 2025-12-13.",
    ]


@pytest.mark.parametrize("meetings, sentence", [
    ('frequency = "dates"\ndates = [2024-01-09, 2024-02-13]',
     "Every date in [meetings] dates is past (the last is 2024-02-13), so new referrals have no meeting to go to; "
     "add the coming meeting dates."),
    ('frequency = "weekly"\nfirst_date = 2026-12-08\nweekday = "Monday"',
     "The meetings 'first_date' 2026-12-08 is a Tuesday, but 'weekday' is Monday, so no meeting date can be worked "
     "out; make them agree."),
], ids=["dates-all-past", "first-date-on-another-day"])
def test_a_meeting_rule_that_gives_no_meeting_is_refused(tmp_path, meetings, sentence):
    text = LOCAL_CONFIG.read_text()
    block = text[text.index("[meetings]"):text.index("[matching]")]
    config = tmp_path / "config.toml"
    config.write_text(text.replace(block, f"[meetings]\n{meetings}\n\n"))
    assert _check(tmp_path, config) == (2, [sentence])


@pytest.mark.parametrize("name, secret", [("imap.toml", "MARAC_IMAP_PASSWORD"), ("ews.toml", "MARAC_EWS_PASSWORD"),
                                          ("graph.toml", "MARAC_GRAPH_CLIENT_SECRET")])
def test_each_example_gives_a_clear_verdict(tmp_path, monkeypatch, name, secret):
    for variable in ("MARAC_IMAP_PASSWORD", "MARAC_SMTP_PASSWORD", "MARAC_EWS_PASSWORD", "MARAC_GRAPH_CLIENT_SECRET"):
        monkeypatch.delenv(variable, raising=False)
    result = run_cli(tmp_path / "var", "check-config", config=ROOT / "mailbox_config" / name)
    assert result.returncode == 2
    assert f"The environment variable {secret} is not set.\n" in result.stderr
    assert all(line.startswith("The environment variable") for line in result.stderr.splitlines())
    secrets = {v: "not-a-real-secret" for v in ("MARAC_IMAP_PASSWORD", "MARAC_SMTP_PASSWORD", "MARAC_EWS_PASSWORD",
                                                "MARAC_GRAPH_CLIENT_SECRET")}
    result = run_cli(tmp_path / "var", "check-config", config=ROOT / "mailbox_config" / name, env=secrets)
    assert result.returncode == 0 and "is valid" in result.stdout, result.stderr
