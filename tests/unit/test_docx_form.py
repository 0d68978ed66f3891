"""The service's own Word form: what it builds, parsers.parse_bytes reads back exactly.

All people, places and numbers here are invented (07700 900xxx is the drama range).
"""
from __future__ import annotations

import io
import json
import random
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generators.forms import layout
from generators.forms.docx_form import build_referral_docx, form_kinds, write_docx
from parsers import parse_bytes
from parsers.docx.reader import read_docx
from parsers.fields import Kind

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "referral.schema.json"
ANSWER_CYCLE = ("yes", "no", "unknown", "yes")  # 12 of the 24 answers are yes
ADDRESS = "Flat 2, Example House\n14 Imaginary Road\nExeter EX1 1AA"

# Awkward values, and what the parse must give back for them.
SPECIAL: dict[str, tuple[str | bool, Any]] = {
    "referral.victim.name": ("Zoë O'Brien-Smith", "Zoë O'Brien-Smith"),
    "referral.referrer.agency": ("Housing & Support <North>", "Housing & Support <North>"),
    "referral.risks_summary": ("{{ 7*7 }}", "{{ 7*7 }}"),
    "referral.victim.address": (ADDRESS, ADDRESS),
    "referral.victim.postcode": ("ex1 1aa", "EX1 1AA"),
    "referral.victim.aliases": ("Zo; Zoe Fictional", ["Zo", "Zoe Fictional"]),
    "referral.victim.dob": ("03/04/1988", "1988-04-03"),
    "referral.victim.phone": ("07700 900123", "07700 900123"),
    "referral.referrer.email": ("a.referrer@example.org", "a.referrer@example.org"),
    "referral.dash_score_stated": ("12", 12),
    "dash.comments.14": ("Said by a neighbour; \"heard it\" — twice", "Said by a neighbour; \"heard it\" — twice"),
}


def _invented(path: str, kind: Kind, n: int) -> tuple[str | bool, Any]:
    """A made-up value for `path` and what parsing it must give back."""
    if path in SPECIAL:
        return SPECIAL[path]
    if kind is Kind.BOOL:
        return n % 2 == 0, n % 2 == 0
    if kind is Kind.ANSWER:
        answer = ANSWER_CYCLE[int(path.rsplit(".", 1)[1]) % 4]
        return answer, answer
    if kind is Kind.DATE:
        day = n % 28 + 1
        return f"{day:02d}/11/2019", f"2019-11-{day:02d}"
    if kind is Kind.LIST:
        return f"Alias {n}a, Alias {n}b", [f"Alias {n}a", f"Alias {n}b"]
    text = f"Invented {path.split('.')[-1].replace('_', ' ')} {n} – café"
    return text, text


def _filled() -> tuple[dict[str, str | bool], dict[str, Any]]:
    values: dict[str, str | bool] = {}
    expected: dict[str, Any] = {}
    for n, (path, kind) in enumerate(form_kinds().items()):
        values[path], expected[path] = _invented(path, kind, n)
    return values, expected


def _lookup(parsed: dict[str, Any], path: str) -> Any:
    """A canonical path's value in the parse output (indexed rows included)."""
    node: Any = parsed
    for part in path.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


@pytest.fixture(scope="module")
def filled_docx() -> bytes:
    return build_referral_docx(_filled()[0])


def test_layout_covers_every_form_path() -> None:
    from parsers.fields import form_paths
    assert set(form_kinds()) == set(form_paths())


def test_filled_form_reads_back_exactly(filled_docx: bytes) -> None:
    values, expected = _filled()
    parsed = parse_bytes(filled_docx, "referral.docx")
    assert parsed["problems"] == []
    assert parsed["forms"] == ["referral", "dash"]
    assert parsed["source"]["kind"] == "docx"
    mismatches = {p: (_lookup(parsed, p), want) for p, want in expected.items() if _lookup(parsed, p) != want}
    assert mismatches == {}
    yes_count = sum(1 for p, v in values.items() if p.startswith("dash.answers.") and v == "yes")
    assert parsed["dash"]["score"] == yes_count == 12
    assert set(parsed["dash"]["answers"].values()) == {"yes", "no", "unknown"}
    assert len(parsed["referral"]["perpetrators"]) == layout.PERPETRATOR_TABLE.rows
    assert len(parsed["referral"]["children"]) == layout.CHILDREN_TABLE.rows


def test_filled_form_is_escaped_and_ticked_in_the_xml(filled_docx: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(filled_docx)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert "Housing &amp; Support &lt;North&gt;" in xml
    assert "showingPlcHdr" not in xml
    assert "\u2612" in xml
    ids = re.findall(r'<w:id w:val="(\d+)"/>', xml)
    assert len(ids) == len(set(ids))


def test_blank_form_parses_to_nothing_with_a_problem() -> None:
    blank = build_referral_docx()
    parsed = parse_bytes(blank, "referral.docx")
    assert parsed["forms"] == []
    assert parsed["referral"] is None and parsed["dash"] is None
    assert parsed["problems"]
    raw = read_docx(blank)
    assert raw.problems == [] and raw.labelled == []
    assert set(raw.fields.values()) <= {None, False}
    # Every box on the form was found: text boxes by path, tick boxes as path=choice.
    for path, kind in form_kinds().items():
        if kind is Kind.BOOL:
            assert {f"{path}=yes", f"{path}=no"} <= set(raw.fields)
        elif kind is Kind.ANSWER:
            assert {f"{path}={c}" for c, _ in layout.DASH_CHOICES} <= set(raw.fields)
        else:
            assert path in raw.fields


def test_builder_refuses_paths_not_on_the_form() -> None:
    with pytest.raises(ValueError):
        build_referral_docx({"referral.victim.shoe_size": "9"})
    with pytest.raises(ValueError):
        build_referral_docx({"referral.victim.bme": "maybe"})
    with pytest.raises(ValueError):
        build_referral_docx({"dash.answers.3": "perhaps"})


def test_write_docx(tmp_path: Path) -> None:
    written = write_docx(tmp_path / "out")
    assert written.exists() and written.suffix == ".docx"
    assert parse_bytes(written.read_bytes(), written.name)["source"]["kind"] == "docx"


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in entries.items():
            package.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["referral.docx", "referral.zip"])
def test_damaged_or_foreign_files_give_problems(filled_docx: bytes, name: str) -> None:
    rng = random.Random(7)
    samples = [
        filled_docx[: len(filled_docx) // 2],
        _zip({"notes.txt": b"nothing to see", "data.bin": rng.randbytes(2000)}),
        _zip({"word/document.xml": b"<w:document><unclosed"}),
        b"PK\x03\x04" + rng.randbytes(3000),
    ]
    for sample in samples:
        parsed = parse_bytes(sample, name)
        assert parsed["problems"] and parsed["forms"] == []


def test_a_word_file_saved_with_stray_closing_tags_is_read_as_word_repairs_it() -> None:
    """LibreOffice saves a table's check box content control closed twice ("<w:p></w:sdtContent></w:sdt>"):
    Word repairs such a file on opening, and so does the reader, saying so; XML broken past that is refused."""
    from docx import Document
    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    for row, (label, answer) in zip(table.rows, (("Victim name", "Grace ABBOTT"), ("Date of birth", "03/04/1991"))):
        row.cells[0].text, row.cells[1].text = label, answer
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
        entries = {info.filename: package.read(info.filename) for info in package.infolist()}
    xml = entries["word/document.xml"]
    at = xml.index(b"<w:p>", xml.index(b"<w:tc>"))
    entries["word/document.xml"] = xml[:at + 5] + b"</w:sdtContent></w:sdt>" + xml[at + 5:]
    raw = read_docx(_zip(entries))
    assert ("Victim name", "Grace ABBOTT") in [(item.label, item.value) for item in raw.labelled]
    assert [p.severity for p in raw.problems if "repairs" in p.message] == ["warning"]
    entries["word/document.xml"] = xml.replace(b"</w:body>", b"</w:tbl></w:body>", 1)[:-40]
    assert "damaged" in read_docx(_zip(entries)).problems[0].message


def test_zip_bomb_and_entities_are_refused_or_inert() -> None:
    bomb = _zip({"word/document.xml": b"<a>" + b" " * (4 * 1024 * 1024) + b"</a>"})
    assert "not opened" in read_docx(bomb).problems[0].message
    xxe = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b'<w:body><w:p><w:sdt><w:sdtPr><w:tag w:val="referral.victim.gp"/></w:sdtPr>'
           b'<w:sdtContent><w:r><w:t>&x;</w:t></w:r></w:sdtContent></w:sdt></w:p></w:body></w:document>')
    raw = read_docx(_zip({"word/document.xml": xxe}))
    assert "root:" not in json.dumps(raw.fields)


W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')


def _body(xml: str) -> bytes:
    document = f'<w:document {W_NS}><w:body>{xml}</w:body></w:document>'
    return _zip({"word/document.xml": document.encode("utf-8")})


def test_nested_controls_and_legacy_fields_are_each_read_once() -> None:
    checkbox = ('<w:sdt><w:sdtPr><w:alias w:val="Pregnant yes"/><w:tag w:val="referral.victim.pregnant=yes"/>'
                '<w14:checkbox><w14:checked w14:val="1"/></w14:checkbox></w:sdtPr>'
                '<w:sdtContent><w:r><w:t>\u2612</w:t></w:r></w:sdtContent></w:sdt>')
    cell = (f'<w:sdt><w:sdtPr><w:alias w:val="Pregnancy box"/></w:sdtPr><w:sdtContent>'
            f'<w:p>{checkbox}<w:r><w:t xml:space="preserve"> Yes</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    legacy_text = ('<w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text12"/>'
                   '<w:textInput/></w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMTEXT </w:instrText></w:r>'
                   '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1 Fictional Way</w:t><w:br/>'
                   '<w:t>EX1 1AA</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    legacy_box = ('<w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check3"/>'
                  '<w:checkBox><w:default w:val="1"/></w:checkBox></w:ffData></w:fldChar></w:r>'
                  '<w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    # A text box is saved twice, once as a fallback for old readers.
    text_box = ('<w:sdt><w:sdtPr><w:alias w:val="Victim name"/></w:sdtPr><w:sdtContent><w:p><w:r>'
                '<w:t>Zoë Fictional</w:t></w:r></w:p><w:p><w:r><w:t>(Zo)</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    twice = (f'<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps">{text_box}</mc:Choice>'
             f'<mc:Fallback>{text_box}</mc:Fallback></mc:AlternateContent></w:r></w:p>')
    raw = read_docx(_body(cell + legacy_text + legacy_box + twice))
    assert raw.problems == []
    assert raw.fields == {"referral.victim.pregnant=yes": True}
    assert [(x.label, x.value) for x in raw.labelled] == [("Pregnancy box", " Yes"), ("Victim name", "Zoë Fictional\n(Zo)"),
                            ("Text12", "1 Fictional Way\nEX1 1AA"), ("Check3", True)]


def test_parse_output_matches_the_schema(filled_docx: bytes) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for data in (filled_docx, build_referral_docx(), b"PK\x03\x04 broken"):
        jsonschema.validate(parse_bytes(data, "referral.docx"), schema,
                            format_checker=jsonschema.FormatChecker())


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice or pdftotext is not installed")
def test_libreoffice_renders_the_filled_form(filled_docx: bytes, tmp_path: Path) -> None:
    source = tmp_path / "referral.docx"
    source.write_bytes(filled_docx)
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", str(tmp_path / "referral.pdf"), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    flat = " ".join(text.split())
    assert "Zoë O'Brien-Smith" in flat
    question_14 = dict(layout.dash_questions())[14]
    assert " ".join(question_14.split()) in flat
