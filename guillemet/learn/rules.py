"""The rules' pass over one parsed article, kept whole for the learned steps to read."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from guillemet.find.quotes import Found, find_quotes
from guillemet.lang.base import Language
from guillemet.names import repair_entities
from guillemet.nlp import analysis_text
from guillemet.record import Article
from guillemet.resolve import ArticleEntities, Resolved
from guillemet.tidy import tidy


@dataclass(slots=True)
class RulePass:
    """What the rules found in one article: quotes, the article's sources, each quote's source."""

    doc: Doc
    article: Article
    lang: Language
    found: list[Found]
    entities: ArticleEntities
    resolved: list[Resolved]


def prepare_doc(doc: Doc, article: Article, lang: Language) -> None:
    """Give the parse the article's text and repair its person entities (in place)."""
    parsed = analysis_text(article)
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    # the parsed text for every step: the article's (ignored stretches blanked), not doc.text,
    # which spaCy rebuilds from the tokens on each read
    doc.user_data["guillemet.text"] = parsed if len(parsed) == end else doc.text
    repair_entities(doc, lang.named_after_nouns)


def run_rules(doc: Doc, article: Article, lang: Language, choose=None) -> RulePass:
    """Find quotes and resolve their speakers with the rules.

    Args:
        choose: Optional step ``(doc, lang, ignored, found) -> found`` that decides which
            quotes to keep (the quote model); the rules' quotes are kept when None.

    Reads: the spaCy Doc of ``article.text`` (same offsets). Writes: nothing on the article.
    """
    prepare_doc(doc, article, lang)
    found = find_quotes(doc, lang, article.ignored)
    if choose is not None:
        found = choose(doc, lang, article.ignored, found)
    found = tidy(doc, found)
    entities = ArticleEntities(doc, lang, [f.content for f in found if f.kind == "direct"])
    previous: list[tuple[Found, Resolved]] = []
    for f in found:
        previous.append((f, entities.resolve(f, previous)))
    return RulePass(doc, article, lang, found, entities, [r for _, r in previous])
