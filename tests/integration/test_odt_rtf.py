"""OpenDocument (.odt) and Rich Text (.rtf) referral forms, made the way a referrer makes them (LibreOffice
saving a Word form in its own format, or as RTF), are read through LibreOffice like a .doc: every value
the Word form gives, the same, and the message they come in is handled like any with a form."""
from __future__ import annotations

import random
import shutil

import pytest

from generators.forms.docx_form import build_referral_docx
from intake.attachments import read_letter
from intake.maildir import deliver
from parsers import parse_bytes, sniff
from parsers.office import convert
from parsers.text import converted
from tests.conftest import invented_referral, referral_email, run_cli
from tests.corpus.areas.case import invented_case
from tests.corpus.areas.kingston import FORMS as KINGSTON

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")]

ODT = "application/vnd.oasis.opendocument.text"


@pytest.fixture(scope="module")
def forms() -> dict[str, dict[str, bytes]]:
    """The service's own Word form (content controls) and an area's label-table form, each as Word saved
    it and as LibreOffice saves it in .odt and .rtf."""
    words = {"own": build_referral_docx(invented_referral(random.Random(14), children=1)),
             "kingston": KINGSTON[0].build(invented_case(seed=14))}
    made: dict[str, dict[str, bytes]] = {}
    for name, docx in words.items():
        made[name] = {"docx": docx}
        for kind in ("odt", "rtf"):
            out = convert(docx, f"{name}.docx", kind, 60)
            assert out is not None, f"LibreOffice could not save {name} as {kind}"
            made[name][kind] = out
    return made


def _values(parsed: dict) -> tuple:
    """What was read. The checklist's version name is left out: LibreOffice keeps the DASH's printed lines,
    which name the version, where the Word form's tagged boxes do not; the answers are compared all the same."""
    dash = {k: v for k, v in (parsed["dash"] or {}).items() if k != "version"}
    return parsed["forms"], parsed["referral"], dash


@pytest.mark.parametrize("kind", ["odt", "rtf"])
def test_odt_and_rtf_forms_read_exactly_as_the_word_form_they_were_saved_from(forms, kind):
    for name, files in forms.items():
        assert sniff(files[kind], "attachment.bin") == kind  # known by their bytes, not their name
        word, other = parse_bytes(files["docx"], f"{name}.docx"), parse_bytes(files[kind], f"{name}.{kind}")
        assert other["source"]["kind"] == kind
        assert other["referral"] is not None and other["referral"]["victim"]["name"]
        assert _values(other) == _values(word), name
        assert [p["message"] for p in other["problems"]] == [p["message"] for p in word["problems"]], name


def test_without_libreoffice_the_coordinator_is_told_what_to_ask_for(forms, monkeypatch):
    monkeypatch.setattr(converted, "soffice", lambda: None)
    parsed = parse_bytes(forms["own"]["odt"], "referral.odt")
    assert parsed["referral"] is None
    assert parsed["problems"][0]["message"].startswith("this is an OpenDocument text file (.odt), which cannot be "
                                                       "read here (LibreOffice is not installed): ask the referrer")


def test_a_message_with_an_odt_and_an_rtf_form_is_a_referral_like_any_other(forms, tmp_path):
    raw = referral_email("pc.4521@exampleshire.police.uk",
                         [("MARAC referral.odt", forms["own"]["odt"], ODT),
                          ("area referral form.rtf", forms["kingston"]["rtf"], "application/rtf")])
    assert [a.filename for a in read_letter(raw).forms] == ["MARAC referral.odt", "area referral form.rtf"]
    home = tmp_path / "var"
    deliver(home / "inbox", raw)
    result = run_cli(home, "process-once")
    assert result.returncode == 0, result.stderr
    assert "1 referral(s) accepted" in result.stdout
    outbox = list((home / "outbox").glob("*.eml"))
    assert len(outbox) == 1 and b'filename="MARAC referral.odt"' in outbox[0].read_bytes()


def test_an_rtf_form_whose_tick_boxes_lost_their_state_says_so_and_reads_none_as_no(tmp_path):
    """LibreOffice saves a form's legacy tick boxes in RTF without their state (Word keeps it): opened again,
    each box looks unticked. The reader says so and leaves those answers empty: never "No" for a ticked box."""
    from tests.corpus.areas.essex import FORMS as ESSEX
    case = invented_case(seed=14)
    rtf = convert(ESSEX[0].build(case), "essex.docx", "rtf", 60)
    assert rtf is not None and converted.stateless_rtf_boxes(rtf)
    parsed = parse_bytes(rtf, "essex.rtf")
    reasons = parsed["referral"]["reasons"]
    assert (reasons["visible_high_risk"], reasons["potential_escalation"]) == (None, None)
    assert [p["severity"] for p in parsed["problems"] if "do not say whether they are ticked" in p["message"]] == ["warning"]
    assert not converted.stateless_rtf_boxes(b"{\\rtf1 {\\field{\\*\\fldinst FORMCHECKBOX {\\*\\formfield{\\fftype1\\ffres1}}}}}")
