"""Radical and compatibility code points → unified ideographs, in normalise, so .txt input gets it too."""

from __future__ import annotations

import json
import unicodedata

from policykit.cli import app
from policykit.pipeline import parse_text
from policykit.zh.chars import _radical_table, unify_radicals

SUPPLEMENT = "⺠⻅⻋⻓⻔⻘⻛⻜"  # no NFKC decomposition: the browser-printed 国发 PDF has all eight


def test_the_supplement_radicals_nfkc_misses_map_to_their_characters():
    assert all(unicodedata.normalize("NFKC", c) == c for c in SUPPLEMENT)
    assert unify_radicals(SUPPLEMENT) == "民见车长门青风飞"


def test_every_kangxi_radical_and_compatibility_ideograph_is_covered():
    table = _radical_table()
    kangxi = [chr(c) for c in range(0x2F00, 0x2FD6)]
    compatibility = [chr(c) for c in range(0xF900, 0xFB00) if unicodedata.normalize("NFKC", chr(c)) != chr(c)]
    assert all(ord(c) in table for c in kangxi + compatibility)
    assert unify_radicals("⼀⼈⼯") == "一人工"
    assert unify_radicals("\uf900") == "豈"


def test_every_target_is_a_unified_ideograph():
    for source, target in _radical_table().items():
        assert len(target) == 1, hex(source)
        assert unicodedata.name(target).startswith("CJK UNIFIED IDEOGRAPH"), (hex(source), target)


def test_text_without_radicals_is_left_alone():
    text = "到2025年，⽬标 is ok: 人工智能（AI）、碳达峰。"
    assert unify_radicals(text) == text.replace("⽬", "目")
    assert unify_radicals("plain ascii") == "plain ascii"


def test_a_txt_with_radicals_parses_and_searches_as_unified(tmp_path, runner):
    text = "国务院关于深⼊实施“⼈⼯智能+”⾏动的意⻅\n⼀、总体要求\n推动⼈⼯智能与经济社会各⾏业融合，⼈⺠群众共享成果。\n⼆、组织实施\n加强统筹协调。"
    document = parse_text(text, name="radicals")
    assert [c.number for c in document.walk() if c.number] == ["一、", "二、"]
    assert "人民群众" in document.text
    assert document.metadata.title == "国务院关于深入实施“人工智能+”行动的意见"
    path = tmp_path / "radicals.txt"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["search", "人工智能", str(path), "--no-index", "--count", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["clauses"] >= 1
