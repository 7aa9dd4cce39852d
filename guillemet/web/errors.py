"""Every error the web app returns, mapped in one place.

    GuillemetError (and subclasses)   its ``http_status`` and ``code``
    NotFound                          404 not_found
    TooLarge                          413 too_large (also guard.BodySizeLimit, before parsing)
    guard.Busy                        429 busy, with Retry-After (the extraction queue is full)
    request validation                422 invalid_request
    other HTTP errors                 their status, code "http_<status>"

Under ``/api`` the body is ``{"error": {"code": ..., "message": ...}}``; pages get the same
message in HTML.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from guillemet.errors import GuillemetError, InputError


class NotFound(GuillemetError):
    """No article or speaker with that id in the store."""

    code = "not_found"
    http_status = 404


class TooLarge(InputError):
    """A request body beyond the size limit."""

    code = "too_large"
    http_status = 413


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """The JSON body every API error has."""
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("body", "query", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "Invalid request: " + "; ".join(parts) + "."


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn errors into JSON (under /api) or an HTML page."""

    def respond(request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        if request.url.path.startswith("/api") or request.url.path.startswith("/export"):
            return error_response(status, code, message, headers)
        templates = request.app.state.templates
        return templates.TemplateResponse(request, "error.html", {"status": status, "code": code,
                                                                 "message": message}, status_code=status,
                                          headers=headers)

    @app.exception_handler(GuillemetError)
    async def guillemet_error(request: Request, exc: GuillemetError):
        return respond(request, exc.http_status, exc.code, str(exc), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        return respond(request, 422, "invalid_request", _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        code = "not_found" if exc.status_code == 404 else f"http_{exc.status_code}"
        message = "No such page." if exc.status_code == 404 else str(exc.detail)
        return respond(request, exc.status_code, code, message)
