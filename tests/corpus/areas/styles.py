"""How referrers write values on forms: the same canonical value, written many ways.

Each function takes a canonical value and a style name and returns the text a referrer types. The
area modules choose styles (seeded per case), so every form in the corpus exercises several.
"""
from __future__ import annotations

import datetime as dt

DATE_STYLES = ("dd/mm/yyyy", "d.m.yy", "ordinal", "dd.mm.yyyy", "d/m/yyyy", "d month yyyy")
YES_NO_STYLES = ("Yes/No", "Y/N", "yes-see-below", "YES/NO")


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def date_text(iso: str | None, style: str) -> str:
    """'1991-04-03' as '03/04/1991', '3.4.91', '3rd April 1991', '03.04.1991', '3/4/1991', '3 April 1991'."""
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso)
    if style == "dd/mm/yyyy":
        return day.strftime("%d/%m/%Y")
    if style == "d.m.yy":
        return f"{day.day}.{day.month}.{day:%y}"
    if style == "ordinal":
        return f"{_ordinal(day.day)} {day:%B %Y}"
    if style == "dd.mm.yyyy":
        return day.strftime("%d.%m.%Y")
    if style == "d/m/yyyy":
        return f"{day.day}/{day.month}/{day.year}"
    if style == "d month yyyy":
        return f"{day.day} {day:%B %Y}"
    raise ValueError(style)


def yes_no_text(value: bool | None, style: str) -> str:
    """A typed answer: 'Yes', 'N', 'Yes – see below', 'NO'. None is left blank."""
    if value is None:
        return ""
    if style == "Yes/No":
        return "Yes" if value else "No"
    if style == "Y/N":
        return "Y" if value else "N"
    if style == "yes-see-below":
        return "Yes – see below" if value else "No"
    if style == "YES/NO":
        return "YES" if value else "NO"
    raise ValueError(style)


def answer_text(answer: str | None, style: str = "Yes/No") -> str:
    """A DASH answer typed in a cell: yes / no / don't know."""
    if answer is None:
        return ""
    if answer == "unknown":
        return {"Y/N": "DK", "YES/NO": "DON'T KNOW"}.get(style, "Don't know")
    return yes_no_text(answer == "yes", style)


def name_surname_first(name: str) -> str:
    """'Grace ABBOTT' as 'ABBOTT, Grace' (surname in capitals first, as many forms ask)."""
    *forenames, surname = name.split(" ")
    return f"{surname.upper()}, {' '.join(forenames)}"
