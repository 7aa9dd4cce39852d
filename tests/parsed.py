"""Short sentences of our own parsed as the pipeline parses them (the text kept on the Doc,
the parse in Universal Dependencies, person names repaired): what the per-step tests read.
French by default; ``parse(text, EN)`` for English."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from guillemet.lang import get_language
from guillemet.lang.base import Language
from guillemet.names import repair_entities
from guillemet.nlp import load

FR = get_language("fr")
EN = get_language("en")


@lru_cache(maxsize=2)
def _nlp(model: str):
    return load(model)


def parse(text: str, lang: Language = FR) -> Doc:
    """A fresh Doc of ``text`` (steps mutate their Doc, so none is shared between tests)."""
    doc = _nlp(lang.model)(text)
    doc.user_data["guillemet.text"] = text
    lang.to_universal(doc)
    repair_entities(doc, lang)
    return doc
