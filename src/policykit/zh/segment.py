"""The jieba wrapper: one place that loads jieba quietly, with the policy lexicon added.

Default jieba splits 碳中和 into 碳/中/和 and 新质生产力 into pieces; the lexicon in
`policykit/data/lexicon.txt` (word, frequency, POS tag per line) keeps such terms whole.
jieba is imported on first use only, so commands that never segment stay fast; a few segmentations
read jieba's dictionary lazily from a word store (zh.wordstore) instead of loading all of it.
rjieba (jieba-rs) was measured as a faster alternative: it loads in ~0.2 s, but its search-mode
tokens differ from jieba's on 26 of 3,182 corpus paragraphs (PM2.5 and other Latin runs) and its POS
tags on about half, so it would change results; it is not used.
With the full dictionary, cut, cut_for_search and pos_cut run jieba's algorithms in this module:
one pass finds the DAG and its best route (jieba looks each word up twice), no generators, and the
POS HMM skips states that cannot lead on. Words, tags and the route's floats are jieba's own
(tests/test_segment_routes.py compares them on the corpus); over the corpus, cut_for_search takes
~0.55x and extract ~0.75x the time they took through jieba's code.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from functools import cache
from math import log
from typing import Any

from policykit.config import read_data


def lexicon() -> list[tuple[str, int, str]]:
    """Return the policy lexicon as (word, frequency, POS tag) entries."""
    entries = []
    for raw in read_data("lexicon.txt").decode("utf-8").splitlines():
        parts = raw.split()
        if parts and not raw.startswith("#"):
            entries.append(
                (parts[0], int(parts[1]) if len(parts) > 1 else 20000, parts[2] if len(parts) > 2 else "n")
            )
    return entries


@cache
def _jieba():
    # jieba's start-up unmarshals a ~500k-entry dictionary, and the cyclic GC scanning those
    # objects as they are made costs about a third of the load (marshal.load of jieba's cache:
    # 1.5 s with the GC, 1.0 s without, on the project's 2-core machine); none of them form cycles.
    import gc

    from policykit.zh.wordstore import import_jieba

    jieba = import_jieba()
    collecting = gc.isenabled()
    gc.disable()
    try:
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        for word, freq, tag in lexicon():
            jieba.add_word(word, freq=freq, tag=tag)
    finally:
        if collecting:
            gc.enable()
    return jieba


class _Routed(dict[int, list[int]]):
    """A jieba DAG (start → word ends) that also carries the best route through it, found in the same pass."""

    __slots__ = ("route",)
    route: dict[int, tuple[float, int]]


def _best_routes(
    get: Callable[[str], int | None], logtotal: float, sentence: str, dag: dict[int, list[int]] | None = None
) -> tuple[list[float], list[int]]:
    """jieba's get_DAG and calc in one right-to-left pass: per start, the best route's score and first word's end.

    jieba looks every word of the DAG up again in calc and builds a generator and a tuple for max()
    per character; here each fragment is looked up once, its score computed as jieba computes it,
    (log(freq) - log(total)) + the score after it, ties going to the longer word as max() does.
    `dag`, when given, receives jieba's DAG (start → the last index of each word).
    """
    size = len(sentence)
    scores = [0.0] * (size + 1)
    ends = [0] * size
    for start in range(size - 1, -1, -1):
        best, best_end, words = 0.0, start + 1, 0
        found: list[int] = []
        end = start + 1
        freq = get(sentence[start])
        while freq is not None:  # a prefix of some word (frequency 0) or a word
            if freq:
                score = log(freq) - logtotal + scores[end]
                if not words or score >= best:
                    best, best_end = score, end
                words += 1
                if dag is not None:
                    found.append(end - 1)
            if end >= size:
                break
            end += 1
            freq = get(sentence[start:end])
        if not words:
            best = log(get(sentence[start]) or 1) - logtotal + scores[start + 1]
            found.append(start)
        if dag is not None:
            dag[start] = found
        scores[start], ends[start] = best, best_end
    return scores, ends


def _dag_and_route(frequency: dict, total: int, sentence: str) -> _Routed:
    """jieba's DAG of a sentence carrying jieba's route through it (what calc would compute), bit for bit."""
    dag = _Routed()
    scores, ends = _best_routes(frequency.get, log(total), sentence, dag)
    route: dict[int, tuple[float, int]] = {len(sentence): (0, 0)}
    for start in range(len(sentence) - 1, -1, -1):
        route[start] = (scores[start], ends[start] - 1)
    dag.route = route
    return dag


def _words_of_block(get: Callable[[str], int | None], logtotal: float, block: str, out: list[str]) -> None:
    """jieba's precise cut of one run of CJK and Latin characters, HMM on (Tokenizer.__cut_DAG), on the best routes.

    As in jieba, a run of single characters that is no dictionary word goes to the HMM (finalseg),
    which finds names and new words; a run that is one goes out character by character.
    """
    ends = _best_routes(get, logtotal, block)[1]
    start, run, size = 0, "", len(block)
    while start < size:
        end = ends[start]
        if end - start == 1:
            run += block[start]
        else:
            if run:
                _flush(run, get, out)
                run = ""
            out.append(block[start:end])
        start = end
    if run:
        _flush(run, get, out)


def _flush(run: str, get: Callable[[str], int | None], out: list[str]) -> None:
    if len(run) == 1:
        out.append(run)
    elif not get(run):
        out.extend(_finalseg().cut(run))
    else:
        out.extend(run)


@cache
def _finalseg() -> Any:
    from policykit.zh.wordstore import import_jieba

    return import_jieba("jieba.finalseg")


def _precise_words(tokenizer: Any, text: str) -> list[str]:
    """jieba's `lcut(text)` (precise mode, HMM on), without its generators: the same words."""
    jieba = _jieba()
    han, skip = jieba.re_han_default, jieba.re_skip_default
    get, logtotal = tokenizer.FREQ.get, log(tokenizer.total)
    out: list[str] = []
    for block in han.split(text):
        if not block:
            continue
        if han.match(block):
            _words_of_block(get, logtotal, block, out)
            continue
        for piece in skip.split(block):
            if skip.match(piece):
                out.append(piece)
            else:
                out.extend(piece)
    return out


@cache
def _tokenizer() -> Any:
    """jieba's default tokenizer with the faster route search of `_dag_and_route`: the same words.

    It shares the default tokenizer's state (dictionary, total, added words), so words added to
    jieba later reach both. A profile of batch put ~40% of jieba's time in get_DAG and calc.
    """
    jieba = _jieba()

    def get_dag(self: Any, sentence: str) -> _Routed:
        self.check_initialized()
        return _dag_and_route(self.FREQ, self.total, sentence)

    def calc(self: Any, sentence: str, dag: dict, route: dict) -> None:
        if isinstance(dag, _Routed):
            route.update(dag.route)
        else:  # a DAG built elsewhere: jieba's own search
            jieba.Tokenizer.calc(self, sentence, dag, route)

    routed_tokenizer = type("RoutedTokenizer", (jieba.Tokenizer,), {"get_DAG": get_dag, "calc": calc})
    routed: Any = object.__new__(routed_tokenizer)
    routed.__dict__ = jieba.dt.__dict__
    return routed


@cache
def _posseg():
    """jieba's POS tagger over the full dictionary (its word tags cost ~0.3 s more): only for pos_cut."""
    from policykit.zh.wordstore import import_posseg

    _jieba()
    posseg = import_posseg()  # without the default tagger reading every tag too (~0.6 s)
    tagger = posseg.POSTokenizer(_tokenizer())  # its own tag table: the module's is empty
    tagger.makesure_userdict_loaded()
    return tagger


def _light(kind: str) -> Any:
    """The store-backed tokenizer or tagger (zh.wordstore) while it is cheaper than the full dictionary.

    With no store yet this run loads the full dictionary, and a detached process writes the store for
    the next runs (POLICYKIT_BACKGROUND_INDEX=0 turns that off), so no answer waits for it.
    """
    from policykit.zh import wordstore

    if _jieba.cache_info().currsize or wordstore.lookups() > wordstore.LOOKUP_BUDGET:
        return None
    light = wordstore.tokenizer() if kind == "words" else wordstore.pos_tokenizer()
    if light is None and os.environ.get("POLICYKIT_BACKGROUND_INDEX") != "0":
        _start_store_writer()
    return light


def _start_store_writer() -> None:
    import subprocess
    import sys

    code = "from policykit.zh.segment import ensure_store; ensure_store()"
    with contextlib.suppress(OSError):
        subprocess.Popen(
            [sys.executable, "-c", code],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )


def ensure_store() -> None:
    """Write the word store for this jieba and lexicon unless it exists (one writer at a time)."""
    import fcntl
    import sqlite3

    from policykit.zh import wordstore

    path = wordstore.store_path()
    if os.path.exists(path):
        return
    # A read-only or full cache: every run loads the full dictionary, as before.
    with contextlib.suppress(OSError, sqlite3.Error):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path + ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.path.exists(path):
                return
            jieba = _jieba()
            tagger = _posseg()
            wordstore.write_store(jieba.dt.FREQ, jieba.dt.total, tagger.word_tag_tab, path)


def cut(text: str) -> list[str]:
    """Segment text into words (precise mode) with the policy lexicon."""
    light = _light("words")
    if light is not None:
        return light.lcut(text)  # jieba's own precise cut over the store: a diff of two versions reads
    return _precise_words(_tokenizer(), text)  # the words of a few changed phrases, not all 500k


def known(word: str) -> bool:
    """Whether the dictionary (jieba's and the policy lexicon) holds the word, not only the HMM's guess."""
    light = _light("words")
    return bool((light or _tokenizer()).FREQ.get(word))


def cut_for_search(text: str) -> list[str]:
    """Segment for indexing: words plus their shorter parts (锂电池 also yields 电池)."""
    tokenizer = _tokenizer()
    get = tokenizer.FREQ.get
    out: list[str] = []
    for word in _precise_words(tokenizer, text):  # jieba's cut_for_search: its 2- and 3-grams, then it
        size = len(word)
        if size > 2:
            for i in range(size - 1):
                if get(word[i : i + 2]):
                    out.append(word[i : i + 2])
            if size > 3:
                for i in range(size - 2):
                    if get(word[i : i + 3]):
                        out.append(word[i : i + 3])
        out.append(word)
    return out


def tokenize(text: str, mode: str = "default") -> list[tuple[str, int, int]]:
    """Segment with character offsets: (word, start, end); mode 'search' adds the parts of compounds."""
    light = _light("words")
    return list((light or _tokenizer()).tokenize(text, mode=mode))


def load() -> None:
    """Load the full dictionary now (before segmenting many texts, or before forking workers)."""
    _tokenizer()


def pos_cut(text: str) -> list[tuple[str, str]]:
    """Segment with part-of-speech tags: [(word, tag), ...]."""
    light = _light("tags")
    if light is not None:
        return [(pair.word, pair.flag) for pair in light.lcut(text)]
    return _tagged_words(_posseg(), text)


# ---------------------------------------------------------------- POS tags on the best routes
# jieba.posseg's cut (POSTokenizer.__cut_internal, __cut_DAG, __cut_detail, __cut and its viterbi),
# written without generators and with a viterbi that skips the states that cannot precede a state:
# the same words and tags, checked against jieba's tagger on the corpus (tests/test_segment_routes.py).


def _tagged_words(tagger: Any, text: str) -> list[tuple[str, str]]:
    """jieba.posseg's `lcut(text)` (HMM on) as (word, tag) pairs."""
    posseg = _posseg_module()
    tagger.makesure_userdict_loaded()
    han, skip = posseg.re_han_internal, posseg.re_skip_internal
    out: list[tuple[str, str]] = []
    for block in han.split(text):
        if han.match(block):
            _tagged_block(tagger, block, out)
            continue
        for piece in skip.split(block):
            if skip.match(piece):
                out.append((piece, "x"))
                continue
            english = bool(posseg.re_eng.match(piece))  # of the piece, not the character, as in jieba
            for char in piece:
                out.append((char, "m" if posseg.re_num.match(char) else "eng" if english else "x"))
    return out


def _tagged_block(tagger: Any, block: str, out: list[tuple[str, str]]) -> None:
    tags = tagger.word_tag_tab
    get = tagger.tokenizer.FREQ.get
    ends = _best_routes(get, log(tagger.tokenizer.total), block)[1]
    start, run, size = 0, "", len(block)
    while start < size:
        end = ends[start]
        if end - start == 1:
            run += block[start]
        else:
            if run:
                _tag_run(run, tags, get, out)
                run = ""
            word = block[start:end]
            out.append((word, tags.get(word, "x")))
        start = end
    if run:
        _tag_run(run, tags, get, out)


def _tag_run(run: str, tags: dict, get: Callable[[str], int | None], out: list[tuple[str, str]]) -> None:
    """A run of single characters: one word, characters of a word, or unknown words for the HMM."""
    if len(run) == 1:
        out.append((run, tags.get(run, "x")))
    elif not get(run):
        _tagged_unknown(run, out)
    else:
        out.extend((char, tags.get(char, "x")) for char in run)


def _tagged_unknown(text: str, out: list[tuple[str, str]]) -> None:
    """POSTokenizer.__cut_detail: the HMM's words and tags for CJK, m/eng/x for the rest."""
    posseg = _posseg_module()
    han, skip = posseg.re_han_detail, posseg.re_skip_detail
    for block in han.split(text):
        if han.match(block):
            _hmm_words(block, out)
            continue
        for piece in skip.split(block):
            if piece:
                tag = "m" if posseg.re_num.match(piece) else "eng" if posseg.re_eng.match(piece) else "x"
                out.append((piece, tag))


def _hmm_words(sentence: str, out: list[tuple[str, str]]) -> None:
    """POSTokenizer.__cut: split a CJK run on the states of its best HMM path (B/M/E/S, each with a tag)."""
    path = _viterbi(sentence)
    begin = following = 0
    for index, char in enumerate(sentence):
        position, tag = path[index]
        if position == "B":
            begin = index
        elif position == "E":
            out.append((sentence[begin : index + 1], tag))
            following = index + 1
        elif position == "S":
            out.append((char, tag))
            following = index + 1
    if following < len(sentence):
        out.append((sentence[following:], path[following][1]))


@cache
def _posseg_module() -> Any:
    from policykit.zh.wordstore import import_jieba

    return import_jieba("jieba.posseg")


@cache
def _predecessors() -> dict[Any, frozenset]:
    """For each HMM state, the states with a transition to it (jieba.posseg's trans_P turned around)."""
    found: dict[Any, set] = {}
    for before, nexts in _posseg_module().trans_P.items():
        for state in nexts:
            found.setdefault(state, set()).add(before)
    return {state: frozenset(befores) for state, befores in found.items()}


def _viterbi(obs: str) -> list[Any]:
    """jieba.posseg.viterbi's best path, the same floats and ties: a state only from states that lead to it.

    jieba scores every previous state, those without a transition as -inf; every state it keeps has a
    finite score from some predecessor, so the -inf ones can never win and are skipped here.
    """
    posseg = _posseg_module()
    states, start_p, trans_p, emit_p = posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P
    min_float = -3.14e100  # jieba.posseg.viterbi.MIN_FLOAT
    all_states = trans_p.keys()
    predecessors = _predecessors()
    scores: dict[Any, float] = {}
    paths: list[dict[Any, Any]] = [{}]
    for state in states.get(obs[0], all_states):
        scores[state] = start_p[state] + emit_p[state].get(obs[0], min_float)
        paths[0][state] = ""
    for t in range(1, len(obs)):
        previous = [state for state in paths[t - 1] if trans_p[state]]
        if not previous:
            return posseg.viterbi(obs, states, start_p, trans_p, emit_p)[1]  # jieba's own (and its error)
        expected = {state for before in previous for state in trans_p[before]}
        observed = set(states.get(obs[t], all_states)) & expected or expected
        char, now, path = obs[t], {}, {}
        for state in observed:
            emit = emit_p[state].get(char, min_float)
            leading = predecessors[state]
            best: tuple[float, Any] | None = None
            for before in previous:
                if before in leading:
                    candidate = (scores[before] + trans_p[before][state] + emit, before)
                    if best is None or candidate > best:
                        best = candidate
            assert best is not None  # every expected state has a predecessor among `previous`
            now[state], path[state] = best
        scores = now
        paths.append(path)
    _, state = max((scores[state], state) for state in paths[-1])
    route = [None] * len(obs)
    for index in range(len(obs) - 1, -1, -1):
        route[index] = state
        state = paths[index][state]
    return route
