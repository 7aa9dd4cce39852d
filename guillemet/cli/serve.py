"""``guillemet serve``: the web UI and REST API over a store."""

from __future__ import annotations

import click

from guillemet.cli.options import db_option


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int)
def command(db: str, host: str, port: int) -> None:
    """Serve search pages, speaker and article pages, and the REST API (/api, docs at /docs).

    Example:

        guillemet serve --db guillemet.db --port 8000
    """
    from guillemet.errors import require
    from guillemet.store import open_store

    uvicorn = require("uvicorn", "web")
    from guillemet.web import create_app

    store = open_store(db)
    click.echo(f"serving {db} on http://{host}:{port}/ (API docs at /docs)", err=True)
    try:
        uvicorn.run(create_app(store), host=host, port=port, log_level="warning")
    finally:
        store.close()
