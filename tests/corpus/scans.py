"""Scans and photographs of filled forms, made the way a referrer's scanner or phone makes them.

A form's PDF (a corpus layout printed by LibreOffice, or the service's own form) is rendered page by
page with pdfium at the scanner's resolution, turned a little (paper never goes in straight), blurred
(focus) and speckled (sensor noise and dust), then saved as an image-only PDF (what a multifunction
printer emails) or as JPEGs (what a phone sends). A handwritten-style page writes the values with a
wobbling, slanted hand over the typed labels. Seeded: the same scan every run. Invented data only.
"""
from __future__ import annotations

import io
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HAND_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf"
TYPED_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@dataclass(frozen=True)
class Damage:
    """What the scanner did to the page."""
    angle: float = 1.5  # degrees, either way
    blur: float = 0.6  # Gaussian radius in pixels at 300 dpi (scaled with the resolution)
    noise: float = 8.0  # standard deviation of the grey-level noise
    specks: int = 300  # dust specks per A4 page


def render(pdf: bytes, dpi: int, pages: int | None = None) -> list[Image.Image]:
    """The PDF's pages as greyscale images at `dpi`, as the scanner's glass sees the paper."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        count = len(document) if pages is None else min(pages, len(document))
        return [document[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(count)]
    finally:
        document.close()


def degrade(image: Image.Image, dpi: int, seed: int, damage: Damage = Damage()) -> Image.Image:
    """Turn, blur and speckle one page image (Pillow and numpy only)."""
    rng = random.Random(seed)
    angle = damage.angle * rng.choice((-1, 1)) * rng.uniform(0.7, 1.0)
    turned = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    blurred = turned.filter(ImageFilter.GaussianBlur(damage.blur * dpi / 300))
    pixels = np.asarray(blurred, dtype=np.float32)
    noise = np.random.default_rng(seed).normal(0.0, damage.noise, pixels.shape)
    pixels = np.clip(pixels + noise, 0, 255)
    height, width = pixels.shape
    for _ in range(damage.specks):
        y, x = rng.randrange(height - 3), rng.randrange(width - 3)
        pixels[y:y + rng.randint(1, 2), x:x + rng.randint(1, 2)] = rng.randint(0, 120)
    return Image.fromarray(pixels.astype(np.uint8), "L")


def as_pdf(images: list[Image.Image], dpi: int) -> bytes:
    """An image-only PDF, one JPEG-compressed image per page, as a scanner emails it."""
    out = io.BytesIO()
    first, *rest = [im.convert("L") for im in images]
    first.save(out, "PDF", resolution=float(dpi), save_all=True, append_images=rest, quality=85)
    return out.getvalue()


def as_jpeg(image: Image.Image, dpi: int | None = None, quality: int = 85) -> bytes:
    """One page as a phone or scanner saves it; a phone's photo carries no resolution."""
    out = io.BytesIO()
    extra = {"dpi": (dpi, dpi)} if dpi else {}
    image.convert("RGB").save(out, "JPEG", quality=quality, **extra)
    return out.getvalue()


def scanned_pdf(pdf: bytes, dpi: int, seed: int = 1, pages: int | None = None, damage: Damage = Damage()) -> bytes:
    """The whole form scanned to one image-only PDF."""
    return as_pdf([degrade(page, dpi, seed + i, damage) for i, page in enumerate(render(pdf, dpi, pages))], dpi)


def photographed(pdf: bytes, dpi: int, seed: int = 1, pages: int | None = None,
                 damage: Damage = Damage()) -> list[bytes]:
    """Each page photographed to a JPEG of its own, with no resolution in the file."""
    return [as_jpeg(degrade(page, dpi, seed + i, damage)) for i, page in enumerate(render(pdf, dpi, pages))]


def handwritten_page(pairs: list[tuple[str, str]], dpi: int = 200, seed: int = 1) -> bytes:
    """An A4 page of typed labels whose values are written by hand: each letter slanted, sized and set
    on its own wobbling baseline in blue ink, the way a form filled in with a biro looks. JPEG bytes."""
    rng = random.Random(seed)
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    label_font = ImageFont.truetype(TYPED_FONT, int(0.15 * dpi))
    top = int(1.0 * dpi)
    for label, value in pairs:
        draw.text((int(0.8 * dpi), top), f"{label}:", font=label_font, fill=0)
        x = int(3.2 * dpi)
        for letter in value:
            size = int(0.2 * dpi * rng.uniform(0.8, 1.3))
            glyph = Image.new("L", (size * 2, size * 2), 0)
            ImageDraw.Draw(glyph).text((size // 2, size // 3), letter, font=ImageFont.truetype(HAND_FONT, size),
                                       fill=255, stroke_width=max(1, dpi // 150))
            glyph = glyph.rotate(rng.uniform(-25, 25), resample=Image.Resampling.BICUBIC)
            y = top - size // 3 + rng.randint(-dpi // 25, dpi // 25)
            page.paste(Image.new("L", glyph.size, 70), (x, y), glyph)
            x += int(size * rng.uniform(0.45, 0.75)) if letter != " " else size // 2
        top += int(0.55 * dpi)
    return as_jpeg(degrade(page, dpi, seed, Damage(angle=1.0, blur=0.8)), dpi)


def area_form_pdfs(seed: int = 1, keys: list[str] | None = None) -> dict[str, tuple[bytes, dict[str, object]]]:
    """The corpus's area forms filled with one invented case, printed to PDF by LibreOffice (one run):
    key -> (PDF, the values a perfect reader returns)."""
    from tests.corpus.areas import all_forms
    from tests.corpus.areas.case import invented_case
    from tests.corpus.pdf_layouts import export_with_libreoffice

    case = invented_case(seed, 1, 2)
    forms = [f for f in all_forms() if keys is None or f.key in keys]
    pdfs = export_with_libreoffice({f.key: f.build(case) for f in forms})
    return {f.key: (pdfs[f.key], f.expected(case)) for f in forms}


def own_form_pdf(seed: int = 1) -> tuple[bytes, dict[str, object]]:
    """The service's own referral and DASH form (Word) filled with an invented referral, printed to PDF."""
    from generators.fake_referrals import invented_referral
    from generators.forms.docx_form import build_referral_docx
    from tests.corpus.accuracy import expected
    from tests.corpus.pdf_layouts import export_with_libreoffice

    values = invented_referral(random.Random(seed), children=1)
    pdf = export_with_libreoffice({"own": build_referral_docx(values)})["own"]
    return pdf, {path: expected(path, value) for path, value in values.items()}
