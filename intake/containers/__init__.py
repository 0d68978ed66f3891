"""Files packed inside other files: zip archives, Outlook items (.msg) and winmail.dat (TNEF).

Each container is opened with limits on depth, count and size, and whatever is refused or left out
becomes one plain sentence for the coordinator (it ends up in the desk folder's README).

Zips are opened with the standard library (zips.py): every size is checked from the central directory
before a byte is unpacked, and zipfile never unpacks more than the size it declared (a lie there is
a CRC error). Outlook items and winmail.dat are read by extract-msg and tnefparse in a child process
with a time and memory limit, because neither library is written for hostile input: a 60-byte
winmail.dat that claims four billion properties keeps tnefparse busy for hours.

Password-protected files are opened with the passwords in the Budget, tried in turn: zips (ZipCrypto
or AES) in zips.py with pyzipper; Word, Excel and PDF files and 7z archives in locked.py, in a child
process. What no password opens raises Locked (a Refused): kept as it came, for a person. RAR archives
are not opened.

sniffing.py says what a file is (kind_of) and names it to a person (label, printable); limits.py
holds Limits, Budget, Packed, Refused, Locked and admit; zips.py opens zips; outlook.py reads Outlook
items and winmail.dat in a child process; locked.py opens password-protected files and 7z archives.
"""
from __future__ import annotations

from .limits import Budget, Limits, Locked, Packed, Refused, admit
from .locked import is_seven_zip, lock_of, open_document, unpack_seven_zip
from .outlook import unpack_in_child
from .sniffing import content_type_of, kind_of, label, printable
from .zips import unpack_zip

__all__ = ["Budget", "Limits", "Locked", "Packed", "Refused", "admit", "content_type_of", "kind_of", "label",
           "lock_of", "open_document", "printable", "unpack"]


def unpack(kind: str, name: str, data: bytes, depth: int, zips: int,
           budget: Budget) -> tuple[list[Packed], list[str]]:
    """The files inside a container and a sentence for each thing inside that was left out.

    Raises Refused when the container as a whole is not opened.
    """
    what = label(kind, name)
    if kind == "archive" and not is_seven_zip(name, data):
        raise Refused(f"{what} is a RAR archive, which the service does not open: open it by hand, "
                      "or ask the referrer to attach the form itself")
    admit(what, depth, budget)
    if kind == "archive":
        return unpack_seven_zip(f"the 7-Zip archive '{printable(name)}'", data, depth, zips, budget)
    if kind == "zip":
        return unpack_zip(what, data, depth, zips, budget)
    if kind in ("msg", "tnef"):
        return unpack_in_child(kind, what, data, depth, zips, budget)
    raise Refused(f"{what} is of a kind the service does not open")
