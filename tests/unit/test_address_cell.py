"""An adult's "Address/Tel No" cell in a table of the household, as referrers type it and as a PDF runs it on: the
address with its postcode, the number apart, and "Tel: not known" neither. All addresses are invented."""
from __future__ import annotations

import pytest

from parsers.labels.address_cell import address_and_phone

ADDRESS = "9 Sample Road, Exampletown, EX2 2BB"


@pytest.mark.parametrize(("cell", "phone"), [
    (f"{ADDRESS}\nTel: not known", None),
    (f"{ADDRESS} Tel: not known", None),  # a PDF's cell, run on
    (f"{ADDRESS}\nTel: 0117 496 0001", "0117 496 0001"),
    (f"{ADDRESS} Tel: 0117 496 0001", "0117 496 0001"),
    (f"{ADDRESS}\n0117 496 0001", "0117 496 0001"),
    (f"{ADDRESS} (does not live at the child's address)", None),
])
def test_the_address_and_the_number_apart(cell: str, phone: str | None) -> None:
    assert address_and_phone(cell) == (ADDRESS, phone)
