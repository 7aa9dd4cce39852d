"""Extraction on a pool of local processes, input streamed, output in input order.

Articles are cut into chunks; at most ``2 × workers`` chunks are in flight at once, so memory
stays bounded whatever the corpus size (``multiprocessing.Pool.imap`` would read its whole
input ahead). Each worker loads the spaCy model once, through
:func:`guillemet.pipeline.get_extractor`, when it starts.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Iterable, Iterator

from guillemet.errors import ExecutorError
from guillemet.record import Article

#: Chunks queued per worker beyond the one it is working on: keeps workers busy while the
#: parent reads and yields, without reading far ahead of the consumer.
PREFETCH_PER_WORKER = 2


def extract_parallel(articles: Iterable[Article], *, workers: int, lang: str = "fr",
                     model: str | None = None, batch_size: int = 16,
                     chunk_size: int | None = None) -> Iterator[Article]:
    """Extract quotes from articles on ``workers`` processes; same results and order as one.

    Args:
        articles: Any iterable, read lazily (a generator over a huge file is fine).
        workers: Processes; 1 runs in this process with no pool at all.
        lang: Language of the extractor.
        model: spaCy model name, default the language's.
        batch_size: Articles per ``nlp.pipe`` batch inside each worker.
        chunk_size: Articles sent to a worker at a time; default ``4 × batch_size``.

    Yields:
        Each input article, filled in by the extractor, in input order. Articles whose analysis
        failed come back with ``status="error"`` as they do from one extractor.

    Raises:
        ValueError: ``workers`` is below 1.
        ExecutorError: A worker died (killed, out of memory); what the consumer already
            took is unaffected.

    Example:
        >>> for article in extract_parallel(read_articles("news.jsonl"), workers=4):
        ...     print(article.id, len(article.quotes))
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if workers == 1:
        from guillemet.pipeline import get_extractor

        yield from get_extractor(lang, model).pipe(articles, batch_size=batch_size)
        return
    chunk_size = chunk_size or 4 * batch_size
    stream = iter(articles)
    pending: deque[Future[list[Article]]] = deque()
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                             initializer=_load_worker, initargs=(lang, model)) as pool:
        try:
            while True:
                while len(pending) < workers * (1 + PREFETCH_PER_WORKER):
                    chunk = list(islice(stream, chunk_size))
                    if not chunk:
                        break
                    pending.append(pool.submit(_extract_chunk, chunk, lang, model, batch_size))
                if not pending:
                    return
                yield from pending.popleft().result()
        except BrokenProcessPool as exc:
            raise ExecutorError(f"a worker process died ({exc}): out of memory (use fewer --workers), or "
                                "the model failed to load (--workers 1 shows why). What was stored is kept: "
                                "rerun to do the rest.") from exc
        finally:
            # A consumer that stops early (or an error) must not leave workers parsing the rest.
            for future in pending:
                future.cancel()


def _context() -> multiprocessing.context.BaseContext:
    # Never fork: spaCy's thread pools and an open store connection do not survive it.
    method = "forkserver" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def _load_worker(lang: str, model: str | None) -> None:
    """Pool initializer: load the model once, before the first chunk arrives."""
    from guillemet.pipeline import get_extractor

    get_extractor(lang, model)


def _extract_chunk(chunk: list[Article], lang: str, model: str | None, batch_size: int) -> list[Article]:
    from guillemet.pipeline import get_extractor

    return list(get_extractor(lang, model).pipe(chunk, batch_size=batch_size))
