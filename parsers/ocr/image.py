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

import numpy as np
from PIL import Image, ImageFilter, ImageOps

RENDER_DPI = 300  # an image-only PDF page is rendered at this resolution, whatever its scan's own
OCR_DPI = 300  # a photo or image of a lower resolution is enlarged to this before OCR
SHARPEN = 100  # per cent: the unsharp mask's strength on an enlarged page
MAX_PIXELS = 60_000_000  # about A4 at 900 dpi: a larger image is not a form (Pillow's bomb guard is 89M)
MIN_SIDE = 600  # pixels; smaller is a logo or an icon, not a page
A4_WIDTH_INCHES = 8.27  # a photo says nothing of its resolution: its width is taken as an A4 page's
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
    return PageImage(grey, float(dpi) if dpi and dpi >= 100 else grey.width / A4_WIDTH_INCHES)


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
            out.append(PageImage(page.render(scale=RENDER_DPI / 72, grayscale=True).to_pil().convert("L"), RENDER_DPI))
        return out
    finally:
        document.close()


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
    """A page scanned below OCR_DPI enlarged to it: Tesseract reads letters about 30 pixels high best,
    and a 150-dpi scan's are half that. Enlarging softens the letters' edges further, so they are
    sharpened back (an unsharp mask about one source pixel wide), which keeps "No" from reading "N o"."""
    if page.dpi >= OCR_DPI * 0.85:
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
