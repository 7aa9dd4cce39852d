"""Language identification (py3langid, offline) and routing of unsupported languages."""

from __future__ import annotations

from functools import lru_cache

from guillemet.nlp import analysis_text
from guillemet.record import Article

#: Below this many letters the guess is too unreliable to overrule the default language.
MIN_LETTERS = 40
#: Below this probability the guess is kept in meta but not applied.
MIN_CONFIDENCE = 0.5
#: Characters looked at: the start of the article is enough and keeps this fast.
SAMPLE_CHARS = 5000


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """The most likely ISO 639-1 language of a text and its probability (None when too short)."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None, 0.0
    lang, prob = _identifier().classify(sample)
    return lang, float(prob)


def _supported() -> tuple[str, ...]:
    from guillemet.lang import SUPPORTED

    return SUPPORTED


def identify_language(article: Article) -> Article:
    """Sets ``lang`` when the source gave none, and marks unsupported languages.

    Reads ``text`` (ignored stretches blanked), ``lang``, ``meta["lang_source"]``. A language
    the source states (``meta["lang_source"] == "source"``) is kept; otherwise the detected one
    replaces the default when confident. Writes ``lang``, ``meta["lang_detected"]``,
    ``meta["lang_confidence"]``, ``meta["lang_source"]``, and ``status="unsupported_language"``
    when guillemet has no pipeline for the language (the article is kept, never run through
    another language's rules).
    """
    if article.meta.get("lang_source") != "source":
        lang, prob = detect_language(analysis_text(article))
        if lang is not None:
            article.meta["lang_detected"] = lang
            article.meta["lang_confidence"] = round(prob, 3)
            if prob >= MIN_CONFIDENCE:
                article.lang = lang
                article.meta["lang_source"] = "detected"
    code = (article.lang or "").lower().split("-")[0].split("_")[0]
    if code not in _supported() and article.status == "ok":
        article.status = "unsupported_language"
    return article
