"""Fresh area forms, eleventh set: a thirteenth blind check (issue 11: "checked against forms from areas that are not in
your corpus") on real published forms that none of the development corpus (`tests/corpus/areas/`), the held-out set
(`heldout/`), the unseen set (`unseen/`), the blind set (`blind/`) or the first ten fresh sets (`fresh/` to
`fresh10/`) has, built and measured before anyone tunes the reader on them.

Same shape as `tests.corpus.fresh10` (one module per form, each defining `SOURCE` and `FORMS`, a list of `AreaForm`).
Only label wording and layout are taken from the published forms (each module's `SOURCE`); every person, place,
number and date is invented (`tests.corpus.areas.case`). The expected values are what the form says, read by a
careful person; they are never adjusted to the reader. Measure with

    .venv/bin/python -m tests.corpus.fresh11.report [--no-pdf] [--show-wrong]
"""
from __future__ import annotations

from tests.corpus.areas import AreaForm, forms_in


def all_forms() -> list[AreaForm]:
    return forms_in(__name__, __path__)
