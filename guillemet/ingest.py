"""Ingest: read sources, extract quotes from what the store lacks, store in batches.

    read_articles ──► new only (by id) ──► extract stage ──► batches ──► Store.put
                      (already stored:                      (one transaction each)
                       counted, not extracted)

The extract stage is one pluggable iterator, ``Iterable[Article] -> Iterator[Article]``: the
local extractor by default; a process pool or Ray executor can take its place without
touching this loop. A rerun extracts nothing already stored; a run killed midway loses at most
its current batch, which the rerun redoes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator

from guillemet.errors import GuillemetError, StoreError
from guillemet.readers import Skipped, read_articles
from guillemet.record import Article
from guillemet.store import Store

#: A stage that takes articles and yields them (same order or not) with quotes filled in.
ExtractStage = Callable[[Iterable[Article]], Iterator[Article]]


@dataclass(slots=True)
class IngestReport:
    """What an ingest did.

    Attributes:
        read: Articles read from the sources (skipped documents not included).
        stored: Articles written to the store in this run.
        already_present: Articles whose id was stored before (or repeated in the input).
        quotes: Quotes in the articles stored in this run.
        skipped: (source or article id, reason) of each document not stored.
    """

    read: int = 0
    stored: int = 0
    already_present: int = 0
    quotes: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def skipped_by_reason(self) -> Counter[str]:
        """How many documents were skipped for each reason."""
        return Counter(reason for _, reason in self.skipped)

    def summary(self) -> str:
        """A few lines for a person: counts, then skip reasons by frequency."""
        lines = [f"read {self.read}, stored {self.stored} ({self.quotes} quotes), "
                 f"already present {self.already_present}, skipped {len(self.skipped)}"]
        for reason, n in self.skipped_by_reason().most_common():
            lines.append(f"  skipped {n}: {reason}")
        return "\n".join(lines)


def default_extract_stage(lang: str = "fr", workers: int = 1, model: str | None = None) -> ExtractStage:
    """The local extractor as an extract stage: the model loaded once per process.

    ``workers`` > 1 runs it on a process pool (:func:`guillemet.executors.extract_parallel`);
    order and results are those of one process, and this process stays the only writer.
    """

    def stage(articles: Iterable[Article]) -> Iterator[Article]:
        from guillemet.executors import extract_parallel

        yield from extract_parallel(articles, workers=workers, lang=lang, model=model)

    return stage


def _skip_reason(article: Article) -> str | None:
    if article.status == "ok":
        return None
    detail = article.meta.get("error")
    return f"{article.status}: {detail}" if detail else article.status


def ingest(sources: Iterable[str], store: Store, *, extract: ExtractStage | None = None,
           batch_size: int = 64, progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Read, extract and store articles; skip what the store already holds.

    Args:
        sources: Paths for :func:`guillemet.readers.read_articles` ("-" is stdin).
        store: Where articles go (upsert by id).
        extract: The extract stage; default :func:`default_extract_stage`.
        batch_size: Articles per transaction (and per "already stored?" lookup).
        progress: Called with the running report after each article read, skipped or stored.

    Returns:
        The counts and every skipped document with its reason. Articles the extractor marks
        with a status other than "ok" (empty, unsupported language, error) are skipped, not
        stored, so a later run retries them.
    """
    report = IngestReport()
    extract = extract or default_extract_stage()
    tick = progress or (lambda _report: None)

    def new_articles() -> Iterator[Article]:
        seen: set[str] = set()
        stream = iter(read_articles(sources))
        while chunk := list(islice(stream, batch_size)):
            articles = [x for x in chunk if isinstance(x, Article)]
            for x in chunk:
                if isinstance(x, Skipped):
                    report.skipped.append((x.source, x.reason))
            present = store.has({a.id for a in articles} - seen)
            for article in articles:
                report.read += 1
                if article.id in present or article.id in seen:
                    report.already_present += 1
                    tick(report)
                    continue
                seen.add(article.id)
                yield article
            tick(report)

    batch: list[Article] = []
    for article in extract(new_articles()):
        reason = _skip_reason(article)
        if reason:
            report.skipped.append((article.id, reason))
        else:
            batch.append(article)
        if len(batch) >= batch_size:
            _store_batch(store, batch, report)
            batch = []
        tick(report)
    _store_batch(store, batch, report)
    tick(report)
    return report


def _store_batch(store: Store, batch: list[Article], report: IngestReport) -> None:
    """One transaction; if the store refuses it, retry article by article and skip the bad ones."""
    if not batch:
        return
    try:
        store.put(batch)
        done = batch
    except StoreError:
        done = []
        for article in batch:
            try:
                store.put([article])
                done.append(article)
            except GuillemetError as exc:
                report.skipped.append((article.id, f"cannot store: {exc}"))
    report.stored += len(done)
    report.quotes += sum(len(a.quotes) for a in done)
