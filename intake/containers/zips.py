"""Zip archives, opened with the standard library: every size is checked from the central directory
before a byte is unpacked, and zipfile never unpacks more than the size it declared (a lie there is
a CRC error).

A zip with a password (traditional ZipCrypto or WinZip AES, as 7-Zip and WinZip write) is opened with
pyzipper, a fork of zipfile that keeps those guarantees, with the first of the Budget's passwords that
reads its smallest protected entry; its files are private (read, never kept nor passed on: the zip as
sent is). No password that opens it raises Locked.
"""
from __future__ import annotations

import io
import re
import zipfile

import pyzipper

from .limits import Budget, Locked, Packed, Refused
from .locked import locked_sentence
from .sniffing import content_type_of, printable

JUNK = re.compile(r"(^|/)(__MACOSX/|\._[^/]*$|\.DS_Store$|Thumbs\.db$|desktop\.ini$)", re.IGNORECASE)
BOMB_FLOOR = 1_000_000  # below this a high ratio (a page of blanks) is harmless


def _unsafe_path(path: str) -> bool:
    path = path.replace("\\", "/")
    return path.startswith("/") or bool(re.match(r"[A-Za-z]:", path)) or ".." in path.split("/")


def _members(infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
    return [i for i in infos if not i.is_dir() and not JUNK.search(i.filename.replace("\\", "/"))]


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
    files = _members(infos)
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
    password = None  # the sizes are checked first: the limits hold whatever the password
    if any(i.flag_bits & 0x1 for i in files):
        archive, password = _unlocked(what, data, files, budget)
        files = _members(archive.infolist())
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
            with archive.open(info, pwd=password if info.flag_bits & 0x1 else None) as member:
                content = member.read()
        except Exception:  # noqa: BLE001 - CRC errors, unknown compression, truncated data
            notes.append(f"'{shown}' in {what} could not be unpacked (it may be damaged)")
            continue
        if len(content) != info.file_size:
            notes.append(f"'{shown}' in {what} could not be unpacked (it may be damaged)")
            continue
        budget.take(len(content))
        base = info.filename.replace("\\", "/").rsplit("/", 1)[-1]
        found.append(Packed(base, content_type_of(base), content, depth + 1, zips + 1, private=password is not None))
    return found, notes


def _unlocked(what: str, data: bytes, files: list[zipfile.ZipInfo],
              budget: Budget) -> tuple[zipfile.ZipFile, bytes]:
    """The zip opened by pyzipper and the first password that reads its smallest protected entry (its
    declared size is checked before: the limits hold whatever the password)."""
    limits = budget.limits
    smallest = min((i for i in files if i.flag_bits & 0x1), key=lambda i: i.file_size)
    if smallest.file_size > limits.max_file_bytes:
        raise Refused(f"'{printable(smallest.filename)}' in {what} is larger than "
                      f"{limits.max_file_bytes // 1_000_000} MB, so it was not taken")
    try:
        archive = pyzipper.AESZipFile(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - hostile bytes
        raise Refused(f"{what} is damaged and could not be opened") from None
    for text in budget.passwords:
        password = text.encode("utf-8")
        try:
            with archive.open(archive.getinfo(smallest.filename), pwd=password) as member:
                if len(member.read(limits.max_file_bytes + 1)) == smallest.file_size:
                    return archive, password
        except Exception:  # noqa: BLE001, S112 - a wrong password: bad password, CRC or inflate error
            continue
    raise Locked(locked_sentence(what, len(budget.passwords)))
