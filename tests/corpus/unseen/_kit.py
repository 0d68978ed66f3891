"""Word-building helpers the unseen modules share (not a form: the underscore keeps it out of `all_forms`).

Everything the development and held-out kits already have is imported from them, read-only; only what those
do not make is here:

- `split_name`: "Maria José DE SOUZA" as ("Maria José", "DE SOUZA") (the capitals are the surname);
- `title_for`: the title a referrer types before a name;
- `ticks`: "Yes ☐  No ☒" after a question, the box drawn as the referrer's Word draws it (typed ☒/☐, Word 2010
  check boxes, legacy FORMCHECKBOX fields, Wingdings symbols);
- `label_then_lines`: one cell holding a bold label on its own line and the typed answer on the lines below it;
- `tab_line`: a paragraph "Label:<tab>answer" (a form laid out with tab stops instead of a table).
"""
from __future__ import annotations

from docx.document import Document as DocumentType
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Cm
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from tests.corpus.areas._dash_wording import box
from tests.corpus.docx_parts import Fields

TICK_STYLES = ("☒", "w14", "formcheckbox", "wingdings")


def split_name(name: str) -> tuple[str, str]:
    words = name.split(" ")
    cut = len(words)
    while cut > 1 and words[cut - 1].isupper():
        cut -= 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def title_for(gender: str | None, seed: int) -> str:
    if gender == "Male":
        return "Mr"
    return ("Ms", "Mrs", "Miss")[seed % 3]


def ticks(paragraph: Paragraph, value: bool | None, style: str, fields: Fields,
          words: tuple[str, str] = ("Yes", "No")) -> None:
    """'Yes ☐  No ☒': one box per option; None leaves both empty."""
    for index, (word, on) in enumerate(((words[0], value is True), (words[1], value is False))):
        paragraph.add_run(f"{'   ' if index else ''}{word} ")
        box(paragraph, on, style, fields)


def label_then_lines(cell: _Cell, label: str, lines: list[str]) -> None:
    """The printed label on the cell's first line, the referrer's answer typed on the lines under it."""
    cell.paragraphs[0].add_run(label).bold = True
    for line in lines:
        if line:
            cell.add_paragraph(line)


def tab_line(doc: DocumentType, label: str, value: str | None, *, at_cm: float = 6.5) -> Paragraph:
    """'Label:' then a tab to a stop, then the typed answer (nothing after the tab when left blank)."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(at_cm), WD_TAB_ALIGNMENT.LEFT)
    paragraph.add_run(label).bold = True
    paragraph.add_run("\t")
    if value:
        paragraph.add_run(value)
    return paragraph
