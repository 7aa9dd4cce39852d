"""``guillemet load``: merge the Parquet shards of a sharded ingest into the store."""

from __future__ import annotations

import sys

import click

from guillemet.cli.options import db_option
from guillemet.errors import UnreadableFile
from guillemet.store import open_store


@click.command("load")
@click.argument("directory", type=click.Path(file_okay=False))
@db_option
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(1, 10_000),
              help="Articles per transaction.")
@click.option("--aliases", type=click.Path(dir_okay=False), default=None,
              help="Alias table (CSV: alias,canonical name[,Wikidata id]) to merge or split speakers.")
def command(directory: str, db: str, batch_size: int, aliases: str | None) -> None:
    """Store the articles of the Parquet shards in DIRECTORY (written by `ingest --out` or `--ray`).

    Articles already in the store are left alone, so loading twice adds nothing, and a load
    interrupted midway can simply be run again. Exits with status 1 when a shard could not
    be read; the summary names it.

    Example:

        guillemet load shards/ --db guillemet.db
    """
    from guillemet.ingest import load_shards, speaker_registry
    from guillemet.shards import ShardDir

    shards = ShardDir(directory)
    names = shards.names()
    if not names:
        raise UnreadableFile(f"no Parquet shards (shard-*.parquet) in {directory!r}: write them with "
                             f"`guillemet ingest PATHS --out {directory}` (or --ray) first.")
    with open_store(db) as store:
        report = load_shards(shards, store, batch_size=batch_size, registry=speaker_registry(store, aliases))
    click.echo(f"{len(names)} shards in {directory}", err=True)
    click.echo(report.summary(), err=True)
    if report.skipped:
        sys.exit(1)
