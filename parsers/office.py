"""LibreOffice headless, one file at a time: the one way this service converts office files.

Each conversion runs in its own process group (a hung LibreOffice and any helper it started are stopped
together), with a fresh profile (two at once would otherwise fight over one) and a bare environment (the
service's holds its secrets), optionally under a memory cap, and is stopped whole when its time is up.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from .child_limits import child_env


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(data: bytes, source_name: str, to: str, seconds: float, memory_mb: int | None = None,
            program: str | None = None) -> bytes | None:
    """The file LibreOffice makes of `data` in format `to` ("docx", "pdf"), or None when LibreOffice is
    missing, fails or takes longer than `seconds`."""
    program = program or soffice()
    if program is None:
        return None
    with tempfile.TemporaryDirectory(prefix="marac-office-") as folder:
        work = Path(folder)
        source = work / source_name
        source.write_bytes(data)
        (work / "out").mkdir()
        command = [program, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                   f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--convert-to", to, "--outdir", str(work / "out"), str(source)]
        if memory_mb is not None:
            # Set by a shell in the child (ulimit): preexec_fn is unsafe in a threaded service.
            command = ["/bin/sh", "-c", f'ulimit -v {memory_mb * 1024} && exec "$0" "$@"', *command]
        if not _run(command, seconds, work):
            return None
        target = work / "out" / f"{Path(source_name).stem}.{to}"
        return target.read_bytes() if target.is_file() else None


def _run(command: list[str], seconds: float, work: Path) -> bool:
    try:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   stdin=subprocess.DEVNULL, cwd=work, env=child_env(HOME=str(work)),
                                   start_new_session=True)
    except OSError:
        return False
    try:
        return process.wait(timeout=seconds) == 0
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
        return False
