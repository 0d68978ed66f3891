"""Several MARAC areas in one configuration ([[areas]]): each area a complete configuration of its own,
with the shared sections under its own, a home apart, the other areas it serves as MARACs it can hand a
case to, and every problem naming its area."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from marac.cli.common import findings_by_area
from marac.cli.main import main
from marac.config import ConfigError, load, load_service

from tests.conftest import LOCAL_CONFIG, ROOT

AREAS = ROOT / "mailbox_config" / "areas.toml"


def _areas_file(tmp_path: Path, replace: dict[str, str] | None = None, append: str = "") -> Path:
    """A copy of the sample with some settings changed, as an administrator would."""
    text = AREAS.read_text()
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "areas.toml"
    path.write_text(text + append)
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_service(path, path.parent / "var")
    return caught.value.problems


def test_each_area_is_a_whole_configuration_with_its_own_home(tmp_path):
    nor, sou, wes = load_service(AREAS, tmp_path)
    assert [c.area.code for c in (nor, sou, wes)] == ["NOR", "SOU", "WES"]
    assert [c.home for c in (nor, sou, wes)] == [tmp_path / "areas" / code for code in ("NOR", "SOU", "WES")]
    assert sou.idva.email == "idva@idva.southam.gov.uk"
    assert [a.name for a in sou.agencies] == ["Midshire Police (Southam)", "Southam Adult Social Care"]
    assert nor.security.secure_domains == sou.security.secure_domains == ["gov.uk", "police.uk", "nhs.net", "cjsm.net"]
    assert nor.area.case_number_prefix == "NOR"
    assert findings_by_area([nor, sou, wes]) == ([], [])


def test_an_areas_table_is_laid_over_the_shared_one_key_by_key(tmp_path):
    nor, _, wes = load_service(AREAS, tmp_path)
    # Shared [meetings]: time and cut-off; the area's own: when and where it sits.
    assert (nor.meetings.frequency, nor.meetings.weekday, nor.meetings.time, nor.meetings.cutoff_working_days) == (
        "monthly", "Tuesday", "10:00", 5)
    assert (wes.meetings.frequency, wes.meetings.first_date) == ("fortnightly", dt.date(2026, 1, 8))
    assert nor.meetings.venue != wes.meetings.venue


def test_lists_replace_and_a_new_backend_replaces_its_section_whole(tmp_path):
    path = _areas_file(tmp_path)
    text = path.read_text().replace('[sender]                      # each area\'s mail is written to its own outbox/\n'
                                    'backend = "local"\npath = "outbox"',
                                    '[sender]\nbackend = "smtp"\nhost = "smtp.midshire.gov.uk"\nport = 587\n'
                                    'username = "marac"\npassword = { env = "MARAC_TEST_UNSET" }')
    text = text.replace('[areas.mailbox]\nbackend = "maildir"\npath = "inbox"\n\n[areas.idva]\nservice = "Westam',
                        '[areas.mailbox]\nbackend = "maildir"\npath = "inbox"\n\n[areas.sender]\nbackend = "local"\n'
                        'path = "outbox"\n\n[areas.idva]\nservice = "Westam')
    path.write_text(text)
    wes = load(path, tmp_path, area="WES")
    assert wes.sender.backend == "local"  # not "local" with the SMTP server's host left in it
    assert load(path, tmp_path, area="NOR").sender.backend == "smtp"


def test_a_file_with_one_area_loads_as_before(tmp_path):
    [config] = load_service(LOCAL_CONFIG, tmp_path)
    assert config == load(LOCAL_CONFIG, tmp_path) == load(LOCAL_CONFIG, tmp_path, area="exm")
    assert config.home == tmp_path and config.area.code == "EXM"
    assert not any(m.served_here for m in config.marac_areas)
    with pytest.raises(ConfigError) as caught:
        load(LOCAL_CONFIG, tmp_path, area="NOR")
    assert caught.value.problems == ["there is no area 'NOR' in local.toml; it serves EXM"]


def test_the_other_areas_served_here_are_marac_areas_without_an_isp(tmp_path):
    nor = load(AREAS, tmp_path, area="NOR")
    [sou, wes] = nor.marac_areas
    assert (sou.code, sou.name, sou.email, sou.postcode_districts) == (
        "SOU", "Southam MARAC", "marac@southam.gov.uk", ["SO1", "SO2", "SO3", "SO4"])
    assert sou.served_here and wes.served_here and sou.isp_signed is None
    assert sou.isp_in_date(dt.date.today())
    assert sou.sent("Marac@Southam.gov.uk")  # its mail is a transfer in


def test_an_area_must_be_chosen_by_a_code_the_file_has(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load(AREAS, tmp_path)
    assert caught.value.problems == ["this configuration serves several areas (NOR, SOU, WES): choose one with --area"]
    with pytest.raises(ConfigError) as caught:
        load(AREAS, tmp_path, area="EAS")
    assert caught.value.problems == ["there is no area 'EAS' in areas.toml; it serves NOR, SOU, WES"]
    assert load(AREAS, tmp_path, area="sou").area.name == "Southam MARAC"


def test_areas_that_would_mix_cases_are_refused_in_plain_sentences(tmp_path):
    path = _areas_file(tmp_path, {'code = "WES"': 'code = "SOU"',
                                  '"NO1", "NO2", "NO3", "NO4"': '"NO1", "NO2", "SO3", "NO4"',
                                  'code = "NOR"': 'code = "NOR"\ncase_prefix = "SOU"'})
    problems = _problems(path)
    assert "2 areas have the code SOU; give each area its own code" in problems
    assert ("the postcode district SO3 is listed by areas NOR and SOU; a district belongs to one area, so that a "
            "victim living there has one MARAC") in problems
    assert any(p.startswith("areas NOR and SOU would number their cases alike (SOU-") for p in problems)


def test_one_mailbox_for_two_areas_is_refused(tmp_path):
    path = _areas_file(tmp_path, {'[areas.mailbox]\nbackend = "maildir"\npath = "inbox"\n\n[areas.idva]\n'
                                  'service = "Westam': '[areas.mailbox]\nbackend = "maildir"\npath = "/srv/marac/inbox"'
                                  '\n\n[areas.idva]\nservice = "Westam',
                                  'path = "inbox"\n\n[areas.idva]\nservice = "Southam':
                                  'path = "/srv/marac/inbox"\n\n[areas.idva]\nservice = "Southam'})
    assert _problems(path) == ["areas SOU and WES would read the same mailbox, and each would take the other's "
                               "referrals; give each area its own [areas.mailbox]"]


def test_each_problem_names_its_area(tmp_path):
    path = _areas_file(tmp_path, {'email = "idva@idva.westam.gov.uk"': 'email = "idva@hotmail.com"',
                                  'email = "marac@adults.southam.gov.uk"': 'email = "marac@adults.southam.org"'})
    problems = _problems(path)
    assert problems[0].startswith("area WES: the IDVA service 'Westam IDVA service' has the address idva@hotmail.com")
    # A mistake the service runs past is the area's too, when check-config lists it.
    path.write_text(path.read_text().replace("idva@hotmail.com", "idva@idva.westam.gov.uk"))
    errors, _ = findings_by_area(load_service(path, tmp_path))
    assert errors and all(e.startswith("area SOU: ") for e in errors)
    assert "marac@adults.southam.org" in errors[0]


def test_a_shape_mistake_names_its_area(tmp_path):
    path = _areas_file(tmp_path, {'code = "SOU"': 'code = "SOU"\ncase_prefix = "so1"',
                                  'week_of_month = 3': 'week_of_mnth = 3'})
    assert _problems(path) == [
        "area SOU: 'area.case_prefix': the case_prefix must be 2 to 6 capital letters, such as NOR (found 'so1')",
        "area SOU: 'meetings.week_of_mnth' is not a setting this service knows (check the spelling)"]


def test_an_area_served_here_is_not_written_as_a_neighbour(tmp_path):
    path = _areas_file(tmp_path, append='\n[[areas.marac_areas]]\nname = "Southam MARAC"\ncode = "SOU"\n'
                                        'email = "marac@southam.gov.uk"\nserved_here = true\n')
    problems = _problems(path)
    assert "area WES: 'served_here' in [[marac_areas]] is not a setting to write; the areas this configuration " \
           "serves are added for you" in problems
    assert any(p.startswith("area WES: the MARAC 'Southam MARAC' in [[marac_areas]] has the code SOU of an area "
                            "this configuration serves") for p in problems)


def test_a_case_prefix_numbers_the_cases(tmp_path):
    path = _areas_file(tmp_path, {'code = "NOR"': 'code = "NOR"\ncase_prefix = "NTH"'})
    assert load(path, tmp_path, area="NOR").area.case_number_prefix == "NTH"


def test_the_command_line_names_the_codes_for_an_unknown_area(tmp_path, capsys):
    assert main(["--config", str(AREAS), "--home", str(tmp_path), "--area", "EAS", "cases"]) == 2
    assert capsys.readouterr().err == "There is no area 'EAS' in areas.toml; it serves NOR, SOU, WES.\n"
    assert main(["--config", str(AREAS), "--home", str(tmp_path), "desk"]) == 2
    assert capsys.readouterr().err == ("This configuration serves several areas (NOR, SOU, WES): choose one "
                                       "with --area.\n")
