"""The three-way merge of one tracker cell, and the one form its three values are compared in.

People edit three columns of the Actions sheet (Status, Date status reported, Notes); the service edits
the same values in the store. Each sync compares, per action and per column, the workbook's value and the
store's against the value last written to the workbook (the common ancestor):
- the workbook changed and the store did not: the person's value goes into the store;
- the store changed and the workbook did not: the service's value goes into the workbook;
- both changed, differently: a conflict, until the coordinator decides or the two agree.

Pure functions: no I/O, no SQL. A value is compared only after `normalised`, so that "Done" and "done",
or a date typed 04/03/2026 and one stored as 2026-03-04, are the same and a save in Excel is not an edit.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from generators.tracker import CellValue, date_text, text_of

FIELDS = ("status", "status_reported", "notes")  # the editable columns, in the store's names


class Merged(NamedTuple):
    book: str | None  # what the workbook shows afterwards
    store: str | None  # what the store holds afterwards
    ancestor: str | None  # the new common ancestor
    outcome: str  # same | store | book | conflict | kept-spreadsheet | kept-service (| stamped, see plan)


def merge_field(base: str | None, book: str | None, store: str | None, decision: str | None = None) -> Merged:
    """Three-way merge of one cell. `decision` is the coordinator's answer to an open conflict."""
    if book == store:
        return Merged(store, store, store, "same")
    if book == base:
        return Merged(store, store, store, "store")
    if store == base:
        return Merged(book, book, book, "book")
    if decision == "spreadsheet":
        return Merged(book, book, book, "kept-spreadsheet")
    if decision == "service":
        return Merged(store, store, store, "kept-service")
    # The ancestor stays put: next time both sides still differ from it, so the conflict stays open.
    return Merged(book, store, base, "conflict")


def status_key(text: str | None, statuses: Sequence[str]) -> str | None:
    """How the store keeps a status: a listed one in lower case (the schema's 'open', and what the agenda
    looks for: 'done'), anything else as typed."""
    if text is None or not text.strip():
        return None
    words = " ".join(text.split())
    for listed in statuses:
        if listed.casefold() == words.casefold():
            return listed.lower()
    return words


def status_display(key: str | None, statuses: Sequence[str]) -> str | None:
    """A status as the drop-down spells it."""
    if key is None:
        return None
    return next((listed for listed in statuses if listed.casefold() == key.casefold()), key)


def display(name: str, value: str | None, statuses: Sequence[str]) -> str | None:
    """A merged value as a person sees it in the workbook."""
    return status_display(value, statuses) if name == "status" else value


def normalised(name: str, value: CellValue, statuses: Sequence[str]) -> str | None:
    """One form for comparing a store value, a workbook value and the ancestor."""
    if name == "status":
        return status_key(text_of(value), statuses)
    if name == "status_reported":
        return date_text(value)
    return text_of(value)
