"""Scans and photos arrive as image attachments: a photo or scan of a form is read as a form, while a
signature's logo shown in the message's own HTML, or a small picture, is not. If this breaks, either a
photographed referral is never read, or every email's logo goes to the desk as "no referral form"."""
from __future__ import annotations

import io
from email.message import EmailMessage

import numpy as np
import pillow_heif
import pytest
from PIL import Image, ImageDraw

from intake.attachments import read_letter
from parsers import parse_bytes, sniff


def _photo(kind: str, size: tuple[int, int] = (1240, 1754)) -> bytes:
    """A page-sized picture with some speckle, so it does not compress to nothing."""
    noise = np.random.default_rng(7).integers(200, 256, (size[1], size[0]), dtype=np.uint8)
    image = Image.fromarray(noise).convert("RGB")
    ImageDraw.Draw(image).text((100, 100), "MARAC referral form", fill=(0, 0, 0))
    out = io.BytesIO()
    if kind == "HEIF":
        pillow_heif.register_heif_opener()
    image.save(out, kind, **({"quality": 90} if kind in ("JPEG", "HEIF") else {}))
    return out.getvalue()


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "TIFF", "HEIF"])
def test_images_are_known_by_their_bytes_whatever_their_name(kind: str) -> None:
    assert sniff(_photo(kind, (200, 200)), "form.pdf") == "image"


def _message(html_logo: bool, attachments: dict[str, bytes]) -> bytes:
    msg = EmailMessage()
    msg["From"] = "pc.referrals@exampleshire.police.uk"
    msg["To"] = "marac@example.gov.uk"
    msg["Subject"] = "MARAC referral"
    msg.set_content("Please find the referral attached.")
    if html_logo:
        msg.add_alternative('<p>Please find the referral attached.</p><img src="cid:logo-1@exampleshire">',
                            subtype="html")
        html = msg.get_payload()[1]
        html.add_related(_photo("JPEG"), "image", "jpeg", cid="<logo-1@exampleshire>", filename="logo.jpg")
    for name, data in attachments.items():
        msg.add_attachment(data, maintype="image", subtype=name.rsplit(".", 1)[1], filename=name)
    return msg.as_bytes()


def test_a_photographed_form_is_a_form_and_the_html_logo_is_not() -> None:
    letter = read_letter(_message(True, {"referral-page-1.jpeg": _photo("JPEG")}))
    assert [a.filename for a in letter.forms] == ["referral-page-1.jpeg"]
    assert "logo.jpg" in letter.ignored


def test_a_small_picture_is_not_a_form() -> None:
    letter = read_letter(_message(False, {"icon.png": _photo("PNG", (120, 40))}))
    assert letter.forms == []
    assert letter.ignored == ["icon.png"]


def test_an_image_too_small_to_be_a_page_is_quietly_not_a_form() -> None:
    parsed = parse_bytes(_photo("PNG", (500, 300)), "signature.png")
    assert parsed["forms"] == [] and parsed["problems"] == []


def test_an_image_far_larger_than_a_page_is_refused_with_a_plain_sentence() -> None:
    out = io.BytesIO()
    Image.new("1", (9000, 9000), 1).save(out, "PNG")  # 81 million pixels in a small file
    parsed = parse_bytes(out.getvalue(), "scan.png")
    assert parsed["forms"] == []
    assert [p["message"] for p in parsed["problems"]] == [
        "the image is far larger than a photo or scan of a form, so it was not read"]
