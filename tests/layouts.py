"""Layouts that converters and extractors give a document, as `str -> str` transforms of corpus text.

Each transform retypes one real document (one paragraph per line) the way a Word-to-text tool, a PDF
extractor, pandoc or a hand-typed copy would; the clause tree must not change. Run this module to
count, for each transform, the corpus documents whose outline changes or whose text is lost:

    .venv/bin/python -m tests.layouts
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from policykit.model import Document
from policykit.pipeline import parse_text

_CN = "一二三四五六七八九十"
_NUMBER = re.compile(
    rf"^(第[{_CN}百零〇]+[章节条]|[{_CN}]{{1,3}}、|（[{_CN}]{{1,3}}）|\d{{1,2}}[.．、](?!\d)|（\d{{1,2}}）)[\s　]*"
)
"""A clause number at a paragraph's start, in the forms the corpus uses."""
_PAREN_ARABIC = re.compile(r"^（(\d{1,2})）")
_PAREN_CN = re.compile(rf"^（([{_CN}]{{1,3}})）")
_DOT_ARABIC = re.compile(r"^(\d{1,2})[.．](?!\d)")
_TOP_HEADING = re.compile(rf"^[{_CN}]{{1,3}}、")
_ARTICLE = re.compile(rf"^(第[{_CN}百零〇]+条)[\s　]+")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


@functools.lru_cache(maxsize=128)
def heading_lines(text: str) -> frozenset[int]:
    """The line numbers (0-based) where the parse of `text` opens a numbered clause (memoised: every
    transform asks it of the same corpus texts, and a parse is the transforms' whole cost)."""
    document = parse_text(text)
    return frozenset(
        clause.line - 1
        for clause in document.walk()
        if clause.number
        and (clause.kind != "item" or _NUMBER.match(clause.text))
        and document.text[clause.start - 1 : clause.start] in ("", "\n")
    )


def _each_heading(text: str, change: Callable[[str], str]) -> str:
    """Apply `change` to each line that opens a numbered clause (the corpus is one paragraph per line)."""
    headings = heading_lines(text)
    lines = text.split("\n")
    return "\n".join(change(line) if k in headings else line for k, line in enumerate(lines))


def number_alone(text: str) -> str:
    """`一、` / `加强组织领导`: the number on a line of its own, as Word-to-text tools leave list numbers."""

    def split(line: str) -> str:
        found = _NUMBER.match(line)
        if not found or found.end() == len(line):
            return line
        return f"{found.group(1)}\n{line[found.end() :]}"

    return _each_heading(text, split)


def tight_articles(text: str) -> str:
    """`第二条有关部门…`: an article number run straight into its text, as web pages print them."""
    return _each_heading(text, lambda line: _ARTICLE.sub(r"\1", line, count=1))


def markdown_bold(text: str) -> str:
    """`**一、总体要求**`: a heading in bold, as pandoc or an LLM writes Word headings in markdown."""

    def bold(line: str) -> str:
        body = line.lstrip()
        lead = line[: len(line) - len(body)]
        article = _ARTICLE.match(body)
        if article:  # an article's number alone is bold, never its text
            return f"{lead}**{article.group(1)}**{body[article.end(1) :]}"
        stop = re.search(r"[。；：！？]", body)
        if stop is None:
            return f"{lead}**{body}**"
        return f"{lead}**{body[: stop.end()]}**{body[stop.end() :]}"

    return _each_heading(text, bold)


def markdown_hashes(text: str) -> str:
    """`## （一）…`: heading marks before numbered headings, deeper for lower levels."""

    def hashes(line: str) -> str:
        depth = 1 if _TOP_HEADING.match(line) or line.startswith("第") else 2
        return "#" * depth + " " + line

    return _each_heading(text, hashes)


def markdown_inner_bold(text: str) -> str:
    """`一、**总体要求**`: the number left outside the bold, as a converter keeps a list number apart."""

    def bold(line: str) -> str:
        found = _NUMBER.match(line)
        stop = re.search(r"[。；：！？]", line)
        end = stop.start() if stop else len(line)
        if not found or found.end() >= end:
            return line
        return f"{line[: found.end()]}**{line[found.end() : end]}**{line[end:]}"

    return _each_heading(text, bold)


def markdown_bullets(text: str) -> str:
    """`- （一）加强领导`: numbered headings written as a markdown list's items."""
    return _each_heading(text, lambda line: "- " + line.lstrip())


def markdown_bold_typeset(text: str) -> str:
    """Bold headings, then cut into a 公文 column: the marks count in the width the lines were cut to."""
    from tests.test_wrapped_corpus import COLUMNS, typeset

    return typeset(markdown_bold(text), COLUMNS["gongwen"])


def heading_split_from_body(text: str) -> str:
    """`（一）加强领导。` / `各区要…`: a run-in heading set on a line of its own above its body."""

    def split(line: str) -> str:
        if not _PAREN_CN.match(line) and not _DOT_ARABIC.match(line):
            return line
        stop = re.search(r"。", line)
        if stop is None or stop.end() == len(line) or stop.start() > 40:
            return line
        return f"{line[: stop.start()]}\n{line[stop.end() :]}"

    return _each_heading(text, split)


def fullwidth_digits(text: str) -> str:
    """`１．`, `（１）`: numbers typed in full-width digits, as Chinese input methods give them."""

    def wide(line: str) -> str:
        found = re.match(r"^(（?)(\d{1,2})([.．）])", line)
        if not found:
            return line
        mark = "．" if found.group(3) in ".．" else found.group(3)
        return found.group(1) + found.group(2).translate(_FULLWIDTH_DIGITS) + mark + line[found.end() :]

    return _each_heading(text, wide)


def half_brackets(text: str) -> str:
    """`(一)`, `(1)`: ASCII brackets, as hand-typed or converted text has them."""

    def half(line: str) -> str:
        line = _PAREN_CN.sub(r"(\1)", line, count=1)
        return _PAREN_ARABIC.sub(r"(\1)", line, count=1)

    return _each_heading(text, half)


def right_brackets(text: str) -> str:
    """`1)`, `一)`: the left bracket dropped, as in many Word lists and hand-typed drafts."""

    def right(line: str) -> str:
        line = _PAREN_CN.sub(r"\1)", line, count=1)
        return _PAREN_ARABIC.sub(r"\1)", line, count=1)

    return _each_heading(text, right)


def circled_numbers(text: str) -> str:
    """`①`: the lowest level (（1）) numbered with circled digits."""

    def circle(line: str) -> str:
        found = _PAREN_ARABIC.match(line)
        if not found or int(found.group(1)) > len(_CIRCLED):
            return line
        return _CIRCLED[int(found.group(1)) - 1] + line[found.end() :]

    return _each_heading(text, circle)


def table_of_contents(text: str) -> str:
    """A 目录 after the title: each top heading with dotted leaders and a page number (`……3`)."""
    if re.search(r"^[\s　]*目[\s　]*录[\s　]*$", text, re.MULTILINE):
        return text  # one table of contents is enough
    headings = heading_lines(text)
    lines = text.split("\n")
    top = [lines[k] for k in sorted(headings) if _TOP_HEADING.match(lines[k]) or lines[k].startswith("第")]
    top = [line for line in top if len(line) <= 40 and not re.search(r"[。；]", line)]
    if len(top) < 2:
        return text
    entries = [f"{line}{'…' * 6}{2 + n}" for n, line in enumerate(top)]
    return "\n".join([lines[0], "目  录", *entries, *lines[1:]])


def table_of_contents_unlabelled(text: str) -> str:
    """A 目录 whose heading word was lost (an image, or a separate text box): leaders and page numbers only."""
    retyped = table_of_contents(text)
    if retyped.count("…" * 6) < 3:
        return text  # two leader lines alone are no table of contents
    return re.sub(r"\n目  录\n", "\n", retyped, count=1)


def table_of_contents_without_numbers(text: str) -> str:
    """A 目录 listing the top headings' titles only, with spaced dots: `总体要求 . . . . . 2`."""
    retyped = table_of_contents(text)
    if retyped == text:
        return text
    entry = re.compile(rf"^(?:[{_CN}]{{1,3}}、|第[{_CN}百零〇]+[章节])[\s　]*(.+?)…{{6}}(\d+)$")
    return "\n".join(
        entry.sub(r"\1 . . . . . \2", line) if "…" * 6 in line else line for line in retyped.split("\n")
    )


def section_words(text: str) -> str:
    """`第一节 总体要求`: the top level numbered 第X节, as some plans and textbooks-style drafts do."""
    if re.search(r"^第[一二三四五六七八九十]+章", text, re.MULTILINE):
        return text
    return _each_heading(text, lambda line: re.sub(rf"^([{_CN}]{{1,3}})、", r"第\1节　", line, count=1))


_DECIMAL_LEVELS = (
    re.compile(rf"^([{_CN}]{{1,3}})、"),
    re.compile(rf"^（([{_CN}]{{1,3}})）"),
    re.compile(r"^(\d{1,2})[.．](?!\d)"),
)


def decimal_numbers(text: str) -> str:
    """`1` / `1.1` / `1.1.1`: the 一、（一）1. levels in decimal outline numbering, as standards and 导则 use."""
    document = parse_text(text)
    lines = text.split("\n")
    path: list[int] = []
    changed = False

    def decimal(clause) -> bool:
        return any(p.match(clause.number) for p in _DECIMAL_LEVELS)

    for clause, ancestors in document.walk_with_ancestors():
        if any(a.kind in ("appendix", "box", "glossary") for a in ancestors):
            continue  # an annex numbers afresh
        level = sum(decimal(a) for a in ancestors)
        at_line_start = document.text[clause.start - 1 : clause.start] in ("", "\n")
        if not decimal(clause) or not at_line_start or level > min(len(path), 2):
            continue
        # each level counts afresh under its parent, as decimal numbering does (1.2.1, not 1.2.4)
        path = [*path[:level], path[level] + 1 if level < len(path) else 1]
        k = clause.line - 1
        number = next((m for p in _DECIMAL_LEVELS if (m := p.match(lines[k].strip()))), None)
        if number is None:
            continue
        rest = lines[k].strip()[number.end() :].lstrip()
        lines[k] = ".".join(map(str, path)) + "\u3000" + rest
        changed = True
    return "\n".join(lines) if changed else text


_ROMAN = ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ", "Ⅶ", "Ⅷ", "Ⅸ", "Ⅹ", "Ⅺ", "Ⅻ"]


def roman_numerals(text: str) -> str:
    """`Ⅰ.总体要求`: the top level in Roman numerals, as some translated or academic drafts have it."""
    from policykit.zh.numbering import chinese_ordinal

    def roman(line: str) -> str:
        found = re.match(rf"^([{_CN}]{{1,3}})、", line)
        if not found or chinese_ordinal(found.group(1)) > len(_ROMAN):
            return line
        return f"{_ROMAN[chinese_ordinal(found.group(1)) - 1]}." + line[found.end() :]

    return _each_heading(text, roman)


def title_over_lines(text: str) -> str:
    """The title broken over two or three lines, as a centred title is set on the page."""
    title = parse_text(text).metadata.title
    lines = text.split("\n")
    at = next((k for k, line in enumerate(lines[:20]) if title and line.strip() == title), None)
    if at is None or len(title) < 12:
        return text
    cuts = [len(title) // 3, 2 * len(title) // 3] if len(title) >= 24 else [len(title) // 2]
    pieces = [title[a:b] for a, b in zip([0, *cuts], [*cuts, len(title)], strict=True)]
    return "\n".join([*lines[:at], *pieces, *lines[at + 1 :]])


ATTACHMENTS = ["1．重点项目清单", "2．责任分工表"]
SIGNATURE = ["青山市人民政府", "2024年3月1日"]


def closing_parts(text: str) -> str:
    """A 附件说明 list, then the issuer's signature and the date, after the body (GB/T 9704 落款)."""
    body = text.rstrip("\n")
    if re.search(r"^附件[：:]", body, re.MULTILINE):
        return text
    return "\n".join([body, f"附件：{ATTACHMENTS[0]}", *ATTACHMENTS[1:], "", *SIGNATURE, ""])


def two_pages_headed_by_the_title(text: str) -> str:
    """Two typeset pages, the second headed by the title: a running head seen once, as in a short notice."""
    from tests.test_wrapped_corpus import COLUMNS, paginate_with_head, typeset

    title = parse_text(text).metadata.title
    first = [line.strip() for line in text.split("\n") if line.strip()][:5]
    if not title or title not in first or len(title) > 40:
        return text  # a head is short: a long title is cut to a short form no rule can know
    typeset_text = typeset(text, COLUMNS["gongwen"])
    half = (typeset_text.count("\n") + 1) // 2 + 1
    return paginate_with_head(typeset_text, title, half)


def closing_parts_label_alone(text: str) -> str:
    """The 附件说明 label on a line of its own, its list below (附件： / 1．… / 2．…), then the 落款."""
    body = text.rstrip("\n")
    if re.search(r"^附件[：:]", body, re.MULTILINE):
        return text
    return "\n".join([body, "附件：", *ATTACHMENTS, "", *SIGNATURE, ""])


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "number_alone": number_alone,
    "tight_articles": tight_articles,
    "markdown_bold": markdown_bold,
    "markdown_hashes": markdown_hashes,
    "markdown_inner_bold": markdown_inner_bold,
    "markdown_bullets": markdown_bullets,
    "markdown_bold_typeset": markdown_bold_typeset,
    "heading_split_from_body": heading_split_from_body,
    "fullwidth_digits": fullwidth_digits,
    "half_brackets": half_brackets,
    "right_brackets": right_brackets,
    "circled_numbers": circled_numbers,
    "table_of_contents": table_of_contents,
    "table_of_contents_unlabelled": table_of_contents_unlabelled,
    "table_of_contents_without_numbers": table_of_contents_without_numbers,
    "section_words": section_words,
    "roman_numerals": roman_numerals,
    "decimal_numbers": decimal_numbers,
    "title_over_lines": title_over_lines,
    "closing_parts": closing_parts,
    "closing_parts_label_alone": closing_parts_label_alone,
    "two_pages_headed_by_the_title": two_pages_headed_by_the_title,
}


def _same_title(document: Document, original: Document) -> list[str]:
    def squashed(title: str | None) -> str:
        return re.sub(r"\s", "", title or "")

    same = squashed(document.metadata.title) == squashed(original.metadata.title)
    return [] if same else [f"title {document.metadata.title!r}, not {original.metadata.title!r}"]


def _closing_parts_read(document: Document, original: Document) -> list[str]:
    problems = []
    if document.metadata.attachments != tuple(ATTACHMENTS):
        problems.append(f"attachments {document.metadata.attachments}")
    if document.metadata.signature[-1:] != (SIGNATURE[0],):
        problems.append(f"signature {document.metadata.signature}")
    if any(SIGNATURE[0] in c.text or ATTACHMENTS[1] in c.text for c in document.walk()):
        problems.append("a closing part left in a clause")
    return problems


def _head_is_furniture(document: Document, original: Document) -> list[str]:
    heads = [f.text.strip() for f in document.furniture if f.field == "running_head"]
    if heads != [original.metadata.title]:
        return [f"running heads {heads}"]
    return _same_title(document, original)


def _one_toc(document: Document, original: Document) -> list[str]:
    tocs = [c for c in document.walk() if c.kind == "toc"]
    if len(tocs) != 1 or tocs[0].text.count("\n") < 3:
        return [f"{len(tocs)} toc clauses: {[c.text[:40] for c in tocs]}"]
    return []


CHECKS: dict[str, Callable[[Document, Document], list[str]]] = {
    "table_of_contents": _one_toc,
    "table_of_contents_unlabelled": _one_toc,
    "table_of_contents_without_numbers": _one_toc,
    "title_over_lines": _same_title,
    "closing_parts": _closing_parts_read,
    "closing_parts_label_alone": _closing_parts_read,
    "two_pages_headed_by_the_title": _head_is_furniture,
}
"""What else a transform must keep, beyond the outline: (retyped document, original) → problems."""


RENAMING = frozenset({"decimal_numbers"})
"""Transforms whose numbers say less than the original's: 1 may be a section or an item, so only depth counts."""


def outline(document: Document, kinds: bool = True) -> list[tuple[int, str, str]]:
    """Depth, kind and heading of each clause that is not plain text: what a layout must not change."""
    return [
        (len(ancestors), clause.kind if kinds else "", clause.heading)
        for clause, ancestors in document.walk_with_ancestors()
        if clause.kind not in ("paragraph", "preamble", "toc")
    ]


def _probe() -> None:
    from tests.conftest import CORPUS_FILES
    from tests.test_structure import assert_lossless

    texts = {path.stem: path.read_text(encoding="utf-8") for path in CORPUS_FILES}
    for name, transform in TRANSFORMS.items():
        originals = {stem: outline(parse_text(text), name not in RENAMING) for stem, text in texts.items()}
        touched = changed = lost = other = 0
        names = []
        for stem, text in texts.items():
            retyped = transform(text)
            if retyped == text:
                continue
            touched += 1
            document = parse_text(retyped)
            if outline(document, name not in RENAMING) != originals[stem]:
                changed += 1
                names.append(stem)
            if name in CHECKS and CHECKS[name](document, parse_text(text)):
                other += 1
                names.append(f"{stem}: {CHECKS[name](document, parse_text(text))}")
            try:
                assert_lossless(document)
            except AssertionError:
                lost += 1
        print(
            f"{name:30} retyped {touched:2}  outline changed {changed:2}  lossless failed {lost}"
            f"  other {other}  {names[:4]}"
        )


if __name__ == "__main__":
    _probe()
