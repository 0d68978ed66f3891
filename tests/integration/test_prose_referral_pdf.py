"""The prose referral and the printed web form of tests/unit/test_prose_referral.py, printed to PDF by LibreOffice:
the numbered children running on over lines (each line wrapped as the page wraps it), the bold question answered on
its own line, and the web form's bold questions over their answers read as in Word. All data is invented.
"""
from __future__ import annotations

import io
from typing import Any

import pytest

from parsers import parse_bytes
from tests.corpus.pdf_layouts import export_with_libreoffice, soffice
from tests.unit.test_prose_referral import _referral, _web_form

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")


def _both(docs: dict[str, Any]) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    files = {}
    for key, doc in docs.items():
        out = io.BytesIO()
        doc.save(out)
        files[key] = out.getvalue()
    pdfs = export_with_libreoffice(files)
    return {key: (parse_bytes(files[key], f"{key}.docx"), parse_bytes(pdfs[key], f"{key}.pdf")) for key in files}


def test_prose_and_web_forms_read_the_same_in_pdf_as_in_word() -> None:
    read = _both({
        "prose": _referral([
            "1) Ava EXAMPLE, DOB 01/02/2018, Riverside Primary – lives with mum",
            "2) Ben EXAMPLE, DOB 03/04/2023, Not yet at school – lives with mum",
            "3) Cal EXAMPLE, DOB 05/06/2012, Hillside Academy – lives with maternal grandmother, 12 Elm Close, "
            "Exampletown, EX3 3CC"]),
        "web": _web_form([
            ("Name of person referring", "Pat Example"), ("Date of referral", "03/11/2026"),
            ("First name", "Jo"), ("Last name", "EXAMPLE"), ("Address line 1", "4 Test Lane"),
            ("If other, please specify", ""), ("Town / City", "Exampletown"), ("Postcode", "EX1 1AA"),
            ("Reason for homelessness", "Domestic abuse"), ("Contact telephone number", "07700 900222")])})
    word, pdf = read["prose"]
    children = pdf["referral"]["children"]
    assert [(c["name"], c["dob"], c["school"], c["lives_with_victim"]) for c in children] == [
        ("Ava EXAMPLE", "2018-02-01", "Riverside Primary", True),
        ("Ben EXAMPLE", "2023-04-03", "Not yet at school", True),
        ("Cal EXAMPLE", "2012-06-05", "Hillside Academy", False)]
    assert (pdf["referral"]["crime_reference"], pdf["referral"]["police"]["officer_in_charge"]) == \
        ("EX/12345/26", "DC Testperson")
    assert pdf["referral"]["children"] == word["referral"]["children"]
    word, pdf = read["web"]
    victim = pdf["referral"]["victim"]
    assert (victim["address"], victim["phone"]) == ("4 Test Lane, Exampletown, EX1 1AA", "07700 900222")
    assert pdf["referral"]["referrer"]["date"] == word["referral"]["referrer"]["date"] == "2026-11-03"
