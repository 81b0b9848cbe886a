"""The clause registry: a curated YAML record of documents, clauses and targets, checked against its sources.

`validate` reports every problem with file:line:column taken from the YAML node marks; `update_registry`
creates or refreshes a registry from the sources and keeps the uids, tags and notes people added.

The package reads top to bottom: `marked` (YAML with marks), `schema` (the JSON Schema check),
`paths` (sources inside the repository), `cache` (parsed-source facts), `validate`, `update` and
`writer` (the YAML people edit).
"""

from __future__ import annotations

from policykit.config import DEFAULT_REGISTRY
from policykit.config import DOCUMENT_SUFFIXES as SOURCE_SUFFIXES
from policykit.registry.cache import PARALLEL_MIN_SOURCES, cache_dir, code_fingerprint
from policykit.registry.marked import (
    ALIAS_NODES_MAX,
    ALIAS_TOTAL_MAX,
    MarkedDict,
    MarkedList,
    load_marked,
    plain,
)
from policykit.registry.paths import expand_sources, file_sha256, find_root, source_path
from policykit.registry.results import Problem, Report, UpdateSummary
from policykit.registry.schema import SCHEMA_VERSION, check_schema, schema, schema_text
from policykit.registry.update import carry_uids, clause_entries, new_uid, read_registry, update_registry
from policykit.registry.validate import (
    YEAR_RANGE,
    check_clauses,
    check_documents,
    check_sources,
    known_units,
    validate,
)
from policykit.registry.writer import HEADER, dump_registry, write_registry

__all__ = [
    "ALIAS_NODES_MAX",
    "ALIAS_TOTAL_MAX",
    "DEFAULT_REGISTRY",
    "HEADER",
    "PARALLEL_MIN_SOURCES",
    "SCHEMA_VERSION",
    "SOURCE_SUFFIXES",
    "YEAR_RANGE",
    "MarkedDict",
    "MarkedList",
    "Problem",
    "Report",
    "UpdateSummary",
    "cache_dir",
    "carry_uids",
    "check_clauses",
    "check_documents",
    "check_schema",
    "check_sources",
    "clause_entries",
    "code_fingerprint",
    "dump_registry",
    "expand_sources",
    "file_sha256",
    "find_root",
    "known_units",
    "load_marked",
    "new_uid",
    "plain",
    "read_registry",
    "schema",
    "schema_text",
    "source_path",
    "update_registry",
    "validate",
    "write_registry",
]
