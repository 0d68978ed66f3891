"""What one message may unpack: the limits (Limits), what is left of them (Budget), a file found
inside a container (Packed), a container refused as a whole (Refused) with the sentence saying why, and
a file no password opened (Locked).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    max_depth: int = 3  # containers inside containers: a form in a zip in an Outlook item is 2 deep
    max_zip_depth: int = 2  # zips inside zips
    max_files: int = 100  # files taken out of containers, per message
    max_total_bytes: int = 50_000_000  # bytes taken out of containers, per message
    max_file_bytes: int = 20_000_000  # one file taken out (as [limits] max_attachment_bytes)
    max_ratio: int = 100  # unpacked size over packed size beyond which a zip is a bomb
    seconds: float = 20.0  # to read one Outlook item or winmail.dat
    total_seconds: float = 60.0  # for all the Outlook items and winmail.dats in one message
    max_containers: int = 20  # containers opened, per message
    memory_mb: int = 768


@dataclass(frozen=True)
class Packed:
    """A file found inside a container; `depth` counts the containers around it, `zips` the zips."""
    name: str
    content_type: str
    data: bytes
    depth: int
    zips: int
    private: bool = False  # taken out of a password-protected file: read, never kept on disk nor passed on


class Refused(Exception):
    """The container was not opened; `sentence` says why, for the coordinator."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence


class Locked(Refused):
    """Password-protected, and none of the passwords given opened it: kept as it came, for a person."""


@dataclass
class Budget:
    """What one message may still unpack, shared by all its containers."""
    limits: Limits
    files: int = 0
    bytes: int = 0
    containers: int = 0
    seconds: float = 0.0
    open_containers: bool = True  # False: containers are kept whole, never opened
    # Passwords to try on password-protected files, in turn; never logged, never in a sentence.
    passwords: tuple[str, ...] = field(default=(), repr=False)

    def room(self, size: int) -> bool:
        return self.files < self.limits.max_files and self.bytes + size <= self.limits.max_total_bytes

    def take(self, size: int) -> None:
        self.files += 1
        self.bytes += size


def admit(what: str, depth: int, budget: Budget) -> None:
    """Count one more container opened for this message, or refuse it."""
    limits = budget.limits
    if depth >= limits.max_depth:
        raise Refused(f"{what} is packed inside {depth} other files, deeper than the service opens "
                      f"({limits.max_depth}), so it was not opened")
    if budget.containers >= limits.max_containers:
        raise Refused(f"{what} was not opened: the service opens at most {limits.max_containers} zips and "
                      "Outlook items in one message")
    budget.containers += 1
