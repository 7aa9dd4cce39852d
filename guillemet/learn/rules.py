"""The rules' pass over one parsed article, kept whole for the learned steps to learn from."""

from __future__ import annotations

from spacy.tokens import Doc

from guillemet.lang.base import Language
from guillemet.names import repair_entities
from guillemet.nlp import analysis_text
from guillemet.record import Article


def prepare_doc(doc: Doc, article: Article, lang: Language) -> None:
    """Give the parse the article's text, Universal Dependencies and repaired person entities
    (in place), as the pipeline does before finding quotes."""
    parsed = analysis_text(article)
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    doc.user_data["guillemet.text"] = parsed if len(parsed) == end else doc.text
    lang.to_universal(doc)
    repair_entities(doc, lang)


def run_rules(doc: Doc, article: Article, lang: Language, choose=None):
    """Quotes (the rules', or ``choose``'s) and the rules' speakers: the pipeline's reading
    without the speaker model (guillemet.pipeline.read_quotes)."""
    from guillemet.pipeline import read_quotes

    return read_quotes(doc, article, lang, choose=choose, speaker_model=None)
