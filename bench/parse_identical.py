"""Check that a speed change leaves `policykit parse --format json` byte-identical on real documents.

    python bench/parse_identical.py record /tmp/before   # on the commit before the change
    python bench/parse_identical.py check /tmp/before    # after it: lists every document whose output differs

The seed, the real files of ../shared/formats (PDF, Word, WPS, OFD, HTML), every corpus document
and every retyped layout of it (tests/layouts.py TRANSFORMS, each written to a
file under FOLDER/inputs) are parsed as the CLI does (load_document, attach_targets,
iter_document_json); outputs go to FOLDER, never into the repository.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FORMATS = ROOT.parent / "shared" / "formats"


def documents(scratch: Path):
    """(name, path) of each corpus document and of each of its retyped layouts, written under `scratch`."""
    sys.path.insert(0, str(ROOT))
    from tests.layouts import TRANSFORMS

    for path in sorted((ROOT / "data" / "raw").glob("*.txt")) + sorted(FORMATS.glob("*.*")):
        if path.suffix != ".md":
            yield path.name, path  # the seed, and real PDF, Word, WPS, OFD and HTML files as they are
    for path in sorted(CORPUS.glob("*.txt")):
        yield path.stem, path
        text = path.read_text(encoding="utf-8")
        for label, transform in TRANSFORMS.items():
            changed = transform(text)
            if changed == text:
                continue
            retyped = scratch / f"{path.stem}.{label}.txt"
            retyped.write_text(changed, encoding="utf-8")
            yield retyped.stem, retyped


def parse_json(path: Path) -> bytes:
    """The JSON `policykit parse --format json` prints, or the one error line it would print."""
    from policykit.errors import PolicykitError
    from policykit.pipeline import load_document
    from policykit.render.tree import iter_document_json
    from policykit.targets import attach_targets

    try:
        document = attach_targets(load_document(path))
    except PolicykitError as error:
        return f"error: {error}\n".encode()
    return "".join(iter_document_json(document)).encode("utf-8")


Producer = Callable[[Path], bytes]


def record_or_check(
    action: str, folder: str, outputs: Callable[[str, Path], list[tuple[str, Producer]]]
) -> int:
    """Record each input's outputs (file name, producer) under FOLDER, or check them against what was
    recorded there, writing NAME.new beside each one that differs; exit status 1 when any does."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    differing, count = [], 0
    scratch = out / "inputs"  # the same path each run: the output names the file it read
    scratch.mkdir(exist_ok=True)
    for name, path in documents(scratch):
        for stored_name, produce in outputs(name, path):
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


def main(action: str, folder: str) -> int:
    return record_or_check(action, folder, lambda name, _: [(f"{name}.json", parse_json)])


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("record", "check"):
        raise SystemExit(__doc__)
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
