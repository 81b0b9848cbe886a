"""Values a run derives from policykit's own code and data, kept on disk so the next run skips the work.

A short command (`parse` of an 8 KB plan) spent a third of its time rebuilding the same things on
every run: regex programs (pattern_cache) and the YAML data files (config.data_yaml). Each cache is
one marshal file under the cache directory, per interpreter version (marshal's format and the
values' meaning may change with it), read once per process and rewritten, under a file lock and
atomically, only when a run added something. Pool workers end without atexit, so parallel.pmap
saves after their jobs. A missing, damaged or unwritable file only means the work is done again.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from typing import Any

DISABLE = "POLICYKIT_NO_RUN_CACHE"
"""Set this environment variable to read and write no run cache (every run does the work afresh)."""


class RunCache:
    """One marshal file of key -> value; values must be marshal-able (numbers, strings, lists, dicts...)."""

    def __init__(self, name: str, max_entries: int) -> None:
        self.name = name
        self.max_entries = max_entries
        self.reset()
        _CACHES.append(self)

    def reset(self) -> None:
        """Forget what this process read and added (tests; a changed cache directory)."""
        self._stored: dict | None = None
        self._new: dict = {}
        self._used: set = set()
        self._oversized = False

    def path(self) -> str | None:
        from policykit.config import cache_dir

        if os.environ.get(DISABLE):
            return None
        return os.path.join(
            cache_dir(), f"{self.name}-{sys.implementation.cache_tag}-{sys.hexversion:x}.marshal"
        )

    def get(self, key: Any) -> Any:
        """The stored value for `key`, or None."""
        value = self._new.get(key)
        if value is None:
            value = self.stored().get(key)
        if value is not None:
            self._used.add(key)
        return value

    def put(self, key: Any, value: Any) -> None:
        """Add a value, written to disk at exit (or by `save`)."""
        if not _registered:
            _register()
        self._new[key] = value
        self._used.add(key)

    def stored(self) -> dict:
        """What the file held when this process first asked (empty when there is no readable file)."""
        if self._stored is None:
            path = self.path()
            self._stored = _read(path) if path else {}
            if len(self._stored) > self.max_entries:  # rewrite it at exit with only what this run used
                self._oversized = True
                if not _registered:
                    _register()
        return self._stored

    def save(self) -> None:
        """Merge this run's new values into the file, under a lock, replacing it atomically."""
        path = self.path()
        if not (self._new or self._oversized) or not path:
            return
        import marshal

        self.stored().update(self._new)
        temporary = f"{path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(f"{path}.lock", "a") as lock:
                _lock(lock)  # two workers saving at once must not drop each other's values
                merged = {**_read(path), **self._new}
                if len(merged) > self.max_entries:  # what this run did not use has gone stale
                    merged = {key: merged[key] for key in self._used | set(self._new) if key in merged}
                with open(temporary, "wb") as handle:
                    marshal.dump(merged, handle)
                os.replace(temporary, path)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        self._new.clear()
        self._oversized = False


_CACHES: list[RunCache] = []
_registered = False


def save_all() -> None:
    """Write every cache's new values (at exit, and after a pool worker's job)."""
    for cache in _CACHES:
        if cache._new or cache._oversized:
            cache.save()


def _register() -> None:
    global _registered
    _registered = True
    atexit.register(save_all)


def _read(path: str) -> dict:
    import marshal

    try:
        with open(path, "rb") as handle:
            loaded: Any = marshal.loads(handle.read())  # marshal.load(file) reads piece by piece: 10x slower
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _lock(handle: Any) -> None:
    """Hold an exclusive lock on an open file until it is closed (where the platform has flock)."""
    try:
        import fcntl
    except ImportError:
        return
    fcntl.flock(handle, fcntl.LOCK_EX)
