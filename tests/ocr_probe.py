"""Probe: print, scan and OCR each corpus text (tests/ocr_factory.py) and parse the PDF back.

Per style (tesseract, ocrmypdf, skewed, abbyy), with or without the OCR engine's character
confusions (`--confusions`, ocr_factory.confuse at its realistic rates), counts the documents,
and the edits, where the PDF's parse differs from the text's: outline (numbered headings with
their text), numbering (kind and number only), paragraphs, visible text, spacing (edits of
whitespace only, a mark's width aside), spaces added, and targets (value, unit, year, upper,
comparator, since).

Usage: .venv/bin/python tests/ocr_probe.py [--variant NAME ...] [--confusions] [-j N] [-v] [corpus .txt ...]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import ocr_factory, pdf_probe

SEED = 0
# A mark's width aside (",", "，"): what the spacing measure ignores, to see the spaces beside a misread mark.
_MARK_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})
MEASURES = ("outline", "numbering", "paragraphs", "text", "spacing", "added spaces", "targets")


def _targets(document) -> Counter:
    """A document's targets as comparable facts: what the figure says, not where it stands."""
    from policykit.targets import extract_targets

    return Counter(
        (t.value, t.unit, t.year, t.upper, t.comparator, t.since) for t in extract_targets(document)
    )


def _numbering(document) -> list[str]:
    """The numbered headings as kind and number only: the outline whatever its labels' text."""
    return [
        f"{clause.kind} {clause.number}" for top in document.clauses for clause in top.walk() if clause.number
    ]


def _spaces_only(edit: str) -> bool:
    """Tell whether a text edit changes only spaces (…[a→a ]…): what the spacing measure counts."""
    match = re.search(r"\[(.*)→(.*)\]", edit)
    if not match:
        return False
    before, after = ("".join(side.split()).translate(_MARK_WIDTH) for side in match.groups())
    blanks = [re.sub(r"\S", "", side) for side in match.groups()]
    return before == after and blanks[0] != blanks[1]


def measure(
    path: Path, variant: str, confusions: bool, seed: int | None = None
) -> dict[str, tuple[str, ...]]:
    """The differences between the parse of `path` and of its OCR'd PDF in `variant` (seed: SEED)."""
    seed = SEED if seed is None else seed
    from policykit.pipeline import load_document

    expected = load_document(path)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / f"{path.stem}-{variant}.pdf"
        ocr_factory.scan_document(expected, pdf, variant, seed=seed, confusions=1.0 if confusions else 0.0)
        got = load_document(pdf)
    spacing = pdf_probe._text_diff(pdf_probe.spacing(expected), pdf_probe.spacing(got))
    wanted, found = _targets(expected), _targets(got)
    return {
        "outline": pdf_probe._outline_diff(pdf_probe.outline(expected), pdf_probe.outline(got)),
        "numbering": pdf_probe._outline_diff(_numbering(expected), _numbering(got)),
        "paragraphs": pdf_probe._outline_diff(pdf_probe.paragraphs(expected), pdf_probe.paragraphs(got)),
        "text": pdf_probe._text_diff(pdf_probe.visible(expected), pdf_probe.visible(got)),
        "spacing": tuple(edit for edit in spacing if _spaces_only(edit)),
        "added spaces": tuple(edit for edit in spacing if re.match(r"insert: .*\[→ +\]", edit)),
        "targets": tuple(f"-{fact}" for fact in (wanted - found).elements())
        + tuple(f"+{fact}" for fact in (found - wanted).elements()),
    }


def _job(args: tuple) -> tuple[str, str, dict]:
    path, variant, confusions = args
    try:
        return path.stem, variant, measure(path, variant, confusions)
    except Exception as error:  # a failure to parse is a difference too
        return path.stem, variant, {"error": (f"{error.__class__.__name__}: {error}",)}


def _jobs(args: tuple) -> list[tuple[str, str, bool, dict]]:
    path, variant, modes = args
    return [(*_job((path, variant, confusions)), confusions) for confusions in modes]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="*", type=Path)
    parser.add_argument("--variant", action="append", choices=ocr_factory.VARIANTS)
    parser.add_argument("--confusions", action="store_true", help="only the PDFs with confusions")
    parser.add_argument("--both", action="store_true", help="the PDFs without and with confusions")
    parser.add_argument("--json", type=Path, help="write every difference to this file")
    parser.add_argument("-j", type=int, default=1)
    parser.add_argument("-v", action="store_true")
    parser.add_argument("--seed", type=int, default=0, help="the scan's and the engine's seed")
    args = parser.parse_args(argv)
    global SEED
    SEED = args.seed
    texts = args.texts or sorted(pdf_probe.CORPUS.glob("*.txt"))
    modes = (False, True) if args.both else (args.confusions,)
    jobs = [(path, variant, modes) for variant in args.variant or ocr_factory.VARIANTS for path in texts]
    if args.j > 1:
        from multiprocessing import Pool

        with Pool(args.j) as pool:
            results = [result for batch in pool.imap(_jobs, jobs) for result in batch]
    else:
        results = [result for job in jobs for result in _jobs(job)]
    if args.json:
        import json

        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    totals: dict[str, Counter] = {}
    for name, plain_variant, found, confused in results:
        variant = plain_variant + (" +confusions" if confused else "")
        counts = totals.setdefault(variant, Counter())
        counts["documents"] += 1
        for measure_name, edits in found.items():
            if edits:
                counts[f"{measure_name} docs"] += 1
                counts[f"{measure_name} edits"] += len(edits)
        bad = {key: edits for key, edits in found.items() if edits}
        if bad:
            print(f"{variant:10} {name}: " + ", ".join(f"{key} {len(edits)}" for key, edits in bad.items()))
            if args.v:
                for key, edits in bad.items():
                    for edit in edits[:8]:
                        print(f"    {key}: {edit}")
    for variant, counts in totals.items():
        print(
            f"{variant}: {counts['documents']} documents; "
            + "; ".join(
                f"{key} {counts[key + ' docs']} docs/{counts[key + ' edits']} edits"
                for key in (*MEASURES, "error")
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
