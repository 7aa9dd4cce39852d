"""``guillemet serve``: the web UI and REST API over a store."""

from __future__ import annotations

import click

from guillemet.cli.options import db_option, model_option


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--extract-workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Texts POST /api/extract analyses at once.")
@click.option("--extract-waiting", default=8, show_default=True, type=click.IntRange(0, 10_000),
              help="Texts waiting their turn; one more is refused with 429 (retry later).")
@model_option
@click.option("--preload/--no-preload", default=True, show_default=True,
              help="Load the model before serving, so the first POST /api/extract does not wait for it.")
def command(db: str, host: str, port: int, extract_workers: int, extract_waiting: int, model: str | None,
            preload: bool) -> None:
    """Serve search pages, speaker and article pages, and the REST API (/api, docs at /docs).

    The model POST /api/extract uses is loaded at start (a few seconds), not on the first request.
    The store is opened for reading only: a file on a read-only disk works, and an ingest may
    write to it meanwhile.

    Example:

        guillemet serve --db guillemet.db --port 8000
    """
    from guillemet.errors import require
    from guillemet.store import open_store

    uvicorn = require("uvicorn", "web")
    from guillemet.web import create_app

    from guillemet.pipeline import get_extractor

    def extract(article):
        return get_extractor(article.lang, model)(article)

    store = open_store(db, readonly=True)
    if preload:
        click.echo(f"loading {model or 'the French model'} for /api/extract…", err=True)
        get_extractor("fr", model)
    click.echo(f"serving {db} on http://{host}:{port}/ (API docs at /docs)", err=True)
    try:
        app = create_app(store, extract=extract, extract_workers=extract_workers, extract_waiting=extract_waiting)
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        store.close()
