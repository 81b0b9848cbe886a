"""The jieba wrapper: the policy lexicon keeps policy terms whole."""

from __future__ import annotations

import pytest

from policykit.zh.segment import cut, cut_for_search, lexicon, pos_cut


@pytest.mark.parametrize(
    "term", ["碳达峰", "碳中和", "新旧动能转换", "专精特新", "新质生产力", "单项冠军", "卡脖子", "双碳"]
)
def test_policy_terms_are_single_words(term):
    assert term in cut(f"加快推进{term}相关工作")


def test_lexicon_entries_are_well_formed():
    entries = lexicon()
    assert len(entries) >= 8
    assert all(word and freq > 0 and tag for word, freq, tag in entries)


def test_search_mode_yields_parts_of_compounds():
    assert "电池" in cut_for_search("推广锂电池")
    assert "电池" not in cut("推广锂电池")


def test_pos_tags_use_lexicon_tags():
    assert ("碳中和", "n") in pos_cut("实现碳中和")
