"""Boxes said of all the children a table lists above them in the same box: children's forms print the children as
rows ("Child(ren) name | DOB | Age") and then ask once for what they share ("Address", "Postcode") or for one answer
a line ("Gender M/F" holding "M" / "F", one per child, in the order of the rows).

Taken out of the labelled items before they are read one by one (which would make them a first child of their own,
pushing every child down a row), and put back on the table's children once the table is read: an address on every
child, one line a child where the box holds as many lines as there are children. Anything else (one "M" for three
children) is not guessed.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Labelled, RawValue, RowTable
from ..tables.cells import no_entry
from .matcher import ROLE_BASE, LabelTable
from .people_tables import table_columns
from .whose import whose_role

__all__ = ["Shared", "apply_shared", "pull_shared"]

Shared = tuple[str, RawValue, str]  # the children's column (a path with "*" for the child), the value, its label
_EVERY_CHILD = ("address",)  # what children listed together share where it is given once
_CHILDREN = ROLE_BASE["child"]  # "referral.children.*."
_ROWS = _CHILDREN.removesuffix("*.")
_ONE_CHILD = re.compile(r"\bchild\b(?!\s*\(ren\))", re.IGNORECASE)  # "child being referred", not "child(ren)"


def pull_shared(items: list[Labelled], tables: list[RowTable], table: LabelTable
                ) -> tuple[list[Labelled], list[Shared]]:
    """The items less those said of a children's table's rows in the same box, and those, as children's columns."""
    boxes = {t.section for t in tables if t.rows and t.section and (found := table_columns(t, table)) is not None
             and found[0] == "child"}
    # A box that also names a child in its own boxes ("First Name" / "Date of Birth" over the table of brothers and
    # sisters) describes that child there, not all of them.
    boxes -= {item.section for item in items if item.section in boxes and not no_entry(item.value)
              and item.value is not None and _column(_child_target(table, item, numbered=True) or "") == "name"}
    if not boxes:
        return items, []
    kept: list[Labelled] = []
    shared: list[Shared] = []
    for item in items:
        mine = item.section in boxes and item.title is None \
            and whose_role(table, item.section, item.title, item.context, item.headings)[0] == "child"
        target = _child_target(table, item) if mine else None
        if target is not None and _column(target) != "name":
            shared.append((target, item.value, item.label))
        else:
            kept.append(item)
    return kept, shared


def _child_target(table: LabelTable, item: Labelled, numbered: bool = False) -> str | None:
    """The children's column a label stands for ("referral.children.*.address#postcode"), said of no one child
    ("Child 2 name") unless `numbered`."""
    found = table.match(item.label, "child")
    target = found.target or ""
    return target if found.status == "ok" and (numbered or found.index is None) and target.startswith(_CHILDREN) \
        else None


def _column(target: str) -> str:
    return target.removeprefix(_CHILDREN).partition("#")[0]


def apply_shared(shared: list[Shared], fields: dict[str, RawValue], put: Callable[[str, RawValue, str], None]) -> None:
    """Each shared box on the children the table gave: as many lines as children, one each; an address on all."""
    children = sorted({int(index) for path, value in fields.items() if value not in (None, "")
                       for index in [path.removeprefix(_ROWS).partition(".")[0]]
                       # (a child read as surname and forename has no name until they are joined: its date of birth)
                       if path.startswith(_ROWS) and path.endswith((".name", ".dob")) and index.isdigit()})
    if not children:
        return
    for target, value, label in shared:
        lines = [line.strip() for line in value.splitlines() if line.strip()] if isinstance(value, str) else []
        column = _column(target)
        # (an address typed over as many lines as there are children is still one address)
        if column not in _EVERY_CHILD and len(children) > 1 and len(lines) == len(children):
            for index, line in zip(children, lines):
                put(target.replace("*", str(index)), line, label)
        elif column in _EVERY_CHILD and value not in (None, "") and not _ONE_CHILD.search(label):
            for index in children:
                put(target.replace("*", str(index)), value, label)
        else:  # "Which school does the referred child attend?": the first child's, as a box of its own would be
            put(target.replace("*", str(children[0])), value, label)
