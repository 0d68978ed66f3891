"""A page's tinted cells lightened to paper before OCR, so the words printed on them are read.

A form's title rows are printed on a mid-grey or coloured tint ("Victim", "Perpetrator", "Referred
By" on a blue bar). Scanned, the tint comes back a grey some way between paper and ink, speckled by
the scanner's noise; Tesseract's own threshold (one for the whole page) then takes the tint and its
speckles for ink and the title's letters drown in it. A 150-dpi scan loses them all, and with them
whose fields follow, so a perpetrator's box is read as the victim's. Dividing each pixel by the
paper's grey around it (its background, measured in tiles as the lighter pixels of each) turns a tint
into paper and leaves its letters dark, which Tesseract reads as it reads black on white. A page
with no tint is handed on as it was.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

TILE = 0.06  # inches: the background is measured in tiles this size, smaller than a title row is high
PERCENTILE = 85  # a tile's background: its lighter pixels (the tint or paper round the letters)
# A tile is on a tint when even its lightest pixels (this percentile: the scanner's noise aside) are
# TINTED grey levels darker than the page's paper: a tile of black letters on paper still has paper in it.
LIGHTEST = 97
TINTED = 8
# And its background this much darker than paper: a light tint (a pale label column) Tesseract reads
# through as it is, and lightened in patches where the noise crosses the line it would come out blotched.
DARKER = 16
DARKEST_TINT = 100  # a background darker than this is a solid bar of ink (white letters on black): left


def untinted(image: Image.Image, dpi: float) -> Image.Image:
    """The page with each tinted area's background brought up to the page's paper, its ink as dark as
    it was in proportion; the page itself when it has no tint."""
    pixels = np.asarray(image)
    tile = max(4, int(TILE * dpi))
    rows, cols = pixels.shape[0] // tile, pixels.shape[1] // tile
    if rows < 2 or cols < 2:
        return image
    tiles = pixels[:rows * tile, :cols * tile].reshape(rows, tile, cols, tile).transpose(0, 2, 1, 3)
    ranks = [int(share / 100 * (tile * tile - 1)) for share in (PERCENTILE, LIGHTEST)]
    ordered = np.partition(tiles.reshape(rows, cols, tile * tile), ranks, axis=2)
    grid, lightest = ordered[..., ranks[0]], ordered[..., ranks[1]]
    paper = int(np.percentile(grid, 90))
    tint = (lightest < paper - TINTED) & (grid < paper - DARKER) & (grid >= DARKEST_TINT)
    if not tint.any():
        return image
    grid = np.where(tint, grid, paper).astype(np.uint8)
    background = np.full(pixels.shape, paper, dtype=np.uint8)
    background[:rows * tile, :cols * tile] = np.asarray(
        Image.fromarray(grid).resize((cols * tile, rows * tile), Image.Resampling.BILINEAR))
    tinted = background < paper - TINTED // 2
    out = pixels.copy()
    out[tinted] = np.clip(pixels[tinted] * (paper / background[tinted].astype(np.float32)), 0, 255).astype(np.uint8)
    return Image.fromarray(out, "L")
