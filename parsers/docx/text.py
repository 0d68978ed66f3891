"""WordprocessingML as a reader of the printed page sees it: text, tick boxes and formatting cues.

A paragraph or a table cell is rendered to the text Word would display, with every kind of tick box
(w14 check box control, legacy FORMCHECKBOX, a Wingdings w:sym or a run typed in a symbol font)
written as ☒ or ☐, so the layout walker and parsers.ticks read them all the same way. A run struck
through (w:strike, w:dstrike) is an option the referrer deleted: it is left out, with the "/" that
parted it from the answer kept ("Y / N" with N struck reads "Y"). A legacy drop-down shows its item. Content controls show their value (never their
grey placeholder); text boxes and nested tables are left out, because the walker reads them as blocks
of their own.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from ..normalise import is_gender_word
from ..printed import RAISED_MARKS
from ..ticks import OPTION_SEPARATORS, TICKED, UNREADABLE, UNTICKED, is_option

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def child_val(parent: etree._Element, name: str) -> str:
    """The w:val of parent's child w:<name>, or '' when there is no such child."""
    child = parent.find(w(name))
    return child.get(w("val"), "") if child is not None else ""


def on(element: etree._Element | None, attribute: str = w("val")) -> bool:
    """An OOXML on/off flag: present with no value means on."""
    if element is None:
        return False
    return element.get(attribute, "true").strip().lower() in {"1", "true", "on"}


# Elements that wrap blocks, rows or cells without changing what they say.
WRAPPERS = {w("sdt"), w("sdtContent"), w("customXml"), w("smartTag")}


def children(parent: etree._Element, name: str) -> list[etree._Element]:
    """Direct children w:<name>, looking through content controls and custom XML wrapped round them."""
    found: list[etree._Element] = []
    for child in parent:
        if child.tag == w(name):
            found.append(child)
        elif child.tag in WRAPPERS:
            found.extend(children(child, name))
    return found


@dataclass
class Marks:
    """What the rendering must know about the document's controls and fields."""
    checkboxes: dict[etree._Element, bool | None] = field(default_factory=dict)  # FORMCHECKBOX begin -> ticked
    dropdowns: dict[etree._Element, str] = field(default_factory=dict)  # FORMDROPDOWN begin -> shown item
    canonical: set[etree._Element] = field(default_factory=set)  # controls/fields named by path


RUN_CHARS = {w("tab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}
_SKIP = {w("rPr"), w("pPr"), w("tcPr"), w("trPr"), w("sdtPr"), w("sdtEndPr"), w("instrText"), w("delText"),
         w("del"), w("moveFrom"), w("tbl"), w("drawing"), w("pict"), w("object"), MC_ALTERNATE,
         w("txbxContent")}
# Word's "insert symbol" tick boxes: (font, code) -> glyph. Codes may carry the F000 offset.
_SYMBOLS = {("wingdings", 0xFE): TICKED, ("wingdings", 0x78): TICKED, ("wingdings", 0xFD): TICKED,
            ("wingdings", 0xA8): UNTICKED, ("wingdings", 0x6F): UNTICKED, ("wingdings", 0xFC): "✓",
            ("wingdings 2", 0x52): TICKED, ("wingdings 2", 0x53): TICKED, ("wingdings 2", 0x54): TICKED,
            ("wingdings 2", 0xA3): UNTICKED, ("wingdings 2", 0x50): "✓", ("ms gothic", 0x2612): TICKED,
            ("ms gothic", 0x2610): UNTICKED, ("segoe ui symbol", 0x2612): TICKED,
            ("segoe ui symbol", 0x2610): UNTICKED}


def render(element: etree._Element, marks: Marks) -> str:
    """The displayed text of a paragraph, cell or control content; paragraphs joined by newlines.
    Struck-through runs are left out with the "/" that parted them from the option kept."""
    out: list[str] = []
    _render(element, marks, out)
    text = "".join(out)
    if STRUCK in text:
        text = _STRUCK_SEPARATOR.sub("", text).replace(STRUCK, "")
    return re.sub(r"\n\s*\n+", "\n", text).strip()


STRUCK = "\x00"  # where a struck-through run was, until render tidies the separator beside it
_STRUCK_SEPARATOR = re.compile(rf"[ \t]*[/|\\][ \t]*{STRUCK}+|{STRUCK}+[ \t]*[/|\\][ \t]*")


def _render(element: Iterable[etree._Element], marks: Marks, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == w("t"):
            out.append(child.text or "")
        elif tag in RUN_CHARS:
            out.append(RUN_CHARS[tag])
        elif tag == w("p"):
            if out:
                out.append("\n")
            picks = _picked(child)
            for part in child if picks else [child]:
                if part in picks:  # "Y ☒   N ☐": read as ticks
                    out.append(_marked(part, picks[part]))
                else:
                    _render([part] if picks else part, marks, out)
        elif tag == w("r"):
            if _raised_mark(child):
                pass  # "Gender:ᴹ": the form's sign for a box that must be filled in, not text
            elif _struck(child):
                out.append(STRUCK)  # an option the referrer struck through is not the answer
            elif not _hidden(child):
                font = _symbol_font(child)
                if font:
                    out.append(_symbol_text(child, font))
                else:
                    _render(child, marks, out)
        elif tag == w("sdt"):
            out.append(_control_text(child, marks))
        elif tag == w("fldChar"):
            if child in marks.checkboxes:
                state = marks.checkboxes[child]
                out.append(UNREADABLE if state is None else TICKED if state else UNTICKED)
            elif child in marks.dropdowns:
                out.append(marks.dropdowns[child])  # Word shows the chosen item; no text run holds it
        elif tag == w("sym"):
            out.append(_symbol(child))
        else:
            _render(child, marks, out)  # hyperlinks, smart tags, insertions, simple fields...


def _shown(run: etree._Element) -> bool:
    return any((t.text or "").strip() for t in run.iter(w("t")))


def _lit(run: etree._Element) -> bool:
    """Highlighted or shaded: how a referrer picks one of the printed options ("circle / highlight")."""
    props = run.find(w("rPr"))
    if props is None:
        return False
    shading = props.find(w("shd"))
    if (underline := props.find(w("u"))) is not None and underline.get(w("val"), "single") != "none":
        return True  # "M / F" with the chosen letter underlined (and bold): picked as a highlight picks it
    return child_val(props, "highlight") not in ("", "none") or (
        shading is not None and (shading.get(w("fill")) or "auto").lower() not in ("auto", "ffffff", ""))


# What separates a printed choice's options: "M / F", "Yes | No", "Y or N", "Yes   No".
_BETWEEN_OPTIONS = re.compile("(" + "|".join(rf"\s*{re.escape(s)}\s*" if not s.isalpha() else rf"\s+{s}\s+"
                                             for s in OPTION_SEPARATORS) + r"|\s{2,}|^\s+|\s+$)", re.IGNORECASE)


def _run_text(run: etree._Element) -> str:
    return "".join(t.text or "" for t in run.iter(w("t")))


def _options(text: str) -> list[str] | None:
    """The options a run prints, with what parts them, or None if it holds anything else."""
    parts = _BETWEEN_OPTIONS.split(text)
    words = parts[0::2]
    if not any(words) or not all(is_option(p) or is_gender_word(p) for p in words if p):
        return None
    return parts


def _marked(run: etree._Element, lit: bool) -> str:
    parts = _options(_run_text(run)) or []
    return "".join(f"{p} {TICKED if lit else UNTICKED}" if i % 2 == 0 and p else p for i, p in enumerate(parts))


def _picked(paragraph: etree._Element) -> dict[etree._Element, bool]:
    """A printed "Y  N" (or "M / F") with exactly one option highlighted: the runs holding the options with
    whether each was picked; empty for any other paragraph (nothing, or more than one, lit). The lit run is
    one option; the others may hold several with their separators, as Word saves runs formatted alike."""
    runs = [r for r in paragraph if r.tag == w("r") and _shown(r)]
    lit = [r for r in runs if _lit(r)]
    if len(lit) != 1 or len([p for p in (_options(_run_text(lit[0])) or [])[0::2] if p]) != 1:
        return {}  # the lit run is exactly one option
    holding = {run: parts for run in runs if (parts := _options(_run_text(run)))}
    if lit[0] not in holding or sum(1 for parts in holding.values() for p in parts[0::2] if p) < 2:
        return {}
    return {run: run is lit[0] for run in holding}


def _raised_mark(run: etree._Element) -> bool:
    props = run.find(w("rPr"))
    return (props is not None and child_val(props, "vertAlign") == "superscript"
            and "".join(t.text or "" for t in run.iter(w("t"))).strip() in RAISED_MARKS)


def _hidden(run: etree._Element) -> bool:
    props = run.find(w("rPr"))
    return props is not None and on(props.find(w("vanish")))


def _struck(run: etree._Element) -> bool:
    """Struck through (single or double) and showing text: how referrers delete an option in Word."""
    props = run.find(w("rPr"))
    if props is None or not (on(props.find(w("strike"))) or on(props.find(w("dstrike")))):
        return False
    return any((t.text or "").strip() for t in run.iter(w("t")))


_SYMBOL_FONTS = {font for font, _ in _SYMBOLS} | {"symbol", "wingdings 3", "webdings"}


def _symbol_font(run: etree._Element) -> str:
    """The symbol font a run's text is typed in (Insert > Symbol, typed boxes), or ''."""
    props = run.find(w("rPr"))
    fonts = props.find(w("rFonts")) if props is not None else None
    if fonts is None:
        return ""
    for attribute in ("ascii", "hAnsi", "cs", "eastAsia"):
        name = (fonts.get(w(attribute)) or "").strip().lower()
        if name in _SYMBOL_FONTS:
            return name
    return ""


def _symbol_text(run: etree._Element, font: str) -> str:
    """A run in a symbol font: its characters as tick states where they are boxes, else as typed."""
    out: list[str] = []
    for child in run:
        if child.tag == w("t"):
            for char in child.text or "":
                code = ord(char)
                glyph = _SYMBOLS.get((font, code)) or _SYMBOLS.get((font, code - 0xF000))
                out.append(glyph or ("" if 0xF000 <= code <= 0xF0FF else char))
        elif child.tag == w("sym"):
            out.append(_symbol(child))
        elif child.tag in RUN_CHARS:
            out.append(RUN_CHARS[child.tag])
    return "".join(out)


def _symbol(sym: etree._Element) -> str:
    font = sym.get(w("font"), "").strip().lower()
    try:
        code = int(sym.get(w("char"), ""), 16)
    except ValueError:
        return ""
    glyph = _SYMBOLS.get((font, code)) or _SYMBOLS.get((font, code - 0xF000))
    return glyph or ""


def _control_text(sdt: etree._Element, marks: Marks) -> str:
    props = sdt.find(w("sdtPr"))
    content = sdt.find(w("sdtContent"))
    if props is not None:
        box = props.find(f"{{{W14}}}checkbox")
        if box is not None:
            return TICKED if on(box.find(f"{{{W14}}}checked"), f"{{{W14}}}val") else UNTICKED
        if on(props.find(w("showingPlcHdr"))):
            return ""
        date = props.find(w("date"))
        if date is not None and date.get(w("fullDate")):
            return date.get(w("fullDate"), "")[:10]
    if content is None:
        return ""
    out: list[str] = []
    _render(content, marks, out)
    return "".join(out)


# --- formatting cues -----------------------------------------------------------------------

_HEADING_STYLE = re.compile(r"^(heading|title|subtitle|berschrift|titre)\s*\d*$|heading", re.IGNORECASE)
_BOLD_STYLES = {"strong", "bold", "intenseemphasis"}


def heading_style(paragraph: etree._Element) -> bool:
    """A Word heading: a Heading/Title style or an outline level."""
    return heading_level(paragraph) is not None


def heading_level(paragraph: etree._Element) -> int | None:
    """A Word heading's level (Title 0, Heading 1 is 1...), or None for a paragraph that is none."""
    props = paragraph.find(w("pPr"))
    if props is None:
        return None
    style = child_val(props, "pStyle")
    outline = child_val(props, "outlineLvl")
    if outline.isdigit() and int(outline) < 9:
        return int(outline) + 1
    if not (style and _HEADING_STYLE.search(style)):
        return None
    digits = re.search(r"(\d+)\s*$", style)
    return int(digits.group(1)) if digits else 0 if re.match(r"title", style, re.IGNORECASE) else 1


def _run_bold(run: etree._Element) -> bool:
    props = run.find(w("rPr"))
    if props is None:
        return False
    if props.find(w("b")) is not None:
        return on(props.find(w("b")))
    return child_val(props, "rStyle").lower() in _BOLD_STYLES


def all_bold(element: etree._Element) -> bool:
    """Every run that shows text is bold (the usual way a label or heading is set apart)."""
    seen = False
    for run in element.iter(w("r")):
        if any((t.text or "").strip() for t in run.iter(w("t"))):
            if not _run_bold(run):
                return False
            seen = True
    return seen


def bold_lead(paragraph: etree._Element) -> str | None:
    """The words of a paragraph's leading bold runs when plain words follow them ("**Was it reported to the
    police?** Yes – crime ref …"): a question set apart as its label, answered on the same line. None when the
    paragraph does not start bold or has nothing after the bold."""
    lead: list[str] = []
    for run in paragraph.iter(w("r")):
        words = "".join(t.text or "" for t in run.iter(w("t")))
        if not words.strip():
            lead.append(words)
            continue
        if not _run_bold(run):
            return "".join(lead).strip() or None
        lead.append(words)
    return None


def shaded(cell: etree._Element) -> bool:
    props = cell.find(w("tcPr"))
    shading = props.find(w("shd")) if props is not None else None
    if shading is None:
        return False
    fill = (shading.get(w("fill")) or "").lower()
    return fill not in {"", "auto", "ffffff"}


def claimed(region: etree._Element, marks: Marks) -> bool:
    """The region holds (or sits in) a control or field named by canonical path: already read by name."""
    if not marks.canonical:
        return False
    if any(e in marks.canonical for e in region.iter(w("sdt"), w("fldChar"))):
        return True
    return any(a in marks.canonical for a in region.iterancestors(w("sdt")))
