"""Search: word boundaries through jieba, query syntax, the persistent index against a plain scan, the CLI."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykit import entry
from policykit.cli import app
from policykit.errors import InputError, UsageError
from policykit.pipeline import load_document, parse_text
from policykit.search import (
    boundary_bitmap,
    clause_records,
    fold,
    is_boundary,
    match_record,
    parse_query,
    search,
)
from policykit.zh.segment import tokenize
from tests.conftest import warm_cache

TERMS = ("氢能", "碳达峰", "新质生产力", "就业")


def hits(term: str, text: str, mode: str = "word") -> list[str]:
    record = next(clause_records(parse_text(text)))
    outcome = match_record(record, parse_query(term, mode), lambda: boundary_bitmap(record.text))
    return [record.text[s:e] for s, e in outcome[0]] if outcome else []


# ---------------------------------------------------------------- word boundaries


@pytest.mark.parametrize(
    ("term", "text"),
    [
        ("电池", "发展锂电池产业"),
        ("电池", "推进动力电池回收利用"),
        ("能源", "推广新能源汽车"),
        ("国有", "深化国有企业改革"),
        ("地方", "地方政府专项债券"),
        ("和平", "维护世界和平"),
        ("碳中和", "实现碳达峰碳中和目标"),
    ],
)
def test_word_mode_finds_words_and_the_parts_of_compounds(term, text):
    assert hits(term, text) == [term]


@pytest.mark.parametrize(
    ("term", "text"),
    [("国有", "我国有上亿市场主体"), ("地方", "完善供地方案审批"), ("和平", "创新合作机制和平台运作模式")],
)
def test_word_mode_rejects_a_match_across_a_word_boundary(term, text):
    assert hits(term, text) == []
    assert hits(term, text, "substring") == [term]


def test_a_phrase_matches_its_words_in_a_row_with_or_without_spaces():
    assert hits('"绿色 低碳"', "推动绿色低碳发展") == ["绿色低碳"]
    assert hits('"绿色 低碳"', "绿色 低碳转型") == ["绿色 低碳"]
    assert hits('"绿色 发展"', "推动绿色低碳发展") == []


def test_regex_mode_reports_the_matched_text():
    assert hits("20[0-9]{2}年", "到2025年，单位GDP能耗下降", "regex") == ["2025年"]


def test_ascii_case_is_ignored_but_offsets_stay():
    assert hits("gdp", "单位GDP能耗") == ["GDP"]
    assert hits("能耗 -gdp", "单位GDP能耗") == []  # an excluded term is folded as well
    assert hits("能耗 -gdp", "单位能耗") == ["能耗"]
    assert fold("ＡGDP增长") == "Ａgdp增长"


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="国有企业我上亿市场主体地方政府供案和平台合作机制发展新能源锂电池，。", max_size=30))
def test_every_word_hit_starts_and_ends_on_a_token_edge(text):
    """Property: a word hit's edges are starts or ends of jieba search-mode tokens; substring finds a superset."""
    if not text.strip():
        return
    edges = {edge for _, start, end in tokenize(text, mode="search") for edge in (start, end)}
    bitmap = boundary_bitmap(text)
    assert {i for i in range(len(text) + 1) if is_boundary(bitmap, i)} == edges
    for term in ("国有", "地方", "和平", "电池"):
        word = parse_query(term).groups[0][0].spans(text, fold(text), lambda: bitmap)
        anywhere = parse_query(term, "substring").groups[0][0].spans(text, fold(text), lambda: bitmap)
        assert set(word) <= set(anywhere)
        assert all(s in edges and e in edges for s, e in word)


# ---------------------------------------------------------------- query syntax


def test_query_syntax_and_or_not_and_phrases():
    query = parse_query('氢能 光伏 OR 风电 -海上 "绿色 低碳"')
    assert [[t.text for t in group] for group in query.groups] == [["氢能"], ["光伏", "风电"], ["绿色 低碳"]]
    assert [t.text for t in query.excluded] == ["海上"]
    assert query.groups[2][0].parts == ("绿色", "低碳")


@pytest.mark.parametrize("bad", ["", "-氢能", "OR 氢能", "氢能 OR", '"氢能', "氢能 OR -光伏"])
def test_a_malformed_query_is_a_usage_error(bad):
    with pytest.raises(UsageError):
        parse_query(bad)


def test_a_bad_regex_is_a_usage_error():
    with pytest.raises(UsageError, match="regular expression"):
        parse_query("碳(达峰", "regex")


def test_boolean_combination_over_clauses(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("一、总体要求\n发展氢能和光伏。\n二、重点任务\n建设海上风电和光伏。\n", encoding="utf-8")
    for use_index in (True, False):

        def texts(query: str, use_index=use_index) -> list[str]:
            found = search(query, [str(plan)], use_index=use_index, cache_dir=tmp_path / "cache")
            return [m.text for m in found.matches]

        assert texts("光伏 -海上") == ["发展氢能和光伏。"]
        assert texts("氢能 OR 风电") == ["发展氢能和光伏。", "建设海上风电和光伏。"]
        assert texts("光伏 风电") == ["建设海上风电和光伏。"]


# ---------------------------------------------------------------- the seed and the corpus


@pytest.fixture(scope="module")
def documents(corpus_dir, seed_path) -> list:
    return [load_document(p) for p in [seed_path, *sorted(corpus_dir.glob("*.txt"))]]


@pytest.fixture(scope="module")
def indexed(corpus_dir, seed_path, tmp_path_factory):
    """Search over seed + corpus through one index built once for the module."""
    cache = tmp_path_factory.mktemp("cache")
    paths = [str(seed_path), str(corpus_dir)]

    def run(query: str, **options):
        return search(query, paths, cache_dir=cache, **options)

    return run


def reference(documents, term: str) -> list[tuple[str, str, str]]:
    """Every clause with a word hit, found clause by clause from freshly parsed documents."""
    found = []
    query = parse_query(term)
    for document in documents:
        trails = {
            c.id: [a.label for a in anc] + ([c.label] if c.heading else [])
            for c, anc in document.walk_with_ancestors()
        }
        for clause in document.walk():
            text = clause.text.rstrip()
            if term not in text:
                continue
            bitmap = boundary_bitmap(text)
            starts = [m.start() for m in re.finditer(re.escape(term), text)]
            if any(is_boundary(bitmap, s) and is_boundary(bitmap, s + len(term)) for s in starts):
                found.append((document.path, clause.id, " > ".join(trails[clause.id])))
    assert query.groups
    return found


@pytest.mark.parametrize("term", TERMS)
def test_corpus_terms_return_the_clauses_with_them_as_words(indexed, documents, term):
    result = indexed(term)
    got = [(m.document, m.clause, m.path) for m in result.matches]
    assert got == reference(documents, term)
    assert got, f"{term} occurs in the seed or corpus"
    for match in result.matches:
        assert all(match.text[s:e] == term for s, e in match.spans)


def test_heading_paths_on_known_clauses(indexed):
    result = indexed("新质生产力")
    paths = {(Path(m.document).name, m.path) for m in result.matches}
    assert (
        "gov-work-report-2024.txt",
        "三、2024年政府工作任务 > （一）大力推进现代化产业体系建设，加快发展新质生产力",
    ) in paths
    seed = [m for m in indexed("氢能").matches if "qingdao" in m.document]
    assert {m.path for m in seed} == {"振兴实体经济", "锚定“双碳”目标"}
    assert all(m.line > 1 for m in seed)


@pytest.mark.parametrize(
    ("term", "crossing"), [("国有", "我国有上亿市场主体"), ("地方", "供地方案"), ("和平", "合作机制和平台")]
)
def test_word_and_substring_modes_differ_on_the_corpus(indexed, term, crossing):
    word = {(m.document, m.clause) for m in indexed(term).matches}
    substring = {(m.document, m.clause): m for m in indexed(term, mode="substring").matches}
    extra = {key: m for key, m in substring.items() if key not in word}
    assert word < set(substring)
    assert any(crossing in m.text for m in extra.values())


@pytest.mark.parametrize("term", ["国有", "地方", "和平", "低碳", "电池", "水", "5%", "GDP", '"绿色 低碳"'])
def test_the_index_agrees_with_a_plain_scan(indexed, corpus_dir, seed_path, term):
    scanned = search(term, [str(seed_path), str(corpus_dir)], use_index=False)
    assert [m.to_dict() for m in indexed(term).matches] == [m.to_dict() for m in scanned.matches]


@pytest.mark.parametrize("term", ["水", "人", "和"])
def test_one_character_terms_are_never_a_silent_zero(indexed, term):
    for mode in ("word", "substring"):
        assert indexed(term, mode=mode).matches


def test_under_restricts_to_a_heading(indexed):
    everywhere = indexed("就业").matches
    under = indexed("就业", under="工作回顾").matches
    assert under and len(under) < len(everywhere)
    assert all("工作回顾" in m.path for m in under)


def test_rank_orders_by_bm25(indexed):
    ranked = indexed("就业 OR 氢能", rank=True).matches
    assert [m.score for m in ranked] == sorted((m.score for m in ranked), reverse=True)
    assert {(m.document, m.clause) for m in ranked} == {
        (m.document, m.clause) for m in indexed("就业 OR 氢能").matches
    }


# ---------------------------------------------------------------- the index over time


def test_the_index_follows_changed_added_and_removed_files(tmp_path, monkeypatch):
    import policykit.index as index_module

    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a.txt").write_text("一、总体要求\n发展氢能产业。\n", encoding="utf-8")
    (folder / "b.txt").write_text("一、重点任务\n推广光伏发电。\n", encoding="utf-8")
    cache = tmp_path / "cache"
    parsed: list[str] = []
    original = index_module._parse_file
    monkeypatch.setattr(index_module, "_parse_file", lambda job: parsed.append(job[0]) or original(job))

    assert len(search("氢能", [str(folder)], cache_dir=cache).matches) == 1
    assert len(parsed) == 2
    assert len(search("光伏", [str(folder)], cache_dir=cache).matches) == 1
    assert len(parsed) == 2, "a warm index parses nothing"

    os.utime(folder / "a.txt", ns=(1, 1))  # touched, same content: the hash says no re-parse
    search("氢能", [str(folder)], cache_dir=cache)
    assert len(parsed) == 2
    (folder / "a.txt").write_text("一、总体要求\n发展氢能产业，建设加氢站。\n", encoding="utf-8")
    assert search("加氢站", [str(folder)], cache_dir=cache).matches
    assert parsed[-1].endswith("a.txt") and len(parsed) == 3
    (folder / "b.txt").unlink()
    assert not search("光伏", [str(folder)], cache_dir=cache).matches
    assert (cache / "search-index.sqlite").exists()


def test_the_index_lives_under_xdg_cache_home(tmp_path, monkeypatch, seed_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert search("氢能", [str(seed_path)]).matches
    assert (tmp_path / "policykit" / "search-index.sqlite").exists()


def test_paths_folders_and_globs(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "one.txt").write_text("推进氢能发展。\n", encoding="utf-8")
    (tmp_path / "two.txt").write_text("推进氢能应用。\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text(
        "## 一、发展氢能\n", encoding="utf-8"
    )  # collections are often Markdown
    (tmp_path / "README.md").write_text(
        "氢能政策文本合集\n", encoding="utf-8"
    )  # the folder's own note: passed over
    (tmp_path / "x" / "LICENSE.zh-CN.md").write_text("氢能\n", encoding="utf-8")
    cache = tmp_path / "cache"
    found = search("氢能", [str(tmp_path)], cache_dir=cache)
    assert sorted(os.path.basename(name) for name in found.files) == ["notes.md", "one.txt", "two.txt"]
    assert [m.path for m in found.matches if m.document.endswith("notes.md")] == ["一、发展氢能"]
    assert len(search("氢能", [str(tmp_path / "README.md")], cache_dir=cache).matches) == 1  # named: read
    assert len(search("氢能", [str(tmp_path / "**" / "*.txt")], cache_dir=cache).matches) == 2
    with pytest.raises(InputError):
        search("氢能", [str(tmp_path / "missing")], cache_dir=cache)


def test_pdf_hits_carry_their_page(tmp_path):
    from tests.pdf_factory import build_pdf  # reportlab comes with the dev extra

    text = (
        "\n".join(f"第{n}条 本条规定第{n}项内容，适用于各类主体。" for n in range(1, 60))
        + "\n第60条 发展氢能产业。"
    )
    build_pdf(text, tmp_path / "rules.pdf", title="氢能条例")
    result = search("氢能产业", [str(tmp_path / "rules.pdf")], cache_dir=tmp_path / "cache")
    assert result.matches and result.matches[-1].page and result.matches[-1].page > 1


# ---------------------------------------------------------------- CLI


@pytest.fixture
def cli(runner, tmp_path):
    runner.env["XDG_CACHE_HOME"] = str(tmp_path)
    return runner


def test_cli_json_hits_have_the_evidence(cli, seed_path):
    result = cli.invoke(app, ["search", "氢能", str(seed_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and set(rows[0]) == {"document", "clause", "path", "line", "page", "text", "spans"}
    for row in rows:
        assert all(row["text"][s:e] == "氢能" for s, e in row["spans"])


def test_cli_exit_codes_like_grep(cli, seed_path):
    assert cli.invoke(app, ["search", "氢能", str(seed_path), "-f", "json"]).exit_code == 0
    assert cli.invoke(app, ["search", "不存在的说法", str(seed_path), "-f", "json"]).exit_code == 1
    missing = cli.invoke(app, ["search", "氢能", "no/such/folder"])
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    assert cli.invoke(app, ["search", '"氢能', str(seed_path)]).exit_code == 2


def test_cli_count_files_and_jsonl(cli, seed_path, corpus_dir):
    counted = cli.invoke(app, ["search", "国有", str(corpus_dir), "--count", "-f", "jsonl"])
    rows = [json.loads(line) for line in counted.stdout.splitlines()]
    assert rows and all(r["clauses"] <= r["hits"] for r in rows)
    listed = cli.invoke(app, ["search", "氢能", str(seed_path), str(corpus_dir), "-l", "-f", "json"])
    names = sorted(Path(p).name for p in json.loads(listed.stdout))
    # Counted independently of the index: the files whose text holds the word once layout is removed.
    layout = re.compile(r"[\s\u200b-\u200f\ufeff]")
    expected = sorted(
        path.name
        for path in [seed_path, *corpus_dir.glob("*.txt")]
        if "氢能" in layout.sub("", path.read_text(encoding="utf-8"))
    )
    assert len(expected) >= 2
    assert names == expected


def test_cli_table_highlights_hits(cli, seed_path):
    result = cli.invoke(app, ["search", "氢能", str(seed_path), "--format", "table", "--no-index"])
    assert result.exit_code == 0
    assert "氢能" in result.stdout and "s2.p4" in result.stdout


def test_lean_entry_matches_the_typer_command(cli, seed_path, monkeypatch, capsys, tmp_path):
    args = ["search", "氢能 OR 就业", str(seed_path), "--format", "json", "--rank"]
    expected = cli.invoke(app, args).stdout
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr("sys.argv", ["policykit", *args])
    with pytest.raises(SystemExit) as done:
        entry.main()
    assert done.value.code == 0
    assert capsys.readouterr().out == expected


@pytest.mark.parametrize(
    ("args", "lean"),
    [
        (["氢能", "-f", "jsonl", "--count"], True),
        (["氢能", "--format=json", "--under", "任务"], True),
        (["--help"], False),
        (["氢能", "-f", "table"], False),
        (["氢能", "--bogus"], False),
    ],
)
def test_lean_entry_leaves_what_it_does_not_know_to_typer(args, lean):
    assert (entry.parse_search_args(args) is not None) == lean


@pytest.mark.parametrize("use_index", [True, False], ids=["index", "scan"])
def test_password_opens_encrypted_pdfs_in_a_folder_search(tmp_path, use_index):
    from tests.pdf_factory import build_pdf

    folder = tmp_path / "docs"
    folder.mkdir()
    build_pdf("By 2025, install 100 charging piles.", folder / "locked.pdf", password="s3cret")
    (folder / "plain.txt").write_text("到2025年，建成充电桩100台。\n", encoding="utf-8")
    cache = tmp_path / "cache"
    locked = search("charging", [str(folder)], use_index=use_index, cache_dir=cache)
    assert not locked.matches and any("--password" in w for w in locked.warnings)
    opened = search("charging", [str(folder)], use_index=use_index, cache_dir=cache, password="s3cret")
    assert [Path(m.document).name for m in opened.matches] == ["locked.pdf"] and not opened.warnings
    assert (
        len(search("充电桩", [str(folder)], use_index=use_index, cache_dir=cache, password="s3cret").matches)
        == 1
    )


def test_password_on_the_command_line_reaches_the_lean_search(tmp_path, word_store, policykit_main):
    from tests.pdf_factory import build_pdf

    build_pdf("By 2025, install 100 charging piles.", tmp_path / "locked.pdf", password="s3cret")
    env = {"POLICYKIT_CACHE_DIR": str(warm_cache(tmp_path / "cache", word_store))}
    argv = ["search", "charging", str(tmp_path), "-f", "json"]
    without = policykit_main(*argv, env=env)
    assert without.returncode == 2 and b"--password" in without.stderr
    found = policykit_main(*argv, "--password", "s3cret", env=env)
    assert found.returncode == 0, found.stderr
    assert [hit["clause"] for hit in json.loads(found.stdout)]


def test_stdin_is_searched_as_one_document_beside_files_and_never_indexed(
    cli, seed_path, tmp_path, monkeypatch
):
    """`-` reads standard input once, in the parent (a pool worker must not take it), as the document
    named "-"; its hits equal those of the same text given as a file, and nothing about it is indexed."""
    import subprocess
    import sys

    text = seed_path.read_text(encoding="utf-8")
    monkeypatch.setenv("POLICYKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("POLICYKIT_BACKGROUND_INDEX", "0")
    as_file = json.loads(
        cli.invoke(app, ["search", "氢能", str(seed_path), "-f", "json", "--no-index"]).stdout
    )
    piped = cli.invoke(app, ["search", "氢能", "-", "-f", "json"], input=text)
    assert piped.exit_code == 0
    rows = json.loads(piped.stdout)
    assert [row["document"] for row in rows] == ["-"] * len(as_file)
    assert [{**row, "document": None} for row in rows] == [{**row, "document": None} for row in as_file]
    other = tmp_path / "other.txt"
    other.write_text("一、总体要求\n到2025年，氢能产业产值达到100亿元。\n", encoding="utf-8")
    lean = subprocess.run(
        [sys.executable, "-m", "policykit", "search", "氢能", "-", str(other), "-c", "-f", "json"],
        input=text.encode(),
        capture_output=True,
        env={**os.environ, "POLICYKIT_BACKGROUND_INDEX": "1"},
    )
    assert lean.returncode == 0, lean.stderr
    counts = {row["document"]: row["clauses"] for row in json.loads(lean.stdout)}
    assert counts == {str(other): 1, "-": len(as_file)}
    assert "indexing 1 file(s)" in lean.stderr.decode()  # the named file only


@pytest.mark.parametrize("argv", [["search", "氢能"], ["search", "氢能", "-f", "table"], ["index"]])
def test_no_paths_outside_a_project_is_a_usage_error_saying_so(cli, tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    result = cli.invoke(app, argv)
    assert result.exit_code == 2
    assert "give files or folders (there is no data/raw/ here" in result.stderr


def test_hits_in_a_table_are_its_rows_each_with_its_line(tmp_path):
    """A 60-row table is one clause; what a hit shows is the row it is in (tab rows, or serial-cell rows)."""
    from policykit.search import search

    flat = "\n".join(
        f"{n}\n{name}\n万平方米\n{value}"
        for n, name, value in [(1, "口袋公园面积", 10), (2, "绿道面积", 5), (3, "屋顶绿化", 7)]
    )
    tabbed = "指标\t单位\t目标\n口袋公园面积\t万平方米\t10\n屋顶绿化\t万平方米\t7\n绿道面积\t公里\t5\n注：面积为新增。"
    plan = tmp_path / "plan.txt"
    plan.write_text(
        f"某区规划\n\n一、主要指标\n\n表1 指标表\n序号\n指标\n单位\n目标\n{flat}\n\n二、附表\n\n{tabbed}\n"
    )
    result = search("面积", [str(plan)], use_index=False)
    rows = [(m.clause, m.line, m.text) for m in result.matches]
    assert rows == [  # line: where the hit is, in the file
        ("1.t1", 11, "1\n口袋公园面积\n万平方米\n10\n"),
        ("1.t1", 15, "2\n绿道面积\n万平方米\n5\n"),  # not row 3 (屋顶绿化), nor the header
        ("2.t1", 26, "口袋公园面积\t万平方米\t10\n"),
        ("2.t1", 28, "绿道面积\t公里\t5"),
        ("2.p1", 29, "注：面积为新增。"),
    ]
    assert all(m.text[slice(*m.spans[0])] == "面积" for m in result.matches)
    assert [(c["clauses"], c["hits"]) for c in result.counts()] == [(3, 5)]  # the two tables and the note
