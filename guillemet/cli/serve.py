"""``guillemet serve``: the web UI and REST API over a store."""

from __future__ import annotations

import click

from guillemet.cli.options import db_option, model_option


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int)
@model_option
@click.option("--preload/--no-preload", default=True, show_default=True,
              help="Load the model before serving, so the first POST /api/extract does not wait for it.")
def command(db: str, host: str, port: int, model: str | None, preload: bool) -> None:
    """Serve search pages, speaker and article pages, and the REST API (/api, docs at /docs).

    The model POST /api/extract uses is loaded at start (a few seconds), not on the first request.

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

    store = open_store(db)
    if preload:
        click.echo(f"loading {model or 'the French model'} for /api/extract…", err=True)
        get_extractor("fr", model)
    click.echo(f"serving {db} on http://{host}:{port}/ (API docs at /docs)", err=True)
    try:
        uvicorn.run(create_app(store, extract=extract), host=host, port=port, log_level="warning")
    finally:
        store.close()
