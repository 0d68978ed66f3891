"""Sentences that open a box of people who are none of the referral's: "Significant others (extended
family/friends/professionals) who are not members of the referred person's household." A form may print such a
heading as a plain sentence rather than a bold line; the readers take it for a heading all the same, so the people
listed under it are not read as the perpetrator whose box came before.

The words are data: `[sections] others` and `[section_keywords] others` of data/labels.toml (the label matcher reads
the same lists to know the section means no one). Only the sentence's first words count: an instruction that
mentions "professionals involved" further on opens nothing.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from .vocabulary import labels_data

__all__ = ["opens_aside"]

FIRST_WORDS = 6


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'").replace("&", " and ")
    text = re.sub(r"\([^()]*\)", " ", text)  # "(extended family/friends)": a hint, as the matcher reads it
    text = re.sub(r"'s\b", "", text).replace("'", "")
    return " ".join(w for w in re.sub(r"[\W_]+", " ", text).split() if w not in ("the", "a", "an"))


@functools.lru_cache(maxsize=1)
def _openers() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = labels_data()
    headings = tuple(_plain(h) for h in data.get("sections", {}).get("others", []))
    keywords = tuple(_plain(k) for k in data.get("section_keywords", {}).get("others", []))
    return headings, keywords


def opens_aside(text: str) -> bool:
    """Whether a sentence starts with a heading of people who are not the referral's (see the module)."""
    words = _plain(text).split()[:FIRST_WORDS]
    start = " ".join(words)
    headings, keywords = _openers()
    return any(start == h or start.startswith(h + " ") for h in headings) or \
        any(re.search(rf"\b{re.escape(k)}s?\b", start) for k in keywords)
