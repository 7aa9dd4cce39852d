"""The published date when the source gave none: a dateline near the top of the text."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from guillemet.clean import language_or_none
from guillemet.nlp import analysis_text
from guillemet.record import Article

#: Only the start of an article holds its dateline.
HEAD_CHARS = 400

_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?!\d)|(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


@lru_cache(maxsize=None)
def _months(lang: str) -> dict[str, int]:
    """Month names written in full (the language's claims data) → month number."""
    language = language_or_none(lang)
    months = getattr(language.claims, "MONTHS", {}) if language is not None else {}
    return {name: n for name, n in months.items() if not name.endswith(".")}


@lru_cache(maxsize=None)
def _worded_date(lang: str) -> re.Pattern | None:
    months = _months(lang)
    if not months:
        return None
    names = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    return re.compile(rf"(?<!\d)(\d{{1,2}})(?:er|st|nd|rd|th)?\s+({names})\.?\s+(\d{{4}})(?!\d)", re.IGNORECASE)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def date_in_text(text: str, lang: str = "fr") -> str | None:
    """The first full date in the first HEAD_CHARS characters, as an ISO date.

    Understands "Paris, 30 décembre 2022" (month names from the language's claims data), "30/12/2022", "30.12.2022" (day first) and "2022-12-30".
    """
    head = text[:HEAD_CHARS]
    candidates: list[tuple[int, str]] = []
    worded = _worded_date(lang)
    if worded is not None:
        months = _months(lang)
        for m in worded.finditer(head):
            iso = _iso(int(m.group(3)), months[m.group(2).lower()], int(m.group(1)))
            if iso:
                candidates.append((m.start(), iso))
                break
    for m in _NUMERIC.finditer(head):
        if m.group(1):
            iso = _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        else:
            iso = _iso(int(m.group(4)), int(m.group(5)), int(m.group(6)))
        if iso:
            candidates.append((m.start(), iso))
            break
    return min(candidates)[1] if candidates else None


def find_published(article: Article) -> Article:
    """Fills ``published`` from a dateline near the top of the text when the source gave none.

    Reads ``published``, ``text`` (ignored stretches blanked), ``lang``; writes ``published``
    and ``meta["published_from"] = "text"``. A date the source gave is never replaced.
    """
    if article.published:
        article.meta.setdefault("published_from", "source")
        return article
    found = date_in_text(analysis_text(article), article.lang)
    if found:
        article.published = found
        article.meta["published_from"] = "text"
    return article
