"""The extractor: an Article goes in, the same Article comes out with quotes and speakers.

Steps (each its own module, each a function over the record and the spaCy Doc):

    analyse        spaCy parse of the text, ignored stretches blanked (guillemet.nlp)
    find_quotes    direct, mixed, indirect and "selon" quotes with cues (guillemet.find)
    find_speakers  the mention at each cue (guillemet.find.speakers)
    resolve        mentions to the article's entities, names clustered (guillemet.resolve)
    claims         dates and numbers inside each quote (guillemet.claims)
"""

from __future__ import annotations

import logging
from typing import Iterable, Iterator

from guillemet import nlp as nlp_mod
from guillemet.lang import get_language
from guillemet.record import Article, Quote

log = logging.getLogger(__name__)


class Extractor:
    """Finds who said what in articles of one language, with one loaded model.

    Args:
        lang: Language code; its resources come from ``guillemet.lang``.
        model: spaCy model name, default the language's (``fr_core_news_md``).
        batch_size: Articles per ``nlp.pipe`` batch.

    Raises:
        UnsupportedLanguage: No resources for ``lang``.
        ModelNotInstalled: The model is missing.
    """

    def __init__(self, lang: str = "fr", model: str | None = None, batch_size: int = 16) -> None:
        self.lang = get_language(lang)
        self.nlp = nlp_mod.load(model or self.lang.model)
        self.batch_size = batch_size

    def __call__(self, article: Article) -> Article:
        """Extract the quotes of one article in place and return it."""
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article], batch_size: int | None = None) -> Iterator[Article]:
        """Extract many articles, streaming them through ``nlp.pipe``; order is kept.

        An article whose analysis fails comes back with ``status="error"`` and the reason in
        ``meta["error"]``; the others are unaffected.
        """
        from guillemet.find import analyse_doc  # the steps, imported late to keep CLI start fast
        from guillemet.speakers import settle_speakers

        texts = ((nlp_mod.parsable_text(a, self.nlp), a) for a in articles)  # too long: marked, not parsed
        for doc, article in self.nlp.pipe(texts, as_tuples=True, batch_size=batch_size or self.batch_size):
            if article.status != "ok":
                yield article
                continue
            try:
                analyse_doc(doc, article, self.lang)
                settle_speakers(article, doc, self.lang.code)
            except Exception as exc:  # one bad article must not stop the batch
                log.exception("extraction failed for %s", article.id)
                article.status = "error"
                article.meta["error"] = f"{type(exc).__name__}: {exc}"
                article.quotes = []
            yield article


_EXTRACTORS: dict[tuple[str, str | None], Extractor] = {}


def get_extractor(lang: str = "fr", model: str | None = None) -> Extractor:
    """A cached :class:`Extractor`, so the model loads once per process."""
    key = (lang, model)
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = Extractor(lang, model)
    return _EXTRACTORS[key]


def extract(text: str, *, lang: str = "fr", published: str | None = None) -> list[Quote]:
    """The quotes of one text.

    Args:
        text: Article text; offsets in the result index it exactly.
        lang: Its language.
        published: ISO date of publication, anchors relative dates ("vendredi").

    Returns:
        The quotes in text order.

    Example:
        >>> [q.speaker for q in extract("« Nous tiendrons », a déclaré Paul Durand.")]
        ['Paul Durand']
    """
    return get_extractor(lang)(Article(text=text, lang=lang, published=published)).quotes


def extract_articles(articles: Iterable[Article], *, lang: str = "fr", model: str | None = None,
                     batch_size: int = 16) -> Iterator[Article]:
    """Stream articles through the extractor (batched ``nlp.pipe``); order is kept."""
    yield from get_extractor(lang, model).pipe(articles, batch_size=batch_size)
