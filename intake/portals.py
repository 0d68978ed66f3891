"""Secure-portal notices: a message that carries no referral, only the way to read it on a secure email
service (Egress, Microsoft Purview Message Encryption, Mimecast, Proofpoint, Galaxkey and the like).

Recognised by its headers, its attachments (message.rpmsg, a .gxk) and its wording, all of it data
(`intake/data/portals.toml`, which an administrator extends with a file of the same shape). The service
never follows a link: the desk note names the portal and tells the coordinator how to fetch the form
and hand it back. Only asked about a message with no form the service can read (`marac.flow.pipeline`),
so a form whose sender's signature mentions Egress is read as usual.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from email.message import Message
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from . import log
from .attachments import Letter, header_block
from .body import Body

WORDING_NEEDED = 2  # wording patterns a notice must show when a portal does not say otherwise
OPEN_LINK = ("Open the link in the message (message.eml) in your browser, and sign in or register with the "
             "MARAC mailbox's address as the portal asks (the service itself never follows a link)")
HAND_BACK = ("then save the referral form and DASH checklist from the portal into this folder and move the "
             "folder into exceptions/approved/: they are read like any attached form. If the message is not a "
             "referral, write why in reason.txt and move the folder into exceptions/rejected/.")
_KEYS = {"name", "open", "headers", "attachments", "content_types", "wording", "wording_needed"}


@dataclass(frozen=True)
class Portal:
    name: str
    open: str = OPEN_LINK
    headers: tuple[tuple[str, re.Pattern[str]], ...] = ()
    attachments: tuple[re.Pattern[str], ...] = ()
    content_types: frozenset[str] = frozenset()
    wording: tuple[re.Pattern[str], ...] = ()
    wording_needed: int = WORDING_NEEDED


@dataclass(frozen=True)
class Notice:
    """A recognised notice, as the desk shows it."""
    portal: str
    open: str

    @property
    def title(self) -> str:
        return (f"The message is a notice from {self.portal}: the referral itself is held on that service, so "
                "the service could not read it.")

    @property
    def what_to_do(self) -> str:
        return f"{self.open}; {HAND_BACK}"


class PatternsError(ValueError):
    """The administrator's patterns file is wrong: the message is one plain sentence."""


def notice_in(raw: bytes, letter: Letter, body: Body, portals: tuple[Portal, ...]) -> Notice | None:
    """The portal notice a message is, if it is one: its headers (read alone), files, subject and text."""
    return recognise(header_block(raw), [(a.filename, a.content_type) for a in letter.attachments], letter.subject,
                     body, portals)


def recognise(headers: Message, files: list[tuple[str, str]], subject: str, body: Body,
              portals: tuple[Portal, ...]) -> Notice | None:
    """The first portal whose signs the message shows. `files` are (name, content type) of its attachments."""
    names = [name.lower() for name, _ in files]
    types = {ctype.lower() for _, ctype in files}
    values = [(str(name).lower(), str(value)) for name, value in headers.raw_items()]
    searched = "\n".join([subject, body.text, *body.links, *names])
    for portal in portals:
        if (any(name == wanted and pattern.search(value) for wanted, pattern in portal.headers
                for name, value in values)
                or any(pattern.fullmatch(name) for pattern in portal.attachments for name in names)
                or portal.content_types & types
                or (portal.wording and sum(1 for p in portal.wording if p.search(searched)) >= portal.wording_needed)):
            return Notice(portal.name, portal.open)
    return None


def load(extra: Path | None = None) -> tuple[Portal, ...]:
    """The packaged portals, after an administrator's own (which replace a packaged one of the same name)."""
    return _load(str(extra) if extra is not None else None)


@lru_cache(maxsize=4)
def _load(extra: str | None) -> tuple[Portal, ...]:
    text = resources.files("intake").joinpath("data", "portals.toml").read_text(encoding="utf-8")
    packaged = _portals(tomllib.loads(text), "intake/data/portals.toml")
    try:
        own = _read_file(Path(extra)) if extra is not None else ()
    except PatternsError:
        # Checked when the configuration was loaded; gone or broken since: the packaged patterns still
        # serve (`check-config` says what is wrong), rather than every message failing.
        log.warning("portals.own_patterns_unreadable")
        own = ()
    names = {p.name for p in own}
    return (*own, *(p for p in packaged if p.name not in names))


def check_file(path: Path) -> Path:
    """For the configuration: the administrator's file is read now, so a mistake stops `check-config`,
    not a message."""
    _read_file(path)
    return path


def _read_file(path: Path) -> tuple[Portal, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise PatternsError(f"the secure-portal patterns file {path} cannot be read ({exc.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PatternsError(f"the secure-portal patterns file {path} is not valid TOML ({exc})") from None
    return _portals(data, str(path))


def _portals(data: dict[str, Any], where: str) -> tuple[Portal, ...]:
    entries = data.get("portal", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise PatternsError(f"{where}: each portal must be a [[portal]] table")
    return tuple(_portal(entry, where) for entry in entries)


def _portal(entry: dict[str, Any], where: str) -> Portal:
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise PatternsError(f"{where}: a [[portal]] has no name")
    place = f"{where}, portal '{name}'"
    unknown = sorted(set(entry) - _KEYS)
    if unknown:
        raise PatternsError(f"{place}: unknown setting {', '.join(unknown)} (known: {', '.join(sorted(_KEYS))})")
    headers = entry.get("headers", {})
    if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
        raise PatternsError(f"{place}: headers must be a table of header name = pattern")
    needed = entry.get("wording_needed", WORDING_NEEDED)
    if not isinstance(needed, int) or isinstance(needed, bool) or needed < 1:
        raise PatternsError(f"{place}: wording_needed must be a whole number of 1 or more")
    open_text = entry.get("open", OPEN_LINK)
    if not isinstance(open_text, str) or not open_text.strip():
        raise PatternsError(f"{place}: open must be a sentence")
    return Portal(
        name=name.strip(), open=open_text.strip().rstrip("."),
        headers=tuple((str(k).lower(), _compile(v, place)) for k, v in headers.items()),
        attachments=tuple(_compile(p, place) for p in _strings(entry, "attachments", place)),
        content_types=frozenset(t.lower() for t in _strings(entry, "content_types", place)),
        wording=tuple(_compile(p, place) for p in _strings(entry, "wording", place)),
        wording_needed=needed)


def _strings(entry: dict[str, Any], key: str, place: str) -> list[str]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PatternsError(f"{place}: {key} must be a list of strings")
    return value


def _compile(pattern: str, place: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise PatternsError(f"{place}: '{pattern}' is not a valid pattern ({exc})") from None
