"""Zip archives, opened with the standard library: every size is checked from the central directory
before a byte is unpacked, and zipfile never unpacks more than the size it declared (a lie there is
a CRC error).
"""
from __future__ import annotations

import io
import re
import zipfile

from .limits import Budget, Packed, Refused
from .sniffing import content_type_of, printable

JUNK = re.compile(r"(^|/)(__MACOSX/|\._[^/]*$|\.DS_Store$|Thumbs\.db$|desktop\.ini$)", re.IGNORECASE)
BOMB_FLOOR = 1_000_000  # below this a high ratio (a page of blanks) is harmless


def _unsafe_path(path: str) -> bool:
    path = path.replace("\\", "/")
    return path.startswith("/") or bool(re.match(r"[A-Za-z]:", path)) or ".." in path.split("/")


def unpack_zip(what: str, data: bytes, depth: int, zips: int, budget: Budget) -> tuple[list[Packed], list[str]]:
    limits = budget.limits
    if zips >= limits.max_zip_depth:
        raise Refused(f"{what} is inside {zips} other zip files, deeper than the service opens "
                      f"({limits.max_zip_depth}), so it was not opened")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception:  # noqa: BLE001 - hostile bytes fail zipfile in many ways
        raise Refused(f"{what} is damaged and could not be opened") from None
    if len(infos) > limits.max_files:
        raise Refused(f"{what} holds {len(infos)} entries, more than the {limits.max_files} the service "
                      "opens, so it was not opened")
    files = [i for i in infos if not i.is_dir() and not JUNK.search(i.filename.replace("\\", "/"))]
    if any(i.flag_bits & 0x1 for i in files):
        raise Refused(f"{what} is protected with a password, so it could not be opened: ask the referrer "
                      "to send the form itself rather than in a password-protected zip")
    declared = sum(i.file_size for i in files)
    bomb = declared > BOMB_FLOOR and declared > limits.max_ratio * len(data)
    bomb = bomb or any(i.file_size > BOMB_FLOOR and i.file_size > limits.max_ratio * max(1, i.compress_size)
                       for i in files)
    if bomb:
        raise Refused(f"{what} would unpack to far more than its own size (a 'zip bomb'), so it was not "
                      "opened")
    if budget.bytes + declared > limits.max_total_bytes:
        raise Refused(f"{what} would unpack to more than the {limits.max_total_bytes // 1_000_000} MB the "
                      "service takes from one message, so it was not opened")
    found: list[Packed] = []
    notes: list[str] = []
    for info in files:
        shown = printable(info.filename)
        if _unsafe_path(info.filename):
            notes.append(f"a file in {what} has a path that points outside the zip ('{shown}'), so it was "
                         "not taken")
            continue
        if info.file_size > limits.max_file_bytes:
            notes.append(f"'{shown}' in {what} is larger than {limits.max_file_bytes // 1_000_000} MB, so it "
                         "was not taken")
            continue
        if not budget.room(info.file_size):
            notes.append(f"{what} holds more than the service takes from one message, so '{shown}' and "
                         "any files after it were not taken")
            break
        try:
            with archive.open(info) as member:
                content = member.read()
        except Exception:  # noqa: BLE001 - CRC errors, unknown compression, truncated data
            notes.append(f"'{shown}' in {what} could not be unpacked (it may be damaged)")
            continue
        if len(content) != info.file_size:
            notes.append(f"'{shown}' in {what} could not be unpacked (it may be damaged)")
            continue
        budget.take(len(content))
        base = info.filename.replace("\\", "/").rsplit("/", 1)[-1]
        found.append(Packed(base, content_type_of(base), content, depth + 1, zips + 1))
    return found, notes
