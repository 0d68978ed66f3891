"""How well the service reads the ELEVENTH fresh set of area forms (layouts in none of the development, held-out,
unseen, blind or first ten fresh corpora): the same table as `tests.corpus.areas.report`, per form and format,
right / wrong with a problem / wrong silently / missing.

    .venv/bin/python -m tests.corpus.fresh11.report [--seeds 1 2 3] [--no-pdf] [--show-wrong] [--only KEY ...]
"""
from __future__ import annotations

import sys

from tests.corpus.areas.report import main
from tests.corpus.fresh11 import all_forms

if __name__ == "__main__":
    sys.exit(main(forms_of=all_forms, description=__doc__))
