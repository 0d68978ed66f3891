"""Configuration mistakes told in the words of the file: line numbers, agencies by their name (never
"agencies.2"), and the format that was expected.

A TOML reader stops at the first mistake; a coordinator should not have to fix one line to learn of the
next. So a line that cannot be read is set aside (kept blank, so line numbers hold) and the rest is read
again, up to a limit; the settings that did read are then checked as usual.
"""
from __future__ import annotations

import re
import tomllib
from typing import Any

from marac.config_checks import DATE_FORMAT

MAX_SYNTAX_PROBLEMS = 10
_AT = re.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")
_SLASHED_DATE = re.compile(r"^\s*[\"']?\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}[\"']?\s*$")
_DATE_KEYS = {"isp_signed": "ISP date", "isp_expires": "ISP expiry date", "first_date": "first meeting date"}
_PLAIN = {
    "Expected '=' after a key in a key/value pair": "a setting needs '=' between its name and its value",
    "Invalid value": "the value is not text in double quotes, a number, true or false, a date or a list",
    "Expected newline or end of document after a statement": "something follows the value on the same line",
    "Expected ']' at the end of a table declaration": "the section heading has no closing ]",
    "Expected ']]' at the end of an array declaration": "the heading has no closing ]]",
    "Unclosed array": "a list opened with [ is never closed with ]",
    "Unterminated string": "a text value has no closing quote",
    "Invalid initial character for a key part": "a setting's name starts with a character names cannot have",
}
_EXPECTED = {"int_parsing": "a whole number, such as 14", "int_type": "a whole number, such as 14",
             "int_from_float": "a whole number, such as 14", "float_parsing": "a number, such as 30",
             "float_type": "a number, such as 30", "bool_parsing": "true or false (no quotes)",
             "bool_type": "true or false (no quotes)", "string_type": "text in double quotes",
             "list_type": "a list in square brackets, such as [\"gov.uk\", \"nhs.net\"]"}
HOW_TO_WRITE = ("each setting is written on one line as name = value: text in double quotes (\"like this\"), "
                "numbers and true or false as they are, dates like 2025-12-13, lists in square brackets")


def _line_of(exc: tomllib.TOMLDecodeError, text: str) -> int:
    found = re.search(r"at line (\d+)", str(exc))
    return int(found.group(1)) if found else max(1, text.count("\n"))


def _section_at(lines: list[str], index: int) -> tuple[str, str | None]:
    """The heading a line sits under, and for an [[agencies]] block the agency's name if it has one."""
    for start in range(index - 1, -1, -1):
        heading = lines[start].strip()
        if heading.startswith("["):
            if heading.split("#")[0].strip() != "[[agencies]]":
                return heading.split("#")[0].strip(), None
            for line in lines[start + 1:]:
                if line.strip().startswith("["):
                    break
                key, _, value = line.partition("=")
                if key.strip() == "name" and line is not lines[index]:
                    return heading, value.split("#")[0].strip().strip("\"'")
            return heading, None
    return "", None


def _syntax_sentence(lines: list[str], number: int, exc: tomllib.TOMLDecodeError, name: str) -> str:
    text = lines[number - 1].strip() if 0 < number <= len(lines) else ""
    reason = _AT.sub("", str(exc))
    heading, agency = _section_at(lines, number - 1)
    key, _, value = text.partition("=")
    key, value = key.strip(), value.split("#")[0].strip()
    if key in _DATE_KEYS or _SLASHED_DATE.match(value or "-"):
        what = _DATE_KEYS.get(key, f"'{key}'")
        whose = f" of agency '{agency}'" if agency else (" of the IDVA service" if heading == "[idva]" else "")
        return f"the {what}{whose} is '{value.strip(chr(34) + chr(39))}' (line {number} of {name}); {DATE_FORMAT}"
    where = f"agency '{agency}', " if agency else (f"{heading}, " if heading else "")
    shown = f": {text}" if text else ""
    plain = _PLAIN.get(reason, reason[:1].lower() + reason[1:])
    hint = ("section headings are written [name], or [[agencies]] for each agency" if text.startswith("[")
            else HOW_TO_WRITE)
    return f"line {number} of {name} ({where}{plain}) cannot be read{shown}; {hint}"


def read_toml(text: str, name: str) -> tuple[dict[str, Any] | None, list[str], set[str]]:
    """The settings that could be read, a sentence per line that could not, and the names of the
    settings on those lines (so they are not then also reported as missing).

    The data is None when a section heading itself could not be read: what follows it would land in
    the wrong section and be misreported."""
    lines = text.splitlines()
    problems: list[str] = []
    set_aside: set[str] = set()
    seen: set[int] = set()
    while True:
        try:
            return tomllib.loads("\n".join(lines)), problems, set_aside
        except tomllib.TOMLDecodeError as exc:
            number = _line_of(exc, "\n".join(lines))
            problems.append(_syntax_sentence(lines, number, exc, name))
            bad = lines[number - 1].strip() if 0 < number <= len(lines) else ""
            if number in seen or len(problems) >= MAX_SYNTAX_PROBLEMS or bad.startswith("[") or not bad:
                return None, problems, set_aside
            seen.add(number)
            set_aside.add(bad.partition("=")[0].strip())
            lines[number - 1] = ""


def _agency(data: dict[str, Any], index: int) -> str:
    agencies = data.get("agencies")
    entry = agencies[index] if isinstance(agencies, list) and index < len(agencies) else None
    if isinstance(entry, dict) and isinstance(entry.get("name"), str) and entry["name"].strip():
        return f"agency '{entry['name']}'"
    return f"the agency listed {_ordinal(index + 1)} (it has no name)"


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def validation_sentence(error: dict[str, Any], data: dict[str, Any]) -> str:
    """One pydantic error as a sentence about the file: agencies by name, dates with their format."""
    loc = [str(p) for p in error["loc"] if not str(p).startswith("function-after")]
    loc = [p for p in loc if p not in ("maildir", "local", "smtp", "imap", "ews", "graph")]
    kind, text = error["type"], error["msg"].removeprefix("Value error, ")
    whose, setting = "", ".".join(loc)
    if len(loc) >= 2 and loc[0] == "agencies" and loc[1].isdigit():
        whose, setting = _agency(data, int(loc[1])), ".".join(loc[2:])
    elif loc and loc[0] == "idva":
        whose, setting = "the IDVA service", ".".join(loc[1:])
    if kind.startswith("date"):
        shown = error.get("input")
        what = _DATE_KEYS.get(setting, f"'{setting}'" if not loc or loc[0] != "meetings" else "meeting date")
        of = f" of {whose}" if whose else (" in [meetings]" if loc and loc[0] == "meetings" else "")
        return f"the {what}{of} is '{shown}'; {DATE_FORMAT}"
    if kind in _EXPECTED:
        text = f"it is {error.get('input')!r}, but it should be {_EXPECTED[kind]}"
    if whose:
        if kind == "missing":
            return f"{whose} has no '{setting}'"
        if kind == "extra_forbidden":
            return f"'{setting}' in {whose} is not a setting this service knows (check the spelling)"
        return f"'{setting}' of {whose}: {text}" if setting else f"{whose}: {text}"
    if kind == "missing":
        return f"'{setting}' is missing from the configuration"
    if kind == "extra_forbidden":
        return f"'{setting}' is not a setting this service knows (check the spelling)"
    if kind == "union_tag_invalid":
        ctx = error.get("ctx", {})
        return (f"'{setting}.backend' is '{ctx.get('tag')}', which is not one of "
                f"{ctx.get('expected_tags', '').replace(chr(39), '')}")
    return f"'{setting}': {text}" if setting else f"{text[0].upper()}{text[1:]}"
