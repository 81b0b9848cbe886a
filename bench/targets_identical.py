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

from parse_identical import documents  # noqa: E402

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
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    differing, count = [], 0
    scratch = out / "inputs"  # the same path each run: the output names the file it read
    scratch.mkdir(exist_ok=True)
    for name, path in documents(scratch):
        outputs = [(f"{name}.extract.json", extract_json)]
        if _in_batch_sample(path):
            outputs.append((f"{name}.batch.json", batch_json))
        for stored_name, produce in outputs:
            count += 1
            produced = produce(path)
            stored = out / stored_name
            if action == "record":
                stored.write_bytes(produced)
            elif not stored.exists() or stored.read_bytes() != produced:
                differing.append(stored_name)
                (out / f"{stored_name}.new").write_bytes(produced)
    if action == "record":
        print(f"recorded {count} outputs in {out}")
        return 0
    print(f"{count} outputs, {len(differing)} differ" + "".join(f"\n  {name}" for name in differing))
    return 1 if differing else 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("record", "check"):
        raise SystemExit(__doc__)
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
