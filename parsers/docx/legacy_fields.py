"""Legacy Word form fields (FORMTEXT, FORMCHECKBOX, FORMDROPDOWN), as Word 97-2003 forms and many
current local forms still use: each field's name, kind and value, and the 'begin' mark it starts at.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..model import RawValue
from .text import RUN_CHARS as _RUN_CHARS
from .text import child_val as _child_val
from .text import on as _on
from .text import w as _w


@dataclass
class Legacy:
    name: str
    kind: str  # text, checkbox, dropdown, other
    value: RawValue = None
    in_result: bool = False
    text: list[str] = field(default_factory=list)
    begin: etree._Element | None = None  # the field's 'begin' mark, where a tick box is drawn


def _legacy_field(ff_data: etree._Element | None) -> Legacy:
    if ff_data is None:
        return Legacy("", "other")  # PAGE, HYPERLINK...: tracked only to pair begin and end
    name = _child_val(ff_data, "name").strip()
    box = ff_data.find(_w("checkBox"))
    if box is not None:
        checked = box.find(_w("checked"))
        ticked = _on(checked) if checked is not None else _on(box.find(_w("default")))
        return Legacy(name, "checkbox", ticked)
    options = ff_data.find(_w("ddList"))
    if options is not None:
        return Legacy(name, "dropdown", _dropdown_value(options))
    return Legacy(name, "text")


def _dropdown_value(options: etree._Element) -> str | None:
    entries = [e.get(_w("val"), "") for e in options.findall(_w("listEntry"))]
    raw_index = _child_val(options, "result") or _child_val(options, "default") or "0"
    index = int(raw_index) if raw_index.isdecimal() else 0
    return entries[index] if index < len(entries) and entries[index].strip() else None


def legacy_fields(root: etree._Element) -> list[Legacy]:
    """Form fields in document order; a field's text is the runs between 'separate' and 'end'."""
    found: list[Legacy] = []
    open_fields: list[Legacy] = []
    for element in root.iter(_w("fldChar"), _w("t"), _w("p"), *_RUN_CHARS):
        collecting = [f for f in open_fields if f.in_result]
        if element.tag == _w("fldChar"):
            _field_char(element, open_fields, found)
        elif element.tag == _w("t"):
            for open_field in collecting:
                open_field.text.append(element.text or "")
        elif element.tag == _w("p"):
            for open_field in collecting:
                open_field.text.append("\n")
        elif element.getparent().tag == _w("r"):
            for open_field in collecting:
                open_field.text.append(_RUN_CHARS[element.tag])
    return found


def _field_char(element: etree._Element, open_fields: list[Legacy], found: list[Legacy]) -> None:
    kind = element.get(_w("fldCharType"))
    if kind == "begin":
        opened = _legacy_field(element.find(_w("ffData")))
        opened.begin = element
        open_fields.append(opened)
    elif kind == "separate" and open_fields:
        open_fields[-1].in_result = True
    elif kind == "end" and open_fields:
        done = open_fields.pop()
        if done.kind == "text":
            text = "".join(done.text).strip("\n")
            # Word fills an untouched text field with five en spaces; strip() treats them as blank.
            done.value = text if text.strip() else None
        if done.kind != "other":
            found.append(done)
