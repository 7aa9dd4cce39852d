"""``guillemet export``: write the quotes of a search as JSONL or CSV."""

from __future__ import annotations

import click

from guillemet.cli.options import db_option
from guillemet.store import SearchQuery, open_store
from guillemet.store.export import FORMATS, iter_export


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="jsonl", show_default=True)
@click.option("-q", "--query", "q", help='Words to find in quotes: any form, accents ignored; "a phrase", '
                                         "a OR b, NOT b, prefix*.")
@click.option("--speaker", help="Speaker id, or a name, surname, alias or part of one.")
@click.option("--outlet", help="Outlet, case ignored (lemonde.fr).")
@click.option("--kind", help="direct, indirect, mixed or according_to.")
@click.option("--speaker-type", help="person, organisation, media, document, group or unknown.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True,
              help="Most relevant first, or newest first.")
@click.option("--since", help="Published on or after (YYYY-MM-DD).")
@click.option("--until", help="Published on or before (YYYY-MM-DD).")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Output file (default: stdout).")
def command(db: str, fmt: str, q: str | None, speaker: str | None, outlet: str | None,
            kind: str | None, speaker_type: str | None, sort: str, since: str | None, until: str | None,
            output) -> None:
    """Write every quote matching the filters (all quotes without filters).

    Example:

        guillemet export --db guillemet.db --format csv --speaker person:paul-durand -o durand.csv
    """
    query = SearchQuery(q=q, speaker=speaker, outlet=outlet, kind=kind, speaker_type=speaker_type, since=since,
                        until=until, sort=sort).checked()
    with open_store(db) as store:
        for chunk in iter_export(store.search_all(query), fmt):
            output.write(chunk)
