"""Word-building helpers the fresh modules share (not a form: the underscore keeps it out of `all_forms`).

Everything the development, held-out, unseen and blind kits already have is imported from them, read-only; only
what those do not make is here:

- `boxed`: a police-style box, the printed label in small type on the box's first line and the typed answer on the
  line below it, in the same cell;
- `yn_mark`: a printed "Y  N" (or "Yes  No") pair marked the ways officers and referrers mark it in Word: the other
  letter struck through, deleted, or the chosen one highlighted (as "circle / highlight as appropriate" invites);
- `ETHNIC_CODES` / `ethnic_code`: the police "16+1" self-defined ethnicity codes officers type instead of words;
- `inverse_relationship`: what the victim is to the perpetrator ("Son" -> "Mother"), for forms that ask the
  victim's relationship to the alleged perpetrator in the victim's box.
"""
from __future__ import annotations

from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from tests.corpus.areas.kit import struck_choice

ETHNIC_CODES = {"White British": "W1", "White Polish": "W9", "Black Caribbean": "B1", "Black African": "B2",
                "Pakistani": "A2", "Bangladeshi": "A3", "Mixed White and Asian": "M3"}

_INVERSE = {"Ex-partner": "Ex-partner", "Partner": "Partner", "Husband": "Wife", "Son": "Mother",
            "Boyfriend": "Girlfriend", "Ex-husband": "Ex-wife"}


def ethnic_code(ethnicity: str) -> str:
    return ETHNIC_CODES.get(ethnicity, "N1")


def inverse_relationship(relationship: str) -> str:
    return _INVERSE.get(relationship, relationship)


def boxed(cell: _Cell, label: str, value: str | None, *, size: float = 7.5) -> None:
    """The printed label small at the top of the box, the answer typed on the line below (nothing when blank)."""
    run = cell.paragraphs[0].add_run(label)
    run.font.size = Pt(size)
    if value:
        for line in value.split("\n"):
            cell.add_paragraph(line)


def yn_mark(paragraph: Paragraph, value: bool | None, how: str, options: tuple[str, str] = ("Y", "N")) -> None:
    """'Y  N' marked: 'strike' (the other struck through), 'delete' ('Y /'), 'highlight' (the chosen one
    highlighted yellow and bold), or left as printed when unanswered (value None)."""
    yes, no = options
    if how in ("strike", "delete") or value is None:
        struck_choice(paragraph, value, options=options, how="delete" if how == "delete" else "strike")
        return
    first = paragraph.add_run(yes)
    paragraph.add_run("   ")
    second = paragraph.add_run(no)
    chosen = first if value else second
    chosen.bold = True
    chosen.font.highlight_color = WD_COLOR_INDEX.YELLOW
