"""guillemet: who said what in the news.

    >>> from guillemet import extract
    >>> [(q.kind, q.speaker) for q in extract("« Nous tiendrons », a déclaré Paul Durand.")]
    [('direct', 'Paul Durand')]
"""

from guillemet.record import Article, DateRef, NumberRef, Quote, Speaker

__version__ = "0.1.0"
__all__ = ["Article", "DateRef", "Extractor", "NumberRef", "Quote", "Speaker", "extract",
           "extract_articles", "get_extractor"]

#: Names served by guillemet.pipeline, imported on first use: the pipeline imports spaCy, which
#: a command that never extracts (serve, export) should not pay for.
_PIPELINE = ("Extractor", "extract", "extract_articles", "get_extractor")


def __getattr__(name: str):
    if name in _PIPELINE:
        from guillemet import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'guillemet' has no attribute {name!r}")
