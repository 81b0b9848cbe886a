"""Headless Chromium for the HTML page tests (diff, track): one launcher, skipped where it is absent."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

BROWSER = next(
    (shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)),
    None,
)
MISSING = "headless Chromium not installed (Debian: apt-get install chromium); HTML page not browser-checked"
# Without the background-networking flags Chromium keeps dialling out, which this machine's network refuses.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def chromium(*args: str, user_dir: Path, timeout: float = 90) -> subprocess.CompletedProcess:
    """Run headless Chromium with a fresh profile and capture what it prints."""
    assert BROWSER is not None, MISSING
    return subprocess.run(
        [BROWSER, *FLAGS, f"--user-data-dir={user_dir}", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
