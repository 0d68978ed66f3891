"""What a person must look at: a file that cannot be read, a field missing or contradicting another.

A Problem names the canonical field (dotted path) where there is one and, once the files of a
message are joined (parsers.join), the file it came from. Its message names labels and fields,
never values: values are personal data.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass
class Problem:
    message: str
    field: str | None = None
    severity: Severity = "error"
    file: str | None = None  # set when the files of one message are joined

    def as_dict(self) -> dict[str, str | None]:
        """The problem as it appears in the schema object (docs/referral.schema.json)."""
        return {"field": self.field, "severity": self.severity, "file": self.file, "message": self.message}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Problem:
        return cls(data["message"], data.get("field"), data.get("severity", "error"), data.get("file"))
