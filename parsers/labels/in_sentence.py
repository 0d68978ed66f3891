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


_COLON = re.compile(r"(?P<before>(?:[A-Za-z][\w/'’()-]*\s+){0,7}[A-Za-z][\w/'’()-]*)\s*:\s*")
_SHORT = {Kind.INT: r"\d{1,3}\b", Kind.DATE: r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b",
          Kind.ANSWER: r"(?:yes|no|y|n|unknown|not known)\b", Kind.BOOL: r"(?:yes|no|y|n)\b"}


def _line_pairs(item: Labelled, value: str, table: LabelTable, found: set[str | None]) -> list[Labelled]:
    """ "Label: answer" of a number, date or yes / no the table knows, typed inside another box ("DASH risk
    assessment score: 16" under "Agency Information - Police", a line of its own or run on by a PDF): the answer
    right after the colon. Free text is not taken out of a sentence."""
    out: list[Labelled] = []
    for hit in _COLON.finditer(value):
        words = hit.group("before").split()
        for start in range(len(words)):  # the longest known label ending at the colon
            label = " ".join(words[start:])
            match = table.match(label, None)
            kind = kind_of(match.target or "") if match.status == "ok" else None
            answer = re.match(_SHORT[kind], value[hit.end():], re.IGNORECASE) if kind in _SHORT else None
            if answer and match.target not in found:
                out.append(replace(item, label=label, value=answer.group()))
                found.add(match.target)
                break
    return out
