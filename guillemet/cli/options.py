"""Options that several commands share, declared once (one name, one default, one help)."""

from __future__ import annotations

import click

from guillemet.store import DEFAULT_DB

#: ``--db``: where the store is (ingest, load, export, serve).
db_option = click.option("--db", default=DEFAULT_DB, show_default=True,
                         help="SQLite file path or postgresql:// URL.")

#: ``--model``: the spaCy model of the default language (extract, ingest, eval).
model_option = click.option("--model", default=None,
                            help="spaCy model for articles in the default language (default: the "
                                 "language's own, fr_core_news_md for French); other languages use "
                                 "their own.")
