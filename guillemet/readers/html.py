"""HTML pages: main text and metadata with trafilatura (no menus, footers or share buttons)."""

from __future__ import annotations

import re
from functools import lru_cache

from guillemet.readers.options import ReadOptions, Skipped
from guillemet.record import Article

#: The reason given for a page with no main text; WARC readers count these as not articles.
NO_MAIN_TEXT = "no main text found in this HTML page (menu, index or empty page?)"

_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?", re.IGNORECASE)


@lru_cache(maxsize=1)
def _trafilatura():
    import trafilatura

    return trafilatura


def html_lang(data: bytes) -> str | None:
    """The language the page declares in ``<html lang="...">``, lower-case, if any."""
    match = _HTML_LANG.search(data[:8192])
    return match.group(1).decode("ascii").lower() if match else None


def read_html(data: bytes, name: str, options: ReadOptions | None = None, *,
              url: str | None = None) -> Article | Skipped:
    """One article from an HTML page: trafilatura's main text, title, date, author and site.

    Args:
        data: The page's bytes (trafilatura finds the encoding).
        name: Where it came from, for ``Skipped.source`` and ``meta["source"]``.
        options: Size limit, fast mode, default language.
        url: The page's URL when known (a WARC record's); else the page's canonical URL.

    Returns:
        The article (``text`` is the extracted main text, which every offset indexes), or a
        Skipped when the page has no main text.
    """
    options = options or ReadOptions()
    if len(data) > options.max_bytes:
        return Skipped(name, f"HTML page larger than the {options.max_bytes:,}-byte limit; "
                             "raise ReadOptions.max_bytes (--max-bytes) to read it")
    if not data.strip():
        return Skipped(name, "empty file (no HTML)")
    try:
        doc = _trafilatura().bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=False,
            fast=options.html_fast)
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        return Skipped(name, f"HTML could not be parsed ({type(exc).__name__}: {exc})")
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        return Skipped(name, NO_MAIN_TEXT)
    lang = html_lang(data)
    meta = {"source": name, "lang_source": "source" if lang else "default"}
    if doc.author:
        meta["author"] = doc.author
    if doc.date:
        meta["published_from"] = "html"
    return Article(
        text=text,
        url=url or doc.url or None,
        outlet=doc.sitename or doc.hostname or None,
        published=doc.date or None,
        lang=lang or options.default_lang,
        title=doc.title or None,
        meta=meta,
    )
