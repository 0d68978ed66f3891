"""Fill the service's own PDF form the way a PDF viewer does, for tests and for examples.

Text goes through pypdf's update_page_form_field_values (which draws an appearance and sets
NeedAppearances so real viewers redraw). Buttons are set by hand, as a viewer stores them:
the chosen export value as /V on the field (the radio group) and /AS on the widget showing it;
pypdf's own button handling writes /V as a string on the group, which is not what viewers write.
"""
from __future__ import annotations

import io
from collections.abc import Mapping

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject

from parsers.pdf.acroform import PdfField, walk_fields

# Export values of the radio buttons; the reader hands them on as text and normalise reads them.
BOOL_EXPORTS: tuple[str, str] = ("Yes", "No")
DASH_EXPORTS: dict[str, str] = {"yes": "Yes", "no": "No", "unknown": "DK"}

OFF = NameObject("/Off")


def _export(value: str | bool) -> str:
    """The export value for a button: True/False -> Yes/No, yes/no/unknown -> Yes/No/DK."""
    if isinstance(value, bool):
        return BOOL_EXPORTS[0] if value else BOOL_EXPORTS[1]
    return DASH_EXPORTS.get(value.strip().lower(), value.strip())


def _normal_states(widget: DictionaryObject) -> set[str]:
    appearances = widget.get("/AP")
    normal = appearances.get("/N") if isinstance(appearances, DictionaryObject) else None
    return set(normal.keys()) if isinstance(normal, DictionaryObject) else set()


def _choose(field: PdfField, value: str | bool) -> None:
    export = _export(value)
    state = NameObject(f"/{export}") if export else OFF
    offered = set().union(*(_normal_states(w) for w in field.widgets)) - {OFF}
    if state != OFF and state not in offered:
        choices = ", ".join(sorted(s[1:] for s in offered))
        raise ValueError(f"{field.name}: {value!r} is not one of the choices ({choices})")
    field.node[NameObject("/V")] = state
    for widget in field.widgets:
        widget[NameObject("/AS")] = state if state in _normal_states(widget) else OFF


def _fields(writer: PdfWriter) -> dict[str, PdfField]:
    acroform = writer.root_object["/AcroForm"].get_object()
    return {f.name: f for f in walk_fields(acroform)}


def fill_referral_pdf(blank: bytes, values: Mapping[str, str | bool]) -> bytes:
    """A copy of `blank` with `values` (canonical path -> text or tick) filled in.

    Raises KeyError for a name the form does not have and ValueError for a choice it does not
    offer, so a typing slip in a test or example fails loudly instead of leaving a blank.
    """
    writer = PdfWriter(clone_from=io.BytesIO(blank))
    fields = _fields(writer)
    texts: dict[str, str] = {}
    for name, value in values.items():
        field = fields.get(name)
        if field is None:
            raise KeyError(f"the form has no field named {name!r}")
        if field.ftype == "/Btn":
            _choose(field, value)
        else:
            texts[name] = value if isinstance(value, str) else ("Yes" if value else "No")
            for widget in field.widgets:
                # pypdf overwrites the existing appearance object in place; should a producer
                # share one blank appearance between fields, all of them would show this text.
                widget.pop("/AP", None)
    writer.update_page_form_field_values(None, texts, auto_regenerate=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
