"""``guillemet ingest``: read files into the store, extracting quotes from new articles."""

from __future__ import annotations

import re
import sys

import click

import guillemet.ingest
from guillemet.cli.options import db_option, model_option, read_options, reading_options
from guillemet.ingest import IngestReport
from guillemet.store import is_postgres_url, open_store

#: What ``--ray`` accepts besides nothing: Ray's own address forms.
_RAY_ADDRESS = re.compile(r"local|auto|[a-z]+://\S+|[\w.-]+:\d+")


@click.command("ingest")
@click.argument("paths", nargs=-1)
@db_option
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(1, 10_000),
              help="Articles per transaction; with --ray or --out each shard is written whole instead.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 4096),
              help="Processes extracting at once (Ray actors with --ray), the model loaded once in each.")
@model_option
@reading_options
@click.option("--ray", "ray_address", is_flag=False, flag_value="", default=None, metavar="[ADDRESS]",
              help="Extract on Ray Data (needs guillemet[ray]): alone, a Ray on this machine; or a "
                   "cluster address (auto, ray://HEAD:10001). Writes --out, or --db if PostgreSQL.")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Write Parquet shards to this folder instead of --db; `guillemet load` merges them.")
@click.option("--shard-size", default=500, show_default=True, type=click.IntRange(1, 1_000_000),
              help="Articles per shard with --ray or --out: a rerun skips shards already written.")
@click.option("--aliases", type=click.Path(dir_okay=False), default=None,
              help="Alias table (CSV: alias,canonical name[,Wikidata id]) to merge or split speakers.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: when stderr is a terminal): the total counted "
                   "ahead, the ETA, and the model while it loads.")
def command(paths: tuple[str, ...], db: str, batch_size: int, workers: int, model: str | None,
            lang: str, input_format: str, fields: tuple[str, ...],
            ray_address: str | None, out: str | None, shard_size: int, aliases: str | None,
            progress: bool | None) -> None:
    """Read articles from PATHS, extract their quotes and store them in --db.

    Articles already stored (same id) are neither extracted nor written again, so rerunning
    is cheap and a run interrupted midway can simply be rerun. With --ray or --out the input
    is cut into shards, and a rerun skips every shard already written. Speakers get one id
    across the store ("Poutine" here, "Vladimir Poutine" there), which --aliases can merge or
    split. Exits with status 1 when any document was skipped; the summary says why.

    Examples:

        guillemet ingest articles.jsonl --db guillemet.db --workers 2

        guillemet ingest export.jsonl --field text=content --field published=date

        guillemet ingest news.jsonl.gz --ray --workers 8 --out shards/ && guillemet load shards/
    """
    from tqdm import tqdm

    use_ray = ray_address is not None
    if use_ray and ray_address and not _RAY_ADDRESS.fullmatch(ray_address):
        raise click.UsageError(f"--ray took {ray_address!r} for a Ray address: put the input paths before "
                               "--ray, or give an address (local, auto, ray://HEAD:10001, HEAD:6379).")
    if not paths:
        raise click.UsageError("Missing argument 'PATHS...': name the files or folders to read.")
    if use_ray and not out and not is_postgres_url(db):
        raise click.UsageError("--ray writes Parquet shards unless --db is a postgresql:// URL: add "
                               f"--out DIR, then run `guillemet load DIR --db {db}`.")
    reading = read_options(lang, input_format, fields)
    if use_ray:
        from guillemet.executors.ray import ray_shard_stage

        shard_stage = ray_shard_stage(ray_address or None, workers=workers, lang=lang, model=model)
    else:
        extract = guillemet.ingest.default_extract_stage(lang=lang, workers=workers, model=model)
        shard_stage = guillemet.ingest.local_shard_stage(extract)

    show = sys.stderr.isatty() if progress is None else progress
    total = None
    if show:
        from guillemet.progress import count_documents

        total = count_documents(paths, reading)
    model_name = model or _model_of(lang)
    bar = tqdm(total=total, unit=" articles", file=sys.stderr, disable=not show, dynamic_ncols=True,
               desc="reading")

    shown = {"label": "reading"}

    def on_progress(report: IngestReport) -> None:
        from guillemet.progress import stage_label

        label = stage_label(report, model_name)
        if label != shown["label"]:
            shown["label"] = label
            bar.set_description(label, refresh=False)
        if report.read > bar.n:
            bar.update(report.read - bar.n)
            bar.set_postfix(quotes=report.quotes, stored=report.stored, refresh=False)

    def sharded(writer) -> IngestReport:
        return guillemet.ingest.ingest_shards(paths, writer, shard_stage, shard_size=shard_size,
                                              progress=on_progress, read=reading)

    if out:
        from guillemet.shards import ShardDir

        report = sharded(ShardDir(out))
    else:
        with open_store(db) as store:
            registry = guillemet.ingest.speaker_registry(store, aliases)
            if use_ray:
                report = sharded(guillemet.ingest.StoreShards(store, registry))
            else:
                report = guillemet.ingest.ingest(paths, store, extract=extract, batch_size=batch_size,
                                                 progress=on_progress, registry=registry, read=reading)
    bar.set_postfix(quotes=report.quotes, stored=report.stored)
    bar.close()
    click.echo(report.summary(), err=True)
    if out and report.stored:
        click.echo(f"merge them into a store with: guillemet load {out} --db {db}", err=True)
    if report.skipped:
        sys.exit(1)


def _model_of(lang: str) -> str:
    """The spaCy model a language loads by default (the bar names it while it loads)."""
    try:
        from guillemet.lang import get_language

        return get_language(lang).model
    except Exception:  # noqa: BLE001 - an unknown language fails later, with its own message
        return "the model"
