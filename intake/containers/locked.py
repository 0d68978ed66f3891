"""Password-protected files: Word and Excel files (msoffcrypto-tool), PDFs (pypdf) and 7-Zip archives
(py7zr), opened with the passwords the service was given for the sender, tried in turn.

They are opened in a child process with a time and memory limit, like Outlook items (outlook.py),
because none of these libraries is written for hostile input: a 7z can ask for a dictionary of
gigabytes, and pypdf rewrites a whole PDF. The passwords go to the child on its standard input, never
on its command line (which any user of the machine can read), and never into a sentence or a log.

A 7z archive is checked from its listing (read after the headers are decrypted) before a byte is
unpacked: entries, declared sizes, the ratio to its own size, paths; py7zr never writes more than an
entry declared, and the total is capped again while unpacking. A PDF with only an owner password (it
opens with the empty user password) is not locked: it is read as any PDF.

What was opened is marked private (`Packed.private`): read, never kept on disk nor passed on; the file
as the referrer sent it is what the IDVA copy and the desk carry.
"""
from __future__ import annotations

import io
import os
import re
import struct
import sys

from parsers.child_limits import enter_child

from .child import run_in_child
from .limits import Budget, Locked, Packed, Refused
from .sniffing import OLE_MAGIC, content_type_of, printable

SEVEN_ZIP_MAGIC = b"7z\xbc\xaf\x27\x1c"
# Word, Excel and PowerPoint files saved with a password are an OLE file holding these two streams.
OFFICE_MARKERS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
WORD_MARKER = "WordDocument".encode("utf-16-le")  # a Word 97-2003 .doc
FIB_MAGIC = b"\xec\xa5"  # the start of a .doc's header (FIB), whose byte 11 bit 0 is fEncrypted
BOMB_FLOOR = 1_000_000  # below this a high ratio (a page of blanks) is harmless

REFUSED = {
    "count": "{what} holds more entries than the {files} files the service takes from one message, so it was "
             "not opened",
    "bomb": "{what} would unpack to far more than its own size (an 'archive bomb'), so it was not opened",
    "size": "{what} would unpack to more than the {mb} MB the service takes from one message, so it was not "
            "opened",
    "big": "{what}, once opened, is larger than {file_mb} MB, so it was not taken",
}
SKIPPED = {
    "path": "a file in {what} has a path that points outside the archive ('{name}'), so it was not taken",
    "big": "'{name}' in {what} is larger than {file_mb} MB, so it was not taken",
    "full": "{what} holds more than the service takes from one message, so '{name}' was not taken",
    "broken": "'{name}' in {what} could not be unpacked (it may be damaged)",
}


def lock_of(data: bytes) -> str | None:
    """'office' or 'pdf' when the file looks password-protected (the child makes sure), else None."""
    if data[:8] == OLE_MAGIC and all(marker in data for marker in OFFICE_MARKERS):
        return "office"
    if data[:8] == OLE_MAGIC and WORD_MARKER in data and _word_encrypted(data):
        return "office"
    if b"%PDF-" in data[:1024] and b"/Encrypt" in data:
        return "pdf"
    return None


def _word_encrypted(data: bytes) -> bool:
    """A .doc's fEncrypted bit, looked for at each sector's start rather than by parsing the file here:
    the child makes sure, so a stray match costs a look, never a wrong answer."""
    return any(data[i:i + 2] == FIB_MAGIC and data[i + 11] & 0x01 for i in range(512, len(data) - 12, 512))


def is_seven_zip(name: str, data: bytes) -> bool:
    return data[:6] == SEVEN_ZIP_MAGIC or (not data.startswith(b"Rar!") and name.lower().endswith(".7z"))


def locked_sentence(what: str, tried: int) -> str:
    if tried:
        return (f"{what} is password-protected, and none of the passwords set for the sender's agency opened "
                "it, so it could not be read")
    return f"{what} is password-protected, and no password is set for the sender's agency, so it could not be read"


def open_document(kind: str, name: str, data: bytes, depth: int, zips: int, budget: Budget) -> Packed | None:
    """The readable copy of a password-protected Word, Excel or PDF file; None when it needs no
    password after all (a PDF with only an owner password). Raises Locked or Refused."""
    what = f"'{printable(name)}'"
    found, notes = _in_child(kind, what, data, depth, zips, budget, name)
    if found is None:
        return None
    if notes or not found:
        raise Refused(notes[0] if notes else f"{what} could not be opened (it may be damaged)")
    return found[0]


def unpack_seven_zip(what: str, data: bytes, depth: int, zips: int, budget: Budget) -> tuple[list[Packed], list[str]]:
    """The files in a 7z archive, with or without a password (headers encrypted or not)."""
    limits = budget.limits
    if zips >= limits.max_zip_depth:
        raise Refused(f"{what} is inside {zips} other archives, deeper than the service opens "
                      f"({limits.max_zip_depth}), so it was not opened")
    found, notes = _in_child("7z", what, data, depth, zips, budget, "")
    return found or [], notes


def _chunk(piece: bytes) -> bytes:
    return struct.pack("<Q", len(piece)) + piece


def _in_child(kind: str, what: str, data: bytes, depth: int, zips: int, budget: Budget,
              name: str) -> tuple[list[Packed] | None, list[str]]:
    limits = budget.limits
    stdin = struct.pack("<I", len(budget.passwords)) + b"".join(
        _chunk(p.encode("utf-8")) for p in budget.passwords) + data
    out = run_in_child(["intake.containers.locked", kind, str(limits.max_files - budget.files),
                        str(limits.max_total_bytes - budget.bytes), str(limits.max_file_bytes), str(limits.max_ratio),
                        str(limits.memory_mb)], stdin, what, budget,
                       spent="{what} was not opened: reading the other files in this message already took the "
                             "{seconds} allowed",
                       slow="opening {what} took longer than {seconds}, so it was stopped; it may be damaged or "
                            "deliberately oversized")
    try:
        records, end = _read(out)
    except (ValueError, struct.error, UnicodeDecodeError):
        records, end = [], b"X"
    sizes = {"what": what, "files": limits.max_files, "mb": limits.max_total_bytes // 1_000_000,
             "file_mb": limits.max_file_bytes // 1_000_000}
    if end == b"N":
        return None, []
    if end == b"L":
        raise Locked(locked_sentence(what, len(budget.passwords)))
    if end[:1] == b"R":
        raise Refused(REFUSED.get(end[1:].decode(), REFUSED["size"]).format(**sizes))
    if end not in (b"E", b"O"):
        raise Refused(f"{what} could not be opened (it may be damaged)")
    found: list[Packed] = []
    notes: list[str] = []
    for tag, first, second in records:
        if tag == "S":
            shown = printable(second.decode("utf-8", "replace"))
            notes.append(SKIPPED.get(first, SKIPPED["broken"]).format(name=shown, **sizes))
            continue
        base = (first or name).replace("\\", "/").rsplit("/", 1)[-1]
        if not budget.room(len(second)) or len(second) > limits.max_file_bytes:
            notes.append(SKIPPED["full"].format(name=printable(base), **sizes))
            continue
        budget.take(len(second))
        inner = zips + 1 if kind == "7z" else zips
        found.append(Packed(base, content_type_of(base), second, depth + (kind == "7z"), inner,
                            private=end == b"E"))
    return found, notes


def _read(out: bytes) -> tuple[list[tuple[str, str, bytes]], bytes]:
    """The child's records: b"F" name data (a file), b"S" code name (one left out), then the end: b"E"
    opened with a password, b"O" opened without one (a plain 7z), b"N" needs no password, b"L" no
    password opened it, b"R" + code refused, b"X" damaged."""
    records: list[tuple[str, str, bytes]] = []
    pos = 0

    def chunk() -> bytes:
        nonlocal pos
        (size,) = struct.unpack_from("<Q", out, pos)
        pos += 8
        if pos + size > len(out):
            raise ValueError("truncated record")
        piece = out[pos: pos + size]
        pos += size
        return piece

    while pos < len(out):
        tag = out[pos: pos + 1]
        pos += 1
        if tag == b"F":
            records.append(("F", chunk().decode(), chunk()))
        elif tag == b"S":
            records.append(("S", chunk().decode(), chunk()))
        else:
            return records, tag + out[pos:pos + 8].rstrip(b"\0")
    return records, b"X"


# The child's side, run as `python -m intake.containers.locked KIND FILES BYTES MAX_FILE RATIO MEMORY_MB`.

class _Out:
    def __init__(self, stream: io.BufferedWriter) -> None:
        self.stream = stream

    def file(self, name: str, data: bytes) -> None:
        self.stream.write(b"F" + _chunk(name.encode("utf-8", "replace")) + _chunk(data))

    def skip(self, code: str, name: str) -> None:
        self.stream.write(b"S" + _chunk(code.encode()) + _chunk(name.encode("utf-8", "replace")))

    def end(self, tag: bytes) -> None:
        self.stream.write(tag)
        self.stream.flush()


def _office(data: bytes, passwords: list[str], max_file: int, out: _Out) -> bytes:
    import msoffcrypto

    if not msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted():
        return b"N"
    for password in passwords:
        try:
            office = msoffcrypto.OfficeFile(io.BytesIO(data))
            try:
                office.load_key(password=password, verify_password=True)
            except TypeError:  # the Word 97 and Excel 97 formats check the password as they decrypt
                office.load_key(password=password)
            opened = io.BytesIO()
            try:
                office.decrypt(opened, verify_integrity=True)
            except TypeError:
                office.decrypt(opened)
        except Exception:  # noqa: BLE001, S112 - a wrong password fails in many ways; try the next
            continue
        if opened.tell() > max_file:
            return b"Rbig"
        out.file("", opened.getvalue())
        return b"E"
    return b"L"


def _pdf(data: bytes, passwords: list[str], max_file: int, out: _Out) -> bytes:
    from pypdf import PasswordType, PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(data))
    if not reader.is_encrypted or reader.decrypt("") != PasswordType.NOT_DECRYPTED:
        return b"N"  # no password, or an owner password only: the readers open it as it is
    for password in passwords:
        reader = PdfReader(io.BytesIO(data))
        try:
            if reader.decrypt(password) == PasswordType.NOT_DECRYPTED:
                continue
        except Exception:  # noqa: BLE001, S112
            continue
        opened = io.BytesIO()
        PdfWriter(clone_from=reader).write(opened)  # the same document, written without encryption
        if opened.tell() > max_file:
            return b"Rbig"
        out.file("", opened.getvalue())
        return b"E"
    return b"L"


def _unsafe_path(path: str) -> bool:
    path = path.replace("\\", "/")
    return path.startswith("/") or bool(re.match(r"[A-Za-z]:", path)) or ".." in path.split("/")


def _seven_zip(data: bytes, passwords: list[str], limits: list[int], out: _Out) -> bytes:
    import py7zr
    from py7zr.exceptions import PasswordRequired
    from py7zr.io import BytesIOFactory

    files_left, bytes_left, max_file, ratio = limits
    try:
        with py7zr.SevenZipFile(io.BytesIO(data)) as archive:
            needs = archive.needs_password()
    except PasswordRequired:
        needs = True  # the listing itself is encrypted
    for password in (passwords if needs else [None]):
        try:
            with py7zr.SevenZipFile(io.BytesIO(data), password=password) as archive:
                entries = [e for e in archive.list() if not e.is_directory]
        except Exception:  # noqa: BLE001, S112 - a wrong password for encrypted headers
            continue
        declared = sum(e.uncompressed for e in entries)
        if len(entries) > files_left:
            return b"Rcount"
        if declared > BOMB_FLOOR and declared > ratio * len(data):
            return b"Rbomb"
        if declared > bytes_left:
            return b"Rsize"
        wanted, skipped = [], []
        for entry in entries:
            if _unsafe_path(entry.filename):
                skipped.append(("path", entry.filename))
            elif entry.uncompressed > max_file:
                skipped.append(("big", entry.filename))
            else:
                wanted.append(entry)
        factory = BytesIOFactory(max_file + 1)
        try:
            with py7zr.SevenZipFile(io.BytesIO(data), password=password, max_extract_size=declared) as archive:
                archive.extract(targets=[e.filename for e in wanted], factory=factory)
        except Exception:  # noqa: BLE001 - a wrong password shows as a damaged stream
            if needs:
                continue
            return b"X"
        for code, name in skipped:
            out.skip(code, name)
        for entry in wanted:
            product = factory.products.get(entry.filename)
            if product is None or product.size() != entry.uncompressed:
                out.skip("broken", entry.filename)
                continue
            product.seek(0)
            out.file(entry.filename, product.read())
        return b"E" if needs else b"O"
    return b"L"


def child_main(argv: list[str]) -> int:
    kind, (files_left, bytes_left, max_file, ratio, memory_mb) = argv[0], map(int, argv[1:6])
    enter_child(memory_mb)  # memory cap, bare environment, no logging (chatter could quote the content)
    stdin = sys.stdin.buffer.read()
    (count,) = struct.unpack_from("<I", stdin, 0)
    pos, passwords = 4, []
    for _ in range(count):
        (size,) = struct.unpack_from("<Q", stdin, pos)
        passwords.append(stdin[pos + 8: pos + 8 + size].decode("utf-8"))
        pos += 8 + size
    data = stdin[pos:]
    out = _Out(os.fdopen(os.dup(1), "wb"))
    os.dup2(2, 1)  # anything a library prints goes to stderr, not into the records
    try:
        if kind == "7z":
            end = _seven_zip(data, passwords, [files_left, bytes_left, max_file, ratio], out)
        else:
            end = (_office if kind == "office" else _pdf)(data, passwords, max_file, out)
    except Exception:  # noqa: BLE001 - anything the libraries raise means the file could not be read
        end = b"X"
    out.end(end)
    return 0


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))
