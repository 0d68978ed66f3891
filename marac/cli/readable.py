"""A parse result as a person reads it on a terminal (the `parse` command without --json)."""
from __future__ import annotations

from typing import Any


def _lines(prefix: str, value: Any) -> list[str]:
    if isinstance(value, dict):
        return [line for key, sub in value.items() for line in _lines(f"{prefix}.{key}" if prefix else key, sub)]
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return [line for i, sub in enumerate(value) for line in _lines(f"{prefix}[{i + 1}]", sub)]
        return [f"  {prefix}: {', '.join(map(str, value))}"] if value else []
    if value is None:
        return []
    shown = "yes" if value is True else "no" if value is False else str(value).replace("\n", " / ")
    return [f"  {prefix}: {shown}"]


def describe(result: dict[str, Any]) -> str:
    source = result["source"]
    forms = " and ".join(result["forms"]) or "no form recognised"
    out = [f"{source['filename']} ({source['kind']}): {forms}"]
    if result["referral"]:
        out += _lines("", result["referral"])
    if result["dash"]:
        answers = result["dash"]["answers"]
        marked = sum(1 for a in answers.values() if a is not None)
        out.append(f"  DASH: score {result['dash']['score']} ({marked} of {len(answers)} questions answered)")
    for p in result["problems"]:
        out.append(f"  {p.get('severity', 'error').upper()}: {p['message']}")
    return "\n".join(out)
