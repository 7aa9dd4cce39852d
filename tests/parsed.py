"""Short sentences of our own parsed with the French model as the pipeline parses them (the
text kept on the Doc, person names repaired): what the per-step tests read."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from guillemet.lang import get_language
from guillemet.names import repair_entities
from guillemet.nlp import load

FR = get_language("fr")


@lru_cache(maxsize=1)
def _nlp():
    return load(FR.model)


def parse(text: str) -> Doc:
    """A fresh Doc of ``text`` (steps mutate their Doc, so none is shared between tests)."""
    doc = _nlp()(text)
    doc.user_data["guillemet.text"] = text
    repair_entities(doc, FR)
    return doc
