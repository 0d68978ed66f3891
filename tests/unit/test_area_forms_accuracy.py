"""The reader on forms laid out as real areas' published forms are (tests/corpus/areas/), Word files as
Word saves them: no value may come back wrong without a problem, and accuracy must not slip back.
The per-form table is `python -m tests.corpus.areas.report`; the PDF side is an integration test."""
from __future__ import annotations

from tests.corpus.areas import all_forms
from tests.corpus.areas.report import MISSING, RIGHT, WRONG_SILENT, measure

FLOOR = 98.0  # percent of values right over the whole corpus (issue 11 aims at 99)


def test_no_value_is_wrong_without_a_problem_and_accuracy_holds() -> None:
    scores = measure(all_forms(), [1, 2, 3], pdf=False)
    silent = {key: s.wrong for (key, _), s in scores.items() if s.counts[WRONG_SILENT]}
    assert silent == {}
    right = sum(s.counts[RIGHT] for s in scores.values())
    total = sum(s.total for s in scores.values())
    assert 100 * right / total >= FLOOR, {key: s.counts[MISSING] for (key, _), s in scores.items()}
