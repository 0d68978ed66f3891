"""A .doc whose last table LibreOffice's import flattened, its boxes put back as lines.

A Word 97-2003 file always ends with a paragraph after its last table; a .doc written without one (what
LibreOffice writes when it saves as .doc a .docx that ends on a table) is opened by LibreOffice with that
table's cells run together in one paragraph ("Safe contact number0117 496 0855Is this number safe to
call?Y /"), where nothing can be told apart. The stored text still marks every cell's end, so each glued
paragraph is split back into one paragraph per box, keeping each run's formatting (a bold label stays
bold): the reader then takes label and answer line by line, as it does on a form typed as lines.
"""
from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from ..docx.text import w

CELL_END = "\x07"
_INVISIBLE = re.compile(r"[\s\x00-\x1f]")
_TEXT_PARTS = {w("t"): None, w("tab"): "\t", w("br"): "\n", w("rPr"): ""}


def restore_last_table(docx: bytes, stored: str | None) -> bytes | None:
    """The converted .docx with a flattened last table's boxes as paragraphs, or None when there is nothing
    to restore (the file ends with a paragraph, as Word writes it, or the two texts do not agree)."""
    if not stored or not stored.endswith(CELL_END):
        return None
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(w("body"))
    if body is None:
        return None
    segments = stored.split("\r")
    restored = False
    for paragraph in reversed(_after_last_table(body)):
        text = _text(paragraph)
        if not segments:
            break
        if not _INVISIBLE.sub("", text) and _INVISIBLE.sub("", segments[-1]):
            continue  # an empty paragraph LibreOffice added: no stored text of its own
        segment = segments.pop()
        if _INVISIBLE.sub("", text) != _INVISIBLE.sub("", segment):
            break  # the texts part ways: leave the rest as it was read
        if CELL_END in segment:
            _split(paragraph, segment)
            restored = True
    if not restored:
        return None
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _after_last_table(body: etree._Element) -> list[etree._Element]:
    found: list[etree._Element] = []
    for child in body:
        if child.tag == w("tbl"):
            found = []
        elif child.tag == w("p"):
            found.append(child)
    return found


def _text(paragraph: etree._Element) -> str:
    out = []
    for run in paragraph.iter(w("r")):
        for part in run:
            if part.tag == w("t"):
                out.append(part.text or "")
            elif shown := _TEXT_PARTS.get(part.tag):
                out.append(shown)
    return "".join(out)


@dataclass
class _Atom:
    """What cannot be parted: a run, or a field from its start to its end (a check box, a text field)."""
    elements: list[etree._Element]
    text: str


def _atoms(paragraph: etree._Element) -> list[_Atom]:
    atoms: list[_Atom] = []
    open_fields = 0
    for child in paragraph:
        if child.tag == w("pPr"):
            continue
        kinds = [c.get(w("fldCharType")) for c in child.iter(w("fldChar"))]
        if open_fields:
            atoms[-1].elements.append(child)
            atoms[-1].text += _text(child)
        else:
            atoms.append(_Atom([child], _text(child)))
        open_fields = max(0, open_fields + kinds.count("begin") - kinds.count("end"))
    return atoms


def _split(paragraph: etree._Element, segment: str) -> None:
    """One paragraph per box, in place of the glued one, each taking the runs and fields that show its text
    (so a bold label stays bold, a struck-out option struck, a check box ticked); the boxes' text alone when
    a run or field straddles two boxes."""
    boxes = [box.replace("\x0b", "\n") for box in segment.split(CELL_END)]
    placed = _place(_atoms(paragraph), boxes)
    anchor = paragraph
    for index, box in enumerate(boxes):
        content = placed[index] if placed is not None else ([_run(None, box)] if box.strip() else [])
        if not content or (placed is not None and not box.strip() and not _has_mark(content)):
            continue  # an empty box, or a row's end
        new = etree.Element(w("p"))
        if (props := paragraph.find(w("pPr"))) is not None:
            new.append(copy.deepcopy(props))
        new.extend(content)
        anchor.addnext(new)
        anchor = new
    paragraph.getparent().remove(paragraph)


def _has_mark(elements: list[etree._Element]) -> bool:
    return any(True for element in elements for _ in element.iter(w("fldChar"), w("sym"), w("sdt")))


def _place(atoms: list[_Atom], boxes: list[str]) -> list[list[etree._Element]] | None:
    """Each box's elements, or None when an atom that cannot be cut straddles two boxes."""
    placed: list[list[etree._Element]] = [[] for _ in boxes]
    box, room = 0, len(boxes[0])
    for atom in atoms:
        text = atom.text
        if not text:
            if room == 0 and box + 1 < len(boxes) and not boxes[box + 1].strip():
                box, room = box + 1, 0  # "Question" then a box holding only a check box
            placed[box].extend(atom.elements)
            continue
        while text:
            while room == 0 and box + 1 < len(boxes):
                box, room = box + 1, len(boxes[box + 1])
            if len(text) <= room or box + 1 == len(boxes):
                placed[box].extend(atom.elements)
                room = max(0, room - len(text))
                break
            if len(atom.elements) != 1 or atom.elements[0].tag != w("r"):
                return None
            head, tail = _cut(atom.elements[0], room)
            placed[box].append(head)
            atom, text, room = _Atom([tail], text[room:]), text[room:], 0
    return placed


def _cut(run: etree._Element, at: int) -> tuple[etree._Element, etree._Element]:
    """A run as two: its first `at` characters and the rest, each with the run's formatting."""
    props, text = run.find(w("rPr")), _text(run)
    return _run(props, text[:at]), _run(props, text[at:])


def _run(props: etree._Element | None, text: str) -> etree._Element:
    run = etree.Element(w("r"))
    if props is not None:
        run.append(copy.deepcopy(props))
    for i, line in enumerate(text.split("\n")):
        if i:
            etree.SubElement(run, w("br"))
        t = etree.SubElement(run, w("t"))
        t.text = line
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run
