"""render/diff.write_diff: where a diff goes (stdout, a file, an unwritable path) and the page's stylesheet."""

from __future__ import annotations

import io
from importlib import resources

import pytest
from rich.console import Console

from policykit.cli import app
from policykit.diff import diff_documents
from policykit.errors import OutputError
from policykit.pipeline import parse_text
from policykit.render.diff import html_page, page_css, write_diff

OLD = "一、总体要求\n到2025年，充电桩达到1万个。\n二、保障措施\n加强组织领导。\n"
NEW = "一、总体要求\n到2026年，充电桩达到1.5万个。\n二、保障措施\n加强组织领导。\n"


@pytest.fixture(scope="module")
def result():
    return diff_documents(parse_text(OLD, name="old.txt"), parse_text(NEW, name="new.txt"))


def test_the_page_carries_the_stylesheet_shipped_as_package_data(result):
    shipped = resources.files("policykit").joinpath("data/diff.css").read_text("utf-8")
    assert shipped == page_css() and "del {" in shipped and "ins {" in shipped
    assert f"<style>\n{shipped}</style>" in html_page(result)


def test_a_file_gets_the_terminal_view_with_bracketed_edits(result, tmp_path):
    target = tmp_path / "diff.txt"
    screen = Console(file=io.StringIO(), color_system="truecolor")
    write_diff(result, "terminal", str(target), screen=screen)
    text = target.read_text(encoding="utf-8")
    assert "[-1万个-]{+1.5万个+}" in text  # no colour in a file, so edits are marked
    assert screen.file.getvalue() == ""  # nothing on the screen


def test_an_unwritable_output_is_an_output_error(result, tmp_path):
    missing = tmp_path / "no-such-folder" / "diff.json"
    screen = Console(file=io.StringIO())
    with pytest.raises(OutputError, match=r"cannot write .*diff\.json: .*; choose a writable path"):
        write_diff(result, "json", str(missing), screen=screen)
    assert not missing.exists()


def test_cli_unwritable_output_is_one_line_and_exit_2(runner, tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    missing = tmp_path / "no-such-folder" / "diff.html"
    outcome = runner.invoke(app, ["diff", str(old), str(new), "-o", str(missing)])
    assert outcome.exit_code == 2
    assert outcome.output.startswith("Error: cannot write ") and outcome.output.count("\n") == 1
    assert "wrote" not in outcome.output
