"""zh.segment's one-pass route search gives jieba's own DAG, route, words and tags, on real text and edge cases."""

from __future__ import annotations

import random

import pytest

from policykit.zh import segment
from tests.conftest import corpus_params, examples

EDGES = [
    "",
    "碳",
    "PM2.5年均浓度下降10%",
    "到2025年，全区新型研发机构数量达到20家以上，人才总量突破96万人。",
    "𠀋𠀌𠀍　　✓ ☆ 亖亗亍",  # characters jieba's dictionary lacks, and full-width spaces
    "新质生产力新质生产力新质生产力",
    "abc123def 5G F5G 4K 3D AAAA级",
    "鄂尔多斯市伊金霍洛旗阿勒腾席热镇",  # names jieba's HMM finds
    "第一行\r\n第二行\t制表  两个空格\n\n",
    "C++、C#与.NET；e-mail：a_b@c.d 100%",
]


def _shuffled_texts(count: int = examples(300)) -> list[str]:
    """Random strings of policy characters, Latin, digits, spaces and punctuation (seeded): every branch of the cut."""
    rng = random.Random(20261130)
    alphabet = "碳达峰中和新质生产力到年全区机构数量达以上人才总量突破万人的了和及与等鄂尔多斯伊金霍洛旗PM2.5GAB %-_#，。、；：“”（）\n\r\t 　"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(count)]


REAL_SAMPLE = 5
"""Corpus documents cut both ways in make test (jieba's own cut costs ~0.5 s a document); all under FULL_MATRIX."""


def _jieba():
    segment.load()
    return segment._jieba()


def _reference_tagger():
    """jieba's POS tagger over jieba's own default tokenizer, with the same tags as pos_cut's."""
    jieba = _jieba()
    tagger = object.__new__(type(segment._posseg()))
    tagger.tokenizer = jieba.dt
    tagger.word_tag_tab = segment._posseg().word_tag_tab
    return tagger


def _paragraphs(path):
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("text", EDGES)
def test_dag_and_route_are_jiebas(text):
    jieba = _jieba()
    dag, route = jieba.dt.get_DAG(text), {}
    jieba.dt.calc(text, dag, route)
    routed = segment._tokenizer()
    ours, our_route = routed.get_DAG(text), {}
    routed.calc(text, ours, our_route)
    assert dict(ours) == dag
    assert our_route == route  # the floats too: the same sums in the same order


def test_ties_go_to_the_longer_word_as_in_jieba():
    """With every frequency 1 and a total of 1 every route scores 0: jieba's max() keeps the longest word."""
    frequency = {"a": 1, "ab": 1, "abc": 1, "b": 1, "bc": 1, "c": 1}
    text = "abcab"
    jieba = _jieba()
    reference = jieba.Tokenizer()
    reference.FREQ, reference.total, reference.initialized = frequency, 1, True
    route: dict = {}
    reference.calc(text, reference.get_DAG(text), route)
    assert segment._dag_and_route(frequency, 1, text).route == route
    assert route[0] == (0.0, 2)


def test_a_dag_from_elsewhere_gets_jiebas_own_route():
    jieba = _jieba()
    text = "加快推进碳中和相关工作"
    dag = {k: list(v) for k, v in jieba.dt.get_DAG(text).items()}
    route, reference = {}, {}
    segment._tokenizer().calc(text, dag, route)
    jieba.dt.calc(text, dag, reference)
    assert route == reference


def test_words_added_to_jieba_reach_the_routed_tokenizer():
    assert segment._tokenizer().FREQ is _jieba().dt.FREQ
    assert "新质生产力" in segment.cut("加快发展新质生产力")


@pytest.mark.parametrize("text", EDGES)
def test_words_and_tags_are_jiebas_on_edge_cases(text):
    jieba = _jieba()
    assert segment.cut(text) == jieba.dt.lcut(text)
    assert segment.cut_for_search(text) == jieba.dt.lcut_for_search(text)
    assert segment.tokenize(text, mode="search") == list(jieba.dt.tokenize(text, mode="search"))
    reference = [(pair.word, pair.flag) for pair in _reference_tagger().lcut(text)]
    assert segment.pos_cut(text) == reference


def test_words_and_tags_are_jiebas_on_shuffled_text():
    jieba, reference_tagger = _jieba(), _reference_tagger()
    for text in _shuffled_texts():
        assert segment.cut(text) == jieba.dt.lcut(text), text
        assert segment.cut_for_search(text) == jieba.dt.lcut_for_search(text), text
        assert segment.pos_cut(text) == [(pair.word, pair.flag) for pair in reference_tagger.lcut(text)], text


def test_viterbi_is_jiebas_on_unknown_words():
    """The HMM path of runs jieba finds no word for: names, rare characters, single characters."""
    posseg = segment._posseg_module()
    model = (posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)
    rng = random.Random(7)
    alphabet = "鄂尔多斯伊金霍洛旗阿勒腾席热镇𠀋亖亗规上获批小微医养营收限上降费"
    runs = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(examples(300))]
    for run in [*runs, "龘", "的"]:
        assert segment._viterbi(run) == posseg.viterbi(run, *model)[1], run


@pytest.mark.parametrize("path", corpus_params(REAL_SAMPLE))
def test_words_and_tags_are_jiebas_on_real_documents(path):
    jieba, reference_tagger = _jieba(), _reference_tagger()
    for paragraph in _paragraphs(path):
        assert segment.cut_for_search(paragraph) == jieba.dt.lcut_for_search(paragraph)
        assert segment.cut(paragraph) == jieba.dt.lcut(paragraph)
        tags = [(pair.word, pair.flag) for pair in reference_tagger.lcut(paragraph)]
        assert segment.pos_cut(paragraph) == tags
