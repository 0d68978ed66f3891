"""Held-out area forms: real areas' MARAC referral layouts the reader is NOT developed against.

Same shape as `tests.corpus.areas` (one module per area, each defining `FORMS`, a list of `AreaForm`),
but a separate package, so work on the development corpus in `tests/corpus/areas/` never sees these
layouts. Only label wording and layout are taken from the published forms (each module's `SOURCE`);
every person, place, number and date is invented (`tests.corpus.areas.case`). Measure with

    .venv/bin/python -m tests.corpus.heldout.report [--no-pdf] [--show-wrong]
"""
from __future__ import annotations

from tests.corpus.areas import AreaForm, forms_in


def all_forms() -> list[AreaForm]:
    return forms_in(__name__, __path__)
