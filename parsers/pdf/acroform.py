"""The AcroForm field tree of a PDF: every terminal field with its widgets, and the states of its buttons.

Used by the PDF reader (parsers.pdf.reader) to read values, by the widget placer (parsers.pdf.widgets)
to find each widget on its page, and by the form filler (generators.forms.pdf_fill) to fill the
service's own form. The tree comes from outside: it is walked by hand, loops and all.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pypdf.generic import ArrayObject, DictionaryObject

MAX_FIELDS = 5000
MAX_DEPTH = 32


@dataclass
class PdfField:
    """One terminal form field: its fully qualified name, its dictionary and its widgets."""
    name: str
    node: DictionaryObject
    widgets: list[DictionaryObject] = field(default_factory=list)
    ftype: str | None = None
    flags: int = 0


def _dicts(array: Any) -> list[DictionaryObject]:
    """The dictionaries in a (possibly indirect) array; anything else in it is damage to skip."""
    array = array.get_object() if array is not None else None
    if not isinstance(array, ArrayObject):
        return []
    resolved = (item.get_object() for item in array)
    return [item for item in resolved if isinstance(item, DictionaryObject)]


def _int(value: Any, default: int) -> int:
    try:
        return int(value.get_object() if value is not None else default)
    except (TypeError, ValueError):
        return default


def walk_fields(acroform: DictionaryObject) -> Iterator[PdfField]:
    """Every terminal field under /AcroForm /Fields, with /FT and /Ff inherited from parents.

    Walked by hand (not pypdf's get_fields) to keep the widgets, to survive loops in a
    malformed tree, and to stop after MAX_FIELDS.
    """
    seen: set[int] = set()
    count = 0
    stack: list[tuple[DictionaryObject, str, str | None, int, int]] = [
        (f, "", None, 0, 0) for f in reversed(_dicts(acroform.get("/Fields")))]
    while stack and count < MAX_FIELDS:
        node, prefix, ftype, flags, depth = stack.pop()
        if id(node) in seen or depth > MAX_DEPTH:
            continue
        seen.add(id(node))
        partial = node.get("/T")
        name = f"{prefix}.{partial}" if prefix and partial is not None else str(partial or prefix)
        ftype = str(node["/FT"]) if "/FT" in node else ftype
        flags = _int(node.get("/Ff"), flags)
        kids = _dicts(node.get("/Kids"))
        sub_fields = [kid for kid in kids if "/T" in kid]
        if sub_fields:
            stack.extend((kid, name, ftype, flags, depth + 1) for kid in reversed(sub_fields))
        elif name:
            count += 1
            yield PdfField(name, node, kids or [node], ftype, flags)


def state_name(value: Any) -> str | None:
    """A button state as text without the leading slash; None for /Off or nothing."""
    if value is None:
        return None
    text = str(value)
    text = text.removeprefix("/")
    return None if text in ("", "Off") else text


def on_states(widget: DictionaryObject) -> list[str]:
    appearances = widget.get("/AP")
    normal = appearances.get("/N") if isinstance(appearances, DictionaryObject) else None
    if not isinstance(normal, DictionaryObject):
        return []
    return [state for state in (state_name(key) for key in normal) if state]
