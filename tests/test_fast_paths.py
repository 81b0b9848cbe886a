"""The parse and cold-search fast paths agree with the plain definitions they shortcut (issue 15).

Each fast path (a guard before a character fix, a union regex before a dozen tests, a width table,
segmenting only the blocks around a hit) must give exactly what the slow definition gives, or a
search with them and a parse without them would disagree.
"""

from __future__ import annotations

import re
import unicodedata
from importlib import resources

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from policykit import gongwen, metadata
from policykit.config import data_yaml
from policykit.ingest import source_from_text
from policykit.normalise import normalise
from policykit.pipeline import load_document, parse_text
from policykit.query import (
    boundary_bitmap,
    clause_records,
    clause_test,
    fold,
    hit_bitmap,
    is_boundary,
    parse_query,
)
from policykit.structure import blocks, builder
from policykit.zh import chars, numbering
from tests.conftest import CORPUS_FILES, SEED, corpus_params, examples

_RADICALS = "".join(sorted(chr(code) for code in chars._radical_table()))
_ALPHABET = st.sampled_from(
    [
        *"人民工智能发展第一二三四五六七八九十章节条编部分篇、（）()①②是附件表专栏名词解释抄送印发年月日",
        *"0123456789０１２３４５６７８９ＡＢｚ％．.%aZ \t\u3000",
        *chars.ZERO_WIDTH,
        "\x01",
        "\x1f",
        "\u2028",
        "\U0002a6a5",  # an astral ideograph
        "\uff61",  # half-width katakana punctuation: narrow, non-ASCII
        "\u00e9",
        "—",
        "》》",
        "<<",
    ]
)
_TEXT = st.lists(st.one_of(_ALPHABET, st.sampled_from(_RADICALS)), max_size=30).map("".join)


def _slow_fixes(text: str) -> str:
    """The three character fixes as defined, with no guard."""
    text = chars._CONTROL.sub("", text.translate(chars._ZERO_WIDTH_TABLE))
    text = chars._FULLWIDTH_POINT.sub(".", text).translate(chars._FULLWIDTH_TABLE)
    return text.translate(chars._radical_table())


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(_TEXT, max_size=6))
@example(["增长12．5%"])  # the decimal point alone: its guard must hold it too
@example(["人\u200b民", "⼈⺠"])
@example(["a\x0bb\u2029"])
def test_guarded_character_fixes_equal_the_unguarded_ones(texts):
    assert chars.fix_characters(texts) == [_slow_fixes(t) for t in texts]
    for text in texts:
        assert chars.unify_radicals(chars.halfwidth_alnum(chars.strip_invisible(text))) == _slow_fixes(text)


def test_a_guard_class_is_every_mapped_character():
    """The range classes built from the tables hold exactly the characters the fixers map."""
    radicals = chars._radical_any()
    assert all(radicals.fullmatch(chr(code)) for code in chars._radical_table())
    assert not radicals.search("人民工智能，abc１")
    assert all(chars._FULLWIDTH_ANY.fullmatch(c) for c in [*chars._FULLWIDTH_ALNUM, "．"])


def _slow_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text)


@settings(max_examples=100, deadline=None)
@given(st.one_of(_TEXT, st.text(max_size=40)))
def test_display_width_equals_the_unicodedata_definition_on_both_paths(text):
    table, regex = chars._Width(early=False), chars._Width()
    regex.switch = 0  # the class of narrow BMP code points from the first call
    assert table(text) == regex(text) == _slow_width(text) == chars.display_width(text)
    lines = [text, "", "a", text + "产业"]
    widths = [_slow_width(line) for line in lines]
    assert chars.display_widths(lines) == table.many(lines, "\n".join(lines)) == widths
    assert regex.many(lines, "\n".join(lines)) == widths


def test_the_narrow_class_covers_the_whole_bmp():
    narrow = chars._narrow_bmp()
    wrong = [
        code
        for code in range(0x10000)
        if bool(narrow.fullmatch(chr(code))) != (chars.char_width(chr(code)) == 1)
    ]
    assert wrong == []


_PIECES = st.sampled_from(
    [
        "第",
        "一",
        "十二",
        "64",
        "章",
        "条",
        "部分",
        "、",
        "（",
        "）",
        "(",
        "1",
        "12",
        ".",
        "．",
        " ",
        "　",
        "①",
        "是",
        "附件",
        "附表",
        "名词解释",
        "：",
        "专栏",
        ">>",
        "<<",
        "抄送",
        "印发",
        "2024年3月1日",
        "二〇二三年十月八日",
        "工作回顾",
        "人民政府",
        "  ",
        "共印",
        "份",
        "国发〔2019〕4号",
        "〔2024〕",
        "经济",
        "规定的情形",
        "。",
        "，",
    ]
)
_LINE = st.lists(_PIECES, max_size=8).map("".join)


@settings(max_examples=examples(500), deadline=None)
@given(_LINE)
def test_union_prefilters_match_wherever_a_member_matches(text):
    styles = [s.pattern for s in numbering.STYLES] + [s.tight for s in numbering.STYLES if s.tight]
    heading = [*styles, numbering.BANNER, numbering.BOX, numbering.APPENDIX, numbering.GLOSSARY]
    patterns = gongwen._patterns()
    body = [
        patterns[n]
        for n in ("attachments", "signer", "copy_to", "distribute_to", "copies", "note", "note_label")
    ]
    head = [patterns[n] for n in ("issuer_mark", "urgency", "secrecy", "copy_number")]
    for union, members in (
        (numbering._ANY_NUMBERING, styles),
        (numbering._OTHER_HEADING, heading[len(styles) :]),
        (gongwen._body_part(), body),
        (gongwen._head_part(), [*head, gongwen.DOC_NUMBER, *body]),
    ):
        assert bool(union.match(text)) == any(p.match(text) for p in members)
    stripped = text.strip()  # find_parts reads stripped lines
    dated = (patterns["printed"], patterns["printed_date"], patterns["signed"], gongwen.DATE_LINE)
    assert gongwen._dated_part(stripped, patterns) == any(p.match(stripped) for p in dated)
    for end in (0, 5, len(text)):
        for pattern, after in ((metadata._DATE, ""), (metadata._REVIEW_YEAR, metadata._REVIEW_WORD)):
            fast, plain = metadata._year_search(pattern, text, end, after), pattern.search(text[:end])
            assert (fast and fast.group(0)) == (plain and plain.group(0))
    if gongwen.DOC_NUMBER.search(text):
        assert gongwen.DOC_NUMBER_TAIL.search(text)
    assert numbering.match_numbering(text) == numbering._numbering.__wrapped__(text)
    assert numbering.is_heading_line(text) == numbering._is_heading_line.__wrapped__(text)


def test_union_refuses_patterns_it_cannot_join():
    with pytest.raises(ValueError):
        numbering.union([re.compile("a", re.IGNORECASE)])
    with pytest.raises(ValueError):
        numbering.union([re.compile(r"(a)\1")])


def _without_fast_paths(monkeypatch):
    """Every guard and prefilter replaced by one that always says 'maybe', and the caches emptied."""
    anything = re.compile("")
    monkeypatch.setattr(chars, "_INVISIBLE_ANY", anything)
    monkeypatch.setattr(chars, "_FULLWIDTH_ANY", anything)
    monkeypatch.setattr(chars, "_radical_any", lambda: anything)
    monkeypatch.setattr(chars, "_any_fix", lambda: anything)
    monkeypatch.setattr(numbering, "_ANY_NUMBERING", anything)
    monkeypatch.setattr(numbering, "_OTHER_HEADING", anything)
    monkeypatch.setattr(gongwen, "_body_part", lambda: anything)
    monkeypatch.setattr(gongwen, "_head_part", lambda: anything)
    monkeypatch.setattr(gongwen, "_dated_part", lambda text, patterns: True)
    monkeypatch.setattr(builder, "_FIRST_ITEM", "")
    monkeypatch.setattr(builder, "_SECOND_ITEM", "")
    monkeypatch.setattr(blocks, "_TOC_FIRST", anything)
    monkeypatch.setattr(
        metadata, "_year_search", lambda pattern, text, end, after="": pattern.search(text[:end])
    )
    monkeypatch.setattr(metadata, "DOC_NUMBER_TAIL", anything)
    monkeypatch.setattr(chars, "_WIDTH", chars._Width(early=False))
    numbering._numbering.cache_clear()
    numbering._is_heading_line.cache_clear()


@pytest.mark.parametrize("path", [*corpus_params(), pytest.param(SEED, id="seed")])
def test_parse_is_the_same_with_and_without_the_fast_paths(path, monkeypatch):
    fast_width = chars._Width()
    fast_width.switch = 0
    monkeypatch.setattr(chars, "_WIDTH", fast_width)
    fast = load_document(path)
    _without_fast_paths(monkeypatch)
    assert load_document(path) == fast


def test_fast_paths_also_hold_on_damaged_text(monkeypatch):
    """Radicals, full-width digits, zero-width and control characters, as browser-printed PDFs leave them."""
    text = (
        "⼈⺠政府⽂件\n国发〔２０２４〕１号\n关于⼈⼯智能的通知\n各省：\n一、总　则\n"
        "（一）增长１２．５％，ＬＮＧ\u200b接卸\x01能力。一是加强，二是推进。\n附件：1.名词解释\n"
        "国务院\n2024年3月1日\n抄送：各部委。\n"
    )
    fast = parse_text(text)
    _without_fast_paths(monkeypatch)
    assert parse_text(text) == fast


@settings(max_examples=examples(200), deadline=None)
@given(
    st.lists(st.sampled_from(["氢能", "PM2.5", "pm", "Ab", "电池", "ccus", "国有"]), min_size=1, max_size=3),
    _TEXT,
)
def test_clause_test_equals_may_match_on_the_folded_text(words, text):
    query = parse_query(" ".join(words))
    for sample in (text, text + words[0].upper(), text + words[-1]):
        assert clause_test(query)(sample) == query.may_match(fold(sample))


def test_kept_records_are_the_full_records_filtered():
    document = load_document(SEED)
    query = parse_query("氢能")
    keep = clause_test(query)
    every = list(clause_records(document))
    assert list(clause_records(document, keep)) == [r for r in every if keep(r.text)]
    renamed = list(clause_records(document, name="other"))
    assert [r.document for r in renamed] == ["other"] * len(every)
    assert [(r.clause, r.text, r.lines) for r in renamed] == [(r.clause, r.text, r.lines) for r in every]


_PARTS = ["发展", "国有", "氢能", "pm", "2.5", "，", "的", "新质", "生产力", "年"]


@pytest.mark.parametrize("path", [*CORPUS_FILES[::4], SEED], ids=lambda p: p.stem)
def test_hit_bitmap_agrees_with_the_whole_clause_bitmap_at_every_edge(path):
    """Segmenting only the jieba blocks around each occurrence gives the same bits at its edges."""
    for clause in load_document(path).walk():
        text = clause.text.rstrip()
        folded = fold(text)
        parts = [*_PARTS, folded[len(folded) // 2 : len(folded) // 2 + 3].strip() or "的"]
        full, partial = boundary_bitmap(text), hit_bitmap(text, folded, parts)
        for part in parts:
            at = folded.find(part)
            while at >= 0:
                for edge in (at, at + len(part)):
                    assert is_boundary(full, edge) == is_boundary(partial, edge), (clause.id, part, edge)
                at = folded.find(part, at + 1)


def test_hit_bitmap_with_no_occurrence_segments_nothing():
    assert hit_bitmap("加快发展氢能产业", "加快发展氢能产业", ["光伏"]) == bytes(2)


def test_libyaml_loader_reads_every_data_file_as_the_python_loader_does():
    folder = resources.files("policykit").joinpath("data")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml"))
    assert "numbering.yaml" in names
    for name in names:
        assert data_yaml(name) == yaml.safe_load(folder.joinpath(name).read_text("utf-8")), name


def test_normalise_keeps_line_text_for_a_document_without_damage():
    """With no mapped character anywhere, the character fixes hand every line back as it was."""
    lines = ["一、总体要求", "　　到2025年，产业规模突破4400亿元。"]
    paragraphs = normalise(source_from_text("\n".join(lines)))
    assert [p.text for p in paragraphs] == ["一、总体要求", "到2025年，产业规模突破4400亿元。"]


_PATH_PIECES = st.sampled_from(["a", ".", "..", "b.txt", ".h", "x y", "中文", "", "a/"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PATH_PIECES, min_size=1, max_size=5), st.booleans(), st.booleans())
def test_index_key_of_a_plain_path_is_the_abspath_definition(pieces, absolute, trailing):
    import os

    from policykit.index import _key

    path = ("/" if absolute else "") + "/".join(pieces) + ("/" if trailing else "")
    if not path:
        return
    stored = path if os.path.isabs(path) and "/." not in path else os.path.abspath(path)
    assert _key(path) == stored
    assert _key(path, os.path.join(os.getcwd(), "")) == stored
