"""re.compile with each compiled program kept on disk between runs, so a short command does not rebuild it.

Python's re turns every character class into a bitmap one code point at a time, in Python: an
ideograph class such as [\\u4e00-\\u9fff] (20,992 code points) costs about 0.5 ms, and policykit's
patterns cost about 55 ms of a 190 ms `parse` of an 8 KB plan. The program re._compiler produces
(a list of integers, plus the group tables) depends only on the pattern, its flags and the
interpreter's regex engine, so it is stored under the cache directory, keyed by the interpreter's
version and the engine's MAGIC number, and later runs hand it straight to the engine. The Pattern is
the same object re.compile builds (Pattern equality compares the program; a test checks every
pattern). Anything unexpected (another interpreter, a damaged or unwritable cache) falls back to
re.compile, and the file is rewritten at exit only when this run compiled something new.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import sys
from functools import lru_cache
from typing import Any

_MAX_ENTRIES = 4000
"""Past this many stored programs, only the ones this run used are kept (data files changed, say)."""

_store: dict[tuple[str, int], tuple] | None = None
_new: dict[tuple[str, int], tuple] = {}
_used: set[tuple[str, int]] = set()


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), from the stored program when an earlier run has compiled it."""
    try:
        import _sre  # type: ignore[import-not-found]
    except ImportError:  # another interpreter: no engine to hand a program to
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    stored = _programs().get(key) or _new.get(key)
    if stored is not None:
        try:
            compiled = _sre.compile(pattern, *stored)
        except (TypeError, ValueError, RuntimeError):
            return re.compile(pattern, flags)
        _used.add(key)
        return compiled
    program = _program(pattern, int(flags))
    if program is None:
        return re.compile(pattern, flags)
    try:
        compiled = _sre.compile(pattern, *program)
    except (TypeError, ValueError, RuntimeError):
        return re.compile(pattern, flags)
    if not _new:
        _register_save()
    _new[key] = program
    _used.add(key)
    return compiled


def _lock(handle: Any) -> None:
    """Hold an exclusive lock on an open file until it is closed (where the platform has flock)."""
    try:
        import fcntl
    except ImportError:
        return
    fcntl.flock(handle, fcntl.LOCK_EX)


@lru_cache(maxsize=1)
def _register_save() -> None:
    atexit.register(_save)


def _program(pattern: str, flags: int) -> tuple | None:
    """What re._compiler.compile hands the engine, as plain ints and tuples (marshal-able)."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except (ImportError, AttributeError, TypeError):
        return None  # re's internals differ from what this module knows


def _path() -> str | None:
    try:
        import _sre

        from policykit.config import cache_dir

        magic = getattr(_sre, "MAGIC", 0)
    except ImportError:
        return None
    return os.path.join(
        cache_dir(), f"patterns-{sys.implementation.cache_tag}-{sys.hexversion:x}-{magic}.marshal"
    )


def _programs() -> dict[tuple[str, int], tuple]:
    """The stored programs, read once per process; empty when there is no readable store."""
    global _store
    if _store is None:
        path = _path()
        _store = _read(path) if path and not os.environ.get("POLICYKIT_NO_PATTERN_CACHE") else {}
    return _store


def _read(path: str) -> dict[tuple[str, int], tuple]:
    import marshal

    try:
        with open(path, "rb") as handle:
            loaded: Any = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def save_new() -> None:
    """Write the programs compiled since the last save (a pool worker calls this: it never runs atexit)."""
    if _new:
        _save()


def _save() -> None:
    """Write the store with this run's new programs (atomically: another run may be reading it)."""
    path = _path()
    if not _new or not path or os.environ.get("POLICYKIT_NO_PATTERN_CACHE"):
        return
    import marshal

    _programs().update(_new)
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(f"{path}.lock", "a") as lock:
            _lock(lock)  # two workers saving at once must not drop each other's programs
            merged = {**_read(path), **_new}
            if len(merged) > _MAX_ENTRIES:
                merged = {key: merged[key] for key in _used | set(_new) if key in merged}
            with open(temporary, "wb") as handle:
                marshal.dump(merged, handle)
            os.replace(temporary, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    _new.clear()
