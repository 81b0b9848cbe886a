"""Build and update: a registry created from its sources, or refreshed with people's uids, tags and notes kept.

An update runs under an exclusive lock on the registry's folder and re-reads the registry under it,
so concurrent updates queue instead of overwriting each other's documents.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from policykit.errors import RegistryError, UsageError
from policykit.model import Document, Target, plain_number
from policykit.registry.marked import load_marked, plain
from policykit.registry.paths import (
    canonical_source,
    expand_sources,
    file_sha256,
    find_root,
    is_file,
    source_path,
)
from policykit.registry.results import UpdateSummary
from policykit.registry.schema import SCHEMA_VERSION, check_schema
from policykit.registry.writer import write_registry
from policykit.zh.chars import squash


def read_registry(path: Path) -> dict:
    """Load an existing registry for updating; it must at least parse and follow the schema."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise RegistryError(
            f"{file} is not UTF-8 text (byte {error.start} cannot be decoded): save it as UTF-8 and try again"
        ) from None
    except OSError as error:
        raise RegistryError(f"cannot read {file}: {error.strerror or error}") from None
    data, problems = load_marked(text, file)
    if data is not None:
        problems += check_schema(data, file, text=text, cache=True)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise RegistryError(
            f"{first.file}:{first.line}:{first.column}: {first.message}{more}; "
            "fix it before updating (`policykit validate` lists every problem)"
        )
    return plain(data)


def new_uid(doc_id: str, clause_id: str, text: str, taken: set[str]) -> str:
    """A short content-derived uid, unique among `taken`; it is stored, so later changes do not alter it."""
    digest = hashlib.sha256(f"{doc_id}\0{clause_id}\0{text}".encode()).hexdigest()
    uid = f"c-{digest[:10]}"
    suffix = 1
    while uid in taken:
        suffix += 1
        uid = f"c-{digest[:10]}-{suffix}"
    taken.add(uid)
    return uid


def _target_entry(target: Target) -> dict:
    record = target.to_dict()
    return {key: record[key] for key in ("indicator", "value", "unit", "comparator", "year", "quantity")}


def clause_entries(document: Document, doc_id: str) -> list[dict]:
    """Registry entries (without uid) for every clause of a parsed document that has text of its own."""
    from policykit.targets import extract_targets

    by_clause: dict[str, list[Target]] = {}
    for target in extract_targets(document):
        by_clause.setdefault(target.clause, []).append(target)
    entries = []
    for clause in document.walk():
        text = clause.text.strip()
        if not text:
            continue
        entry: dict = {"uid": None, "document": doc_id, "clause": clause.id}
        if clause.heading:
            entry["heading"] = clause.heading
        entry["text"] = text
        entry["tags"] = []
        targets = by_clause.get(clause.id)
        if targets:
            entry["targets"] = [_target_entry(t) for t in targets]
        entries.append(entry)
    return entries


def carry_uids(old: list[dict], new: list[dict], new_document: Document | None = None) -> dict[int, int]:
    """Pair each new clause with the old entry whose uid it carries: new clause index → old entry index.

    Pairs are found by same text, then the document diff's alignment, then similar text.

    A registry keeps the old clause texts but not the old source, so the old edition is rebuilt by
    parsing its texts joined in order; `policykit diff`'s aligner then pairs renumbered, moved, edited,
    split and merged clauses. What it leaves (or all, without `new_document`) is paired by difflib
    similarity ≥ 0.6, the same clause id breaking ties.
    """
    pairs: dict[int, int] = {}
    used: set[int] = set()

    def link(index: int, candidate: int) -> None:
        if index not in pairs and candidate not in used:
            pairs[index] = candidate
            used.add(candidate)

    by_text: dict[str, list[int]] = {}
    for index, entry in enumerate(old):
        by_text.setdefault(squash(str(entry.get("text", ""))), []).append(index)
    for index, entry in enumerate(new):
        queue = by_text.get(squash(entry["text"]))
        if queue:
            link(index, queue.pop(0))
    if new_document is not None and len(pairs) < min(len(old), len(new)):
        for index, candidate in _diff_pairs(old, new, new_document):
            link(index, candidate)
    scored = []
    for index, entry in enumerate(new):
        if index in pairs:
            continue
        for candidate, old_entry in enumerate(old):
            if candidate in used:
                continue
            matcher = difflib.SequenceMatcher(None, str(old_entry.get("text", "")), entry["text"])
            if matcher.real_quick_ratio() >= 0.6 and matcher.quick_ratio() >= 0.6:
                ratio = matcher.ratio()
                if ratio >= 0.6:
                    same_id = old_entry.get("clause") == entry["clause"]
                    scored.append((-ratio - 0.05 * same_id, index, candidate))
    for _, index, candidate in sorted(scored):
        link(index, candidate)
    return pairs


def _diff_pairs(old: list[dict], new: list[dict], new_document: Document) -> list[tuple[int, int]]:
    """(new index, old index) pairs from the document diff between the rebuilt old edition and the new one."""
    from policykit.diff import align as align_documents
    from policykit.pipeline import parse_text

    rebuilt = parse_text("\n".join(str(entry.get("text", "")) for entry in old) + "\n", name="registry")
    old_of: dict[int, int] = {}  # id() of a rebuilt clause → old entry index, matched by text in order
    queues: dict[str, list[int]] = {}
    for index, entry in enumerate(old):
        queues.setdefault(squash(str(entry.get("text", ""))), []).append(index)
    for clause in rebuilt.walk():
        queue = queues.get(squash(clause.text))
        if queue:
            old_of[id(clause)] = queue.pop(0)
    new_of = {entry["clause"]: index for index, entry in enumerate(new)}
    changes, _ = align_documents(rebuilt, new_document)
    found = []
    for change in changes:
        if not change.old or not change.new:
            continue
        # a split clause lives on in its first part; merged clauses in the one they became
        candidate = old_of.get(id(change.old[0]))
        paired = new_of.get(change.new[0].id)
        if candidate is not None and paired is not None:
            found.append((paired, candidate))
    return found


def _shown(value: object) -> str:
    return str(plain_number(value)) if isinstance(value, float) else str(value)


def _keep_indicators(fresh: list[dict], old: list[dict], uid: str, warnings: list[str]) -> None:
    """Give fresh targets the indicator names people set on the old ones, warning when a value changed.

    A target with the same value and unit keeps its old name silently; one whose value changed keeps the
    name of the old target with the same unit (in order), and the change is reported so someone checks it.
    """
    left = [t for t in old if isinstance(t, dict)]
    changed = []
    for target in fresh:
        same = next(
            (t for t in left if t.get("value") == target["value"] and t.get("unit") == target["unit"]), None
        )
        if same is None:
            changed.append(target)
            continue
        left.remove(same)
        if same.get("indicator"):
            target["indicator"] = same["indicator"]
    for target in changed:
        before = next((t for t in left if t.get("unit") == target["unit"]), None)
        if before is None:
            continue
        left.remove(before)
        name = before.get("indicator")
        if name and name != target["indicator"]:
            warnings.append(
                f"{uid}: kept the indicator name '{name}' (extract now says '{target['indicator']}') although "
                f"its value changed from {_shown(before.get('value'))} to {_shown(target['value'])} "
                f"{target['unit']}; check that the name still fits"
            )
            target["indicator"] = name


def _merge(new: dict, old: dict, warnings: list[str]) -> dict:
    """A fresh entry that keeps the old uid, tags, notes and curated indicator names."""
    merged = dict(new)
    merged["uid"] = old["uid"]
    merged["tags"] = list(old.get("tags") or [])
    if old.get("notes"):
        merged["notes"] = old["notes"]
    _keep_indicators(merged.get("targets", []), list(old.get("targets") or ()), merged["uid"], warnings)
    ordered = {
        key: merged[key]
        for key in ("uid", "document", "clause", "heading", "text", "tags", "notes", "targets")
        if key in merged
    }
    return ordered


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on the registry's folder, so concurrent updates run one after another."""
    try:
        import fcntl
    except ImportError:  # not POSIX: updates are not serialised
        yield
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError as error:
        raise RegistryError(
            f"cannot open the registry's folder {folder}: {error.strerror or error}"
        ) from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def update_registry(
    path: str | Path, sources: Iterable[str | Path] = (), *, create: bool = False
) -> UpdateSummary:
    """Create (create=True) or refresh a registry from its sources, keeping people's uids, tags and notes.

    Without `sources`, every document already in the registry is refreshed; with them, those files are
    added or refreshed. Clauses of a changed source get their old uid when they align with an old clause.
    """
    registry = Path(path)
    folder = registry.parent
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise RegistryError(f"cannot create the folder {folder}: {error.strerror or error}") from None
    elif not registry.is_file():
        raise UsageError(f"no registry at {registry}: create one with `policykit registry build data/raw`")
    if not os.access(folder, os.W_OK):
        raise RegistryError(f"cannot write to {folder}: permission denied; the registry could not be saved")
    with _locked(folder):
        return _update(registry, sources, create)


def _sources_to_read(
    registry: Path, root: Path, documents: list[dict], sources: Iterable[str | Path], create: bool
) -> list[str]:
    """The canonical source paths to (re)read: the files given, else every document's source; no repeats."""
    given = expand_sources(sources)
    if given:
        wanted = [canonical_source(root, file) for file in given]
    elif create:
        wanted = []
    else:
        wanted = [known["source"] for known in documents]
    if not wanted:
        raise UsageError("no source documents given: name .txt/.pdf files or a folder such as data/raw")
    for source in wanted:
        if not is_file(root / source):
            raise UsageError(
                f"source file {source} not found: fix the path in {registry} or remove the document"
            )
    return list(dict.fromkeys(wanted))


def _update(registry: Path, sources: Iterable[str | Path], create: bool) -> UpdateSummary:
    """update_registry's work, done under the lock with the registry read afresh."""
    from policykit.pipeline import load_document

    exists = registry.is_file()
    if create and exists:
        raise UsageError(f"{registry} exists: use `policykit registry update` to refresh it")
    data: dict = (
        read_registry(registry) if exists else {"version": SCHEMA_VERSION, "documents": [], "clauses": []}
    )
    root = find_root(registry)
    documents: list[dict] = data["documents"]
    clauses: list[dict] = data["clauses"]
    by_source: dict[str, dict] = {}
    for known in documents:  # one spelling per file: ./data/raw/x.txt and symlinks become data/raw/x.txt
        known["source"] = source_path(root, known["source"]).relative_to(root).as_posix()
        by_source.setdefault(known["source"], known)
    taken = {c["uid"] for c in clauses}
    kept = carried = added = 0
    removed: list[str] = []
    annotated: list[str] = []
    refreshed: list[str] = []
    warnings: list[str] = []
    for source in _sources_to_read(registry, root, documents, sources, create):
        file = root / source
        document = load_document(file)
        entry = by_source.get(source)
        if entry is None:
            doc_id = document.name
            if any(d["id"] == doc_id for d in documents):
                raise UsageError(f"document id '{doc_id}' is taken by another source; rename {source}")
            entry = {
                "id": doc_id,
                "title": None,
                "source": source,
                "sha256": "",
                "issuer": None,
                "date": None,
                "period": None,
            }
            documents.append(entry)
            by_source[source] = entry
        doc_id = entry["id"]
        metadata = document.metadata
        for key in ("title", "issuer", "date", "period"):
            if entry.get(key) is None and getattr(metadata, key) is not None:
                entry[key] = getattr(metadata, key)
        entry["sha256"] = file_sha256(file)
        old = [c for c in clauses if c.get("document") == doc_id]
        fresh = clause_entries(document, doc_id)
        pairs = carry_uids(old, fresh, document)
        merged = []
        for index, new in enumerate(fresh):
            if index in pairs:
                previous = old[pairs[index]]
                if (
                    squash(previous.get("text", "")) == squash(new["text"])
                    and previous.get("clause") == new["clause"]
                ):
                    kept += 1
                else:
                    carried += 1
                merged.append(_merge(new, previous, warnings))
            else:
                new["uid"] = new_uid(doc_id, new["clause"], new["text"], taken)
                added += 1
                merged.append(_merge(new, {"uid": new["uid"]}, warnings))
        matched = set(pairs.values())
        gone = [entry for i, entry in enumerate(old) if i not in matched]
        removed.extend(entry["uid"] for entry in gone)
        annotated.extend(entry["uid"] for entry in gone if entry.get("tags") or entry.get("notes"))
        clauses = [c for c in clauses if c.get("document") != doc_id] + merged
        refreshed.append(doc_id)
    order = {d["id"]: i for i, d in enumerate(documents)}
    clauses.sort(key=lambda c: order.get(c.get("document"), len(order)))  # stable: document order within each
    write_registry(registry, {"version": SCHEMA_VERSION, "documents": documents, "clauses": clauses})
    return UpdateSummary(
        str(registry),
        create,
        tuple(refreshed),
        kept,
        carried,
        added,
        tuple(removed),
        tuple(annotated),
        tuple(warnings),
    )
