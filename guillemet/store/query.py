"""What a search asks for and what it returns, shared by both backends, the CLI and the web."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from guillemet.errors import InputError
from guillemet.record import QUOTE_KINDS, Quote, Speaker

MAX_LIMIT = 1000
#: Deepest result a page may start at (databases take 64-bit integers at most).
MAX_OFFSET = 1_000_000_000


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
        q: Words to find in the quote's content (accent-insensitive); empty matches all.
        speaker: A speaker id ("person:paul-durand") or the speaker's name as stored.
        outlet: The article's outlet, exactly ("lemonde.fr").
        kind: One of ``QUOTE_KINDS``.
        since: Articles published on or after this ISO date.
        until: Articles published on or before this ISO date.
        limit: Page size, 1 to ``MAX_LIMIT``.
        offset: Results to skip.
    """

    q: str | None = None
    speaker: str | None = None
    outlet: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 20
    offset: int = 0

    def checked(self) -> "SearchQuery":
        """This query with empty strings as None, or an error saying which filter is wrong.

        Raises:
            InputError: A bad kind, date, limit or offset.
        """
        clean = {k: (getattr(self, k) or None) for k in ("q", "speaker", "outlet", "kind")}
        if clean["q"] is not None and not clean["q"].strip():
            clean["q"] = None
        if clean["kind"] and clean["kind"] not in QUOTE_KINDS:
            raise InputError(f"kind={clean['kind']!r} is not a quote kind: use one of {', '.join(QUOTE_KINDS)}.")
        if not 1 <= int(self.limit) <= MAX_LIMIT:
            raise InputError(f"limit={self.limit} is out of range: use 1 to {MAX_LIMIT}.")
        if int(self.offset) < 0:
            raise InputError(f"offset={self.offset} is negative: use 0 or more.")
        if int(self.offset) > MAX_OFFSET:
            raise InputError(f"offset={self.offset} is too large: use at most {MAX_OFFSET:,}.")
        return replace(self, **clean, since=_check_date("since", self.since),
                       until=_check_date("until", self.until), limit=int(self.limit),
                       offset=int(self.offset))


@dataclass(slots=True)
class QuoteHit:
    """One quote found by a search, with the article it comes from."""

    article_id: str
    position: int
    quote: Quote
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


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
    """

    speaker: Speaker
    quote_count: int = 0
    article_count: int = 0
    weekly: list[tuple[str, int]] = field(default_factory=list)
    alongside: list[tuple[str, str, int]] = field(default_factory=list)
