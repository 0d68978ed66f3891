"""The parts of one answer that holds several: a phone number, an email, a date, a postcode or a count
found by its shape, and the text that is left shared between the text parts in order. Which labels hold
which parts is data (`[[combined]]` in data/labels.toml); this is only how the parts are found.
"""
from __future__ import annotations

import re

from ..model import RawValue
from ..normalise import is_unknown_text

__all__ = ["EDGES", "RECOGNISERS", "UNCLEAR", "split_value"]

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
RECOGNISERS: dict[str, re.Pattern[str]] = {
    "email": re.compile(r"[\w.+'’-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE),
    "phone": re.compile(r"(?<![\w/])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d[\d)]*(?:[\s-]?\d){7,10}"
                        r"(?:\s*(?:ext\.?|extension|x)\s*\d{2,6})?(?![\w/])", re.IGNORECASE),
    "date": re.compile(rf"(?<![\w/.])(?:\d{{1,2}}\s*[/.\-]\s*\d{{1,2}}\s*[/.\-]\s*\d{{2,4}}|"
                       rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\s+\d{{2,4}})(?![\w/])", re.IGNORECASE),
    "postcode": re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"),
    # a small count standing alone ("Score: 16"), read after any date in the same box
    "number": re.compile(r"(?<![\w/.:-])\d{1,3}(?![\w/.:-])"),
}
# A number with when to call written after it on its line ("0117 496 0855 – mornings only"): the words stay with
# the number (parsers.labels.tidy makes them the contact notes), never with the address before it.
_PHONE_AND_WHEN = re.compile(rf"(?:{RECOGNISERS['phone'].pattern})(?:[ \t]*[–—,;-][ \t]*(?![^\n]*\d[\d ]{8})[A-Za-z][^\n@]*(?=\n|$))?",
                             re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:[,;\n]|\s/\s|\s[–—-]\s|\s&\s)\s*")
EDGES = " \t\n,;:/–—-&()"
# The kinds of phone a number is typed after ("Home: 0117 …", "Mob 07700 …"): no part of the number
PHONE_KINDS = ("home", "work", "mobile", "mob", "landline", "tel", "day", "daytime", "evening")
_WORDS_LEFT = r"(?:dob|d\.o\.b\.?|date of birth|born|tel\.?|telephone|phone|mobile|mob|e-?mail|ext\.?)"
_LEFTOVER_WORDS = re.compile(rf"^{_WORDS_LEFT}\s*:?\s*|[\s.,;:/–—-]*\b{_WORDS_LEFT}[\s.:]*$", re.IGNORECASE)
# "…, M14 9RR / Tel: not known": the other part's label left with an answer that says there is none
_LABEL_AT_END = re.compile(rf"[\s.,;:/–—-]*\b{_WORDS_LEFT}[\s.:–—-]+(?P<answer>[^\n:]*)$", re.IGNORECASE)


def _less_empty_label(text: str) -> str:
    found = _LABEL_AT_END.search(text)
    return text[:found.start()] if found and is_unknown_text(found["answer"].strip(" .")) else text


def _edges_off(piece: str) -> str:
    """A piece without the marks around it; a bracket stays where it closes one inside ("Women's Aid (Leeds)")."""
    inner = piece.strip(EDGES.replace("(", "").replace(")", ""))
    if inner.endswith(")") and "(" in inner:
        return inner.lstrip(EDGES.replace("(", ""))
    return inner.strip(EDGES)


UNCLEAR = "\x00unclear"  # a part of a combined box that could not be told apart (see _split_item)


def split_value(value: str, parts: list[tuple[str, str]]) -> list[tuple[str, RawValue]]:
    """A combined box's value taken apart: each recogniser finds its part, text parts share what is left
    in order (split at commas, ' / ', ' – ', line breaks). A part that cannot be told apart is None."""
    rest = value
    found: dict[int, RawValue] = {}
    for index, (_, kind) in enumerate(parts):
        if kind == "text":
            continue
        pattern = _PHONE_AND_WHEN if kind == "phone" else RECOGNISERS[kind]
        hits = [m.group(0).strip() for m in pattern.finditer(rest)]
        if kind == "date" and len(set(hits)) > 1:
            # "Jo SMITH – 3.4.19 Sam SMITH – 5.6.21" in a "Name/DOB" box: two people run together, not one
            return [(label, UNCLEAR) for label, _ in parts]
        if hits:
            found[index] = " / ".join(dict.fromkeys(hits))
            rest = pattern.sub(" ", rest)
    texts = [i for i, (_, kind) in enumerate(parts) if kind == "text"]
    leftover = _edges_off(rest)
    for _ in range(3):  # "..., DH1 9XQ. Tel:  Email:" -> "..., DH1 9XQ"
        leftover = _edges_off(_LEFTOVER_WORDS.sub("", _less_empty_label(leftover)).strip("."))
    if texts and leftover:
        if len(texts) == 1:
            found[texts[0]] = leftover
        else:
            pieces = [p for p in _SEPARATORS.split(leftover) if p.strip(EDGES)]
            lines = [line for line in leftover.split("\n") if line.strip(EDGES)]
            if len(lines) == len(texts) < len(pieces):
                pieces = lines  # "Stuart Cartwright" over "PO Box 100, Exampletown": a part a line, commas and all
            if len(pieces) == len(texts):
                found.update({i: _edges_off(p) for i, p in zip(texts, pieces)})
            elif len(pieces) > len(texts):
                # "Cartwright, Stuart / PC": more marks than answers, so which part is which is a guess
                found.update({i: UNCLEAR for i in texts})
            else:  # cannot tell where one ends and the next begins: keep them together, for a person
                found[texts[0]] = leftover
    return [(label, found.get(index)) for index, (label, _) in enumerate(parts)]
