"""The store: articles, quotes and speakers in SQLite (default) or PostgreSQL, and search.

    store = open_store("guillemet.db")            # or "postgresql://user:pw@host/db"
    store.put(articles)                            # one transaction; upsert by article id
    store.search(SearchQuery(q="président", kind="direct"))

Tables are derived from the record's dataclasses (:mod:`guillemet.store.schema`).
"""

from __future__ import annotations

from pathlib import Path

from guillemet.store.base import Store
from guillemet.store.groups import GroupPage, Occurrence, QuoteGroup, Variant
from guillemet.store.query import (SORTS, FacetValue, Facets, GenderOverview, GenderShare, QuoteHit, SearchQuery,
                                   SearchResult, SpeakerCount, SpeakerProfile)

DEFAULT_DB = "guillemet.db"


def is_postgres_url(db: str | Path) -> bool:
    """Whether a ``--db`` value names a PostgreSQL server rather than an SQLite file."""
    return str(db).startswith(("postgresql://", "postgres://"))


def open_store(db: str | Path = DEFAULT_DB) -> Store:
    """The store a ``--db`` value names: a ``postgresql://`` URL or an SQLite file path.

    Args:
        db: A file path (created if missing) or a PostgreSQL URL.

    Returns:
        An open store; close it (or use it as a context manager) when done.

    Raises:
        StoreError: The database cannot be opened.
        MissingExtra: A PostgreSQL URL without ``guillemet[postgres]`` installed.
    """
    text = str(db)
    if is_postgres_url(text):
        from guillemet.store.postgres import PostgresStore

        return PostgresStore(text)
    from guillemet.store.sqlite import SQLiteStore

    return SQLiteStore(text)


__all__ = ["DEFAULT_DB", "SORTS", "FacetValue", "Facets", "GenderOverview", "GenderShare", "GroupPage", "Occurrence",
           "QuoteGroup", "QuoteHit", "SearchQuery", "SearchResult", "SpeakerCount", "SpeakerProfile", "Store",
           "Variant", "is_postgres_url", "open_store"]
