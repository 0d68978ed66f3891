"""A person's name read from a scan whose shape says OCR put something into it: a word split into a
stray letter and a lower-case rest ("G G race EVANS-PRICE" for "Grace EVANS-PRICE"), a speck read as
a letter or a mark, a rule's edge read as a word ("Grace wn EVANS-PRICE").

OCR can be sure of each piece and still make such a name: every word read with confidence, no word
in doubt, so parsers.ocr.review would pass it on. A name is what an agency researches, so a name no
person writes (a piece that opens in lower case and is no name particle, a piece holding marks a name
does not) is named for checking. Typed names are not checked here: the shapes are OCR's, not a
referrer's.
"""
from __future__ import annotations

import re

# Whose names: a person's name field, and the referrer's.
NAME_PATH = re.compile(r"^referral\.(?:victim|referrer|(?:perpetrators|children|additional_victims)\.\d+)\.name$")
# Vocabulary (data): the lower-case words a name may hold ("Ana de SOUSA", "Pieter van der BERG").
NAME_PARTICLES = frozenset({
    "de", "da", "di", "du", "del", "della", "der", "den", "des", "dos", "das", "van", "von", "ten", "ter",
    "la", "le", "bin", "binti", "bint", "ibn", "al", "el", "y", "e", "st", "aka"})
# One piece of a name as people write it: "Grace", "EVANS-PRICE", "O'Brien", "McDONALD", an initial "J."
# or "J", a title "Mrs."; marks only between letters, never at an end ("EVANS-", "Grace.").
_PIECE = re.compile(r"[A-Z][A-Za-z]*(?:['’-][A-Za-z]+)*|[A-Z][a-z]{0,2}\.")
_BRACKETED = re.compile(r"\([^()]*\)")  # "(aka Mo)": an alias, checked as the alias's own field


def odd_name(value: str) -> bool:
    """True when some piece of the name is not shaped like any piece of a person's name."""
    pieces = _BRACKETED.sub(" ", value).replace(",", " ").split()
    return any(not _PIECE.fullmatch(piece) and piece.casefold() not in NAME_PARTICLES for piece in pieces)


def odd_name_paths(fields: dict[str, object]) -> list[str]:
    """The name fields whose value is oddly shaped, in the fields' order."""
    return [path for path, value in fields.items()
            if isinstance(value, str) and NAME_PATH.match(path.partition("=")[0]) and odd_name(value)]
