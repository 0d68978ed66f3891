"""Signing in with a certificate instead of a client secret (Microsoft's advice for unattended apps):
PEM or .pfx, with or without a passphrase, checked by the local sign-in service the way Microsoft's
checks the assertion (x5t#S256, audience, issuer, signature), then used for a real XOAUTH2 login to
Dovecot."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterator

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import (BestAvailableEncryption, Encoding, NoEncryption,
                                                          PrivateFormat, pkcs12)
from cryptography.x509.oid import NameOID
from pydantic import ValidationError

from intake.imap import ImapMailbox
from intake.oauth import TokenRefused, token_source
from intake.settings import ImapMailbox as ImapSettings
from intake.settings import SettingsError

from tests.servers import Dovecot, dovecot_binary, running_dovecot
from tests.token_server import TokenServer, token_server  # noqa: F401 - fixture

pytestmark = pytest.mark.integration
PASSPHRASE_ENV = "MARAC_TEST_CERT_PASSPHRASE"


def make_certificate() -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "marac-referrals (invented test app)")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=365)).sign(key, hashes.SHA256()))
    return key, cert


@pytest.fixture
def app_certificate(token_server: TokenServer) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    key, cert = make_certificate()
    token_server.certificate_pem = cert.public_bytes(Encoding.PEM)
    return key, cert


def settings(tokens: TokenServer, server: Dovecot | None = None, **changes: Any) -> ImapSettings:
    values: dict[str, Any] = dict(
        backend="imap", host="127.0.0.1", port=server.tls_port if server else 993, security="tls",
        username=server.user if server else "marac@exampleshire.gov.uk",
        ca_file=server.ca_file if server else None, auth="oauth2", tenant_id=tokens.tenant,
        client_id=tokens.client_id, authority_url=tokens.authority_url, authority_ca_file=tokens.ca_file)
    values.update(changes)
    return ImapSettings(**values)


def pem_file(folder: Path, key: rsa.RSAPrivateKey, cert: x509.Certificate, passphrase: bytes | None = None) -> Path:
    encryption = BestAvailableEncryption(passphrase) if passphrase else NoEncryption()
    path = folder / "marac-app.pem"
    path.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, encryption) + cert.public_bytes(Encoding.PEM))
    return path


@pytest.fixture
def dovecot(token_server: TokenServer) -> Iterator[Dovecot]:
    if dovecot_binary() is None:
        pytest.skip("Dovecot is not installed (make test installs dovecot-imapd)")
    with running_dovecot(oauth2_url=token_server.introspection_url) as server:
        yield server


def test_a_pem_certificate_signs_in_and_the_mailbox_is_read(token_server: TokenServer, dovecot: Dovecot,
                                                            app_certificate: Any, tmp_path: Path) -> None:
    path = pem_file(tmp_path, *app_certificate)
    s = settings(token_server, dovecot, client_certificate={"file": path})
    with dovecot.client() as client:
        client.append("INBOX", b"From: pc@exampleshire.police.uk\r\nSubject: referral\r\n\r\nInvented.\r\n")
    mailbox = ImapMailbox(s, None, retry_seconds=5, tokens=token_source(s))
    try:
        assert len(list(mailbox.pending())) == 1
    finally:
        mailbox.close()
    request = token_server.token_requests[-1]
    assert "client_secret" not in request and request["client_assertion"]  # signed, no secret sent


def test_a_pfx_with_its_passphrase_from_the_environment(token_server: TokenServer, app_certificate: Any,
                                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key, cert = app_certificate
    path = tmp_path / "marac-app.pfx"
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"marac", key, cert, None,
                                                           BestAvailableEncryption(b"invented-pass-7")))
    monkeypatch.setenv(PASSPHRASE_ENV, "invented-pass-7")
    s = settings(token_server, client_certificate={"file": path}, certificate_passphrase={"env": PASSPHRASE_ENV})
    source = token_source(s)
    assert source is not None and source.token().seconds_left() > 60


def test_a_wrong_passphrase_is_said_plainly_and_never_quoted(token_server: TokenServer, app_certificate: Any,
                                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = pem_file(tmp_path, *app_certificate, passphrase=b"the-right-one-3")
    monkeypatch.setenv(PASSPHRASE_ENV, "a-wrong-one-9")
    s = settings(token_server, client_certificate={"file": path}, certificate_passphrase={"env": PASSPHRASE_ENV})
    with pytest.raises(SettingsError) as raised:
        token_source(s)
    assert "certificate_passphrase" in str(raised.value) and "a-wrong-one-9" not in str(raised.value)


def test_a_certificate_the_app_was_not_registered_with_is_refused(token_server: TokenServer, app_certificate: Any,
                                                                  tmp_path: Path) -> None:
    other_key, other_cert = make_certificate()  # not the one uploaded to the app registration
    s = settings(token_server, client_certificate={"file": pem_file(tmp_path, other_key, other_cert)})
    source = token_source(s)
    assert source is not None
    with pytest.raises(TokenRefused) as raised:
        source.token()
    assert raised.value.reason == "invalid_client"


def test_a_key_without_its_certificate_is_said_plainly(token_server: TokenServer, tmp_path: Path) -> None:
    key, _ = make_certificate()
    path = tmp_path / "key-only.pem"
    path.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    with pytest.raises(SettingsError, match="both the private key and the certificate"):
        token_source(settings(token_server, client_certificate={"file": path}))


def test_exactly_one_of_secret_or_certificate(token_server: TokenServer, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="one of client_secret or client_certificate"):
        settings(token_server)
    with pytest.raises(ValidationError, match="one of client_secret or client_certificate"):
        settings(token_server, client_secret={"env": "X"}, client_certificate={"file": tmp_path / "a.pem"})


def test_graph_takes_a_certificate_too(tmp_path: Path) -> None:
    from intake.factory import _app_credential
    from intake.settings import GraphMailbox

    key, cert = make_certificate()
    base = dict(backend="graph", tenant_id="t", client_id="c", user="marac@exampleshire.gov.uk")
    graph = GraphMailbox(**base, client_certificate={"file": pem_file(tmp_path, key, cert)})
    credential = _app_credential(graph)
    assert isinstance(credential, dict) and "BEGIN CERTIFICATE" in credential["public_certificate"]
    with pytest.raises(ValidationError, match="one of client_secret or client_certificate"):
        GraphMailbox(**base)
