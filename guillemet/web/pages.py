"""Server-rendered pages: search, speaker, article, and export of a search."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, StreamingResponse

from guillemet.record import QUOTE_KINDS, to_dict
from guillemet.store import SearchQuery
from guillemet.store.export import FORMATS, iter_export
from guillemet.web.api import search_query
from guillemet.web.errors import NotFound
from guillemet.web.render import segments, speaker_colours, speaker_key, timeline

router = APIRouter(include_in_schema=False)


def _filters(query: SearchQuery) -> dict[str, str]:
    names = ("q", "speaker", "outlet", "kind", "since", "until")
    return {k: getattr(query, k) for k in names if getattr(query, k)}


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, query: SearchQuery = Depends(search_query)):
    """The search form and one page of results."""
    store = request.app.state.store
    result = store.search(query)
    filters = _filters(query)

    def page_url(offset: int) -> str:
        return "/?" + urlencode({**filters, "limit": query.limit, "offset": max(offset, 0)})

    return request.app.state.templates.TemplateResponse(request, "search.html", {
        "query": query, "result": result, "kinds": QUOTE_KINDS, "outlets": store.outlets(),
        "prev_url": page_url(query.offset - query.limit) if query.offset > 0 else None,
        "next_url": page_url(query.offset + query.limit) if query.offset + query.limit < result.total else None,
        "export_csv": "/export?" + urlencode({**filters, "format": "csv"}),
        "export_jsonl": "/export?" + urlencode({**filters, "format": "jsonl"}),
        "first": query.offset + 1 if result.items else 0, "last": query.offset + len(result.items),
    })


@router.get("/speakers/{speaker_id:path}", response_class=HTMLResponse)
def speaker_page(request: Request, speaker_id: str, offset: int = 0):
    """A speaker's aliases, quotes per week, speakers quoted alongside, and their quotes."""
    store = request.app.state.store
    profile = store.speaker_profile(speaker_id)
    if profile is None:
        raise NotFound(f"No speaker {speaker_id!r} in the store.")
    quotes = store.search(SearchQuery(speaker=speaker_id, limit=50, offset=max(offset, 0)))
    return request.app.state.templates.TemplateResponse(request, "speaker.html", {
        "profile": profile, "quotes": quotes, "chart": timeline(profile.weekly), "offset": max(offset, 0),
    })


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str):
    """The article text with each quote highlighted in its speaker's colour."""
    article = request.app.state.store.get_article(article_id)
    if article is None:
        raise NotFound(f"No article {article_id!r} in the store.")
    colours = speaker_colours(article.quotes)
    legend = []
    for q in article.quotes:
        key = speaker_key(q)
        if key and all(item["key"] != key for item in legend):
            legend.append({"key": key, "name": q.speaker or key, "id": q.speaker_id, "colour": colours[key]})
    details = [{"kind": q.kind, "cue": q.cue_text, "speaker": q.speaker, "speaker_id": q.speaker_id,
                "mention": q.speaker_mention_text, "confidence": round(q.confidence, 2),
                "content": q.content_text, "dates": to_dict(q.dates), "numbers": to_dict(q.numbers)}
               for q in article.quotes]
    return request.app.state.templates.TemplateResponse(request, "article.html", {
        "article": article, "segments": segments(article), "legend": legend, "details": details,
    })


@router.get("/export")
def export(request: Request, format: str = "csv", query: SearchQuery = Depends(search_query)):
    """Every quote of a search as a CSV or JSONL download."""
    hits = request.app.state.store.search_all(query)
    chunks = iter_export(hits, format)  # raises InputError for an unknown format, before streaming
    return StreamingResponse(chunks, media_type=f"{FORMATS[format]}; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="quotes.{format}"'})
