"""The words of a message itself, not its attachments: what a referrer typed, for a referral written in the
email (`parsers.text`) and for recognising a secure-portal notice (`intake.portals`).

The text/plain part is taken, or the HTML part as text where that reads better (table cells apart by a
tab, so "Victim name | Jane" reads as a label and its value); links are listed apart, and never followed. What is clearly someone
else's words is left out: lines quoted with ">", the "On ... wrote:" line over them, and a signature set
off by the standard "-- " line (RFC 3676). A forwarded message's text stays: a referral is often forwarded.
"""
from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, field
from email.message import EmailMessage

from lxml import etree, html

from parsers.printed import label_pairs

MAX_CHARS = 200_000
# A body is handed to the form reader only when this many of its lines read "Label: value": a note
# saying "please see attached" is not a referral, and costs the parser pool nothing.
MIN_LABEL_LINES = 3
_QUOTED = re.compile(r"^\s*>")
_REPLY_HEADER = re.compile(r"^\s*On\b.{4,200}\bwrote:\s*$", re.IGNORECASE)
_SIGNATURE = "-- "
_SPACES = re.compile(r"\s+")  # HTML's own spacing: any run of white space is one space
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_BLOCKS = {"p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "hr"}
_CELLS = {"td", "th"}


@dataclass
class Body:
    text: str = ""  # the sender's own words, one line per line
    links: list[str] = field(default_factory=list)  # every link's address, as written: never opened


def read_body(raw: bytes) -> Body:
    """The message's own text and links; an empty Body when it has none or cannot be read.

    Of the text and HTML versions, the one with more "Label: value" lines is kept: Outlook's text version
    of an HTML table puts each cell on a line of its own, so the label no longer stands beside its value."""
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        plain_part, html_part = msg.get_body(("plain",)), msg.get_body(("html",))
        plain = plain_part.get_content() if plain_part is not None else ""
        markup = html_part.get_content() if html_part is not None else ""
    except Exception:  # noqa: BLE001 - hostile or broken mail: there is simply no body to read
        return Body()
    plain = _own_words(plain[:MAX_CHARS]) if isinstance(plain, str) else ""
    markup = markup if isinstance(markup, str) else ""
    from_html = _own_words(_html_text(markup)[:MAX_CHARS]) if markup else ""
    text = from_html if _label_lines(from_html) > _label_lines(plain) or not plain else plain
    links = (_links(markup) if markup else []) + [m.group() for m in _URL.finditer(text)]
    return Body(text, list(dict.fromkeys(links)))


def reads_like_referral(body: Body) -> bool:
    """Enough "Label: value" lines to be worth reading as a form (the reader then decides for sure)."""
    return _label_lines(body.text, MIN_LABEL_LINES) >= MIN_LABEL_LINES


def _label_lines(text: str, enough: int | None = None) -> int:
    count = 0
    for line in text.splitlines():
        if line.strip() and label_pairs(line.strip()):
            count += 1
            if count == enough:
                break
    return count


def _own_words(text: str) -> str:
    kept: list[str] = []
    for line in text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line == _SIGNATURE or line.rstrip() == "--":
            break
        if _QUOTED.match(line) or _REPLY_HEADER.match(line):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept).strip()


def _tree(markup: str) -> etree._Element | None:
    try:
        return html.document_fromstring(markup[: MAX_CHARS * 5])
    except (etree.ParserError, ValueError):
        return None


def _links(markup: str) -> list[str]:
    root = _tree(markup)
    return [] if root is None else [str(href) for href in root.xpath("//a/@href")][:200]


def _html_text(markup: str) -> str:
    """HTML as a person reads it: blocks on lines of their own, a table row's cells apart by a tab."""
    root = _tree(markup)
    if root is None:
        return ""
    for dead in root.xpath("//script|//style|//head"):
        dead.drop_tree()
    out: list[str] = []
    try:
        _walk(root, out)
    except RecursionError:  # markup nested beyond any real email's: read no further
        pass
    lines = []
    for line in "".join(out).split("\n"):
        cells = [" ".join(cell.split()) for cell in line.split("\t")]
        lines.append("\t".join(cell for cell in cells if cell))
    return "\n".join(lines)


def _walk(element: etree._Element, out: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "br":
        out.append("\n")  # each <br> is a line break: two of them make a blank line
    elif tag in _BLOCKS:
        _new_line(out)
    if element.text:
        out.append(_SPACES.sub(" ", element.text))
    for child in element:
        _walk(child, out)
        if child.tail:
            out.append(_SPACES.sub(" ", child.tail))
    if tag in _CELLS:
        out.append("\t")
    elif tag in _BLOCKS and tag != "br":
        _new_line(out)


def _new_line(out: list[str]) -> None:
    """A block ends its line once: Outlook's one paragraph per line is not a blank line between each."""
    if out and not "".join(out[-2:]).endswith("\n"):
        out.append("\n")
