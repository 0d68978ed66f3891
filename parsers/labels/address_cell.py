"""An adult's address cell in a table of the household ("Address & Contact number", "Address/Tel No"): the address
lines, less a note in brackets after them, and the phone number typed on a line of its own, after "Tel:", or run on
after the postcode where a PDF rewrapped the cell; "Tel: not known" is no number and no part of the address. Split
out of parsers.labels.adults, which puts the cells of the rows it ties.
"""
from __future__ import annotations

import re

from .recognisers import RECOGNISERS

__all__ = ["address_and_phone"]

_TEL = r"(?:tel|telephone|phone|mobile|mob)\.?\s*"
_NONE = r"(?:not known|unknown|n/?k|n/?a|none)\.?"
# A number (or "not known") after the postcode on the same line: the cell's two answers run together where a PDF
# rewrapped them.
_PHONE_AFTER_POSTCODE = re.compile(rf"(?P<postcode>{RECOGNISERS['postcode'].pattern})\s+(?:{_TEL}[:–-]\s*)?"
                                   rf"(?P<phone>{RECOGNISERS['phone'].pattern}|{_NONE})\s*$", re.IGNORECASE)
_NOTE_AFTER = re.compile(r"\s*\([^()]*\)\s*$")  # "… E15 9QQ (does not live at the child's address)"
_NO_PHONE = re.compile(rf"\s*{_TEL}[:–-]?\s*{_NONE}?", re.IGNORECASE)  # "Tel: not known" on its line
_PHONE_WORD = re.compile(rf"^\s*{_TEL}[:–-]\s*(?=[\d+(])", re.IGNORECASE)  # "Tel: 0117 …": the number after it


def address_and_phone(cell: str) -> tuple[str, str | None]:
    """An address cell's address, less a note in brackets after it, and a phone number given on its own line."""
    lines = cell.splitlines()
    run_on = _PHONE_AFTER_POSTCODE.search(lines[-1]) if lines else None
    if run_on:  # (the number, or "not known", after "Tel:" run on after the postcode)
        number = [run_on["phone"]] if RECOGNISERS["phone"].fullmatch(run_on["phone"]) else []
        lines[-1:] = [lines[-1][:run_on.end("postcode")].rstrip(), *number]
    lines = [_PHONE_WORD.sub("", line) for line in lines if not _NO_PHONE.fullmatch(line.strip())]
    phones = [line for line in lines if RECOGNISERS["phone"].fullmatch(line.strip())]
    address = "\n".join(line for line in lines if line not in phones).strip()
    return _NOTE_AFTER.sub("", address), phones[0].strip() if len(phones) == 1 else None
