"""Field accuracy of a parse against the invented values written on a corpus form, shared by the Word
and PDF layout tests. What parsing must give is worked out here independently of parsers.normalise."""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from parsers.fields import Kind, kind_of


def flat(text: Any) -> Any:
    return " ".join(text.split()) if isinstance(text, str) else text


def expected(path: str, value: Any) -> Any:
    kind = kind_of(path)
    if value is None or (isinstance(value, str) and not value.strip()):
        return [] if kind is Kind.LIST else None
    if isinstance(value, bool) or kind is Kind.ANSWER:
        return value
    if kind is Kind.DATE:
        return dt.datetime.strptime(value, "%d/%m/%Y").date().isoformat()
    if kind is Kind.INT:
        return int(value)
    if kind is Kind.LIST:
        return [flat(part) for part in value.split(";") if part.strip()]
    if path.endswith(".postcode"):
        return value.upper()
    return flat(value)


def lookup(parsed: dict[str, Any], path: str) -> Any:
    node: Any = parsed
    for part in path.split("."):
        if node is None:
            return None
        if isinstance(node, list):
            node = node[int(part)] if int(part) < len(node) else None
        else:
            node = node.get(part)
    return node


def comparable(value: Any) -> Any:
    return [comparable(v) for v in value] if isinstance(value, list) else flat(value)


def misses(parsed: dict[str, Any], values: dict[str, Any],
           paths: Iterable[str] | None = None) -> dict[str, tuple[Any, Any]]:
    """Every path the form carries whose parsed value differs: path -> (got, wanted)."""
    found = {}
    for path in (paths if paths is not None else values):
        want, got = expected(path, values.get(path)), comparable(lookup(parsed, path))
        if got != want:
            found[path] = (got, want)
    return found
