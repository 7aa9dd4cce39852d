"""Ingest: read sources, extract quotes from what the store lacks, store in batches.

    read_articles ──► prepare ──► new only (by id) ──► extract stage ──► batches ──► Store.put
    (ReadOptions)     (as `extract`:  (already stored:                   (one transaction each)
                      clean, language, counted, not extracted)
                      dateline)

The extract stage is one pluggable iterator, ``Iterable[Article] -> Iterator[Article]``: the
local extractor by default, or a process pool (``workers`` > 1). A rerun extracts nothing
already stored; a run killed midway loses at most its current batch, which the rerun redoes.

:func:`ingest_shards` is the same loop cut into numbered shards, the unit that a Ray run
(:mod:`guillemet.executors.ray`) extracts, writes (Parquet shards or a store) and skips on
rerun once written.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from guillemet.errors import GuillemetError, StoreError
from guillemet.identity import AliasTable, SpeakerRegistry
from guillemet.readers import Skipped, prepare, read_articles
from guillemet.readers.options import ReadOptions
from guillemet.record import Article
from guillemet.shards import Shard, ShardDir, ShardStage, ShardWriter, split_shards
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
        shards_written: Shards written in this run (sharded runs only).
        shards_done: Shards found already written and skipped (sharded runs only).
        extracted: Articles back from the extract stage (0 while its model is loading).
        not_analysed: Stored articles in a language with no pipeline, by language code
            (stored with status "unsupported_language" and no quotes).
    """

    read: int = 0
    stored: int = 0
    already_present: int = 0
    quotes: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    shards_written: int = 0
    shards_done: int = 0
    extracted: int = 0
    not_analysed: Counter[str] = field(default_factory=Counter)

    def skipped_by_reason(self) -> Counter[str]:
        """How many documents were skipped for each reason."""
        return Counter(reason for _, reason in self.skipped)

    def summary(self) -> str:
        """A few lines for a person: counts, then skip reasons by frequency."""
        lines = [f"read {self.read}, stored {self.stored} ({self.quotes} quotes), "
                 f"already present {self.already_present}, skipped {len(self.skipped)}"]
        if self.shards_written or self.shards_done:
            lines.append(f"shards: {self.shards_written} written, {self.shards_done} already done")
        if self.not_analysed:
            languages = ", ".join(f"{lang or '?'} {n}" for lang, n in self.not_analysed.most_common())
            lines.append(f"  stored but not analysed (no pipeline for their language): {languages}")
        for reason, n in self.skipped_by_reason().most_common():
            lines.append(f"  skipped {n}: {reason}")
        return "\n".join(lines)


def default_extract_stage(lang: str = "fr", workers: int = 1, model: str | None = None,
                          batch_size: int = 16, chunk_size: int | None = None) -> ExtractStage:
    """The local extractor as an extract stage: the model loaded once per process.

    ``workers`` > 1 runs it on a process pool (:func:`guillemet.executors.extract_parallel`,
    which also says what ``batch_size`` and ``chunk_size`` mean); order and results are those
    of one process, and this process stays the only writer.
    """

    def stage(articles: Iterable[Article]) -> Iterator[Article]:
        from guillemet.executors import extract_parallel

        yield from extract_parallel(articles, workers=workers, lang=lang, model=model,
                                    batch_size=batch_size, chunk_size=chunk_size)

    return stage


def local_shard_stage(extract: ExtractStage) -> ShardStage:
    """An article stage as a shard stage: one stream through ``extract``, regrouped by shard.

    The stage is started once for all shards (a process pool is not restarted per shard);
    it must yield every article, in input order, as :func:`default_extract_stage` does.
    """

    def stage(shards: Iterable[Shard]) -> Iterator[Shard]:
        started: deque[Shard] = deque()

        def articles() -> Iterator[Article]:
            for shard in shards:
                started.append(shard)
                yield from shard.articles

        done: list[Article] = []
        for article in extract(articles()):
            done.append(article)
            if len(done) == len(started[0].articles):
                yield Shard(started.popleft().name, done)
                done = []

    return stage


def _skip_reason(article: Article, report: IngestReport) -> str | None:
    """Why an extracted article is not stored, or None; counts those stored unanalysed."""
    if article.status == "unsupported_language":
        report.not_analysed[article.lang] += 1
        return None  # stored with its status: the store says which articles were not analysed
    if article.status == "ok":
        return None
    detail = article.meta.get("error")
    return f"{article.status}: {detail}" if detail else article.status


def ingest(sources: Iterable[str], store: Store, *, extract: ExtractStage | None = None,
           batch_size: int = 64, progress: Callable[[IngestReport], None] | None = None,
           registry: SpeakerRegistry | None = None, read: ReadOptions | None = None) -> IngestReport:
    """Read, extract and store articles; skip what the store already holds.

    Args:
        sources: Paths for :func:`guillemet.readers.read_articles` ("-" is stdin).
        store: Where articles go (upsert by id).
        extract: The extract stage; default :func:`default_extract_stage`.
        batch_size: Articles per transaction (and per "already stored?" lookup).
        progress: Called with the running report after each article read, skipped or stored.
        registry: Speaker ids across articles (:func:`speaker_registry`); None keeps each
            article's own ids (normalised name and type).
        read: How to read the sources (input format, JSONL field names, default language),
            as ``guillemet extract`` reads them.

    Returns:
        The counts and every skipped document with its reason. Articles the extractor marks
        empty or failed are skipped, not stored, so a later run retries them; an article in a
        language with no pipeline is stored with status "unsupported_language" (no quotes)
        and counted in ``not_analysed``.
    """
    report = IngestReport()
    extract = extract or default_extract_stage()
    tick = progress or (lambda _report: None)
    batch: list[Article] = []
    for article in extract(_new_articles(sources, store.has, report, tick, batch_size, read)):
        report.extracted += 1
        reason = _skip_reason(article, report)
        if reason:
            report.skipped.append((article.id, reason))
        else:
            batch.append(article)
        if len(batch) >= batch_size:
            _store_batch(store, batch, report, registry)
            batch = []
        tick(report)
    _store_batch(store, batch, report, registry)
    tick(report)
    return report


def ingest_shards(sources: Iterable[str], writer: ShardWriter, extract: ShardStage, *,
                  shard_size: int = 500, progress: Callable[[IngestReport], None] | None = None,
                  read: ReadOptions | None = None) -> IngestReport:
    """Read, extract and write articles shard by shard; skip shards already written.

    The input is cut into shards of ``shard_size`` new articles, named by their position and
    the ids they hold (:func:`guillemet.shards.split_shards`), so the same input gives the
    same shards. A shard the writer already holds is counted and not extracted again; a run
    killed midway loses only the shards it had not finished writing.

    Args:
        sources: Paths for :func:`guillemet.readers.read_articles`.
        writer: Where shards go: :class:`guillemet.shards.ShardDir` (Parquet files) or
            :class:`StoreShards` (a store, one transaction per shard).
        extract: The shard stage: :func:`guillemet.executors.ray.ray_shard_stage` or
            :func:`local_shard_stage`.
        shard_size: Articles per shard.
        progress: Called with the running report as articles are read and shards written.
        read: How to read the sources, as :func:`ingest` says.

    Returns:
        The counts, shards included, and every skipped document with its reason.
    """
    report = IngestReport()
    tick = progress or (lambda _report: None)

    def pending() -> Iterator[Shard]:
        for shard in split_shards(_new_articles(sources, writer.has, report, tick, shard_size, read), shard_size):
            if writer.is_done(shard.name):
                report.shards_done += 1
                report.already_present += len(shard.articles)
                tick(report)
                continue
            yield shard

    for shard in extract(pending()):
        report.extracted += len(shard.articles)
        good = []
        for article in shard.articles:
            reason = _skip_reason(article, report)
            if reason:
                report.skipped.append((article.id, reason))
            else:
                good.append(article)
        refused = dict(writer.write(Shard(shard.name, good)))
        report.skipped += refused.items()
        good = [a for a in good if a.id not in refused]
        report.stored += len(good)
        report.quotes += sum(len(a.quotes) for a in good)
        report.shards_written += 1
        tick(report)
    return report


class StoreShards:
    """A store as a shard writer: each shard one transaction, stored articles never redone."""

    def __init__(self, store: Store, registry: SpeakerRegistry | None = None) -> None:
        self.store = store
        self.registry = registry

    def has(self, ids: Iterable[str]) -> set[str]:
        """The ids already stored: they are left out before sharding."""
        return self.store.has(ids)

    def is_done(self, name: str) -> bool:
        """Never by name: a store knows articles, not shards (stored ones are left out)."""
        return False

    def write(self, shard: Shard) -> list[tuple[str, str]]:
        """Store the shard's articles in one transaction; (id, reason) of those refused."""
        report = IngestReport()
        _store_batch(self.store, shard.articles, report, self.registry)
        return report.skipped


def load_shards(shards: ShardDir, store: Store, *, batch_size: int = 64,
                progress: Callable[[IngestReport], None] | None = None,
                registry: SpeakerRegistry | None = None) -> IngestReport:
    """Merge a folder of Parquet shards into a store; articles already stored are left alone.

    Loading the same folder twice adds and rewrites nothing; a load killed midway loses at most
    its current batch, which loading again redoes.

    Args:
        shards: The folder an ingest with ``--out`` (or ``--ray``) wrote.
        store: Where the articles go (upsert by id).
        batch_size: Articles per transaction.
        progress: Called with the running report after each batch.

    Returns:
        ``read`` counts the articles in the shards, ``stored`` those written now,
        ``already_present`` those the store held; an unreadable shard is in ``skipped``.
    """
    report = IngestReport()
    tick = progress or (lambda _report: None)
    for name in shards.names():
        try:
            ids = shards.ids(name)
            missing = set(ids) - store.has(ids)
            articles = shards.read(name, only=missing) if missing else []
        except GuillemetError as exc:
            report.skipped.append((name, str(exc)))
            continue
        report.read += len(ids)
        report.already_present += len(ids) - len(articles)
        for start in range(0, len(articles), batch_size):
            _store_batch(store, articles[start:start + batch_size], report, registry)
            tick(report)
    tick(report)
    return report


def _new_articles(sources: Iterable[str], has: Callable[[set[str]], set[str]], report: IngestReport,
                  tick: Callable[[IngestReport], None], batch_size: int,
                  read: ReadOptions | None = None) -> Iterator[Article]:
    """The articles read (and prepared, as ``guillemet extract`` does: boilerplate marked,
    language identified, published date found) from ``sources`` that ``has`` does not know,
    each id once.

    Unreadable documents go to ``report.skipped``; known and repeated ids are counted as
    already present and not yielded.
    """
    seen: set[str] = set()
    stream = iter(prepare(read_articles(sources, options=read)))
    while chunk := list(islice(stream, batch_size)):
        articles = [x for x in chunk if isinstance(x, Article)]
        for x in chunk:
            if isinstance(x, Skipped):
                report.skipped.append((x.source, x.reason))
        present = has({a.id for a in articles} - seen)
        for article in articles:
            report.read += 1
            if article.id in present or article.id in seen:
                report.already_present += 1
                tick(report)
                continue
            seen.add(article.id)
            yield article
        tick(report)


def speaker_registry(store: Store, aliases: str | Path | None = None, lang: str = "fr") -> SpeakerRegistry:
    """A registry of speaker ids across articles, knowing every name the store holds.

    Args:
        store: Its stored speakers seed the registry, so a new article's "Poutine" joins a
            stored "Vladimir Poutine", and a stored "Poutine" moves when "Vladimir Poutine"
            arrives.
        aliases: The user's alias table (CSV: alias, canonical name, optional Wikidata id).
        lang: Language of the names.

    Raises:
        UnreadableFile, InputError: The alias table cannot be read (see AliasTable.from_csv).
    """
    registry = SpeakerRegistry(AliasTable.from_csv(aliases, lang) if aliases else None, lang)
    for name, kind, sid in store.speaker_names():
        registry.know(name, kind, sid)
    return registry


def _store_batch(store: Store, batch: list[Article], report: IngestReport,
                 registry: SpeakerRegistry | None = None) -> None:
    """One transaction; if the store refuses it, retry article by article and skip the bad ones.

    With a registry, speakers get their ids across articles first, and ids that names of this
    batch changed are rewritten in what was stored before.
    """
    if not batch:
        return
    if registry is not None:
        registry.assign(batch)
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
    if registry is not None:
        store.rename_speakers(registry.refresh())
