"""Check that a speed change leaves `policykit extract --all --format json` and batch rows byte-identical.

    python bench/targets_identical.py record /tmp/before   # on the commit before the change
    python bench/targets_identical.py check /tmp/before    # after it: lists every output that differs

The seed, the real files of ../shared/formats (PDF, Word, WPS, OFD, HTML), every corpus document
and every retyped layout of it (tests/layouts.py TRANSFORMS, written under FOLDER/inputs, as
bench/parse_identical.py does) are extracted as the CLI does (extract_files, iter_targets);
a sample of them (the seed, the formats, every corpus document as it is) also goes through
batch's process_document, whose rows are stored without their timings and memory figures.
Outputs go to FOLDER, never into the repository.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from parse_identical import Producer, record_or_check  # noqa: E402

_TIMINGS = ("seconds", "peak_rss_kb")


def extract_json(path: Path) -> bytes:
    """What `policykit extract PATH --all --format json` prints, or the one error line it would print."""
    from policykit.errors import PolicykitError
    from policykit.pipeline import extract_files
    from policykit.render.targets import iter_targets

    try:
        result = extract_files([path], include_all=True)
    except PolicykitError as error:
        return f"error: {error}\n".encode()
    return "".join(iter_targets(result.targets, "json")).encode("utf-8")


def batch_json(path: Path) -> bytes:
    """Every row batch writes for the document (its document, clause, target or error rows), timings left out."""
    from policykit.batch.records import process_document

    rows = process_document(str(path))
    document = {k: v for k, v in (rows.document or {}).items() if k not in _TIMINGS}
    record = {
        "document": document,
        "clauses": rows.clauses,
        "targets": rows.targets,
        "error": rows.error,
        "bytes": rows.bytes,
    }
    return json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def _in_batch_sample(path: Path) -> bool:
    return "inputs" not in path.parts[-2:]


def main(action: str, folder: str) -> int:
    def outputs(name: str, path: Path) -> list[tuple[str, Producer]]:
        produced: list[tuple[str, Producer]] = [(f"{name}.extract.json", extract_json)]
        if _in_batch_sample(path):
            produced.append((f"{name}.batch.json", batch_json))
        return produced

    return record_or_check(action, folder, outputs)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("record", "check"):
        raise SystemExit(__doc__)
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
