"""A local stand-in for Microsoft's sign-in service and an OAuth 2.0 introspection endpoint.

Over HTTPS (a throw-away CA) it answers what msal asks for the client-credentials flow: the tenant's
OpenID configuration and the token endpoint, issuing tokens that last `lifetime` seconds. Over plain
HTTP on loopback it answers Dovecot's `oauth2` passdb (introspection_mode = post): is this token one we
issued, unexpired, and whose is it. Every token and request is kept for the test to look at.
"""
from __future__ import annotations

import json
import secrets
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qs

import pytest
import trustme

TENANT = "6b1f6e1e-0000-4000-8000-00000000a11c"
CLIENT_ID = "3e9a1c55-0000-4000-8000-0000000c11e7"
CLIENT_SECRET = "not-a-real-client-secret-41d2"
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


@dataclass
class TokenServer:
    user: str
    folder: Path
    lifetime: int = 3600
    tenant: str = TENANT
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET
    certificate_pem: bytes | None = None  # the app's registered certificate: assertions signed with its key
    issued: dict[str, float] = field(default_factory=dict)  # token -> time.time() it expires
    token_requests: list[dict[str, list[str]]] = field(default_factory=list)
    introspected: list[tuple[str, bool]] = field(default_factory=list)  # token, accepted
    _servers: list[ThreadingHTTPServer] = field(default_factory=list)

    @property
    def ca_file(self) -> Path:
        return self.folder / "token-ca.pem"

    @property
    def authority_url(self) -> str:
        return f"https://127.0.0.1:{self._servers[0].server_address[1]}"

    @property
    def introspection_url(self) -> str:
        return f"http://127.0.0.1:{self._servers[1].server_address[1]}/introspect"

    def start(self) -> "TokenServer":
        ca = trustme.CA()
        ca.cert_pem.write_to_path(str(self.ca_file))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
        owner = self

        class Handler(_Handler):
            server_owner = owner

        secure = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        secure.socket = context.wrap_socket(secure.socket, server_side=True)
        self._servers = [secure, ThreadingHTTPServer(("127.0.0.1", 0), Handler)]
        for server in self._servers:
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def issue(self, lifetime: float | None = None) -> str:
        token = "eyJ0eXAiOiJKV1Qi." + secrets.token_urlsafe(32)
        self.issued[token] = time.time() + (self.lifetime if lifetime is None else lifetime)
        return token

    def valid(self, token: str) -> bool:
        return self.issued.get(token, 0.0) > time.time()

    def _credential_ok(self, form: dict[str, list[str]], audience: str) -> bool:
        """A client secret, or a JWT assertion signed with the registered certificate's key (as Microsoft's
        sign-in service checks it: x5t#S256 names the certificate, aud is the token endpoint)."""
        if "client_assertion" not in form:
            return form.get("client_secret") == [self.client_secret]
        if self.certificate_pem is None or form.get("client_assertion_type") != [ASSERTION_TYPE]:
            return False
        import base64
        import hashlib

        import jwt
        from cryptography import x509
        from cryptography.hazmat.primitives.serialization import Encoding

        cert = x509.load_pem_x509_certificate(self.certificate_pem)
        assertion = form["client_assertion"][0]
        thumb = base64.urlsafe_b64encode(hashlib.sha256(cert.public_bytes(Encoding.DER)).digest()).rstrip(b"=")
        if str(jwt.get_unverified_header(assertion).get("x5t#S256", "")).rstrip("=").encode() != thumb:
            return False
        try:
            claims = jwt.decode(assertion, cert.public_key(), algorithms=["PS256", "RS256"], audience=audience)
        except jwt.InvalidTokenError:
            return False
        return claims.get("iss") == claims.get("sub") == self.client_id

    def answer(self, method: str, path: str, form: dict[str, list[str]]) -> tuple[int, dict[str, Any]]:
        base = f"{self.authority_url}/{self.tenant}"
        if path == f"/{self.tenant}/v2.0/.well-known/openid-configuration":
            return 200, {"issuer": f"{base}/v2.0", "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                         "token_endpoint": f"{base}/oauth2/v2.0/token"}
        if path == f"/{self.tenant}/oauth2/v2.0/token" and method == "POST":
            self.token_requests.append(form)
            if form.get("client_id") != [self.client_id] or not self._credential_ok(form, f"{base}/oauth2/v2.0/token"):
                return 401, {"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret."}
            return 200, {"token_type": "Bearer", "expires_in": self.lifetime, "access_token": self.issue()}
        if path == "/introspect" and method == "POST":
            token = (form.get("token") or [""])[0]
            accepted = self.valid(token)
            self.introspected.append((token, accepted))
            if not accepted:
                return 200, {"active": False}
            return 200, {"active": True, "username": self.user, "exp": int(self.issued[token])}
        return 404, {"error": "not_found"}


class _Handler(BaseHTTPRequestHandler):
    server_owner: TokenServer

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode()) if length else {}
        status, body = self.server_owner.answer(method, self.path.split("?")[0], form)
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: the test reads what it needs from the server's records


@pytest.fixture
def token_server(tmp_path: Path) -> Iterator[TokenServer]:
    server = TokenServer(user="marac-test", folder=tmp_path).start()
    yield server
    server.stop()
