"""The web app: server-rendered search, speaker and article pages, and the REST API.

    app = create_app(open_store("guillemet.db"))   # then: uvicorn.run(app)

Pages are Jinja2 templates with autoescaping on: article text and quotes are hostile input.
No asset comes from outside the app (no CDN): CSS, JS and the API docs' Swagger UI are local.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from guillemet.errors import require
from guillemet.record import Article
from guillemet.store import Store

HERE = Path(__file__).parent


def http_url(url: str | None) -> str | None:
    """The URL if it is http(s), else None: a ``javascript:`` link in a source is not followed."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None


def _default_extract(article: Article) -> Article:
    from guillemet.pipeline import get_extractor

    return get_extractor()(article)  # routes the article by its own language


def create_app(store: Store, extract: Callable[[Article], Article] | None = None):
    """The FastAPI application over a store.

    Args:
        store: Where quotes are searched; the app does not close it.
        extract: What ``POST /api/extract`` runs on an Article; default the local extractor
            (model loaded on first use).

    Returns:
        A FastAPI app; OpenAPI docs at ``/docs``.

    Raises:
        MissingExtra: FastAPI or Jinja2 is missing (``pip install 'guillemet[web]'``).
    """
    require("jinja2", "web")
    fastapi = require("fastapi", "web")
    from fastapi.staticfiles import StaticFiles
    from fastapi.templating import Jinja2Templates

    from guillemet.web import api, french, pages
    from guillemet.web.errors import BodySizeLimit, install_error_handlers

    app = fastapi.FastAPI(title="guillemet", summary="Who said what in the news: quotes, speakers, articles.",
                          docs_url=None, redoc_url=None)
    app.state.store = store
    app.state.extract = extract or _default_extract
    templates = Jinja2Templates(directory=str(HERE / "templates"))  # autoescapes .html
    templates.env.filters["http_url"] = http_url
    french.install(templates.env)
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _mount_docs(app)
    install_error_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=api.MAX_EXTRACT_BYTES, paths=("/api/extract",))
    app.include_router(api.router)
    app.include_router(pages.export_router)
    app.include_router(pages.router)
    return app


def _mount_docs(app) -> None:
    """Swagger UI at /docs from local files (fastapi-offline's bundle); CDN version otherwise."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles

    try:
        import fastapi_offline

        assets = Path(fastapi_offline.__file__).parent / "static"
    except ImportError:
        assets = None
    if assets is not None and (assets / "swagger-ui-bundle.js").exists():
        app.mount("/docs-static", StaticFiles(directory=str(assets)), name="docs-static")
        urls = {"swagger_js_url": "/docs-static/swagger-ui-bundle.js",
                "swagger_css_url": "/docs-static/swagger-ui.css",
                "swagger_favicon_url": "/docs-static/favicon.png"}
    else:
        urls = {}

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(openapi_url="/openapi.json", title="guillemet API", **urls)


__all__ = ["create_app"]
