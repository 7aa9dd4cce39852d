"""The REST API under ``/api``: quotes search (ranked, faceted, grouped), speakers, the
gender overview, articles, extraction of a text. Every answer's shape is in the OpenAPI
description (``/openapi.json``, ``/docs``), from :mod:`guillemet.web.schemas`."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field, field_validator

from guillemet.record import SPEAKER_TYPES, Article, to_dict
from guillemet.store import Facets, SearchQuery
from guillemet.variants import diff_words
from guillemet.web import schemas
from guillemet.web.errors import NotFound, TooLarge

#: Longest text ``POST /api/extract`` accepts, in characters (a long article is ~30,000).
MAX_EXTRACT_CHARS = 100_000

#: The search syntax, as the API docs and the search page say it.
SEARCH_SYNTAX = ("Words of a quote, in any form (grève finds grèves), accents and case ignored. "
                 '"a phrase" keeps its words in order; a OR b finds either; NOT b (or -b) leaves b out; '
                 "électri* finds words starting so. Common words (le, de, que) are left out.")

router = APIRouter(prefix="/api", tags=["api"], responses=schemas.ERRORS)


def search_query(q: Annotated[str | None, Query(description=SEARCH_SYNTAX)] = None,
                 speaker: Annotated[str | None, Query(description=(
                     "A speaker id, or a name, surname, alias or part of one (Macron, emmanuel macron); "
                     "accents and case ignored."))] = None,
                 outlet: Annotated[str | None, Query(description="The outlet, case ignored.")] = None,
                 kind: Annotated[str | None, Query(description="direct, indirect, mixed or according_to.")] = None,
                 speaker_type: Annotated[str | None, Query(description=", ".join(SPEAKER_TYPES))] = None,
                 since: Annotated[str | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
                 until: Annotated[str | None, Query(description="Published on or before (YYYY-MM-DD).")] = None,
                 sort: Annotated[Literal["relevance", "date"], Query(description=(
                     "relevance (bm25; newest first without words) or date (newest first)."))] = "relevance",
                 limit: Annotated[int, Query(ge=1, le=1000)] = 20,
                 offset: Annotated[int, Query(ge=0)] = 0) -> SearchQuery:
    """The search filters of a request (shared by the API, the pages and the export)."""
    return SearchQuery(q=q, speaker=speaker, outlet=outlet, kind=kind, speaker_type=speaker_type,
                       since=since, until=until, limit=limit, offset=offset, sort=sort).checked()


@router.get("/quotes", response_model=schemas.QuotePage | schemas.GroupPageBody)
def quotes(request: Request, query: SearchQuery = Depends(search_query),
           group: Annotated[Literal["quote"] | None, Query(description=(
               "quote: one item per distinct quote (same words, same speaker) with all its "
               "occurrences, outlets, first seen, count and variants; most repeated first "
               "(sort=date: latest first)."))] = None):
    """Quotes matching words and filters, the most relevant first (``sort=date``: newest first);
    each hit carries the spans of the words it matched (``highlights``, into
    ``quote.content_text``). With ``group=quote``, distinct quotes with their occurrences."""
    store = request.app.state.store
    if group == "quote":
        page = store.quote_groups(query)
        return schemas.GroupPageBody(total=page.total, items=page.items)
    result = store.search(query)
    return schemas.QuotePage(total=result.total, items=result.items)


@router.get("/facets", response_model=Facets)
def facets(request: Request, query: SearchQuery = Depends(search_query)):
    """How a search's quotes divide: by speaker (the top ten), outlet, kind, speaker type and
    month. Each value is what to pass back as that filter (``speaker``, ``outlet``, ``kind``,
    ``speaker_type``; a month as ``since``/``until``)."""
    return request.app.state.store.facets(query)


@router.get("/quote-groups/{key}", response_model=schemas.GroupDetail)
def quote_group(request: Request, key: str,
                speaker_id: Annotated[str | None, Query(description="The quote's speaker id; none for quotes "
                                                                     "without one.")] = None):
    """One quote (its text key from ``group=quote``, and speaker id) with every occurrence, and
    each variant beside it with the differing words marked."""
    group = request.app.state.store.quote_group(key, speaker_id)
    if group is None:
        raise NotFound(f"No quote {key!r} by {speaker_id!r} in the store: take keys from /api/quotes?group=quote.")
    diffs = []
    for variant in group.variants:
        left, right = diff_words(group.content_text, variant.content_text)
        diffs.append(schemas.VariantDiff(variant=variant, left=left, right=right))
    return schemas.GroupDetail(group=group, diffs=diffs)


@router.get("/speakers", response_model=schemas.SpeakerPage)
def speakers(request: Request,
             q: Annotated[str | None, Query(description=(
                 "Starts of words of a name or alias (macr finds Emmanuel Macron); accents and case "
                 "ignored. What the search form's autocomplete asks."))] = None,
             type: Annotated[str | None, Query(description=", ".join(SPEAKER_TYPES))] = None,
             outlet: Annotated[str | None, Query(description="Only quotes in this outlet (case ignored).")] = None,
             limit: Annotated[int, Query(ge=1, le=1000)] = 50,
             offset: Annotated[int, Query(ge=0)] = 0):
    """Speakers ranked by number of quotes (within ``outlet`` when given)."""
    SearchQuery(speaker_type=type).checked()  # the same message for a bad type as the search
    total, items = request.app.state.store.list_speakers(q=q, type=type, outlet=outlet, limit=limit, offset=offset)
    return schemas.SpeakerPage(total=total, items=items)


@router.get("/speakers/{speaker:path}", response_model=schemas.SpeakerBody)
def speaker(request: Request, speaker: str):
    """A speaker by id (``person:emmanuel-macron``) or name (``Emmanuel Macron``, ``Macron``:
    the most quoted of that name): merged name and aliases, gender and its evidence, counts,
    quotes per week, outlets quoting them, speakers quoted alongside."""
    store = request.app.state.store
    found = store.find_speaker(speaker)
    profile = store.speaker_profile(found.id) if found else None
    if profile is None:
        raise NotFound(f"No speaker {speaker!r} in the store: list them with /api/speakers?q=NAME.")
    return schemas.SpeakerBody(
        speaker=profile.speaker, quote_count=profile.quote_count, article_count=profile.article_count,
        weekly=[schemas.WeekCount(w, c) for w, c in profile.weekly],
        alongside=[schemas.Alongside(i, n, c) for i, n, c in profile.alongside],
        outlets=[schemas.OutletCount(o, c) for o, c in profile.outlets])


@router.get("/overview", response_model=schemas.OverviewBody)
def overview(request: Request, query: SearchQuery = Depends(search_query)):
    """Who gets quoted: quotes of persons by their gender (women, men, unknown), in all, per
    outlet and per month, within the search's filters. Gender comes from given names and
    pronouns, "unknown" when unsure, never from a title alone."""
    found = request.app.state.store.gender_overview(query)
    return schemas.OverviewBody(overall=schemas.share(found.overall),
                                outlets=[schemas.share(s) for s in found.outlets],
                                months=[schemas.share(s) for s in found.months])


#: The folders before a file name at the start of ``meta.source`` ("/srv/in/news.jsonl:12",
#: "C:\\in\\crawl.warc.gz:https://…"): what the API leaves out.
_FOLDERS = re.compile(r"^(?:[A-Za-z]:)?[^:]*[\\/]")


def public_article(article: Article) -> dict:
    """An article as the API shows it: no file path of this server (``meta.source`` keeps
    the file's name and line or URL, not its folders)."""
    d = to_dict(article)
    source = d["meta"].get("source")
    if isinstance(source, str):
        d["meta"]["source"] = _FOLDERS.sub("", source)
    return d


@router.get("/articles/{article_id:path}", response_model=Article)
def article(request: Request, article_id: str):
    """An article as stored: text, metadata, quotes (offsets into the text) and speakers."""
    found = request.app.state.store.get_article(article_id)
    if found is None:
        raise NotFound(f"No article {article_id!r} in the store: check the id, or ingest it first.")
    return public_article(found)


class ExtractRequest(BaseModel):
    """A text to extract quotes from."""

    text: str = Field(description=f"The article text, at most {MAX_EXTRACT_CHARS} characters.")
    published: str | None = Field(None, description=(
        "Date of publication, ISO (2023-03-06 or 2023-03-06T10:00:00+01:00); anchors relative dates."))
    lang: str | None = Field(None, description="Language code; detected from the text when absent (French "
                                               "when the text is too short to tell).")
    title: str | None = None

    @field_validator("published")
    @classmethod
    def _published_is_a_date(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"{value!r} is not a date: send YYYY-MM-DD (2023-03-06) or an ISO "
                             "datetime (2023-03-06T10:00:00+01:00)") from None
        return value.strip()


def request_language(body: ExtractRequest) -> tuple[str, bool]:
    """The language to read a text in and whether it was detected: the request's, else
    py3langid's guess when confident, else French."""
    if body.lang:
        return body.lang, False
    from guillemet.readers.langid import MIN_CONFIDENCE, detect_language

    lang, prob = detect_language(body.text)
    return (lang, True) if lang and prob >= MIN_CONFIDENCE else ("fr", False)


#: Largest body ``POST /api/extract`` reads: the longest text in 4-byte UTF-8, plus the JSON around it.
MAX_EXTRACT_BYTES = MAX_EXTRACT_CHARS * 4 + 10_000


@router.post("/extract", response_model=schemas.ExtractBody)
def extract(request: Request, body: ExtractRequest):
    """Extract quotes from a text (not stored): ``{quotes, speakers}``, offsets into the text."""
    if len(body.text) > MAX_EXTRACT_CHARS:
        raise TooLarge(f"The text has {len(body.text)} characters: send at most {MAX_EXTRACT_CHARS} "
                       "(split long documents).")
    if not body.text.strip():
        from guillemet.errors import InputError

        raise InputError("The text is empty: send the article text in the 'text' field.")
    lang, detected = request_language(body)
    article = Article(text=body.text, lang=lang, published=body.published, title=body.title)
    result = request.app.state.extract(article)
    if result.status == "unsupported_language":
        from guillemet.errors import UnsupportedLanguage
        from guillemet.lang import SUPPORTED

        raise UnsupportedLanguage(result.lang, SUPPORTED)
    if result.status == "error":
        from guillemet.errors import GuillemetError

        raise GuillemetError(f"Extraction failed: {result.meta.get('error', 'unknown error')}.")
    return schemas.ExtractBody(quotes=result.quotes, speakers=result.speakers, lang=lang, lang_detected=detected)
