"""policykit batch and query: typed Parquet tables that join, bad files recorded, resume after kill -9, dask = local."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from policykit.cli import app

pq = pytest.importorskip(
    "pyarrow.parquet", reason="policykit batch needs pyarrow (pip install 'policykit[batch]')"
)
pytest.importorskip("duckdb", reason="policykit query needs duckdb (pip install 'policykit[batch]')")

from policykit.batch import query, run_batch  # noqa: E402
from tests.conftest import FULL_MATRIX  # noqa: E402

SMALL = (
    "shanghai-onshore-wind-pv-plan-2025.txt",
    "shanghai-onshore-wind-pv-plan-2026.txt",
    "shanghai-huangpu-renewable-energy-action-plan-2025.txt",
    "shanghai-bci-future-industry-action-plan-2025-2030.txt",
)


@pytest.fixture
def docs(tmp_path, corpus_dir, seed_path) -> Path:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    for name in SMALL[:2]:
        shutil.copy(corpus_dir / name, folder / name)
    for name in SMALL[2:]:
        shutil.copy(corpus_dir / name, folder / "sub" / name)
    shutil.copy(seed_path, folder / "seed.txt")
    return folder


def rows_of(out: Path, sql: str) -> list[dict]:
    return list(query(out, sql).rows)


def _committed_rows(out: Path, table: str) -> list[dict]:
    return rows_of(
        out, f"SELECT * EXCLUDE (seconds) FROM {table}" if table == "documents" else f"SELECT * FROM {table}"
    )


def _canonical(rows: list[dict]) -> list[str]:
    return sorted(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str) for row in rows)


def test_tables_are_typed_and_join_on_their_ids(docs, tmp_path):
    out = tmp_path / "out"
    summary = run_batch([str(docs)], out, jobs=1)
    assert (summary.found, summary.processed, summary.errors) == (5, 5, 0)
    documents = pq.read_table(next((out / "documents").glob("*.parquet")))
    assert str(documents.schema.field("bytes").type) == "int64"
    assert str(documents.schema.field("pages").type) == "int32"
    rows = rows_of(out, "SELECT count(*) AS n, count(DISTINCT document_id) AS ids FROM documents")
    assert rows == [{"n": 5, "ids": 5}]
    orphans = rows_of(
        out,
        "SELECT count(*) AS n FROM targets t LEFT JOIN clauses c ON t.document_id = c.document_id AND t.clause = c.id "
        "WHERE c.id IS NULL",
    )
    assert orphans == [{"n": 0}]
    parents = rows_of(
        out,
        "SELECT count(*) AS n FROM clauses c LEFT JOIN clauses p ON c.document_id = p.document_id AND c.parent = p.id "
        "WHERE c.parent IS NOT NULL AND p.id IS NULL",
    )
    assert parents == [{"n": 0}]
    seed = rows_of(
        out, "SELECT count(*) AS n FROM targets JOIN documents USING (document_id) WHERE name = 'seed'"
    )
    assert seed[0]["n"] >= 14  # the seed's 14 annotated targets, plus achieved figures with --all


def test_tokens_are_the_search_words_of_each_clause(docs, tmp_path):
    out = tmp_path / "out"
    run_batch([str(docs)], out, jobs=1)
    rows = rows_of(out, "SELECT text, tokens FROM clauses WHERE text LIKE '%光伏%' LIMIT 1")
    assert rows and "光伏" in rows[0]["tokens"]
    assert "".join(t for t in rows[0]["tokens"] if t in rows[0]["text"])


def test_bad_files_are_recorded_and_the_run_goes_on(docs, tmp_path, runner):
    from tests.pdf_factory import build_pdf

    (docs / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (docs / "empty.txt").write_bytes(b"")
    build_pdf("Secret text.", docs / "locked.pdf", password="s3cret")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(docs), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "3 errors" in result.output
    errors = {
        Path(r["path"]).name: r["error_class"] for r in rows_of(out, "SELECT path, error_class FROM errors")
    }
    assert set(errors) == {"binary.txt", "empty.txt", "locked.pdf"}
    assert rows_of(out, "SELECT count(*) AS n FROM documents") == [{"n": 5}]


def test_password_opens_encrypted_pdfs_in_the_batch(tmp_path, runner):
    from tests.pdf_factory import build_pdf

    folder = tmp_path / "locked"
    folder.mkdir()
    build_pdf("By 2025, install 100 charging piles.", folder / "a.pdf", password="s3cret")
    build_pdf("By 2026, install 200 charging piles.", folder / "b.pdf", password="s3cret")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(folder), "-o", str(out), "--jobs", "2", "--password", "s3cret"])
    assert result.exit_code == 0, result.output
    assert rows_of(out, "SELECT count(*) AS n FROM errors") == [{"n": 0}]
    texts = rows_of(out, "SELECT text FROM clauses ORDER BY text")
    assert any("200 charging piles" in row["text"] for row in texts), texts


def test_a_rerun_skips_unchanged_documents_and_redoes_a_changed_one(docs, tmp_path):
    out = tmp_path / "out"
    run_batch([str(docs)], out, jobs=1, part_rows=10_000)
    before = _canonical(_committed_rows(out, "clauses"))
    again = run_batch([str(docs)], out, jobs=1)
    assert (again.skipped, again.processed) == (5, 0)
    changed = docs / SMALL[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n新增一段。\n", encoding="utf-8")
    third = run_batch([str(docs)], out, jobs=1)
    assert (third.skipped, third.processed) == (4, 1)
    documents = rows_of(out, "SELECT path, count(*) AS n FROM documents GROUP BY path")
    assert len(documents) == 5 and all(row["n"] == 1 for row in documents)
    after = _canonical(_committed_rows(out, "clauses"))
    assert len(after) == len(before) + 1  # the new paragraph is one more clause, nothing else moved


def test_kill_9_mid_run_then_rerun_finishes_without_duplicates(docs, tmp_path):
    for i in range(4):  # enough documents that the kill lands mid-run
        shutil.copy(docs / "seed.txt", docs / f"seed-{i}.txt")
        with open(docs / f"seed-{i}.txt", "a", encoding="utf-8") as handle:
            handle.write(f"\n第{i}份副本。\n")
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "policykit",
        "batch",
        str(docs),
        "-o",
        str(out),
        "-j",
        "1",
        "--part-rows",
        "1",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    commits = out / "_commits"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(commits.glob("*.json")) if commits.is_dir() else []) < 2:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done_before = len(list(commits.glob("*.json")))
    assert 2 <= done_before < 9, "the kill should land mid-run"
    summary = run_batch([str(docs)], out, jobs=1)
    assert summary.processed == 9 - done_before
    rows = rows_of(out, "SELECT path, count(*) AS n FROM documents GROUP BY path")
    assert len(rows) == 9 and all(row["n"] == 1 for row in rows)
    per_document = rows_of(
        out, "SELECT document_id, count(DISTINCT id) AS ids, count(*) AS n FROM clauses GROUP BY 1"
    )
    assert all(row["ids"] == row["n"] for row in per_document)


def test_parallel_and_dask_runs_write_the_same_rows(docs, tmp_path, corpus_dir):
    pytest.importorskip("dask.distributed", reason="--engine dask needs pip install 'policykit[dask]'")
    from tests.pdf_factory import build_pdf

    # Long enough that the PDF reader would start its own pool; dask workers are daemonic and cannot.
    pages = build_pdf(
        (corpus_dir / "gov-work-report-2024.txt").read_text(encoding="utf-8"), docs / "long.pdf"
    )
    assert pages >= 12
    one, two, cluster = tmp_path / "one", tmp_path / "two", tmp_path / "dask"
    run_batch([str(docs)], one, jobs=1)
    run_batch([str(docs)], two, jobs=2)
    # A LocalCluster worker is a fresh interpreter that loads jieba (~2 s of CPU): make test-full runs two.
    run_batch([str(docs)], cluster, jobs=2 if FULL_MATRIX else 1, engine="dask")
    for table in ("documents", "clauses", "targets", "errors"):
        expected = _canonical(_committed_rows(one, table))
        assert _canonical(_committed_rows(two, table)) == expected, table
        assert _canonical(_committed_rows(cluster, table)) == expected, table


def test_query_cli_formats_and_errors(docs, tmp_path, runner):
    out = tmp_path / "out"
    run_batch([str(docs)], out, jobs=1)
    result = runner.invoke(
        app, ["query", str(out), "SELECT count(*) AS n FROM documents", "--format", "json"]
    )
    assert result.exit_code == 0 and json.loads(result.stdout) == [{"n": 5}]
    csv = runner.invoke(app, ["query", str(out), "SELECT name FROM documents ORDER BY name", "-f", "csv"])
    assert csv.stdout.splitlines()[0] == "name" and "seed" in csv.stdout
    bad_sql = runner.invoke(app, ["query", str(out), "SELEC nonsense"])
    assert bad_sql.exit_code == 2 and "SQL error" in bad_sql.output
    not_output = runner.invoke(app, ["query", str(docs), "SELECT 1"])
    assert not_output.exit_code == 1 and "not a policykit batch output folder" in not_output.output


def test_without_pyarrow_batch_says_which_extra_to_install(tmp_path, monkeypatch):
    import builtins

    from policykit.batch.store import Store
    from policykit.errors import UsageError

    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name == "pyarrow" or name.startswith("pyarrow."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(UsageError, match=r"pip install 'policykit\[batch\]'"):
        Store(tmp_path / "out")
