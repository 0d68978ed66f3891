"""parsers.pdf.table_parts.intersections_to_cells stands in for pdfplumber's own (the costliest step of
find_tables on a Word form's page): it must find the same cells, in the same order, for any ruling -
whole grids, merged cells, lines that stop short, stray strokes."""
from __future__ import annotations

import importlib.util
import random

import pdfplumber.table as plumber_table
import pytest

from parsers.pdf import tables  # noqa: F401 - installs the stand-in
from parsers.pdf.table_parts import intersections_to_cells


def _pdfplumbers_own():
    """pdfplumber's function as shipped (the module attribute is the stand-in once parsers.pdf.tables
    is imported)."""
    spec = importlib.util.find_spec("pdfplumber.table")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.intersections_to_cells


ORIGINAL = _pdfplumbers_own()


def _edge(x0: float, top: float, x1: float, bottom: float) -> dict:
    orientation = "h" if top == bottom else "v"
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
            "orientation": orientation, "object_type": "line"}


def _ruling(rng: random.Random) -> list[dict]:
    """A form's table: rows of cells whose dividers differ row to row, some lines left out, a few
    strokes that are no part of it."""
    edges: list[dict] = []
    left, right = 72.0, 72.0 + rng.choice((300, 450))
    top = 72.0
    for _ in range(rng.randint(1, 12)):
        height = rng.choice((12.0, 14.5, 26.0, 40.0))
        edges.append(_edge(left, top, right, top))
        cuts = sorted(rng.sample(range(int(left) + 20, int(right) - 20, 10), rng.randint(0, 4)))
        for x in [left, *map(float, cuts), right]:
            if rng.random() > 0.08:  # now and then a side not drawn
                edges.append(_edge(x, top, x, top + height))
        top += height
    edges.append(_edge(left, top, right, top))
    for _ in range(rng.randint(0, 3)):  # a tick box's sides, an underline
        x, y = rng.uniform(left, right), rng.uniform(72, top)
        edges.append(_edge(x, y, x + 8, y))
        edges.append(_edge(x, y, x, y + 8))
    return edges


@pytest.mark.parametrize("seed", range(60))
def test_same_cells_as_pdfplumber(seed: int) -> None:
    edges = plumber_table.merge_edges(_ruling(random.Random(seed)), 3, 3, 3, 3)
    points = plumber_table.edges_to_intersections(edges, 3, 3)
    assert intersections_to_cells(points) == ORIGINAL(points)


def test_find_tables_uses_the_stand_in() -> None:
    assert plumber_table.intersections_to_cells is intersections_to_cells
