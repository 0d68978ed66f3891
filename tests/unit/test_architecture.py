"""The shape of the house, kept by tests so it cannot silently rot: SQL only in the store, modules small
enough to read in one sitting, the referral schema the project ships in step with the shared one."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

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


def _keys(schema: object, path: str = "") -> set[str]:
    found: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            found.add(f"{path}/{key}")
            found |= _keys(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            found |= _keys(value, f"{path}/{i}")
    return found


def test_the_projects_schema_has_every_key_of_the_shared_one() -> None:
    """Keys are only ever added to the shared schema: the project's copy must hold all of them."""
    shared = ROOT.parent / "shared" / "spec" / "referral.schema.json"
    if not shared.exists():
        pytest.skip("no shared/ beside this clone: the project's own copy is used")
    ours = json.loads((ROOT / "docs" / "referral.schema.json").read_text())
    theirs = json.loads(shared.read_text())
    properties = {k for k in _keys(theirs) if "/properties/" in k}
    assert sorted(properties - _keys(ours)) == []
