"""Meeting documents: a 20-case, 15-agency meeting rendered from the committed templates, reopened with
python-docx, converted to PDF by LibreOffice (one call for the module) and read back with pdftotext.
All names are invented."""
from __future__ import annotations

import copy
import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn

from generators.documents.check import EXPECTED, template_problems
from generators.documents.model import Action, Agency, CaseEntry, Meeting, MeetingPack, Person
from generators.documents.render import (RenderError, actions_context, agenda_context, format_date,
                                         minutes_context, order_cases, render_actions, render_agenda,
                                         render_minutes, render_research, research_context)

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
D = dt.date
TRICKY_NAME = "Zoë O'Brien & <Tom>"
TRICKY_ADDRESS = "12 Example Road\nSampletown\nEX1 2MP"
AGENCY_NAMES = ("Police", "Probation", "Children's Social Care", "Adult Social Care", "Housing",
                "Health Visiting", "GP Liaison", "Mental Health Trust", "Education Safeguarding",
                "Substance Misuse Service", "IDVA Service", "Ambulance Service", "Acute Hospital",
                "Youth Justice", "Refuge Provider")
FIRST = ("Alex", "Bea", "Cal", "Dana", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jude")
LAST = ("Ashdown", "Brackley", "Corran", "Dunmore", "Elsworth", "Fenwick", "Garside", "Hollins")
SECTIONS = ("1 Introductions", "2 Confidentiality statement", "3 Incomplete actions from the last meeting",
            "4 New cases with children", "5 Adult-only cases",
            "6 Cases where 12 months have passed since their last MARAC", "7 Any other business")
# A template tag that survived rendering (the literal "{% if %}" of case 7 is a value, not a tag).
LEFTOVER_TAG = re.compile(r"\{%[ptr]? *(for |endfor|if (?!%)|endif|else)|\{\{ *(meeting|case|action|agency)\.")
needs_office = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                  reason="LibreOffice and poppler-utils are needed")


def invented(i: int, dob: D | None = None, **extra: Any) -> Person:
    return Person(f"{FIRST[i % 10]} {LAST[(i * 3) % 8]}", dob, **extra)


def invented_case(i: int) -> CaseEntry:
    """Case i of 1..20: two in three have children, one in four is a repeat; case 7 carries awkward text."""
    children = tuple(invented(i + 40 + k, D(2015 + k, i % 12 + 1, 3), school="Example Primary")
                     for k in range(i % 3))
    victim = invented(i, D(1980 + i, i % 12 + 1, i), address=f"{i} Sample Street\nSampletown")
    perpetrators = (invented(i + 20, D(1975 + i, 2, 1), relationship="ex-partner"),)
    if i == 7:
        victim = Person(TRICKY_NAME, D(1991, 4, 9), aliases=("{{ 7*7 }}", "Zo\x07e\x0c"), address=TRICKY_ADDRESS)
        perpetrators = (Person("{% if %}", None, relationship="partner"),)
    return CaseEntry(f"EXM-2026-{i:04d}", repeat=i % 4 == 0,
                     referring_agencies=(AGENCY_NAMES[i % 15],) + (("IDVA Service",) if i % 5 == 0 else ()),
                     victim=victim, perpetrators=perpetrators, children=children,
                     previous_case=f"EXM-2025-{100 + i:04d}" if i % 8 == 0 else None)


def invented_pack() -> MeetingPack:
    cases = tuple(invented_case(i) for i in (13, 2, 20, 7, 1, 9, 16, 4, 11, 18, 5, 14, 3, 10, 19, 6, 12, 8, 17, 15))
    agencies = tuple(Agency(name, f"marac@{name.split()[0].lower()}.example.gov.uk", f"{FIRST[n % 10]} Rep",
                            children_agency=name in ("Children's Social Care", "Health Visiting",
                                                     "Education Safeguarding"))
                     for n, name in enumerate(AGENCY_NAMES))
    incomplete = tuple(Action(f"A-{n}", f"EXM-2025-{900 + n:04d}", f"Outstanding task {n}", AGENCY_NAMES[n],
                              None, D(2026, 11, 20), "open", D(2026, 11, 10)) for n in range(3))
    return MeetingPack(Meeting("Exampleshire", D(2026, 12, 8), "10:00", "Room 2, Civic Centre", "DI Sam Chair"),
                       cases, agencies, incomplete, ("EXM-2025-0301", "EXM-2025-0302"))


def agency_actions(pack: MeetingPack, agency: Agency) -> list[Action]:
    """Every agency but the last has a few actions from this meeting."""
    n = AGENCY_NAMES.index(agency.name)
    if n == 14:
        return []
    return [Action(f"X-{n}-{k}", pack.cases[(n + k) % 20].case_number, f"Task {n}-{k}",
                   agency.name, agency.representative, D(2026, 12, 20 + k)) for k in range(1 + n % 3)]


def rendered_documents(pack: MeetingPack) -> dict[str, bytes]:
    read = {name: (TEMPLATES / name).read_bytes() for name in EXPECTED}
    docs = {"agenda": render_agenda(read["agenda.docx"], pack), "minutes": render_minutes(read["minutes.docx"], pack)}
    for n, agency in enumerate(pack.agencies):
        docs[f"research-{n:02d}"] = render_research(read["research.docx"], pack, agency)
        docs[f"actions-{n:02d}"] = render_actions(read["actions.docx"], pack, agency, agency_actions(pack, agency))
    return docs


@pytest.fixture(scope="module")
def pack() -> MeetingPack:
    return invented_pack()


@pytest.fixture(scope="module")
def docs(pack: MeetingPack) -> dict[str, bytes]:
    return rendered_documents(pack)


@pytest.fixture(scope="module")
def pdf_text(docs: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every document converted in ONE LibreOffice call (start-up dominates), then read with pdftotext.
    Only tests marked needs_office ask for it."""
    folder = tmp_path_factory.mktemp("documents")
    for name, data in docs.items():
        (folder / f"{name}.docx").write_bytes(data)
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={(folder / 'lo').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(folder), *sorted(str(p) for p in folder.glob("*.docx"))],
                   check=True, capture_output=True, timeout=240)
    return {name: subprocess.run(["pdftotext", "-layout", str(folder / f"{name}.pdf"), "-"], check=True,
                                 capture_output=True, text=True).stdout for name in docs}


def docx_text(data: bytes) -> str:
    """Paragraphs and table cells in document order."""
    doc = Document(io.BytesIO(data))
    lines = []
    for block in doc.iter_inner_content():
        if hasattr(block, "rows"):
            lines += [cell.text for row in block.rows for cell in row.cells]
        else:
            lines.append(block.text)
    return "\n".join(lines)


def positions(text: str, needles: list[str]) -> list[int]:
    found = [text.find(n) for n in needles]
    assert -1 not in found, [n for n, f in zip(needles, found) if f < 0]
    return found


def expected_order(pack: MeetingPack) -> list[str]:
    with_children, adult_only, returning = order_cases(pack.cases)
    return [c.case_number for c in with_children + adult_only + returning]


def test_every_document_reopens_with_no_tag_left(docs: dict[str, bytes]) -> None:
    assert len(docs) == 32
    for name, data in docs.items():
        text = docx_text(data)
        assert "OFFICIAL-SENSITIVE" in Document(io.BytesIO(data)).sections[0].header.paragraphs[0].text
        assert not LEFTOVER_TAG.search(text), name


@needs_office
def test_every_document_converts_to_pdf(pdf_text: dict[str, str]) -> None:
    assert len(pdf_text) == 32
    for name, text in pdf_text.items():
        assert "OFFICIAL-SENSITIVE" in text and "Exampleshire MARAC" in text, name


@needs_office
def test_agenda_order_children_first_each_case_once(pdf_text: dict[str, str], docs: dict[str, bytes],
                                                    pack: MeetingPack) -> None:
    text = pdf_text["agenda"]
    assert positions(text, ["Exampleshire MARAC agenda", "8 December 2026", "Room 2, Civic Centre", "DI Sam Chair"])
    starts = positions(text, list(SECTIONS))
    assert starts == sorted(starts)
    numbers = re.findall(r"EXM-2026-\d{4}", text)
    assert numbers == expected_order(pack)  # each once, children's cases first, each group by number
    child_part = text[starts[3]:starts[4]]
    assert len(re.findall(r"EXM-2026-\d{4}", child_part)) == sum(c.has_children for c in pack.cases) == 14
    assert "Example Primary" not in text and "Sample Street" not in text  # identifiers only: no schools, addresses
    assert "EXM-2025-0900" in text and "Repeat (previous case EXM-2025-0108)" in docx_text(docs["agenda"])
    assert positions(text[starts[5]:starts[6]], ["EXM-2025-0301", "EXM-2025-0302"])


@needs_office
def test_research_form_per_agency(pdf_text: dict[str, str], docs: dict[str, bytes], pack: MeetingPack) -> None:
    for n, agency in enumerate(pack.agencies):
        text = pdf_text[f"research-{n:02d}"]
        assert f"Research form: {agency.name}" in " ".join(text.split())
        cases = re.findall(r"Case (EXM-2026-\d{4})", text)
        assert cases == expected_order(pack)
        mine = sum(any(r == agency.name for r in c.referring_agencies) for c in pack.cases)
        assert text.count("Your agency referred this case.") == mine
    text = docx_text(docs["research-00"])
    for label in ("Facts", "Opinion/professional view", "Information held but not shared, and why"):
        assert text.count(label) == 20
    assert "Example Primary" in text and "ex-partner" in text


@needs_office
def test_minutes_skeleton(pdf_text: dict[str, str], docs: dict[str, bytes], pack: MeetingPack) -> None:
    text = pdf_text["minutes"].replace("’", "'")
    starts = positions(text, ["Exampleshire MARAC minutes", "1 Attendance", "2 Observers", "3 Confidentiality",
                              "4 Incomplete actions", "5 Cases", "6 Any other business", "7 Next meeting"])
    assert starts == sorted(starts)
    attendance = text[starts[1]:starts[2]]
    assert all(name in attendance for name in AGENCY_NAMES)
    assert re.findall(r"Case (EXM-2026-\d{4})", text) == expected_order(pack)
    assert text.count("Victim's views (via IDVA)") == 20


def test_minutes_action_tables_follow_their_case_heading(docs: dict[str, bytes], pack: MeetingPack) -> None:
    doc = Document(io.BytesIO(docs["minutes"]))
    heading, found = None, []
    for block in doc.iter_inner_content():
        if not hasattr(block, "rows"):
            if block.style.name.startswith("Heading") and block.text.startswith("Case EXM-"):
                heading = block.text
        elif heading and [c.text for c in block.rows[0].cells] == ["Action", "Agency", "Owner", "Deadline"]:
            assert len(block.rows) == 5 and all(c.text == "" for r in block.rows[1:] for c in r.cells)
            found.append(heading.removeprefix("Case "))
            heading = None
    assert found == expected_order(pack)


@needs_office
def test_action_lists_carry_only_their_agency(pdf_text: dict[str, str], pack: MeetingPack) -> None:
    for n, agency in enumerate(pack.agencies):
        text = pdf_text[f"actions-{n:02d}"]
        own = agency_actions(pack, agency)
        assert all(a.description in text for a in own)
        assert len(re.findall(r"Task \d+-\d+", text)) == len(own)
        assert ("No actions for your agency" in text) is (not own)


@needs_office
def test_values_printed_exactly_never_evaluated(pdf_text: dict[str, str], docs: dict[str, bytes]) -> None:
    for text in (pdf_text["research-03"], docx_text(docs["agenda"]), docx_text(docs["minutes"])):
        assert TRICKY_NAME in text
    assert "Zoë O'Brien &" in pdf_text["agenda"] and "<Tom>" in pdf_text["agenda"]  # wrapped in its column
    research = docx_text(docs["research-03"])
    assert "{{ 7*7 }}" in research and "{{ 7*7 }}" in pdf_text["research-03"] and "49" not in research.split("\n")
    assert "{% if %} (DOB not known)" in docx_text(docs["agenda"]) and "{% if %}" in pdf_text["agenda"]
    assert "{{ 7*7 }}; Zoe" in research  # control characters that would corrupt the XML are dropped
    assert TRICKY_ADDRESS in research  # line breaks kept (python-docx reads <w:br/> as a newline)
    assert all(line in pdf_text["research-03"] for line in TRICKY_ADDRESS.splitlines())


def flatten(value: Any, prefix: str = "") -> set[str]:
    """Leaf paths; the two case groups are read as `cases[]` (adult-only cases have no children to walk)."""
    if isinstance(value, dict):
        return set().union(*(flatten(v, f"{prefix}.{k}" if prefix else k) for k, v in value.items()))
    if isinstance(value, list):
        return set().union(*(flatten(v, f"{prefix}[]") for v in value))
    return {re.sub(r"^(child|adult|returning)_cases\[\]", "cases[]", prefix)}


def as_cases(paths: frozenset[str]) -> set[str]:
    return {re.sub(r"^(child|adult|returning)_cases\[\]", "cases[]", p) for p in paths}


def test_expected_variables_match_what_the_context_provides(pack: MeetingPack) -> None:
    agency = pack.agencies[0]
    assert flatten(agenda_context(pack)) == as_cases(EXPECTED["agenda.docx"])
    assert flatten(minutes_context(pack)) == as_cases(EXPECTED["minutes.docx"])
    assert flatten(research_context(pack, agency)) == as_cases(EXPECTED["research.docx"])
    assert flatten(actions_context(pack, agency, agency_actions(pack, agency))) == EXPECTED["actions.docx"]


def test_dates_and_foreign_actions() -> None:
    assert format_date(D(2026, 12, 8)) == "8 December 2026" and format_date(None) == "not known"
    pack = invented_pack()
    with pytest.raises(ValueError, match="X-1-0"):
        render_actions((TEMPLATES / "actions.docx").read_bytes(), pack, pack.agencies[0],
                       agency_actions(pack, pack.agencies[1]))


# check-config: templates edited as a coordinator would, with python-docx.

def edited(name: str, old: str, *new: str) -> bytes:
    """The template with the run holding `old` replaced by runs holding `new` (several = a split tag)."""
    doc = Document(TEMPLATES / name)
    run = next(r for r in doc.element.body.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))) == old)
    run.find(qn("w:t")).text = new[0]
    anchor = run
    for text in new[1:]:
        clone = copy.deepcopy(run)
        clone.find(qn("w:t")).text = text
        anchor.addnext(clone)
        anchor = clone
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def problems(name: str, data: bytes) -> list[str]:
    return template_problems(data, EXPECTED[name], name)


def test_committed_templates_have_no_problems() -> None:
    for name in EXPECTED:
        assert problems(name, (TEMPLATES / name).read_bytes()) == [], name


def test_misspelt_variables_are_named() -> None:
    assert problems("agenda.docx", edited("agenda.docx", "{{ meeting.venue }}", "{{ meeting.vnue }}")) == [
        "agenda.docx uses 'meeting.vnue', which the service does not provide (did you mean 'meeting.venue'?)"]
    found = problems("minutes.docx", edited("minutes.docx", "{{ case.case_number }}", "{{ case.case_numbr }}"))
    assert found == ["minutes.docx uses 'case.case_numbr', which the service does not provide "
                     "(did you mean 'case.case_number'?)"]
    with pytest.raises(RenderError, match="case_numbr"):
        render_minutes(edited("minutes.docx", "{{ case.case_number }}", "{{ case.case_numbr }}"), invented_pack())


def with_header_and_footer(name: str, header: str, footer: str) -> bytes:
    doc = Document(TEMPLATES / name)
    doc.sections[0].header.add_paragraph().add_run(header)
    doc.sections[0].footer.add_paragraph().add_run(footer)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_header_and_footer_tags_are_checked_and_rendered() -> None:
    bad = with_header_and_footer("actions.docx", "{{ meeting.nme }}", "{{ meeting.date }}")
    assert problems("actions.docx", bad) == [
        "actions.docx uses 'meeting.nme', which the service does not provide (did you mean 'meeting.name'?)"]
    good = with_header_and_footer("actions.docx", "{{ agency.name }}", "{{ meeting.date }}")
    assert problems("actions.docx", good) == []
    pack = invented_pack()
    rendered = Document(io.BytesIO(render_actions(good, pack, pack.agencies[14], [])))
    assert rendered.sections[0].header.paragraphs[-1].text == "Refuge Provider"
    assert rendered.sections[0].footer.paragraphs[-1].text == "8 December 2026"


def test_split_tags_are_reported() -> None:
    for parts in (("{{ meeting.", "date }}"), ("{", "{ meeting.date }}")):
        assert problems("agenda.docx", edited("agenda.docx", "{{ meeting.date }}", *parts)) == [
            "a tag in agenda.docx has been split by Word's formatting; retype it in one go: {{ meeting.date }}"]


def test_broken_tags_and_files_are_reported() -> None:
    found = problems("agenda.docx", edited("agenda.docx", "{%p if child_cases %}", "{%p iff child_cases %}"))
    assert len(found) == 1 and found[0].startswith("agenda.docx has a tag that cannot be read") and "iff" in found[0]
    found = problems("actions.docx", edited("actions.docx", "{{ agency.name }}", "{{ agency.name }"))
    assert any("not closed" in p for p in found) and any("cannot be read" in p for p in found)
    assert problems("agenda.docx", b"%PDF-1.7 not a Word file") == [
        "agenda.docx cannot be opened as a Word document (.docx): it is not a .docx file (an old .doc, a PDF, "
        "or damaged)"]
