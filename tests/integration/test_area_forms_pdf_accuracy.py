"""The same area forms printed to PDF by LibreOffice: no wrong value without a problem, and accuracy
must not slip back. A Wingdings box is unreadable in these PDFs (LibreOffice here has no Wingdings and
prints every box alike), so those answers are missing with a warning, never guessed."""
from __future__ import annotations

from tests.corpus.areas import all_forms
from tests.corpus.areas.report import RIGHT, WRONG_SILENT, measure

FLOOR = 95.0


def test_pdfs_printed_from_word_read_without_silent_errors() -> None:
    scores = {key: s for key, s in measure(all_forms(), [1, 2, 3], pdf=True).items() if key[1] == "pdf"}
    silent = {key: s.wrong for (key, _), s in scores.items() if s.counts[WRONG_SILENT]}
    assert silent == {}
    right = sum(s.counts[RIGHT] for s in scores.values())
    total = sum(s.total for s in scores.values())
    assert 100 * right / total >= FLOOR
