"""What a PDF adds to the shared table rules' reading state (parsers.tables.walk): regions holding tick
boxes whose state the file does not carry (parsers.pdf.marks), whose values are then unknown, never a
guess. A PDF has no controls to mark as read, so the shared `use` hook stays a no-op.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..tables.walk import Walk


@dataclass(frozen=True)
class Region:
    """A ruled table cell of a PDF as the shared rules pass it back to the hooks."""
    unreadable: bool  # it holds a tick box whose state the file does not carry


@dataclass
class PdfWalk(Walk):
    """The shared reading state over a PDF's pages."""

    def unknown(self, *regions: Any) -> bool:
        return any(isinstance(region, Region) and region.unreadable for region in regions)
