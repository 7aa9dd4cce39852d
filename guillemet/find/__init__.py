"""Quote finding: quotation marks, cues, reported clauses and "selon" markers, then speakers.

``analyse_doc`` is the step the Extractor runs on each parsed article.
"""

from __future__ import annotations

from spacy.tokens import Doc

from guillemet.claims import find_claims
from guillemet.find import syntax
from guillemet.find.quotes import Found, find_quotes
from guillemet.identity import guess_speaker_type, speaker_id
from guillemet.lang.base import Language
from guillemet.names import repair_entities
from guillemet.record import Article, Quote, Speaker
from guillemet.resolve import ArticleEntities, Resolved


def analyse_doc(doc: Doc, article: Article, lang: Language) -> Article:
    """Fill ``article.quotes`` and ``article.speakers`` from its parse.

    Reads: the spaCy Doc of ``article.text`` (same offsets). Writes: quotes, speakers.
    """
    text = article.text
    from guillemet.learn import learned_steps
    from guillemet.learn.rules import run_rules
    from guillemet.learn.speakers import choose_speakers

    choose, speaker_model = learned_steps(lang)
    rp = run_rules(doc, article, lang, choose)
    resolved = choose_speakers(rp, speaker_model) if speaker_model is not None else rp.resolved
    previous = list(zip(rp.found, resolved))
    found = rp.found
    quotes: list[Quote] = []
    for f, res in previous:
        mention = None
        if f.mention is not None:
            toks = doc[f.mention[0]:f.mention[1]]
            mention = (toks[0].idx, toks[-1].idx + len(toks[-1].text))
            if text[mention[0]] in "-–" and mention[1] - mention[0] > 1:
                mention = (mention[0] + 1, mention[1])  # "-il" of "a-t-il": the pronoun
        quotes.append(Quote(
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
        ))
    # the most complete name of each entity, now that the whole article is read
    names = {}
    for f, res in previous:
        if res.entity is not None:
            names[id(res.entity)] = res.entity
    for q, (f, res) in zip(quotes, previous):
        if res.entity is not None:
            q.speaker = _best_name(res.entity)
    speakers: dict[str, Speaker] = {}
    for e in names.values():
        name = _best_name(e)
        type_ = e.type if e.type != "unknown" else guess_speaker_type(name, lang.code)
        sid = _safe_id(name, type_, lang.code)
        if sid is None:
            continue
        e.type = type_
        speakers.setdefault(sid, Speaker(id=sid, name=name, type=type_,
                                         aliases=sorted(set(e.aliases) - {name})))
    for q, (f, res) in zip(quotes, previous):
        if res.entity is not None and q.speaker:
            q.speaker_type = res.entity.type
            q.speaker_id = _safe_id(q.speaker, res.entity.type, lang.code)
        q.dates, q.numbers = find_claims(text, q.content, article.published, lang.code)
    article.quotes = quotes
    article.speakers = list(speakers.values())
    return article


def _safe_id(name: str, type_: str, lang: str) -> str | None:
    try:
        return speaker_id(name, type_, lang)
    except ValueError:
        return None


def _best_name(entity) -> str:
    from guillemet.resolve import name_words

    best = entity.name
    for alias in entity.aliases:
        if name_words(best) < name_words(alias) and entity.type == "person":
            best = alias
    return best
