"""``guillemet ingest``: read files into the store, extracting quotes from new articles."""

from __future__ import annotations

import sys

import click

from guillemet.ingest import IngestReport, ingest
from guillemet.store import DEFAULT_DB, open_store


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True,
              help="SQLite file path or postgresql:// URL.")
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(1, 10_000),
              help="Articles per transaction.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: when stderr is a terminal).")
def command(paths: tuple[str, ...], db: str, batch_size: int, progress: bool | None) -> None:
    """Read articles from PATHS, extract their quotes and store them in --db.

    Articles already stored (same id) are neither extracted nor written again, so rerunning
    is cheap and a run interrupted midway can simply be rerun. Exits with status 1 when any
    document was skipped; the summary says why.

    Example:

        guillemet ingest articles.jsonl --db guillemet.db
    """
    from tqdm import tqdm

    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(unit=" articles", file=sys.stderr, disable=not show, dynamic_ncols=True)

    def on_progress(report: IngestReport) -> None:
        if report.read > bar.n:
            bar.update(report.read - bar.n)
            bar.set_postfix(quotes=report.quotes, stored=report.stored, refresh=False)

    with open_store(db) as store:
        report = ingest(paths, store, batch_size=batch_size, progress=on_progress)
    bar.set_postfix(quotes=report.quotes, stored=report.stored)
    bar.close()
    click.echo(report.summary(), err=True)
    if report.skipped:
        sys.exit(1)
