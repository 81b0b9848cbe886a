"""Structure: normalised paragraphs → a clause tree with stable ids and source lines.

Every paragraph either is a 公文 part (版头, 主送, 落款, 版记: read into metadata and kept as the
document's furniture), opens a clause, or is absorbed into the clause opened just before it. So a
clause's own text runs from its start to the next clause's or part's start: clauses and furniture
in document order give back the normalised document, nothing lost, nothing twice.
"""

from __future__ import annotations

import heapq
import itertools

from policykit.gongwen import find_parts
from policykit.metadata import extract_metadata
from policykit.model import Document, Furniture, Paragraph
from policykit.normalise import document_text
from policykit.structure.blocks import find_bare_lists, find_table_of_contents, find_tables
from policykit.structure.builder import _Builder
from policykit.structure.ids import _assign_ids, _freeze
from policykit.structure.nodes import _preorder

_SIGNATURE_FIELDS = frozenset({"signature", "date"})
"""The 公文 parts of the 落款: an appendix heading after them opens an annex even where no heading came before."""


def build_document(
    paragraphs: tuple[Paragraph, ...] | list[Paragraph],
    *,
    path: str = "-",
    name: str = "stdin",
    encoding: str = "utf-8",
) -> Document:
    """Build the clause tree of a normalised document; a list given is emptied, freeing it before clause texts are cut."""
    given, paragraphs = paragraphs, tuple(paragraphs)
    text = document_text(paragraphs)
    line_map: list[tuple[int, int, int | None]] = []
    offset = 0
    for p in paragraphs:
        line_map.extend((offset + piece_offset, line, page) for piece_offset, line, page in p.pieces)
        offset += len(p.text) + 1
    document = Document(
        path=path, name=name, text=text, clauses=(), encoding=encoding, line_map=tuple(line_map)
    )
    starts = list(itertools.accumulate((len(p.text) + 1 for p in paragraphs[:-1]), initial=0))
    table_rows = frozenset(
        k for first, count in find_tables(paragraphs).items() for k in range(first, first + count)
    )
    body = [k for k, p in enumerate(paragraphs) if not p.furniture]
    toc_lines = frozenset(body[k] for k in find_table_of_contents(tuple(paragraphs[k] for k in body)))
    parts = find_parts(paragraphs, skip=table_rows | toc_lines)
    at_parts = {part.index for part in parts}
    taken = sorted(at_parts)
    kept = [k for k in range(len(paragraphs)) if k not in at_parts]
    in_toc = [n for n, k in enumerate(kept) if k in toc_lines]
    toc = range(in_toc[0], in_toc[-1] + 1) if in_toc else range(0)
    # A notice of prose alone (no numbered heading) still annexes what follows its 落款 (附件1 …).
    signed_at = min((p.index for p in parts if p.field in _SIGNATURE_FIELDS), default=len(paragraphs))
    signed = next((n for n, k in enumerate(kept) if k > signed_at), len(kept))
    root = _Builder(tuple(paragraphs[k] for k in kept), text, [starts[k] for k in kept], toc, signed).build()
    # Each node's own text, and each 公文 part's, runs to the start of whichever comes next, so the
    # clauses and the furniture together hold every character once.
    ordered = list(_preorder(root))
    events = list(
        heapq.merge(((starts[k], k) for k in taken), ((n.start, n) for n in ordered), key=lambda e: e[0])
    )
    ends: dict[int, int] = {}
    spans: dict[int, int] = {}
    for (_start, item), following in itertools.pairwise([*events, (len(text), None)]):
        if isinstance(item, int):
            spans[item] = following[0]
        else:
            ends[id(item)] = following[0]
    metadata = extract_metadata(paragraphs, text, parts, not_title=toc_lines | table_rows)
    if isinstance(given, list):
        given.clear()
    del paragraphs, ordered, events
    clauses = tuple(_freeze(child, cid, ends, text, document.locate) for child, cid in _assign_ids(root, ""))
    by_index = {part.index: part.field for part in reversed(parts)}
    furniture = tuple(Furniture(by_index[k], starts[k], text[starts[k] : spans[k]]) for k in taken)
    return Document(
        path=path,
        name=name,
        text=text,
        clauses=clauses,
        metadata=metadata,
        encoding=encoding,
        line_map=tuple(line_map),
        furniture=furniture,
    )


__all__ = ["build_document", "extract_metadata", "find_bare_lists", "find_table_of_contents"]
