"""Referral forms and DASH checklists laid out the way real areas' published forms are, filled the way
referrers fill them, each with the values a perfect reader would return.

One module per area (or per published template). Each defines `FORMS`, a list of `AreaForm`: how to
build the Word file from an invented case, and which canonical paths the form carries. Only label
wording and layout are taken from the sources (listed in tests/corpus/README.md); every person,
place, number and date is invented. The PDF of each form is made from the Word file by LibreOffice,
as a referrer's "Save as PDF" would. `python -m tests.corpus.areas.report` prints the accuracy table.
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.corpus.areas.case import Case


@dataclass(frozen=True)
class AreaForm:
    key: str  # short and stable, e.g. "kingston-referral"
    area: str  # the area or publisher whose layout this follows
    source: str  # the published form it follows (title, and where a stored copy was found)
    kind: str  # "referral", "dash" or "referral+dash"
    build: Callable[[Case], bytes]  # the filled .docx, as Word saves it
    # canonical path -> what the reader must return (None where the form leaves the field blank or it
    # holds only a placeholder). Paths the form does not carry are not listed.
    expected: Callable[[Case], dict[str, Any]]


def forms_in(package: str, path: list[str], helpers: frozenset[str] = frozenset({"report"})) -> list[AreaForm]:
    """Every form of a corpus package: the FORMS of each module that is not a helper (or `_private`)."""
    forms: list[AreaForm] = []
    for info in sorted(pkgutil.iter_modules(path), key=lambda m: m.name):
        if info.name in helpers or info.name.startswith("_"):
            continue
        forms.extend(importlib.import_module(f"{package}.{info.name}").FORMS)
    return forms


def all_forms() -> list[AreaForm]:
    return forms_in(__name__, __path__, frozenset({"case", "styles", "report", "kit"}))
