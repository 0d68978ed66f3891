"""Values labelled inside a sentence: "Was it reported to the police? Yes – crime ref EX/61544/26, OIC DC Llewellyn".
A reference-shaped token (letters and digits with "/" or "-") or an officer's rank and name is read only where the
one to three words right before it are a label the synonym table knows for a field ("crime ref", "OIC"); the
sentence itself stays as it was. Police ranks are data (data/values.toml [police_ranks]). Split out of
parsers.labels.values.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..fields import Kind, kind_of
from ..model import Labelled
from ..normalise import vocabulary
from .matcher import LabelTable

__all__ = ["labelled_in_sentence"]

_REFERENCE = r"[A-Z0-9]{1,6}(?:[/-][A-Z0-9]{1,10}){1,4}"  # EX/61544/26, 14-123456-24
_BEFORE = r"(?P<label>(?:[A-Za-z][\w.]*\s+){0,2}[A-Za-z][\w.]*)\s*[:.\-–]?\s+"
_WANTED = ("referral.crime_reference", "referral.police.officer_in_charge")
_SHORT_KINDS = (Kind.INT, Kind.DATE, Kind.ANSWER, Kind.BOOL)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    ranks = "|".join(re.escape(r) for r in vocabulary().get("police_ranks", {}).get("words", []))
    officer = rf"(?P<value>(?:{ranks})\.?\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)" if ranks else r"(?P<value>(?!x)x)"
    return re.compile(_BEFORE + rf"(?P<value>{_REFERENCE})\b"), re.compile(_BEFORE + officer + r"\b")


def labelled_in_sentence(item: Labelled, table: LabelTable) -> list[Labelled]:
    """Fields labelled within the item's sentence, as items of their own (none where no label is known)."""
    if not isinstance(item.value, str) or len(item.value) > 400:
        return []
    found: list[Labelled] = []
    for pattern in _patterns():
        for hit in pattern.finditer(item.value):
            words = hit.group("label").split()
            for start in range(len(words)):  # the nearest words that make a known label: "crime ref", "OIC"
                label = " ".join(words[start:])
                match = table.match(label, None)
                if match.status == "ok" and match.target in _WANTED:
                    found.append(replace(item, label=label, value=hit.group("value")))
                    break
    return found + _line_pairs(item, item.value, table, {table.match(i.label, None).target for i in found})


_LINE = re.compile(r"^\s*(?P<label>[A-Za-z][^:\n]{2,60}?)\s*:\s*(?P<value>\S[^\n]{0,40}?)\s*$", re.MULTILINE)


def _line_pairs(item: Labelled, value: str, table: LabelTable, found: set[str | None]) -> list[Labelled]:
    """Lines of the box that are "Label: answer" of a number, date or yes / no the table knows ("DASH risk
    assessment score: 16" typed under "Agency Information - Police"). Free text is not taken out of a sentence."""
    out: list[Labelled] = []
    for hit in _LINE.finditer(value):
        match = table.match(hit.group("label"), None)
        if match.status == "ok" and match.target not in found and kind_of(match.target or "") in _SHORT_KINDS:
            out.append(replace(item, label=hit.group("label"), value=hit.group("value")))
            found.add(match.target)
    return out
