"""What a scanned page shows besides words, found in its pixels with numpy: the ruled lines of its
tables, its tick boxes (a small square: box found; the ink inside it: fill measured), and how heavy
each word's strokes are (bold headings and labels are read as bold in a PDF).

A scanner blurs a one-point rule into a band a few pixels high, and what was straight on paper leans
by a pixel or two over a page width even after deskewing, so lines are found as long runs of ink in a
band of rows (or columns) and the runs of neighbouring rows merged. Sizes are in inches and turned
into pixels by the page's resolution, so a 150-dpi scan and a 300-dpi one are read alike.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

INK_LEVEL = (90, 170)  # the ink/paper threshold (Otsu's) is kept within these grey levels
MIN_RULE = 0.30  # inches: a shorter run of ink is a letter, not a rule
MIN_UPRIGHT = 0.15  # inches: an upright rule (a table's cell side) must also meet a horizontal rule
BOX_SIDE = (0.075, 0.22)  # inches: a tick box is a square of about 5.5 to 16 points
TICKED_FILL = 0.10  # share of a box's inside that is ink: at or above it the box is ticked
EMPTY_FILL = 0.04  # at or below it the box is empty; between the two nobody can say for sure
RING_INK = 0.35  # more ink than this just inside a square's sides: a letter's thick strokes
SHADE_TILE = 0.08  # inches
SHADE_PERCENTILE = 80  # the grey behind a tile's text: its lighter pixels
SHADE_STEP = 6  # grey levels darker than the page's paper: a tint (a light grey header is about 13)
SHADE_INK = 120  # darker than this is ink, not a tint
MIN_GROUP = 0.1  # each weight (plain and bold) holds at least this share of a page's words
BOLD_RATIO = 1.3  # strokes this much heavier than the page's usual are bold
LETTERS_BESIDE = (0.3, 0.85)  # share of ink just beside a long run that says letters, not a tint or paper
STRUCK_COVER = 0.75  # an unbroken run of ink this share of a word's width, in its middle, is a line through it


@dataclass(frozen=True)
class Rule:
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class TickBox:
    x0: int
    top: int
    x1: int
    bottom: int
    fill: float  # share of the inside that is ink

    @property
    def ticked(self) -> bool:
        return self.fill >= TICKED_FILL

    @property
    def doubtful(self) -> bool:
        return EMPTY_FILL < self.fill < TICKED_FILL


def ink(pixels: np.ndarray) -> np.ndarray:
    """True where the page is ink: Otsu's threshold on the grey levels, kept within INK_LEVEL so a page
    of shaded boxes or a nearly blank page is not split at a silly level."""
    histogram = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256)
    weight = np.cumsum(histogram)
    mean = np.cumsum(histogram * levels)
    total, total_mean = weight[-1], mean[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total_mean * weight - mean * total) ** 2 / (weight * (total - weight))
    level = int(np.nanargmax(between[:-1])) if total else 128
    return pixels < min(max(level, INK_LEVEL[0]), INK_LEVEL[1])


def _runs(mask: np.ndarray, shortest: int, longest: int | None = None) -> list[tuple[int, int, int]]:
    """(row, start, end) of each run of True in each row, of length shortest..longest."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    change = np.diff(padded, axis=1)
    rows, starts = np.nonzero(change == 1)
    _, ends = np.nonzero(change == -1)
    length = ends - starts
    keep = length >= shortest if longest is None else (length >= shortest) & (length <= longest)
    return list(zip(rows[keep].tolist(), starts[keep].tolist(), ends[keep].tolist()))


def _merge(runs: list[tuple[int, int, int]]) -> list[tuple[float, float, float, float]]:
    """Runs in neighbouring rows that overlap -> one rule (x0, top, x1, bottom) in pixels."""
    open_: list[list[float]] = []
    done: list[list[float]] = []
    for row, start, end in sorted(runs):
        still = []
        joined = False
        for rule in open_:
            if row - rule[3] > 2:
                done.append(rule)
                continue
            if not joined and start < rule[2] and end > rule[0]:
                rule[0], rule[2], rule[3] = min(rule[0], start), max(rule[2], end), row
                joined = True
            still.append(rule)
        if not joined:
            still.append([start, row, end, row])
        open_ = still
    return [(r[0], r[1], r[2], r[3] + 1) for r in done + open_]


def _paper_beside(mask: np.ndarray, rule: tuple[float, float, float, float], horizontal: bool) -> bool:
    """Paper on at least one side of a rule: in a dark tinted band (a header row printed in grey) the
    whole band reads as ink, and runs through it are not lines."""
    x0, top, x1, bottom = (int(v) for v in rule)
    if horizontal:
        sides = [mask[max(0, top - 5):max(0, top - 2), x0:x1], mask[bottom + 2:bottom + 5, x0:x1]]
    else:
        sides = [mask[top:bottom, max(0, x0 - 5):max(0, x0 - 2)], mask[top:bottom, x1 + 2:x1 + 5]]
    shares = [float(side.mean()) for side in sides if side.size]
    if horizontal and any(LETTERS_BESIDE[0] <= share <= LETTERS_BESIDE[1] for share in shares):
        # Patchy ink along one side: the top or foot of a line of letters run together (a low-resolution
        # scan enlarged blurs them into one run), not a rule. Painted out as one, it would take the
        # letters with it. A tint's band beside a rule reads as solid ink; a table's cell as paper.
        return False
    return any(share < 0.5 for share in shares)


def rules(mask: np.ndarray, dpi: float) -> list[Rule]:
    """The page's ruled lines: long horizontal runs, and upright ones that meet them."""
    banded = mask.copy()
    banded[1:] |= mask[:-1]
    banded[:-1] |= mask[1:]
    across = [r for r in _merge(_runs(banded, int(MIN_RULE * dpi))) if r[3] - r[1] <= 0.05 * dpi]
    upright_band = mask.T.copy()
    upright_band[1:] |= mask.T[:-1]
    upright_band[:-1] |= mask.T[1:]
    # In the turned-over mask a run's row is the page's x, and its start and end the page's y.
    down = [(x0, y0, x1, y1) for y0, x0, y1, x1 in _merge(_runs(upright_band, int(MIN_UPRIGHT * dpi)))
            if x1 - x0 <= 0.05 * dpi]
    across = [a for a in across if _paper_beside(mask, a, horizontal=True)]
    down = [d for d in down if _paper_beside(mask, d, horizontal=False)]
    slack = 0.03 * dpi
    meets = [d for d in down if any(a[0] - slack <= (d[0] + d[2]) / 2 <= a[2] + slack
                                    and (abs(a[1] - d[1]) <= slack or abs(a[3] - d[3]) <= slack
                                         or d[1] - slack <= a[1] <= d[3] + slack) for a in across)]
    return [Rule(*r) for r in across] + [Rule(*r) for r in meets]


def tick_boxes(mask: np.ndarray, dpi: float) -> list[TickBox]:
    """Small squares: a top side with a bottom side as far below as it is long, and both upright sides."""
    # Rounded up: at 150 dpi a bold capital of 11-point type (a "D", 11 pixels) is just under a box's least side.
    shortest, longest = math.ceil(BOX_SIDE[0] * dpi), int(BOX_SIDE[1] * dpi)
    runs = _runs(mask, shortest, longest)
    by_row: dict[int, list[tuple[int, int]]] = {}
    for row, start, end in runs:
        by_row.setdefault(row, []).append((start, end))
    tol = max(2, int(0.012 * dpi))
    found: list[TickBox] = []
    for row, start, end in runs:
        side = end - start
        if any(b.x0 - tol <= start <= b.x0 + tol and b.top - tol <= row <= b.bottom for b in found[-20:]):
            continue  # a lower row of a side already taken
        bottom = next((r for r in range(row + side - tol, row + side + tol + 1)
                       for s, e in by_row.get(r, ()) if abs(s - start) <= tol and abs(e - end) <= tol), None)
        if bottom is None:
            # A box set flush under a table's ruled line: its top side is part of the line's longer run, so
            # only its bottom side is a run of a box's length. Its top is the inked row a side's length above.
            top = next((r for r in range(row - side - tol, row - side + tol + 1)
                        if 0 <= r and mask[r, start:end].mean() > 0.9), None)
            if top is None or any(abs(b.x0 - start) <= tol and abs(b.bottom - 1 - row) <= tol for b in found[-20:]):
                continue
            row, bottom = top, row
        if not _square_sides(mask, row, bottom, start, end):
            continue
        inset = max(2, int(side * 0.2))
        inside = mask[row + inset:bottom - inset, start + inset:end - inset]
        found.append(TickBox(start, row, end, bottom + 1, float(inside.mean()) if inside.size else 0.0))
    return found


def _thickness(profile: np.ndarray) -> int:
    """How many rows (or columns) from the edge are nearly all ink: a side's thickness."""
    thin = profile < 0.8
    return int(np.argmax(thin)) if thin.any() else len(profile)


def _square_sides(mask: np.ndarray, top: int, bottom: int, x0: int, x1: int) -> bool:
    """Both upright sides inked, square corners, all four sides thin, and just inside them paper (bar a cross's ends):
    a letter such as a bold D or O has thick strokes that fill the band inside its outline."""
    side = x1 - x0
    left = mask[top:bottom, max(0, x0 - 1):x0 + 2].any(axis=1).mean()
    right = mask[top:bottom, max(0, x1 - 2):x1 + 1].any(axis=1).mean()
    if left < 0.85 or right < 0.85:
        return False
    corner = max(2, int(0.08 * side))  # square corners are inked; a round letter's are paper
    if not all(mask[y0:y0 + corner, c0:c0 + corner].any() for y0 in (top, bottom - corner + 1)
               for c0 in (x0, x1 - corner)):
        return False
    part = mask[top:bottom + 1, x0:x1 + 1]
    thick = [_thickness(part.mean(axis=1)), _thickness(part.mean(axis=0)), _thickness(part.mean(axis=0)[::-1])]
    if max(thick) > 0.15 * side + 1:
        return False
    thickness = thick[0]
    inner = max(thickness + 1, int(0.12 * side))
    band = max(2, int(0.25 * side) - inner)
    ring = np.concatenate([
        mask[top + inner:top + inner + band, x0 + inner:x1 - inner].ravel(),
        mask[bottom - inner - band:bottom - inner, x0 + inner:x1 - inner].ravel(),
        mask[top + inner:bottom - inner, x0 + inner:x0 + inner + band].ravel(),
        mask[top + inner:bottom - inner, x1 - inner - band:x1 - inner].ravel()])
    if ring.size == 0 or float(ring.mean()) >= RING_INK:
        return False
    # Just outside the sides, paper too: the square is not the inside of a thick letter's outline.
    gap = max(2, int(0.1 * side))
    outside = np.concatenate([mask[top + gap:bottom - gap, max(0, x0 - 2 * gap):max(0, x0 - gap)].ravel(),
                              mask[top + gap:bottom - gap, x1 + gap:x1 + 2 * gap].ravel(),
                              mask[max(0, top - 2 * gap):max(0, top - gap), x0 + gap:x1 - gap].ravel()])
    if outside.size and float(outside.mean()) >= RING_INK:
        return False
    # Ink hard against both sides at mid-height: a letter inside a word (R, B, D), not a box beside one.
    reach = max(2, int(0.2 * side))
    middle = slice(top + side // 3, bottom - side // 3)
    return not (mask[middle, max(0, x0 - reach):max(0, x0 - 1)].any() and mask[middle, x1 + 2:x1 + reach].any())


def shaded_areas(pixels: np.ndarray, dpi: float) -> list[Rule]:
    """Areas printed in a grey tint (a table's header cells), in pixels: tiles a little darker than the
    page's paper and lighter than ink, joined along rows and then down, as rectangles. A tile's lighter pixels are
    the shade behind any text on it."""
    tile = max(4, int(SHADE_TILE * dpi))
    rows, cols = pixels.shape[0] // tile, pixels.shape[1] // tile
    grid = np.percentile(pixels[:rows * tile, :cols * tile].reshape(rows, tile, cols, tile).transpose(0, 2, 1, 3)
                         .reshape(rows, cols, tile * tile), SHADE_PERCENTILE, axis=2)
    paper = float(np.percentile(grid, 90)) if grid.size else 255.0  # most of a page is bare paper
    tinted = (grid < paper - SHADE_STEP) & (grid > SHADE_INK)
    for _ in range(2):  # a tile darkened by bold text inside a tinted cell is tinted too
        closed = tinted.copy()
        closed[1:-1, :] |= tinted[:-2, :] & tinted[2:, :]
        closed[:, 1:-1] |= tinted[:, :-2] & tinted[:, 2:]
        tinted = closed
    open_: dict[tuple[int, int], list[int]] = {}  # (first col, last col) -> [first row, last row]
    done: list[list[int]] = []
    for r in range(rows):
        runs = _runs(tinted[r:r + 1], 2)
        seen = set()
        for _, start, end in runs:
            key = next((k for k in open_ if abs(k[0] - start) <= 1 and abs(k[1] - end) <= 1), (start, end))
            open_.setdefault(key, [r, r])[1] = r
            seen.add(key)
        for key in [k for k in open_ if k not in seen]:
            done.append([key[0], open_[key][0], key[1], open_.pop(key)[1] + 1])
    done += [[k[0], v[0], k[1], v[1] + 1] for k, v in open_.items()]
    return [Rule(c0 * tile, r0 * tile, c1 * tile, r1 * tile) for c0, r0, c1, r1 in done if r1 - r0 >= 2]


def snapped_to_rules(areas: list[Rule], found_rules: list[Rule], dpi: float) -> list[Rule]:
    """Tinted areas with each side moved onto the ruled line it stands for. The tint is measured in
    tiles (SHADE_TILE), so its sides fall up to a tile off the cell's; redrawn there, they would be
    lines of their own to the PDF reader, cutting a label's cell from its value's or making the tint a
    highlight. A side with no ruled line near it (a tint outside any table) stays where it is."""
    reach = 1.6 * max(4, int(SHADE_TILE * dpi))
    lying = [((r.top + r.bottom) / 2, r.x0, r.x1) for r in found_rules if r.x1 - r.x0 >= r.bottom - r.top]
    upright = [((r.x0 + r.x1) / 2, r.top, r.bottom) for r in found_rules if r.x1 - r.x0 < r.bottom - r.top]

    def nearest(at: float, lines: list[tuple[float, float, float]], start: float, end: float) -> float:
        # A rule that runs along the side for at least half of it: the cell's own side, not a rule beyond.
        near = [pos for pos, a, b in lines
                if abs(pos - at) <= reach and min(b, end) - max(a, start) >= 0.5 * (end - start)]
        return min(near, key=lambda pos: abs(pos - at), default=at)

    out = []
    for area in areas:
        x0 = nearest(area.x0, upright, area.top, area.bottom)
        x1 = nearest(area.x1, upright, area.top, area.bottom)
        top = nearest(area.top, lying, area.x0, area.x1)
        bottom = nearest(area.bottom, lying, area.x0, area.x1)
        if x1 <= x0 or bottom <= top:
            continue
        # One tint per cell, as a printed table has it: the lines across cut it into rows, then each row
        # is cut by the lines down that cross that row (a title row spanning the table is not cut).
        ys = [top] + sorted(p for p, a, b in lying if top + reach < p < bottom - reach
                            and min(b, x1) - max(a, x0) >= 0.5 * (x1 - x0)) + [bottom]
        for upper, lower in pairwise(ys):
            xs = [x0] + sorted(p for p, a, b in upright if x0 + reach < p < x1 - reach
                               and min(b, lower) - max(a, upper) >= 0.8 * (lower - upper)) + [x1]
            out += [Rule(left, upper, right, lower) for left, right in pairwise(xs)]
    return out


def bold_flags(weights: list[float]) -> list[bool]:
    """Which words are bold: the weights split in two where the groups differ most (Otsu's rule on the
    words), and the heavier group bold only if its strokes are BOLD_RATIO times the lighter's."""
    if len(weights) < 2:
        return [False] * len(weights)
    # A dash, a speck or a row of dots read as a word has a weight of its own: the 5 % lightest and
    # heaviest do not set the split.
    floor, ceiling = float(np.percentile(weights, 5)), float(np.percentile(weights, 95))
    weights = [min(max(w, floor), ceiling) for w in weights]
    ordered = sorted(weights)
    best, split = -1.0, ordered[0]
    total = sum(ordered)
    running = 0.0
    for index, weight in enumerate(ordered[:-1], start=1):
        running += weight
        light, heavy = running / index, (total - running) / (len(ordered) - index)
        between = index * (len(ordered) - index) * (heavy - light) ** 2
        if between > best:
            best, split, means = between, weight, (light, heavy)
    bold = [w > split for w in weights]
    if best <= 0 or means[1] < BOLD_RATIO * means[0] or not MIN_GROUP <= sum(bold) / len(bold) <= 1 - MIN_GROUP:
        return [False] * len(weights)  # one weight throughout, or a few odd words: nothing is bold
    return bold


def struck_row(mask: np.ndarray, box: tuple[int, int, int, int], cover: float = STRUCK_COVER) -> int | None:
    """The row of a line drawn through the word's letters ("Yes / No" with the No struck through): a row in
    the letters' middle band that is ink across `cover` of the word's width, or None."""
    x0, top, x1, bottom = box
    height, width = bottom - top, x1 - x0
    if width < 3 or height < 4:
        return None
    band = mask[top + int(0.3 * height):bottom - int(0.2 * height), x0:x1]
    if band.size == 0:
        return None
    # The longest unbroken run of ink in each row: letters' strokes side by side leave gaps between them.
    padded = np.zeros((band.shape[0], band.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = band
    change = np.diff(padded, axis=1)
    longest = [int((np.nonzero(row == -1)[0] - np.nonzero(row == 1)[0]).max(initial=0)) for row in change]
    best = int(np.argmax(longest))
    return top + int(0.3 * height) + best if longest[best] >= cover * width else None


def stroke_weight(mask: np.ndarray, box: tuple[int, int, int, int], size: float) -> float:
    """Mean length of the runs of ink across the word's rows, over its letter size: heavier for bold."""
    x0, top, x1, bottom = box
    part = mask[top:bottom, x0:x1]
    if part.size == 0 or bottom <= top:
        return 0.0
    runs = int((np.diff(part.astype(np.int8), axis=1) == 1).sum() + part[:, 0].sum())
    return float(part.sum()) / max(runs, 1) / max(size, 1.0)

