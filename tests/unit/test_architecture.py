"""The shape of the house, kept by tests so it cannot silently rot: SQL only in the store, modules small
enough to read in one sitting."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("marac", "intake", "parsers", "generators")
SQL = re.compile(r"""["'](?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA)\s""")
MAX_LINES = 360  # "about 350": a module a newcomer can read in one sitting


def _modules() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


def test_every_sql_statement_lives_in_the_store() -> None:
    store = ROOT / "marac" / "store"
    outside = [f"{p.relative_to(ROOT)}:{n}" for p in _modules() if store not in p.parents
               for n, line in enumerate(p.read_text().splitlines(), 1) if SQL.search(line)]
    assert outside == []


def test_no_module_is_too_long_to_read() -> None:
    long = {str(p.relative_to(ROOT)): n for p in _modules() if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert long == {}
