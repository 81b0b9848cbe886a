"""The run caches: regex programs give exactly the Pattern re.compile gives, data files the values YAML gives (issue 15)."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policykit
from policykit import config, pattern_cache, run_cache
from tests.conftest import examples


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache directory and a module that has read nothing yet."""
    monkeypatch.setenv("POLICYKIT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv(run_cache.DISABLE, raising=False)
    pattern_cache.PROGRAMS.reset()
    yield tmp_path
    pattern_cache.PROGRAMS.reset()


def _reload_store(cache=pattern_cache.PROGRAMS):
    """What a later process sees: the saved file, nothing in memory."""
    cache.save()
    cache.reset()


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
    _reload_store()
    for pattern in patterns:
        stored = pattern_cache.PROGRAMS.stored().get((pattern.pattern, pattern.flags))
        assert stored is not None, pattern.pattern
        # Pattern equality compares the flags, the source and the compiled program itself
        assert pattern_cache.compile(pattern.pattern, pattern.flags) == re.compile(
            pattern.pattern, pattern.flags
        )


_PIECES = st.sampled_from(
    [r"[\u4e00-\u9fff]", r"[一二三四五六七八九十]{1,3}", r"(?P<n>\d+)", r"(?:以上|以下)", r"\s*", "、", r"(?<=。)",
     r"(?=[，。])", "^", "$", r"[^\s]+?", r"(a|b)", r"[\x00-\x08\u2028]", r"\.", "年"]
)  # fmt: skip


@settings(max_examples=examples(150), deadline=None)
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
    pattern_cache.PROGRAMS.save()
    path = pattern_cache.PROGRAMS.path()
    assert path is not None
    with open(path, "wb") as handle:
        handle.write(b"\x00garbage")
    pattern_cache.PROGRAMS.reset()
    assert pattern_cache.compile(r"[\u4e00-\u9fff]+年") == re.compile(r"[\u4e00-\u9fff]+年")
    _reload_store()
    assert (r"[\u4e00-\u9fff]+年", 0) in pattern_cache.PROGRAMS.stored()


def test_an_unwritable_cache_still_compiles(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("POLICYKIT_CACHE_DIR", str(blocker / "cache"))
    pattern_cache.PROGRAMS.reset()
    assert pattern_cache.compile("第([一二三])条") == re.compile("第([一二三])条")
    pattern_cache.PROGRAMS.save()  # cannot create the folder: nothing raised, nothing written
    pattern_cache.PROGRAMS.reset()
    assert not (blocker / "cache").exists()


def test_the_store_keeps_only_what_a_run_used_when_it_grows_too_big(fresh_cache, monkeypatch):
    for i in range(5):
        pattern_cache.compile(f"x{i}")
    _reload_store()
    monkeypatch.setattr(pattern_cache.PROGRAMS, "max_entries", 3)
    pattern_cache.compile("x4")  # from the store
    pattern_cache.compile("y")  # new
    _reload_store()
    assert set(pattern_cache.PROGRAMS.stored()) == {("x4", 0), ("y", 0)}


def _compile_in_worker(pattern: str) -> bool:
    return pattern_cache.compile(pattern) == re.compile(pattern)


def test_patterns_compiled_in_pool_workers_are_kept(fresh_cache, monkeypatch):
    from policykit import parallel

    monkeypatch.setattr(parallel, "worker_count", lambda limit=None: 2)
    parallel.shutdown()  # workers forked now see this test's cache directory
    patterns = [f"第{i}[\u4e00-\u9fff]{{1,{i + 1}}}条" for i in range(6)]
    try:
        assert all(parallel.pmap(_compile_in_worker, patterns))
    finally:
        parallel.shutdown()
    pattern_cache.PROGRAMS.reset()
    assert {(p, 0) for p in patterns} <= set(pattern_cache.PROGRAMS.stored())


def test_data_files_from_the_run_cache_equal_the_yaml_and_are_new_objects(fresh_cache):
    from importlib import resources

    import yaml

    cache = config._data_cache()
    cache.reset()
    names = [entry.name for entry in resources.files("policykit").joinpath("data").iterdir()]
    names = [name for name in names if name.endswith(".yaml")]
    parsed = {name: yaml.safe_load(resources.files("policykit").joinpath(f"data/{name}").read_text("utf-8"))
              for name in names}  # fmt: skip
    assert all(config.data_yaml(name) == parsed[name] for name in names)
    _reload_store(cache)
    assert len(cache.stored()) == len(names), "every data file was kept"
    first = config.data_yaml(names[0])
    assert first == parsed[names[0]]
    assert config.data_yaml(names[0]) is not first, "callers may change what they get"
    cache.reset()


def test_search_queries_leave_the_program_store_alone(fresh_cache, tmp_path):
    """Each query builds its own prefilter patterns; kept on disk, every search would grow the file that
    every later command reads whole at start-up (3,000 of them made that read cost 130 ms)."""
    from policykit.search import search

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "plan.txt").write_text("一、总体要求\n到2025年，氢能产业规模达到100亿元。\n", encoding="utf-8")
    search("氢能", [folder], use_index=False)
    _reload_store()
    before = set(pattern_cache.PROGRAMS.stored())
    for term in ("燃料电池", "加氢站", "charging", "量子"):
        search(term, [folder], use_index=False)
    _reload_store()
    assert set(pattern_cache.PROGRAMS.stored()) == before


def test_an_oversized_store_is_cut_to_what_a_run_used_even_when_it_adds_nothing(fresh_cache, monkeypatch):
    for i in range(5):
        pattern_cache.compile(f"x{i}")
    _reload_store()
    monkeypatch.setattr(pattern_cache.PROGRAMS, "max_entries", 3)
    pattern_cache.compile("x1")  # from the store: nothing new to write
    _reload_store()
    assert set(pattern_cache.PROGRAMS.stored()) == {("x1", 0)}
