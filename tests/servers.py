"""Real servers for tests: a private Dovecot (IMAP with IDLE) on loopback with a throw-away certificate.

See docs/test-servers.md: run as root, Dovecot keeps its login and internal users at the package
defaults and the mail user gets the `dovecot` user's uid/gid; run as anyone else, every Dovecot process
runs as that user. Nothing outside the server's own temporary folder is touched.
"""
from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import grp
import json
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Sequence

import psutil
import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink
from aiosmtpd.smtp import AuthResult
from imapclient import IMAPClient

USER = "marac-test"
PASSWORD = "not-a-real-password-7f3a"


def dovecot_binary() -> str | None:
    # /usr/sbin is not on every user's PATH, but that is where Debian puts it.
    return shutil.which("dovecot") or ("/usr/sbin/dovecot" if os.access("/usr/sbin/dovecot", os.X_OK) else None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _mail_owner() -> tuple[int, int]:
    """Who owns the mail: Dovecot will not run a mail process as root, so as root borrow `dovecot`'s ids."""
    if os.geteuid() != 0:
        return os.geteuid(), os.getegid()
    entry = pwd.getpwnam("dovecot")
    return entry.pw_uid, entry.pw_gid


def _run_as_lines() -> str:
    if os.geteuid() == 0:
        return ""  # the package defaults (dovenull, dovecot) are right for root
    user = pwd.getpwuid(os.geteuid()).pw_name
    group = grp.getgrgid(os.getegid()).gr_name
    return (f"default_internal_user = {user}\ndefault_login_user = {user}\n"
            f"default_internal_group = {group}\n")


@dataclass
class Dovecot:
    """One private Dovecot. `tls_port` speaks implicit TLS, `starttls_port` plain IMAP with STARTTLS."""
    root: Path
    ca: trustme.CA
    ca_file: Path
    tls: bool = True  # False: a server with no TLS at all (to prove the client refuses it)
    tls_port: int = field(default_factory=free_port)
    starttls_port: int = field(default_factory=free_port)
    user: str = USER
    password: str = PASSWORD
    binary: str = "dovecot"
    # An OAuth 2.0 introspection endpoint: XOAUTH2 logins are then checked there (tests/token_server.py).
    oauth2_url: str | None = None

    @property
    def config(self) -> Path:
        return self.root / "dovecot.conf"

    @property
    def home(self) -> Path:
        return self.root / "home" / self.user

    @property
    def maildir(self) -> Path:
        return self.home / "Maildir"

    def write_config(self) -> None:
        uid, gid = _mail_owner()
        cert = self.ca.issue_cert("localhost", "127.0.0.1")
        cert.private_key_pem.write_to_path(str(self.root / "key.pem"))
        cert.cert_chain_pems[0].write_to_path(str(self.root / "cert.pem"))
        (self.root / "passwd").write_text(f"{self.user}:{{PLAIN}}{self.password}:{uid}:{gid}::{self.home}::\n")
        self.home.mkdir(parents=True, exist_ok=True)
        os.chown(self.home, uid, gid)
        dh = Path("/usr/share/dovecot/dh.pem")
        ssl_lines = (f"ssl = required\nssl_cert = <{self.root}/cert.pem\nssl_key = <{self.root}/key.pem\n"
                     + (f"ssl_dh = <{dh}\n" if dh.exists() else "")
                     if self.tls else "ssl = no\ndisable_plaintext_auth = no\n")
        imaps = (f"  inet_listener imaps {{\n    address = 127.0.0.1\n    port = {self.tls_port}\n"
                 "    ssl = yes\n  }\n" if self.tls else "")
        chroot = "" if os.geteuid() == 0 else "  chroot =\n"
        self.config.write_text(
            f"protocols = imap\nlisten = 127.0.0.1\n"
            f"base_dir = {self.root}/run\nstate_dir = {self.root}/state\n"
            f"log_path = {self.root}/dovecot.log\ninstance_name = marac-test-{self.starttls_port}\n"
            f"{_run_as_lines()}{ssl_lines}"
            f"first_valid_uid = {min(uid, 500)}\nfirst_valid_gid = {min(gid, 500)}\n"
            f"auth_mechanisms = plain login{' xoauth2 oauthbearer' if self.oauth2_url else ''}\n"
            # A real server slows a refused login down against guessing; the tests refuse on purpose.
            "auth_verbose = yes\nauth_failure_delay = 0\nmail_location = maildir:~/Maildir\n"
            f"passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u {self.root}/passwd\n"
            + ("  mechanisms = plain login\n}\n" if self.oauth2_url else "}\n") + self._oauth2_passdb() +
            f"userdb {{\n  driver = passwd-file\n  args = username_format=%u {self.root}/passwd\n}}\n"
            "service imap-login {\n"
            f"  inet_listener imap {{\n    address = 127.0.0.1\n    port = {self.starttls_port}\n  }}\n"
            f"{imaps}{chroot}}}\n"
            # Not root: no chroot() either, for the two services that use one by default.
            + ("" if os.geteuid() == 0 else "service anvil {\n  chroot =\n}\n"))

    def _oauth2_passdb(self) -> str:
        if not self.oauth2_url:
            return ""
        # No auth cache: every login asks the endpoint, so an expired token is refused at once.
        (self.root / "oauth2.conf.ext").write_text(
            f"introspection_mode = post\nintrospection_url = {self.oauth2_url}\nforce_introspection = yes\n"
            "username_attribute = username\nactive_attribute = active\nactive_value = true\n")
        return (f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n"
                f"  args = {self.root}/oauth2.conf.ext\n}}\n")

    def start(self) -> None:
        # The daemon keeps its stdout/stderr: a pipe here would never reach end-of-file.
        with open(self.root / "start.err", "ab") as err:
            subprocess.run([self.binary, "-c", str(self.config)], check=True, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=err, timeout=30)
        if not _wait_for(lambda: _accepts(self.starttls_port), 15):
            raise RuntimeError(f"Dovecot did not start; its log says:\n{self.log()}")

    def stop(self) -> None:
        # Dovecot's mail and login processes outlive a stopped master (clients stay connected): a
        # stop in a test stands for the server going away, so end them too, by their ids.
        master, children = self._processes()
        subprocess.run([self.binary, "-c", str(self.config), "stop"], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
        # `stop` only signals the master: wait until it and its listening sockets are gone.
        _wait_for(lambda: not (master and master.is_running()) and not _accepts(self.starttls_port), 15)
        _end(children)

    def _processes(self) -> tuple[psutil.Process | None, list[psutil.Process]]:
        try:
            master = psutil.Process(int((self.root / "run" / "master.pid").read_text().split()[0]))
            return master, master.children(recursive=True)
        except (OSError, ValueError, psutil.Error):
            return None, []

    def restart(self, down_seconds: float = 0.0) -> None:
        self.stop()
        time.sleep(down_seconds)
        self.start()

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca_file))

    def client(self) -> IMAPClient:
        """A second, independent connection, as a person's mail client or the sending server would be."""
        if self.tls:
            client = IMAPClient("127.0.0.1", self.tls_port, ssl_context=self.client_context(), timeout=30)
        else:
            client = IMAPClient("127.0.0.1", self.starttls_port, ssl=False, timeout=30)
        client.login(self.user, self.password)
        return client

    def append(self, raw: bytes, folder: str = "INBOX", flags: Sequence[bytes] = (),
               when: dt.datetime | None = None) -> None:
        with self.client() as client:
            client.append(folder, raw, flags=flags, msg_time=when)

    def count(self, folder: str) -> int:
        with self.client() as client:
            if not client.folder_exists(folder):
                return 0
            return int(client.folder_status(folder, ["MESSAGES"])[b"MESSAGES"])

    def forget_uids(self, folder_dir: Path | None = None) -> None:
        """Make Dovecot give every message in a folder new UIDs under a new UIDVALIDITY, as a server
        does after its index is rebuilt. Dovecot's UIDVALIDITY is a timestamp, hence the pause."""
        where = folder_dir or self.maildir
        self.stop()
        time.sleep(1.1)
        for name in ("dovecot-uidlist", "dovecot.index", "dovecot.index.log", "dovecot.index.cache",
                     "dovecot.index.log.2"):
            (where / name).unlink(missing_ok=True)
        self.start()


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _wait_for(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


def _end(processes: list[psutil.Process]) -> None:
    for process in processes:
        try:
            process.terminate()
        except psutil.Error:
            pass  # already gone
    # Orphans may linger as zombies until something reaps them: those are gone as far as we care.
    _wait_for(lambda: not any(_alive(p) for p in processes), 3)
    for process in processes:
        if _alive(process):
            try:
                process.kill()
            except psutil.Error:
                pass


def _alive(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def make_ca(folder: Path) -> tuple[trustme.CA, Path]:
    ca = trustme.CA()
    ca_file = folder / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return ca, ca_file


@contextlib.contextmanager
def running_dovecot(tls: bool = True, oauth2_url: str | None = None) -> Iterator[Dovecot]:
    """Start a private Dovecot, and stop it and remove its files afterwards (tests and benchmarks)."""
    binary = dovecot_binary()
    if binary is None:
        raise RuntimeError("Dovecot is not installed (make test installs dovecot-imapd)")
    # Not under pytest's tmp_path: that is private to root (0700) and the mail user must reach its home.
    root = Path(tempfile.mkdtemp(prefix="marac-dovecot-"))
    root.chmod(0o755)
    ca, ca_file = make_ca(root)
    server = Dovecot(root=root, ca=ca, ca_file=ca_file, tls=tls, binary=binary, oauth2_url=oauth2_url)
    try:
        server.write_config()
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def imap_smtp_config(base: str, server: Dovecot, smtp: "SmtpRecorder", password_env: str,
                     secret_key: str = "password", **mailbox: object) -> str:
    """The local configuration's text with its mailbox on `server` (implicit TLS) and its sender on `smtp`.
    `secret_key` = "client_secret" (with auth = "oauth2" among `mailbox`) names the app's secret instead."""
    extra = "".join(f"{key} = {_toml(value)}\n" for key, value in mailbox.items())
    replacements = {
        '[mailbox]\nbackend = "maildir"\npath = "inbox"\nrescan_seconds = 30\nsettle_seconds = 1.0\n':
            f'[mailbox]\nbackend = "imap"\nhost = "127.0.0.1"\nport = {server.tls_port}\nsecurity = "tls"\n'
            f'username = "{server.user}"\n{secret_key} = {{ env = "{password_env}" }}\n'
            f'ca_file = "{server.ca_file}"\n{extra}',
        '[sender]\nbackend = "local"\npath = "outbox"\n':
            f'[sender]\nbackend = "smtp"\nhost = "127.0.0.1"\nport = {smtp.port}\nsecurity = "starttls"\n'
            f'ca_file = "{smtp.ca_file}"\n'}
    for old, new in replacements.items():
        assert old in base, old
        base = base.replace(old, new)
    return base


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f'"{value}"' if isinstance(value, (str, Path)) else str(value)


@dataclass
class Received:
    recipients: list[str]
    data: bytes
    over_tls: bool
    at: float  # time.time() when the server accepted it (after DATA)
    login: str | None = None  # who the session logged in as (XOAUTH2), if it did


class _Record(Sink):
    def __init__(self) -> None:
        self.received: list[Received] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.received.append(Received(list(envelope.rcpt_tos), bytes(envelope.original_content),
                                      session.ssl is not None, time.time(),
                                      session.auth_data if session.authenticated else None))
        return "250 OK"


class _RecordXoauth2(_Record):
    """Also offers AUTH XOAUTH2 and requires a login: `accept(user, token)` says whether it is good."""

    def __init__(self, accept: Callable[[str, str], bool]) -> None:
        super().__init__()
        self.accept = accept
        self.logins: list[tuple[str, bool]] = []  # user, accepted

    async def auth_XOAUTH2(self, server, args):  # type: ignore[no-untyped-def]
        if len(args) < 2:
            return AuthResult(success=False, handled=False)
        try:
            fields = dict(part.split("=", 1) for part in base64.b64decode(args[1]).decode().split("\x01") if part)
        except (ValueError, binascii.Error):
            return AuthResult(success=False, handled=False)
        user, token = fields.get("user", ""), fields.get("auth", "").removeprefix("Bearer ")
        good = self.accept(user, token)
        self.logins.append((user, good))
        if good:
            return AuthResult(success=True, auth_data=user)
        # As Google and Microsoft do: an error report the client answers with an empty line, then 535.
        await server.challenge_auth(json.dumps({"status": "401", "schemes": "bearer"}))
        return AuthResult(success=False, handled=False)


@dataclass
class SmtpRecorder:
    """aiosmtpd on loopback with STARTTLS required, keeping every message it accepts (and when)."""
    port: int
    ca_file: Path
    handler: _Record
    controller: Controller

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def stop(self) -> None:
        self.controller.stop()


def start_smtp(folder: Path, xoauth2: Callable[[str, str], bool] | None = None) -> SmtpRecorder:
    """With `xoauth2`, the server requires an XOAUTH2 login and asks `xoauth2(user, token)` about it."""
    ca, ca_file = make_ca(folder)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    handler = _Record() if xoauth2 is None else _RecordXoauth2(xoauth2)
    port = free_port()
    auth = {} if xoauth2 is None else {"auth_required": True, "auth_exclude_mechanism": ["LOGIN", "PLAIN"]}
    controller = Controller(handler, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                            **auth)
    controller.start()
    return SmtpRecorder(port, ca_file, handler, controller)


@pytest.fixture
def smtp_recorder(tmp_path: Path) -> Iterator[SmtpRecorder]:
    server = start_smtp(tmp_path)
    yield server
    server.stop()


def _dovecot_fixture(tls: bool) -> Iterator[Dovecot]:
    if dovecot_binary() is None:
        pytest.skip("Dovecot is not installed (make test installs dovecot-imapd)")
    with running_dovecot(tls) as server:
        yield server


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    yield from _dovecot_fixture(tls=True)


@pytest.fixture
def plain_dovecot() -> Iterator[Dovecot]:
    yield from _dovecot_fixture(tls=False)
