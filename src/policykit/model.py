"""The frozen records that flow between pipeline stages: ingest → normalise → structure → analyse."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, get_args, overload

ClauseKind = Literal[
    "part",
    "chapter",
    "section",
    "article",
    "item",
    "task",
    "paragraph",
    "preamble",
    "list",
    "box",
    "toc",
    "table",
    "appendix",
    "glossary",
]
"""What a clause is: a numbered level (part … item), a task, running text, a container (list, box, toc, table),
or an annex part (appendix: 附件1, glossary: 名词解释)."""
CLAUSE_KINDS: tuple[ClauseKind, ...] = get_args(ClauseKind)

TargetKind = Literal["target", "achieved", "figure"]
"""A goal to reach, a result already achieved (a review of the past year), or another figure in the text."""
TARGET_KINDS: tuple[TargetKind, ...] = get_args(TargetKind)


@overload
def plain_number(x: float) -> float: ...
@overload
def plain_number(x: None) -> None: ...
def plain_number(x: float | None) -> float | None:
    """Return a whole float as an int, so JSON, YAML and tables show 12 rather than 12.0.

    >>> plain_number(12.0), plain_number(6.5), plain_number(None)
    (12, 6.5, None)
    """
    return int(x) if x is not None and float(x).is_integer() else x


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One physical line of the input, numbered from 1, with its PDF page where there is one."""

    text: str
    line: int
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """What ingest hands on: the document's raw lines and how they were decoded."""

    path: str
    name: str
    lines: tuple[SourceLine, ...]
    encoding: str
    pages: int | None = None
    metadata: Metadata | None = None  # what the file format states about the document (HTML meta block)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One logical paragraph after normalisation, with the source line of each joined piece.

    `pieces` holds (offset in `text`, source line, page) for every source line that was
    joined into this paragraph, so any character can be traced back to its line.
    """

    text: str
    pieces: tuple[tuple[int, int, int | None], ...]
    furniture: str | None = None  # page furniture normalise found (page_number, running_head): no clause

    @property
    def line(self) -> int:
        return self.pieces[0][1]

    @property
    def page(self) -> int | None:
        return self.pieces[0][2]


@dataclass(frozen=True, slots=True)
class Segmented:
    """One paragraph cut into words (with their part-of-speech tags when asked), and the line it starts on."""

    document: str
    line: int
    page: int | None
    words: tuple[str, ...]
    tags: tuple[str, ...] | None = None

    def to_dict(self) -> dict:
        """The paragraph as a JSON-ready record; `tags` only when they were asked for."""
        record: dict = {
            "document": self.document,
            "line": self.line,
            "page": self.page,
            "words": list(self.words),
        }
        if self.tags is not None:
            record["tags"] = list(self.tags)
        return record


@dataclass(frozen=True, slots=True)
class Target:
    """A numeric target read from a clause, with the evidence it came from."""

    indicator: str
    value: float
    unit: str
    comparator: str | None
    year: int | None
    kind: TargetKind
    text: str
    quantity: str
    clause: str
    line: int
    page: int | None
    document: str
    direction: str | None = None
    upper: float | None = None  # the top of a range (6%-6.5%), in the same unit as `value`
    since: int | None = None  # a figure over several years (五年来…下降8.1%): the first year; `year` the last

    def to_dict(self) -> dict:
        """The target as a JSON-ready record, whole numbers as ints."""
        return {
            "indicator": self.indicator,
            "value": plain_number(self.value),
            "upper": plain_number(self.upper),
            "since": self.since,
            "unit": self.unit,
            "comparator": self.comparator,
            "year": self.year,
            "kind": self.kind,
            "direction": self.direction,
            "quantity": self.quantity,
            "text": self.text,
            "clause": self.clause,
            "line": self.line,
            "page": self.page,
            "document": self.document,
        }


@dataclass(frozen=True, slots=True)
class Clause:
    """A node of the clause tree; `text` is its own text (number, heading, body), not its children's."""

    id: str
    kind: ClauseKind
    number: str
    heading: str
    text: str
    start: int
    line: int
    page: int | None = None
    children: tuple[Clause, ...] = ()
    targets: tuple[Target, ...] = ()

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def label(self) -> str:
        """The clause as a reader would name it in a heading trail: number and heading."""
        if self.heading:
            return f"{self.number}{self.heading}" if self.number else self.heading
        return self.number or self.text[:20].strip()

    def to_dict(self, *, evidence: bool = False, children: bool = True) -> dict:
        """The clause as a JSON-ready record: the tree's node with its targets and children nested, or
        with `evidence` the short reference a diff cites (id, number, heading, line, page, trimmed text).
        Without `children` the record stops before its "children" key, for a writer that streams them.
        """
        if evidence:
            ref: dict = {"id": self.id, "number": self.number, "heading": self.heading, "line": self.line}
            if self.page is not None:
                ref["page"] = self.page
            ref["text"] = self.text.strip()
            return ref
        record: dict = {
            "id": self.id,
            "kind": self.kind,
            "number": self.number,
            "heading": self.heading,
            "text": self.text,
            "line": self.line,
        }
        if self.page is not None:
            record["page"] = self.page
        if self.targets:
            record["targets"] = [target.to_dict() for target in self.targets]
        if children:
            record["children"] = [child.to_dict() for child in self.children]
        return record

    def walk(self) -> Iterator[Clause]:
        """Yield this clause and its descendants in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the document says about itself, where it says it; the 公文 parts (GB/T 9704) among them."""

    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    date: str | None = None  # 成文日期 where the document has one, as YYYY-MM-DD
    period: str | None = None
    year: int | None = None
    issuer_mark: str | None = None  # 发文机关标志: the banner, XX人民政府文件
    signer: str | None = None  # 签发人
    recipients: str | None = None  # 主送机关
    attachments: tuple[str, ...] = ()  # 附件说明, one entry per listed attachment
    signature: tuple[str, ...] = ()  # 发文机关署名, one entry per line
    note: str | None = None  # 附注: （此件公开发布）
    copy_to: str | None = None  # 抄送
    distribute_to: str | None = None  # 分送
    printed_by: str | None = None  # 印发机关
    printed_date: str | None = None  # 印发日期, as YYYY-MM-DD
    copies: int | None = None  # 共印N份
    urgency: str | None = None  # 紧急程度
    secrecy: str | None = None  # 密级
    copy_number: str | None = None  # 份号


@dataclass(frozen=True, slots=True)
class Furniture:
    """A paragraph that is a 公文 part (版头, 主送, 落款, 版记): kept out of clauses, read into metadata."""

    field: str
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed document: normalised text, its clause tree and a map from text offsets to source lines."""

    path: str
    name: str
    text: str
    clauses: tuple[Clause, ...]
    metadata: Metadata = field(default_factory=Metadata)
    encoding: str = "utf-8"
    line_map: tuple[tuple[int, int, int | None], ...] = ()
    furniture: tuple[Furniture, ...] = ()  # the text that went to metadata, so clauses + furniture = text
    _line_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Derived once so that locate() is a binary search, not a rebuild per call.
        object.__setattr__(self, "_line_starts", tuple(start for start, _, _ in self.line_map))

    def walk(self) -> Iterator[Clause]:
        """Yield every clause in document order."""
        for clause in self.clauses:
            yield from clause.walk()

    def walk_with_ancestors(self) -> Iterator[tuple[Clause, tuple[Clause, ...]]]:
        """Yield every clause with the chain of clauses above it, outermost first."""

        def visit(
            clause: Clause, ancestors: tuple[Clause, ...]
        ) -> Iterator[tuple[Clause, tuple[Clause, ...]]]:
            yield clause, ancestors
            for child in clause.children:
                yield from visit(child, (*ancestors, clause))

        for clause in self.clauses:
            yield from visit(clause, ())

    def locate(self, offset: int) -> tuple[int, int | None]:
        """Return the (source line, page) of a character offset in `text`."""
        if not self.line_map:
            return 1, None
        index = bisect_right(self._line_starts, offset) - 1
        _, line, page = self.line_map[max(index, 0)]
        return line, page

    def find(self, clause_id: str) -> Clause | None:
        """Return the clause with this id, or None."""
        return next((c for c in self.walk() if c.id == clause_id), None)
