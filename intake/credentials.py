"""An app registration's own credential for the client-credentials flow: a client secret, or a
certificate (the private key signs a short assertion; Microsoft recommends certificates over secrets
for apps that run unattended, and many councils' policies allow nothing else).

The certificate comes as PEM (the private key and the certificate, in one file or one environment
variable) or as PKCS#12 (.pfx, as Windows and Azure Key Vault export it), optionally protected by a
passphrase. msal is handed the key and the certificate, from which it takes the SHA-256 thumbprint
Microsoft's sign-in service expects. Nothing here is ever logged: a key is a password.
"""
from __future__ import annotations

import re
from typing import Any

from .settings import Secret, SettingsError

PEM_BLOCK = re.compile(rb"-----BEGIN ([A-Z0-9 ]+)-----.+?-----END \1-----", re.DOTALL)


def _pem_blocks(data: bytes) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for match in PEM_BLOCK.finditer(data):
        kind = match.group(1).decode()
        kind = "key" if kind.endswith("PRIVATE KEY") else "certificate" if kind == "CERTIFICATE" else kind
        found.setdefault(kind, match.group(0))  # the first certificate is the app's; a chain may follow
    return found


def _from_pkcs12(data: bytes, passphrase: str | None) -> dict[str, bytes]:
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, pkcs12

    try:
        key, cert, _ = pkcs12.load_key_and_certificates(data, passphrase.encode() if passphrase else None)
    except ValueError:
        raise SettingsError(["the client certificate could not be opened: it is not a PEM or .pfx file, or "
                             "its passphrase (certificate_passphrase) is wrong"]) from None
    if key is None or cert is None:
        return {}
    return {"key": key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()),
            "certificate": cert.public_bytes(Encoding.PEM)}


def certificate_credential(certificate: Secret, passphrase: Secret | None = None) -> dict[str, Any]:
    """msal's client_credential for a certificate; SettingsError with a plain sentence if unusable."""
    data = certificate.read_bytes()
    words = passphrase.read() if passphrase is not None else None
    parts = _pem_blocks(data) if b"-----BEGIN" in data else _from_pkcs12(data, words)
    if "key" not in parts or "certificate" not in parts:
        raise SettingsError(["the client certificate must hold both the private key and the certificate "
                             "(PEM blocks, or a .pfx exported with its private key)"])
    from cryptography.hazmat.primitives.serialization import load_pem_private_key
    try:  # checked here, so a wrong passphrase is a sentence at start rather than a failure at login
        load_pem_private_key(parts["key"], words.encode() if words and b"ENCRYPTED" in parts["key"] else None)
    except (ValueError, TypeError):
        raise SettingsError(["the client certificate's private key could not be opened: check "
                             "certificate_passphrase"]) from None
    credential: dict[str, Any] = {"private_key": parts["key"].decode(),
                                  "public_certificate": parts["certificate"].decode()}
    if words and b"ENCRYPTED" in parts["key"]:
        credential["passphrase"] = words
    return credential


def client_credential(secret: Secret | None, certificate: Secret | None,
                      passphrase: Secret | None = None) -> str | dict[str, Any]:
    if certificate is not None:
        return certificate_credential(certificate, passphrase)
    assert secret is not None  # the settings' validators insist on one of the two
    return secret.read()
