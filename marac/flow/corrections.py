"""What a desk folder says the referral now is, once the coordinator has approved it.

Precedence, most specific last:
1. the base: a corrected form dropped into the folder (read like any form); else fields.json when it holds
   a referral (for machines and old habits; its values are read again as a form's would be); else the
   original attachments, read again (a message that was never read, from a sender now vouched for);
2. over it, the corrections typed into review.xlsx: each one read the way a form's value is read, the
   people sheets compared with what was written so only what the coordinator changed counts.
A correction still wrong is a problem, never a value: the folder goes back with the reason written into
review.xlsx (top and beside the field) and README.txt.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generators.review_sheet.apply import apply_edits, recheck
from generators.review_sheet.layout import Edits
from generators.review_sheet.read import NotAReviewSheet, read_review
from generators.review_sheet.write import write_review
from intake.attachments import FORM_SUFFIXES
from marac import logs
from parsers.join import join
from parsers.problem import Problem

REVIEW = "review.xlsx"
FIELDS = "fields.json"
# Files the service itself puts in a folder: never taken for a form the coordinator dropped in.
_OWN_FILE = re.compile(r"^original(-\d+)?\.pdf$", re.IGNORECASE)
Parse = Callable[[list[tuple[bytes, str]]], list[dict[str, Any]]]


@dataclass
class Corrected:
    joined: dict[str, Any] | None  # the referral with every correction, or None when there is none
    problems: list[dict[str, Any]] = field(default_factory=list)  # corrections still wrong
    base: dict[str, Any] | None = None  # what the corrections were applied over
    edits: Edits | None = None
    dropped: list[Path] = field(default_factory=list)  # forms the coordinator put in the folder


def dropped_forms(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.iterdir()) if p.is_file() and p.suffix.lower() in FORM_SUFFIXES
            and not p.name.startswith((".", "~$")) and not _OWN_FILE.match(p.name)]


def _fields_json(folder: Path) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    path = folder / FIELDS
    try:
        data = json.loads(path.read_text()) if path.exists() else None
    except (OSError, ValueError):
        return None, [Problem("fields.json could not be read (a comma or quote out of place?): delete it, since "
                              "review.xlsx holds your corrections, or put it back as it was").as_dict()]
    if not isinstance(data, dict) or not (data.get("referral") or data.get("dash")):
        return None, []
    data.setdefault("dash", None)
    data.setdefault("referral", None)
    data.setdefault("forms", [])
    data["problems"] = []  # the coordinator has looked at them; every check runs again
    return recheck(data)


def _base(folder: Path, parse: Parse, opened: list[tuple[bytes, str]] | None = None,
          ) -> tuple[dict[str, Any] | None, list[dict[str, Any]], list[Path]]:
    dropped = dropped_forms(folder)
    if dropped:
        return join(parse([(p.read_bytes(), p.name) for p in dropped])), [], dropped
    base, problems = _fields_json(folder)
    if base is not None or problems:
        return base, problems, []
    if opened:  # forms a password opened (never written to the folder): read in place of attachments/
        return join(parse(opened)), [], []
    originals = [p for p in sorted((folder / "attachments").glob("*"))
                 if p.is_file() and p.suffix.lower() in FORM_SUFFIXES]
    if originals:
        return join(parse([(p.read_bytes(), p.name) for p in originals])), [], []
    return None, [], []


def read_folder(folder: Path, parse: Parse, opened: list[tuple[bytes, str]] | None = None) -> Corrected:
    """The referral an approved folder now stands for, with the problems in what was typed. `opened`:
    the message's forms as a password opened them, read instead of the locked files in attachments/."""
    base, problems, dropped = _base(folder, parse, opened)
    sheet = folder / REVIEW
    if not sheet.exists():
        return Corrected(base, problems, base, None, dropped)
    try:
        edits = read_review(sheet.read_bytes())
    except (OSError, NotAReviewSheet) as exc:
        problems.append(Problem(f"review.xlsx could not be read ({exc}): save it again from Excel as an "
                                ".xlsx workbook").as_dict())
        return Corrected(base, problems, base, None, dropped)
    if base is None and not edits.fields and not any(row for rows in edits.people.values() for row in rows):
        return Corrected(None, problems, None, edits, dropped)
    empty = {"source": {"filename": REVIEW, "kind": "unknown", "sha256": ""}, "forms": [], "referral": None,
             "dash": None, "problems": []}
    joined, wrong = apply_edits(base or empty, edits)
    return Corrected(joined, problems + wrong, base, edits, dropped)


def merge_problems(typed: list[dict[str, Any]], checked: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A field whose correction could not be read is reported once, with what was wrong in the typing
    (not also as 'missing'); the rest of the checks follow."""
    named = {p.get("field") for p in typed if p.get("field")}
    return [*typed, *[p for p in checked if p not in typed and (not p.get("field") or p["field"] not in named)]]


def rewrite_review(folder: Path, corrected: Corrected, problems: list[dict[str, Any]], case_number: str | None,
                   note: str) -> None:
    """review.xlsx again, with the new problems and everything the coordinator typed kept in place."""
    base = corrected.base if corrected.base is not None else corrected.joined
    if base is None and corrected.edits is None:
        return
    data = write_review(base, problems, case_number=case_number, edits=corrected.edits, note=note)
    tmp = folder / f".tmp-{REVIEW}"
    try:
        tmp.write_bytes(data)
        os.replace(tmp, folder / REVIEW)  # Excel never sees half a workbook
    except OSError as exc:
        # The workbook still open on a shared drive, say: README.txt carries the reasons all the same.
        tmp.unlink(missing_ok=True)
        logs.warning("desk.review_sheet_not_rewritten", folder=folder.name[-12:], reason=type(exc).__name__)
