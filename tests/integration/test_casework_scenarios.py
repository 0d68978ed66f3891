"""Issue 4's scenarios, each through the real pipeline from a message in the inbox: the resulting
cases, meeting listings and desk folders. Messages carry the delivery time a Maildir gives them, so
dates (cut-offs, repeat windows) are those a coordinator would check on a calendar."""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

from intake.maildir import deliver

from tests.conftest import PDF, invented_referral, referral_email, run_cli, write_config

LONDON = ZoneInfo("Europe/London")


def _at(day: str, hour: int = 11) -> float:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), LONDON).timestamp()


def _send(home: Path, pdf_referral, values: dict, day: str, sender: str = "pc@exampleshire.police.uk") -> None:
    raw = referral_email(sender, [("referral.pdf", pdf_referral(values), PDF)])
    path = deliver(home / "inbox", raw)
    os.utime(path, (_at(day), _at(day)))


def _cases(home: Path, config: Path | None = None) -> list[dict]:
    args = {"config": config} if config else {}
    result = run_cli(home, "cases", "--json", **args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _pass(home: Path, config: Path | None = None) -> str:
    args = {"config": config} if config else {}
    result = run_cli(home, "process-once", **args)
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


def _desk(home: Path) -> list[Path]:
    folder = home / "exceptions"
    return sorted(p for p in folder.iterdir() if p.is_dir() and p.name not in {"approved", "rejected", "done"}
                  and not p.name.startswith("."))


def _person(rng: random.Random, **changes) -> dict:
    values = invented_referral(rng, children=0)
    values.update(changes)
    return values


def test_repeat_within_twelve_months_is_a_new_case_linked_to_the_earlier_one(tmp_path, rng, pdf_referral):
    home = tmp_path / "var"
    victim = _person(rng)
    _send(home, pdf_referral, victim, "2026-03-02")
    _pass(home)
    _send(home, pdf_referral, {**victim, "referral.referrer.agency": "Exampleshire Health"}, "2026-11-16")
    _pass(home)
    first, second = _cases(home)
    assert first["status"] == "heard" and first["meeting"] == "2026-03-10"
    assert second["repeat"] is True and second["meeting"] == "2026-12-08" and second["status"] == "listed"
    conn = sqlite3.connect(home / "marac.db")
    linked = conn.execute("SELECT p.case_number FROM cases c JOIN cases p ON p.id = c.previous_case").fetchall()
    assert linked == [(first["case_number"],)]


def test_a_third_referral_links_to_the_latest_case_in_the_chain(tmp_path, rng, pdf_referral):
    home = tmp_path / "var"
    victim = _person(rng)
    for day in ("2026-01-05", "2026-05-04", "2026-10-05"):
        _send(home, pdf_referral, victim, day)
        _pass(home)
    first, second, third = _cases(home)
    assert [c["meeting"] for c in (first, second, third)] == ["2026-01-13", "2026-05-12", "2026-10-13"]
    assert (second["repeat"], third["repeat"]) == (True, True)
    conn = sqlite3.connect(home / "marac.db")
    chain = dict(conn.execute("SELECT c.case_number, p.case_number FROM cases c JOIN cases p ON p.id = c.previous_case"))
    assert chain == {second["case_number"]: first["case_number"], third["case_number"]: second["case_number"]}


def test_a_referral_more_than_twelve_months_later_is_not_a_repeat(tmp_path, rng, pdf_referral):
    home = tmp_path / "var"
    victim = _person(rng)
    _send(home, pdf_referral, victim, "2025-06-02")
    _pass(home)
    _send(home, pdf_referral, victim, "2026-11-16")
    _pass(home)
    first, second = _cases(home)
    assert second["repeat"] is False and first["case_number"] != second["case_number"]


def test_two_agencies_referring_the_same_victim_for_the_same_meeting_make_one_case(tmp_path, rng, pdf_referral):
    home = tmp_path / "var"
    victim = _person(rng)
    _send(home, pdf_referral, victim, "2026-11-19")
    # The second agency keys the name differently: surname first, no accent, lower case.
    first, last = str(victim["referral.victim.name"]).split(" ", 1)
    rekeyed = {**victim, "referral.victim.name": f"{last.title()}, {first}".replace("ë", "e").replace("â", "a"),
               "referral.referrer.agency": "Exampleshire Health", "referral.victim.phone": "07700 900999"}
    _send(home, pdf_referral, rekeyed, "2026-11-20", sender="hv@nhs.net")
    _pass(home)
    (case,) = _cases(home)
    assert case["referrals"] == 2 and case["meeting"] == "2026-12-08" and case["status"] == "listed"
    assert set(case["agencies"]) == {victim["referral.referrer.agency"], "Exampleshire Health"}
    assert len(list((home / "outbox").glob("*.eml"))) == 2  # the IDVA gets every referral


def test_two_different_people_with_the_same_name_are_two_cases(tmp_path, rng, pdf_referral):
    home = tmp_path / "var"
    one = _person(rng, **{"referral.victim.name": "Hannah DUNMORE", "referral.victim.dob": "14/02/1990"})
    other = _person(rng, **{"referral.victim.name": "Hannah DUNMORE", "referral.victim.dob": "30/09/1972",
                            "referral.victim.postcode": "EX4 7QT"})
    _send(home, pdf_referral, one, "2026-11-18")
    _send(home, pdf_referral, other, "2026-11-19")
    _pass(home)
    cases = _cases(home)
    assert [c["referrals"] for c in cases] == [1, 1] and {c["status"] for c in cases} == {"listed"}
    assert _desk(home) == []


def test_transposed_date_of_birth_asks_the_coordinator_and_approval_merges(tmp_path, rng, pdf_referral):
    home = tmp_path / "var"
    victim = _person(rng, **{"referral.victim.dob": "03/04/1988"})
    _send(home, pdf_referral, victim, "2026-11-18")
    _pass(home)
    _send(home, pdf_referral, {**victim, "referral.victim.dob": "04/03/1988",
                               "referral.victim.phone": "07700 900123", "referral.victim.postcode": "EX6 9ZZ",
                               "referral.referrer.agency": "Exampleshire Housing"}, "2026-11-19")
    _pass(home)
    first, second = _cases(home)
    assert first["status"] == "listed" and second["status"] == "exception"
    (folder,) = _desk(home)
    readme = (folder / "README.txt").read_text()
    assert f"same victim as case {first['case_number']}" in readme and "swapped" in readme
    shutil.move(str(folder), str(home / "exceptions" / "approved" / folder.name))
    _pass(home)
    first, second = _cases(home)
    assert first["referrals"] == 2 and second["status"] == "closed" and second["warnings"] == [
        f"merged into {first['case_number']}"]
    assert (home / "exceptions" / "done" / folder.name / "message.eml").exists()
    audit = run_cli(home, "audit", "--case", first["case_number"]).stdout
    assert "decision" in audit or "disclosure" in audit


def test_below_threshold_goes_to_the_desk_with_the_figures(tmp_path, rng, pdf_referral):
    home = tmp_path / "var"
    values = invented_referral(rng, children=0, yes_answers=9)
    values["referral.reasons.visible_high_risk"] = False
    _send(home, pdf_referral, values, "2026-11-18")
    _pass(home)
    (case,) = _cases(home)
    assert case["status"] == "exception"
    readme = (_desk(home)[0] / "README.txt").read_text()
    assert "meets none of the referral criteria: DASH score 9 (visible high risk needs 14)" in readme
    assert "3 or more incidents in 12 months" in readme


def test_professional_judgement_without_a_rationale_is_an_exception(tmp_path, rng, pdf_referral):
    home = tmp_path / "var"
    values = invented_referral(rng, children=0, yes_answers=8)
    values.update({"referral.reasons.professional_judgement": True, "referral.reasons.visible_high_risk": False})
    _send(home, pdf_referral, values, "2026-11-18")
    _pass(home)
    readme = (_desk(home)[0] / "README.txt").read_text()
    assert "professional judgement is ticked but the referrer has not written the reasons" in readme
    # With the reasons written, the same referral goes ahead.
    other = invented_referral(rng, children=0, yes_answers=8)
    other.update({"referral.reasons.professional_judgement": True, "referral.reasons.visible_high_risk": False,
                  "referral.reasons.professional_judgement_rationale": "Escalating coercive control; victim terrified."})
    _send(home, pdf_referral, other, "2026-11-18")
    _pass(home)
    assert [c["status"] for c in _cases(home)] == ["exception", "listed"]


def test_a_victim_outside_the_area_is_flagged_for_transfer(tmp_path, rng, pdf_referral):
    home = tmp_path / "var"
    _send(home, pdf_referral, _person(rng, **{"referral.victim.postcode": "TQ1 1AA"}), "2026-11-18")
    _pass(home)
    assert "outside area: postcode district TQ1 is not covered by this MARAC; transfer to another MARAC?" in (
        _desk(home)[0] / "README.txt").read_text()


def test_a_day_either_side_of_the_cut_off(tmp_path, rng, pdf_referral):
    home = tmp_path / "var"
    # October 2026: the MARAC meets on Tuesday 13th; five working days before is Tuesday 6th.
    _send(home, pdf_referral, _person(rng, **{"referral.victim.name": "Siân ASHCOMBE"}), "2026-10-06")
    _send(home, pdf_referral, _person(rng, **{"referral.victim.name": "Marta VANTRELL"}), "2026-10-07")
    _send(home, pdf_referral, _person(rng, **{"referral.victim.name": "Aoife GALLOWGLASS"}), "2026-10-05")
    _pass(home)
    meetings = sorted(c["meeting"] for c in _cases(home))
    assert meetings == ["2026-10-13", "2026-10-13", "2026-11-10"]


def test_a_meeting_date_on_a_bank_holiday_moves_to_the_next_working_day(tmp_path, rng, pdf_referral):
    config = write_config(tmp_path, {'frequency = "monthly"': 'frequency = "dates"\ndates = [2026-12-25, 2027-01-22]'})
    home = tmp_path / "var"
    _send(home, pdf_referral, _person(rng), "2026-11-18")
    _pass(home, config)
    (case,) = _cases(home, config)
    # Christmas Day is a Friday; Monday 28th is the Boxing Day substitute; Tuesday 29th is the next working day.
    assert case["meeting"] == "2026-12-29"


def test_a_still_wrong_correction_comes_back_and_a_rejection_closes_the_case(tmp_path, rng, pdf_referral):
    home = tmp_path / "var"
    values = {k: v for k, v in _person(rng).items() if k != "referral.victim.dob"}
    _send(home, pdf_referral, values, "2026-11-18")
    _pass(home)
    (folder,) = _desk(home)
    shutil.move(str(folder), str(home / "exceptions" / "approved" / folder.name))  # approved without a fix
    _pass(home)
    (back,) = _desk(home)
    assert back.name == folder.name and "still needs attention" in (back / "README.txt").read_text()
    assert "date of birth" in (back / "README.txt").read_text()
    (back / "reason.txt").write_text("Duplicate of a referral already sent by another officer.\n")
    shutil.move(str(back), str(home / "exceptions" / "rejected" / back.name))
    _pass(home)
    (case,) = _cases(home)
    assert case["status"] == "closed" and _desk(home) == []
    assert "rejected: Duplicate of a referral" in run_cli(home, "audit", "--case", case["case_number"]).stdout


def test_an_unknown_sender_waits_for_the_coordinator_who_can_vouch_for_it(tmp_path, rng, pdf_referral):
    home = tmp_path / "var"
    _send(home, pdf_referral, _person(rng), "2026-11-18", sender="someone@gmail.com")
    _send(home, pdf_referral, _person(rng, **{"referral.victim.name": "Rory FEATHERSTONE"}), "2026-11-18",
          sender="Exampleshire Police <pc@exampleshire-police.co>")
    _pass(home)
    assert _cases(home) == [] and not list((home / "outbox").glob("*.eml"))  # nothing reached the IDVA
    folders = _desk(home)
    assert len(folders) == 2
    assert all("not a configured agency domain" in (f / "README.txt").read_text() for f in folders)
    shutil.move(str(folders[0]), str(home / "exceptions" / "approved" / folders[0].name))
    _pass(home)
    (case,) = _cases(home)
    assert case["status"] == "listed" and len(list((home / "outbox").glob("*.eml"))) == 1
