"""An adult's address cell in a table of the household ("Address & Contact number", "Address/Tel No"): the address
lines, less a note in brackets after them, and the phone number typed on a line of its own, after "Tel:", or run on
after the postcode where a PDF rewrapped the cell; "Tel: not known" is no number and no part of the address. Split
out of parsers.labels.adults, which puts the cells of the rows it ties.
"""
from __future__ import annotations

import re

from ..normalise import clean_text, is_unknown_text, parse_bool_or_none
from .recognisers import PHONE_KINDS, RECOGNISERS

__all__ = ["address_and_phone"]

# "Tel:", "Mobile -": the kind of number (recognisers.PHONE_KINDS) and the words a form prints for any number
_PHONE_WORD = re.compile(rf"^\s*(?:{'|'.join((*PHONE_KINDS, 'telephone', 'phone'))})\.?\s*[:–-]?\s*", re.IGNORECASE)
_AFTER_POSTCODE = re.compile(rf"(?P<postcode>{RECOGNISERS['postcode'].pattern})\s+(?P<rest>\S.*)$", re.IGNORECASE)
_NOTE_AFTER = re.compile(r"\s*\([^()]*\)\s*$")  # "… E15 9QQ (does not live at the child's address)"


def _no_number(text: str) -> bool:
    """ "not known", "N/A", "none" (or nothing) where a number would be."""
    return not text.strip(" .") or is_unknown_text(text) or clean_text(text.strip(" .")) is None \
        or parse_bool_or_none(text) is False


def _phone_line(line: str) -> str | None:
    """The number a line gives ("0117 …", "Tel: 0117 …"), "" for a line saying there is none ("Tel: not known"),
    None for a line of the address."""
    rest = _PHONE_WORD.sub("", line, count=1)
    if RECOGNISERS["phone"].fullmatch(rest.strip()):
        return rest.strip()
    return "" if rest != line and _no_number(rest) else None


def address_and_phone(cell: str) -> tuple[str, str | None]:
    """An address cell's address, less a note in brackets after it, and a phone number given on its own line."""
    lines = cell.splitlines()
    run_on = _AFTER_POSTCODE.search(lines[-1]) if lines else None
    if run_on and (_phone_line(run_on["rest"]) is not None or _no_number(run_on["rest"])):
        # the number (or "Tel: not known") run on after the postcode where a PDF rewrapped the cell
        lines[-1:] = [lines[-1][:run_on.end("postcode")].rstrip(), run_on["rest"]]
    said = [(line, _phone_line(line)) for line in lines]
    phones = [number for _, number in said if number]
    address = "\n".join(line for line, number in said if number is None).strip()
    return _NOTE_AFTER.sub("", address), phones[0] if len(phones) == 1 else None
