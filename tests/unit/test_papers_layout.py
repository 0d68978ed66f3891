"""The papers' layout rules that need no LibreOffice: every table heading fits its column in the widest
font a printer may substitute for Arial (so no heading breaks inside a word), every table fits the page,
one spelling of each action status in documents and tracker, and the tracker's print settings."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from generators.documents.render import status_text
from generators.tracker import ACTION_HEADERS, EDITABLE, build_workbook
from marac.config import load
from marac.tracker import status_display, status_key

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
PAPERS = ("agenda.docx", "minutes.docx", "actions.docx", "research.docx")
# LibreOffice prints Arial as DejaVu Sans where Arial and Liberation Sans are missing; it is the wider.
BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
CELL_MARGINS_CM = 0.38  # Word's default 0.19 cm either side
EMU_PER_CM = 360000


def _tables(name: str) -> list[tuple[list[str], list[float]]]:
    doc = Document(TEMPLATES / name)
    return [([c.text for c in t.rows[0].cells], [col.width / EMU_PER_CM for col in t.columns]) for t in doc.tables]


@pytest.mark.skipif(not BOLD.exists(), reason="DejaVu Sans Bold is not installed")
def test_every_heading_word_fits_its_column() -> None:
    from PIL import ImageFont
    font = ImageFont.truetype(str(BOLD), 200)  # 200 px: 10 pt at 20 px per point

    def width_cm(word: str) -> float:
        return font.getlength(word) / 20 / 72 * 2.54 + CELL_MARGINS_CM
    too_narrow = [(name, word, round(width_cm(word), 2), round(width, 2))
                  for name in PAPERS for headers, widths in _tables(name)
                  for header, width in zip(headers, widths) for word in header.split()
                  if "{" not in word and width_cm(word) > width]
    assert too_narrow == []


def test_every_table_fits_the_text_width() -> None:
    for name in PAPERS:
        section = Document(TEMPLATES / name).sections[0]
        text_width = (section.page_width - section.left_margin - section.right_margin) / EMU_PER_CM
        for headers, widths in _tables(name):
            assert sum(widths) <= text_width + 0.01, (name, headers)


def test_every_paper_carries_page_numbers_in_its_footer() -> None:
    for name in PAPERS:
        footer = Document(TEMPLATES / name).sections[0].footer._element.xml
        assert "PAGE" in footer and "NUMPAGES" in footer and "OFFICIAL-SENSITIVE" in footer, name


def test_one_spelling_of_each_status_in_documents_and_tracker(tmp_path: Path) -> None:
    statuses = load(ROOT / "mailbox_config" / "local.toml", home=tmp_path).tracker.statuses
    for listed in statuses:
        stored = status_key(listed.upper(), statuses)  # however a person typed it, the store keeps one key
        assert status_display(stored, statuses) == status_text(stored, statuses) == listed
    assert status_text("open", statuses) == "Open" and status_text("Awaiting court", statuses) == "Awaiting court"


def test_tracker_prints_landscape_one_page_wide_marked_with_its_editable_columns() -> None:
    book = load_workbook(io.BytesIO(build_workbook([], [], [], ["Open", "Done"])))
    for ws in book.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$1:$1", ws.title
        assert ws.print_area and "OFFICIAL-SENSITIVE" in ws.oddHeader.center.text, ws.title
        assert "OFFICIAL-SENSITIVE" in ws.oddFooter.center.text and "&P of &N" in ws.oddFooter.right.text
    actions = book["Actions"]
    marked = {cell.value for cell in actions[1] if cell.fill.fill_type == "solid"}
    assert marked == set(EDITABLE.values()) and marked < set(ACTION_HEADERS)
    assert "Yellow headings" in actions.oddFooter.left.text
    assert book["Conflicts"]["G1"].value == "Decision" and book["Conflicts"]["G1"].fill.fill_type == "solid"
