"""The clause registry: broken registries as data, schema, marks, build/update carry-over, the validate CLI."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykit.cli import app
from policykit.registry import (
    MarkedDict,
    MarkedList,
    carry_uids,
    check_schema,
    dump_registry,
    load_marked,
    schema,
    schema_text,
    update_registry,
    validate,
)
from policykit.render.registry import render_reports, update_summary
from tests.conftest import examples

CASES = Path(__file__).parent / "cases" / "registry"
BROKEN = sorted(p for p in CASES.glob("*.yaml") if p.name != "valid.yaml")
EXPECT = re.compile(r"# expect ([a-z-]+): (.*?)\s*(?=# expect |$)")


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("POLICYKIT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "policykit-cache"))


def expectations(path: Path) -> list[tuple[int, str, str]]:
    """(line, code, message fragment) for every `# expect code: fragment` marker in a case file."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# Each"):
            continue
        for code, fragment in EXPECT.findall(line):
            found.append((number, code, fragment))
    return found


def test_there_are_at_least_15_broken_registries():
    assert len(BROKEN) >= 15
    assert all(expectations(path) for path in BROKEN)


def test_the_valid_case_validates():
    report = validate(CASES / "valid.yaml")
    assert report.problems == ()
    assert (report.documents, report.clauses) == (1, 9)
    assert report.targets == 4


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_registry_fails_with_the_right_message_and_line(path):
    report = validate(path)
    assert not report.valid
    got = {(p.line, p.code) for p in report.errors}
    for line, code, fragment in expectations(path):
        assert (line, code) in got, f"{path.name}: expected {code} on line {line}, got {sorted(got)}"
        messages = [p.message for p in report.errors if (p.line, p.code) == (line, code)]
        assert any(fragment in m for m in messages), f"{path.name}:{line}: {fragment!r} not in {messages}"
    expected = {(line, code) for line, code, _ in expectations(path)}
    assert got <= expected, f"{path.name}: unexpected problems {sorted(got - expected)}"


def test_every_problem_is_reported_not_just_the_first():
    text = (CASES / "valid.yaml").read_text(encoding="utf-8")
    text = text.replace("    value: 200\n", "    value: 250\n").replace("  tags: []\n", "  tags: 低碳\n", 2)
    report = validate(CASES / "in-memory.yaml", text=text)
    codes = sorted(p.code for p in report.errors)
    assert codes.count("schema-type") == 2 and "target-mismatch" in codes


# ---------------------------------------------------------------- marks and schema


def test_marks_give_line_and_column_of_keys_and_values():
    data, problems = load_marked("version: 1\nclauses:\n- uid: a\n  text: |\n    第一行\n", "x.yaml")
    assert problems == []
    entry = data["clauses"][0]
    assert entry.key_marks["text"] == (4, 3)
    assert entry.mark_of("uid") == (3, 8)
    assert data["clauses"].marks[0] == (3, 3)
    assert entry["text"] == "第一行\n"


def test_dates_stay_text_and_yaml_errors_carry_their_position():
    data, _ = load_marked("date: 2023-01-05\n", "x")
    assert data["date"] == "2023-01-05"
    _, problems = load_marked("a: [1, 2\nb: 3\n", "x")
    assert problems[0].code == "yaml-syntax" and problems[0].line == 2


def test_unsupported_tags_are_reported_at_every_use():
    _, problems = load_marked("a: !x 1\nb: !x 1\n", "x")
    assert [(p.line, p.code) for p in problems] == [(1, "yaml-tag"), (2, "yaml-tag")]


def test_loaded_values_equal_pyyaml_safe_load():
    text = (CASES / "valid.yaml").read_text(encoding="utf-8")
    data, _ = load_marked(text, "x")
    assert json.loads(json.dumps(data)) == yaml.safe_load(text)


class TextDates(yaml.SafeLoader):
    """PyYAML's own safe loader with dates kept as text, as the registry loader keeps them."""


TextDates.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def assert_marks_in_order(node, lines: list[str]) -> None:
    """Key marks are in the file, values at or after their key, keys and items in file order."""
    if isinstance(node, MarkedDict):
        assert list(node.key_marks.values()) == sorted(node.key_marks.values())
        for key in node:
            key_line, key_column = node.key_marks[key]
            assert 1 <= key_line <= len(lines) and 1 <= key_column <= len(lines[key_line - 1]) + 1, key
            # an alias (b: *a) is the anchored node itself: its mark is the anchor's, earlier in the file
            assert node.value_marks[key] >= node.key_marks[key] or "*" in lines[key_line - 1], key
            assert_marks_in_order(node[key], lines)
    elif isinstance(node, MarkedList):
        assert node.marks == sorted(node.marks) and len(node.marks) == len(node)
        assert all(mark >= node.mark for mark in node.marks)
        for item in node:
            assert_marks_in_order(item, lines)


def assert_loads_like_pyyaml(text: str) -> None:
    """The marked tree holds PyYAML's values; what PyYAML refuses to construct is reported as a problem."""
    data, problems = load_marked(text, "x")
    try:
        expected = yaml.load(text, Loader=TextDates)
    except yaml.YAMLError:
        assert (problems and data is None) or any(p.code in ("yaml-tag", "yaml-key") for p in problems)
        return
    if problems:  # a duplicate key, tag or empty file: reported, not loaded
        assert {p.code for p in problems} <= {"duplicate-key", "yaml-tag", "yaml-key", "empty"}
        return
    assert plain_copy(data) == text_keys(expected)
    assert_marks_in_order(data, text.split("\n"))


def text_keys(value):
    """PyYAML's value with every mapping key as text, as the registry loader keys them."""
    if isinstance(value, dict):
        return {str(key): text_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [text_keys(item) for item in value]
    return value


@pytest.mark.parametrize("path", [*BROKEN, CASES / "valid.yaml"], ids=lambda p: p.stem)
def test_loader_matches_pyyaml_on_every_case(path):
    assert_loads_like_pyyaml(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "tags: [低碳, 能源]\n",
        "tags: [a,b ,  c]\n",
        "tags: [1, true, null, 2.5]\n",
        'tags: ["a", b]\n',
        "tags: [a, [b]]\n",
        "tags: [a: b]\n",
        "tags: [a, b] # c\n",
        "x:\n- tags: [低碳, 能源]\n  y: 1\n",
        "tags: [a,  ,b]\n",
        "a: 1\nb:\n  c: |\n    x\n\n    y\n\n  d: on\n",
        "a: 'it''s'\nb: \"q\"\nc:\nd: -1\n",
        "a: x\n  continued\n",
        "- a\n- - b\n",
        "  on: &a x\n  b: *a\n",
    ],
)
def test_loader_matches_pyyaml_on_hand_written_yaml(text):
    assert_loads_like_pyyaml(text)


yaml_lines = st.lists(
    st.builds(
        lambda indent, dash, key, value: " " * indent + dash + key + value,
        st.sampled_from([0, 1, 2, 4]),
        st.sampled_from(["", "- ", "-"]),
        st.sampled_from(["", "a:", "b: ", "on: ", "键: ", "'k': "]),
        st.sampled_from(
            ["", "x", "1", "-1", "2023-01-05", "'q''s'", '"d"', "|", "|-", "[a, b]", "[]", "{}", "x: y", "a #c",
             "# c", "  ", "值：", "null", ">", "&a x", "*a", "!t x", "[a, [b]]"]
        ),
    ),
    min_size=1,
    max_size=8,
)  # fmt: skip


@settings(max_examples=examples(400), deadline=None)
@given(yaml_lines)
def test_loader_agrees_with_pyyaml_on_arbitrary_block_yaml(lines):
    assert_loads_like_pyyaml("\n".join(lines) + "\n")


words = st.sampled_from(
    ["x", "低碳", "a b", "1", "-1", "2.5", "true", "null", "on", "2023-01-05", "值：说明", "c-1f"]
)
trees = st.recursive(
    words,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3),
        st.dictionaries(st.sampled_from(["uid", "text", "tags", "on", "键"]), inner, min_size=1, max_size=3),
    ),
    max_leaves=8,
)


def render_block(draw, node, indent: int) -> list[str]:
    """Block YAML for a tree, choosing among the styles people write: flow lists, quotes, comments, blanks."""
    pad = " " * indent
    lines: list[str] = []
    items = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
    for key, value in items:
        head = f"{pad}{key}:" if isinstance(node, dict) else f"{pad}-"
        if draw(st.booleans()) and draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", f"{pad}# note", "  "])))
        if isinstance(value, dict | list) and value:
            if isinstance(value, list) and all(isinstance(v, str) for v in value) and draw(st.booleans()):
                lines.append(f"{head} [{', '.join(value)}]")
                continue
            nested = indent + 2
            if isinstance(node, dict) and isinstance(value, list) and draw(st.booleans()):
                nested = indent  # an indentless sequence
            lines.append(head)
            lines.extend(render_block(draw, value, nested))
            continue
        style = draw(st.sampled_from(["plain", "single", "double", "literal", "comment"]))
        if style == "single":
            lines.append(f"{head} '{value}'")
        elif style == "double":
            lines.append(f'{head} "{value}"')
        elif style == "literal":
            lines.extend([f"{head} |", f"{pad}  {value}", f"{pad}  {value}"])
        elif style == "comment":
            lines.append(f"{head} {value}  # why")
        else:
            lines.append(f"{head} {value}")
    return lines


@settings(max_examples=examples(300), deadline=None)
@given(st.dictionaries(st.sampled_from(["version", "clauses", "documents"]), trees, min_size=1), st.data())
def test_loader_agrees_with_pyyaml_on_hand_styled_yaml(tree, data):
    assert_loads_like_pyyaml("\n".join(render_block(data.draw, tree, 0)) + "\n")


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
scalars = st.one_of(texts, st.integers(), st.floats(allow_nan=False), st.booleans(), st.none())


@settings(max_examples=examples(200), suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {"uid": texts, "text": texts, "tags": st.lists(texts, max_size=3)},
            optional={
                "notes": scalars,
                "targets": st.lists(st.dictionaries(texts, scalars, max_size=3), max_size=2),
            },
        ),
        max_size=4,
    )
)
def test_written_registries_load_back_as_written(clauses):
    written = {"version": 1, "documents": [], "clauses": clauses}
    text = dump_registry(written)
    data, problems = load_marked(text, "x")
    assert problems == []
    assert json.dumps(plain_copy(data)) == json.dumps(written) == json.dumps(yaml.safe_load(text))
    assert_marks_in_order(data, text.split("\n"))


def plain_copy(value):
    if isinstance(value, dict):
        return {key: plain_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain_copy(item) for item in value]
    return value


def test_cached_and_fresh_validation_agree(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYKIT_CACHE_DIR", str(tmp_path))
    path = CASES / "target-year.yaml"
    first = validate(path)
    assert list(tmp_path.glob("sources/*.json"))
    assert validate(path).problems == first.problems == validate(path, cache=False).problems
    for cached in tmp_path.glob("sources/*.json"):
        cached.write_text("{not json", encoding="utf-8")
    assert validate(path).problems == first.problems


def test_remembered_valid_entries_are_checked_again_once_edited(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICYKIT_CACHE_DIR", str(tmp_path))
    path = CASES / "valid.yaml"
    assert validate(path).problems == ()
    assert list(tmp_path.glob("schema/*.json")), "valid entries are remembered"
    edited = path.read_text(encoding="utf-8").replace("  tags: []\n", "  tags: 低碳\n", 1)
    assert [p.code for p in validate(path, text=edited).errors] == ["schema-type"]
    assert [p.code for p in validate(path, text=edited, cache=False).errors] == ["schema-type"]
    for remembered in tmp_path.glob("schema/*.json"):
        remembered.write_text("{not json", encoding="utf-8")
    assert validate(path).problems == ()


def test_the_shipped_schema_is_a_valid_json_schema():
    import jsonschema

    loaded = json.loads(schema_text())
    assert loaded == schema()
    jsonschema.validators.validator_for(loaded).check_schema(loaded)
    assert loaded["properties"]["version"]["const"] == 1


def test_schema_check_accepts_plain_dicts_too():
    problems = check_schema({"version": 1, "documents": [], "clauses": [{"uid": "u"}]}, "x")
    assert sorted(p.message for p in problems) == [
        "clauses[0]: missing required field 'clause'",
        "clauses[0]: missing required field 'document'",
        "clauses[0]: missing required field 'text'",
    ]


# ---------------------------------------------------------------- build and update


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    shutil.copy(CASES / "sources" / "plan.txt", raw / "plan.txt")
    return tmp_path


def test_build_then_validate_round_trips(repo):
    registry = repo / "data" / "clauses.yaml"
    summary = update_registry(registry, [repo / "data" / "raw"], create=True)
    assert summary.added == 9 and summary.created
    assert validate(registry).problems == ()
    with pytest.raises(Exception, match="exists"):
        update_registry(registry, [repo / "data" / "raw"], create=True)


def test_update_keeps_uids_tags_and_notes_when_the_source_changes(repo):
    registry = repo / "data" / "clauses.yaml"
    update_registry(registry, [repo / "data" / "raw"], create=True)
    before = yaml.safe_load(registry.read_text(encoding="utf-8"))
    task = next(c for c in before["clauses"] if c["text"].startswith("（二）"))
    task["tags"], task["notes"] = ["交通"], "跟踪公交车更新进度"
    registry.write_text(yaml.safe_dump(before, allow_unicode=True, sort_keys=False), encoding="utf-8")

    source = repo / "data" / "raw" / "plan.txt"
    text = source.read_text(encoding="utf-8")
    text = text.replace(
        "一、总体要求", "一、指导思想\n以习近平新时代中国特色社会主义思想为指导。\n\n二、总体要求"
    )
    text = text.replace("二、主要目标", "三、主要目标").replace("三、重点任务", "四、重点任务")
    text = text.replace("新增新能源公交车200辆", "新增新能源公交车300辆")
    source.write_text(text, encoding="utf-8")
    assert any(p.code == "source-changed" for p in validate(registry).errors)

    summary = update_registry(registry)
    after = yaml.safe_load(registry.read_text(encoding="utf-8"))
    moved = next(c for c in after["clauses"] if c["text"].startswith("（二）"))
    assert moved["uid"] == task["uid"] and moved["clause"] != task["clause"]
    assert moved["tags"] == ["交通"] and moved["notes"] == "跟踪公交车更新进度"
    assert moved["targets"][0]["value"] == 300
    old_uids = {c["uid"] for c in before["clauses"]}
    assert {c["uid"] for c in after["clauses"]} >= old_uids
    assert summary.added >= 1 and summary.carried >= 1 and summary.removed == ()
    assert validate(registry).problems == ()


def test_update_warns_when_a_removed_clause_had_notes(repo):
    registry = repo / "data" / "clauses.yaml"
    update_registry(registry, [repo / "data" / "raw"], create=True)
    data = yaml.safe_load(registry.read_text(encoding="utf-8"))
    last = data["clauses"][-1]
    last["notes"] = "组织保障条款"
    registry.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    source = repo / "data" / "raw" / "plan.txt"
    source.write_text(source.read_text(encoding="utf-8").replace(last["text"], ""), encoding="utf-8")
    summary = update_registry(registry)
    assert summary.removed == summary.annotated_removed == (last["uid"],)
    assert "had tags or notes" in update_summary(summary)


def test_carry_uids_pairs_same_text_then_similar_text():
    old = [{"clause": "1", "text": "甲乙丙丁"}, {"clause": "2", "text": "推进能源转型，建设光伏项目"}]
    new = [
        {"clause": "1", "text": "新的一段"},
        {"clause": "2", "text": "甲乙丙丁"},
        {"clause": "3", "text": "推进能源转型，建设分布式光伏项目"},
    ]
    assert carry_uids(old, new) == {1: 0, 2: 1}


# ---------------------------------------------------------------- CLI


def test_validate_cli_exit_codes_and_formats(runner):
    valid = str(CASES / "valid.yaml")
    assert runner.invoke(app, ["validate", valid]).exit_code == 0
    broken = str(CASES / "target-value.yaml")
    result = runner.invoke(app, ["validate", broken])
    assert result.exit_code == 1
    assert re.search(r"target-value\.yaml:\d+:\d+: error: .*disagrees", result.stdout)
    result = runner.invoke(app, ["validate", broken, "--format", "github"])
    assert result.stdout.startswith("::error file=") and ",line=" in result.stdout
    result = runner.invoke(app, ["validate", broken, "--format", "json"])
    records = json.loads(result.stdout)
    assert records[0]["valid"] is False and records[0]["problems"][0]["code"] == "target-mismatch"
    assert runner.invoke(app, ["validate", broken, "--no-cache"]).exit_code == 1
    assert runner.invoke(app, ["validate", broken, "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["validate", str(CASES / "no-such.yaml")]).exit_code == 2


def test_schema_cli_prints_the_schema(runner):
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0 and json.loads(result.stdout)["title"] == "policykit clause registry"


def test_registry_cli_builds_and_updates(runner, repo, monkeypatch):
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["registry", "build", "data/raw"])
    assert result.exit_code == 0, result.output
    assert (repo / "data" / "clauses.yaml").is_file()
    result = runner.invoke(app, ["registry", "update"])
    assert result.exit_code == 0 and "9 clauses kept" in result.output
    assert runner.invoke(app, ["registry", "build", "data/raw"]).exit_code == 2


def test_github_annotations_escape_newlines_and_commas():
    report = validate(CASES / "duplicate-uid.yaml")
    out = render_reports([report], "github")
    assert out.count("\n") == len(report.problems)
    assert "%0A" not in out.split("::")[1]


def test_committed_hook_runs_policykit_validate():
    hooks = yaml.safe_load((CASES.parents[2] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["entry"] == "policykit validate"


def test_update_carries_uids_across_real_editions(corpus_dir, tmp_path):
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    source = raw / "wind-pv.txt"
    shutil.copy(corpus_dir / "shanghai-onshore-wind-pv-plan-2025.txt", source)
    registry = tmp_path / "data" / "clauses.yaml"
    update_registry(registry, [raw], create=True)
    before = yaml.safe_load(registry.read_text(encoding="utf-8"))["clauses"]
    shutil.copy(corpus_dir / "shanghai-onshore-wind-pv-plan-2026.txt", source)
    summary = update_registry(registry)
    after = yaml.safe_load(registry.read_text(encoding="utf-8"))["clauses"]

    def uid_of(clauses, start):
        return next(c["uid"] for c in clauses if c["text"].startswith(start))

    assert uid_of(before, "一、积极推进项目开发建设") == uid_of(after, "一、全力加快项目开发建设")
    assert uid_of(before, "二、保障电源电网协调发展") == uid_of(after, "二、保障电源电网协调发展")
    assert summary.carried >= 5 and summary.removed == ()
    assert validate(registry).valid


def test_a_registry_built_from_the_whole_corpus_validates(corpus_dir, tmp_path):
    shutil.copytree(corpus_dir, tmp_path / "data" / "raw")  # sources must be inside the repository
    registry = tmp_path / "data" / "clauses.yaml"
    summary = update_registry(registry, [tmp_path / "data" / "raw"], create=True)
    report = validate(registry)
    assert report.problems == ()
    assert report.documents == len(summary.documents) >= 19 and report.clauses == summary.added


def test_a_tag_inside_a_duplicate_key_is_still_reported():
    """Found by hypothesis: the second '-b' was skipped whole, so its unsupported tag went unreported."""
    _, problems = load_marked("-b: \n-b: !t x\n", "x")
    assert [(p.line, p.code) for p in problems] == [(2, "duplicate-key"), (2, "yaml-tag")]
