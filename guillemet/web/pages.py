"""Server-rendered pages: search (facets, timeline, grouped quotes), speakers, a speaker, a
quote with its occurrences and variants, the gender overview, an article; export of a search."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, StreamingResponse

from guillemet.record import QUOTE_KINDS, SPEAKER_TYPES, to_dict
from guillemet.store import SearchQuery
from guillemet.store.export import FORMATS, iter_export
from guillemet.variants import diff_words
from guillemet.web.api import SEARCH_SYNTAX, search_query
from guillemet.web.errors import NotFound
from guillemet.web.french import day_fr_short, month_fr
from guillemet.web.render import (every_month, gender_bar, marked, month_bounds, segments, speaker_colours,
                                  speaker_key, timeline)

router = APIRouter(include_in_schema=False)
#: The export download, described in the OpenAPI docs beside /api.
export_router = APIRouter(tags=["export"])

#: Page size of the speakers list and a speaker's quotes.
PAGE = 50


def _carried(query: SearchQuery, group: str | None = None) -> dict[str, str]:
    """What a link from a search page carries: its filters, sort and grouping."""
    params = query.filters()
    if query.sort != "relevance":
        params["sort"] = query.sort
    if group:
        params["group"] = group
    return params


def _url(path: str, params: dict, **changes: str | None) -> str:
    merged = {k: v for k, v in {**params, **changes}.items() if v not in (None, "")}
    return path + ("?" + urlencode(merged) if merged else "")


def _facet_blocks(query: SearchQuery, facets, carried: dict) -> list[dict]:
    """The facet lists of a search page: each value links to the search with it as a filter."""
    from guillemet.web.french import KINDS, SPEAKER_TYPES as TYPES

    def block(title: str, name: str, values, label=lambda v: v.label) -> dict:
        items = [{"label": label(v), "count": v.count, "active": getattr(query, name) == v.value,
                  "href": _url("/", carried, **{name: v.value, "offset": None})} for v in values]
        return {"title": title, "name": name, "items": items}

    months = []
    for v in reversed(facets.month):
        since, until = month_bounds(v.value)
        months.append({"label": month_fr(v.value), "count": v.count,
                       "active": (query.since, query.until) == (since, until),
                       "href": _url("/", carried, since=since, until=until, offset=None)})
    return [
        block("Sources", "speaker", facets.speaker),
        block("Médias", "outlet", facets.outlet),
        block("Type de citation", "kind", facets.kind, lambda v: KINDS.get(v.value, v.value)),
        block("Type de source", "speaker_type", facets.speaker_type, lambda v: TYPES.get(v.value, v.value)),
        {"title": "Mois", "name": "month", "items": months},
    ]


def _chips(query: SearchQuery, carried: dict) -> list[dict]:
    """The filters in force, each with a link that removes it."""
    from guillemet.web.french import KINDS, SPEAKER_TYPES as TYPES, date_fr

    shown = {"speaker": ("Source", query.speaker), "outlet": ("Média", query.outlet),
             "kind": ("Type", KINDS.get(query.kind or "", query.kind)),
             "speaker_type": ("Type de source", TYPES.get(query.speaker_type or "", query.speaker_type)),
             "since": ("Depuis le", date_fr(query.since)), "until": ("Jusqu’au", date_fr(query.until))}
    return [{"label": f"{title} : {value}", "href": _url("/", carried, **{name: None, "offset": None})}
            for name, (title, value) in shown.items() if getattr(query, name)]


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, query: SearchQuery = Depends(search_query),
                group: Annotated[str | None, Query()] = None):
    """The search form, facets, the query's quotes per month, and one page of results (or of
    distinct quotes with ``group=quote``)."""
    store = request.app.state.store
    grouped = group == "quote"
    result = store.quote_groups(query) if grouped else store.search(query)
    facets = store.facets(query)
    carried = _carried(query, "quote" if grouped else None)

    def page_url(offset: int) -> str:
        return _url("/", {**carried, "limit": query.limit}, offset=str(max(offset, 0)))

    def month_link(month: str) -> str:
        since, until = month_bounds(month)
        return _url("/", carried, since=since, until=until, offset=None)

    hits = [{"hit": h, "pieces": marked(h.quote.content_text, h.highlights)} for h in result.items] \
        if not grouped else []
    return request.app.state.templates.TemplateResponse(request, "search.html", {
        "query": query, "result": result, "grouped": grouped, "hits": hits,
        "kinds": QUOTE_KINDS, "types": SPEAKER_TYPES, "outlets": store.outlets(), "syntax": SEARCH_SYNTAX,
        "facets": _facet_blocks(query, facets, carried), "chips": _chips(query, carried),
        "chart": timeline(every_month([(f.value, f.count) for f in facets.month]), height=120,
                          label=lambda m: month_fr(m, short=True), link=month_link),
        "toggle_group": _url("/", carried, group=None if grouped else "quote", offset=None),
        "prev_url": page_url(query.offset - query.limit) if query.offset > 0 else None,
        "next_url": page_url(query.offset + query.limit) if query.offset + query.limit < result.total else None,
        "export_csv": "/export?" + urlencode({**query.filters(), "format": "csv"}),
        "export_jsonl": "/export?" + urlencode({**query.filters(), "format": "jsonl"}),
        "first": query.offset + 1 if result.items else 0, "last": query.offset + len(result.items),
    })


@router.get("/speakers", response_class=HTMLResponse)
def speakers_page(request: Request, q: str | None = None, type: str | None = None, outlet: str | None = None,
                  offset: int = 0):
    """Speakers ranked by number of quotes, filtered by name, type and outlet."""
    store = request.app.state.store
    SearchQuery(speaker_type=type or None).checked()
    offset = max(offset, 0)
    total, items = store.list_speakers(q=q, type=type or None, outlet=outlet or None, limit=PAGE, offset=offset)
    params = {k: v for k, v in {"q": q, "type": type, "outlet": outlet}.items() if v}
    return request.app.state.templates.TemplateResponse(request, "speakers.html", {
        "items": items, "total": total, "offset": offset, "q": q or "", "type": type or "", "outlet": outlet or "",
        "types": SPEAKER_TYPES, "outlets": store.outlets(),
        "prev_url": _url("/speakers", params, offset=str(offset - PAGE)) if offset > 0 else None,
        "next_url": _url("/speakers", params, offset=str(offset + PAGE)) if offset + PAGE < total else None,
    })


@router.get("/speakers/{speaker:path}", response_class=HTMLResponse)
def speaker_page(request: Request, speaker: str, offset: int = 0):
    """A speaker (by id or name): aliases, gender, quotes per week, outlets quoting them,
    speakers quoted alongside, and their quotes."""
    store = request.app.state.store
    found = store.find_speaker(speaker)
    profile = store.speaker_profile(found.id) if found else None
    if profile is None:
        raise NotFound(f"No speaker {speaker!r} in the store.")
    quotes = store.search(SearchQuery(speaker=profile.speaker.id, limit=PAGE, offset=max(offset, 0)))
    return request.app.state.templates.TemplateResponse(request, "speaker.html", {
        "profile": profile, "quotes": quotes, "chart": timeline(profile.weekly, label=day_fr_short),
        "offset": max(offset, 0),
        "hits": [{"hit": h, "pieces": marked(h.quote.content_text, [])} for h in quotes.items],
    })


@router.get("/quotes/{key}", response_class=HTMLResponse)
def quote_page(request: Request, key: str, speaker_id: str | None = None):
    """One quote with every occurrence (outlets, dates), and its variants side by side with
    the differing words marked."""
    group = request.app.state.store.quote_group(key, speaker_id or None)
    if group is None:
        raise NotFound(f"No quote {key!r} by {speaker_id!r} in the store.")
    diffs = [{"variant": v, "sides": diff_words(group.content_text, v.content_text)} for v in group.variants]
    return request.app.state.templates.TemplateResponse(request, "quote.html", {"group": group, "diffs": diffs})


@router.get("/overview", response_class=HTMLResponse)
def overview_page(request: Request, query: SearchQuery = Depends(search_query)):
    """Who gets quoted: the share of quotes by women, men and unknown, per outlet and month."""
    store = request.app.state.store
    found = store.gender_overview(query)

    def rows(shares):
        return [{"key": s.key, "total": s.total, "bar": gender_bar(s.female, s.male, s.unknown)} for s in shares]

    return request.app.state.templates.TemplateResponse(request, "overview.html", {
        "query": query, "outlets": store.outlets(), "overall": rows([found.overall])[0],
        "by_outlet": rows(found.outlets), "by_month": rows(found.months),
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
    from guillemet.web.french import KINDS

    details = [{"kind": KINDS.get(q.kind, q.kind), "cue": q.cue_text, "speaker": q.speaker,
                "speaker_id": q.speaker_id, "mention": q.speaker_mention_text, "confidence": round(q.confidence, 2),
                "content": q.content_text, "dates": to_dict(q.dates), "numbers": to_dict(q.numbers)}
               for q in article.quotes]
    return request.app.state.templates.TemplateResponse(request, "article.html", {
        "article": article, "segments": segments(article), "legend": legend, "details": details,
    })


@export_router.get("/export", responses={
    200: {"description": "Every quote of the search, one per line (JSONL: the same items as "
                         "/api/quotes; CSV: the article's columns, then the quote's).",
          "content": {"text/csv": {"schema": {"type": "string"}},
                      "application/x-ndjson": {"schema": {"type": "string"}}}},
    400: {"description": "An unknown format or a bad filter: {\"error\": {\"code\", \"message\"}}."}})
def export(request: Request, query: SearchQuery = Depends(search_query),
           format: Annotated[str, Query(description="csv or jsonl")] = "csv"):
    """Every quote of a search (the filters of /api/quotes; limit and offset ignored) as a CSV
    or JSONL download, in the search's order."""
    hits = request.app.state.store.search_all(query)
    chunks = iter_export(hits, format)  # raises InputError for an unknown format, before streaming
    return StreamingResponse(chunks, media_type=f"{FORMATS[format]}; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="quotes.{format}"'})

