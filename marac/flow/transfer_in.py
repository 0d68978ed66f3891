"""A case transferred in from another area's MARAC: recognised, and marked "transferred from <MARAC>" on
the case (`cases.transferred_from`, which `cases` lists and the agenda shows).

Recognised by any of, in this order:
- the sender: one of the configured `[[marac_areas]]` (its `email`, or one of its own `domains`);
- the form: an inter-MARAC referral form names the MARAC it comes from ("Transferring MARAC",
  "Transfer from", ...: the label vocabulary in parsers/data/labels.toml gives `referral.transfer_from`);
  a configured MARAC's code or name written there is shown as configured;
- the form's title as its file name or the message's subject carry it ("Inter-MARAC Referral/Transfer
  Form"): then the MARAC is "another MARAC (not named on the form)", for the coordinator to ask.
"""
from __future__ import annotations

import re
from typing import Any

from intake import plain
from marac.config import Config
from marac.config_transfers import MaracArea
from marac.store import transfers
from marac.store.db import Connection

# How inter-MARAC transfer forms are titled (words, after lower-casing and joining hyphens and spaces).
TITLE_WORDS = ("inter marac", "intermarac", "marac transfer", "marac to marac", "cross border marac",
               "transfer form", "transfer referral", "out of area marac")
UNNAMED = "another MARAC (not named on the form)"


def _simple(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _configured(config: Config, written: str) -> MaracArea | None:
    wanted = _simple(written)
    bare = " ".join(w for w in wanted.split() if w != "marac")
    for area in config.marac_areas:
        name = _simple(area.name)
        if wanted == area.code.lower() or bare in (name, " ".join(w for w in name.split() if w != "marac")):
            return area
    return None


def titled_as_transfer(texts: list[str]) -> bool:
    return any(word in f" {_simple(text)} " for text in texts for word in TITLE_WORDS)


def origin(config: Config, sender: str | None, subject: str, file_names: list[str],
           joined: dict[str, Any]) -> str | None:
    """The MARAC the referral comes from, as the agenda should name it, or None for an ordinary referral."""
    by_sender = next((a for a in config.marac_areas if a.sent(sender)), None)
    if by_sender is not None:
        return by_sender.name
    written = str((joined.get("referral") or {}).get("transfer_from") or "").strip()
    if written:
        known = _configured(config, written)
        return known.name if known else plain.one_line(written, 80)
    if titled_as_transfer([subject, *file_names]):
        return UNNAMED
    return None


def mark(conn: Connection, config: Config, case_id: int, sender: str | None, subject: str,
         file_names: list[str], joined: dict[str, Any]) -> str | None:
    """Mark the case when the referral is a transfer in; the MARAC it came from, or None."""
    found = origin(config, sender, subject, file_names, joined)
    if found is not None:
        transfers.mark_from(conn, case_id, found)
    return found
