"""The cold search's file test (prefilter.may_hold) finds every spelling normalising reads as the query.

A first search skips a file when this test says no clause can match, so a test that says no where the
normalised text holds the query loses results. The oracle is search.squashed (the text as clause texts
hold it: no whitespace or invisible characters, full-width and radical forms mapped, folded); the test
must say yes wherever the oracle finds every part, on real text broken by line breaks, spaces,
zero-width characters and other forms of its characters, in every encoding ingest reads.
"""

from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykit import prefilter
from policykit import search as search_module
from policykit.errors import InputError
from policykit.prefilter import may_hold, part_variants, screen_file, squashed
from policykit.query import parse_query
from policykit.search import search

from .conftest import CORPUS_FILES

BREAKS = [
    "\n",
    "\r\n",
    " ",
    "  ",
    "\t",
    "\u3000",
    "\u00a0",
    "\u2003",
    "\u200b",
    "\ufeff",
    "\u00ad",
    "\x0c",
    "\x01",
]
"""What a raw file may hold inside a word that normalising deletes: wraps, spaces, invisible and control characters."""

TEXT = "\n".join(path.read_text(encoding="utf-8") for path in CORPUS_FILES[:12])


def perturbed(text: str, rng: random.Random) -> str:
    """`text` with separators inserted between characters and characters swapped for forms that read as them."""
    out = []
    for char in text:
        forms = part_variants(char)[0] if not char.isspace() else char
        out.append(rng.choice(forms) if rng.random() < 0.3 else char)
        if rng.random() < 0.15:
            out.append("".join(rng.choices(BREAKS, k=rng.randint(1, 2))))
    return "".join(out)


def a_term(window: str, rng: random.Random) -> str:
    """A run of 2-6 characters of the squashed window, without the query syntax's quotes and dashes."""
    clean = "".join(ch for ch in squashed(window) if ch not in '"-')
    if len(clean) < 2:
        return "的"
    start = rng.randrange(len(clean) - 1)
    return clean[start : start + rng.randint(2, 6)]


needs_corpus = pytest.mark.skipif(
    not TEXT, reason="shared corpus not found: the property needs real documents"
)


@pytest.mark.parametrize(
    ("raw", "query"),
    [
        ("发展氢\n能产业", "氢能"),
        ("发展氢\r\n  能产业", "氢能"),
        ("氢\u200b能", "氢能"),
        ("氢\u3000能", "氢能"),
        ("⼈⼯智能", "人工智能"),
        ("人\u2028工\x0c智\ufeff能", "人工智能"),
        ("ＧＤＰ增长", "gdp"),
        ("G\nD P", "GDP"),
        ("增长１．５％", "1.5%"),
        ("量子纠\n缠态 OR", "量子纠缠态 OR 氢能"),
    ],
)
def test_the_file_test_sees_through_what_normalising_removes(raw, query):
    parsed = parse_query(query)
    assert parsed.may_match(squashed(raw))
    assert may_hold(raw, parsed)


@pytest.mark.parametrize(("raw", "query"), [("氢气能源", "氢能"), ("人工 能", "人工智能"), ("GD-P", "gdp")])
def test_the_file_test_still_rules_files_out(raw, query):
    assert not may_hold(raw, parse_query(query))


@needs_corpus
@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), mode=st.sampled_from(["word", "substring"]))
def test_the_file_test_says_yes_wherever_the_squashed_text_holds_the_query(seed, mode):
    rng = random.Random(seed)
    start = rng.randrange(len(TEXT) - 300)
    window = TEXT[start : start + 300]
    raw = perturbed(window, rng)
    terms = [a_term(window, rng) for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.3:  # a term from elsewhere: usually absent, so the test has something to rule out
        other = rng.randrange(len(TEXT) - 300)
        terms.append(a_term(TEXT[other : other + 300], rng))
    query = parse_query(rng.choice([" ", " OR "]).join(terms), mode)
    if query.may_match(squashed(raw)):
        assert may_hold(raw, query), (raw, query.source)


@needs_corpus
@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"]),
)
def test_a_file_in_any_encoding_is_kept_when_its_decoded_text_may_match(seed, encoding):
    rng = random.Random(seed)
    start = rng.randrange(len(TEXT) - 300)
    window = TEXT[start : start + 300]
    raw = perturbed(window, rng)
    query = parse_query(a_term(window, rng))
    try:
        data = raw.encode(encoding)
    except UnicodeEncodeError:
        data = raw.encode("gb18030")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.txt"
        path.write_bytes(data)
        try:
            decoded, _ = prefilter.decode(data, str(path))
        except InputError:  # what ingest cannot read, the file test reports the same way
            with pytest.raises(InputError):
                screen_file(str(path), str(path), query)
            return
        tested = screen_file(str(path), str(path), query)
        if query.may_match(squashed(decoded)):
            assert tested is not None, (raw, query.source, encoding)


@needs_corpus
@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_search_finds_the_same_with_and_without_the_file_test(seed):
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        for i in range(3):
            start = rng.randrange(len(TEXT) - 2000)
            (Path(folder) / f"p{i}.txt").write_text(
                perturbed(TEXT[start : start + 2000], rng), encoding="utf-8"
            )
        start = rng.randrange(len(TEXT) - 300)
        query = a_term(TEXT[start : start + 300], rng)
        files = sorted(str(path) for path in Path(folder).iterdir())
        tested = search(query, files, mode="substring", use_index=False)
        with mock.patch.object(prefilter, "may_hold", lambda text, query: True):
            everything = search(query, files, mode="substring", use_index=False)
    assert [m.to_dict() for m in tested.matches] == [m.to_dict() for m in everything.matches], query


@pytest.mark.parametrize("size", [0, 1, 8191, 300_000])
def test_a_file_is_read_whole(tmp_path, size):
    path = tmp_path / "plan.txt"
    path.write_bytes(random.Random(size).randbytes(size))
    assert prefilter.read_bytes(str(path)) == path.read_bytes()


def test_markdown_files_are_tested_through_their_text_and_never_miss_a_term_marks_split(
    tmp_path, monkeypatch
):
    """A .md is ruled out by substring like a .txt, but a mark inside a term (氢**能**, [氢](url)能, a comment)
    must not hide it: where the raw text lacks the term, the text without its marks decides."""
    folder = tmp_path / "docs"
    folder.mkdir()
    pages = {
        "bold.md": "## 一、总体要求\n\n发展氢**能**产业。\n",
        "link.md": "## 一、总体要求\n\n发展[氢](https://example.org/h)能产业。\n",
        "comment.md": "## 一、总体要求\n\n发展氢<!-- 注 -->能产业。\n",
        "plain.md": "## 一、总体要求\n\n发展氢能产业。\n",
        "apart.md": "## 一、总体要求\n\n氢气管道与储能设施。\n",  # both characters, never together
        "none.md": "## 一、总体要求\n\n发展光伏产业。\n",
    }
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    parsed: list[str] = []
    real = search_module._document_if_it_may_match

    def spy(path, *args, **kwargs):
        document = real(path, *args, **kwargs)
        if document is not None:
            parsed.append(os.path.basename(path))
        return document

    monkeypatch.setattr(search_module, "_document_if_it_may_match", spy)
    monkeypatch.setattr(search_module.Prefork, "start", classmethod(lambda cls, *a, **k: None))
    monkeypatch.setattr(search_module, "pmap", lambda fn, items, **kw: [fn(item) for item in items])
    found = search_module.search("氢能", [str(folder)], use_index=False, mode="substring")
    assert sorted(os.path.basename(m.document) for m in found.matches) == [
        "bold.md",
        "comment.md",
        "link.md",
        "plain.md",
    ]
    assert sorted(parsed) == [
        "bold.md",
        "comment.md",
        "link.md",
        "plain.md",
    ]  # apart.md, none.md never parsed
