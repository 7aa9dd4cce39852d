"""The shapes the REST API answers with, for its OpenAPI description.

They are the record's and the store's dataclasses (``QuoteHit``, ``QuoteGroup``,
``Speaker``, ``Facets``…), wrapped in a page or a profile where an answer needs one: no second
schema drifts beside them. FastAPI reads them as response models.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from guillemet.record import Quote, Speaker
from guillemet.store import GenderShare, QuoteGroup, QuoteHit, SpeakerCount, Variant
from guillemet.variants import Piece


@dataclass(slots=True)
class QuotePage:
    """``GET /api/quotes``: how many quotes match, and one page of them."""

    total: int
    items: list[QuoteHit] = field(default_factory=list)


@dataclass(slots=True)
class GroupPageBody:
    """``GET /api/quotes?group=quote``: how many distinct quotes match, and one page of them,
    each with all its occurrences and its variants."""

    total: int
    group: str = "quote"
    items: list[QuoteGroup] = field(default_factory=list)


@dataclass(slots=True)
class VariantDiff:
    """A variant beside the quote, word by word: ``left`` is the quote, ``right`` the variant;
    pieces with ``changed`` are the words the other lacks."""

    variant: Variant
    left: list[Piece] = field(default_factory=list)
    right: list[Piece] = field(default_factory=list)


@dataclass(slots=True)
class GroupDetail:
    """``GET /api/quote-groups/{key}``: one quote, all its occurrences, its variants compared."""

    group: QuoteGroup
    diffs: list[VariantDiff] = field(default_factory=list)


@dataclass(slots=True)
class SpeakerPage:
    """``GET /api/speakers``: how many speakers match, and one page, most quoted first."""

    total: int
    items: list[SpeakerCount] = field(default_factory=list)


@dataclass(slots=True)
class WeekCount:
    week: str
    count: int


@dataclass(slots=True)
class Alongside:
    id: str
    name: str
    articles: int


@dataclass(slots=True)
class OutletCount:
    outlet: str
    count: int


@dataclass(slots=True)
class SpeakerBody:
    """``GET /api/speakers/{id or name}``: the merged speaker (gender and its evidence
    included), counts, quotes per week, the outlets quoting them, speakers quoted alongside."""

    speaker: Speaker
    quote_count: int
    article_count: int
    weekly: list[WeekCount] = field(default_factory=list)
    alongside: list[Alongside] = field(default_factory=list)
    outlets: list[OutletCount] = field(default_factory=list)


@dataclass(slots=True)
class Share:
    """Quotes by women, men and unknown in one slice, with the women's share of those whose
    gender is known (None when none is)."""

    key: str
    female: int
    male: int
    unknown: int
    total: int
    female_share: float | None = None


def share(s: GenderShare) -> Share:
    """A store share as the API gives it."""
    known = s.female + s.male
    return Share(s.key, s.female, s.male, s.unknown, s.total, round(s.female / known, 3) if known else None)


@dataclass(slots=True)
class OverviewBody:
    """``GET /api/overview``: who gets quoted — quotes of persons by gender, in all, per outlet
    and per month."""

    overall: Share
    outlets: list[Share] = field(default_factory=list)
    months: list[Share] = field(default_factory=list)


@dataclass(slots=True)
class ExtractBody:
    """``POST /api/extract``: the quotes and speakers of the text (offsets into it), and the
    language it was read in (``lang_detected`` when guillemet chose it)."""

    quotes: list[Quote]
    speakers: list[Speaker]
    lang: str = "fr"
    lang_detected: bool = False


@dataclass(slots=True)
class ErrorDetail:
    code: str
    message: str


@dataclass(slots=True)
class ErrorBody:
    """Every error: ``{"error": {"code", "message"}}``; the message says what to do."""

    error: ErrorDetail


#: The errors every API route may answer with, for OpenAPI.
ERRORS = {
    400: {"model": ErrorBody, "description": "A bad filter or input (code bad_input)."},
    404: {"model": ErrorBody, "description": "No such article, speaker or quote (code not_found)."},
    422: {"model": ErrorBody, "description": "A request that does not validate (code invalid_request)."},
}
