"""Sign-off rows: "Referrer signature: | Fatima Cartwright | Date: | 31/10/2026". The date (or name) after a
signature in the same row is the signer's, whatever the heading above says (the last heading is often a section
about other people, "Significant others"), so the signature label becomes the title of what follows it in the row.
"""
from __future__ import annotations

import re

from ..model import Labelled

_SIGNATURE = re.compile(r"\bsign(?:ature|ed)\b", re.IGNORECASE)


def signed_row(items: list[Labelled]) -> None:
    """Title the labels after a signature label in one row's items (in place); a label with a title of its
    own keeps it."""
    signer: str | None = None
    for item in items:
        if _SIGNATURE.search(item.label) and len(item.label.split()) <= 6:
            signer = item.label
        elif signer is not None and item.title is None:
            item.title = signer
