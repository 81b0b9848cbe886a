"""The mutation probe's edits: each picks a seeded site in a document's raw text, edits it as an editor
would, and states what a reader expects `policykit diff` to report (`Truth`), which `check` compares
with the report. The tests and the per-kind count are in tests/test_diff_mutations.py.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, partial

from policykit.diff import Change, DocumentDiff, diff_documents
from policykit.model import Document
from policykit.pipeline import parse_text
from tests.conftest import CORPUS
from tests.diff_mutation_lines import (
    _INDENT,
    Line,
    Style,
    block_end,
    cn_number,
    consistent_styles,
    plain,
    read_lines,
    renumber_all,
    unnumbered,
)


@dataclass
class Truth:
    """What the diff must report for one edit, read off the edit itself.

    removed/added/moved/modified hold the plain texts of the lines concerned (a clause may be a piece
    of a line or several lines: clauses are matched by containment). `renumbered` allows changes that
    only change a clause's number. `targets` checks the target changes (none are allowed by default).
    """

    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    modified: list[tuple[str, str]] = field(default_factory=list)
    renumbered: bool = False
    restyled: tuple[str, str] | None = None
    words: tuple[str, str] | None = None
    split: tuple[str, list[str]] | None = None
    merged: tuple[list[str], str] | None = None
    targets: Callable[[DocumentDiff], str | None] = lambda result: _no_targets(result)


def _no_targets(result: DocumentDiff) -> str | None:
    if result.target_changes:
        found = [(c.type, c.indicator) for c in result.target_changes]
        return f"target changes where none were made: {found[:3]}"
    return None


@dataclass
class Edit:
    """One edit of a document's text: the new text and what the diff must say about it."""

    kind: str
    site: str
    text: str
    truth: Truth


def _inside(clause_text: str, texts: Sequence[str]) -> bool:
    piece = plain(clause_text)
    return bool(piece) and (any(piece in text for text in texts) or piece in "".join(texts))


def _covers(changes: Sequence[Change], texts: Sequence[str], old: bool) -> str | None:
    """Every line in `texts` is made of the changes' clauses (removed lines of removed clauses), sentence
    by sentence where the parser joined a line to the next or cut it at a sentence."""
    joined = "".join(plain(c.text) for change in changes for c in (change.old if old else change.new))
    for text in texts:
        if text and text not in joined and not all(part in joined for part in re.split(r"[。；]", text)):
            return f"not reported: {text[:30]}"
    return None


def _one_edit(change: Change, truth: Truth) -> bool:
    """Tell whether a modified clause is the edit: the reworded text, or a clause that held (or now holds)
    a removed (added) line among others, as a table holds its cells."""
    old_text, new_text = plain(change.old[0].text), plain(change.new[0].text)
    if any(old_text in a and new_text in b for a, b in truth.modified):
        return True
    return any(old_text.replace(r, "", 1) == new_text for r in truth.removed if r in old_text) or any(
        new_text.replace(x, "", 1) == old_text for x in truth.added if x in new_text
    )


def _word_diff_shows(change: Change, old: str, new: str) -> str | None:
    """The word diff marks the words replaced and little else: a reader sees what was reworded.

    Only the characters that differ must be marked (统开 → 统筹 changes 开 alone)."""
    while old and new and old[0] == new[0]:
        old, new = old[1:], new[1:]
    while old and new and old[-1] == new[-1]:
        old, new = old[:-1], new[:-1]
    edits = [segment for segment in change.segments if segment.op != "equal"]
    marked_old = "".join(segment.old for segment in edits)
    marked_new = "".join(segment.new for segment in edits)
    if old not in marked_old or new not in marked_new:
        return f"word diff does not show {old}→{new}: {[(s.old, s.new) for s in edits][:3]}"
    if len(edits) > 1 or len(marked_old) > len(old) + 8:
        return f"word diff marks more than {old}→{new}: {[(s.old, s.new) for s in edits][:3]}"
    return None


def check(result: DocumentDiff, truth: Truth) -> str | None:
    """The first way the diff's report differs from the truth, or None when it reports exactly the edit."""
    by_type: dict[str, list[Change]] = {}
    for change in result.changes:
        by_type.setdefault(change.type, []).append(change)
    for change in result.changes:
        if change.type == "renumbered" and truth.renumbered:
            olds, news = change.old[0].text, change.new[0].text
            if unnumbered(olds) == unnumbered(news):
                continue
        if change.type == "removed" and all(_inside(c.text, truth.removed) for c in change.old):
            continue
        if change.type == "added" and all(_inside(c.text, truth.added) for c in change.new):
            continue
        if change.type == "moved" and all(_inside(c.text, truth.moved) for c in change.old):
            continue
        if change.type == "modified" and _one_edit(change, truth):
            continue
        olds, news = [plain(c.text) for c in change.old], [plain(c.text) for c in change.new]
        if change.type == "split" and truth.split and (olds, news) == ([truth.split[0]], truth.split[1]):
            continue
        if change.type == "merged" and truth.merged and (olds, news) == (truth.merged[0], [truth.merged[1]]):
            continue
        side = change.old or change.new
        return f"unexpected {change.type}: {plain(side[0].text)[:30]}"
    held = [c for c in by_type.get("modified", []) if _one_edit(c, truth)]
    for kind, texts, old in (("removed", truth.removed, True), ("added", truth.added, False)):
        problem = _covers(by_type.get(kind, []) + held, texts, old)
        if problem:
            return f"{kind} {problem}"
    if truth.moved and not by_type.get("moved"):
        return "no moved change"
    if truth.modified and not by_type.get("modified"):
        return "no modified change"
    for kind, expected in (("split", truth.split), ("merged", truth.merged)):
        if expected and not by_type.get(kind):
            return f"no {kind} change"
    for change in by_type.get("modified", []):
        if not change.text_changed:
            return "modified without a word diff"
        if truth.words:
            problem = _word_diff_shows(change, *truth.words)
            if problem:
                return problem
    restyles = [(n.old_style, n.new_style) for n in getattr(result, "numbering", ())]
    if truth.restyled and truth.restyled not in restyles:
        return f"numbering style change not reported as one note: {restyles}"
    if not truth.restyled and restyles:
        return f"numbering style change reported where none was made: {restyles}"
    return truth.targets(result)


# ---------------------------------------------------------------- the edits

NEW_SENTENCES = (
    "建立健全跨部门协同工作专班，统筹协调推进过程中的重大事项，每季度通报一次进展情况。",
    "鼓励行业协会搭建交流合作平台，组织开展政策宣讲和经验推广活动，营造良好社会氛围。",
    "完善督促检查和考核评价制度，将落实情况纳入年度绩效考核，对工作不力的予以通报。",
)
"""Paragraphs no corpus document has, with no number in them (so no target comes or goes)."""
REWORDS = ("切实", "全面", "持续", "统筹", "深入")
_NUMERALS = set("零〇一二两三四五六七八九十百千万亿")


def eligible(line: Line) -> bool:
    """A plain paragraph worth editing: a whole sentence of some length, no number of its own."""
    body = line.body
    return (
        line.style is None
        and len(body) >= 30
        and body.endswith("。")
        and not body.startswith("——")
        and not re.match(r"[一二三四五六七八九十]+是", body)  # 一是…二是…: numbered in a reader's eyes
    )


def _paragraphs(lines: Sequence[Line]) -> list[int]:
    """Indexes of eligible paragraphs that are unique in the text and past the document's head."""
    bodies = [plain(line.body) for line in lines]
    counts: dict[str, int] = {}
    for body in bodies:
        counts[body] = counts.get(body, 0) + 1
    head = sum(1 for k, line in enumerate(lines) if line.body and k < 8)
    return [
        k
        for k, line in enumerate(lines)
        if k > head and eligible(line) and counts[bodies[k]] == 1 and _after_a_break(lines, k)
    ]


def in_table(lines: Sequence[Line], k: int) -> bool:
    """Tell whether line k is a table cell set one to a line: a 序号 cell, a bare number, stands next to it."""
    before = next((line for line in reversed(lines[:k]) if plain(line.body)), None)
    after = next((line for line in lines[k + 1 :] if plain(line.body)), None)
    return any(line is not None and plain(line.body).isdigit() for line in (before, after))


def _after_a_break(lines: Sequence[Line], k: int) -> bool:
    """Tell whether the text before line k ends there (a whole sentence or a heading, not half a sentence)
    and line k is no table cell (a cell has a 序号 cell, a bare number, next to it)."""
    if in_table(lines, k):
        return False
    before = next((line for line in reversed(lines[:k]) if plain(line.body)), None)
    return (
        before is None
        or before.style is not None
        or plain(before.body)[-1] in "。！？；：”"
        or (len(plain(before.body)) <= 30 and not re.search(r"[，,、]", before.body))
    )


def _top_style(lines: Sequence[Line]) -> Style | None:
    styles = [line.style for line in lines if line.style is not None and line.style.name != "article"]
    return min(styles, key=lambda style: style.rank) if styles else None


def _section_of(lines: Sequence[Line], top: Style | None) -> list[int]:
    """For each line, the index of the top-level heading above it (-1 before the first)."""
    out, current = [], -1
    for k, line in enumerate(lines):
        if top is not None and line.style is top:
            current = k
        out.append(current)
    return out


def _join(lines: Sequence[Line]) -> str:
    return "\n".join(line.text for line in lines)


def _block_texts(lines: Sequence[Line]) -> list[str]:
    return [plain(line.body) for line in lines if line.body]


def delete_paragraph(lines: list[Line], rng: random.Random) -> Edit | None:
    sites = _paragraphs(lines)
    if not sites:
        return None
    k = rng.choice(sites)
    truth = Truth(removed=[plain(lines[k].body)], targets=_targets_only(lines[k : k + 1], "removed"))
    return Edit("delete_paragraph", lines[k].body[:20], _join(lines[:k] + lines[k + 1 :]), truth)


def _numbered_sites(lines: Sequence[Line], styles: Sequence[Style]) -> list[int]:
    """Numbered lines of a consistently numbered style with a later sibling (their block is bounded),
    whose block holds no number of a style `renumber` cannot follow that runs on after it."""
    consistent = consistent_styles(lines)
    sites = []
    for k, line in enumerate(lines):
        if line.style not in styles:
            continue
        end = block_end(lines, k)
        if end == len(lines) or lines[end].style is not line.style or len(plain(line.body)) < 6:
            continue
        inner = {inner.style.name for inner in lines[k:end] if inner.style and inner.style not in consistent}
        if not any(later.style and later.style.name in inner for later in lines[end:]):
            sites.append(k)
    return sites


def _delete_block(lines: list[Line], rng: random.Random, kind: str, top: bool) -> Edit | None:
    styles = consistent_styles(lines)
    top_style = _top_style(lines)
    if top:
        styles = [style for style in styles if style is top_style]
    else:
        styles = [style for style in styles if style is not top_style and style.name != "chapter"]
    sites = _numbered_sites(lines, styles)
    if not sites:
        return None
    k = rng.choice(sites)
    style = lines[k].style
    assert style is not None
    end = block_end(lines, k)
    kept = renumber_all(lines[:k] + lines[end:], lines)
    gone = lines[k:end]
    truth = Truth(removed=_block_texts(gone), renumbered=True, targets=_targets_only(gone, "removed"))
    return Edit(kind, lines[k].body[:20], _join(kept), truth)


def delete_item(lines: list[Line], rng: random.Random) -> Edit | None:
    return _delete_block(lines, rng, "delete_item", top=False)


def delete_section(lines: list[Line], rng: random.Random) -> Edit | None:
    return _delete_block(lines, rng, "delete_section", top=True)


def insert_paragraph(lines: list[Line], rng: random.Random) -> Edit | None:
    sites = _paragraphs(lines)
    if not sites:
        return None
    k = rng.choice(sites)
    indent = _INDENT.match(lines[k].text).group(0)  # type: ignore[union-attr]
    sentence = rng.choice(NEW_SENTENCES)
    blank = [Line("")] if k + 1 < len(lines) and not lines[k + 1].body else []
    new = [*lines[: k + 1], *blank, Line(indent + sentence), *lines[k + 1 :]]
    return Edit("insert_paragraph", lines[k].body[:20], _join(new), Truth(added=[plain(sentence)]))


def insert_item(lines: list[Line], rng: random.Random) -> Edit | None:
    top = _top_style(lines)
    styles = [s for s in consistent_styles(lines) if s is not top and s.name != "chapter"]
    sites = [k for k in _numbered_sites(lines, styles) if lines[k].ordinal >= 2]
    if not sites:
        return None
    k = rng.choice(sites)
    style = lines[k].style
    assert style is not None
    indent = _INDENT.match(lines[k].text).group(0)  # type: ignore[union-attr]
    sentence = rng.choice(NEW_SENTENCES)
    digits = cn_number(lines[k].ordinal) if style.chinese else str(lines[k].ordinal)
    item = Line(indent + style.template.format(n=digits) + sentence, style, lines[k].ordinal)
    blank = [Line("")] if k > 0 and not lines[k - 1].body else []
    # the new item takes the number of the one it is put before; the later ones move up by one
    new = renumber_all([*lines[:k], item, *blank, *lines[k:]], lines)
    truth = Truth(added=[plain(item.body)], renumbered=True)
    return Edit("insert_item", lines[k].body[:20], _join(new), truth)


def reword(lines: list[Line], rng: random.Random) -> Edit | None:
    sites = _paragraphs(lines)
    rng.shuffle(sites)
    for k in sites:
        body = lines[k].body
        spots = [
            at
            for at in range(2, len(body) - 3)
            if all("\u4e00" <= ch <= "\u9fff" and ch not in _NUMERALS for ch in body[at - 1 : at + 3])
            and not re.search(r"\d", body)
        ]
        if not spots:
            continue
        at = rng.choice(spots)
        word = rng.choice([w for w in REWORDS if w != body[at : at + 2]])
        new_body = body[:at] + word + body[at + 2 :]
        new_line = Line(lines[k].text.replace(body, new_body))
        truth = Truth(modified=[(plain(body), plain(new_body))], words=(body[at : at + 2], word))
        return Edit("reword", body[:20], _join([*lines[:k], new_line, *lines[k + 1 :]]), truth)
    return None


FILLERS = ("并建立常态化工作机制", "形成可复制可推广的经验", "切实发挥示范引领作用", "持续优化营商环境")


def rewrite(lines: list[Line], rng: random.Random) -> Edit | None:
    """Rewrite a third of a long paragraph's phrases: still the same clause, modified, not removed + added."""
    sites = [
        k
        for k in _paragraphs(lines)
        if lines[k].body.count("，") >= 5 and not re.search(r"\d", lines[k].body)
    ]
    if not sites:
        return None
    k = rng.choice(sites)
    body = lines[k].body
    phrases = re.findall(r"[^，。；]+[，。；]", body)
    if "".join(phrases) != body:
        return None
    picked = rng.sample(range(len(phrases)), max(1, len(phrases) // 3))
    for at in picked:
        phrases[at] = rng.choice(FILLERS) + phrases[at][-1]
    new_body = "".join(phrases)
    new_line = Line(lines[k].text.replace(body, new_body))
    truth = Truth(modified=[(plain(body), plain(new_body))])
    return Edit("rewrite", body[:20], _join([*lines[:k], new_line, *lines[k + 1 :]]), truth)


def move_and_reword(lines: list[Line], rng: random.Random) -> Edit | None:
    """Move a paragraph to another section and reword it there: one move, showing the words changed."""
    moved = move_paragraph(lines, rng)
    if moved is None:
        return None
    text = moved.truth.moved[0]
    after = read_lines(moved.text)
    k = next((n for n, line in enumerate(after) if plain(line.body) == text), None)
    if k is None:
        return None
    body = after[k].body
    spots = [
        at
        for at in range(2, len(body) - 3)
        if all("\u4e00" <= ch <= "\u9fff" and ch not in _NUMERALS for ch in body[at - 1 : at + 3])
    ]
    if not spots or re.search(r"\d", body):
        return None
    at = rng.choice(spots)
    word = rng.choice([w for w in REWORDS if w != body[at : at + 2]])
    new_body = body[:at] + word + body[at + 2 :]
    new_line = Line(after[k].text.replace(body, new_body))
    truth = Truth(moved=[plain(body)], words=(body[at : at + 2], word))
    return Edit("move_and_reword", body[:20], _join([*after[:k], new_line, *after[k + 1 :]]), truth)


def swap_items(lines: list[Line], rng: random.Random) -> Edit | None:
    """Swap two neighbouring numbered items (and renumber): one of them moved, both renumbered."""
    top = _top_style(lines)
    styles = [s for s in consistent_styles(lines) if s is not top and s.name not in ("chapter", "article")]
    sites = [k for k in _numbered_sites(lines, styles) if block_end(lines, block_end(lines, k)) < len(lines)]
    sites = [k for k in sites if lines[block_end(lines, k)].style is lines[k].style]
    if not sites:
        return None
    k = rng.choice(sites)
    mid = block_end(lines, k)
    end = block_end(lines, mid)
    first, second = lines[k:mid], lines[mid:end]
    new = renumber_all([*lines[:k], *second, *first, *lines[end:]], lines)
    truth = Truth(
        moved=[
            plain(first[0].body),
            unnumbered(first[0].body),
            plain(second[0].body),
            unnumbered(second[0].body),
        ],
        renumbered=True,
    )
    truth.targets = _targets_in([*first, *second])
    return Edit("swap_items", first[0].body[:20], _join(new), truth)


def _targets_only(gone: Sequence[Line], kind: str) -> Callable[[DocumentDiff], str | None]:
    """Allow target changes of one kind stated in the edited lines (or in a clause the diff says went)."""
    texts = [plain(line.body) for line in gone]

    def judge(result: DocumentDiff) -> str | None:
        went = {c.id for change in result.changes if change.type == kind for c in change.old + change.new}
        for change in result.target_changes:
            target = change.old or change.new
            assert target is not None
            inside = any(plain(target.text) in text for text in texts) or target.clause in went
            if change.type != kind or not inside:
                return f"unexpected target {change.type}: {change.indicator} in {plain(target.text)[:30]}"
        return None

    return judge


def move_paragraph(lines: list[Line], rng: random.Random) -> Edit | None:
    sites = _paragraphs(lines)
    section = _section_of(lines, _top_style(lines))
    pairs = [(k, d) for k in sites for d in sites if section[k] != section[d] or abs(k - d) > 6]
    if not pairs:
        return None
    k, d = rng.choice(pairs)
    moving = lines[k]
    rest = lines[:k] + lines[k + 1 :]
    at = d if d < k else d - 1
    new = [*rest[: at + 1], moving, *rest[at + 1 :]]
    truth = Truth(moved=[plain(moving.body)], targets=_targets_in([moving]))
    return Edit("move_paragraph", moving.body[:20], _join(new), truth)


def _targets_in(lines: Sequence[Line]) -> Callable[[DocumentDiff], str | None]:
    """Allow target changes of any kind whose sentences lie in these lines (a moved paragraph's context)."""
    texts = [plain(line.body) for line in lines]

    def judge(result: DocumentDiff) -> str | None:
        for change in result.target_changes:
            target = change.old or change.new
            assert target is not None
            if not any(plain(target.text) in text for text in texts):
                return f"unexpected target {change.type}: {change.indicator}"
        return None

    return judge


def move_item(lines: list[Line], rng: random.Random) -> Edit | None:
    """Move a numbered item with its paragraphs to the end of the same list under another heading."""
    top = _top_style(lines)
    styles = [s for s in consistent_styles(lines) if s is not top and s.name not in ("chapter", "article")]
    section = _section_of(lines, top)
    sites = _numbered_sites(lines, styles)
    options = []
    for k in sites:
        style = lines[k].style
        for d in sites:
            if lines[d].style is style and section[d] != section[k] and section[d] != -1:
                options.append((k, d))
    if not options:
        return None
    k, d = rng.choice(options)
    style = lines[k].style
    assert style is not None
    end = block_end(lines, k)
    block = lines[k:end]
    # the destination list's last item: follow siblings from d to the end of its list
    last = d
    while True:
        nxt = block_end(lines, last)
        if nxt < len(lines) and lines[nxt].style is style:
            last = nxt
        else:
            break
    if last == k:
        return None
    insert_at = block_end(lines, last)
    if k < insert_at < end or insert_at == len(lines):
        return None  # the last list of a document may run on into its annexes: no clear end
    if insert_at > k:
        new = [*lines[:k], *lines[end:insert_at], *block, *lines[insert_at:]]
    else:
        new = [*lines[:insert_at], *block, *lines[insert_at:k], *lines[end:]]
    new = renumber_all(new, lines)
    truth = Truth(moved=[plain(block[0].body), unnumbered(block[0].body)], renumbered=True)
    truth.targets = _targets_in(block)
    return Edit("move_item", block[0].body[:20], _join(new), truth)


_QUANTITY = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])")
"""A quantity's number, where the quantity starts (50个, 1.2万亿元, 8000名)."""


def change_target(
    lines: list[Line], rng: random.Random, document: Document, *, year_too: bool = True
) -> Edit | None:
    """Move a target to a later year and a bigger value, in its own sentence (到2025年…50个 → 到2027年…80个);
    without `year_too` only the value changes (国内生产总值增长5%左右 → 8%左右)."""
    from policykit.targets import extract_targets

    found = []
    for target in extract_targets(document):
        if target.kind != "target" or target.year is None or target.upper is not None:
            continue
        quantity = target.quantity.strip()
        hosts = [k for k, line in enumerate(lines) if quantity in line.body]
        hosts = [k for k in hosts if plain(target.text) in plain(lines[k].body)]
        if len(hosts) != 1 or in_table(lines, hosts[0]) or lines[hosts[0]].body.count(quantity) != 1:
            continue
        raw = lines[hosts[0]].body
        at = raw.find(quantity)
        year_at = raw.rfind(f"{target.year}年", 0, at)
        if not _QUANTITY.match(raw, at) or (
            year_too and (year_at < 0 or re.search("[。；]", raw[year_at:at]))
        ):
            continue
        found.append((target, hosts[0], at, year_at))
    if not found:
        return None
    target, k, at, year_at = rng.choice(found)
    line = lines[k]
    raw = line.body
    number = _QUANTITY.match(raw, at).group(1)  # type: ignore[union-attr]
    old_value = float(number)
    decimals = len(number.partition(".")[2])
    new_number = f"{old_value * 1.6:.{decimals}f}"
    if float(new_number) == old_value:
        new_number = f"{old_value + 1:.{decimals}f}"
    scale = float(new_number) / old_value
    year = target.year
    assert year is not None
    new_year = year + 2 if year_too else year
    new_raw = raw[:at] + new_number + raw[at + len(number) :]
    if year_too:
        new_raw = new_raw[:year_at] + f"{new_year}年" + new_raw[year_at + 5 :]
    new_line = Line(line.text.replace(raw, new_raw, 1))
    body, new_body, sentence = plain(raw), plain(new_raw), plain(target.text)
    expected = (target.indicator, target.value, target.value * scale, year, new_year)

    def judge(result: DocumentDiff) -> str | None:
        hit = False
        for change in result.target_changes:
            old, new = change.old, change.new
            if old is None or new is None:
                return f"unexpected target {change.type}: {change.indicator}"
            if plain(old.text) not in body:
                # a later section's target dated by the edited goal sentence's deadline moves with it
                if year_too and set(change.fields) == {"year"} and (old.year, new.year) == (year, new_year):
                    continue
                return f"unexpected target {change.type}: {change.indicator}"
            # the edited target: its value and unit (一半 of 总课时 is 50 % beside 50所 in the same sentence)
            if abs(old.value - expected[1]) < 1e-9 * max(1, expected[1]) and old.unit == target.unit:
                hit = abs(new.value - expected[2]) < 1e-6 * max(1, expected[2]) and new.year == expected[4]
                if not hit:
                    return f"target {change.indicator}: {old.value}→{new.value}, {old.year}→{new.year}"
            elif set(change.fields) - {"year"}:
                return f"unexpected target change {change.indicator}: {change.fields}"
        return None if hit else f"target {expected[0]} {expected[1]:g}→{expected[2]:g} not reported"

    truth = Truth(
        modified=[(body, new_body)], targets=judge, words=None if year_too else (number, new_number)
    )
    kind = "change_target" if year_too else "change_value"
    return Edit(kind, sentence[:20], _join([*lines[:k], new_line, *lines[k + 1 :]]), truth)


def reword_heading(lines: list[Line], rng: random.Random) -> Edit | None:
    """Reword a numbered heading that stands on its own line (二、加速…产品化 → 二、切实…产品化)."""
    bodies = [plain(line.body) for line in lines]
    sites = [
        k
        for k, line in enumerate(lines)
        if line.style is not None
        and 6 <= len(line.body) - len(line.number) <= 30
        and not re.search(r"[。；，\d年期”]", line.body)  # a period named in a heading dates its targets
        and bodies.count(bodies[k]) == 1
    ]
    rng.shuffle(sites)
    for k in sites:
        line = lines[k]
        rest = line.body[len(line.number) :]
        spots = [
            at
            for at in range(1, len(rest) - 2)
            if all("\u4e00" <= ch <= "\u9fff" and ch not in _NUMERALS for ch in rest[at : at + 2])
        ]
        if not spots:
            continue
        at = rng.choice(spots)
        word = rng.choice([w for w in REWORDS if w != rest[at : at + 2]])
        new_rest = rest[:at] + word + rest[at + 2 :]
        new_line = Line(line.text.replace(rest, new_rest, 1), line.style, line.ordinal)
        truth = Truth(modified=[(plain(line.body), plain(new_line.body))], words=(rest[at : at + 2], word))
        return Edit("reword_heading", line.body[:20], _join([*lines[:k], new_line, *lines[k + 1 :]]), truth)
    return None


def insert_toc(lines: list[Line], rng: random.Random) -> Edit | None:
    """Put a 目录 listing the top-level headings where the body starts, before the first of them."""
    top = _top_style(lines)
    if top is None or any(plain(line.body) in ("目录", "目次") for line in lines):
        return None
    entries = [Line(line.body) for line in lines if line.style is top]
    if len(entries) < 2:
        return None
    first = next(k for k, line in enumerate(lines) if line.style is top)
    toc = [Line("目　录"), *entries, Line("")]
    return Edit("insert_toc", "目录", _join([*lines[:first], *toc, *lines[first:]]), Truth())


def insert_toc_after_title(lines: list[Line], rng: random.Random) -> Edit | None:
    """Put the 目录 right after a title that stands alone (a blank line after it), before the lead text."""
    edit = insert_toc(lines, rng)
    first = next((k for k, line in enumerate(lines) if line.body), None)
    if edit is None or first is None or first + 1 >= len(lines) or lines[first + 1].body:
        return None
    top = _top_style(lines)
    entries = [Line(line.body) for line in lines if line.style is top]
    toc = [Line(""), Line("目　录"), *entries]
    text = _join([*lines[: first + 1], *toc, *lines[first + 1 :]])
    return Edit("insert_toc_after_title", "目录", text, Truth())


def restyle_numbering(lines: list[Line], rng: random.Random) -> Edit | None:
    """Number the 一、二、 headings as 第一节 第二节: one note, not a change per heading."""
    headings = [k for k, line in enumerate(lines) if line.style is not None and line.style.name == "cn_dun"]
    if len(headings) < 2:
        return None
    new = list(lines)
    for k in headings:
        line = lines[k]
        indent = _INDENT.match(line.text).group(0)  # type: ignore[union-attr]
        rest = line.body[len(line.number) :]
        new[k] = Line(f"{indent}第{cn_number(line.ordinal)}节\u3000{rest}")
    return Edit("restyle_numbering", "一、→第一节", _join(new), Truth(restyled=("一、", "第一节")))


def _enumerates(line: Line) -> bool:
    """Tell whether a paragraph counts its points (一是…二是…), which the parser makes items of."""
    return bool(re.search(r"[一二三四五六七八九十]是", line.body))


def split_paragraph(lines: list[Line], rng: random.Random) -> Edit | None:
    """Break a paragraph of several sentences in two at a full stop: one clause split, nothing else."""
    sites = [
        k for k in _paragraphs(lines) if lines[k].body[:-1].count("。") >= 1 and not _enumerates(lines[k])
    ]
    if not sites:
        return None
    k = rng.choice(sites)
    line = lines[k]
    stops = [at + 1 for at, ch in enumerate(line.body[:-1]) if ch == "。" and at >= 10]
    if not stops:
        return None
    cut = rng.choice(stops)
    indent = _INDENT.match(line.text).group(0)  # type: ignore[union-attr]
    first, second = line.body[:cut], line.body[cut:]
    new = [*lines[:k], Line(indent + first), Line(""), Line(indent + second), *lines[k + 1 :]]
    truth = Truth(split=(plain(line.body), [plain(first), plain(second)]))
    return Edit("split_paragraph", line.body[:20], _join(new), truth)


def merge_paragraphs(lines: list[Line], rng: random.Random) -> Edit | None:
    """Join a paragraph to the next one when both are plain paragraphs: one clause merged, nothing else."""
    sites = [k for k in _paragraphs(lines) if not _enumerates(lines[k])]
    following = {k: next((n for n in range(k + 1, len(lines)) if lines[n].body), None) for k in sites}
    pairs = [(k, n) for k, n in following.items() if n is not None and n in sites]
    if not pairs:
        return None
    k, n = rng.choice(pairs)
    joined = lines[k].text + lines[n].body
    new = [*lines[:k], Line(joined), *lines[n + 1 :]]
    truth = Truth(merged=([plain(lines[k].body), plain(lines[n].body)], plain(joined)))
    return Edit("merge_paragraphs", lines[k].body[:20], _join(new), truth)


def combined(lines: list[Line], rng: random.Random) -> Edit | None:
    """Reword one paragraph, delete another, insert a third and move a fourth: an edition's usual mix."""
    parts: list[Edit] = []
    touched: set[str] = set()
    for step in (reword, delete_paragraph, insert_paragraph, move_paragraph):
        edit = step(lines, rng)
        if edit is None:
            return None
        truth = edit.truth
        texts = {*truth.removed, *truth.added, *truth.moved, *(a for a, _ in truth.modified)}
        if texts & touched or any(a in t or t in a for a in texts for t in touched):
            return None  # two edits at one site: not the mix this kind is about
        touched |= texts | {b for _, b in truth.modified}
        parts.append(edit)
        lines = read_lines(edit.text)
    judges = [edit.truth.targets for edit in parts]

    def targets(result: DocumentDiff) -> str | None:
        for change in result.target_changes:
            alone = replace(result, target_changes=(change,))
            if all(judge(alone) is not None for judge in judges):
                return f"unexpected target {change.type}: {change.indicator}"
        return None

    truth = Truth(
        removed=[t for edit in parts for t in edit.truth.removed],
        added=[t for edit in parts for t in edit.truth.added],
        moved=[t for edit in parts for t in edit.truth.moved],
        modified=[t for edit in parts for t in edit.truth.modified],
        targets=targets,
    )
    return Edit("combined", " / ".join(edit.site[:8] for edit in parts), parts[-1].text, truth)


EDITS: dict[str, Callable[..., Edit | None]] = {
    "delete_paragraph": delete_paragraph,
    "delete_item": delete_item,
    "delete_section": delete_section,
    "insert_paragraph": insert_paragraph,
    "insert_item": insert_item,
    "reword": reword,
    "reword_heading": reword_heading,
    "change_target": change_target,
    "change_value": partial(change_target, year_too=False),
    "move_paragraph": move_paragraph,
    "move_item": move_item,
    "move_and_reword": move_and_reword,
    "swap_items": swap_items,
    "rewrite": rewrite,
    "split_paragraph": split_paragraph,
    "merge_paragraphs": merge_paragraphs,
    "insert_toc": insert_toc,
    "insert_toc_after_title": insert_toc_after_title,
    "restyle_numbering": restyle_numbering,
    "combined": combined,
}


@cache
def _original(name: str) -> tuple[str, Document]:
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    return text, parse_text(text, name=name)


def make_edit(name: str, kind: str, seed: int = 0) -> Edit | None:
    """The edit of this kind for this document, at a site chosen by a seed of both names (and `seed`)."""
    text, document = _original(name)
    rng = random.Random(f"{name}/{kind}" + (f"/{seed}" if seed else ""))
    lines = read_lines(text)
    if kind in ("change_target", "change_value"):
        return EDITS[kind](lines, rng, document)
    return EDITS[kind](lines, rng)


def run_edit(name: str, kind: str, seed: int = 0) -> tuple[Edit | None, str | None]:
    """Apply the edit and diff; the edit (None where the document has no site) and the first discrepancy."""
    edit = make_edit(name, kind, seed)
    if edit is None:
        return None, None
    _, document = _original(name)
    result = diff_documents(document, parse_text(edit.text, name=name), targets=True)
    return edit, check(result, edit.truth)
