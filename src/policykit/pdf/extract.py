"""Character extraction: open a PDF with the first reader that can, and turn each page into fragments.

PDFium (pypdfium2) reads first: it is C code, about ten times faster than pdfminer, and opens files
pdfminer refuses (a `startxref` sharing a line with its offset). pdfminer is the fallback for files
PDFium cannot open. Each page has a budget; a page past it is skipped with a warning, and a file
that takes too long as a whole is refused.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import time
import zlib
from collections.abc import Callable, Iterator

from policykit.errors import PdfError, logger
from policykit.pdf import reader_pdfium, reader_pdfminer
from policykit.pdf.layout import PageText
from policykit.pdf.reader_pdfminer import corrupt

Progress = Callable[[int, int], None]
OpenReader = reader_pdfium.Reader | reader_pdfminer.Reader
"""A PDF opened by one of READERS: `pages`, `page(index)`, `close()`."""
log = logger("policykit.pdf")

READERS: dict[str, type[OpenReader]] = {
    reader_pdfium.NAME: reader_pdfium.Reader,
    reader_pdfminer.NAME: reader_pdfminer.Reader,
}
# Below this many pages a process pool costs more than it saves. Pools are used only when asked
# for (`workers`): PDFium reads a page in ~10 ms, and on a busy 2-core machine a pool of 2 was
# slower than one process (7.2 s against 6.2 s for 267 pages); nor can an index worker start one.
PARALLEL_MIN_PAGES = 12
# A whole file that takes longer than this is not a document but a bomb: refuse it.
MAX_SECONDS = 300.0
# A compressed stream that inflates past this is a bomb (a page's text is kilobytes, a scan tens of MB).
MAX_STREAM_BYTES = 256 << 20
_STREAM = re.compile(rb"stream\r?\n")
OPEN_SECONDS = 10.0
"""CPU seconds a reader may spend opening a file: a reference loop (2 0 R -> 3 0 R -> 2 0 R) makes pdfminer
spin forever, and PDFium opens a real file in milliseconds."""
_DAMAGED = ": skipped"  # ends the warning for a page PDFium cannot load (a budget skip says more)


def open_reader(
    source: str | bytes, password: str | None, label: str, reader: str | None = None
) -> OpenReader:
    """Open `source` with `reader`, or with the first of READERS that can; say which on the log."""
    if isinstance(source, str):
        if not os.path.exists(source):
            raise PdfError("no such file: check the path", path=label)
        with open(source, "rb") as handle:
            head = handle.read(1024)
    else:
        head = source[:1024]
    if b"%PDF" not in head:
        raise PdfError("not a PDF (no %PDF header): check the file", path=label)
    data = source if isinstance(source, bytes) else _read(source)
    if _inflates_past(data, MAX_STREAM_BYTES):
        raise PdfError(
            f"a compressed stream inflates past {MAX_STREAM_BYTES >> 20} MB (a PDF bomb?): refusing to read it",
            path=label,
        )
    names = [reader] if reader else list(READERS)
    failures = []
    for name in names:
        try:
            with _cpu_deadline(OPEN_SECONDS):
                opened = READERS[name](source, password, label)
        except PdfError as error:
            if "corrupt or truncated" not in str(error):
                raise  # passwords and encryption: another reader would only say it again
            failures.append(f"{name}: {error}")
            continue
        except Exception as error:  # a reader's own failure to parse: try the next one
            failures.append(f"{name}: {error.__class__.__name__}: {error}")
            continue
        if opened.pages == 0:
            opened.close()
            failures.append(f"{name}: no pages found")
            continue
        if failures:
            log.info("%s: %s", label, "; ".join(failures))
        log.info("%s: read with %s (%d pages)", label, name, opened.pages)
        return opened
    what = (
        "no pages found" if all(f.endswith("no pages found") for f in failures) else "no reader can open it"
    )
    log.info("%s: %s", label, "; ".join(failures))
    raise corrupt(label, what)


class _OpenTimeout(Exception):
    """A reader spent OPEN_SECONDS of CPU opening a file."""

    def __str__(self) -> str:
        return f"still opening it after {OPEN_SECONDS:.0f} s of CPU"


@contextlib.contextmanager
def _cpu_deadline(seconds: float) -> Iterator[None]:
    """Raise _OpenTimeout in the block after `seconds` of this process's CPU time (ITIMER_VIRTUAL, apart
    from any wall-clock alarm); only in the main thread, where Python delivers signals."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "ITIMER_VIRTUAL"):
        yield
        return

    def expire(*_: object) -> None:
        raise _OpenTimeout

    handler = signal.signal(signal.SIGVTALRM, expire)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, handler)


def _read(path: str) -> bytes:
    """The file's bytes, for the stream check (the readers open the path themselves)."""
    with open(path, "rb") as handle:
        return handle.read()


def _inflates_past(data: bytes, limit: int) -> bool:
    """Tell whether a Flate stream of the file inflates past `limit` bytes, inflating in pieces.

    The readers inflate a whole stream at once: a 1 MB file can hold a 1 GB stream.
    """
    for match in _STREAM.finditer(data):
        start = match.end()
        if start + 2 > len(data):
            break
        method, flags = data[start], data[start + 1]
        if method & 0x0F != 8 or (method * 256 + flags) % 31:  # not a zlib header
            continue
        inflater = zlib.decompressobj()
        size = 0
        position = start
        try:
            while not inflater.eof and position < len(data):
                size += len(inflater.decompress(data[position : position + 65536]))
                position += 65536
                if size > limit:
                    return True
        except zlib.error:
            continue
    return False


def _page(reader: OpenReader, index: int) -> tuple[PageText, str | None]:
    """One page, or an empty page and the warning that says why it was skipped."""
    try:
        return reader.page(index), None
    except reader_pdfium.Unreadable as error:
        assert isinstance(reader, reader_pdfium.Reader), "only PDFium reads a page short"
        log.info("%s: %s: read with %s", reader.label, error, reader_pdfminer.NAME)
        if reader.fallback is None:
            reader.fallback = reader_pdfminer.Reader(reader.source, reader.password, reader.label)
        return _page(reader.fallback, index)
    except reader_pdfium.PageUnloadable as error:
        return PageText(index + 1, 595.0, 842.0, (), 0, 0), f"{error}{_DAMAGED}"
    except reader_pdfium.PageTooLarge as error:
        empty = PageText(index + 1, 595.0, 842.0, (), 0, 0)
        return empty, f"{error}: skipped as past the page budget (a PDF bomb?)"


_WORKER: dict[str, OpenReader] = {}


def _init_worker(source: str | bytes, password: str | None, label: str, reader: str) -> None:
    """Open the PDF once per pool worker, with the reader the parent chose."""
    _WORKER.clear()
    _WORKER.update(reader=open_reader(source, password, label, reader))


def _extract_range(start: int, stop: int) -> list[tuple[PageText, str | None]]:
    """Extract pages [start, stop) of the worker's open PDF."""
    return [_page(_WORKER["reader"], index) for index in range(start, stop)]


def extract_pages(
    source: str | bytes,
    *,
    password: str | None = None,
    label: str = "-",
    progress: Progress | None = None,
    workers: int | None = None,
    reader: str | None = None,
) -> list[PageText]:
    """Extract every page's fragments, over a pool of `workers` processes when the document is long enough."""
    opened = open_reader(source, password, label, reader)
    total = opened.pages
    if workers is None or multiprocessing.current_process().daemon:
        workers = 1
    started = time.monotonic()
    if total < PARALLEL_MIN_PAGES or workers < 2:
        results = []
        try:
            for index in range(total):
                results.append(_page(opened, index))
                if progress:
                    progress(index + 1, total)
                _check_time(started, index + 1, total, label)
        finally:
            opened.close()
    else:
        name = opened.name
        opened.close()
        results = _extract_parallel(source, password, label, name, total, workers, progress)
        _check_time(started, total, total, label)
    skipped = [warning for _, warning in results if warning]
    damaged = [warning for warning in skipped if warning.endswith(_DAMAGED)]
    if results and len(damaged) == len(results):  # one line that says why, not a warning a page and "no text"
        raise PdfError(
            f"none of its {total} page(s) can be read ({damaged[0].removesuffix(_DAMAGED)}"
            f"{', …' if total > 1 else ''}): repair it, e.g. qpdf in.pdf repaired.pdf",
            path=label,
        )
    for warning in skipped:
        log.warning("%s: %s", label, warning)
    return [page for page, _ in results]


def _check_time(started: float, done: int, total: int, label: str) -> None:
    """Refuse a file that has taken longer than MAX_SECONDS so far."""
    if time.monotonic() - started > MAX_SECONDS:
        raise PdfError(
            f"reading stopped at page {done} of {total} after {MAX_SECONDS:.0f} s: the file costs far more "
            "than its text (a PDF bomb?); rewrite it, e.g. qpdf in.pdf out.pdf, or OCR its pages",
            path=label,
        )


def _extract_parallel(
    source: str | bytes,
    password: str | None,
    label: str,
    reader: str,
    total: int,
    workers: int,
    progress: Progress | None,
) -> list[tuple[PageText, str | None]]:
    from concurrent.futures import ProcessPoolExecutor, as_completed

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunk = max(1, min(16, total // (workers * 4)))
    ranges = [(start, min(start + chunk, total)) for start in range(0, total, chunk)]
    done = 0
    results: dict[int, list] = {}
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(source, password, label, reader),
    ) as pool:
        futures = {pool.submit(_extract_range, start, stop): start for start, stop in ranges}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            done += len(results[futures[future]])
            if progress:
                progress(done, total)
    return [page for start in sorted(results) for page in results[start]]
