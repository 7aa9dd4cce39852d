"""Extraction on Ray actors (extra ``guillemet[ray]``), input streamed, output in input order.

Each actor holds one loaded model (:func:`guillemet.pipeline.get_extractor`); chunks of
articles go to the actors in turn, at most ``2 × workers`` in flight, and come back in input
order, so results are those of one local extractor. ``address=None`` starts Ray locally (the
mode the tests use); pass a cluster address ("ray://head:10001" or "auto") to run on one.
"""

from __future__ import annotations

from collections import deque
from itertools import islice
from typing import Iterable, Iterator

from guillemet.errors import require
from guillemet.record import Article

#: Chunks queued per actor beyond the one it is working on.
PREFETCH_PER_WORKER = 1


def extract_ray(articles: Iterable[Article], *, workers: int, address: str | None = None,
                lang: str = "fr", model: str | None = None, batch_size: int = 16,
                chunk_size: int | None = None) -> Iterator[Article]:
    """Extract quotes from articles on ``workers`` Ray actors; same results and order as one process.

    Args:
        articles: Any iterable, read lazily.
        workers: Actors, one model each (one CPU each).
        address: Ray cluster address; None starts or joins a local Ray.
        lang: Language of the extractor.
        model: spaCy model name, default the language's.
        batch_size: Articles per ``nlp.pipe`` batch inside each actor.
        chunk_size: Articles per task; default ``4 × batch_size``.

    Yields:
        Each input article, filled in, in input order.

    Raises:
        MissingExtra: Ray is not installed (``pip install 'guillemet[ray]'``).
        ValueError: ``workers`` is below 1.
    """
    ray = require("ray", "ray")  # at call time, before anything is read
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
    chunk_size = chunk_size or 4 * batch_size
    actor_class = ray.remote(num_cpus=1)(_ExtractActor)
    actors = [actor_class.remote(lang, model, batch_size) for _ in range(workers)]
    stream = iter(articles)
    pending: deque = deque()
    turn = 0
    while True:
        while len(pending) < workers * (1 + PREFETCH_PER_WORKER):
            chunk = list(islice(stream, chunk_size))
            if not chunk:
                break
            pending.append(actors[turn % workers].extract.remote(chunk))
            turn += 1
        if not pending:
            break
        yield from ray.get(pending.popleft())
    for actor in actors:
        ray.kill(actor)


class _ExtractActor:
    """Holds one extractor; made a Ray actor class at call time (Ray is optional)."""

    def __init__(self, lang: str, model: str | None, batch_size: int) -> None:
        from guillemet.pipeline import get_extractor

        self.extractor = get_extractor(lang, model)
        self.batch_size = batch_size

    def extract(self, chunk: list[Article]) -> list[Article]:
        return list(self.extractor.pipe(chunk, batch_size=self.batch_size))
