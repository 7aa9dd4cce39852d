"""The steps every command runs on freshly read articles, chained over a stream."""

from __future__ import annotations

from typing import Iterable, Iterator

from guillemet.clean import clean
from guillemet.readers.langid import identify_language
from guillemet.readers.options import Skipped
from guillemet.readers.published import find_published
from guillemet.record import Article


def prepare_article(article: Article) -> Article:
    """clean → identify_language → find_published on one article."""
    return find_published(identify_language(clean(article)))


def prepare(items: Iterable[Article | Skipped], *, dedup=None) -> Iterator[Article | Skipped]:
    """Runs clean → identify_language → find_published on each article, in order.

    Args:
        items: What ``read_articles`` yields; a Skipped passes through untouched.
        dedup: A :class:`guillemet.dedup.Deduplicator`; exact duplicates are then dropped
            (their URLs added to the kept article) and near duplicates linked.

    Yields:
        The prepared articles and the Skipped items, in input order.
    """
    for item in items:
        if isinstance(item, Skipped):
            yield item
            continue
        article = prepare_article(item)
        if dedup is None or dedup.keep(article):
            yield article
