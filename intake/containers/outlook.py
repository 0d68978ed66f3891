"""Outlook items (.msg) and winmail.dat (TNEF), read by extract-msg and tnefparse in a child process
with a time and memory limit, because neither library is written for hostile input: a 60-byte
winmail.dat that claims four billion properties keeps tnefparse busy for hours.

The parent side (`unpack_in_child`) starts `python -m intake.containers` with a bare environment and
reads back what the child side (`child_main`) found; the limits are set up by parsers.child_limits,
as for the form readers' children.
"""
from __future__ import annotations

import io
import os
import struct
import sys

from parsers.child_limits import enter_child

from .child import run_in_child
from .limits import Budget, Packed, Refused
from .sniffing import content_type_of, label, printable

# The child writes records to stdout: b"F" a file, b"S" something skipped, then b"E" when it read
# the container through, or b"X" when it could not open it at all.

SKIPPED = {
    "big": "'{name}' in {where} is larger than {mb} MB, so it was not taken",
    "full": "{where} holds more than the service takes from one message, so '{name}' was not taken",
    "deep": "{where} holds another item, '{name}', packed deeper than the service opens, so it was not opened",
    "link": "'{name}' in {where} is a link to a file stored online, not the file itself: ask the referrer "
            "to attach the form",
    "broken": "an attachment in {where} ('{name}') could not be read",
}


def unpack_in_child(kind: str, what: str, data: bytes, depth: int, zips: int,
                    budget: Budget) -> tuple[list[Packed], list[str]]:
    limits = budget.limits
    # `python -m intake.containers` runs child_main (intake/containers/__main__.py).
    out = run_in_child(["intake.containers", kind, str(limits.max_depth - depth), str(limits.max_files - budget.files),
                        str(limits.max_total_bytes - budget.bytes), str(limits.max_file_bytes),
                        str(limits.memory_mb)], data, what, budget,
                       spent="{what} was not opened: reading the other Outlook items in this message already took "
                             "the {seconds} allowed",
                       slow="reading {what} took longer than {seconds}, so it was stopped and the files inside it "
                            "were not read; it may be damaged or deliberately oversized")
    try:
        records, finished = _read_records(out)
    except (ValueError, IndexError, struct.error, UnicodeDecodeError):
        records, finished = [], None
    if finished != b"E":
        raise Refused(f"{what} could not be opened (it may be damaged), so the files inside it were not read")
    found: list[Packed] = []
    notes: list[str] = []
    for record in records:
        if record[0] == "F":
            _, rel, name, ctype, content = record
            if not budget.room(len(content)) or len(content) > limits.max_file_bytes:
                notes.append(SKIPPED["full"].format(where=what, name=printable(name)))
                continue
            budget.take(len(content))
            found.append(Packed(name, ctype or content_type_of(name), content, depth + rel, zips))
        else:
            _, code, where, name = record
            where_text = label("msg", where) if where else what  # an item inside is an Outlook item
            notes.append(SKIPPED.get(code, SKIPPED["broken"]).format(
                where=where_text, name=printable(name), mb=limits.max_file_bytes // 1_000_000))
    return found, notes


def _read_records(out: bytes) -> tuple[list[tuple], bytes | None]:
    records: list[tuple] = []
    view = memoryview(out)
    pos = 0

    def chunk() -> bytes:
        nonlocal pos
        (size,) = struct.unpack_from("<Q", view, pos)
        pos += 8
        if pos + size > len(view):
            raise ValueError("truncated record")
        piece = bytes(view[pos: pos + size])
        pos += size
        return piece

    while pos < len(view):
        tag = bytes(view[pos: pos + 1])
        pos += 1
        if tag == b"F":
            rel = view[pos]
            pos += 1
            records.append(("F", rel, chunk().decode(), chunk().decode(), chunk()))
        elif tag == b"S":
            records.append(("S", chunk().decode(), chunk().decode(), chunk().decode()))
        elif tag in (b"E", b"X"):
            return records, tag
        else:
            raise ValueError("unknown record")
    return records, None


class _Emitter:
    """The child's side: writes what it found, keeping within what the parent said is left."""

    def __init__(self, out: io.BufferedWriter, files_left: int, bytes_left: int, max_file: int) -> None:
        self.out = out
        self.files_left, self.bytes_left, self.max_file = files_left, bytes_left, max_file

    @staticmethod
    def _chunk(piece: bytes) -> bytes:
        return struct.pack("<Q", len(piece)) + piece

    def file(self, rel: int, name: str, ctype: str, data: bytes, where: str) -> None:
        if len(data) > self.max_file:
            self.skip("big", where, name)
        elif self.files_left <= 0 or len(data) > self.bytes_left:
            self.skip("full", where, name)
        else:
            self.files_left -= 1
            self.bytes_left -= len(data)
            self.out.write(b"F" + bytes([min(rel, 255)]) + self._chunk(name.encode("utf-8", "replace"))
                           + self._chunk(ctype.encode("utf-8", "replace")) + self._chunk(data))

    def skip(self, code: str, where: str, name: str) -> None:
        self.out.write(b"S" + b"".join(self._chunk(s.encode("utf-8", "replace")) for s in (code, where, name)))

    def end(self, tag: bytes) -> None:
        self.out.write(tag)
        self.out.flush()


def _text(value: object) -> str:
    if isinstance(value, bytes):
        for codec in ("utf-8", "cp1252"):
            try:
                return value.decode(codec).strip("\x00")
            except UnicodeDecodeError:
                continue
        return value.decode("latin-1").strip("\x00")
    return str(value).strip("\x00") if value else ""


def _child_msg(data: bytes, levels: int, emit: _Emitter) -> None:
    import extract_msg
    from extract_msg.enums import AttachmentType, ErrorBehavior
    from extract_msg.msg_classes import MSGFile

    def walk(item: MSGFile, rel: int, where: str) -> None:
        for index, att in enumerate(item.attachments, 1):
            try:
                name = _text(att.longFilename or att.shortFilename or att.name) or f"attachment-{index}"
            except Exception:  # noqa: BLE001
                name = f"attachment-{index}"
            try:
                payload = att.data
            except Exception:  # noqa: BLE001
                emit.skip("broken", where, name)
                continue
            if isinstance(payload, (bytes, bytearray)):
                try:
                    ctype = _text(att.mimetype)
                except Exception:  # noqa: BLE001
                    ctype = ""
                emit.file(rel, name, ctype, bytes(payload), where)
            elif isinstance(payload, MSGFile):
                if rel + 1 > levels:
                    emit.skip("deep", where, name)
                else:
                    walk(payload, rel + 1, name)
            elif getattr(att, "type", None) == AttachmentType.WEB:
                emit.skip("link", where, name)
            else:
                emit.skip("broken", where, name)

    msg = extract_msg.openMsg(data, strict=False, delayAttachments=True,
                              errorBehavior=ErrorBehavior.SUPPRESS_ALL)
    try:
        walk(msg, 1, "")
    finally:
        msg.close()


def _child_tnef(data: bytes, levels: int, emit: _Emitter) -> None:
    import tnefparse

    def walk(bundle: tnefparse.TNEF, rel: int, where: str) -> None:
        for index, att in enumerate(bundle.attachments, 1):
            try:
                name = _text(att.long_filename()) or _text(att._name)
            except Exception:  # noqa: BLE001 - names in a code page other than UTF-8
                name = _text(getattr(att, "_name", b""))
            if not name:  # an attached item is named by its display name (PR_DISPLAY_NAME)
                name = next((_text(a.data) for a in att.mapi_attrs if a.name == 0x3001), "")
            name = name or f"attachment-{index}"
            embedded = getattr(att, "embed", None)
            if embedded is not None:
                if rel + 1 > levels:
                    emit.skip("deep", where, name)
                else:
                    walk(embedded, rel + 1, name)
            elif isinstance(att.data, (bytes, bytearray)) and att.data:
                emit.file(rel, name, "", bytes(att.data), where)
            else:
                emit.skip("broken", where, name)

    walk(tnefparse.TNEF(data, do_checksum=False), 1, "")


def child_main(argv: list[str]) -> int:
    """The child process: read one Outlook item or winmail.dat from stdin, write records to stdout."""
    kind, levels, files_left, bytes_left, max_file, memory_mb = argv[0], *map(int, argv[1:6])
    enter_child(memory_mb)  # memory cap, bare environment, no logging (chatter could quote the content)
    data = sys.stdin.buffer.read()
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything a library prints goes to stderr, not into the records
    emit = _Emitter(out, files_left, bytes_left, max_file)
    try:
        (_child_msg if kind == "msg" else _child_tnef)(data, levels, emit)
    except Exception:  # noqa: BLE001 - anything the libraries raise means the item could not be read
        emit.end(b"X")
        return 0
    emit.end(b"E")
    return 0
