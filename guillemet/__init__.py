"""guillemet: who said what in the news.

    >>> from guillemet import extract
    >>> [(q.kind, q.speaker) for q in extract("« Nous tiendrons », a déclaré Paul Durand.")]
    [('direct', 'Paul Durand')]
"""

from guillemet.pipeline import Extractor, extract, extract_articles, get_extractor
from guillemet.record import Article, DateRef, NumberRef, Quote, Speaker

__version__ = "0.1.0"
__all__ = ["Article", "DateRef", "Extractor", "NumberRef", "Quote", "Speaker", "extract",
           "extract_articles", "get_extractor"]
