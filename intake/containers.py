"""Files packed inside other files: zip archives, Outlook items (.msg) and winmail.dat (TNEF).

Each container is opened with limits on depth, count and size, and whatever is refused or left out
becomes one plain sentence for the coordinator (it ends up in the desk folder's README).

Zips are opened here with the standard library: every size is checked from the central directory
before a byte is unpacked, and zipfile never unpacks more than the size it declared (a lie there is
a CRC error). Outlook items and winmail.dat are read by extract-msg and tnefparse in a child process
with a time and memory limit, because neither library is written for hostile input: a 60-byte
winmail.dat that claims four billion properties keeps tnefparse busy for hours.
"""
from __future__ import annotations

import io
import mimetypes
import os
import re
import struct
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TNEF_MAGIC = b"\x78\x9f\x3e\x22"  # 0x223E9F78, little-endian
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
OTHER_ARCHIVE_MAGICS = (b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07")
MSG_MARKER = "__properties_version1.0".encode("utf-16-le")  # a stream only Outlook items have
WORD_MARKER = "WordDocument".encode("utf-16-le")
TNEF_TYPES = {"application/ms-tnef", "application/vnd.ms-tnef"}
MSG_TYPES = {"application/vnd.ms-outlook", "application/x-msg"}
ZIP_TYPES = {"application/zip", "application/x-zip-compressed", "application/x-zip"}
DOCUMENT_SUFFIXES = (".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".pptx", ".odt", ".ods")
JUNK = re.compile(r"(^|/)(__MACOSX/|\._[^/]*$|\.DS_Store$|Thumbs\.db$|desktop\.ini$)", re.IGNORECASE)
BOMB_FLOOR = 1_000_000  # below this a high ratio (a page of blanks) is harmless


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


class Refused(Exception):
    """The container was not opened; `sentence` says why, for the coordinator."""

    def __init__(self, sentence: str) -> None:
        super().__init__(sentence)
        self.sentence = sentence


@dataclass
class Budget:
    """What one message may still unpack, shared by all its containers."""
    limits: Limits
    files: int = 0
    bytes: int = 0
    containers: int = 0
    seconds: float = 0.0

    def room(self, size: int) -> bool:
        return self.files < self.limits.max_files and self.bytes + size <= self.limits.max_total_bytes

    def take(self, size: int) -> None:
        self.files += 1
        self.bytes += size


def printable(name: str, limit: int = 80) -> str:
    """A file name fit to quote to a person: no control characters, not too long."""
    clean = re.sub(r"[\x00-\x1f\x7f]", "?", name)
    return clean if len(clean) <= limit else clean[: limit - 3] + "..."


def content_type_of(name: str) -> str:
    return mimetypes.guess_type(name, strict=False)[0] or "application/octet-stream"


def _is_document(name: str, data: bytes) -> bool:
    """Word, Excel and OpenDocument files are zips too, but they are documents, not containers."""
    if name.lower().endswith(DOCUMENT_SUFFIXES):
        return True
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except Exception:  # noqa: BLE001 - a damaged zip is reported when it is opened
        return b"word/" in data[:65536]
    return "[Content_Types].xml" in names or (bool(names) and names[0] == "mimetype")


def kind_of(name: str, content_type: str, data: bytes) -> str | None:
    """'zip', 'msg', 'tnef', 'archive' (a kind not opened), 'eml', or None for a plain file."""
    lower = name.lower()
    if data[:4] == TNEF_MAGIC or content_type in TNEF_TYPES or lower == "winmail.dat":
        return "tnef"
    if data[:8] == OLE_MAGIC:  # a legacy .doc form, or an Outlook item
        if lower.endswith(".msg"):
            return "msg"
        if MSG_MARKER in data and (content_type in MSG_TYPES or WORD_MARKER not in data):
            return "msg"
        return None
    if data[:4] in ZIP_MAGICS or lower.endswith(".zip") or content_type in ZIP_TYPES:
        return None if _is_document(name, data) else "zip"
    if data[:6] in OTHER_ARCHIVE_MAGICS or lower.endswith((".7z", ".rar")):
        return "archive"
    if lower.endswith(".eml") or content_type == "message/rfc822":
        return "eml"
    return None


def label(kind: str, name: str) -> str:
    shown = printable(name)
    return {"zip": f"the zip file '{shown}'", "msg": f"the Outlook item '{shown}'",
            "tnef": f"the Outlook attachment bundle '{shown}'", "eml": f"the attached email '{shown}'",
            }.get(kind, f"'{shown}'")


def unpack(kind: str, name: str, data: bytes, depth: int, zips: int,
           budget: Budget) -> tuple[list[Packed], list[str]]:
    """The files inside a container and a sentence for each thing inside that was left out.

    Raises Refused when the container as a whole is not opened.
    """
    what = label(kind, name)
    if kind == "archive":
        raise Refused(f"{what} is a 7-Zip or RAR archive, which the service does not open: open it by hand, "
                      "or ask the referrer to attach the form itself")
    admit(what, depth, budget)
    if kind == "zip":
        return _unpack_zip(what, data, depth, zips, budget)
    if kind in ("msg", "tnef"):
        return _unpack_in_child(kind, what, data, depth, zips, budget)
    raise Refused(f"{what} is of a kind the service does not open")


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


# -- zip ------------------------------------------------------------------------------------------

def _unsafe_path(path: str) -> bool:
    path = path.replace("\\", "/")
    return path.startswith("/") or bool(re.match(r"[A-Za-z]:", path)) or ".." in path.split("/")


def _unpack_zip(what: str, data: bytes, depth: int, zips: int, budget: Budget) -> tuple[list[Packed], list[str]]:
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


# -- Outlook items and winmail.dat, read in a child process ---------------------------------------
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


def _unpack_in_child(kind: str, what: str, data: bytes, depth: int, zips: int,
                     budget: Budget) -> tuple[list[Packed], list[str]]:
    limits = budget.limits
    args = [sys.executable, "-m", "intake.containers", kind, str(limits.max_depth - depth),
            str(limits.max_files - budget.files), str(limits.max_total_bytes - budget.bytes),
            str(limits.max_file_bytes), str(limits.memory_mb)]
    root = str(Path(__file__).resolve().parents[1])
    # A bare environment: the service's secrets live in environment variables, and the child reads
    # hostile bytes.
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8",
           "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
    allowed = min(limits.seconds, limits.total_seconds - budget.seconds)
    if allowed <= 0:
        raise Refused(f"{what} was not opened: reading the other Outlook items in this message already took "
                      f"the {_seconds(limits.total_seconds)} allowed")
    started = time.monotonic()
    try:
        done = subprocess.run(args, input=data, capture_output=True, timeout=allowed, env=env, cwd=root,
                              check=False)
    except subprocess.TimeoutExpired:
        raise Refused(f"reading {what} took longer than {_seconds(allowed)}, so it was stopped and the "
                      "files inside it were not read; it may be damaged or deliberately oversized") from None
    except OSError:
        raise Refused(f"{what} could not be opened (the reader could not be started)") from None
    finally:
        budget.seconds += time.monotonic() - started
    try:
        records, finished = _read_records(done.stdout)
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


def _seconds(value: float) -> str:
    whole = max(1, round(value))
    return "1 second" if whole == 1 else f"{whole} seconds"


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


def _child(argv: list[str]) -> int:
    import logging
    import resource
    kind, levels, files_left, bytes_left, max_file, memory_mb = argv[0], *map(int, argv[1:6])
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    logging.disable(logging.CRITICAL)  # library chatter could quote the content
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


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
