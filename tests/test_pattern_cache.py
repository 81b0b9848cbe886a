"""The on-disk regex program cache gives exactly the Pattern re.compile gives (issue 15: parse start-up)."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policykit
from policykit import pattern_cache


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache directory and a module that has read nothing yet."""
    monkeypatch.setenv("POLICYKIT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("POLICYKIT_NO_PATTERN_CACHE", raising=False)
    monkeypatch.setattr(pattern_cache, "_store", None)
    monkeypatch.setattr(pattern_cache, "_new", {})
    monkeypatch.setattr(pattern_cache, "_used", set())
    return tmp_path


def _reload_store(monkeypatch):
    """What a later process sees: the saved file, nothing in memory."""
    pattern_cache._save()
    monkeypatch.setattr(pattern_cache, "_store", None)
    monkeypatch.setattr(pattern_cache, "_new", {})


def _library_patterns() -> list[re.Pattern[str]]:
    found: dict[tuple[str, int], re.Pattern[str]] = {}
    for module in pkgutil.walk_packages(policykit.__path__, "policykit."):
        if module.name.startswith("policykit.cli") or module.name.endswith("__main__"):
            continue
        loaded = importlib.import_module(module.name)
        for value in vars(loaded).values():
            values = value if isinstance(value, (list, tuple)) else [value]
            for item in values:
                if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                    found[(item.pattern, item.flags)] = item
    return list(found.values())


def test_every_library_pattern_from_the_store_equals_re_compile(fresh_cache, monkeypatch):
    patterns = _library_patterns()
    assert len(patterns) > 50, "the library's module-level patterns were found"
    for pattern in patterns:
        pattern_cache.compile(pattern.pattern, pattern.flags)
    _reload_store(monkeypatch)
    for pattern in patterns:
        stored = pattern_cache._programs().get((pattern.pattern, pattern.flags))
        assert stored is not None, pattern.pattern
        # Pattern equality compares the flags, the source and the compiled program itself
        assert pattern_cache.compile(pattern.pattern, pattern.flags) == re.compile(
            pattern.pattern, pattern.flags
        )


_PIECES = st.sampled_from(
    [r"[\u4e00-\u9fff]", r"[一二三四五六七八九十]{1,3}", r"(?P<n>\d+)", r"(?:以上|以下)", r"\s*", "、", r"(?<=。)",
     r"(?=[，。])", "^", "$", r"[^\s]+?", r"(a|b)", r"[\x00-\x08\u2028]", r"\.", "年"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=6, unique=True), st.sampled_from([0, re.M, re.I, re.S]))
def test_generated_patterns_round_trip_through_the_store(pieces, flags):
    pattern = "".join(pieces)
    expected = re.compile(pattern, flags)
    program = pattern_cache._program(pattern, int(flags))
    assert program is not None
    import _sre

    assert _sre.compile(pattern, *program) == expected


def test_a_damaged_store_is_ignored_and_rewritten(fresh_cache, monkeypatch):
    pattern_cache.compile(r"[\u4e00-\u9fff]+年")
    pattern_cache._save()
    path = pattern_cache._path()
    assert path is not None
    with open(path, "wb") as handle:
        handle.write(b"\x00garbage")
    monkeypatch.setattr(pattern_cache, "_store", None)
    monkeypatch.setattr(pattern_cache, "_new", {})
    assert pattern_cache.compile(r"[\u4e00-\u9fff]+年") == re.compile(r"[\u4e00-\u9fff]+年")
    _reload_store(monkeypatch)
    assert (r"[\u4e00-\u9fff]+年", 0) in pattern_cache._programs()


def test_an_unwritable_cache_still_compiles(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("POLICYKIT_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(pattern_cache, "_store", None)
    monkeypatch.setattr(pattern_cache, "_new", {})
    assert pattern_cache.compile("第([一二三])条") == re.compile("第([一二三])条")
    pattern_cache._save()  # cannot create the folder: nothing raised, nothing written
    assert not (blocker / "cache").exists()


def test_the_store_keeps_only_what_a_run_used_when_it_grows_too_big(fresh_cache, monkeypatch):
    for i in range(5):
        pattern_cache.compile(f"x{i}")
    _reload_store(monkeypatch)
    monkeypatch.setattr(pattern_cache, "_MAX_ENTRIES", 3)
    monkeypatch.setattr(pattern_cache, "_used", set())
    pattern_cache.compile("x4")  # from the store
    pattern_cache.compile("y")  # new
    _reload_store(monkeypatch)
    assert set(pattern_cache._programs()) == {("x4", 0), ("y", 0)}


def _compile_in_worker(pattern: str) -> bool:
    return pattern_cache.compile(pattern) == re.compile(pattern)


def test_patterns_compiled_in_pool_workers_are_kept(fresh_cache, monkeypatch):
    from policykit import parallel

    monkeypatch.setattr(parallel, "worker_count", lambda limit=None: 2)
    patterns = [f"第{i}[\u4e00-\u9fff]{{1,{i + 1}}}条" for i in range(6)]
    try:
        assert all(parallel.pmap(_compile_in_worker, patterns))
    finally:
        parallel.shutdown()
    monkeypatch.setattr(pattern_cache, "_store", None)
    assert {(p, 0) for p in patterns} <= set(pattern_cache._programs())
