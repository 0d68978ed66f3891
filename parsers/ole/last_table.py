"""A .doc whose last table LibreOffice's import flattened, rebuilt from the text stored in the file.

A Word 97-2003 file always ends with a paragraph after its last table; a .doc written without one (what
LibreOffice writes when it saves as .doc a .docx that ends on a table) is opened by LibreOffice with that
table's cells run together ("Safe contact number0117 496 0855Is this number safe to call?Y /"), where
nothing can be told apart. The stored text still marks every cell's and row's end, so the table is built
again, each cell taking the runs and fields that show its text (a bold label stays bold, a struck-out option
struck, a check box ticked). When the rows cannot be told, each cell becomes a line instead, and the reader
takes label and answer line by line, as it does on a form typed as lines.
"""
from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from ..docx.text import w
from .doc_text import StoredParagraph

CELL_END = "\x07"
_INVISIBLE = re.compile(r"[\s\x00-\x1f]")
_TEXT_PARTS = {w("t"): None, w("tab"): "\t", w("br"): "\n", w("rPr"): ""}
Flattened = tuple[etree._Element, list[StoredParagraph]]  # a glued paragraph and the stored ones it holds


def restore_last_table(docx: bytes, stored: list[StoredParagraph] | None) -> bytes | None:
    """The converted .docx with a flattened last table built again, or None when there is nothing to restore
    (the file ends with a paragraph, as Word writes it, or the stored and converted texts do not agree)."""
    if not stored or stored[-1].end != CELL_END:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
        root = etree.fromstring(parts["word/document.xml"], etree.XMLParser(resolve_entities=False, no_network=True))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return None  # the converted file is read as it is (and repaired there if it can be)
    body = root.find(w("body"))
    flattened = _flattened(body, stored) if body is not None else []
    if not flattened:
        return None
    table = [pair for pair in flattened if all(p.in_table and not p.nested for p in pair[1])]
    if not (table and table == flattened[-len(table):] and _as_table(table)):
        for paragraph, held in flattened:
            _as_lines(paragraph, [p.text for p in held])
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _flattened(body: etree._Element, stored: list[StoredParagraph]) -> list[Flattened]:
    """The paragraphs after the document's last table that hold table cells, each with the stored paragraphs
    it holds (LibreOffice ends a paragraph only where the stored text has "\r"); matched from the end."""
    groups: list[list[StoredParagraph]] = [[]]
    for paragraph in stored:
        groups[-1].append(paragraph)
        if paragraph.end == "\r":
            groups.append([])
    groups = [group for group in groups if group]
    found: list[Flattened] = []
    for paragraph in reversed(_after_last_table(body)):
        text = _INVISIBLE.sub("", _text(paragraph))
        if not groups:
            break
        held = "".join(p.text for p in groups[-1])
        if not text and _INVISIBLE.sub("", held):
            continue  # an empty paragraph LibreOffice added: no stored text of its own
        if text != _INVISIBLE.sub("", held):
            break  # the texts part ways: leave the rest as it was read
        group = groups.pop()
        if any(p.end == CELL_END or p.in_table for p in group):  # cells, or a cell's first lines
            found.insert(0, (paragraph, group))
        elif found:
            break  # a paragraph of its own before the table
    return found


def _as_table(flattened: list[Flattened]) -> bool:
    """Build the table in place of its glued paragraphs; False (nothing changed) when a run or field straddles
    two cells or the rows cannot be told."""
    units = [p for _, held in flattened for p in held]
    placed = _place([atom for paragraph, _ in flattened for atom in _atoms(paragraph)],
                    [p.text.replace("\x0b", "\n") for p in units if not p.row_end])
    if placed is None or not units[-1].row_end:
        return False
    table = etree.Element(w("tbl"))
    etree.SubElement(table, w("tblPr"))
    row, cell = etree.Element(w("tr")), etree.Element(w("tc"))
    contents = iter(placed)
    for unit in units:
        if unit.row_end:
            table.append(row)
            row = etree.Element(w("tr"))
            continue
        paragraph = etree.SubElement(cell, w("p"))
        paragraph.extend(next(contents))
        if unit.end == CELL_END:
            row.append(cell)
            cell = etree.Element(w("tc"))
    first = flattened[0][0]
    first.addprevious(table)
    for paragraph, _ in flattened:
        paragraph.getparent().remove(paragraph)
    return True


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


def _as_lines(paragraph: etree._Element, boxes: list[str]) -> None:
    """One paragraph per box, in place of the glued one, each taking the runs and fields that show its text;
    the boxes' text alone when a run or field straddles two boxes."""
    boxes = [box.replace("\x0b", "\n") for box in boxes]
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
