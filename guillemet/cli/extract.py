"""``guillemet extract``: print the quotes of articles."""

from __future__ import annotations

import sys

import click

from guillemet.cli.options import model_option, read_options, reading_options
from guillemet.output import jsonl_line, table
from guillemet.readers import Skipped, prepare, read_articles


@click.command("extract")
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["auto", "jsonl", "table"]), default="auto",
              help="Output: a table on a terminal, JSONL when piped (auto).")
@reading_options
@model_option
@click.option("--batch-size", default=16, show_default=True, help="Articles per parser batch.")
@click.option("--workers", default=1, show_default=True, help="Local processes (model loaded once each).")
def command(sources, fmt, lang, model, batch_size, input_format, fields, workers):
    """Find who said what in text or JSONL files ("-" reads standard input).

    A file or line that cannot be read is named on stderr and skipped; the exit code is then 1.

    Example:

        guillemet extract --format jsonl samples/articles.jsonl > quotes.jsonl
    """
    from guillemet.lang import SUPPORTED
    from guillemet.pipeline import get_extractor

    if fmt == "auto":
        fmt = "table" if sys.stdout.isatty() else "jsonl"
    items = read_articles(sources, options=read_options(lang, input_format, fields))
    skipped = 0

    def good_articles():
        nonlocal skipped
        for item in prepare(items):
            if isinstance(item, Skipped):
                skipped += 1
                click.echo(f"skipped {item.source}: {item.reason}", err=True)
                continue
            yield item

    if workers > 1:
        from guillemet.executors.local import extract_parallel

        results = extract_parallel(good_articles(), workers=workers, lang=lang, model=model,
                                   batch_size=batch_size)
    else:
        results = get_extractor(lang, model).pipe(good_articles(), batch_size=batch_size)
    out = sys.stdout.buffer
    for article in results:
        if article.status == "unsupported_language":
            click.echo(f"not analysed {article.id}: no pipeline for language {article.lang!r} "
                       f"(supported: {', '.join(SUPPORTED)})", err=True)
        if article.status == "error":
            skipped += 1
            click.echo(f"failed {article.id}: {article.meta.get('error')}", err=True)
        if fmt == "jsonl":
            out.write(jsonl_line(article))
        else:
            out.write((table(article) + "\n").encode("utf-8"))
    out.flush()
    if skipped:
        click.echo(f"{skipped} document(s) skipped", err=True)
        sys.exit(1)
