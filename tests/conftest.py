"""Shared fixtures: invented referrals, real files made by the form builders, and the CLI run as a user
runs it (a real process with its own --home)."""
from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from generators.fake_referrals import DOCX, PDF, invented_referral, referral_email
from generators.forms.docx_form import build_referral_docx
from generators.forms.pdf_fill import fill_referral_pdf
from generators.forms.pdf_form import build_referral_pdf

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "docs" / "referral.schema.json"
LOCAL_CONFIG = ROOT / "mailbox_config" / "local.toml"


@pytest.fixture(scope="session")
def blank_pdf() -> bytes:
    return build_referral_pdf()


@pytest.fixture
def rng() -> random.Random:
    return random.Random(20261122)


@pytest.fixture
def pdf_referral(blank_pdf: bytes) -> Callable[[dict], bytes]:
    return lambda values: fill_referral_pdf(blank_pdf, values)


@pytest.fixture
def docx_referral() -> Callable[[dict], bytes]:
    return build_referral_docx


def run_cli(home: Path, *args: str, config: Path = LOCAL_CONFIG, timeout: float = 120,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "run.py"), "--config", str(config), "--home", str(home),
                           *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def write_config(tmp_path: Path, replace: dict[str, str] | None = None, append: str = "") -> Path:
    """A copy of the local configuration with some settings changed, as an administrator would."""
    text = LOCAL_CONFIG.read_text()
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "config.toml"
    path.write_text(text + append)
    return path


__all__ = ["DOCX", "PDF", "invented_referral", "referral_email", "run_cli", "write_config", "ROOT", "SCHEMA"]


INTEGRATION = ROOT / "tests" / "integration"


def _uses_libreoffice(item: pytest.Item) -> bool:
    """A unit file's test that starts LibreOffice (a skip-if-missing mark names it, or it reads the
    LibreOffice-exported layout) is slow and needs the real program: it belongs to the integration run."""
    reasons = " ".join(str(m.kwargs.get("reason", "")) for m in item.iter_markers("skipif"))
    return "LibreOffice" in reasons or "word-export" in item.nodeid


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if INTEGRATION in Path(str(item.fspath)).parents or _uses_libreoffice(item):
            item.add_marker(pytest.mark.integration)


# The private PostgreSQL and the store fixtures parametrised over both backends (tests/pg.py).
from tests.pg import pg_url, store_conn, store_opener  # noqa: E402,F401 - fixtures
