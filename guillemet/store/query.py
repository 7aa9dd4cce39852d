"""What a search asks for and what it returns, shared by both backends, the CLI and the web."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from guillemet.errors import InputError
from guillemet.record import QUOTE_KINDS, SPEAKER_TYPES, Quote, Speaker

MAX_LIMIT = 1000
#: How search results can be ordered: by relevance (bm25 on SQLite, ts_rank_cd on
#: PostgreSQL; newest first without words) or newest first.
SORTS = ("relevance", "date")


def _check_date(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(f"{name}={value!r} is not a date: use YYYY-MM-DD (e.g. 2022-12-30).") from None
    return value[:10]


@dataclass(slots=True)
class SearchQuery:
    """A quote search: full text plus filters, one page of results.

    Attributes:
        q: Words to find in the quote's content, in the syntax of
            :mod:`guillemet.store.textquery` (any form of a word, accents and case ignored,
            "phrases", OR, NOT, prefix*); empty matches all.
        speaker: A speaker id ("person:paul-durand"), or a name, surname, alias or part of
            one ("Macron", "macron", "Emmanuel"), accents and case ignored.
        outlet: The article's outlet, case ignored ("lemonde.fr", "LeMonde.fr").
        kind: One of ``QUOTE_KINDS``.
        since: Articles published on or after this ISO date.
        until: Articles published on or before this ISO date.
        limit: Page size, 1 to ``MAX_LIMIT``.
        offset: Results to skip.
        sort: One of ``SORTS``.
        speaker_type: Only quotes whose speaker has this type (``SPEAKER_TYPES``).
    """

    q: str | None = None
    speaker: str | None = None
    outlet: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 20
    offset: int = 0
    sort: str = "relevance"
    speaker_type: str | None = None

    def checked(self) -> "SearchQuery":
        """This query with empty strings as None, or an error saying which filter is wrong.

        Raises:
            InputError: A bad kind, date, limit or offset.
        """
        clean = {k: (getattr(self, k) or None) for k in ("q", "speaker", "outlet", "kind", "speaker_type")}
        if clean["q"] is not None and not clean["q"].strip():
            clean["q"] = None
        if clean["kind"] and clean["kind"] not in QUOTE_KINDS:
            raise InputError(f"kind={clean['kind']!r} is not a quote kind: use one of {', '.join(QUOTE_KINDS)}.")
        if clean["speaker_type"] and clean["speaker_type"] not in SPEAKER_TYPES:
            raise InputError(f"speaker_type={clean['speaker_type']!r} is not a speaker type: use one of "
                             f"{', '.join(SPEAKER_TYPES)}.")
        sort = self.sort or "relevance"
        if sort not in SORTS:
            raise InputError(f"sort={sort!r} is not an order: use one of {', '.join(SORTS)}.")
        if not 1 <= int(self.limit) <= MAX_LIMIT:
            raise InputError(f"limit={self.limit} is out of range: use 1 to {MAX_LIMIT}.")
        if int(self.offset) < 0:
            raise InputError(f"offset={self.offset} is negative: use 0 or more.")
        return replace(self, **clean, since=_check_date("since", self.since),
                       until=_check_date("until", self.until), limit=int(self.limit),
                       offset=int(self.offset), sort=sort)

    def filters(self) -> dict[str, str]:
        """The filters that are set, by name (what a page link or an export carries on)."""
        names = ("q", "speaker", "outlet", "kind", "speaker_type", "since", "until")
        return {k: getattr(self, k) for k in names if getattr(self, k)}


@dataclass(slots=True)
class QuoteHit:
    """One quote found by a search, with the article it comes from.

    ``highlights`` are the (start, end) of the words the search matched, in
    ``quote.content_text``.
    """

    article_id: str
    position: int
    quote: Quote
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    highlights: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class SearchResult:
    """A page of hits and how many match in all."""

    total: int
    items: list[QuoteHit] = field(default_factory=list)


@dataclass(slots=True)
class SpeakerProfile:
    """A speaker across the store: who, how often, when, and quoted beside whom.

    Attributes:
        speaker: The merged record (aliases from every article naming this id).
        quote_count: Quotes attributed to this id.
        article_count: Articles with at least one such quote.
        weekly: (Monday's ISO date, quotes that week), weeks without quotes included.
        alongside: (speaker id, name, shared articles) of speakers quoted in the same articles.
        outlets: (outlet, quotes) of the outlets quoting this speaker, most first.
    """

    speaker: Speaker
    quote_count: int = 0
    article_count: int = 0
    weekly: list[tuple[str, int]] = field(default_factory=list)
    alongside: list[tuple[str, str, int]] = field(default_factory=list)
    outlets: list[tuple[str, int]] = field(default_factory=list)


@dataclass(slots=True)
class SpeakerCount:
    """A speaker in a list of speakers: the merged record and how often it is quoted
    (within the list's filters)."""

    speaker: Speaker
    quote_count: int = 0
    article_count: int = 0


@dataclass(slots=True)
class FacetValue:
    """One value of a facet: what to filter on, what to show, how many quotes."""

    value: str
    label: str
    count: int


@dataclass(slots=True)
class Facets:
    """Counts of a search's quotes by speaker (the top ones), outlet, kind, speaker type and
    month ("2023-03"; months are in date order, the others most first)."""

    speaker: list[FacetValue] = field(default_factory=list)
    outlet: list[FacetValue] = field(default_factory=list)
    kind: list[FacetValue] = field(default_factory=list)
    speaker_type: list[FacetValue] = field(default_factory=list)
    month: list[FacetValue] = field(default_factory=list)


@dataclass(slots=True)
class GenderShare:
    """Quotes by women, men and unknown in one slice (an outlet, a month, or all)."""

    key: str
    female: int = 0
    male: int = 0
    unknown: int = 0

    @property
    def total(self) -> int:
        return self.female + self.male + self.unknown


@dataclass(slots=True)
class GenderOverview:
    """Who gets quoted: quotes of persons by gender, in all, per outlet and per month."""

    overall: GenderShare
    outlets: list[GenderShare] = field(default_factory=list)
    months: list[GenderShare] = field(default_factory=list)
