"""LibreOffice for the tests: one headless soffice per test process, kept open, that every conversion is handed to.

A `soffice --convert-to` launch costs ~1.5 s of CPU before it converts anything; a second soffice started on the
same user profile hands its command line to the running one over LibreOffice's pipe and waits for it, at no cost.
The running one holds a small text document open, or it would quit after the first conversion handed to it.
Where it cannot be started, or with POLICYKIT_TESTS_OFFICE_SERVER=0, each conversion launches soffice itself.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

_STARTUP = 60.0  # seconds to wait for the kept-open soffice before converting without it
_state: dict[str, object] = {}


def soffice() -> str | None:
    """The LibreOffice binary, or None where it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _folder() -> Path:
    """This process's LibreOffice folder (user profile and the document held open), made once."""
    if "folder" not in _state:
        _state["folder"] = Path(tempfile.mkdtemp(prefix="policykit-tests-office-"))
    return _state["folder"]  # type: ignore[return-value]


def _profile() -> str:
    return f"-env:UserInstallation={(_folder() / 'profile').as_uri()}"


def _start(binary: str) -> None:
    """Start the kept-open soffice once a process and wait until it listens (it locks the document it holds)."""
    if "server" in _state:
        return
    _state["server"] = None
    if os.environ.get("POLICYKIT_TESTS_OFFICE_SERVER") == "0":  # each conversion launches soffice itself
        return
    folder = _folder()
    held = folder / "held.txt"
    held.write_text("held open so the soffice the tests hand their conversions to keeps running\n")
    server = subprocess.Popen(
        [binary, _profile(), "--headless", "--invisible", "--norestore", "--nologo", str(held)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, so stopping it stops oosplash and soffice.bin
    )
    atexit.register(stop)
    deadline = time.monotonic() + _STARTUP
    while not (folder / f".~lock.{held.name}#").exists():
        if server.poll() is not None or time.monotonic() > deadline:
            _kill(server)  # each conversion then launches soffice itself, on a profile no one holds
            shutil.rmtree(folder, ignore_errors=True)
            _state["folder"] = Path(tempfile.mkdtemp(prefix="policykit-tests-office-"))
            return
        time.sleep(0.05)
    _state["server"] = server


def stop() -> None:
    """Stop this process's kept-open soffice, if it started one, and remove its folder."""
    server = _state.pop("server", None)
    if isinstance(server, subprocess.Popen):
        _kill(server)
    folder = _state.pop("folder", None)
    if isinstance(folder, Path):
        shutil.rmtree(folder, ignore_errors=True)


def _kill(server: subprocess.Popen) -> None:
    """Stop a soffice and reap it (so its CPU counts in the test run's)."""
    if server.poll() is None:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(server.pid, signal.SIGKILL)
    server.wait()


def convert(sources: list[Path], to: str, outdir: Path, timeout: float = 300) -> None:
    """`soffice --headless --convert-to to --outdir outdir sources`, handed to this process's kept-open soffice.

    Raises FileNotFoundError without LibreOffice, CalledProcessError or TimeoutExpired as subprocess.run does."""
    binary = soffice()
    if binary is None:
        raise FileNotFoundError("soffice")
    _start(binary)
    subprocess.run(
        [binary, _profile(), "--headless", "--convert-to", to, "--outdir", str(outdir), *map(str, sources)],
        check=True,
        capture_output=True,
        timeout=timeout,
    )
