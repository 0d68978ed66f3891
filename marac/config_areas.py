"""Several MARAC areas served from one configuration file (`[[areas]]`), cut into one single-area
configuration's settings per area before any of them is validated.

A coordination team often runs several boroughs' MARACs. The file then gives the sections every area
shares at the top and, under each `[[areas]]`, the area's own: its name and code as flat keys, and any
section it sets itself (`[areas.mailbox]`, `[[areas.agencies]]`...), which replaces the shared one key
by key (tables are merged, lists replace). Each area gets its own home, `<home>/areas/<CODE>`, so its
cases, desk, documents, outbox and tracker never sit beside another's.

This module works on the file's plain settings and knows nothing of `marac.config`, which imports it
(so `load` can read either kind of file); the settings are validated there, one area at a time. The
`[area]` section's own model (`Area`) lives here too, and is imported there.
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Annotated, Any, Callable

from pydantic import AfterValidator, Field

from intake.settings import SettingsError as ConfigError
from intake.settings import Strict as _Strict
from marac.config_text import read_toml

_SAFE_CODE = re.compile(r"^[A-Za-z0-9]{1,16}$")
# Sections whose settings depend on the backend chosen: one backend's settings mean nothing to another.
_BACKEND_SECTIONS = ("mailbox", "sender")


def _email(value: str) -> str:
    local, at, domain = value.partition("@")
    if not (local and at and "." in domain) or any(c.isspace() for c in value):
        raise ValueError(f"'{value}' is not an email address")
    return value


def _capitals(setting: str, example: str) -> Callable[[str], str]:
    """A check that `setting` is 2 to 6 capital letters: it starts every case number and names a schema."""
    def check(value: str) -> str:
        if not (2 <= len(value) <= 6 and value.isalpha() and value.isupper()):
            raise ValueError(f"{setting} must be 2 to 6 capital letters, such as {example} (found '{value}')")
        return value
    return check


_area_code = _capitals("the area code", "EXM")
_case_prefix = _capitals("the case_prefix", "NOR")


Email = Annotated[str, AfterValidator(_email)]


class Area(_Strict):
    """The MARAC an area's configuration serves: `[area]`, or the flat keys of an `[[areas]]` entry."""
    name: str = Field(min_length=1)
    code: Annotated[str, AfterValidator(_area_code)]
    # Case numbers start with this (NOR-2026-0001); not set: the code. Areas served by one configuration
    # each need their own, so no two cases anywhere share a number.
    case_prefix: Annotated[str, AfterValidator(_case_prefix)] | None = None
    mailbox_address: Email
    # Where agencies' replies to documents and reminders should go (not the referral mailbox).
    coordinator_email: Email | None = None
    postcode_districts: list[str] = []

    @property
    def case_number_prefix(self) -> str:
        """What the area's case numbers start with."""
        return self.case_prefix or self.code


def read_file(path: Path) -> tuple[dict[str, Any], list[str], set[str]]:
    """The settings that could be read, a sentence per unreadable line, and those lines' settings."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError([f"the configuration file {path} does not exist"]) from None
    except UnicodeDecodeError:
        raise ConfigError([f"the configuration file {path} is not a text file (save it as UTF-8 text)"]) from None
    except OSError as exc:
        raise ConfigError([f"the configuration file {path} cannot be read ({exc.strerror})"]) from None
    data, problems, set_aside = read_toml(text, path.name)
    if data is None:
        raise ConfigError(problems)
    return data, problems, set_aside


@dataclass(frozen=True)
class AreaSettings:
    """One area's settings, as a single-area file would give them."""
    label: str  # how findings name the area: "area NOR" (or by position, when its code is unreadable)
    code: str  # as written (upper-cased), "" when it is missing
    data: dict[str, Any]


def serves_areas(data: dict[str, Any]) -> bool:
    return "areas" in data


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def merged(shared: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """The shared settings with the area's own on top: tables merged key by key, anything else
    (a list, a value) replaced whole."""
    out = copy.deepcopy(shared)
    for key, value in own.items():
        old = out.get(key)
        backend_changed = key in _BACKEND_SECTIONS and isinstance(old, dict) and isinstance(value, dict) and (
            value.get("backend", old.get("backend")) != old.get("backend"))
        if isinstance(old, dict) and isinstance(value, dict) and not backend_changed:
            out[key] = merged(old, value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _sibling(entry: dict[str, Any]) -> dict[str, Any] | None:
    """Another area served here, as an entry of `marac_areas`: a case can be handed to it, and its mail
    is a transfer in. Its Information Sharing Protocol is the organisation's own (`served_here`)."""
    name, code, email = entry.get("name"), entry.get("code"), entry.get("mailbox_address")
    if not all(isinstance(v, str) and v for v in (name, code, email)):
        return None  # its own mistakes are reported with it
    districts = entry.get("postcode_districts", [])
    return {"name": name, "code": code, "email": email, "served_here": True,
            "postcode_districts": districts if isinstance(districts, list) else []}


def written_served_here(listed: object) -> list[str]:
    """`served_here` is set only for the areas of one file: written by hand for a neighbouring MARAC,
    it would skip the Information Sharing Protocol check."""
    if isinstance(listed, list) and any(isinstance(item, dict) and "served_here" in item for item in listed):
        return ["'served_here' in [[marac_areas]] is not a setting to write; the areas this configuration serves "
                "are added for you"]
    return []


def split(data: dict[str, Any], sections: frozenset[str], home: Path) -> tuple[list[AreaSettings], list[str]]:
    """Each area's settings, and the problems with the file's shape (before any area is validated)."""
    raw = data["areas"]
    if not isinstance(raw, list) or not raw or not all(isinstance(e, dict) for e in raw):
        return [], ["each area served is written under its own [[areas]] heading (with two brackets), "
                    "followed by its name, code and mailbox_address"]
    problems = []
    if "area" in data:
        problems.append("the file has both [area] and [[areas]]: give [area] for a single area, or an [[areas]] "
                        "entry for each of several, not both")
    shared = {k: v for k, v in data.items() if k not in ("areas", "area", "home")}
    found: list[AreaSettings] = []
    for index, entry in enumerate(raw):
        code = entry.get("code")
        code = code.strip().upper() if isinstance(code, str) else ""
        label = f"area {code}" if code else f"the area listed {_ordinal(index + 1)}"
        own = {k: v for k, v in entry.items() if k in sections}
        settings = merged(shared, own)
        settings["area"] = {k: v for k, v in entry.items() if k not in sections}
        # An area with a mistyped code still gets a home of its own (it is refused before it is used).
        settings["home"] = str(home / "areas" / (code if _SAFE_CODE.match(code) else f"area-{index + 1}"))
        listed = settings.get("marac_areas", [])
        listed = listed if isinstance(listed, list) else []
        siblings = [s for other in raw if other is not entry and (s := _sibling(other)) is not None]
        served = {s["code"].upper() for s in siblings}
        problems += [f"{label}: {p}" for p in written_served_here(listed)]
        for item in listed:
            if isinstance(item, dict) and str(item.get("code", "")).upper() in served:
                problems.append(f"{label}: the MARAC '{item.get('name', item['code'])}' in [[marac_areas]] has the "
                                f"code {item['code']} of an area this configuration serves; leave it out (the "
                                "areas served here are added for you)")
        settings["marac_areas"] = listed + siblings
        found.append(AreaSettings(label, code, settings))
    return found, problems


def _pairs(owners: dict[str, list[str]]) -> list[tuple[str, list[str]]]:
    """Values held by more than one area (two areas with one code are reported once, as that)."""
    return [(value, list(dict.fromkeys(codes))) for value, codes in owners.items() if len(set(codes)) > 1]


def _names(codes: list[str]) -> str:
    return ", ".join(codes[:-1]) + " and " + codes[-1]


def _mailbox_key(settings: dict[str, Any]) -> str | None:
    """What two areas would read in common: a local folder's full path, or a server account."""
    mailbox = settings.get("mailbox")
    if not isinstance(mailbox, dict):
        return None
    if mailbox.get("backend") == "maildir":
        path = PurePath(str(mailbox.get("path", "inbox")))
        return str(path if path.is_absolute() else PurePath(settings["home"]) / path)
    return repr(sorted((k, repr(v)) for k, v in mailbox.items() if k not in ("rescan_seconds", "settle_seconds")))


def overlap_problems(areas: list[AreaSettings]) -> list[str]:
    """What would mix two areas' cases: one code, one case-number prefix, one postcode district, one
    referral address or one mailbox for two areas, or one tracker spreadsheet shared by both."""
    problems = []
    codes: dict[str, list[str]] = {}
    prefixes: dict[str, list[str]] = {}
    districts: dict[str, list[str]] = {}
    addresses: dict[str, list[str]] = {}
    mailboxes: dict[str, list[str]] = {}
    trackers: dict[str, list[str]] = {}
    for area in areas:
        if not area.code:
            continue
        codes.setdefault(area.code, []).append(area.code)
        flat = area.data["area"]
        prefix = flat.get("case_prefix") or area.code
        if isinstance(prefix, str):
            prefixes.setdefault(prefix.strip().upper(), []).append(area.code)
        listed = flat.get("postcode_districts", [])
        for district in dict.fromkeys(str(d).strip().upper() for d in (listed if isinstance(listed, list) else [])):
            districts.setdefault(district, []).append(area.code)
        if isinstance(flat.get("mailbox_address"), str):
            addresses.setdefault(flat["mailbox_address"].strip().lower(), []).append(area.code)
        if (key := _mailbox_key(area.data)) is not None:
            mailboxes.setdefault(key, []).append(area.code)
        tracker = area.data.get("tracker")
        path = PurePath(str(tracker.get("path", ""))) if isinstance(tracker, dict) else None
        if path is not None and path.is_absolute():
            trackers.setdefault(str(path), []).append(area.code)
    for code, owners in codes.items():
        if len(owners) > 1:
            problems.append(f"{len(owners)} areas have the code {code}; give each area its own code")
    for prefix, owners in _pairs(prefixes):
        problems.append(f"areas {_names(owners)} would number their cases alike ({prefix}-{dt.date.today().year}-0001 "
                        "and so on); give each its own case_prefix")
    for district, owners in _pairs(districts):
        problems.append(f"the postcode district {district} is listed by areas {_names(owners)}; a district belongs "
                        "to one area, so that a victim living there has one MARAC")
    for address, owners in _pairs(addresses):
        problems.append(f"areas {_names(owners)} have the same mailbox_address {address}; each area needs its own")
    for _, owners in _pairs(mailboxes):
        problems.append(f"areas {_names(owners)} would read the same mailbox, and each would take the other's "
                        "referrals; give each area its own [areas.mailbox]")
    for path, owners in _pairs(trackers):
        problems.append(f"areas {_names(owners)} share the tracker spreadsheet {path}; give each area its own "
                        "[areas.tracker] path")
    return problems
