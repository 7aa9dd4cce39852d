"""The store tests of tests/test_store.py, against a real PostgreSQL server (GUILLEMET_PG_URL).

Each test gets its own schema, dropped afterwards. Skipped when GUILLEMET_PG_URL is unset
(``source scripts/start-postgres.sh`` sets it); under CI=true that is a failure instead.
"""

from __future__ import annotations

import uuid
from urllib.parse import quote

import pytest

from conftest import pg_url_or_skip
from test_store import *  # noqa: F401,F403  (the same behaviours, collected again here)
from test_store import dump  # noqa: F401
from test_store_identity import *  # noqa: F401,F403

pytestmark = pytest.mark.postgres


def _schema_url(base: str, schema: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={schema},public')}"


@pytest.fixture
def pg_schema():
    """A fresh schema on the server (dropped after the test) and the URL that uses it."""
    psycopg = pytest.importorskip("psycopg", reason="install guillemet[postgres]")
    base = pg_url_or_skip()
    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield _schema_url(base, schema), schema
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def pg_schema_factory():
    """Makes more fresh schemas on demand (dropped after the test); returns their URLs."""
    psycopg = pytest.importorskip("psycopg")
    base = pg_url_or_skip()
    made = []

    def make() -> str:
        schema = "f_" + uuid.uuid4().hex[:12]
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        made.append(schema)
        return _schema_url(base, schema)

    yield make
    with psycopg.connect(base, autocommit=True) as conn:
        for schema in made:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def db(pg_schema) -> str:
    return pg_schema[0]


@pytest.fixture
def reference_db():
    """A second schema for the uninterrupted run of the kill test."""
    psycopg = pytest.importorskip("psycopg")
    base = pg_url_or_skip()
    schema = "r_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield _schema_url(base, schema)
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def test_postgres_uses_french_full_text(make_store):
    from guillemet.record import Article, Quote
    from guillemet.store import SearchQuery

    store = make_store()
    text = "« Les élections auront lieu », a déclaré Paul Durand."
    store.put([Article(text=text, id="pg-1", quotes=[Quote(kind="direct", content=(2, 26), content_text=text[2:26])])])
    assert store.search(SearchQuery(q="élection")).total == 1  # French stemming: plural, singular
    assert store.search(SearchQuery(q="election")).total == (1 if store.ts_config != "french" else 0)


def test_bad_url_says_what_to_do():
    from guillemet.errors import StoreError
    from guillemet.store import open_store

    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match="check the --db URL"):
        open_store("postgresql://nobody:wrong@127.0.0.1:1/none")


def test_two_stores_on_one_server_each_search_without_accents(pg_schema, reference_db):
    """A configuration made in one store's schema is invisible from another's search_path:
    each store must find or make its own (the fresh-database CI failure)."""
    from guillemet.record import Article, Quote
    from guillemet.store import SearchQuery, open_store

    text = "« Les élections auront lieu », a déclaré Paul Durand."
    for url in (pg_schema[0], reference_db):
        with open_store(url) as store:
            store.put([Article(text=text, id="pg-1",
                               quotes=[Quote(kind="direct", content=(2, 26), content_text=text[2:26])])])
            assert store.ts_config == "guillemet_french"
            assert store.search(SearchQuery(q="election")).total == 1


def test_dropping_a_store_schema_keeps_unaccent_for_the_others(pg_schema, reference_db):
    import psycopg

    from guillemet.store import open_store
    from conftest import pg_url_or_skip

    with open_store(pg_schema[0]):
        pass
    with psycopg.connect(pg_url_or_skip(), autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {pg_schema[1]} CASCADE")
        conn.execute(f"CREATE SCHEMA {pg_schema[1]}")
    with open_store(reference_db) as store:
        assert store.ts_config == "guillemet_french"


def test_a_read_only_store_answers_many_threads_at_once(pg_schema):
    from concurrent.futures import ThreadPoolExecutor

    from conftest import sample_articles
    from guillemet.store import SearchQuery, open_store

    with open_store(pg_schema[0]) as store:
        store.put(sample_articles())
    with open_store(pg_schema[0], readonly=True) as store:  # a connection per thread
        def search(i: int) -> tuple[int, int]:
            return (store.search(SearchQuery(q="budget" if i % 2 else None)).total,
                    store.speaker_profile("person:paul-durand").quote_count)

        with ThreadPoolExecutor(6) as pool:
            results = list(pool.map(search, range(36)))
        assert set(results) == {(6, 2), (1, 2)}
        assert len(store._readers) <= 6
