"""Content-farm and site boilerplate kept out of analysis, text unchanged, offsets kept.

``clean(article)`` finds ad placeholders (``[ad_1]``), "Source link" lines, "Lire aussi : …",
share and subscribe lines and a repeated headline, and adds them to ``Article.ignored``;
:func:`guillemet.nlp.analysis_text` blanks those stretches for the parser.

Patterns are data: the language-neutral ones are here, each language's in its
``Language.boilerplate`` module (``LINES``, ``INLINE``; see ``guillemet/lang/fr/boilerplate.py``).
A language without one, or with no package at all, gets the neutral patterns only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from guillemet.errors import UnsupportedLanguage
from guillemet.lang import Language, get_language
from guillemet.record import Article

#: Patterns matched anywhere (content-farm ad slots: "[ad_1]", "[ad_2]").
INLINE: tuple[tuple[str, str], ...] = (
    ("ad_marker", r"\[ad(?:_\d+)?\]"),
)

#: Patterns a whole line must match (WordPress "WP RSS Aggregator" footers, any language).
LINES: tuple[tuple[str, str], ...] = (
    ("source_link", r"source link(?:\s*[-–:]?\s*\d+)?"),
    ("source_link", r"(?:source|lien source)\s*:?\s*https?://\S+"),
)

#: Longer lines are never boilerplate: a real paragraph may start with "Partager".
MAX_BOILERPLATE_LINE = 200

_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """Compiled patterns of one language plus the neutral ones."""

    inline: tuple[tuple[str, re.Pattern], ...]
    lines: tuple[tuple[str, re.Pattern], ...]


def language_or_none(code: str | None) -> Language | None:
    """The Language of a code, or None when guillemet has no package for it: an article in any
    language is cleaned (and dated) before it is known whether it can be analysed."""
    try:
        return get_language(code or "")
    except UnsupportedLanguage:
        return None


@lru_cache(maxsize=None)
def boilerplate_for(lang: str) -> Boilerplate:
    """The compiled boilerplate patterns for a language code (neutral ones included)."""
    language = language_or_none(lang)
    module = language.boilerplate if language is not None else None
    inline = INLINE + tuple(getattr(module, "INLINE", ()))
    lines = LINES + tuple(getattr(module, "LINES", ()))
    flags = re.IGNORECASE
    return Boilerplate(
        inline=tuple((kind, re.compile(rx, flags)) for kind, rx in inline),
        lines=tuple((kind, re.compile(rx, flags)) for kind, rx in lines),
    )


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", s).split())


def find_boilerplate(text: str, lang: str = "fr", title: str | None = None) -> list[tuple[int, int, str]]:
    """Boilerplate stretches of a text as (start, end, kind), in text order.

    Args:
        text: The article text.
        lang: Its language, choosing the pattern module.
        title: The headline; a line repeating it is "headline" boilerplate. Without a title, a
            line repeating the first line within the first lines is.

    Returns:
        Spans over the stripped line (or the inline match), never including the newline.
    """
    patterns = boilerplate_for(lang)
    found: list[tuple[int, int, str]] = []
    for kind, rx in patterns.inline:
        found.extend((m.start(), m.end(), kind) for m in rx.finditer(text))
    title_key = _norm(title) if title else None
    first_key = None
    for n, m in enumerate(_LINE.finditer(text)):
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = m.start() + (len(line) - len(line.lstrip()))
        end = start + len(stripped)
        key = _norm(stripped)
        if title_key and key == title_key:
            found.append((start, end, "headline"))
            continue
        if first_key is None:
            first_key = key
        elif not title_key and key == first_key and n < 6:
            found.append((start, end, "headline"))
            continue
        if len(stripped) > MAX_BOILERPLATE_LINE:
            continue
        for kind, rx in patterns.lines:
            if rx.fullmatch(stripped):
                found.append((start, end, kind))
                break
    found.sort()
    return found


def clean(article: Article) -> Article:
    """Adds boilerplate stretches to ``article.ignored``; the text itself is not changed.

    Reads ``text``, ``lang``, ``title``; writes ``ignored`` (sorted, no repeats, so running it
    twice changes nothing) and ``meta["boilerplate"]`` (count per kind).
    """
    spans = find_boilerplate(article.text, article.lang, article.title)
    if not spans:
        return article
    article.ignored = sorted(set(article.ignored) | {(s, e) for s, e, _ in spans})
    counts: dict[str, int] = {}
    for _, _, kind in spans:
        counts[kind] = counts.get(kind, 0) + 1
    article.meta["boilerplate"] = counts
    return article
