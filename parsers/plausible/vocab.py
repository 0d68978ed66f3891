"""The plausibility rules' words (parsers/data/plausibility.toml), read once, and the small text helpers
every rule shares: how a value is folded for comparison, how a field is named for a coordinator."""
from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources
from typing import Any

from ..problem import Problem, Severity


@functools.lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    text = resources.files("parsers").joinpath("data", "plausibility.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def fold(text: str) -> str:
    """Case, curly quotes, spacing and a trailing full stop do not change what a value says."""
    return " ".join(text.lower().replace("\u2019", "'").replace("\u2018", "'").split()).strip().rstrip(".").strip()


@functools.lru_cache(maxsize=64)
def words(section: str, key: str) -> frozenset[str]:
    return frozenset(fold(w) for w in vocabulary().get(section, {}).get(key, []))


@functools.lru_cache(maxsize=64)
def phrase_re(section: str, key: str) -> re.Pattern[str]:
    """Any of a list's phrases as whole words, the longest first (so "interpreter needed" beats
    "interpreter"); spaces inside a phrase match any run of spaces."""
    phrases = sorted(words(section, key), key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases if p)
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w'])", re.IGNORECASE) if body else re.compile(r"(?!x)x")


@functools.lru_cache(maxsize=1)
def list_marker_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in vocabulary().get("lists", {}).get("markers", [])))


def setting(section: str, key: str, default: Any) -> Any:
    return vocabulary().get(section, {}).get(key, default)


def quote(value: Any, limit: int = 70) -> str:
    """A word as the coordinator would recognise it on the form, on one line and short. Only the rules' own
    words are quoted ('None', 'Other'): a form's values are personal data, and a warning becomes a case note."""
    text = " / ".join(line.strip() for line in str(value).splitlines() if line.strip())
    return f"'{text if len(text) <= limit else text[:limit - 1] + '…'}'"


_SECTIONS = {"victim": "victim", "perpetrators": "perpetrator", "children": "child",
             "additional_victims": "other victim", "referrer": "referrer", "police": "police",
             "reasons": "referral reasons"}


def label(path: str) -> str:
    """ "referral.perpetrators.0.name" -> "perpetrator 1 name": a field as a coordinator would say it."""
    parts = [p for p in path.split(".") if p not in {"referral"}]
    out: list[str] = []
    for part in parts:
        if part.isdigit():
            out[-1:] = [f"{out[-1]} {int(part) + 1}"] if out else [part]
        else:
            out.append(_SECTIONS.get(part, part.replace("_", " ")))
    return " ".join(out)


class Found:
    """The problems a check raises, kept in the order found."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: str, severity: Severity = "error") -> None:
        self.problems.append(Problem(f"{label(path)}: {message}", path, severity))


# "…: answer" after a label: a colon after a word (a time "10:40" is no label), with an answer after it.
_LABEL_COLON = re.compile(r"(?:(?<=[^\W\d_])|(?<=[.)])):\s*\S")
# A label glued to the answer before it ("Stuart CartwrightCollar no.:4471"): boxes whose walls were lost.
_GLUED_LABEL = re.compile(r"[^\W\d_][A-Z][a-z][\w /.&'’()-]{0,40}:\s*\S")


def run_on_labels(value: str) -> bool:
    """Several labelled answers run together in one value ("Stuart CartwrightDate:30/10/2026Name:…"): what a
    table whose cell walls were lost reads as. A name or a single answer never holds two, nor a glued one."""
    return len(_LABEL_COLON.findall(value)) >= 2 or bool(_GLUED_LABEL.search(value))
