"""The packaged synonym table (data/labels.toml), read in one place.

The label matcher (parsers.labels) builds its table on it; the format readers and table rules also consult
its words where a layout gives no other cue (a label with no colon, a header word broken in a narrow cell,
a heading of people who are not the referral's). They sit below the matcher, so they read the data, not
the matcher.
"""
from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Any


@functools.lru_cache(maxsize=1)
def values_text() -> str:
    """The answers' vocabulary (data/values.toml): yes / no words, relationships, placeholders, value splitters."""
    return resources.files("parsers").joinpath("data", "values.toml").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def labels_text() -> str:
    return resources.files("parsers").joinpath("data", "labels.toml").read_text(encoding="utf-8")


def labels_data() -> dict[str, Any]:
    """A fresh parse each call: callers merge into it and cache what they build from it."""
    return tomllib.loads(labels_text())
