"""Score `extract` against hand-annotated gold targets: micro precision, recall and F1 per document and overall.

Gold files are tests/gold/targets/*.yaml plus ../shared/eval/seed-targets.yaml (format in that file); gold in
tests/gold/targets/files/ annotates a real file under ../shared/formats (PDF, HTML, .docx), read end to end through
policykit's format readers, and is totalled apart as the held-out measure. Gold in tests/gold/targets/genres/
annotates passages written for genres the corpus lacks (碳达峰, 卫生, 教育, 交通, 水利 plans, indicator tables,
traditional script), each beside its .txt; it is totalled on its own "genres (held-out)" line, outside "overall",
so that the development figure stays comparable. A found
target matches a gold entry when value (and upper) agree within 1e-6 relative, unit and year are equal and the
indicators match loosely; matching is one-to-one and greedy. Found targets that match an `optional` or
`achieved` entry, or repeat a gold target already matched (a second mention), count neither way. Comparator
mismatches are not misses: they only lower the stricter "exact" line. `--achieved` scores figures of kind
'achieved' (`extract --all`) against the `achieved:` lists instead. A report, not a gate: it always exits 0.

    python bench/eval.py [--verbose] [--achieved] [--pass-year] [GOLD.yaml ...]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "gold" / "targets"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
FORMATS = SHARED / "formats"
FILES_DIR = GOLD_DIR / "files"
GENRES_DIR = GOLD_DIR / "genres"
SEED_GOLD = SHARED / "eval" / "seed-targets.yaml"
SEED_DOC = ROOT / "data" / "raw" / "qingdao-west-coast-green-lowcarbon-3yr-action-plan-2023-2025.txt"
SEED_NAME = "000_532277194287f557.txt"

# Words that say what is done to an indicator rather than what it is; dropped before the overlap check so that
# 实现空间信息产业规模 and 空间信息产业规模 count as the same indicator.
GENERIC_WORDS = [
    "达到",
    "实现",
    "完成",
    "新增",
    "新建",
    "建设",
    "建成",
    "打造",
    "培育",
    "提高到",
    "提升至",
    "提高",
    "提升",
    "力争",
    "累计",
]
PUNCTUATION = str.maketrans("", "", "“”\"'‘’《》（）()、，,·—-： ")
RELATIVE = 1e-6
MIN_OVERLAP = 0.5


@dataclass(frozen=True)
class Entry:
    """One target, gold or found, reduced to what the scorer compares."""

    indicator: str
    value: float
    unit: str
    year: int | None = None
    comparator: str | None = None
    upper: float | None = None
    direction: str | None = None
    line: int | None = None

    @classmethod
    def from_gold(cls, item: dict) -> Entry:
        """Read one gold YAML mapping; missing keys are None."""
        return cls(
            indicator=str(item.get("indicator") or ""),
            value=float(item["value"]),
            unit=str(item.get("unit") or ""),
            year=item.get("year"),
            comparator=item.get("comparator"),
            upper=None if item.get("upper") is None else float(item["upper"]),
            direction=item.get("direction"),
            line=item.get("line"),
        )

    @classmethod
    def from_target(cls, target) -> Entry:
        """Reduce a policykit Target to the compared fields."""
        return cls(
            indicator=target.indicator or "",
            value=float(target.value),
            unit=target.unit or "",
            year=target.year,
            comparator=target.comparator,
            upper=target.upper,
            direction=target.direction,
            line=target.line,
        )

    def show(self) -> str:
        """One readable line: line number, indicator, value, unit, comparator, year."""
        value = f"{self.value:g}" + (f"-{self.upper:g}" if self.upper is not None else "")
        comparator = f" {self.comparator}" if self.comparator else ""
        return f"line {self.line}: {self.indicator or '∅'} {value} {self.unit}{comparator} ({self.year})"


def _plain(indicator: str) -> str:
    """The indicator without punctuation, in simplified script (a traditional copy's gold names 萬人 as 万人)."""
    from policykit.zh.traditional import fold_traditional

    return fold_traditional(indicator).translate(PUNCTUATION)


def _bare(indicator: str) -> str:
    """The indicator without punctuation and generic verbs, for the overlap check."""
    text = _plain(indicator)
    for word in GENERIC_WORDS:
        text = text.replace(word, "")
    return text


def indicator_overlap(a: str, b: str) -> float:
    """Share of the shorter indicator's characters (with multiplicity) found in the longer one, 0 when empty."""
    a, b = _bare(a), _bare(b)
    if not a or not b:
        return 0.0
    shorter, longer = sorted((a, b), key=len)
    common = sum((Counter(shorter) & Counter(longer)).values())
    return common / len(shorter)


def indicators_match(a: str, b: str) -> bool:
    """Loose indicator match: one contains the other, or enough shared characters after dropping verbs."""
    if not a or not b:
        return False
    plain_a, plain_b = _plain(a), _plain(b)
    if plain_a and plain_b and (plain_a in plain_b or plain_b in plain_a):
        return True
    return indicator_overlap(a, b) >= MIN_OVERLAP


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= RELATIVE * max(abs(a), abs(b), 1e-12)


def same_quantity(found: Entry, gold: Entry, *, check_year: bool = True) -> bool:
    """Value, upper, unit and year agree; a gold entry without a year accepts any year."""
    return (
        _close(found.value, gold.value)
        and _close(found.upper, gold.upper)
        and found.unit == gold.unit
        and (not check_year or gold.year is None or found.year == gold.year)
    )


def matches(found: Entry, gold: Entry, *, check_year: bool = True) -> bool:
    """A found target counts for a gold entry: same quantity and a loosely matching indicator."""
    return same_quantity(found, gold, check_year=check_year) and indicators_match(
        found.indicator, gold.indicator
    )


@dataclass
class Score:
    """Counts for one document or the whole set, with the entries behind them for --verbose."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    comparator_mismatch: int = 0
    direction_mismatch: int = 0
    neutral: int = 0
    duplicate: int = 0
    misses: list[Entry] = field(default_factory=list)
    false_positives: list[Entry] = field(default_factory=list)
    mismatches: list[tuple[Entry, Entry]] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Sum another score into this one (micro averaging)."""
        for name in ("tp", "fp", "fn", "comparator_mismatch", "direction_mismatch", "neutral", "duplicate"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _prf(tp: int, found: int, gold: int) -> tuple[float, float, float]:
        precision = tp / found if found else 1.0
        recall = tp / gold if gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    @property
    def prf(self) -> tuple[float, float, float]:
        """Precision, recall, F1; an empty side counts as perfect (no gold and nothing found is 1.0)."""
        return self._prf(self.tp, self.tp + self.fp, self.tp + self.fn)

    @property
    def exact_prf(self) -> tuple[float, float, float]:
        """The same with comparator mismatches taken out of the true positives."""
        return self._prf(self.tp - self.comparator_mismatch, self.tp + self.fp, self.tp + self.fn)


def score(
    gold: Sequence[Entry], found: Sequence[Entry], neutral: Sequence[Entry] = (), *, check_year: bool = True
) -> Score:
    """Match found targets to gold one-to-one, best pairs first; the rest are misses, neutral or false positives.

    `check_year=False` is a diagnostic: how the score would stand if every year were right.
    """

    def match(f: Entry, g: Entry) -> bool:
        return matches(f, g, check_year=check_year)

    pairs = []
    for i, f in enumerate(found):
        for j, g in enumerate(gold):
            if match(f, g):
                distance = abs((f.line or 0) - (g.line or 0)) if f.line and g.line else 0
                key = (
                    f.comparator != g.comparator,
                    -indicator_overlap(f.indicator, g.indicator),
                    distance,
                    i,
                    j,
                )
                pairs.append((key, i, j))
    pairs.sort()
    taken_found: dict[int, int] = {}
    taken_gold: set[int] = set()
    for _, i, j in pairs:
        if i not in taken_found and j not in taken_gold:
            taken_found[i] = j
            taken_gold.add(j)
    result = Score()
    for i, j in taken_found.items():
        result.tp += 1
        f, g = found[i], gold[j]
        if f.comparator != g.comparator:
            result.comparator_mismatch += 1
            result.mismatches.append((g, f))
        if g.direction and f.direction != g.direction:
            result.direction_mismatch += 1
    matched_gold = [gold[j] for j in sorted(taken_gold)]
    for i, f in enumerate(found):
        if i in taken_found:
            continue
        if any(match(f, n) for n in neutral):
            result.neutral += 1
        elif any(match(f, g) for g in matched_gold):
            result.duplicate += 1  # a second mention of a target already found (body and annex, say)
        else:
            result.fp += 1
            result.false_positives.append(f)
    result.misses = [g for j, g in enumerate(gold) if j not in taken_gold]
    result.fn = len(result.misses)
    return result


@dataclass(frozen=True)
class Gold:
    """One gold file: the document it annotates and its three lists."""

    path: Path
    document: Path
    year: int | None
    targets: tuple[Entry, ...]
    optional: tuple[Entry, ...]
    achieved: tuple[Entry, ...] | None  # None when the file does not annotate achieved figures


def load_gold(path: Path) -> Gold:
    """Read a gold YAML file and resolve its document (the seed's lives in data/raw, a file gold's in formats)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    name = data["document"]
    if name == SEED_NAME:
        document = SEED_DOC
    elif is_file_gold(path):
        document = FORMATS / name
    elif is_genre_gold(path):
        document = GENRES_DIR / name
    else:
        document = CORPUS / name

    def entries(key: str) -> tuple[Entry, ...]:
        return tuple(Entry.from_gold(item) for item in data.get(key) or ())

    return Gold(
        path=path,
        document=document,
        year=data.get("year"),
        targets=entries("targets"),
        optional=entries("optional"),
        achieved=entries("achieved") if "achieved" in data else None,
    )


def gold_files(paths: Iterable[str]) -> list[Path]:
    """The gold files named on the command line, or every gold file plus the seed's, the genre passages', then the
    real files'."""
    chosen = [Path(p) for p in paths]
    if chosen:
        return chosen
    files = sorted(GOLD_DIR.glob("*.yaml"))
    files = [*files, SEED_GOLD] if SEED_GOLD.is_file() else files
    return [*files, *sorted(GENRES_DIR.glob("*.yaml")), *sorted(FILES_DIR.glob("*.yaml"))]


def is_file_gold(path: Path) -> bool:
    """A gold that annotates a real file under ../shared/formats rather than a corpus text."""
    return path.resolve().parent == FILES_DIR.resolve()


def is_genre_gold(path: Path) -> bool:
    """A gold that annotates a held-out genre passage (tests/gold/targets/genres), scored apart from "overall"."""
    return path.resolve().parent == GENRES_DIR.resolve()


def extract(document: Path, *, achieved: bool, year: int | None) -> list[Entry]:
    """Run the library's extraction on one document: targets, or with `achieved` the figures of that kind."""
    from policykit.pipeline import load_document
    from policykit.targets import extract_targets

    parsed = load_document(document)
    found = extract_targets(parsed, include_all=achieved, year=year)
    kind = "achieved" if achieved else "target"
    return [Entry.from_target(t) for t in found if t.kind == kind]


def _row(name: str, gold: int, found: int, result: Score) -> str:
    p, r, f1 = result.prf
    exact = result.exact_prf[2]
    return (
        f"{name[:44]:44} {gold:5} {found:5} {result.tp:4} {result.fp:4} {result.fn:4} "
        f"{p:6.3f} {r:6.3f} {f1:6.3f} {exact:6.3f}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Print per-document and overall micro P/R/F1; always 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", help="gold YAML files (default: tests/gold/targets/*.yaml + seed)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and false positives")
    parser.add_argument("--achieved", action="store_true", help="score achieved figures (extract --all)")
    parser.add_argument("--pass-year", action="store_true", help="give extract the gold file's document year")
    parser.add_argument(
        "--ignore-year", action="store_true", help="diagnostic: match without comparing years"
    )
    args = parser.parse_args(argv)

    what = "achieved figures" if args.achieved else "targets"
    what += " (years not compared)" if args.ignore_year else ""
    print(f"policykit eval: {what} against hand-annotated gold")
    header = f"{'document':44} {'gold':>5} {'found':>5} {'TP':>4} {'FP':>4} {'FN':>4} {'P':>6} {'R':>6} {'F1':>6} {'exact':>6}"
    print(header)
    print("-" * len(header))
    total, total_gold, total_found = Score(), 0, 0
    held, held_gold, held_found = Score(), 0, 0
    genres, genres_gold, genres_found = Score(), 0, 0
    details: list[tuple[str, Score]] = []
    for path in gold_files(args.gold):
        try:
            gold = load_gold(path)
        except (OSError, KeyError, TypeError, ValueError, yaml.YAMLError) as error:
            print(f"{path.name}: cannot read gold ({error})")
            continue
        name = gold.document.stem
        if args.achieved and gold.achieved is None:
            continue
        if not gold.document.is_file():
            where = "../shared/formats" if is_file_gold(path) else "the corpus"
            print(f"{name[:44]:44} skipped: {gold.document.name} not in {where}")
            continue
        expected = gold.achieved if args.achieved else gold.targets
        neutral = gold.optional + (gold.targets if args.achieved else (gold.achieved or ()))
        try:
            found = extract(gold.document, achieved=args.achieved, year=gold.year if args.pass_year else None)
        except Exception as error:  # a report: one failing document must not hide the others
            print(f"{name[:44]:44} error: {type(error).__name__}: {error}")
            continue
        result = score(expected or (), found, neutral, check_year=not args.ignore_year)
        details.append((name, result))
        print(_row(name, len(expected or ()), len(found), result))
        if is_genre_gold(path):
            genres.add(result)
            genres_gold += len(expected or ())
            genres_found += len(found)
            continue
        total.add(result)
        total_gold += len(expected or ())
        total_found += len(found)
        if is_file_gold(path):
            held.add(result)
            held_gold += len(expected or ())
            held_found += len(found)
    print("-" * len(header))
    if genres_gold or genres_found or genres.tp:
        print(_row("genres (held-out)", genres_gold, genres_found, genres))
    if held_gold or held_found or held.tp:
        print(_row("real files, held out (micro)", held_gold, held_found, held))
    print(_row("overall (micro)", total_gold, total_found, total))
    print(
        f"comparator mismatches {total.comparator_mismatch}, direction mismatches {total.direction_mismatch}, "
        f"neutral {total.neutral}, repeated mentions {total.duplicate}"
    )
    if args.verbose:
        for name, result in details:
            if not (result.misses or result.false_positives or result.mismatches):
                continue
            print(f"\n== {name}")
            for entry in result.misses:
                print(f"  miss  {entry.show()}")
            for entry in result.false_positives:
                print(f"  FP    {entry.show()}")
            for gold_entry, found_entry in result.mismatches:
                print(f"  cmp   {gold_entry.show()}  found {found_entry.comparator or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
