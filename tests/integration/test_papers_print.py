"""The meeting papers and the tracker as people print them: each converted to PDF by LibreOffice (one call
for the module) and read back with pdftotext / pdfinfo. What a reader notices: sections in SafeLives'
order, each case once in its section, "Page X of Y" on every page, no heading broken inside a word, no
table running off the page, an empty section said in words, and the tracker one landscape page wide with
its header row and marking on every page. All names are invented."""
from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Cm

from generators.documents.model import (
    Action,
    Agency,
    CaseEntry,
    Meeting,
    MeetingPack,
    Person,
)
from generators.documents.render import (
    order_cases,
    render_actions,
    render_agenda,
    render_minutes,
    render_research,
)
from generators.tracker import ACTION_HEADERS, ActionRow, build_workbook

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                 reason="LibreOffice and poppler-utils are needed")]

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
D = dt.date
DAY = D(2026, 12, 8)
AGENCIES = ("Police", "Children's Social Care", "Housing", "Health Visiting", "IDVA Service",
            "Substance Misuse Service")
FIRST = ("Alex", "Bea", "Cal", "Dana", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jude")
LAST = ("Ashdown", "Brackley", "Corran", "Dunmore", "Elsworth", "Fenwick", "Garside", "Hollins")
STATUSES = ("Open", "In progress", "Done", "Not done", "Cancelled")
AGENDA_SECTIONS = ("1 Introductions", "2 Confidentiality statement", "3 Incomplete actions from the last meeting",
                   "4 New cases with children", "5 Adult-only cases",
                   "6 Cases where 12 months have passed since their last MARAC", "7 Any other business")
MINUTES_SECTIONS = ("1 Attendance", "2 Observers", "3 Confidentiality statement", "4 Incomplete actions",
                    "5 Cases", "6 Any other business", "7 Next meeting")
CASE = re.compile(r"EXM-2026-\d{4}")


def person(i: int, dob: D | None = None) -> Person:
    return Person(f"{FIRST[i % 10]} {LAST[(i * 3) % 8]}", dob)


def invented_case(i: int) -> CaseEntry:
    """Case i: two in three have children, one in four is a repeat, every seventh came from another MARAC,
    every ninth was last heard here 18 months ago (so is not a repeat)."""
    returning = i % 9 == 0
    return CaseEntry(
        f"EXM-2026-{i:04d}", repeat=i % 4 == 0 and not returning,
        referring_agencies=(AGENCIES[i % len(AGENCIES)],), victim=person(i, D(1980 + i % 20, i % 12 + 1, 3)),
        perpetrators=(person(i + 20, D(1975, 2, 1)),),
        children=tuple(person(i + 40 + k, D(2016 + k, 3, 1)) for k in range(i % 3)),
        previous_case=f"EXM-2025-{100 + i:04d}" if i % 4 == 0 else None,
        reasons=("Visible high risk",) + (("Professional judgement",) if i % 2 else ()), dash_score=14 + i % 10,
        transferred_from="Northshire MARAC" if i % 7 == 0 else None,
        last_heard_case=f"EXM-2025-{i:04d}" if returning else None, last_heard=D(2025, 6, 10) if returning else None)


def invented_meeting(cases: int, day: D = DAY, incomplete: int = 3) -> MeetingPack:
    """A meeting of `cases` invented cases (a daily MARAC has a handful, a monthly one about 20)."""
    agencies = tuple(Agency(name, f"marac@a{n}.example.gov.uk", f"{FIRST[n]} Rep") for n, name in enumerate(AGENCIES))
    earlier = tuple(Action(f"EXM-2025-{900 + n:04d}-A1", f"EXM-2025-{900 + n:04d}", f"Earlier task {n}",
                           AGENCIES[n % len(AGENCIES)], "PC Invented", D(2026, 11, 20), ("open", "in progress")[n % 2],
                           D(2026, 11, 10), person(n + 60, D(1990, 1, 1))) for n in range(incomplete))
    return MeetingPack(Meeting("Exampleshire", day, "10:00", "Room 2, Civic Centre", "DI Sam Chair"),
                       tuple(invented_case(i) for i in range(1, cases + 1)), agencies, earlier,
                       ("EXM-2025-0301",), next_meeting=day + dt.timedelta(days=35), statuses=STATUSES)


def agency_actions(pack: MeetingPack, agency: Agency) -> list[Action]:
    n = AGENCIES.index(agency.name)
    return [Action(f"{case.case_number}-A{n + 1}", case.case_number, f"Task {n} for {case.case_number}", agency.name,
                   agency.representative, DAY + dt.timedelta(days=14), "open")
            for case in pack.cases[n::len(AGENCIES)]]


def empty_meeting() -> MeetingPack:
    """One adult-only case, nothing carried over: three agenda sections have nothing in them."""
    case = CaseEntry("EXM-2026-0001", False, ("Police",), person(1, D(1990, 1, 1)), reasons=("Visible high risk",),
                     dash_score=15)
    return MeetingPack(Meeting("Exampleshire", DAY, "10:00", "Room 2", "DI Sam Chair"), (case,))


def broken_header_control() -> bytes:
    """The issue's example: a long heading in a narrow column, which does break inside a word."""
    doc = Document()
    grid = doc.add_table(rows=1, cols=2)
    grid.autofit = False
    for cell, width in zip(grid.rows[0].cells, (12.0, 2.5)):
        cell.width = Cm(width)
    grid.columns[1].width = Cm(2.5)
    grid.rows[0].cells[1].paragraphs[0].add_run("Change in circumstance / agency has not done it").bold = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def tracker_rows(count: int) -> list[ActionRow]:
    return [ActionRow(f"EXM-2026-{n:04d}-A1", D(2026, 11, 10), f"EXM-2026-{n:04d}", f"Invented action number {n}",
                      "Exampleshire Police", "PC Invented", D(2026, 12, 20), "Open", None, None)
            for n in range(1, count + 1)]


@pytest.fixture(scope="module")
def monthly() -> MeetingPack:
    return invented_meeting(20)


@pytest.fixture(scope="module")
def files(monthly: MeetingPack) -> dict[str, bytes]:
    read = {name: (TEMPLATES / f"{name}.docx").read_bytes() for name in ("agenda", "minutes", "actions", "research")}
    police = monthly.agencies[0]
    return {"agenda.docx": render_agenda(read["agenda"], monthly),
            "minutes.docx": render_minutes(read["minutes"], monthly),
            "actions.docx": render_actions(read["actions"], monthly, police, agency_actions(monthly, police)),
            "research.docx": render_research(read["research"], monthly, police),
            "empty-agenda.docx": render_agenda(read["agenda"], empty_meeting()),
            "no-actions.docx": render_actions(read["actions"], monthly, monthly.agencies[5], []),
            "control.docx": broken_header_control(),
            "tracker.xlsx": build_workbook(tracker_rows(150), [], [], STATUSES)}


@pytest.fixture(scope="module")
def pdfs(files: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Everything converted in ONE LibreOffice call: its start-up is most of the time."""
    folder = tmp_path_factory.mktemp("papers")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation={(folder / 'lo').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(folder), *sorted(str(folder / n) for n in files)],
                   check=True, capture_output=True, timeout=240)
    return {name.rsplit(".", 1)[0]: folder / f"{name.rsplit('.', 1)[0]}.pdf" for name in files}


def text(pdf: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout.replace("\u2019", "'")


def pages(pdf: Path) -> list[str]:
    return text(pdf, "-layout").split("\f")[:-1]


def page_size(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    width, height = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups()  # type: ignore[union-attr]
    return float(width), float(height)


def words(pdf: Path) -> list[tuple[int, float, float, str, int]]:
    """(page, xMax, yMin, word, line) for every word, lines numbered through the document in reading order."""
    found, page, line = [], 0, 0
    for row in text(pdf, "-bbox-layout").splitlines():
        if "<page " in row:
            page += 1
        elif re.search(r"<line[ >]", row):
            line += 1
        elif match := re.search(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*)</word>', row):
            found.append((page, float(match[2]), float(match[1]), match[3], line))
    return found


def header_words(docx: bytes) -> set[str]:
    """Every word of every table's heading row, as printed (lower case, letters only)."""
    doc = Document(io.BytesIO(docx))
    return {w for t in doc.tables if t.rows for c in t.rows[0].cells
            for w in re.findall(r"[a-z]+", c.text.casefold()) if len(w) > 2}


def broken(pdf: Path, wanted: set[str]) -> list[str]:
    """Heading words printed in two pieces: the end of one line and the start of the next join into one."""
    seen = words(pdf)
    pieces = []
    for (_, _, _, a, line_a), (_, _, _, b, line_b) in itertools.pairwise(seen):
        head, tail = (re.sub(r"[^a-z]", "", piece.casefold()) for piece in (a, b))
        if line_a != line_b and head and tail and head + tail in wanted and head not in wanted:
            pieces.append(f"{a} / {b}")
    return pieces


def test_agenda_in_safelives_order_each_case_once_in_its_section(pdfs: dict[str, Path], monthly: MeetingPack) -> None:
    agenda = text(pdfs["agenda"], "-layout")
    starts = [agenda.find(title) for title in AGENDA_SECTIONS]
    assert -1 not in starts and starts == sorted(starts)
    with_children, adult_only, returning = order_cases(monthly.cases)
    assert CASE.findall(agenda) == [c.case_number for c in with_children + adult_only + returning]
    sections = [agenda[a:b] for a, b in itertools.pairwise(starts[3:7])]
    for section, group in zip(sections, (with_children, adult_only, returning)):
        assert CASE.findall(section) == [c.case_number for c in group] != []
    assert all(c.has_children for c in with_children) and not any(c.has_children for c in adult_only)
    assert "EXM-2025-0301" in agenda[starts[5]:starts[6]]  # the repeat window closed since the last meeting
    cells = " ".join(text(pdfs["agenda"]).split())  # reading order: each cell's lines together
    for phrase in ("Transferred from Northshire MARAC", "DASH score 23", "Professional judgement",
                   "Repeat (previous case EXM-2025-0104)", "children's agencies may leave",
                   "Last heard 10 June 2025 (case EXM-2025-0009)"):
        assert phrase in cells, phrase


def test_every_paper_says_page_x_of_y_on_every_page(pdfs: dict[str, Path]) -> None:
    for name in ("agenda", "minutes", "actions", "research", "empty-agenda", "no-actions", "tracker"):
        printed = pages(pdfs[name])
        assert len(printed) >= 1, name
        for number, page in enumerate(printed, 1):
            assert f"Page {number} of {len(printed)}" in page, (name, number)
            assert page.count("OFFICIAL-SENSITIVE") >= 2, (name, number)  # top and bottom
    assert len(pages(pdfs["agenda"])) > 1 and len(pages(pdfs["minutes"])) > 1


def test_no_heading_breaks_inside_a_word(pdfs: dict[str, Path], files: dict[str, bytes]) -> None:
    # The check finds the break the issue reported, in a column too narrow for its heading...
    assert broken(pdfs["control"], header_words(files["control.docx"]))
    # ...and finds none in the papers.
    for name in ("agenda", "minutes", "actions", "research", "empty-agenda"):
        assert broken(pdfs[name], header_words(files[f"{name}.docx"])) == [], name


def test_tables_stay_inside_the_page(pdfs: dict[str, Path]) -> None:
    for name in ("agenda", "minutes", "actions", "research", "tracker"):
        width, _ = page_size(pdfs[name])
        furthest = max(x for _, x, _, _, _ in words(pdfs[name]))
        assert furthest < width - 20, name  # 20 pt: inside the paper's edge, not cut by the printer


def test_minutes_follow_the_safelives_checklist(pdfs: dict[str, Path], monthly: MeetingPack) -> None:
    minutes = text(pdfs["minutes"], "-layout")
    starts = [minutes.find(title) for title in MINUTES_SECTIONS]
    assert -1 not in starts and starts == sorted(starts)
    flat = " ".join(minutes.split())
    assert "The next meeting is on 12 January 2027" in flat
    for heading in ("Present / apologies", "Information sent?", "Date received", "Signed the confidentiality statement?",
                    "\u2610 Circumstances changed", "\u2610 Agency did not act"):
        assert all(word in flat for word in heading.split()), heading  # a cell may wrap between words
    in_order = [c.case_number for group in order_cases(monthly.cases) for c in group]
    assert re.findall(r"Case (EXM-2026-\d{4})", minutes) == in_order
    for label in ("Victim ", "Perpetrator(s)", "Children ", "Information shared", "Risks identified"):
        assert minutes.count(label) >= len(monthly.cases), label
    attendance = " ".join(minutes[starts[0]:starts[1]].split())
    assert all(name in attendance for name in AGENCIES)


def test_action_list_has_ids_the_victim_as_on_the_agenda_and_one_status_spelling(
        pdfs: dict[str, Path], monthly: MeetingPack) -> None:
    police = monthly.agencies[0]
    actions = " ".join(text(pdfs["actions"], "-layout").split())
    agenda = " ".join(text(pdfs["agenda"], "-layout").split())
    for action in agency_actions(monthly, police):
        assert action.action_ref in actions
        victim = next(c.victim.name for c in monthly.cases if c.case_number == action.case_number)
        assert victim in actions and victim in agenda
    statuses = re.findall(r"\b(open|Open|in progress|In progress)\b", actions + agenda)
    assert statuses and set(statuses) <= {"Open", "In progress"}  # as the tracker's drop-down spells them
    assert "EXM-2025-0900-A1" in agenda and "EXM-2025-0900-A1" not in actions


def test_an_empty_section_says_so_and_prints_no_empty_table(pdfs: dict[str, Path]) -> None:
    agenda = " ".join(text(pdfs["empty-agenda"], "-layout").split())
    for sentence in ("There are no incomplete actions from earlier meetings.",
                     "There are no new cases with children at this meeting.", "There are no such cases at this meeting."):
        assert sentence in agenda
    assert agenda.count("Case number") == 1 and "Action id" not in agenda and "None." not in agenda
    assert agenda.count("EXM-2026-0001") == 1
    no_actions = " ".join(text(pdfs["no-actions"], "-layout").split())
    assert "No actions for your agency from this meeting." in no_actions and "Action id" not in no_actions


def test_tracker_prints_one_landscape_page_wide_with_its_header_on_every_page(pdfs: dict[str, Path]) -> None:
    width, height = page_size(pdfs["tracker"])
    assert width > height  # landscape
    printed = pages(pdfs["tracker"])
    actions = [p for p in printed if "MARAC action tracker: Actions" in p]
    assert len(actions) >= 2  # 150 actions run down more than one page...
    for page in actions:  # ...each one page wide, the header row repeated, the editable columns explained
        assert all(word in " ".join(page.split()) for h in ACTION_HEADERS for word in h.split())
        assert "Yellow headings: the columns you may edit" in page
    numbers = [int(n) for p in actions for n in re.findall(r"EXM-2026-(\d{4})-A1", p)]
    assert numbers == list(range(1, 151))  # every action, once, in order
    assert len(printed) == len(actions) + 3  # Conflicts, Cases, Meetings: one page each
