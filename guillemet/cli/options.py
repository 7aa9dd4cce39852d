"""Options several verbs share, declared once: how to read the input, which model."""

from __future__ import annotations

import click

from guillemet.readers import INPUT_FORMATS
from guillemet.store import DEFAULT_DB
from guillemet.readers.options import Fields, ReadOptions


def reading_options(command):
    """``--lang``, ``--input-format`` and ``--field``, as ``extract`` and ``ingest`` take them."""
    for option in reversed((
        click.option("--lang", default="fr", show_default=True,
                     help="Language of articles that do not say (and of the extractor)."),
        click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True,
                     help="Input format; auto sniffs extension and content."),
        click.option("--field", "fields", multiple=True, metavar="FIELD=KEY",
                     help="JSONL key for an article field, e.g. text=content (repeatable)."),
    )):
        command = option(command)
    return command


def read_options(lang: str, input_format: str, fields: tuple[str, ...]) -> ReadOptions:
    """The reader options the shared flags name.

    Raises:
        click.UsageError: An unknown field name or a malformed FIELD=KEY.
    """
    try:
        return ReadOptions(input_format=input_format, fields=Fields.parse(list(fields)), default_lang=lang)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


#: ``--db``: where the store is (ingest, load, export, serve).
db_option = click.option("--db", default=DEFAULT_DB, show_default=True,
                         help="SQLite file path or postgresql:// URL.")

#: ``--model``: the spaCy model of the default language (extract, ingest, eval).
model_option = click.option("--model", default=None,
                            help="spaCy model for articles in the default language (default: the "
                                 "language's own, fr_core_news_md for French); other languages use "
                                 "their own.")
