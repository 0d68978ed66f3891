"""A private PostgreSQL for tests: one throw-away cluster per test session, on loopback and a free port.

PostgreSQL refuses to run as root, so as root the cluster's folder is given to the `postgres` user the
Debian package creates (or `nobody`) and initdb and pg_ctl run as that user; anyone else runs them
as themselves. fsync is off: the cluster is thrown away, and speed matters more than a power cut.
Each test gets a schema of its own (`fresh_schema`), so tests never see each other's rows.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)]


def pg_bin(program: str) -> str | None:
    """Where initdb/pg_ctl are: Debian keeps them in /usr/lib/postgresql/<version>/bin, off PATH."""
    found = shutil.which(program)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"),
                        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as() -> tuple[list[str], int | None, int | None]:
    """(command prefix, uid, gid) for the cluster's processes."""
    if os.geteuid() != 0:
        return [], None, None
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"], entry.pw_uid, entry.pw_gid
    raise RuntimeError("running as root and there is no `postgres` or `nobody` user to run PostgreSQL as")


@dataclass
class Cluster:
    root: Path
    port: int
    prefix: list[str]

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def url(self) -> str:
        return f"postgresql://marac@127.0.0.1:{self.port}/postgres"

    def pg_ctl(self, *args: str) -> None:
        subprocess.run([*self.prefix, str(pg_bin("pg_ctl")), "-D", str(self.data), *args], check=True,
                       capture_output=True, timeout=60)


def start_cluster() -> Cluster:
    initdb = pg_bin("initdb")
    if initdb is None or pg_bin("pg_ctl") is None:
        raise RuntimeError("PostgreSQL is not installed (make test installs postgresql)")
    prefix, uid, gid = _run_as()
    # Not under pytest's tmp_path: that is private to root (0700) and the server's user must reach it.
    root = Path(tempfile.mkdtemp(prefix="marac-pg-"))
    if uid is not None and gid is not None:
        os.chown(root, uid, gid)
    cluster = Cluster(root=root, port=_free_port(), prefix=prefix)
    subprocess.run([*prefix, initdb, "-D", str(cluster.data), "-U", "marac", "--auth=trust", "--no-sync",
                    "-E", "UTF8", "--locale=C"], check=True, capture_output=True, timeout=120)
    options = (f"-p {cluster.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
               " -c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
    cluster.pg_ctl("-l", str(root / "server.log"), "-o", options, "-w", "start")
    return cluster


def stop_cluster(cluster: Cluster) -> None:
    try:
        cluster.pg_ctl("-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(cluster.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """The url of a private PostgreSQL for the whole session; the test is skipped when none is installed."""
    if pg_bin("initdb") is None:
        pytest.skip("PostgreSQL is not installed (make test installs postgresql)")
    cluster = start_cluster()
    try:
        yield cluster.url
    finally:
        stop_cluster(cluster)


def fresh_schema() -> str:
    """A schema name no other test uses (connect_url creates it)."""
    return f"t_{uuid.uuid4().hex[:12]}"


@pytest.fixture(params=BACKENDS)
def store_opener(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], Any]]:
    """Opens connections (as many as the test wants) to one migrated store: SQLite in tmp_path, or a
    fresh schema in the session's PostgreSQL. All are closed after the test."""
    from marac.store import db
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    schema = fresh_schema()
    opened: list[Any] = []

    def opener() -> Any:
        conn = db.connect(tmp_path / "marac.db") if url is None else db.connect_url(url, schema)
        opened.append(conn)
        return conn
    yield opener
    for conn in opened:
        conn.close()


@pytest.fixture(params=BACKENDS)
def store_conn(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A migrated, empty store: SQLite in tmp_path, or a fresh schema in the session's PostgreSQL."""
    from marac.store import db
    if request.param == "sqlite":
        conn = db.connect(tmp_path / "marac.db")
    else:
        conn = db.connect_url(request.getfixturevalue("pg_url"), fresh_schema())
    yield conn
    conn.close()


def fresh_database(url: str) -> str:
    """A new, empty database in the session's cluster; its url (for a whole service, whose schema name
    comes from its area code and so would be shared by every test in one database)."""
    import psycopg
    name = f"d_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"'.encode())
    return url.rsplit("/", 1)[0] + "/" + name
