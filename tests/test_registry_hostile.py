"""The registry against hostile or unlucky input (issue 16): alias bombs, sources outside the repository,
concurrent updates, hand-set indicators, undecodable registries and folders that cannot be written."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from policykit.cli import app
from policykit.errors import PolicykitError, RegistryError, UsageError
from policykit.registry import ALIAS_NODES_MAX, load_marked, update_registry, validate
from tests.conftest import FULL_MATRIX, warm_cache

CASES = Path(__file__).parent / "cases" / "registry"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch, word_store):
    cache = warm_cache(tmp_path_factory.getbasetemp() / "policykit-cache", word_store)
    monkeypatch.setenv("POLICYKIT_CACHE_DIR", str(cache))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with one source in data/raw and a registry built from it."""
    root = tmp_path / "repo"
    raw = root / "data" / "raw"
    raw.mkdir(parents=True)
    shutil.copy(CASES / "sources" / "plan.txt", raw / "plan.txt")
    update_registry(root / "data" / "clauses.yaml", [raw], create=True)
    return root


def registry_of(repo: Path) -> dict:
    return yaml.safe_load((repo / "data" / "clauses.yaml").read_text(encoding="utf-8"))


def write_registry_data(repo: Path, data: dict) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (repo / "data" / "clauses.yaml").write_text(text, encoding="utf-8")


def alias_bomb(levels: int = 9) -> str:
    """The "billion laughs": each level lists the previous one nine times (~400 bytes that stand for 9**9 nodes)."""
    lines = ['version: 1\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghijk"[: levels - 1]:
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
        previous = name
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- alias bombs


def test_an_alias_bomb_is_refused_with_one_problem_at_once():
    started = time.process_time()
    data, problems = load_marked(alias_bomb(), "bomb.yaml")
    assert time.process_time() - started < 2
    assert data is None and len(problems) == 1
    assert problems[0].code == "yaml-alias" and "alias bomb" in problems[0].message


def test_many_small_aliases_are_refused_in_total():
    anchor = "base: &x [" + ", ".join(["v"] * 50) + "]\n"
    uses = "".join(f"k{i}: *x\n" for i in range(400))  # each alias is small, together 20,000 nodes
    data, problems = load_marked(anchor + uses, "x")
    assert data is None and problems[0].code == "yaml-alias"


def test_a_few_small_aliases_still_load():
    data, problems = load_marked("a: &x [1, 2]\nb: *x\nc: *x\n", "x")
    assert problems == [] and data["c"] == [1, 2]
    assert ALIAS_NODES_MAX >= 100


def test_a_recursive_alias_is_refused():
    data, problems = load_marked("version: 1\ndocuments: &d [*d]\nclauses: []\n", "x")
    assert data is None and problems[0].code == "yaml-alias"


@pytest.mark.parametrize("depth", [500, 5000])
@pytest.mark.parametrize("style", ["block", "flow"])
def test_deep_nesting_is_one_problem_not_a_crash(depth, style):
    if style == "block":
        text = "a:\n" + "".join(" " * i + "- \n" for i in range(1, depth))
    else:
        text = "[" * depth + "]" * depth
    data, problems = load_marked(text, "x")
    assert data is None and [p.code for p in problems] == ["yaml-syntax"]


def test_validate_cli_refuses_an_alias_bomb_in_one_line(runner, tmp_path):
    bomb = tmp_path / "clauses.yaml"
    bomb.write_text(alias_bomb(), encoding="utf-8")
    started = time.process_time()
    result = runner.invoke(app, ["validate", str(bomb)])
    assert time.process_time() - started < 5
    assert result.exit_code == 1
    assert result.stdout.count("\n") == 1 and "[yaml-alias]" in result.stdout


def test_update_refuses_an_alias_bomb(repo):
    (repo / "data" / "clauses.yaml").write_text(alias_bomb(), encoding="utf-8")
    with pytest.raises(RegistryError, match="alias bomb"):
        update_registry(repo / "data" / "clauses.yaml")


# ---------------------------------------------------------------- sources stay in the repository


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file next to the repository, not in it, with text that must never reach the registry."""
    path = tmp_path / "secret.txt"
    path.write_text(
        "root:x:0:0:root:/root:/bin/bash\n一、总体要求\n到2025年，完成目标100个。\n", encoding="utf-8"
    )
    return path


def point_first_document_at(repo: Path, source: str) -> None:
    data = registry_of(repo)
    data["documents"][0]["source"] = source
    write_registry_data(repo, data)


@pytest.mark.parametrize(
    "source",
    ["../secret.txt", "data/../../secret.txt", "ABSOLUTE", "/etc/passwd", "data/raw/link.txt"],
    ids=["dotdot", "dotdot-inside", "absolute-outside", "etc-passwd", "symlink-out"],
)
def test_validate_refuses_sources_outside_the_repository(repo, secret, source):
    (repo / "data" / "raw" / "link.txt").symlink_to(secret)
    source = str(secret) if source == "ABSOLUTE" else source
    point_first_document_at(repo, source)
    registry = repo / "data" / "clauses.yaml"
    line = next(
        n for n, text in enumerate(registry.read_text(encoding="utf-8").splitlines(), 1) if "source:" in text
    )
    report = validate(registry)
    outside = [p for p in report.errors if p.code == "source-outside"]
    assert [p.line for p in outside] == [line]
    digest = hashlib.sha256(secret.read_bytes()).hexdigest()[:12]
    assert not any(digest in p.message for p in report.problems)  # the outside file was never read


@pytest.mark.parametrize("source", ["../secret.txt", "ABSOLUTE", "data/raw/link.txt"])
def test_update_never_copies_an_outside_source_into_the_registry(repo, secret, source):
    (repo / "data" / "raw" / "link.txt").symlink_to(secret)
    point_first_document_at(repo, str(secret) if source == "ABSOLUTE" else source)
    with pytest.raises(RegistryError, match=r"outside the repository|absolute path"):
        update_registry(repo / "data" / "clauses.yaml")
    assert "root:x:0:0" not in (repo / "data" / "clauses.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("given", ["secret", "symlink"])
def test_update_refuses_to_add_a_file_outside_the_repository(repo, secret, given):
    path = secret
    if given == "symlink":
        path = repo / "data" / "raw" / "link.txt"
        path.symlink_to(secret)
    with pytest.raises(UsageError, match="outside the registry's repository"):
        update_registry(repo / "data" / "clauses.yaml", [path])
    assert "root:x:0:0" not in (repo / "data" / "clauses.yaml").read_text(encoding="utf-8")


def test_a_dot_slash_source_validates_and_updates_under_its_canonical_path(repo):
    point_first_document_at(repo, "./data/raw/plan.txt")
    assert validate(repo / "data" / "clauses.yaml").valid
    summary = update_registry(repo / "data" / "clauses.yaml")
    assert summary.added == 0 and summary.kept == 9
    documents = registry_of(repo)["documents"]
    assert [d["source"] for d in documents] == ["data/raw/plan.txt"]


@pytest.mark.parametrize("spelling", ["absolute", "dot-slash", "symlink", "folder-with-symlink"])
def test_other_spellings_of_a_source_add_no_duplicate_document(repo, monkeypatch, spelling):
    raw = repo / "data" / "raw"
    (raw / "latest.txt").symlink_to(raw / "plan.txt")
    monkeypatch.chdir(repo)
    given = {
        "absolute": raw / "plan.txt",
        "dot-slash": "./data/raw/./plan.txt",
        "symlink": "data/raw/latest.txt",
        "folder-with-symlink": "data/raw",
    }[spelling]
    summary = update_registry("data/clauses.yaml", [given])
    assert summary.added == 0
    assert [d["source"] for d in registry_of(repo)["documents"]] == ["data/raw/plan.txt"]


def test_two_documents_on_one_file_are_reported(repo):
    data = registry_of(repo)
    twin = dict(data["documents"][0], id="plan-twin", source="./data/raw/plan.txt")
    data["documents"].append(twin)
    write_registry_data(repo, data)
    codes = [p.code for p in validate(repo / "data" / "clauses.yaml").errors]
    assert codes == ["duplicate-source"]


# ---------------------------------------------------------------- concurrent updates


ROUNDS = 20 if FULL_MATRIX else 5
"""Without the folder lock one round already loses two of the three documents (5 times in 5), so five
leave a wide margin; `make test-full` runs the 20 rounds of the original reproduction."""
WRITERS = 3


def _writer(registry: str, sources: list[str], barrier) -> None:
    for source in sources:
        barrier.wait(timeout=60)
        update_registry(registry, [source])


def test_concurrent_updates_all_survive_every_round(repo):
    """Three processes add a document each, at the same moment, ROUNDS times: every one must be in the registry."""
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        pytest.skip("needs fork() to start writers with the parser already loaded")
    raw = repo / "data" / "raw"
    text = (raw / "plan.txt").read_text(encoding="utf-8")
    plans = [[str(raw / f"plan-w{w}-r{r}.txt") for r in range(ROUNDS)] for w in range(WRITERS)]
    for path in (p for row in plans for p in row):
        Path(path).write_text(text, encoding="utf-8")
    barrier = context.Barrier(WRITERS)
    registry = str(repo / "data" / "clauses.yaml")
    writers = [context.Process(target=_writer, args=(registry, plans[w], barrier)) for w in range(WRITERS)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=300)
    assert [writer.exitcode for writer in writers] == [0] * WRITERS
    documents = {d["id"] for d in registry_of(repo)["documents"]}
    assert documents == {"plan"} | {Path(p).stem for row in plans for p in row}
    assert validate(registry, cache=False).valid


def test_three_concurrent_cli_updates_all_report_and_survive(repo):
    """The issue's reproduction as users run it: three `policykit registry update` commands at once."""
    raw = repo / "data" / "raw"
    names = [f"added-{n}" for n in range(WRITERS)]
    for name in names:
        shutil.copy(raw / "plan.txt", raw / f"{name}.txt")
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    commands = [
        subprocess.Popen(
            [sys.executable, "-m", "policykit", "registry", "update", f"data/raw/{name}.txt"],
            cwd=repo,
            env=environment,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    outcomes = [(command.wait(timeout=300), command.stderr.read()) for command in commands]
    assert all(code == 0 and "9 added" in err for code, err in outcomes), outcomes
    assert {d["id"] for d in registry_of(repo)["documents"]} == {"plan", *names}


# ---------------------------------------------------------------- hand-set indicators


def rename_indicator(repo: Path, old: str, new: str) -> str:
    data = registry_of(repo)
    entry = next(c for c in data["clauses"] for t in c.get("targets", ()) if t["indicator"] == old)
    for target in entry["targets"]:
        if target["indicator"] == old:
            target["indicator"] = new
    write_registry_data(repo, data)
    return entry["uid"]


def test_a_hand_set_indicator_is_kept_with_a_warning_when_its_value_changes(repo):
    uid = rename_indicator(repo, "新增新能源公交车", "公交电动化（辆）")
    source = repo / "data" / "raw" / "plan.txt"
    source.write_text(
        source.read_text(encoding="utf-8").replace("公交车200辆", "公交车300辆"), encoding="utf-8"
    )
    summary = update_registry(repo / "data" / "clauses.yaml")
    entry = next(c for c in registry_of(repo)["clauses"] if c["uid"] == uid)
    assert [(t["indicator"], t["value"]) for t in entry["targets"]] == [("公交电动化（辆）", 300)]
    assert len(summary.warnings) == 1
    assert uid in summary.warnings[0] and "200" in summary.warnings[0] and "300" in summary.warnings[0]


def test_a_hand_set_indicator_is_kept_silently_when_nothing_changes(repo):
    uid = rename_indicator(repo, "森林覆盖率", "森林覆盖率（%）")
    summary = update_registry(repo / "data" / "clauses.yaml")
    entry = next(c for c in registry_of(repo)["clauses"] if c["uid"] == uid)
    assert "森林覆盖率（%）" in [t["indicator"] for t in entry["targets"]] and summary.warnings == ()


def test_the_update_cli_prints_the_indicator_warning(runner, repo, monkeypatch):
    rename_indicator(repo, "新增新能源公交车", "公交电动化")
    source = repo / "data" / "raw" / "plan.txt"
    source.write_text(
        source.read_text(encoding="utf-8").replace("公交车200辆", "公交车300辆"), encoding="utf-8"
    )
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["registry", "update"])
    assert result.exit_code == 0
    assert "warning:" in result.stderr and "公交电动化" in result.stderr


# ---------------------------------------------------------------- one clear line, not "internal error"


def test_update_of_a_non_utf8_registry_is_one_clear_line(runner, repo, monkeypatch):
    registry = repo / "data" / "clauses.yaml"
    registry.write_bytes(registry.read_text(encoding="utf-8").encode("gb18030"))
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["registry", "update"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not UTF-8" in lines[0] and "internal error" not in lines[0]


def test_update_in_a_folder_that_cannot_be_written_is_one_clear_line(runner, repo, monkeypatch):
    def refuse(self, target):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "replace", refuse)  # root ignores chmod, so fail the write itself
    before = (repo / "data" / "clauses.yaml").read_bytes()
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["registry", "update"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot write" in lines[0] and "internal error" not in lines[0]
    assert (repo / "data" / "clauses.yaml").read_bytes() == before
    assert not list((repo / "data").glob(".*.tmp"))


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root can write anywhere")
def test_update_in_a_read_only_folder_is_one_clear_line(runner, repo, monkeypatch):
    (repo / "data").chmod(0o555)
    try:
        monkeypatch.chdir(repo)
        result = runner.invoke(app, ["registry", "update"])
    finally:
        (repo / "data").chmod(0o755)
    assert result.exit_code == 1 and "internal error" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_library_errors_are_policykit_errors(repo):
    (repo / "data" / "clauses.yaml").write_bytes(b"\xff\xfe version: 1\n")
    with pytest.raises(PolicykitError):
        update_registry(repo / "data" / "clauses.yaml")
