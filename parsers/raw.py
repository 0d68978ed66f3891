"""What a format reader hands on: raw values against canonical paths, before normalisation."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

# A reader reports text as written, or a bool for a tick box. A tick box standing for one
# choice of several is reported as `path=choice` -> True, e.g. `dash.answers.3=yes`, or
# `referral.victim.safe_to_call=no`; the assembler turns the ticked choice into the value.
RawValue = Union[str, bool, None]
SourceKind = Literal["pdf-acroform", "pdf-xfa", "pdf-text", "pdf-image", "docx", "doc", "unknown"]


@dataclass
class Problem:
    message: str
    field: str | None = None
    severity: Literal["error", "warning"] = "error"

    def as_dict(self) -> dict[str, str | None]:
        return {"field": self.field, "message": self.message, "severity": self.severity}


@dataclass
class RawForm:
    kind: SourceKind
    fields: dict[str, RawValue] = field(default_factory=dict)
    # Label text -> value pairs a reader found but could not tie to a canonical path itself
    # (label matching against the synonym table happens after reading).
    labelled: list[tuple[str, RawValue]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
