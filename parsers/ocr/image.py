"""Page images for OCR: the pages of an image-only PDF (rendered with pdfium) or an image attachment
(Pillow; HEIC from iPhones through pillow-heif), as greyscale, straightened.

Paper never goes through a scanner straight and a phone is never held square: `deskew` finds the small
angle (up to MAX_SKEW degrees) at which the page's rows of text and ruled lines are most sharply
horizontal (the variance of the row sums peaks) and turns the page back by it. A page on its side or
upside down is turned by Tesseract's orientation detection, by the caller, only when reading fails.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image, ImageFilter, ImageOps

RENDER_DPI = 300  # an image-only PDF page is rendered at this resolution, whatever its scan's own
OCR_DPI = 300  # a photo or image of a lower resolution is enlarged to this before OCR, but for:
# A scanner's 150-dpi setting, read at its own resolution (measured better, bench/bench_ocr.py); 200 dpi is
# not measured apart, and a 200-dpi page of handwriting read unenlarged lets a guessed word through.
AS_SCANNED = (140, 160)
SHARPEN = 100  # per cent: the unsharp mask's strength on an enlarged page
MAX_PIXELS = 60_000_000  # about A4 at 900 dpi: a larger image is not a form (Pillow's bomb guard is 89M)
MIN_SIDE = 600  # pixels; smaller is a logo or an icon, not a page
A4_WIDTH_INCHES = 8.27  # a photo says nothing of its resolution: its width is taken as an A4 page's, or a US
LETTER_WIDTH_INCHES, LETTER_SHAPE = 8.5, 11 / 8.5  # Letter page's where the image has Letter's shape (a form made
SHAPE_TOLERANCE = 0.015  # in a Word left on its US default, scanned to JPEG): 3 % off in size loses a tick grid
MAX_SKEW, SKEW_STEP, FINE_STEP = 5.0, 0.5, 0.1  # degrees
SKEW_WIDTH = 900  # pixels: the angle is measured on a reduced copy, which is quicker and as good


class ImageProblem(Exception):
    """An image that cannot be read; the message is a plain sentence."""


class NotAPage(Exception):
    """An image too small to be a page of a form: a logo or an icon, not a problem."""


TOO_LARGE = "the image is far larger than a photo or scan of a form, so it was not read"
DAMAGED = "the image is damaged or of a kind that cannot be opened, so it could not be read"


@dataclass
class PageImage:
    image: Image.Image  # greyscale ("L")
    dpi: float  # pixels per inch, to turn pixels into PDF points


def _register_heif() -> None:
    try:
        from pillow_heif import register_heif_opener
    except ImportError:  # HEIC then reads as "not an image" like any other unknown file
        return
    register_heif_opener()


def _opened(data: bytes) -> Image.Image:
    _register_heif()
    try:  # Image.open reads the header only: the size is checked before any pixel is decoded
        image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(TOO_LARGE) from None
    except Exception:  # noqa: BLE001 - Pillow raises many types on damaged images
        raise ImageProblem(DAMAGED) from None
    if image.width * image.height > MAX_PIXELS:
        raise ImageProblem(TOO_LARGE)
    return image


def _page(image: Image.Image) -> PageImage:
    try:
        image = ImageOps.exif_transpose(image)
        image.load()
    except Exception:  # noqa: BLE001 - Pillow raises many types on damaged images
        raise ImageProblem(DAMAGED) from None
    if min(image.size) < MIN_SIDE:
        raise NotAPage()
    dpi = image.info.get("dpi", (0, 0))[0]
    grey = _greyscale(image)
    letter = abs(grey.height / grey.width - LETTER_SHAPE) <= SHAPE_TOLERANCE * LETTER_SHAPE
    return PageImage(grey, float(dpi) if dpi and dpi >= 100 else
                     grey.width / (LETTER_WIDTH_INCHES if letter else A4_WIDTH_INCHES))


def open_image(data: bytes) -> PageImage:
    """One image attachment as a greyscale page; EXIF rotation (phones) applied."""
    return _page(_opened(data))


def open_pages(data: bytes, pages: int) -> list[PageImage]:
    """Every page of an image (a scanner's multi-page TIFF), up to `pages`."""
    image = _opened(data)
    out = []
    for index in range(min(getattr(image, "n_frames", 1), pages)):
        image.seek(index)
        if image.width * image.height > MAX_PIXELS:  # each page of a TIFF has a size of its own
            raise ImageProblem(TOO_LARGE)
        out.append(_page(image.copy()))
    return out


def page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def _greyscale(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "P"):
        backdrop = Image.new("RGB", image.size, "white")  # transparent parts are paper, not ink
        rgba = image.convert("RGBA")
        backdrop.paste(rgba, mask=rgba.getchannel("A"))
        image = backdrop
    return image.convert("L")


def render_pdf(data: bytes, pages: int) -> list[PageImage]:
    """The first `pages` pages of a PDF as page images at RENDER_DPI."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        out = []
        for index in range(min(pages, len(document))):
            page = document[index]
            width, height = page.get_size()
            if width * height * (RENDER_DPI / 72) ** 2 > MAX_PIXELS:
                raise ImageProblem(TOO_LARGE)
            out.append(_scanned_image(page, width) or
                       PageImage(page.render(scale=RENDER_DPI / 72, grayscale=True).to_pil().convert("L"), RENDER_DPI))
        return out
    finally:
        document.close()


def _scanned_image(page: Any, width: float) -> PageImage | None:
    """A scanned page's own image at the scanner's resolution, when the page is that one image and no more
    (what a scanner emails), at a scanner's 150 dpi (AS_SCANNED): Tesseract reads its own pixels far better
    than pdfium's rendering of them at RENDER_DPI (bench/bench_ocr.py: the DASH grids 40-60 % right as
    rendered, 80-100 % as scanned), and the ruled lines and boxes are found in them as well, in inches.
    None otherwise: the page is rendered."""
    import pypdfium2.raw as pdfium_c

    try:
        objects = list(page.get_objects(max_depth=1))
        if len(objects) != 1 or objects[0].type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
            return None
        left, bottom, right, top = objects[0].get_bounds()
        pixels_wide, pixels_high = objects[0].get_px_size()
        if right - left < 0.95 * width or pixels_wide * pixels_high > MAX_PIXELS:
            return None  # an image on part of the page: the rest of the page may say something
        if abs(pixels_high / pixels_wide - (top - bottom) / (right - left)) > 0.02:
            return None  # placed turned or stretched: pdfium's rendering sets it right
        dpi = pixels_wide / (width / 72)
        if not AS_SCANNED[0] <= dpi <= AS_SCANNED[1] or page.get_rotation():
            return None
        image = _greyscale(objects[0].get_bitmap(render=False).to_pil())
    except Exception:  # noqa: BLE001 - an image pdfium cannot hand over whole is rendered instead
        return None
    return PageImage(image, dpi)


def skew_angle(image: Image.Image) -> float:
    """The angle (degrees, anticlockwise) that sets the page's lines horizontal."""
    scale = SKEW_WIDTH / image.width
    small = image.resize((SKEW_WIDTH, max(1, int(image.height * scale))), Image.Resampling.BILINEAR)
    ink = Image.fromarray(((np.asarray(small) < 160) * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float32).sum(axis=1)
        return float(np.var(rows))

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + SKEW_STEP / 2, SKEW_STEP), key=sharpness)
    fine = np.arange(coarse - SKEW_STEP, coarse + SKEW_STEP + FINE_STEP / 2, FINE_STEP)
    return float(max(fine, key=sharpness))


def deskew(page: PageImage) -> PageImage:
    angle = skew_angle(page.image)
    if abs(angle) < FINE_STEP / 2:
        return page
    turned = page.image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    return PageImage(turned, page.dpi)


def at_ocr_resolution(page: PageImage) -> PageImage:
    """A page scanned below OCR_DPI enlarged to it, its letters' edges sharpened back (an unsharp mask about
    one source pixel wide), which keeps "No" from reading "N o". A 150-dpi scan (AS_SCANNED) is read as it
    is: measured on the corpus (bench/bench_ocr.py), Tesseract reads its letters better than the same
    letters enlarged twice over (by pdfium or Lanczos, sharpened or not), whose JPEG noise grows with them."""
    if page.dpi >= OCR_DPI * 0.85 or AS_SCANNED[0] <= page.dpi <= AS_SCANNED[1]:
        return page
    scale = OCR_DPI / page.dpi
    size = (int(page.image.width * scale), int(page.image.height * scale))
    larger = page.image.resize(size, Image.Resampling.LANCZOS)
    return PageImage(larger.filter(ImageFilter.UnsharpMask(radius=scale, percent=SHARPEN, threshold=2)), OCR_DPI)


def turn(page: PageImage, degrees: int) -> PageImage:
    """Turn a page by Tesseract's "Rotate:" answer (clockwise)."""
    return PageImage(page.image.rotate(-degrees, expand=True, fillcolor=255), page.dpi)


def png(image: Image.Image) -> bytes:
    """The page as Tesseract is handed it: a greyscale PNM (PGM), which costs nothing to write, unlike a
    compressed PNG (a fifth of a second a page), and which Tesseract's image library reads as well."""
    grey = image.convert("L")
    return b"P5 %d %d 255\n" % grey.size + grey.tobytes()
