"""Validate: a registry's YAML, its schema, and that it is still true to its sources.

Every problem is reported with file:line:column from the YAML node marks. The document check
resolves each source inside the repository and compares its hash; the clause check compares each
clause's text and targets with what the current parse and extract read from that source.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from policykit.errors import PolicykitError, UsageError
from policykit.model import plain_number
from policykit.registry.cache import SourceFacts, SourceTarget, load_facts, prefetch_facts
from policykit.registry.marked import MarkedDict, load_marked
from policykit.registry.paths import file_sha256, find_root, is_file, source_path
from policykit.registry.results import Problem, Report
from policykit.registry.schema import check_schema
from policykit.zh.chars import squash

YEAR_RANGE = (1949, 2100)
"""Years a policy target can plausibly be due in: from the PRC's founding to the end of the century."""

Add = Callable[..., None]


def validate(path: str | Path, *, text: str | None = None, cache: bool = True) -> Report:
    """Check a registry file: YAML syntax, the schema, and that it is still true to its sources.

    Parsed sources are cached by their sha256 and the code's fingerprint (`cache=False` re-parses).
    """
    file = str(path)
    if text is None:
        registry = Path(path)
        if not registry.is_file():
            raise UsageError(
                f"no registry file at {file}: give its path, or create one with `policykit registry build data/raw`"
            )
        try:
            text = registry.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            return Report(file, (Problem(file, 1, 1, "encoding", "the registry is not UTF-8 text"),))
    data, problems = load_marked(text, file)
    if data is None:
        return Report(file, tuple(problems))
    problems += check_schema(data, file, text=text, cache=cache)
    semantic, counts = check_sources(data, file, find_root(Path(path)), cache=cache)
    problems += semantic
    problems.sort(key=lambda p: (p.line, p.column))
    return Report(file, tuple(problems), *counts)


def known_units() -> frozenset[str]:
    """Every unit extract can report: the unit table's aliases and bases, with and without a rate (/年)."""
    from policykit.zh.units import unit_table

    table = unit_table()
    names = {unit.alias for unit in table.units.values()} | {unit.base for unit in table.units.values()}
    rates = {f"{name}/{per}" for name in names for per in table.per}
    return frozenset(names | rates)


def _entries(data: object, key: str) -> Iterator[tuple[int, MarkedDict]]:
    """The mapping entries of a top-level list, skipping what the schema check already reported."""
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return
    for index, item in enumerate(items):
        if isinstance(item, MarkedDict):
            yield index, item


def _text(entry: dict, key: str) -> str | None:
    value = entry.get(key)
    return value if isinstance(value, str) else None


def _adder(file: str, problems: list[Problem]) -> Add:
    def add(entry: MarkedDict, key: str, code: str, message: str, uid: str | None = None) -> None:
        line, column = entry.mark_of(key)
        problems.append(Problem(file, line, column, code, message, uid=uid))

    return add


def check_sources(
    data: object, file: str, root: Path, *, cache: bool = True
) -> tuple[list[Problem], tuple[int, int, int]]:
    """The checks a schema cannot express, for documents and then clauses; returns problems and counts."""
    problems, sources, documents = check_documents(data, file, root)
    more, clauses, targets = check_clauses(data, file, sources, cache=cache)
    return problems + more, (documents, clauses, targets)


def check_documents(
    data: object, file: str, root: Path
) -> tuple[list[Problem], dict[str, SourceFacts | None], int]:
    """Document ids unique, periods plausible, sources inside the repository, present and unchanged.

    Returns the problems, each document id's source (None when it cannot be checked) and the count.
    """
    problems: list[Problem] = []
    add = _adder(file, problems)
    sources: dict[str, SourceFacts | None] = {}
    files: dict[Path, str] = {}
    documents = 0
    for _, entry in _entries(data, "documents"):
        documents += 1
        doc_id, source = _text(entry, "id"), _text(entry, "source")
        if doc_id is None:
            continue
        if doc_id in sources:
            add(entry, "id", "duplicate-document", f"document id '{doc_id}' is used twice")
            continue
        sources[doc_id] = None
        period = _text(entry, "period")
        if period and re.fullmatch(r"\d{4}-\d{4}", period):
            start, end = map(int, period.split("-"))
            if start > end or not (YEAR_RANGE[0] <= start and end <= YEAR_RANGE[1]):
                add(entry, "period", "year-implausible", f"period {period} is not a plausible span of years")
        if source is None or not source.strip():
            continue
        try:
            resolved = source_path(root, source)
        except PolicykitError as error:
            add(entry, "source", "source-outside", str(error))
            continue
        if not is_file(resolved):
            add(
                entry,
                "source",
                "source-missing",
                f"source file {source} not found (paths are relative to {root}); "
                "fix the path or remove the document and its clauses",
            )
            continue
        if resolved in files:
            add(
                entry,
                "source",
                "duplicate-source",
                f"source {source} is the same file as document '{files[resolved]}''s; remove one of them",
            )
            continue
        files[resolved] = doc_id
        try:
            actual = file_sha256(resolved)
        except OSError as error:
            add(entry, "source", "source-unreadable", f"source {source} cannot be read: {error.strerror}")
            continue
        sources[doc_id] = SourceFacts(resolved, actual)
        recorded = _text(entry, "sha256")
        if recorded and re.fullmatch(r"[0-9a-f]{64}", recorded) and recorded != actual:
            add(
                entry,
                "sha256",
                "source-changed",
                f"source {source} changed since the registry was updated (sha256 {actual[:12]}…, "
                f"recorded {recorded[:12]}…); run `policykit registry update`",
            )
    return problems, sources, documents


def check_clauses(
    data: object, file: str, sources: dict[str, SourceFacts | None], *, cache: bool = True
) -> tuple[list[Problem], int, int]:
    """Uids and places unique, documents known, each text its clause's own and each target one extract reads.

    Returns the problems and the counts of clauses and targets.
    """
    problems: list[Problem] = []
    add = _adder(file, problems)
    referenced = {_text(entry, "document") for _, entry in _entries(data, "clauses")}
    prefetch_facts([check for doc_id, check in sources.items() if check and doc_id in referenced], cache)
    units = known_units()
    uids: dict[str, int] = {}
    places: dict[tuple[str, str], int] = {}
    clauses = targets = 0
    for _, entry in _entries(data, "clauses"):
        clauses += 1
        uid = _text(entry, "uid")
        if uid is not None:
            if uid in uids:
                add(entry, "uid", "duplicate-uid", f"uid '{uid}' is already used on line {uids[uid]}", uid)
            else:
                uids[uid] = entry.mark_of("uid")[0]
        doc_id, clause_id = _text(entry, "document"), _text(entry, "clause")
        if doc_id is not None and doc_id not in sources:
            known = ", ".join(sorted(sources)) or "none"
            add(
                entry,
                "document",
                "unknown-document",
                f"unknown document '{doc_id}' (documents: {known})",
                uid,
            )
            doc_id = None
        if doc_id is not None and clause_id is not None:
            place = (doc_id, clause_id)
            if place in places:
                add(
                    entry,
                    "clause",
                    "duplicate-clause",
                    f"clause {clause_id} of {doc_id} already has an entry on line {places[place]}",
                    uid,
                )
            else:
                places[place] = entry.mark_of("clause")[0]
        target_entries = (
            [t for t in entry.get("targets", ()) or () if isinstance(t, MarkedDict)]
            if isinstance(entry.get("targets"), list)
            else []
        )
        targets += len(target_entries)
        for target in target_entries:
            problems.extend(_check_target_fields(target, file, units, uid))
        check = sources.get(doc_id) if doc_id is not None else None
        if doc_id is None or check is None:
            continue
        load_facts(check, cache)
        if check.error:
            add(
                entry,
                "document",
                "source-unreadable",
                f"source of '{doc_id}' cannot be parsed: {check.error}",
                uid,
            )
            sources[doc_id] = None
            continue
        clause_id = _check_text(entry, check, add, uid)
        if clause_id is not None and target_entries:
            _check_targets(target_entries, clause_id, check, file, problems, uid)
    return problems, clauses, targets


def _check_text(entry: MarkedDict, check: SourceFacts, add: Add, uid: str | None) -> str | None:
    """The entry's text must be its clause's own text; return that clause's id when it is."""
    text, clause_id = _text(entry, "text"), _text(entry, "clause")
    if text is None or clause_id is None:
        return None
    wanted = squash(text)
    own = check.clauses.get(clause_id)
    if own == wanted:
        return clause_id
    source = check.path.name
    if wanted not in check.squashed:
        add(
            entry,
            "text",
            "text-not-in-source",
            f"clause text not found in the source {source}: the source or the text changed; "
            "run `policykit registry update` or restore the text",
            uid,
        )
        return None
    elsewhere = next((other for other, squashed in check.clauses.items() if squashed == wanted), None)
    if own is None:
        where = f"; it is clause {elsewhere} now" if elsewhere else ""
        add(
            entry,
            "clause",
            "clause-missing",
            f"the current parse of {source} has no clause {clause_id}{where}; run `policykit registry update`",
            uid,
        )
    else:
        where = f"it is clause {elsewhere}'s text now" if elsewhere else "it is part of another clause now"
        add(
            entry,
            "text",
            "text-moved",
            f"text is not clause {clause_id}'s own text in the current parse ({where}); "
            "run `policykit registry update`",
            uid,
        )
    return None


def _check_target_fields(
    target: MarkedDict, file: str, units: frozenset[str], uid: str | None
) -> Iterator[Problem]:
    year = target.get("year")
    if isinstance(year, int) and not isinstance(year, bool) and not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        line, column = target.mark_of("year")
        yield Problem(
            file,
            line,
            column,
            "year-implausible",
            f"year {year} is not plausible for a policy target (expected {YEAR_RANGE[0]}–{YEAR_RANGE[1]})",
            uid=uid,
        )
    unit = target.get("unit")
    if isinstance(unit, str) and unit not in units:
        close = difflib.get_close_matches(unit, sorted(units), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        line, column = target.mark_of("unit")
        yield Problem(
            file,
            line,
            column,
            "unit-unknown",
            f"unit '{unit}' is not one extract knows (they are listed in policykit/data/units.yaml){hint}",
            uid=uid,
        )


_COMPARATORS = frozenset({">=", ">", "<=", "<", "~", "=", None})


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def _shown(target: SourceTarget) -> str:
    return f"{plain_number(target.value)} {target.unit} ('{target.quantity}')"


def _check_targets(
    target_entries: Iterable[MarkedDict],
    clause_id: str,
    check: SourceFacts,
    file: str,
    problems: list[Problem],
    uid: str | None,
) -> None:
    """Each registry target must be one extract reads from the clause: same value and unit, year, comparator."""
    found = check.targets.get(clause_id, [])
    for target in target_entries:
        value, unit = target.get("value"), target.get("unit")
        if not isinstance(value, int | float) or isinstance(value, bool) or not isinstance(unit, str):
            continue

        def add(key: str, code: str, message: str, target: MarkedDict = target) -> None:
            line, column = target.mark_of(key)
            problems.append(Problem(file, line, column, code, message, uid=uid))

        shown = f"{plain_number(value)} {unit}"
        matches = [t for t in found if t.unit == unit and _same_value(t.value, value)]
        if not matches:
            other_unit = [t for t in found if _same_value(t.value, value)]
            reads = "; ".join(_shown(t) for t in (other_unit or found)[:4]) or "no target"
            add(
                "unit" if other_unit else "value",
                "target-mismatch",
                f"target {shown} disagrees with the text: extract reads {reads} in clause {clause_id}",
            )
            continue
        year, comparator = target.get("year"), target.get("comparator")
        if not any(t.year == year for t in matches):
            add(
                "year" if "year" in target else "value",
                "target-mismatch",
                f"target year {year} disagrees with the text: extract reads "
                f"{', '.join(str(t.year) for t in matches)} for {_shown(matches[0])}",
            )
        elif comparator in _COMPARATORS and not any(
            t.comparator == comparator and t.year == year for t in matches
        ):
            add(
                "comparator" if "comparator" in target else "value",
                "target-mismatch",
                f"target comparator {comparator or 'null'} disagrees with the text: extract reads "
                f"{', '.join(t.comparator or 'null' for t in matches)} for {_shown(matches[0])}",
            )
        quantity = target.get("quantity")
        read_quantities = {squash(t.quantity) for t in matches}
        if isinstance(quantity, str) and squash(quantity) not in read_quantities:
            add(
                "quantity",
                "target-mismatch",
                f"quantity '{quantity}' is not what extract reads for this target "
                f"({', '.join(sorted(read_quantities))}) in clause {clause_id}",
            )
