"""What OCR leaves in a value that the plausibility rules (shared with the typed readers) must not pass
unseen: a gender answer with a stray character beside it ("FX": the "F" kept and the struck-out "M"
misread as an "X"). Invented values. If this broke, a scanned form's misread gender would reach the
coordinator as if it were what the referrer wrote."""
from __future__ import annotations

import pytest

from parsers.plausible import check


def _warned(gender: str) -> list[str]:
    result = check({"referral": {"victim": {"name": "Ana SOUSA", "gender": gender}}, "problems": []})
    return [p["field"] for p in result["problems"]]


@pytest.mark.parametrize("gender", ["FX", "MI", "F!"])
def test_a_gender_answer_with_a_stray_character_is_said(gender: str) -> None:
    assert _warned(gender) == ["referral.victim.gender"]


@pytest.mark.parametrize("gender", ["F", "Female", "male", "NB", "Non-binary", "Transgender woman"])
def test_a_gender_as_written_is_not_doubted(gender: str) -> None:
    assert _warned(gender) == []
