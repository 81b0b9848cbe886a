"""re.compile with each compiled program kept on disk between runs, so a short command does not rebuild it.

Python's re turns every character class into a bitmap one code point at a time, in Python: an
ideograph class such as [\\u4e00-\\u9fff] (20,992 code points) costs about 0.5 ms, and policykit's
patterns cost about 55 ms of a 190 ms `parse` of an 8 KB plan. The program re._compiler produces
(a list of integers, plus the group tables) depends only on the pattern, its flags and the
interpreter's regex engine, so it is stored under the cache directory, keyed by the interpreter's
version and the engine's MAGIC number, and later runs hand it straight to the engine. The Pattern is
the same object re.compile builds (Pattern equality compares the program; a test checks every
pattern). Anything unexpected (another interpreter, a damaged or unwritable cache) falls back to
re.compile. The file is a run_cache.RunCache.
"""

from __future__ import annotations

import re

from policykit.run_cache import RunCache


def _engine_magic() -> int:
    try:
        import _sre  # type: ignore[import-not-found]
    except ImportError:
        return 0
    return int(getattr(_sre, "MAGIC", 0))


PROGRAMS = RunCache(f"patterns-{_engine_magic()}", max_entries=1000)
"""(pattern, flags) -> the arguments _sre.compile takes after the pattern.

Only policykit's own patterns belong here (every command, all formats: about 230), never ones built
from a user's input: the file is read whole by every run, and 3,000 stored search prefilters made
that read cost 130 ms. Past `max_entries` (left over from older data) a run keeps only what it used.
"""


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), from the stored program when an earlier run has compiled it."""
    try:
        import _sre
    except ImportError:  # another interpreter: no engine to hand a program to
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    program = PROGRAMS.get(key)
    fresh = program is None
    if fresh:
        program = _program(pattern, int(flags))
        if program is None:
            return re.compile(pattern, flags)
    try:
        compiled: re.Pattern[str] = _sre.compile(pattern, *program)
    except (TypeError, ValueError, RuntimeError):
        return re.compile(pattern, flags)
    if fresh:
        PROGRAMS.put(key, program)
    return compiled


def _program(pattern: str, flags: int) -> tuple | None:
    """What re._compiler.compile hands the engine, as plain ints and tuples (marshal-able)."""
    try:
        try:
            from re import _compiler, _parser  # type: ignore[attr-defined]
        except ImportError:  # Python 3.10 names them sre_compile and sre_parse
            import sre_compile as _compiler
            import sre_parse as _parser

        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except (ImportError, AttributeError, TypeError):
        return None  # re's internals differ from what this module knows
