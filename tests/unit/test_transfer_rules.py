"""The rules behind inter-MARAC transfers that need no mailbox: what check-config says about a neighbouring
MARAC, which MARAC a referral comes from, which MARAC a typed name means, and that a minutes extract
carries one case's section and nothing of the next case's."""
from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from generators.transfer_pack import case_section
from marac.config import ConfigError, config_findings, load
from marac.flow import transfer_in
from marac.flow.transfer_out import find_area, refusal
from tests.conftest import write_config

TORBAY = """
[[marac_areas]]
name = "Torbay MARAC"
code = "TOR"
email = "marac@torbay.gov.uk"
domains = ["marac.torbay.gov.uk"]
isp_signed = 2025-01-01
"""


def _config(tmp_path, extra: str = ""):
    return load(write_config(tmp_path, append=TORBAY + extra))


def test_check_config_names_a_marac_that_could_never_be_sent_a_case(tmp_path):
    config = _config(tmp_path, """
[[marac_areas]]
name = "Plymouth MARAC"
code = "PLY"
email = "marac@plymouth.example.org"
isp_expires = 2030-01-01

[[marac_areas]]
name = "Torbay again"
code = "TOR"
email = "other@torbay.gov.uk"
isp_signed = 2025-01-01
isp_expires = 2025-06-30
""")
    errors, warnings = config_findings(config)
    assert any("'Plymouth MARAC'" in e and "not on a secure domain" in e for e in errors)
    assert any("have the code TOR" in e for e in errors)
    assert any("'Plymouth MARAC'" in w and "no Information Sharing Protocol date" in w for w in warnings)
    assert any("'Torbay again'" in w and "expired on 2025-06-30" in w for w in warnings)
    assert not any("'Torbay MARAC'" in line for line in errors + warnings)


def test_a_marac_sharing_an_agencys_domain_is_refused_by_check_config(tmp_path):
    config = _config(tmp_path, '[[marac_areas]]\nname = "Shared"\ncode = "SHR"\nemail = "marac@nhs.net"\n'
                               'domains = ["nhs.net"]\nisp_signed = 2025-01-01\n')
    errors, _ = config_findings(config)
    assert any("'Shared'" in e and "nhs.net, which an agency uses too" in e for e in errors)


def test_a_marac_on_webmail_stops_the_configuration(tmp_path):
    with pytest.raises(ConfigError) as caught:
        _config(tmp_path, '[[marac_areas]]\nname = "Webmail"\ncode = "WEB"\nemail = "marac.web@gmail.com"\n')
    assert any("public webmail" in p for p in caught.value.problems)


def test_the_receiving_marac_is_found_by_code_or_name_and_gated_on_the_day(tmp_path):
    config = _config(tmp_path)
    torbay = config.marac_areas[0]
    assert find_area(config, "tor") is torbay and find_area(config, "Transfer to Torbay MARAC") is torbay
    assert find_area(config, "torbay") is torbay and find_area(config, "Plymouth") is None
    secure = config.security.secure_domains
    assert refusal(torbay, dt.date(2026, 1, 5), secure) is None
    assert "starts on 2025-01-01" in str(refusal(torbay, dt.date(2024, 12, 31), secure))
    lapsed = torbay.model_copy(update={"isp_expires": dt.date(2026, 1, 4)})
    assert "expired on 2026-01-04" in str(refusal(lapsed, dt.date(2026, 1, 5), secure))


def test_where_a_referral_comes_from(tmp_path):
    config = _config(tmp_path)
    plain = {"referral": {"victim": {"name": "Invented PERSON"}}}
    named = {"referral": {"transfer_from": "torbay"}}
    assert transfer_in.origin(config, "marac@torbay.gov.uk", "", [], plain) == "Torbay MARAC"
    assert transfer_in.origin(config, "coordinator@marac.torbay.gov.uk", "", [], plain) == "Torbay MARAC"
    # One address on the council's domain is not the MARAC: only its own address and domains are.
    assert transfer_in.origin(config, "housing@torbay.gov.uk", "MARAC referral", ["referral.pdf"], plain) is None
    assert transfer_in.origin(config, "pc@exampleshire.police.uk", "", [], named) == "Torbay MARAC"
    assert transfer_in.origin(config, "pc@exampleshire.police.uk", "", [],
                              {"referral": {"transfer_from": "Kernow MARAC"}}) == "Kernow MARAC"
    assert transfer_in.origin(config, "pc@exampleshire.police.uk", "FW: Inter-MARAC referral/transfer form", [],
                              plain) == transfer_in.UNNAMED
    assert transfer_in.origin(config, "pc@exampleshire.police.uk", "", ["MARAC_to_MARAC_Transfer.docx"],
                              plain) == transfer_in.UNNAMED


def _minutes() -> bytes:
    document = docx.Document()
    document.add_heading("MARAC minutes", 0)
    document.add_heading("Case EXM-2026-0001", 2)
    document.add_paragraph("Police: two call-outs (invented).")
    document.add_heading("Case EXM-2026-0002", 2)
    document.add_paragraph("Housing: other family (invented).")
    document.add_heading("Any other business", 1)
    document.add_paragraph("Room booking for next month.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_minutes_extract_is_that_cases_section_only():
    data = _minutes()
    first = case_section(data, "EXM-2026-0001")
    assert first == "Case EXM-2026-0001\nPolice: two call-outs (invented)."
    last = case_section(data, "exm-2026-0002")
    assert last is not None and "other family" in last and "Room booking" not in last
    assert case_section(data, "EXM-2026-0003") is None
    assert case_section(b"not a docx", "EXM-2026-0001") is None


def test_an_outside_area_note_names_the_marac_covering_the_postcode(tmp_path):
    from marac.flow.casework import area_problems
    config = _config(tmp_path, '[[marac_areas]]\nname = "Plymouth MARAC"\ncode = "PLY"\nemail = "marac@plymouth.gov.uk"\n'
                               'postcode_districts = ["PL1", "pl2"]\n')

    def note(postcode: str) -> str:
        return " ".join(p["message"] for p in area_problems(config, {"referral": {"victim": {"postcode": postcode}}}))
    assert "PL2 is covered by Plymouth MARAC; to transfer the case there, write PLY in transfer.txt" in note("PL2 1AB")
    assert "BS1 is not covered by this MARAC" in note("BS1 4DJ") and "code (TOR, PLY)" in note("BS1 4DJ")
    assert note("EX1 1AA") == ""
