"""The service's own PDF form: filled as a viewer would, parsers.parse_bytes reads it back exactly;
and the PDF reader copes with what referrers really send (odd field names, scans, passwords,
damaged files).

All people, places and numbers here are invented (07700 900xxx is the drama range).
"""
from __future__ import annotations

import io
import json
import random
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, TextStringObject
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from generators.forms import layout
from generators.forms.pdf_form import FILENAME, build_referral_pdf, fill_referral_pdf, write_pdf
from parsers import parse_bytes
from parsers.fields import Kind, form_paths
from parsers.pdf.reader import PASSWORD_PROBLEM, SCANNED_PROBLEM, read_pdf

SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "referral.schema.json"
ANSWER_CYCLE = ("yes", "no", "unknown", "yes", "yes")
ADDRESS = "Flat 2, Example House\n14 Imaginary Road\nExeter EX1 1AA"

# Awkward values, and what the parse must give back for them.
SPECIAL: dict[str, tuple[str | bool, Any]] = {
    "referral.victim.name": ("Zoë O'Brien-Smith", "Zoë O'Brien-Smith"),
    "referral.referrer.agency": ("Housing & Support <North>", "Housing & Support <North>"),
    "referral.previous_marac": ("{{ 7*7 }}", "{{ 7*7 }}"),
    "referral.risks_summary": ("Threats to kill 'if you leave'.\nStrangled on 01/03/2024 & <again> later.",
                               "Threats to kill 'if you leave'.\nStrangled on 01/03/2024 & <again> later."),
    "referral.victim.address": (ADDRESS, ADDRESS),
    "referral.victim.postcode": ("ex1 1aa", "EX1 1AA"),
    "referral.victim.aliases": ("Zo; Zoe Fictional", ["Zo", "Zoe Fictional"]),
    "referral.victim.dob": ("03/04/1988", "1988-04-03"),
    "referral.victim.phone": ("07700 900123", "07700 900123"),
    "referral.referrer.phone": ("07700 900456", "07700 900456"),
    "referral.referrer.email": ("a.referrer@example.org", "a.referrer@example.org"),
    "dash.comments.14": ("Said by a neighbour; \"heard it\" — twice", "Said by a neighbour; \"heard it\" — twice"),
}


def _answer(path: str) -> str:
    return ANSWER_CYCLE[int(path.rsplit(".", 1)[1]) % len(ANSWER_CYCLE)]


YES_COUNT = sum(1 for n in range(1, 25) if _answer(f"dash.answers.{n}") == "yes")


def _invented(path: str, kind: Kind, n: int) -> tuple[str | bool, Any]:
    """A made-up value for `path` and what parsing it must give back."""
    if path in SPECIAL:
        return SPECIAL[path]
    if path == "referral.dash_score_stated":
        return str(YES_COUNT), YES_COUNT
    if kind is Kind.BOOL:
        return n % 3 != 0, n % 3 != 0
    if kind is Kind.ANSWER:
        return _answer(path), _answer(path)
    if kind is Kind.DATE:
        day = n % 28 + 1
        return f"{day:02d}/11/2019", f"2019-11-{day:02d}"
    if kind is Kind.LIST:
        return f"Alias {n}a, Alias {n}b", [f"Alias {n}a", f"Alias {n}b"]
    text = f"Invented {path.split('.')[-1].replace('_', ' ')} {n} – café"
    return text, text


def _layout_paths() -> dict[str, Kind]:
    """Every path the form prints, collected from layout.py (the form's source of truth)."""
    paths = {f.path: f.kind for section in layout.REFERRAL_SECTIONS for f in section.fields}
    for table in (layout.PERPETRATOR_TABLE, layout.CHILDREN_TABLE):
        for row in range(table.rows):
            paths.update({f"{table.section}.{row}.{c}": form_paths()[f"{table.section}.{row}.{c}"]
                          for c, _ in table.columns})
    for number, _ in layout.dash_questions():
        paths[f"dash.answers.{number}"] = Kind.ANSWER
        paths[f"dash.comments.{number}"] = Kind.TEXT
    paths.update({f.path: f.kind for f in layout.DASH_FOOTER})
    return paths


def _lookup(parsed: dict[str, Any], path: str) -> Any:
    node: Any = parsed
    for part in path.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _assert_valid(parsed: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(parsed)


@pytest.fixture(scope="module")
def blank() -> bytes:
    return build_referral_pdf()


@pytest.fixture(scope="module")
def filled_case(blank: bytes) -> tuple[bytes, dict[str, Any]]:
    values: dict[str, str | bool] = {}
    expected: dict[str, Any] = {}
    for n, (path, kind) in enumerate(_layout_paths().items()):
        values[path], expected[path] = _invented(path, kind, n)
    return fill_referral_pdf(blank, values), expected


def _messages(parsed: dict[str, Any]) -> list[str]:
    return [p["message"] for p in parsed["problems"]]


# (a) and (g): every path round-trips exactly, and the output is schema-valid.

def test_layout_covers_every_form_path() -> None:
    assert set(_layout_paths()) == set(form_paths())


def test_blank_form_has_a_field_for_every_path(blank: bytes) -> None:
    assert set(PdfReader(io.BytesIO(blank)).get_fields()) == set(form_paths())
    assert len(PdfReader(io.BytesIO(blank)).pages) >= 3


def test_filled_form_round_trips_every_value(filled_case: tuple[bytes, dict[str, Any]]) -> None:
    data, expected = filled_case
    parsed = parse_bytes(data, "referral.pdf")
    assert parsed["problems"] == []
    assert parsed["source"]["kind"] == "pdf-acroform"
    assert parsed["forms"] == ["referral", "dash"]
    mismatches = {p: (_lookup(parsed, p), want) for p, want in expected.items() if _lookup(parsed, p) != want}
    assert mismatches == {}
    assert parsed["dash"]["score"] == YES_COUNT
    assert len(parsed["referral"]["perpetrators"]) == layout.PERPETRATOR_TABLE.rows
    assert len(parsed["referral"]["children"]) == layout.CHILDREN_TABLE.rows
    _assert_valid(parsed)


def test_blank_form_reads_as_no_form(blank: bytes) -> None:
    parsed = parse_bytes(blank, "blank.pdf")
    assert parsed["forms"] == []
    assert len(parsed["problems"]) == 1
    _assert_valid(parsed)


def test_fill_rejects_unknown_names_and_choices(blank: bytes) -> None:
    with pytest.raises(KeyError):
        fill_referral_pdf(blank, {"referral.victim.shoe_size": "9"})
    with pytest.raises(ValueError):
        fill_referral_pdf(blank, {"dash.answers.1": "maybe"})


def test_write_pdf(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "out")
    assert path.name == FILENAME == "marac-referral-form.pdf"
    assert path.read_bytes().startswith(b"%PDF-")


# (b) a tick stored only in the widget's appearance state.

def _drop_value(data: bytes, name: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(data))
    for ref in writer.root_object["/AcroForm"]["/Fields"]:
        field = ref.get_object()
        if field.get("/T") == name:
            del field[NameObject("/V")]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_radio_without_v_is_read_from_as(blank: bytes) -> None:
    data = fill_referral_pdf(blank, {"referral.victim.pregnant": True, "referral.victim.name": "Test Person"})
    data = _drop_value(data, "referral.victim.pregnant")
    assert read_pdf(data).fields["referral.victim.pregnant"] == "Yes"
    assert parse_bytes(data, "r.pdf")["referral"]["victim"]["pregnant"] is True


def _tiny_form(draw: Any) -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    canvas.drawString(50, 800, "Referral (another area's form)")
    draw(canvas.acroForm)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def test_checkbox_without_v_is_read_from_as() -> None:
    data = _tiny_form(lambda form: (
        form.checkbox(name="referral.victim.disabled", checked=True, x=50, y=700),
        form.textfield(name="referral.victim.name", value="Test Person", x=50, y=650)))
    data = _drop_value(data, "referral.victim.disabled")
    raw = read_pdf(data)
    assert raw.fields["referral.victim.disabled"] is True
    assert parse_bytes(data, "r.pdf")["referral"]["victim"]["disabled"] is True


def test_hierarchical_names_and_loops() -> None:
    """A viewer may re-save `referral.victim.name` as fields referral > victim > name; a damaged
    tree may loop. The fully qualified name is the same path, and the walk ends."""
    def draw(form: Any) -> None:
        form.textfield(name="name", value="Test Person", x=50, y=700, maxlen=0)
        for i, export in enumerate(("Yes", "No")):
            form.radio(name="pregnant", value=export, selected=export == "Yes", x=50 + 30 * i, y=650)

    writer = PdfWriter(clone_from=io.BytesIO(_tiny_form(draw)))
    acroform = writer.root_object["/AcroForm"]
    leaves = list(acroform["/Fields"])
    victim = DictionaryObject({NameObject("/T"): TextStringObject("victim")})
    referral = DictionaryObject({NameObject("/T"): TextStringObject("referral")})
    victim_ref, referral_ref = writer._add_object(victim), writer._add_object(referral)
    victim[NameObject("/Kids")] = ArrayObject([*leaves, referral_ref])  # the loop
    victim[NameObject("/Parent")] = referral_ref
    referral[NameObject("/Kids")] = ArrayObject([victim_ref])
    for leaf in leaves:
        leaf.get_object()[NameObject("/Parent")] = victim_ref
    acroform[NameObject("/Fields")] = ArrayObject([referral_ref])
    out = io.BytesIO()
    writer.write(out)
    raw = read_pdf(out.getvalue())
    assert raw.fields == {"referral.victim.name": "Test Person", "referral.victim.pregnant": "Yes"}
    assert raw.problems == []


# (c) meaningless field names go to `labelled`, for label matching later.

def test_meaningless_names_are_labelled() -> None:
    def draw(form: Any) -> None:
        form.textfield(name="Text12", value="Jo Example-Test", x=50, y=700, maxlen=0)
        form.checkbox(name="Check Box3", checked=True, x=50, y=650)
        form.checkbox(name="Check Box4", checked=False, x=80, y=650)
        for i, export in enumerate(("Choice1", "Choice2")):
            form.radio(name="Group1", value=export, selected=export == "Choice2", x=50 + 30 * i, y=600)

    raw = read_pdf(_tiny_form(draw))
    assert raw.kind == "pdf-acroform"
    assert raw.fields == {}
    assert {x.label: x.value for x in raw.labelled} == {"Text12": "Jo Example-Test", "Check Box3": True, "Check Box4": False,
                                  "Group1": "Choice2"}
    parsed = parse_bytes(_tiny_form(draw), "other-area.pdf")
    assert parsed["forms"] == []
    _assert_valid(parsed)


# (d) a scan: an image of a form and no text.

def test_image_only_pdf_is_a_scan() -> None:
    image = Image.new("RGB", (1200, 1600), "white")
    pen = ImageDraw.Draw(image)
    for i, line in enumerate(["MARAC referral form", "Victim's full name: Test Person", "DOB: 01/01/1990"]):
        pen.text((80, 100 + 60 * i), line, fill="black")
    png = io.BytesIO()
    image.save(png, format="PNG")
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    canvas.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, *A4)
    canvas.showPage()
    canvas.save()
    parsed = parse_bytes(buf.getvalue(), "scan.pdf")
    assert parsed["source"]["kind"] == "pdf-image"
    assert SCANNED_PROBLEM in _messages(parsed)
    assert SCANNED_PROBLEM.startswith("scanned form: needs keying")
    _assert_valid(parsed)


def test_text_pdf_without_fields_is_pdf_text() -> None:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    canvas.drawString(50, 800, "Victim's full name: Test Person   Date of birth: 01/01/1990")
    canvas.showPage()
    canvas.save()
    raw = read_pdf(buf.getvalue())
    assert raw.kind == "pdf-text" and raw.problems == []


# (e) passwords.

def _encrypted(data: bytes, user_password: str, algorithm: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(data))
    writer.encrypt(user_password=user_password, owner_password="owner-test-only", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_user_password_is_a_problem(filled_case: tuple[bytes, dict[str, Any]]) -> None:
    parsed = parse_bytes(_encrypted(filled_case[0], "not-the-real-one", "AES-256"), "locked.pdf")
    assert _messages(parsed) == [PASSWORD_PROBLEM]
    assert PASSWORD_PROBLEM.startswith("the PDF is password-protected: ask the referrer")
    _assert_valid(parsed)


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_empty_user_password_still_reads(filled_case: tuple[bytes, dict[str, Any]], algorithm: str) -> None:
    data, expected = filled_case
    parsed = parse_bytes(_encrypted(data, "", algorithm), "restricted.pdf")
    assert parsed["problems"] == []
    assert parsed["referral"]["victim"]["name"] == expected["referral.victim.name"]
    assert parsed["dash"]["score"] == YES_COUNT


# (f) damaged files: problems, never exceptions.

def _damaged(filled: bytes) -> list[bytes]:
    noise = random.Random(7).randbytes(5000)
    return [filled[: len(filled) // 3], filled[:2000], filled[:-40], b"%PDF-1.7\n" + noise, b"%PDF-", noise]


def test_damaged_files_give_problems_not_exceptions(filled_case: tuple[bytes, dict[str, Any]]) -> None:
    for data in _damaged(filled_case[0]):
        parsed = parse_bytes(data, "damaged.pdf")
        assert parsed["problems"], data[:20]
        _assert_valid(parsed)
        if data.startswith(b"%PDF-"):
            assert read_pdf(data).problems


# XFA: values from the datasets packet, with entities left unexpanded.

XFA_DATASETS = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<xfa:datasets xmlns:xfa="http://www.xfa.org/schema/xfa-data/1.0/"><xfa:data><form1>
<referral><victim><name>Test Person</name><gp>&secret;</gp></victim></referral>
<dash.answers.1>Yes</dash.answers.1><Text12>Jo Example</Text12>
</form1></xfa:data></xfa:datasets>"""


def test_xfa_datasets_are_read() -> None:
    writer = PdfWriter()
    writer.add_blank_page(*A4)
    stream = DecodedStreamObject()
    stream.set_data(XFA_DATASETS)
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject({
        NameObject("/Fields"): ArrayObject(),
        NameObject("/XFA"): ArrayObject([TextStringObject("datasets"), writer._add_object(stream)]),
    })
    out = io.BytesIO()
    writer.write(out)
    raw = read_pdf(out.getvalue())
    assert raw.kind == "pdf-xfa"
    assert raw.fields == {"referral.victim.name": "Test Person", "dash.answers.1": "Yes"}
    assert ("form1.Text12", "Jo Example") in [(x.label, x.value) for x in raw.labelled]
    assert "root:" not in repr(raw)
