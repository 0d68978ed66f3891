#!/usr/bin/env python3
"""Build the four meeting-document templates (docxtpl) from source, so no committed binary lacks one.

    .venv/bin/python templates/build_templates.py

Writes templates/agenda.docx, research.docx, minutes.docx and actions.docx. A coordinator may then add
the local letterhead and wording in Word; `check-config` tells them if an edit breaks a tag. Every Jinja
tag is written as one run of its own, because Word only splits text it has formatted or re-typed, and a
tag that stays in one run is what docxtpl (and check.py) expect. The variables used here are the ones
generators/documents/check.py lists in EXPECTED.
"""
from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

OUT = Path(__file__).resolve().parent
MARKING = "OFFICIAL-SENSITIVE"
PORTRAIT_CM, LANDSCAPE_CM = 17.0, 25.7  # A4 text width with 2 cm margins

# A paragraph is a tuple of parts, each written as one run; a cell is a list of paragraphs.
Parts = tuple[str, ...]
Cell = Sequence[Parts]


def new_document(landscape: bool = False) -> DocumentObject:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long_ = Mm(210), Mm(297)
    section.page_width, section.page_height = (long_, short) if landscape else (short, long_)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(10)
    # Government Security Classification: the marking goes at the top and bottom of every page.
    for part in (section.header, section.footer):
        paragraph = part.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(MARKING).bold = True
    return doc


def para(container: DocumentObject | _Cell, *parts: str, style: str | None = None,
         bold: bool = False) -> Paragraph:
    """A paragraph with one run per part, so each tag is a run of its own."""
    paragraph = container.add_paragraph(style=style)
    for part in parts:
        run = paragraph.add_run(part)
        if bold:
            run.bold = True
    return paragraph


def heading(doc: DocumentObject, level: int, *parts: str, new_page: bool = False) -> Paragraph:
    paragraph = doc.add_heading(level=level)
    for part in parts:
        paragraph.add_run(part)
    if new_page:
        paragraph.paragraph_format.page_break_before = True
    return paragraph


def table(doc: DocumentObject, headers: Sequence[str], widths: Sequence[float]) -> Table:
    """A grid table with a bold header row repeated on every page."""
    grid = doc.add_table(rows=1, cols=len(widths))
    grid.style = "Table Grid"
    grid.autofit = False
    for column, width in zip(grid.columns, widths):
        column.width = Cm(width)  # LibreOffice reads the grid, Word the cells: set both
    for cell, text, width in zip(grid.rows[0].cells, headers, widths):
        cell.width = Cm(width)
        cell.paragraphs[0].add_run(text).bold = True
    grid.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    return grid


def add_row(grid: Table, widths: Sequence[float], cells: Sequence[Cell]) -> None:
    """A row; cells past the end of `cells` stay empty."""
    row = grid.add_row()
    for index, (cell, width) in enumerate(zip(row.cells, widths)):
        cell.width = Cm(width)
        for number, parts in enumerate(cells[index] if index < len(cells) else ()):
            paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
            for part in parts:
                paragraph.add_run(part)


def loop_table(doc: DocumentObject, headers: Sequence[str], widths: Sequence[float], loop: str,
               cells: Sequence[Cell]) -> Table:
    """Header row, then docxtpl's `{%tr for %}` row, the repeated row, and `{%tr endfor %}`."""
    grid = table(doc, headers, widths)
    add_row(grid, widths, [[(f"{{%tr {loop} %}}",)]])
    add_row(grid, widths, cells)
    # One case per row, never broken across a page: a reader must not miss its last lines.
    grid.rows[-1]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    add_row(grid, widths, [[("{%tr endfor %}",)]])
    return grid


def label_table(doc: DocumentObject, rows: Sequence[tuple[str, Cell]], widths: Sequence[float],
                min_height_cm: float | None = None) -> Table:
    """Two columns, label | value, no header row."""
    grid = doc.add_table(rows=0, cols=2)
    grid.style = "Table Grid"
    grid.autofit = False
    for column, width in zip(grid.columns, widths):
        column.width = Cm(width)
    for label, value in rows:
        add_row(grid, widths, [[(label,)], value])
        grid.rows[-1].cells[0].paragraphs[0].runs[0].bold = True
        if min_height_cm:
            grid.rows[-1].height = Cm(min_height_cm)
            grid.rows[-1].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    return grid


def meeting_table(doc: DocumentObject, width: float, extra: Sequence[tuple[str, Cell]] = ()) -> None:
    rows = [("Date", [("{{ meeting.date }}",)]), ("Time", [("{{ meeting.time }}",)]),
            ("Venue", [("{{ meeting.venue }}",)]), ("Chair", [("{{ meeting.chair }}",)]), *extra]
    label_table(doc, rows, (4.0, width - 4.0))


def to_bytes(doc: DocumentObject) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def build_agenda() -> bytes:
    width = LANDSCAPE_CM
    doc = new_document(landscape=True)
    heading(doc, 0, "{{ meeting.name }}", " agenda")
    meeting_table(doc, width)
    heading(doc, 1, "1 Introductions")
    para(doc, "The chair welcomes everyone; each representative gives their name and agency.")
    heading(doc, 1, "2 Confidentiality statement")
    para(doc, "{{ confidentiality_statement }}")
    heading(doc, 1, "3 Incomplete actions from the last meeting")
    para(doc, "{% if not incomplete_actions %}", "None.", "{% endif %}")
    loop_table(doc, ("Case", "Action", "Agency", "Owner", "Deadline", "Status"), (3.6, 9.1, 4.0, 3.5, 3.0, 2.5),
               "for action in incomplete_actions",
               [[("{{ action.case_number }}",)], [("{{ action.description }}",)], [("{{ action.agency }}",)],
                [("{{ action.owner }}",)], [("{{ action.deadline }}",)], [("{{ action.status }}",)]])
    heading(doc, 1, "4 New cases")
    # Cases with children first, so that children's agencies may leave once they are done.
    heading(doc, 2, "Cases with children")
    para(doc, "{% if not child_cases %}", "None.", "{% endif %}")
    case_cells = [[("{{ case.case_number }}",)], [("{{ case.repeat_text }}",)], [("{{ case.referring_agencies }}",)],
                  [("{{ case.victim.name }}",), ("DOB: ", "{{ case.victim.dob }}")],
                  [("{{ case.perpetrators_text }}",)]]
    case_headers = ("Case number", "Repeat", "Referred by", "Victim (name, DOB)", "Perpetrator(s) (name, DOB)")
    loop_table(doc, (*case_headers, "Children (name, DOB)"), (3.6, 3.5, 3.5, 5.0, 5.0, 5.1),
               "for case in child_cases", [*case_cells, [("{{ case.children_text }}",)]])
    heading(doc, 2, "Adult-only cases")
    para(doc, "{% if not adult_cases %}", "None.", "{% endif %}")
    loop_table(doc, case_headers, (3.6, 4.0, 4.1, 7.0, 7.0), "for case in adult_cases", case_cells)
    heading(doc, 1, "5 Cases whose 12 months have passed")
    para(doc, "No further incident has been reported within 12 months of the last referral for these cases.")
    para(doc, "{% if not expiring_cases %}", "None.", "{% endif %}")
    para(doc, "{%p for number in expiring_cases %}")
    para(doc, "{{ number }}", style="List Bullet")
    para(doc, "{%p endfor %}")
    heading(doc, 1, "6 Any other business")
    para(doc, "")
    return to_bytes(doc)


def people_table(doc: DocumentObject, title: str, people: str, headers: Sequence[str],
                 keys: Sequence[str], widths: Sequence[float]) -> None:
    """A case's perpetrators or children, or a line saying there are none."""
    heading(doc, 2, title)
    para(doc, f"{{%p if {people} %}}")
    loop_table(doc, headers, widths, f"for person in {people}",
               [[(f"{{{{ person.{key} }}}}",)] for key in keys])
    para(doc, "{%p else %}")
    para(doc, "None recorded.")
    para(doc, "{%p endif %}")


def build_research() -> bytes:
    width = PORTRAIT_CM
    doc = new_document()
    heading(doc, 0, "Research form: ", "{{ agency.name }}")
    para(doc, "{{ meeting.name }}", bold=True)
    meeting_table(doc, width, [("Agency", [("{{ agency.name }}",)])])
    para(doc, "Search your agency's records for each case below. Keep facts apart from opinion, and note "
              "anything you hold but will not share, with the reason. Bring the form to the meeting; "
              "do not forward it.")
    para(doc, "{%p for case in cases %}")
    heading(doc, 1, "Case ", "{{ case.case_number }}", new_page=True)
    para(doc, "Repeat: ", "{{ case.repeat_text }}")
    para(doc, "Referred by: ", "{{ case.referring_agencies }}")
    para(doc, "{% if case.referred_by_agency %}", "Your agency referred this case.", "{% endif %}")
    heading(doc, 2, "Victim")
    label_table(doc, [("Name", [("{{ case.victim.name }}",)]), ("Also known as", [("{{ case.victim.aliases }}",)]),
                      ("Date of birth", [("{{ case.victim.dob }}",)]),
                      ("Address", [("{{ case.victim.address }}",)])], (4.0, width - 4.0))
    people_table(doc, "Perpetrator(s)", "case.perpetrators",
                 ("Name", "Also known as", "DOB", "Address", "Relationship to victim"),
                 ("name", "aliases", "dob", "address", "relationship"), (3.6, 3.0, 2.8, 4.4, 3.2))
    people_table(doc, "Children and household members", "case.children",
                 ("Name", "Also known as", "DOB", "School"), ("name", "aliases", "dob", "school"),
                 (4.6, 3.6, 3.0, 5.8))
    heading(doc, 2, "What your agency holds")
    label_table(doc, [("Facts", [("",)]), ("Opinion/professional view", [("",)]),
                      ("Information held but not shared, and why", [("",)])], (4.5, width - 4.5), 3.0)
    para(doc, "{%p endfor %}")
    return to_bytes(doc)


def build_minutes() -> bytes:
    width = PORTRAIT_CM
    doc = new_document()
    heading(doc, 0, "{{ meeting.name }}", " minutes")
    meeting_table(doc, width)
    heading(doc, 1, "1 Attendance")
    loop_table(doc, ("Agency", "Representative", "Present / apologies", "Information sent?"), (5.5, 5.0, 3.5, 3.0),
               "for agency in agencies", [[("{{ agency.name }}",)], [("{{ agency.representative }}",)], [], []])
    heading(doc, 1, "2 Apologies")
    para(doc, "Agencies that sent apologies, and whether they sent information:")
    para(doc, "")
    heading(doc, 1, "3 Confidentiality reminder")
    para(doc, "{{ confidentiality_statement }}")
    heading(doc, 1, "4 Incomplete actions")
    para(doc, "{% if not incomplete_actions %}", "None.", "{% endif %}")
    # Not headed "Action": the tracker reads tables headed Action | Agency | Owner | Deadline as new actions.
    loop_table(doc, ("Case", "Outstanding action", "Agency", "Owner", "Deadline",
                     "Change in circumstance / agency has not done it"), (3.5, 3.8, 2.5, 2.0, 2.7, 2.5),
               "for action in incomplete_actions",
               [[("{{ action.case_number }}",)], [("{{ action.description }}",)], [("{{ action.agency }}",)],
                [("{{ action.owner }}",)], [("{{ action.deadline }}",)], []])
    heading(doc, 1, "5 Cases")
    para(doc, "{%p for case in cases %}")
    heading(doc, 2, "Case ", "{{ case.case_number }}")
    para(doc, "Victim: ", "{{ case.victim.name }}")
    para(doc, "Repeat: ", "{{ case.repeat_text }}")
    for title in ("Information shared", "Risks identified", "Victim's views (via IDVA)"):
        heading(doc, 3, title)
        para(doc, "")
    heading(doc, 3, "Actions")
    widths = (7.5, 3.5, 3.0, 3.0)
    grid = table(doc, ("Action", "Agency", "Owner", "Deadline"), widths)
    for _ in range(4):  # room for the minute-taker; Word adds more rows with Tab
        add_row(grid, widths, [[("",)]] * 4)
    para(doc, "{%p endfor %}")
    heading(doc, 1, "6 Any other business")
    para(doc, "")
    return to_bytes(doc)


def build_actions() -> bytes:
    doc = new_document()
    heading(doc, 0, "MARAC actions: ", "{{ agency.name }}")
    para(doc, "{{ meeting.name }}", " meeting on ", "{{ meeting.date }}")
    para(doc, "Please report progress on each action to the MARAC coordinator before the next meeting.")
    para(doc, "{% if not actions %}", "No actions for your agency from this meeting.", "{% endif %}")
    loop_table(doc, ("Case", "Action", "Owner", "Deadline", "Status"), (3.5, 5.9, 2.9, 2.9, 1.8),
               "for action in actions",
               [[("{{ action.case_number }}",)], [("{{ action.description }}",)], [("{{ action.owner }}",)],
                [("{{ action.deadline }}",)], [("{{ action.status }}",)]])
    return to_bytes(doc)


BUILDERS = {"agenda.docx": build_agenda, "research.docx": build_research,
            "minutes.docx": build_minutes, "actions.docx": build_actions}


def main() -> int:
    for name, build in BUILDERS.items():
        target = OUT / name
        target.write_bytes(build())
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
