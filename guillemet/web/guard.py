"""What keeps the server up and its pages inert under hostile or heavy use.

    BodySizeLimit     a POST body is read up to a limit, chunked or not, before anything parses it
    ExtractQueue      at most N extractions at once, M more waiting; beyond that 429, not a pile-up
    SecurityHeaders   CSP (no script but ours), nosniff, no framing, no referrer to other sites

Each is plain ASGI or plain asyncio: no state outside the app that installs it.
"""

from __future__ import annotations

import asyncio
from typing import Any, Callable

from guillemet.errors import GuillemetError
from guillemet.web.errors import TooLarge, error_response

#: The pages' policy: scripts, styles, images and requests only from this server; inline
#: ``style`` attributes allowed (highlight colours), inline scripts never.
PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; "
               "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
               "frame-ancestors 'none'")
#: Swagger UI at /docs starts itself with an inline script.
DOCS_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
               "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


class Busy(GuillemetError):
    """Too many extractions running and waiting: come back later."""

    code = "busy"
    http_status = 429

    def __init__(self, message: str, retry_after: int = 5) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(retry_after)}


class BodySizeLimit:
    """ASGI middleware: a request to ``paths`` whose body exceeds ``max_bytes`` gets 413
    too_large. The body is counted as it arrives, so a chunked body (no Content-Length) is
    refused as soon as it passes the limit, never read whole."""

    def __init__(self, app, max_bytes: int, paths: tuple[str, ...]) -> None:
        self.app, self.max_bytes, self.paths = app, max_bytes, paths

    async def _refuse(self, scope, receive, send, size: int | str) -> None:
        exc = TooLarge(f"The request body is {size} bytes: send at most {self.max_bytes} bytes.")
        await error_response(exc.http_status, exc.code, str(exc))(scope, receive, send)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_bytes:
            await self._refuse(scope, receive, send, int(length))
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(scope, receive, send, f"more than {self.max_bytes}")
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body, given = b"".join(chunks), False

        async def replay() -> dict[str, Any]:
            nonlocal given
            if not given:
                given = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: wait for the client to go

        await self.app(scope, replay, send)


class ExtractQueue:
    """Runs extractions on worker threads, ``workers`` at a time, ``waiting`` more in line.

    A request beyond that is refused at once with :class:`Busy` (429, Retry-After), so a burst
    of long texts costs a bounded amount of CPU and memory instead of piling up threads.

    Args:
        workers: Extractions running at once (each holds a CPU core).
        waiting: Extractions queued behind them.
    """

    def __init__(self, workers: int = 1, waiting: int = 8) -> None:
        if workers < 1 or waiting < 0:
            raise ValueError("workers must be at least 1 and waiting at least 0")
        self.workers, self.waiting = workers, waiting
        self._inside = 0  # running + waiting
        self._slots: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(*args)`` on a worker thread once a slot is free.

        Raises:
            Busy: ``workers + waiting`` extractions are already in.
        """
        from starlette.concurrency import run_in_threadpool

        if self._inside >= self.workers + self.waiting:
            raise Busy(f"{self._inside} extractions are running or waiting (at most {self.workers} at once, "
                       f"{self.waiting} in line): retry in a few seconds.")
        self._inside += 1
        try:
            if self._loop is not asyncio.get_running_loop():  # one semaphore per event loop
                self._loop, self._slots = asyncio.get_running_loop(), asyncio.Semaphore(self.workers)
            async with self._slots:
                return await run_in_threadpool(fn, *args)
        finally:
            self._inside -= 1


class SecurityHeaders:
    """ASGI middleware: every response says how browsers must treat it (see PAGE_POLICY)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_POLICY if scope["path"] == "/docs" else PAGE_POLICY

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in (b"content-security-policy", b"x-content-type-options",
                                                b"x-frame-options", b"referrer-policy")]
                headers += [(b"content-security-policy", policy.encode()),
                            (b"x-content-type-options", b"nosniff"),
                            (b"x-frame-options", b"DENY"),
                            (b"referrer-policy", b"same-origin")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
