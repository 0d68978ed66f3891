"""Placeholder prompts on a PDF page ("Click or tap here to enter text."), left out of what the page
says (parsers.pdf.marks drops their characters): an empty Word control prints its prompt, and a
template may print its own in grey. A prompt is found even where a narrow cell wrapped it over two
lines; the template prompts come from the values vocabulary (parsers/data/values.toml) when it is there.
"""
from __future__ import annotations

import functools
import re
from typing import Any

# Word's prompts in an empty control, in any colour; other template prompts only when printed grey.
WORD_PROMPTS = ("click here to enter text", "click or tap here to enter text", "click here to enter a date",
                "click or tap to enter a date", "click or tap here to enter a date", "choose an item",
                "click here to choose an item", "enter text here")


def _grey(char: dict[str, Any]) -> bool:
    colour = char.get("non_stroking_color")
    if not isinstance(colour, (tuple, list)) or not colour:
        return False
    values = [float(v) for v in colour if isinstance(v, (int, float))]
    if len(values) == 1:
        return 0.3 <= values[0] <= 0.85
    if len(values) == 3:
        return max(values) - min(values) < 0.08 and 0.3 <= values[0] <= 0.85
    return False


@functools.lru_cache(maxsize=8)
def _phrase_pattern(phrases: tuple[str, ...], spaced: bool) -> re.Pattern[str]:
    """One pattern for every phrase: words apart by spaces (spaced), or by nothing or anything."""
    gap = r"\s+" if spaced else r"\s*"
    words = [gap.join(re.escape(w) for w in p.lower().split()) for p in phrases if p.split()]
    if spaced:
        return re.compile(r"(?<![\w])(?:" + "|".join(words) + r")\.?(?![\w])")
    return re.compile("|".join(words))


def _placeholders(chars: list[dict[str, Any]], phrases: tuple[str, ...], grey_phrases: tuple[str, ...],
                  joined: str) -> set[int]:
    """Characters of a placeholder prompt, even where a narrow cell wrapped it over two lines."""
    everything = phrases + grey_phrases
    if not everything:
        return set()
    # Most pages hold no prompt: one look at their letters run together (joined) says so.
    if not _phrase_pattern(everything, False).search(joined.lower().replace("’", "'")):
        return set()
    letters = [(i, c) for i, c in enumerate(chars) if c.get("text", "").strip()]
    if not letters:
        return set()
    # The page's text as one string (a space between words and lines), each letter's index kept.
    text_parts: list[str] = []
    owners: list[int] = []
    previous: dict[str, Any] | None = None
    for index, char in letters:
        if previous is not None:
            gap = float(char["x0"]) - float(previous["x1"])
            if abs(float(char["top"]) - float(previous["top"])) > 1 or gap > 1.0:
                text_parts.append(" ")
                owners.append(-1)
        text_parts.append(char["text"].lower().replace("’", "'"))
        owners.extend([index] * len(char["text"]))
        previous = char
    text = "".join(text_parts)
    found: set[int] = set()
    always = {" ".join(p.lower().split()) for p in phrases}
    for match in _phrase_pattern(everything, True).finditer(text):
        owned = {owners[k] for k in range(match.start(), match.end()) if owners[k] >= 0}
        said = " ".join(match.group().lower().rstrip(".").split())
        if said not in always and not all(_grey(chars[i]) for i in owned):
            continue  # a template's prompt only when printed grey, as Word prints a placeholder
        found.update(owned)
    return found


def _grey_phrases() -> tuple[str, ...]:
    """Template prompts from the values vocabulary (parsers/data/values.toml), when it is there."""
    try:
        from ..normalise import vocabulary  # type: ignore[attr-defined]
        listed = vocabulary().get("placeholders", {}).get("phrases", [])
    except Exception:  # noqa: BLE001 - the shared list is optional; Word's own prompts are known here
        listed = []
    return tuple(p for p in listed if isinstance(p, str) and len(p.split()) >= 2)


_GREY_PHRASES: tuple[str, ...] | None = None


def prompt_chars(chars: list[dict[str, Any]], joined: str) -> set[int]:
    """The indexes of the characters of placeholder prompts on a page (`joined`: its letters run
    together): Word's own prompts in any colour, a template's only when printed grey."""
    global _GREY_PHRASES
    if _GREY_PHRASES is None:
        _GREY_PHRASES = _grey_phrases()
    return _placeholders(chars, WORD_PROMPTS, _GREY_PHRASES, joined)
