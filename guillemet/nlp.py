"""Loading spaCy models once per process, and the text they are given."""

from __future__ import annotations

from functools import lru_cache

from guillemet.errors import ModelNotInstalled
from guillemet.record import Article

#: Components guillemet never reads; disabled for speed.
UNUSED_COMPONENTS: tuple[str, ...] = ()


@lru_cache(maxsize=None)
def load(model: str):
    """Load a spaCy pipeline once per process.

    Raises:
        ModelNotInstalled: The model package is missing.
    """
    import spacy

    try:
        return spacy.load(model, disable=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelNotInstalled(model) from exc


def analysis_text(article: Article) -> str:
    """The text the parser sees: the article's, with ignored stretches blanked to spaces.

    Same length as ``article.text`` so every offset stays valid.
    """
    text = article.text
    if not article.ignored:
        return text
    chars = list(text)
    for start, end in article.ignored:
        for i in range(max(0, start), min(len(chars), end)):
            if chars[i] not in "\n":
                chars[i] = " "
    return "".join(chars)
