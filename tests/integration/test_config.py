"""Configuration: every example validates, mistakes come back as plain sentences (exit 2), and
secrets are read from the environment or a file, never from the configuration itself."""
from __future__ import annotations

from pathlib import Path

import pytest

from marac.config import ConfigError, load, load_service, usable_problems

from tests.conftest import ROOT, run_cli, write_config

EXAMPLES = sorted((ROOT / "mailbox_config").glob("*.toml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_configuration_is_valid(path: Path):
    for config in load_service(path):  # areas.toml serves several areas
        assert config.idva.email.endswith(".gov.uk")


def test_the_default_configuration_runs_with_no_server(tmp_path):
    result = run_cli(tmp_path / "var", "check-config")
    assert result.returncode == 0 and "valid" in result.stdout


def test_mistakes_are_listed_one_plain_sentence_each(tmp_path):
    config = write_config(tmp_path, {'code = "EXM"': 'code = "exm1"', 'email = "idva@idva.exampleshire.gov.uk"':
                                     'email = "idva@hotmail.com"', "rescan_seconds = 30": "rescan_secs = 30"})
    result = run_cli(tmp_path / "var", "check-config", config=config)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    # The IDVA address is reported in the same run as the other mistakes, not after they are fixed.
    assert lines == [
        "'area.code': the area code must be 2 to 6 capital letters, such as EXM (found 'exm1').",
        "'mailbox.rescan_secs' is not a setting this service knows (check the spelling).",
        "The IDVA service 'Exampleshire IDVA service' has the address idva@hotmail.com, on the public webmail "
        "service hotmail.com; give its secure address (its own organisation's domain, or cjsm.net).",
    ]


def test_an_idva_address_off_the_secure_domains_is_refused(tmp_path):
    config = write_config(tmp_path, {'email = "idva@idva.exampleshire.gov.uk"': 'email = "idva@exampleshire-idva.org"'})
    result = run_cli(tmp_path / "var", "check-config", config=config)
    assert result.returncode == 2
    assert result.stderr == ("The IDVA address idva@exampleshire-idva.org is not on a secure domain listed in "
                             "[security] secure_domains.\n")


def test_broken_toml_is_one_sentence_with_its_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[area\nname = 'x'\n")
    result = run_cli(tmp_path / "var", "check-config", config=bad)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("Line 1 of bad.toml (the section heading has no closing ]) cannot be read: [area;")
    assert "Traceback" not in result.stderr and "Expected" not in result.stderr


def test_secrets_come_from_environment_or_file_and_are_checked(tmp_path, monkeypatch):
    config = load(ROOT / "mailbox_config" / "imap.toml")
    monkeypatch.delenv("MARAC_IMAP_PASSWORD", raising=False)
    assert "the environment variable MARAC_IMAP_PASSWORD is not set" in usable_problems(config)
    monkeypatch.setenv("MARAC_IMAP_PASSWORD", "not-a-real-password")
    assert config.mailbox.password.read() == "not-a-real-password"  # type: ignore[union-attr]
    secret_file = tmp_path / "smtp-password"
    secret_file.write_text("from-a-file\n")
    path = write_config(tmp_path, {'[sender]\nbackend = "local"\npath = "outbox"':
                                   f'[sender]\nbackend = "smtp"\nhost = "smtp.exampleshire.gov.uk"\n'
                                   f'username = "marac"\npassword = {{ file = "{secret_file}" }}'})
    assert load(path).sender.password.read() == "from-a-file"  # type: ignore[union-attr]


def test_a_password_written_into_the_configuration_is_refused(tmp_path):
    path = write_config(tmp_path, {'[sender]\nbackend = "local"\npath = "outbox"':
                                   '[sender]\nbackend = "smtp"\nhost = "smtp.exampleshire.gov.uk"\npassword = "hunter2"'})
    with pytest.raises(ConfigError) as err:
        load(path)
    assert any("sender.password" in p for p in err.value.problems)
    assert not any("hunter2" in p for p in err.value.problems)
