"""Label matching: what a reader found on the page (labels, person tables, DASH lines) tied to
canonical paths, with the synonym table of parsers/data/labels.toml.

`resolve` (resolver.py) does the tying; `load_table` (synonyms.py) loads the table, with an
administrator's additions; matcher.py says which path one label means; dash_questions.py says which
DASH question one printed line asks.
"""
from __future__ import annotations

from .matcher import LabelTable
from .resolver import resolve
from .synonyms import build_table, load_table, merge

__all__ = ["resolve", "load_table", "LabelTable", "build_table", "merge"]
