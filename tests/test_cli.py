"""The command-line contract, run in-process: happy paths, error paths, help and start-up cost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policykit.cli import app
from tests.conftest import ROOT, SEED


def test_parse_json_has_metadata_and_clause_tree(runner):
    result = runner.invoke(app, ["parse", str(SEED), "--format", "json", "--no-targets"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["metadata"]["period"] == "2023-2025"
    assert [c["heading"] for c in data["clauses"][:4]] == [
        "创新引领发展",
        "振兴实体经济",
        "锚定“双碳”目标",
        "做好服务保障",
    ]
    first = data["clauses"][0]
    assert {"id", "kind", "number", "heading", "text", "line", "children"} <= set(first)


def test_parse_is_json_when_piped(runner):
    result = runner.invoke(app, ["parse", str(SEED), "--no-targets"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["document"] == SEED.stem


def test_parse_tree_view_shows_headings(runner):
    result = runner.invoke(app, ["parse", str(SEED), "--format", "tree", "--no-targets"])
    assert result.exit_code == 0
    assert "创新引领发展" in result.stdout
    assert "s5.l1.10" in result.stdout


def test_parse_table_is_one_row_per_clause(runner):
    result = runner.invoke(app, ["parse", str(SEED), "--format", "table", "--no-targets"])
    assert result.exit_code == 0, result.output
    assert "s5.l1.10" in result.stdout and "kind" in result.stdout and "├" not in result.stdout


def test_parse_yaml(runner):
    import yaml

    result = runner.invoke(app, ["parse", str(SEED), "--format", "yaml", "--no-targets"])
    assert yaml.safe_load(result.stdout)["clauses"][0]["id"] == "s1"


def test_parse_jsonl_and_csv_are_one_row_per_clause_in_tree_order(runner):
    import csv
    import io

    from policykit.pipeline import load_document

    document = load_document(SEED)
    tree = [(clause.id, len(ancestors)) for clause, ancestors in document.walk_with_ancestors()]
    lines = runner.invoke(app, ["parse", str(SEED), "-f", "jsonl"])
    assert lines.exit_code == 0, lines.output
    rows = [json.loads(line) for line in lines.stdout.splitlines()]
    assert [row["id"] for row in rows] == [clause_id for clause_id, _ in tree]
    seen: set[str] = set()
    for row, (_, depth) in zip(rows, tree, strict=True):
        assert row["parent"] is None or row["parent"] in seen  # a parent comes before its children
        assert row["path"].count(" > ") == depth
        seen.add(row["id"])
    assert "".join(row["text"] for row in rows) == "".join(c.text for c in document.walk())
    assert sum(row["targets"] for row in rows) > 0  # targets are attached by default, as in json
    table = runner.invoke(app, ["parse", str(SEED), "-f", "csv", "--no-targets"])
    assert table.exit_code == 0, table.output
    parsed = list(csv.DictReader(io.StringIO(table.stdout)))
    assert [row["id"] for row in parsed] == [row["id"] for row in rows]
    assert [row["text"] for row in parsed] == [row["text"] for row in rows]
    assert {row["targets"] for row in parsed} == {"0"}


def test_parse_reads_stdin(runner):
    result = runner.invoke(
        app, ["parse", "-", "--format", "json", "--no-targets"], input="一、总体要求\n（一）目标\n"
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout)["clauses"][0]["children"][0]["id"] == "1.1"


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda tmp: tmp / "missing.txt", "no such file"),
        (lambda tmp: tmp, "is a directory"),
        (lambda tmp: (tmp / "empty.txt", (tmp / "empty.txt").write_text(""))[0], "empty"),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_exit_1(runner, tmp_path, make, fragment):
    path = make(tmp_path)
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert fragment in lines[0] and str(path) in lines[0]
    assert "Traceback" not in result.output


def test_verbose_shows_the_traceback(runner, tmp_path):
    result = runner.invoke(app, ["--verbose", "parse", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert result.exception is not None


def test_unknown_option_is_a_usage_error(runner):
    result = runner.invoke(app, ["parse", str(SEED), "--format", "xml"])
    assert result.exit_code == 2


def test_segment_keeps_policy_terms_whole(runner):
    result = runner.invoke(app, ["segment", "-", "-f", "text"], input="实现碳达峰碳中和，发展新质生产力\n")
    assert result.exit_code == 0
    assert result.stdout.split() == ["实现", "碳达峰", "碳中和", "，", "发展", "新质生产力"]


def test_segment_pos_tags(runner):
    result = runner.invoke(app, ["segment", "-", "--pos", "-f", "text"], input="推进新旧动能转换\n")
    assert "新旧动能转换/n" in result.stdout


def test_segment_piped_gives_a_record_per_paragraph_with_its_line(runner):
    result = runner.invoke(app, ["segment", "-", "--pos"], input="推进新旧动能转换\n\n发展 低空经济\n")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [(r["line"], r["words"]) for r in records] == [
        (1, ["推进", "新旧动能转换"]),
        (3, ["发展", "低空经济"]),
    ]
    assert records[1]["tags"] == ["vn", "n"]  # the lexicon tags 低空经济 as a noun


def test_segment_csv_holds_a_paragraph_a_row(runner):
    result = runner.invoke(app, ["segment", "-", "-f", "csv"], input="推进新旧动能转换\n")
    assert result.stdout.splitlines() == ["document,line,page,words,tags", "stdin,1,,推进 新旧动能转换,"]


def commands():
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help_with_an_example(runner, name):
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0
    assert "Examples" in result.stdout
    assert f"policykit {name}" in result.stdout


@pytest.mark.parametrize("name", commands())
def test_every_command_is_in_the_readme(name):
    assert f"policykit {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_help_imports_neither_jieba_nor_pdfplumber():
    code = "import sys; from policykit.cli import main; sys.argv=['policykit','--help']\ntry:\n main()\nexcept SystemExit: pass\nprint(sorted(m for m in sys.modules if m.split('.')[0] in ('jieba','pdfplumber')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_python_dash_m_runs(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "policykit", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("policykit ")
    assert Path(sys.executable).exists()


# One contract for every command that reads documents: missing, binary and undecodable input
# give one line on stderr naming the file and the command's error status, never a traceback.
DOCUMENT_COMMANDS = [
    (["parse"], 1),
    (["segment"], 1),
    (["extract"], 1),
    (["search", "氢能", "--no-index", "--format", "json"], 2),
    (["diff", str(SEED)], 2),
]


def _binary(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    return path, "binary"


def _missing(tmp_path):
    return tmp_path / "missing.txt", "no such file"


def _undecodable(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("一、总体要求\n".encode() + b"\xff\xfe\xfa\xfb" * 3)
    return path, "cannot decode"


BAD_INPUT_CASES = [
    pytest.param(command, status, make_input, id=f"{command[0]}-{make_input.__name__.strip('_')}")
    for command, status in DOCUMENT_COMMANDS
    for make_input in (_missing, _binary, _undecodable)
    # search has no --encoding: it detects, and GB18030 accepts any byte sequence
    if not (command[0] == "search" and make_input is _undecodable)
]


@pytest.mark.parametrize(("command", "status", "make_input"), BAD_INPUT_CASES)
def test_every_document_command_rejects_bad_input_the_same_way(runner, tmp_path, command, status, make_input):
    path, fragment = make_input(tmp_path)
    args = [*command, str(path)] if command[0] != "diff" else ["diff", str(path), str(SEED)]
    if make_input is _undecodable:
        args += ["--encoding", "utf-8"]
    result = runner.invoke(app, args)
    assert result.exit_code == status, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0] and str(path) in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["csv", "yaml"])
def test_search_writes_every_data_format(runner, tmp_path, monkeypatch, fmt):
    import csv
    import io

    import yaml

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    result = runner.invoke(app, ["search", "氢能", str(SEED), "--format", fmt])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout))) if fmt == "csv" else yaml.safe_load(result.stdout)
    assert [row["clause"] for row in rows] == ["s2.p4", "s3.p1", "s3.p2"]
    assert all("氢能" in row["text"] for row in rows)


def test_validate_speaks_github_annotations_under_actions(runner, tmp_path, monkeypatch):
    broken = tmp_path / "clauses.yaml"
    broken.write_text("version: 1\ndocuments: []\nclauses:\n- uid: 3\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == 1
    assert result.stdout.startswith(f"::error file={broken},line=4")


@pytest.mark.parametrize(
    "command",
    [["parse"], ["segment"], ["extract"], ["diff", "{pdf}"], ["track"]],
    ids=lambda c: c[0],
)
def test_every_command_that_reads_documents_takes_a_password(runner, tmp_path, command):
    """An encrypted PDF's error says to use --password; every command that reads documents must have it."""
    from tests.pdf_factory import build_pdf

    pdf = tmp_path / "locked.pdf"
    build_pdf("By 2025, install 100 charging piles.", pdf, password="s3cret")
    argv = [command[0], str(pdf), *(part.format(pdf=pdf) for part in command[1:])]
    locked = runner.invoke(app, argv)
    assert locked.exit_code in (1, 2) and "--password" in locked.stderr
    opened = runner.invoke(
        app,
        [*argv, "--password", "s3cret", "--format", "json"]
        if command[0] != "segment"
        else [*argv, "--password", "s3cret"],
    )
    assert opened.exit_code in (0, 1) and "encrypted" not in opened.stderr, opened.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full to simulate a full device")
@pytest.mark.parametrize("argv", [["extract", "-f", "json"], ["parse", "-f", "yaml"]], ids=lambda a: a[0])
def test_a_full_stdout_device_is_one_error_line(seed_path, argv):
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "policykit", argv[0], str(seed_path), *argv[1:]],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Error: cannot write the output: No space left on device (run with --verbose for the traceback)"
    ]


def test_search_limit_shows_the_first_or_best_clauses_and_says_how_many_are_left(
    runner, tmp_path, policykit_main
):
    doc = tmp_path / "plan.txt"
    doc.write_text(
        "一、总体要求\n发展氢能产业。\n二、重点任务\n（一）建设氢能站点。\n（二）氢能车辆示范，氢能重卡推广。\n",
        encoding="utf-8",
    )
    every = json.loads(runner.invoke(app, ["search", "氢能", str(doc), "--no-index", "-f", "json"]).stdout)
    assert len(every) == 3
    first = runner.invoke(app, ["search", "氢能", str(doc), "--no-index", "-f", "json", "-n", "2"])
    assert first.exit_code == 0
    assert json.loads(first.stdout) == every[:2]
    assert "1 more matching clause(s) not shown" in first.stderr
    best = runner.invoke(app, ["search", "氢能", str(doc), "--no-index", "-f", "json", "--rank", "-n", "1"])
    assert [m["clause"] for m in json.loads(best.stdout)] == [every[2]["clause"]]  # two hits rank first
    mixed = runner.invoke(app, ["search", "氢能", str(doc), "-n", "1", "--count"])
    assert mixed.exit_code == 2 and "--limit" in mixed.output
    # the console script's lean path (JSON into a pipe) cuts the same way
    lean = policykit_main("search", "氢能", str(doc), "--no-index", "-f", "json", "-n", "2")
    assert lean.returncode == 0 and json.loads(lean.stdout) == every[:2]
    assert "1 more matching clause(s) not shown" in lean.stderr.decode()


def test_extract_and_track_take_a_folder_as_the_documents_below_it(runner, tmp_path, corpus_dir):
    """A folder given to extract or track reads the documents below it, in name order, as if each were
    named; one that cannot be read is reported and the rest are still read (exit 1)."""
    folder = tmp_path / "reports"
    (folder / "older").mkdir(parents=True)
    later = folder / "gov-work-report-2025.txt"
    earlier = folder / "older" / "gov-work-report-2024.txt"
    for path in (later, earlier):
        path.write_bytes((corpus_dir / path.name).read_bytes())
    named = runner.invoke(app, ["extract", str(later), str(earlier), "-f", "json"])
    walked = runner.invoke(app, ["extract", str(folder), "-f", "json"])
    assert walked.exit_code == 0 and named.exit_code == 0
    assert json.loads(walked.stdout) == json.loads(named.stdout)
    tracked = runner.invoke(app, ["track", str(folder), "-f", "json"])
    assert tracked.exit_code == 0
    assert json.loads(tracked.stdout) == json.loads(
        runner.invoke(app, ["track", str(earlier), str(later), "-f", "json"]).stdout
    )
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n%garbage")
    damaged = runner.invoke(app, ["extract", str(folder), "-f", "json"])
    assert damaged.exit_code == 1
    assert "broken.pdf" in damaged.stderr and json.loads(damaged.stdout) == json.loads(named.stdout)


def test_extract_of_a_folder_without_documents_is_one_error(runner, tmp_path):
    (tmp_path / "notes.xyz").write_text("nothing")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert "no documents in this folder" in result.stderr
