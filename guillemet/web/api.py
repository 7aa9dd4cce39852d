"""The REST API under ``/api``: quotes search, speakers, articles, extraction of a text."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from guillemet.record import Article, to_dict
from guillemet.store import SearchQuery
from guillemet.store.export import hit_to_dict
from guillemet.errors import InputError
from guillemet.web.errors import NotFound, TooLarge

class InvalidText(InputError):
    """A field of the request that no text can be made of."""

    code = "invalid_request"
    http_status = 422


#: Longest text ``POST /api/extract`` accepts, in characters (a long article is ~30,000).
MAX_EXTRACT_CHARS = 100_000

router = APIRouter(prefix="/api", tags=["api"])


def search_query(q: str | None = None, speaker: str | None = None, outlet: str | None = None,
                 kind: str | None = None, since: str | None = None, until: str | None = None,
                 limit: Annotated[int, Query(ge=1, le=1000)] = 20,
                 offset: Annotated[int, Query(ge=0)] = 0) -> SearchQuery:
    """The search filters of a request (shared by the API, the pages and the export)."""
    return SearchQuery(q=q, speaker=speaker, outlet=outlet, kind=kind, since=since, until=until,
                       limit=limit, offset=offset).checked()


@router.get("/quotes")
def quotes(request: Request, query: SearchQuery = Depends(search_query)) -> dict:
    """Quotes matching words (accent-insensitive) and filters, newest first: ``{total, items}``."""
    result = request.app.state.store.search(query)
    return {"total": result.total, "items": [hit_to_dict(h) for h in result.items]}


@router.get("/speakers/{speaker_id:path}")
def speaker(request: Request, speaker_id: str) -> dict:
    """A speaker: merged name and aliases, counts, quotes per week, speakers quoted alongside."""
    profile = request.app.state.store.speaker_profile(speaker_id)
    if profile is None:
        raise NotFound(f"No speaker {speaker_id!r} in the store: search /api/quotes to find speaker ids.")
    return {
        "speaker": to_dict(profile.speaker),
        "quote_count": profile.quote_count,
        "article_count": profile.article_count,
        "weekly": [{"week": w, "count": c} for w, c in profile.weekly],
        "alongside": [{"id": i, "name": n, "articles": c} for i, n, c in profile.alongside],
    }


@router.get("/articles/{article_id:path}")
def article(request: Request, article_id: str) -> dict:
    """An article as stored: text, metadata, quotes (offsets into the text) and speakers."""
    found = request.app.state.store.get_article(article_id)
    if found is None:
        raise NotFound(f"No article {article_id!r} in the store: check the id, or ingest it first.")
    return to_dict(found)


class ExtractRequest(BaseModel):
    """A text to extract quotes from."""

    text: str = Field(description=f"The article text, at most {MAX_EXTRACT_CHARS} characters.")
    published: str | None = Field(None, description="ISO date of publication; anchors relative dates.")
    lang: str = Field("fr", description="Language code.")
    title: str | None = None


#: Largest body ``POST /api/extract`` reads: the longest text in 4-byte UTF-8, plus the JSON around it.
MAX_EXTRACT_BYTES = MAX_EXTRACT_CHARS * 4 + 10_000


@router.post("/extract")
async def extract(request: Request, body: ExtractRequest) -> dict:
    """Extract quotes from a text (not stored): ``{quotes, speakers}``, offsets into the text.

    Extractions run a few at a time, with a short line behind them; when it is full the answer
    is 429 with Retry-After.
    """
    from guillemet.errors import GuillemetError
    from guillemet.readers.published import published_problem

    if len(body.text) > MAX_EXTRACT_CHARS:
        raise TooLarge(f"The text has {len(body.text)} characters: send at most {MAX_EXTRACT_CHARS} "
                       "(split long documents).")
    if not body.text.strip():
        raise InputError("The text is empty: send the article text in the 'text' field.")
    for name in ("text", "title", "published", "lang"):
        value = getattr(body, name) or ""
        bad = next((i for i, c in enumerate(value) if "\ud800" <= c <= "\udfff"), None)
        if bad is not None:
            raise InvalidText(f"'{name}' is not valid Unicode: a lone surrogate (\\u{ord(value[bad]):04x}) at "
                              f"character {bad}; send UTF-8 text.")
    if published_problem(body.published):
        raise InvalidText(f"'published': {published_problem(body.published)}; send an ISO date (YYYY-MM-DD).")
    article = Article(text=body.text, lang=body.lang, published=body.published, title=body.title)
    result = await request.app.state.extract_queue.run(request.app.state.extract, article)
    if result.status == "error":
        raise GuillemetError(f"Extraction failed: {result.meta.get('error', 'unknown error')}.")
    return {"quotes": to_dict(result.quotes), "speakers": to_dict(result.speakers)}
