"""Word-building helpers the fourth fresh set shares (not a form: the underscore keeps it out of `all_forms`).

Everything the other kits already have is imported from them, read-only; only what those do not make is here:

- `split_address`: "12 Elm Close, Exampletown, LS8 9UU" as ("12 Elm Close, Exampletown", "LS8 9UU"), for forms that
  print "Address" and "Post Code" as two boxes;
- `yes_no_cells`: a printed "YES" / "NO" pair in cells of their own (or in one cell) marked the ways referrers mark
  them: a tick or a cross typed beside the answer, the other word deleted, or a ☒ / ☐ box before each word;
- `age_on`: a person's age in whole years on the referral date, as referrers add it after a date of birth.
"""
from __future__ import annotations

import datetime as dt

from docx.table import _Cell

from tests.corpus.docx_parts import write


def split_address(address: str) -> tuple[str, str]:
    street, _, postcode = address.rpartition(", ")
    return street, postcode


def yes_no_cells(cells: list[_Cell], value: bool | None, how: str, words: tuple[str, str] = ("YES", "NO")) -> None:
    """Mark the chosen word of a 'YES' / 'NO' pair: 'tick' (✓ after it), 'cross' (✗ in the chosen cell), 'delete'
    (only the chosen word left), 'box' (☒ / ☐ before each word). One cell holds both words when only one is given."""
    chosen = None if value is None else words[0 if value else 1]
    texts = []
    for word in words:
        if how == "delete" and chosen is not None:
            texts.append(word if word == chosen else "")
        elif how == "box":
            texts.append(f"{'☒' if word == chosen else '☐'} {word}")
        elif how in ("tick", "cross") and word == chosen:
            texts.append(f"{word} {'✓' if how == 'tick' else '✗'}")
        else:
            texts.append(word)
    if len(cells) == 1:
        write(cells[0], "   ".join(t for t in texts if t))
        return
    for cell, text in zip(cells, texts):
        write(cell, text)


def age_on(iso: str, on: str) -> int:
    born, day = dt.date.fromisoformat(iso), dt.date.fromisoformat(on)
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
