"""The one record that flows through guillemet: ``Article`` in, ``Quote`` and ``Speaker`` out.

Every other shape in the system (the JSONL written by ``guillemet extract``, the database
rows, the REST API's JSON) is derived from these dataclasses with :func:`to_dict` /
:func:`from_dict`, so no second schema drifts beside them.

Offsets are Python string indices into ``Article.text`` exactly as given (end exclusive).
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any

QUOTE_KINDS = ("direct", "indirect", "mixed", "according_to")
SPEAKER_TYPES = ("person", "organisation", "media", "document", "group", "unknown")
ARTICLE_STATUSES = ("ok", "unsupported_language", "empty", "error")
#: A person's gender as the text shows it; "unknown" when the evidence is thin or split.
GENDERS = ("female", "male", "unknown")


def content_id(text: str) -> str:
    """A stable article id for sources that carry none: a hash of the text.

    Args:
        text: The article text as given.

    Returns:
        ``"sha1-"`` followed by the first 16 hex digits of the SHA-1 of the UTF-8 text.
    """
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class DateRef:
    """A date or time expression inside a claim, resolved against the article's date.

    ``value`` is an ISO date ("2022-12-30"), a month ("2022-12") or a year ("2022");
    ``end`` is set for ranges ("la semaine dernière" → the Monday..Sunday of that week);
    ``part`` is a part of the day ("morning", "evening", "night") when the text gives one.
    ``value`` is None when the expression cannot be anchored (no published date).
    """

    span: tuple[int, int]
    text: str
    value: str | None = None
    end: str | None = None
    part: str | None = None


@dataclass(slots=True)
class NumberRef:
    """A number inside a claim with what it counts ("85 missiles" → 85, "missiles")."""

    span: tuple[int, int]
    text: str
    value: float
    unit: str | None = None


@dataclass(slots=True)
class Quote:
    """One piece of reported speech and its source.

    Attributes:
        kind: "direct", "indirect", "mixed" or "according_to" (see GUIDELINES.md).
        content: (start, end) of what was said; direct and mixed quotes exclude the marks.
        content_text: ``text[content[0]:content[1]]``.
        cue: (start, end) of the verb group of saying or marker ("a déclaré", "selon"),
            None for a continuation quote.
        cue_text: The cue's text.
        speaker_mention: (start, end) of the words naming or pointing to the source at this
            cue ("il", "le maire Vitali Klitschko"); None for a continuation quote.
        speaker_mention_text: The mention's text.
        speaker: The source's most complete name in the article, or its description when
            the article never names it; None when unresolved.
        speaker_id: Stable id of the speaker across articles ("person:vladimir-poutine").
        speaker_type: One of SPEAKER_TYPES.
        confidence: 0..1, how sure the attribution is.
        dates: Date expressions inside the content.
        numbers: Numbers inside the content.
    """

    kind: str
    content: tuple[int, int]
    content_text: str
    cue: tuple[int, int] | None = None
    cue_text: str | None = None
    speaker_mention: tuple[int, int] | None = None
    speaker_mention_text: str | None = None
    speaker: str | None = None
    speaker_id: str | None = None
    speaker_type: str = "unknown"
    confidence: float = 0.0
    dates: list[DateRef] = field(default_factory=list)
    numbers: list[NumberRef] = field(default_factory=list)


@dataclass(slots=True)
class GenderEvidence:
    """What a speaker's gender was read from: a given name and the pronouns naming them.

    Attributes:
        given_name: The first word of the name when it is a given name ("Claire").
        name_gender: The name list's answer for it: "female", "mostly_female", "male",
            "mostly_male" or "andy" (used for both); None when the name starts with none.
        female_pronouns: Quotes whose speaker is named by "elle" (and the like) there.
        male_pronouns: Quotes whose speaker is named by "il" (and the like) there.
    """

    given_name: str | None = None
    name_gender: str | None = None
    female_pronouns: int = 0
    male_pronouns: int = 0


@dataclass(slots=True)
class Speaker:
    """A source quoted in an article, with the names the article uses for it.

    ``gender`` (one of GENDERS) and ``gender_evidence`` are filled by the store, from every
    article naming the speaker (:mod:`guillemet.gender`); never from a title alone.
    """

    id: str
    name: str
    type: str = "unknown"
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    gender: str = "unknown"
    gender_evidence: GenderEvidence | None = None


@dataclass(slots=True)
class Article:
    """A news article, the unit every step reads and enriches.

    Attributes:
        text: The text as given; every offset in the system points into it.
        id: Source id, or a content hash (:func:`content_id`) when the source has none.
        url: Where it was read from.
        outlet: Publisher ("lemonde.fr").
        published: ISO date or datetime of publication, when known.
        lang: ISO 639-1 code ("fr").
        title: Headline, when known.
        urls: Every source URL of this text (duplicates from other outlets add theirs).
        status: "ok", "unsupported_language", "empty" or "error".
        ignored: (start, end) stretches kept out of analysis (ad markers, "Source link").
        quotes: Filled by the extractor.
        speakers: Filled by the extractor: the article's quoted sources.
        meta: Anything else the source carried.
    """

    text: str
    id: str = ""
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    lang: str = "fr"
    title: str | None = None
    urls: list[str] = field(default_factory=list)
    status: str = "ok"
    ignored: list[tuple[int, int]] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)
        if self.url and self.url not in self.urls:
            self.urls.append(self.url)


def to_dict(obj: Any) -> Any:
    """A record (or list of them) as plain JSON-ready data; tuples become lists."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


def _span(value: Any) -> tuple[int, int] | None:
    return None if value is None else (int(value[0]), int(value[1]))


def quote_from_dict(d: dict[str, Any]) -> Quote:
    """The inverse of ``to_dict`` for a Quote; unknown keys are ignored."""
    return Quote(
        kind=d["kind"],
        content=_span(d["content"]),
        content_text=d.get("content_text", ""),
        cue=_span(d.get("cue")),
        cue_text=d.get("cue_text"),
        speaker_mention=_span(d.get("speaker_mention")),
        speaker_mention_text=d.get("speaker_mention_text"),
        speaker=d.get("speaker"),
        speaker_id=d.get("speaker_id"),
        speaker_type=d.get("speaker_type", "unknown"),
        confidence=float(d.get("confidence", 0.0)),
        dates=[DateRef(span=_span(x["span"]), text=x["text"], value=x.get("value"),
                       end=x.get("end"), part=x.get("part")) for x in d.get("dates", [])],
        numbers=[NumberRef(span=_span(x["span"]), text=x["text"], value=x["value"],
                           unit=x.get("unit")) for x in d.get("numbers", [])],
    )


def speaker_from_dict(d: dict[str, Any]) -> Speaker:
    """The inverse of ``to_dict`` for a Speaker."""
    evidence = d.get("gender_evidence")
    return Speaker(id=d["id"], name=d["name"], type=d.get("type", "unknown"),
                   aliases=list(d.get("aliases", [])), wikidata=d.get("wikidata"),
                   gender=d.get("gender") or "unknown",
                   gender_evidence=GenderEvidence(**evidence) if evidence else None)


def article_from_dict(d: dict[str, Any]) -> Article:
    """The inverse of ``to_dict`` for an Article (quotes and speakers included)."""
    return Article(
        text=d["text"],
        id=d.get("id") or "",
        url=d.get("url"),
        outlet=d.get("outlet"),
        published=d.get("published"),
        lang=d.get("lang") or "fr",
        title=d.get("title"),
        urls=list(d.get("urls", [])),
        status=d.get("status", "ok"),
        ignored=[_span(x) for x in d.get("ignored", [])],
        quotes=[quote_from_dict(q) for q in d.get("quotes", [])],
        speakers=[speaker_from_dict(s) for s in d.get("speakers", [])],
        meta=dict(d.get("meta", {})),
    )
