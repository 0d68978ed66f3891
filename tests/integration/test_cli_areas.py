"""The command line on a configuration serving several areas: `init` and `check-config` take every area,
a command on one area's cases takes --area, and a wrong --area is one sentence naming the codes."""
from __future__ import annotations

import pytest

from tests.conftest import ROOT, run_cli

AREAS = ROOT / "mailbox_config" / "areas.toml"
pytestmark = pytest.mark.integration


def test_every_area_is_set_up_and_checked_and_each_is_worked_on_apart(tmp_path):
    home = tmp_path / "var"
    result = run_cli(home, "init", config=AREAS)
    assert result.returncode == 0, result.stderr
    for code in ("NOR", "SOU", "WES"):
        assert (home / "areas" / code / "marac.db").is_file()
        assert (home / "areas" / code / "inbox" / "new").is_dir()
        assert (home / "areas" / code / "exceptions" / "approved").is_dir()
    assert not (home / "marac.db").exists()

    result = run_cli(home, "check-config", config=AREAS)
    assert result.returncode == 0 and result.stderr == ""
    assert "3 areas is valid" in result.stdout and str(home / "areas" / "SOU") in result.stdout

    result = run_cli(home, "--area", "SOU", "cases", config=AREAS)
    assert (result.returncode, result.stdout, result.stderr) == (0, "No cases yet.\n", "")
    assert run_cli(home, "cases", "--area", "sou", "--json", config=AREAS).stdout.strip() == "[]"

    result = run_cli(home, "--area", "EAS", "cases", config=AREAS)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "There is no area 'EAS' in areas.toml; it serves NOR, SOU, WES.\n"

    result = run_cli(home, "cases", config=AREAS)
    assert result.returncode == 2 and "choose one with --area" in result.stderr and "Traceback" not in result.stderr


def test_check_config_says_which_area_a_finding_belongs_to(tmp_path):
    config = tmp_path / "areas.toml"
    config.write_text(AREAS.read_text().replace('email = "marac@housing.westam.gov.uk"',
                                                'email = "marac@westam-housing.org.uk"'))
    result = run_cli(tmp_path / "var", "check-config", config=config)
    assert result.returncode == 2
    assert result.stderr.startswith("Area WES: agency 'Westam Housing' has the address marac@westam-housing.org.uk")
