"""A referral typed into the email itself, read with the same label machinery as the Word and PDF forms:
the text a mail client sends (plain, or Outlook's HTML with its one paragraph per line and its tables),
less quoted replies and a marked signature, and always flagged for a person to check. Invented people."""
from __future__ import annotations

from email.message import EmailMessage

from intake.body import read_body
from intake.body import reads_like_referral as worth_reading
from parsers import parse_bytes, sniff
from parsers.text import BODY_FILENAME, reads_like_referral
from parsers.text.reader import FROM_BODY

TYPED = """Hi MARAC team,

Our form would not open so I have typed the referral below.

Victim details
Name: Zoë Examplewood
DOB: 14/09/1991
Address: 12 Invented Row
Sampleton SX9 4ZZ
Telephone: 07700 900456
Safe to call: No

Perpetrator:
Name: Marcus Fictional
Date of birth: 02/02/1987
Relationship to victim: husband

Children in household: none

Referrer name: PC Dana Madeup
Agency: Exampleshire Police

Many thanks
Dana
"""


def _email(text: str, html: str | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = "pc.dana@exampleshire.police.uk"
    msg["To"] = "marac@exampleshire.gov.uk"
    msg["Subject"] = "MARAC referral (form would not open)"
    msg.set_content(text)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    return bytes(msg)


def _parse(raw: bytes) -> dict:
    """What the pipeline does with a message that has no form: its own words, read as a form."""
    body = read_body(raw)
    assert worth_reading(body)
    return parse_bytes(body.text.encode(), BODY_FILENAME)


def test_a_typed_referral_is_read_like_a_form_and_flagged_for_checking():
    parsed = _parse(_email(TYPED))
    victim, perpetrator = parsed["referral"]["victim"], parsed["referral"]["perpetrators"][0]
    assert (victim["name"], victim["dob"], victim["postcode"], victim["safe_to_call"]) == \
        ("Zoë Examplewood", "1991-09-14", "SX9 4ZZ", False)
    assert victim["address"].splitlines() == ["12 Invented Row", "Sampleton SX9 4ZZ"]  # the line under it goes on
    assert (perpetrator["name"], perpetrator["dob"], perpetrator["relationship_to_victim"]) == \
        ("Marcus Fictional", "1987-02-02", "husband")
    assert parsed["referral"]["referrer"]["agency"] == "Exampleshire Police"
    assert parsed["source"]["kind"] == "email-body"
    assert {"message": FROM_BODY, "severity": "error"}.items() <= parsed["problems"][0].items()
    assert reads_like_referral(parsed)


def test_outlook_html_with_a_paragraph_per_line_and_a_table_reads_the_same():
    cells = [("Victim name", "Zoë Examplewood"), ("Victim DOB", "14/09/1991"),
             ("Perpetrator name", "Marcus Fictional"), ("Perpetrator DOB", "02/02/1987")]
    rows = "".join(f"<tr><td><b>{label}</b></td><td>{value}</td></tr>" for label, value in cells)
    html = ('<html><head><style>p {margin:0}</style></head><body><p class="MsoNormal">Hi,</p>'
            '<p class="MsoNormal">&nbsp;</p><p class="MsoNormal">Referral as discussed:</p>'
            f'<table>{rows}</table><p class="MsoNormal">Victim address: 12 Invented Row</p>'
            '<p class="MsoNormal">Sampleton SX9 4ZZ</p></body></html>')
    # Outlook's text version of the same message puts each table cell on a line of its own
    plain = "Hi,\n\nReferral as discussed:\n\n" + "".join(f"{label}\n\n{value}\n\n" for label, value in cells)
    for raw in (_html_only(html), _email(plain, html)):
        parsed = _parse(raw)
        victim = parsed["referral"]["victim"]
        assert (victim["name"], victim["dob"]) == ("Zoë Examplewood", "1991-09-14")
        assert victim["address"].splitlines() == ["12 Invented Row", "Sampleton SX9 4ZZ"]
        assert parsed["referral"]["perpetrators"][0]["dob"] == "1987-02-02"


def _html_only(html: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "pc.dana@exampleshire.police.uk"
    msg["Subject"] = "Referral"
    msg.set_content(html, subtype="html")
    return bytes(msg)


def test_a_heading_straight_under_a_value_heads_what_follows_and_a_town_goes_on_with_the_address():
    text = ("Victim name: Zoë Examplewood\nAddress: 12 Invented Row\nSampleton SX9 4ZZ\nPerpetrator\n"
            "Name: Marcus Fictional\nDOB: 02/02/1987\nChildren\nName: Ava Examplewood\n")
    referral = parse_bytes(text.encode(), BODY_FILENAME)["referral"]
    assert referral["victim"]["address"] == "12 Invented Row\nSampleton SX9 4ZZ"
    assert [(p["name"], p["dob"]) for p in referral["perpetrators"]] == [("Marcus Fictional", "1987-02-02")]
    assert [c["name"] for c in referral["children"]] == ["Ava Examplewood"]


def test_quoted_replies_and_a_marked_signature_are_not_the_senders_referral():
    reply = ("Thanks, I will send the form tomorrow.\n\nOn Mon, 30 Nov 2026 at 09:12, MARAC wrote:\n"
             + "".join(f"> {line}\n" for line in TYPED.splitlines()))
    assert not worth_reading(read_body(_email(reply)))
    signed = "Please see attached.\n\n-- \nDana Madeup\nTel: 01632 960001\nMobile: 07700 900999\nEmail: d@x.uk\n"
    assert read_body(_email(signed)).text == "Please see attached."


def test_a_signature_full_of_labels_is_not_a_referral():
    """Tel:, Fax:, Email: lines pass the cheap look, but give no referral worth opening a case on."""
    text = "Please call me.\n\nTel: 01632 960001\nFax: 01632 960002\nEmail: d@x.uk\nTeam: Safeguarding Hub\n"
    body = read_body(_email(text))
    assert worth_reading(body)
    assert not reads_like_referral(parse_bytes(body.text.encode(), BODY_FILENAME))


def test_only_the_body_pseudo_file_is_read_as_text():
    assert sniff(TYPED.encode(), BODY_FILENAME) == "text"
    assert sniff(TYPED.encode(), "notes.dat") == "unknown"
    assert sniff(b"\x00\x01binary", "photo.txt") == "unknown"
