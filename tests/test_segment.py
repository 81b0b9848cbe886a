"""The jieba wrapper: the policy lexicon keeps policy terms whole."""

from __future__ import annotations

import pytest

from policykit.zh.segment import cut, cut_for_search, lexicon, pos_cut


@pytest.mark.parametrize(
    "term", ["碳达峰", "碳中和", "新旧动能转换", "专精特新", "新质生产力", "单项冠军", "卡脖子", "双碳"]
)
def test_policy_terms_are_single_words(term):
    assert term in cut(f"加快推进{term}相关工作")


def test_every_lexicon_entry_is_one_word_in_a_sentence():
    """An entry jieba's own dictionary outweighs in context (a longer word across its edge) would be dead data."""
    split = [word for word, _, _ in lexicon() if word not in cut(f"加快推进{word}相关工作")]
    assert split == []


@pytest.mark.parametrize(
    ("text", "term", "found"),
    [
        ("发展低空经济和银发经济", "经济", True),  # a lexicon compound still answers for its parts
        ("建设工业互联网平台", "互联网", True),
        ("推进“一网通办”改革", "一网通办", True),
        ("实施东数西算工程", "西算", False),  # jieba alone cut 东数/西算
        ("推进农村煤改气", "改气", False),
        ("建设宜居宜业和美乡村", "美乡村", False),
        ("完善碳排放权交易市场", "放权", False),  # no entry whose search-mode parts straddle its words
        ("推动粤港澳大湾区建设", "澳大", False),
        ("推动粤港澳大湾区建设", "大湾区", True),
    ],
)
def test_search_words_inside_lexicon_compounds(text, term, found):
    from policykit.query import boundary_bitmap, is_boundary

    start = text.index(term)
    bits = boundary_bitmap(text)
    assert (is_boundary(bits, start) and is_boundary(bits, start + len(term))) is found


def test_lexicon_entries_are_well_formed():
    entries = lexicon()
    assert len(entries) >= 8
    assert all(word and freq > 0 and tag for word, freq, tag in entries)


def test_search_mode_yields_parts_of_compounds():
    assert "电池" in cut_for_search("推广锂电池")
    assert "电池" not in cut("推广锂电池")


def test_pos_tags_use_lexicon_tags():
    assert ("碳中和", "n") in pos_cut("实现碳中和")
