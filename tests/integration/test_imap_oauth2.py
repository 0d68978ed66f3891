"""IMAP with OAuth 2.0 (SASL XOAUTH2) against a real Dovecot whose `oauth2` passdb asks a local
introspection endpoint about each token; the tokens come from msal's client-credentials flow against the
same local server playing Microsoft's sign-in service (tests/token_server.py)."""
from __future__ import annotations

import logging
import threading
import time
from typing import Any, Iterator

import pytest

from intake.imap import ImapMailbox, ImapRefused
from intake.network import MailboxUnavailable
from intake.oauth import Token, TokenSource, xoauth2_base64
from intake.settings import ImapMailbox as ImapSettings
from intake.settings import OUTLOOK_SCOPE

from tests.servers import Dovecot, dovecot_binary, running_dovecot
from tests.token_server import TokenServer, token_server  # noqa: F401 - fixture

ENV = "MARAC_TEST_IMAP_CLIENT_SECRET"
PROCESSED = "MARAC.Processed"


@pytest.fixture
def oauth_dovecot(token_server: TokenServer) -> Iterator[Dovecot]:
    if dovecot_binary() is None:
        pytest.skip("Dovecot is not installed (make test installs dovecot-imapd)")
    with running_dovecot(oauth2_url=token_server.introspection_url) as server:
        yield server


def settings(server: Dovecot, tokens: TokenServer, **changes: Any) -> ImapSettings:
    values: dict[str, Any] = dict(
        backend="imap", host="127.0.0.1", port=server.tls_port, security="tls", username=server.user,
        ca_file=server.ca_file, poll_seconds=600, auth="oauth2", tenant_id=tokens.tenant,
        client_id=tokens.client_id, client_secret={"env": ENV}, authority_url=tokens.authority_url,
        authority_ca_file=tokens.ca_file)
    values.update(changes)
    return ImapSettings(**values)


class FixedToken:
    """A token source that always hands out the same token (one the server should refuse)."""

    def __init__(self, value: str) -> None:
        self.value = value

    def token(self) -> Token:
        return Token(self.value, time.monotonic() + 3600)


@pytest.fixture
def mailbox_for(oauth_dovecot: Dovecot, token_server: TokenServer) -> Iterator[Any]:
    opened: list[ImapMailbox] = []

    def make(tokens: Any = None, secret: str | None = None, **changes: Any) -> ImapMailbox:
        s = settings(oauth_dovecot, token_server, **changes)
        source = tokens or TokenSource(s, secret or token_server.client_secret, token_server.ca_file)
        mailbox = ImapMailbox(s, None, retry_seconds=20, tokens=source)
        opened.append(mailbox)
        return mailbox
    yield make
    for mailbox in opened:
        mailbox.close()


def message(n: int) -> bytes:
    return (f"From: pc@exampleshire.police.uk\r\nTo: marac@exampleshire.gov.uk\r\nSubject: MARAC referral {n}\r\n"
            f"Message-ID: <oauth-{n}@exampleshire.police.uk>\r\n\r\nInvented message number {n}.\r\n").encode()


def drain(mailbox: ImapMailbox) -> list[bytes]:
    items = list(mailbox.pending())
    for item in items:
        mailbox.mark_done(item)
    return [i.raw for i in items]


def test_a_token_from_the_sign_in_service_logs_in_and_is_never_logged(oauth_dovecot, token_server, mailbox_for,
                                                                     caplog):
    caplog.set_level(logging.DEBUG)
    for n in range(2):
        oauth_dovecot.append(message(n))
    mailbox = mailbox_for()
    assert drain(mailbox) == [message(0), message(1)]
    assert (oauth_dovecot.count("INBOX"), oauth_dovecot.count(PROCESSED)) == (0, 2)
    [request] = token_server.token_requests  # one token, kept for the session
    assert request["grant_type"] == ["client_credentials"] and request["scope"] == [OUTLOOK_SCOPE]
    assert [accepted for _, accepted in token_server.introspected] == [True]
    assert "method=XOAUTH2" in oauth_dovecot.log()
    text = caplog.text + "".join(repr(r.__dict__) for r in caplog.records)
    sasl = [xoauth2_base64(oauth_dovecot.user, Token(token, 0)) for token in token_server.issued]
    assert not any(token in text for token in [*token_server.issued, *sasl])
    assert token_server.client_secret not in text


@pytest.mark.parametrize("which", ["expired", "unknown"])
def test_an_expired_or_unknown_token_is_refused_plainly_and_tried_once(oauth_dovecot, token_server, mailbox_for,
                                                                      which, caplog):
    bad = token_server.issue(lifetime=-60) if which == "expired" else "eyJ0eXAiOiJKV1Qi.made-up"
    oauth_dovecot.append(message(1))
    mailbox = mailbox_for(tokens=FixedToken(bad))
    with pytest.raises(ImapRefused, match="refused the app's access token"):
        mailbox.check()
    with pytest.raises(MailboxUnavailable, match="access token") as caught:
        list(mailbox.pending())
    assert bad not in str(caught.value)
    # Not reconnected with backoff for the pass's 20 seconds: one refused login, said once.
    assert [r.getMessage() for r in caplog.records if r.name == "intake"] == ["imap.unavailable"]
    assert token_server.introspected == [(bad, False), (bad, False)]  # one login per attempt, no storm
    assert oauth_dovecot.count("INBOX") == 1


def test_a_wrong_client_secret_is_refused_by_the_sign_in_service_in_plain_words(oauth_dovecot, token_server,
                                                                                mailbox_for):
    mailbox = mailbox_for(secret="not-the-secret")
    with pytest.raises(ImapRefused, match="invalid_client"):
        mailbox.check()
    with pytest.raises(MailboxUnavailable, match="tenant_id, client_id, the client secret") as caught:
        list(mailbox.pending())
    assert "not-the-secret" not in str(caught.value)
    assert len(token_server.token_requests) == 2 and token_server.introspected == []


def test_a_long_idle_renews_its_session_with_a_fresh_token_and_keeps_working(oauth_dovecot, token_server,
                                                                           mailbox_for):
    token_server.lifetime = 3  # far shorter than the test
    mailbox = mailbox_for(idle_renew_seconds=600)
    appended_at: list[float] = []

    def append() -> None:
        oauth_dovecot.append(message(1))
        appended_at.append(time.monotonic())

    timer = threading.Timer(7.0, append)
    timer.start()
    got: list[tuple[float, bytes]] = []
    end = time.monotonic() + 10.0
    try:
        while time.monotonic() < end:  # as the daemon does: a pass, then wait for news
            got += [(time.monotonic(), raw) for raw in drain(mailbox)]
            mailbox.wait(end - time.monotonic())
        got += [(time.monotonic(), raw) for raw in drain(mailbox)]
    finally:
        timer.join()
    assert [raw for _, raw in got] == [message(1)]
    assert got[0][0] - appended_at[0] < 2.0  # picked up by IDLE, not by the end of the test
    assert len(token_server.token_requests) >= 3  # a new token for each new session
    assert all(accepted for _, accepted in token_server.introspected)
    assert oauth_dovecot.log().count("method=XOAUTH2") >= 3
