"""Extraction on Ray Data (extra ``guillemet[ray]``): shards through a pool of actors holding the model.

    shards ──► ray.data.from_items          one row (and block) per shard: name, articles as JSON
           ──► map_batches(_ShardExtractor)  one shard per call, ActorPoolStrategy(size=workers)
           ──► iter_rows, in this process    which writes each shard (Parquet file or store)

Each actor loads the model once (:func:`guillemet.pipeline.get_extractor`) and extracts whole
shards with it, so a shard's records are those one local extractor gives. Articles travel as
the JSON of :func:`guillemet.record.to_dict`.

Shards go to Ray in runs of ``SHARDS_PER_ACTOR × workers``, so the input streams: one run is in
memory at a time. Each run starts its actors afresh (one model load per actor per run, about 1%
of a run at 500 articles a shard).

Writing stays in the driver, the one writer: the cluster needs no storage shared with it, and
each shard is one Parquet file or one store transaction.
"""

from __future__ import annotations

import logging
from itertools import islice
from typing import Iterable, Iterator

import orjson

from guillemet.errors import ExecutorError, GuillemetError, require
from guillemet.record import Article, article_from_dict, to_dict
from guillemet.shards import Shard, ShardStage

#: Shards per run and actor: more keeps actors busy to the end of a run, fewer holds less input.
SHARDS_PER_ACTOR = 16


def ray_shard_stage(address: str | None = None, *, workers: int, lang: str = "fr",
                    model: str | None = None, batch_size: int = 16) -> ShardStage:
    """Extraction of shards on Ray Data, as a stage for :func:`guillemet.ingest.ingest_shards`.

    Ray starts (or is joined) when the first shard arrives, so a rerun with every shard done
    never starts it; a Ray this stage started is shut down when the shards run out.

    Args:
        address: Ray's address rules: None joins ``RAY_ADDRESS`` or a Ray running on this
            machine, else starts one; "local" always starts one; "auto", "HOST:6379" or
            "ray://HOST:10001" join a cluster.
        workers: Actors, one model and one CPU each.
        lang: Language of the extractor.
        model: spaCy model name, default the language's.
        batch_size: Articles per ``nlp.pipe`` batch inside each actor.

    Returns:
        A stage yielding each shard, extracted, as its run finishes it (not in input order).

    Raises:
        MissingExtra: Ray or pyarrow is not installed (``pip install 'guillemet[ray]'``).
        ValueError: ``workers`` is below 1.
    """
    ray = require("ray", "ray")  # at construction: fail before anything is read
    require("ray.data", "ray")
    require("pyarrow", "ray")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    settings = {"lang": lang, "model": model, "batch_size": batch_size}

    def stage(shards: Iterable[Shard]) -> Iterator[Shard]:
        stream = iter(shards)
        started = False
        try:
            while run := list(islice(stream, SHARDS_PER_ACTOR * workers)):
                if not ray.is_initialized():
                    ray.init(address=address, include_dashboard=False, log_to_driver=False,
                             logging_level=logging.WARNING)
                    started = True
                _check_cpus(ray, address, workers)
                yield from _run(ray, run, min(workers, len(run)), settings)
        finally:
            if started:
                ray.shutdown()

    return stage


def _check_cpus(ray, address: str | None, workers: int) -> None:
    """Refuse more actors than a local Ray has CPUs: they would wait forever for one."""
    cpus = int(ray.cluster_resources().get("CPU", 0))
    if address in (None, "local") and cpus < workers:
        raise GuillemetError(f"--workers {workers} needs {workers} CPUs but this Ray has {cpus}: "
                             f"use --workers {max(cpus, 1)}, or give a cluster address (--ray ADDRESS).")


def _run(ray, run: list[Shard], actors: int, settings: dict) -> Iterator[Shard]:
    """One Ray Data pipeline over a run of shards; each shard back as it is done."""
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)  # "bars disabled"
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # the CLI draws its own
    context.print_on_execution_start = False
    rows = [{"shard": s.name, "articles": encode(s.articles)} for s in run]
    dataset = ray.data.from_items(rows, override_num_blocks=len(rows)).map_batches(
        _ShardExtractor, fn_constructor_kwargs=settings, batch_size=1, batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=actors), num_cpus=1)
    try:
        for row in dataset.iter_rows():
            yield Shard(row["shard"], decode(row["articles"]))
    except ray.exceptions.RayError as exc:
        # Ray's message ends with the worker's own error (a missing model, a killed node).
        reason = str(exc).strip().splitlines()[-1]
        raise ExecutorError(f"the Ray run failed ({reason}). Shards written so far are kept: fix the "
                            "cause and rerun the same command to do the rest.") from exc


def encode(articles: list[Article]) -> bytes:
    """Articles as the JSON of their records (what a Ray row carries)."""
    return orjson.dumps([to_dict(a) for a in articles])


def decode(payload: bytes) -> list[Article]:
    """The inverse of :func:`encode`."""
    return [article_from_dict(d) for d in orjson.loads(payload)]


class _ShardExtractor:
    """A Ray Data actor: one extractor, loaded once, extracting one shard per call."""

    def __init__(self, lang: str, model: str | None, batch_size: int) -> None:
        from guillemet.pipeline import get_extractor

        self.extractor = get_extractor(lang, model)
        self.batch_size = batch_size

    def __call__(self, batch):
        import pyarrow as pa

        done = [encode(list(self.extractor.pipe(decode(payload), batch_size=self.batch_size)))
                for payload in batch.column("articles").to_pylist()]
        return pa.table({"shard": batch.column("shard"), "articles": pa.array(done, pa.binary())})
