"""The SMTP sender against a real SMTP server (aiosmtpd) on loopback with a throw-away certificate:
STARTTLS required, and an IDVA copy delivered once with its disclosure recorded."""
from __future__ import annotations

import email
import email.policy
import socket
import sqlite3
import ssl
from pathlib import Path

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink

from intake.maildir import deliver
from intake.senders.base import TemporarySendError
from intake.senders.smtp import SmtpSender
from intake.settings import SmtpSender as SmtpSettings

from tests.conftest import PDF, invented_referral, referral_email, run_cli, write_config
from tests.servers import SmtpRecorder, start_smtp
from tests.token_server import TokenServer, token_server  # noqa: F401 - fixture


class Collect(Sink):
    def __init__(self) -> None:
        self.envelopes: list[tuple[list[str], bytes, bool]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.envelopes.append((list(envelope.rcpt_tos), bytes(envelope.original_content), session.ssl is not None))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def ca(tmp_path_factory: pytest.TempPathFactory) -> tuple[trustme.CA, Path, ssl.SSLContext]:
    authority = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("localhost", "127.0.0.1").configure_cert(server_context)
    ca_file = tmp_path_factory.mktemp("ca") / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    return authority, ca_file, server_context


@pytest.fixture
def smtp_server(ca):  # type: ignore[no-untyped-def]
    _, ca_file, context = ca
    handler = Collect()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True)
    controller.start()
    yield handler, port, ca_file
    controller.stop()


def test_idva_copy_goes_over_starttls_once_and_is_recorded(tmp_path, smtp_server, rng, pdf_referral):
    handler, port, ca_file = smtp_server
    config = write_config(tmp_path, {'[sender]\nbackend = "local"\npath = "outbox"':
                                     f'[sender]\nbackend = "smtp"\nhost = "127.0.0.1"\nport = {port}\n'
                                     f'security = "starttls"\nca_file = "{ca_file}"'})
    home = tmp_path / "var"
    values = invented_referral(rng)
    deliver(home / "inbox", referral_email("pc@exampleshire.police.uk", [("r.pdf", pdf_referral(values), PDF)]))
    first = run_cli(home, "process-once", config=config)
    assert first.returncode == 0, first.stderr
    assert "1 message(s) sent" in first.stdout, first.stdout + first.stderr
    assert run_cli(home, "process-once", config=config).returncode == 0  # a second pass sends nothing more

    assert len(handler.envelopes) == 1
    recipients, data, over_tls = handler.envelopes[0]
    assert recipients == ["idva@idva.exampleshire.gov.uk"] and over_tls
    sent = email.message_from_bytes(data, policy=email.policy.default)
    case_number = sent["Subject"].split()[2].rstrip(":")
    assert str(values["referral.victim.name"]).split()[0] not in sent["Subject"]
    audit = run_cli(home, "audit", "--case", case_number, config=config).stdout
    assert "disclosure" in audit and "idva@idva.exampleshire.gov.uk" in audit


def test_a_server_that_does_not_offer_starttls_gets_nothing_in_clear(tmp_path, rng, pdf_referral):
    handler = Collect()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)  # no TLS at all
    controller.start()
    try:
        sender = SmtpSender(SmtpSettings(backend="smtp", host="127.0.0.1", port=port, security="starttls"))
        with pytest.raises(TemporarySendError, match="STARTTLS"):
            sender.send("marac@exampleshire.gov.uk", ["idva@idva.exampleshire.gov.uk"], b"Subject: x\r\n\r\nx", "<a@b>")
    finally:
        controller.stop()
    assert handler.envelopes == []


def test_server_away_keeps_the_copy_for_retry_and_process_once_says_so(tmp_path, rng, pdf_referral):
    port = _free_port()  # nothing listens here
    config = write_config(tmp_path, {'[sender]\nbackend = "local"\npath = "outbox"':
                                     f'[sender]\nbackend = "smtp"\nhost = "127.0.0.1"\nport = {port}\nsecurity = "tls"'})
    home = tmp_path / "var"
    deliver(home / "inbox", referral_email("pc@exampleshire.police.uk",
                                           [("r.pdf", pdf_referral(invented_referral(rng)), PDF)]))
    result = run_cli(home, "process-once", config=config)
    assert result.returncode == 1
    assert "1 waiting to be retried" in result.stdout
    conn = sqlite3.connect(home / "marac.db")
    assert conn.execute("SELECT state, attempts FROM outbox").fetchall() == [("pending", 1)]
    assert conn.execute("SELECT count(*) FROM audit").fetchone()[0] == 0


def test_plain_smtp_is_refused_by_configuration_unless_to_loopback(tmp_path):
    config = write_config(tmp_path, {'[sender]\nbackend = "local"\npath = "outbox"':
                                     '[sender]\nbackend = "smtp"\nhost = "mail.exampleshire.gov.uk"\nsecurity = "plain"'})
    result = run_cli(tmp_path / "var", "check-config", config=config)
    assert result.returncode == 2
    assert "unencrypted SMTP is allowed only to a relay on this machine" in result.stderr
    assert "Traceback" not in result.stderr


# ----- SMTP AUTH with XOAUTH2 (Exchange Online): a token from the local sign-in service ---------------

MAILBOX = "marac@exampleshire.gov.uk"


def oauth_sender(smtp: SmtpRecorder, tokens: TokenServer, monkeypatch: pytest.MonkeyPatch, **extra: object) -> SmtpSender:
    monkeypatch.setenv("MARAC_TEST_SMTP_CLIENT_SECRET", tokens.client_secret)
    return SmtpSender(SmtpSettings(
        backend="smtp", host="127.0.0.1", port=smtp.port, security="starttls", ca_file=smtp.ca_file,
        username=MAILBOX, auth="oauth2", tenant_id=tokens.tenant, client_id=tokens.client_id,
        client_secret={"env": "MARAC_TEST_SMTP_CLIENT_SECRET"}, authority_url=tokens.authority_url,
        authority_ca_file=tokens.ca_file), **extra)  # type: ignore[arg-type]


def test_xoauth2_login_with_a_token_from_the_sign_in_service(tmp_path, token_server, monkeypatch):
    smtp = start_smtp(tmp_path, xoauth2=lambda user, token: user == MAILBOX and token_server.valid(token))
    try:
        sender = oauth_sender(smtp, token_server, monkeypatch)
        for n in range(2):
            sender.send(MAILBOX, ["idva@idva.exampleshire.gov.uk"], b"Subject: x\r\n\r\nx", f"<{n}@b>")
    finally:
        smtp.stop()
    assert [(r.login, r.over_tls) for r in smtp.received] == [(MAILBOX, True)] * 2
    assert smtp.handler.logins == [(MAILBOX, True)]  # type: ignore[attr-defined] # one session for both
    [request] = token_server.token_requests  # the token is kept between messages
    assert request["scope"] == ["https://outlook.office365.com/.default"]


def test_a_refused_token_is_one_login_and_the_copy_waits_for_a_later_try(tmp_path, token_server, monkeypatch):
    smtp = start_smtp(tmp_path, xoauth2=lambda user, token: False)
    try:
        sender = oauth_sender(smtp, token_server, monkeypatch)
        with pytest.raises(TemporarySendError, match="refused the app's access token") as caught:
            sender.send(MAILBOX, ["idva@idva.exampleshire.gov.uk"], b"Subject: x\r\n\r\nx", "<a@b>")
    finally:
        smtp.stop()
    assert smtp.received == [] and smtp.handler.logins == [(MAILBOX, False)]  # type: ignore[attr-defined]
    assert not any(token in str(caught.value) for token in token_server.issued)


def test_a_wrong_client_secret_is_said_plainly_and_nothing_is_sent(tmp_path, token_server, monkeypatch):
    smtp = start_smtp(tmp_path, xoauth2=lambda user, token: True)
    try:
        sender = oauth_sender(smtp, token_server, monkeypatch)
        monkeypatch.setattr(sender.tokens, "_secret", "not-the-secret")
        with pytest.raises(TemporarySendError, match="invalid_client") as caught:
            sender.send(MAILBOX, ["idva@idva.exampleshire.gov.uk"], b"Subject: x\r\n\r\nx", "<a@b>")
    finally:
        smtp.stop()
    assert "not-the-secret" not in str(caught.value) and smtp.received == []
